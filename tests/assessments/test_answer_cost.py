"""What one answer costs in queries: the pages a candidate loads at every question must
not pay for what they do not show (the roles of the actor, a second read of the item)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acculture.assessments.models import Assessment
from acculture.assessments.views import OWN_ASSESSMENT
from acculture.people.models import Role, User
from acculture.people.policy import actor_for
from tests.assessments.test_taking import answer_page, start


def test_roles_are_read_only_when_asked_and_still_complete(cast):
    user = User.objects.get(pk=cast.manager.user_id)  # read alone, without its person
    with CaptureQueriesContext(connection) as queries:
        actor = actor_for(user)
    assert len(queries) == 1  # the person; the roles wait until something asks
    with CaptureQueriesContext(connection) as queries:
        assert actor.roles == {Role.EMPLOYEE, Role.MANAGER}
        assert actor.has_role(Role.MANAGER)  # the second look is free
    assert len(queries) == 2
    assert actor_for(cast.hr.user).roles == {Role.EMPLOYEE, Role.HR}
    assert actor_for(cast.admin).roles == {Role.PLATFORM_ADMIN}


def test_a_question_and_an_answer_cost_few_queries(client, login, cast, bank, settings):
    settings.ASSESSMENT_BANK_CHECK_SECONDS = 60  # as a server does (tests check at every use)
    login(cast.employee)
    assessment = start(client)
    url = reverse("assessments:question", args=[assessment.pk])
    client.get(url)
    # the user with its person, the assessment alone (its item comes from the cached bank),
    # nothing for the roles, nothing for the session (its cache, settings.SESSION_CACHE).
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == 2, [q["sql"] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        assert answer_page(client, assessment).status_code == 302
    # + refresh_from_db and the item in answer_page, the update conditional on the
    # position (no locked re-read: the view's read is the one the engine stepped from),
    # the insert, the savepoint statements; no replay look-up for a first answer.
    assert len(queries) == 8, [q["sql"] for q in queries]


def test_the_explanation_shows_the_answer_and_its_tutorials_in_five_queries(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    item = assessment.current_item
    answer_page(client, assessment)
    url = reverse("assessments:feedback", args=[assessment.pk, 1])
    client.get(url)
    # user, person, the answer with its assessment and item, the item's tutorials.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) <= 4, [q["sql"] for q in queries]
    page = response.content.decode()
    assert response.status_code == 200
    assert "Right answer" in page and item.explanation_en in page and "Next question" in page
    tutorials = list(item.tutorials.all())
    assert ("To learn more:" in page) == bool(tutorials)
    for tutorial in tutorials:
        assert reverse("content:tutorial", args=[tutorial.code]) in page and tutorial.title_en in page


def test_the_explanation_is_only_for_ones_own_practice_answers(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    answer_page(client, assessment)
    url = reverse("assessments:feedback", args=[assessment.pk, 1])
    assert client.get(reverse("assessments:feedback", args=[assessment.pk, 2])).status_code == 404
    login(cast.manager)
    assert client.get(url).status_code == 404
    login(cast.employee)
    Assessment.objects.filter(pk=assessment.pk).update(mode=Assessment.Mode.CAMPAIGN)
    assert client.get(url).status_code == 404  # a campaign's explanations wait for its end


def test_an_answer_writes_only_what_it_changes_in_the_assessment(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    with CaptureQueriesContext(connection) as queries:
        assert answer_page(client, assessment).status_code == 302
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "assessments_assessment"')]
    assert len(updates) == 1
    changed = updates[0].split(" WHERE ")[0]
    assert '"current_position"' in changed and '"engine_state"' in changed
    assert '"person_id"' not in changed and '"campaign_id"' not in changed


def fields(obj) -> dict:
    return {name: value for name, value in vars(obj).items() if name != "_state"}


def test_an_assessment_in_progress_reads_back_with_its_engine_state(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    answer_page(client, assessment)
    read = OWN_ASSESSMENT.first(person=cast.employee.pk, pk=assessment.pk)
    assert fields(read) == fields(Assessment.objects.get(pk=assessment.pk))  # compiled once, same object
    assert read.engine_state["seen"] and isinstance(
        read.started_at.tzinfo, type(assessment.started_at.tzinfo)
    )


def test_someone_elses_assessment_or_a_missing_row_is_none(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    assert OWN_ASSESSMENT.first(person=cast.manager.pk, pk=assessment.pk) is None
    Assessment.objects.filter(pk=assessment.pk).update(mode=Assessment.Mode.CERTIFICATION)
    assert OWN_ASSESSMENT.first(person=cast.employee.pk, pk=assessment.pk) is None
