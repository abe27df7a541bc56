"""What one answer costs in queries: the pages a candidate loads at every question must
not pay for what they do not show (the roles of the actor, a second read of the item)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acculture.people.models import Role
from acculture.people.policy import actor_for
from tests.assessments.test_taking import answer_page, start


def test_roles_are_read_only_when_asked_and_still_complete(cast):
    with CaptureQueriesContext(connection) as queries:
        actor = actor_for(cast.manager.user)
    assert len(queries) == 1  # the person; the roles wait until something asks
    with CaptureQueriesContext(connection) as queries:
        assert actor.roles == {Role.EMPLOYEE, Role.MANAGER}
        assert actor.has_role(Role.MANAGER)  # the second look is free
    assert len(queries) == 2
    assert actor_for(cast.hr.user).roles == {Role.EMPLOYEE, Role.HR}
    assert actor_for(cast.admin).roles == {Role.PLATFORM_ADMIN}


def test_a_question_and_an_answer_cost_few_queries(client, login, cast, bank):
    login(cast.employee)
    assessment = start(client)
    url = reverse("assessments:question", args=[assessment.pk])
    client.get(url)
    # session, user, person, assessment with its item and framework, bank version (tests
    # check it at every request), nothing for the roles.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 5, [q["sql"] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        assert answer_page(client, assessment).status_code == 302
    # + refresh_from_db and the item in answer_page, the locked re-read, the replay check,
    # the insert, the update, the savepoint/commit statements.
    assert len(queries) <= 14, [q["sql"] for q in queries]
