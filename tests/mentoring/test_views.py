"""The pages: the CDO prepares, opens, matches, reviews and publishes; people enrol,
answer, log meetings and give feedback; nobody reaches what is not theirs."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from acculture.learning.models import TimeEntry
from acculture.mentoring import services
from acculture.mentoring.models import Enrolment, Feedback, Pair, Programme
from acculture.people.models import AuditEvent
from tests.mentoring.factories import give_result


def test_the_cdo_prepares_a_programme_and_opens_enrolment(cast, login, scene):
    client = login(cast.cdo)
    today = timezone.localdate()
    response = client.post(reverse("mentoring:programme-create"), {
        "title": "Spring cohort", "framework": scene.framework.pk, "enrol_until": today + timedelta(days=7),
        "starts_on": today + timedelta(days=7), "ends_on": today + timedelta(days=120), "meeting_every_days": 14,
        "meeting_minutes": 60, "answer_within_days": 5, "mentor_min_level": 5, "mentor_levels": ["staff"],
        "mentee_levels": ["executive", "senior_manager"], "charter": "Nothing leaves the room.",
    })  # fmt: skip
    programme = Programme.objects.get(title="Spring cohort")
    assert response.status_code == 302 and programme.status == "draft"
    client.post(reverse("mentoring:programme-action", args=[programme.pk]), {"action": "open"})
    programme.refresh_from_db()
    assert programme.status == "open"


def test_dates_out_of_order_are_refused_with_a_message_beside_the_field(cast, login, scene):
    today = timezone.localdate()
    response = login(cast.cdo).post(reverse("mentoring:programme-create"), {
        "title": "Bad", "framework": scene.framework.pk, "enrol_until": today, "starts_on": today + timedelta(days=7),
        "ends_on": today, "meeting_every_days": 14, "meeting_minutes": 60, "answer_within_days": 5,
        "mentor_min_level": 5, "mentor_levels": ["staff"], "mentee_levels": ["executive"], "charter": "x",
    })  # fmt: skip
    assert response.status_code == 400
    assert "End the programme after the day the pairs start." in response.content.decode()


def test_an_employee_sees_the_invitation_and_enrols_as_a_mentor(cast, login, scene):
    give_result(cast.facilitator, scene.framework, {"1.1": 6.0, "1.2": 2.0, "2.1": 2.0, "3.1": 2.0})
    client = login(cast.facilitator)
    assert "You are invited to join “Pilot”" in client.get(reverse("home")).content.decode()
    url = reverse("mentoring:enrol", args=[scene.programme.pk, "mentor"])
    response = client.post(url, {"competences": ["1.1"], "slots": ["wed-am"], "languages": ["fr", "en"],
                                 "mode": "online", "capacity": 2})  # fmt: skip
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=cast.facilitator)
    assert (enrolment.role, enrolment.capacity, enrolment.languages) == ("mentor", 2, ["fr", "en"])


def test_a_refused_enrolment_says_how_to_fix_it(cast, login, scene):
    url = reverse("mentoring:enrol", args=[scene.programme.pk, "mentor"])
    response = login(cast.facilitator).post(url, {"competences": ["1.1"], "slots": ["wed-am"], "languages": ["fr"],
                                                  "mode": "online", "capacity": 1})  # fmt: skip
    assert response.status_code == 400
    assert "Untick 1.1, or take the assessment again." in response.content.decode()
    assert not Enrolment.objects.filter(person=cast.facilitator).exists()


def test_the_cdo_runs_the_matching_reviews_the_reasons_and_publishes(cast, login, scene):
    client = login(cast.cdo)
    programme_url = reverse("mentoring:programme-action", args=[scene.programme.pk])
    response = client.post(programme_url, {"action": "match"})
    assert response["Location"] == reverse("mentoring:matching", args=[scene.programme.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The mentor is strong on the mentee’s goals: Skill 1.1 (level 7), Skill 2.1 (level 6)." in page
    assert AuditEvent.objects.filter(actor=cast.cdo.user, action="mentoring.proposals_viewed").exists()
    sonia_pair = Pair.objects.get(mentee__person=scene.sonia)
    client.post(reverse("mentoring:proposal-action", args=[sonia_pair.pk]), {"action": "lock"})
    assert Pair.objects.get(pk=sonia_pair.pk).locked
    client.post(programme_url, {"action": "publish"})
    assert set(Pair.objects.values_list("status", flat=True)) == {"published"}


def test_another_organisations_cdo_meets_not_found_on_every_change(cast, login, scene):
    services.matching_run(programme=scene.programme, actor=None)
    client = login(cast.outsider)
    pair = Pair.objects.first()
    assert (
        client.post(
            reverse("mentoring:programme-action", args=[scene.programme.pk]), {"action": "publish"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("mentoring:proposal-action", args=[pair.pk]), {"action": "exclude"}).status_code
        == 404
    )
    assert Pair.objects.filter(status="proposed").count() == 2


def test_the_matching_page_costs_the_same_queries_for_more_pairs(
    cast, login, scene, django_assert_max_num_queries
):
    services.matching_run(programme=scene.programme, actor=None)
    client = login(cast.cdo)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("mentoring:matching", args=[scene.programme.pk])).status_code == 200


def published(scene) -> Pair:
    services.matching_run(programme=scene.programme, actor=None)
    services.programme_publish(programme=scene.programme, actor=None)
    return Pair.objects.get(mentee__person=scene.sonia)


def test_a_pair_accepts_and_logs_a_meeting_that_counts_for_both(cast, login, scene):
    pair = published(scene)
    emma = login(cast.employee)
    answer = reverse("mentoring:pair-answer", args=[pair.pk])
    emma.post(answer, {"decision": "accept", "charter": "on"})
    sonia = login(scene.sonia)
    page = sonia.get(reverse("mentoring:pair-detail", args=[pair.pk])).content.decode()
    assert "Why this pair" in page and "What is said here stays here." in page
    sonia.post(answer, {"decision": "accept", "charter": "on", "goals": "Shared calendars"})
    pair.refresh_from_db()
    assert pair.status == "active"
    url = reverse("mentoring:meeting-create", args=[pair.pk])
    form = {"on": timezone.localdate().isoformat(), "minutes": 45, "topics": "Calendars", "key": "abc"}
    assert sonia.post(url, form).status_code == 302
    assert sonia.post(url, form).status_code == 302  # sent twice: logged once
    minutes = dict(TimeEntry.objects.filter(source="mentoring").values_list("person_id", "minutes"))
    assert minutes == {cast.employee.pk: 45, scene.sonia.pk: 45}


def test_accepting_without_ticking_the_charter_tells_what_to_do(cast, login, scene):
    pair = published(scene)
    client = login(scene.sonia)
    response = client.post(
        reverse("mentoring:pair-answer", args=[pair.pk]), {"decision": "accept"}, follow=True
    )
    assert "Tick the box to accept the charter, or decline the pair." in response.content.decode()
    pair.refresh_from_db()
    assert pair.mentee_answer == ""


def test_nobody_outside_the_pair_reaches_it(cast, login, scene):
    pair = published(scene)
    client = login(cast.hr)
    assert client.get(reverse("mentoring:pair-detail", args=[pair.pk])).status_code == 404
    assert (
        client.post(reverse("mentoring:pair-answer", args=[pair.pk]), {"decision": "decline"}).status_code
        == 404
    )
    assert Pair.objects.get(pk=pair.pk).status == "published"


def test_feedback_is_private_and_the_cdos_reading_is_audited(cast, login, scene):
    pair = published(scene)
    services.pair_answer(pair=pair, person=cast.employee, accept=True, charter=True)
    services.pair_answer(pair=pair, person=scene.sonia, accept=True, charter=True)
    with time_machine.travel(scene.programme.midpoint + timedelta(days=1)):
        client = login(scene.sonia)
        url = reverse("mentoring:feedback", args=[pair.pk, "midpoint"])
        assert (
            client.post(url, {"rating": 3, "goals_reached": "partly", "comment": "Slow start"}).status_code
            == 302
        )
    assert (
        "Slow start"
        not in login(cast.employee).get(reverse("mentoring:pair-detail", args=[pair.pk])).content.decode()
    )
    page = login(cast.cdo).get(reverse("mentoring:feedback-list", args=[scene.programme.pk])).content.decode()
    assert "Slow start" in page
    event = AuditEvent.objects.get(action="mentoring.feedback_read")
    assert event.detail["feedback"] == [Feedback.objects.get().pk]


def test_the_report_shows_activity_to_the_cdo(cast, login, scene):
    published(scene)
    page = login(cast.cdo).get(reverse("mentoring:report", args=[scene.programme.pk])).content.decode()
    assert "Waiting for both answers" in page and "Fewer than 5 answers" in page


def test_the_api_lists_the_callers_own_pairs(cast, login, scene):
    pair = published(scene)
    found = login(scene.sonia).get("/api/v1/mentoring/pairs").json()
    assert [(p["id"], p["side"], p["other"]) for p in found] == [(pair.pk, "mentee", "Emma Employee")]
    assert login(cast.hr).get("/api/v1/mentoring/pairs").json() == []


def test_the_reasons_read_in_french_by_default(cast, login, scene):
    from django.conf import settings
    from django.utils import translation

    pair = published(scene)
    client = login(scene.sonia)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with translation.override("fr"):
        page = client.get(reverse("mentoring:pair-detail", args=[pair.pk])).content.decode()
    assert "Pourquoi ce binôme" in page
    assert "2 créneaux en commun chaque semaine : Lundi matin, Mardi après-midi." in page
