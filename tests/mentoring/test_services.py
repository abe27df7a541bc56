"""The workflows: enrolment rules, matching with the CDO's review, publication and answers,
meetings credited as learning time, feedback windows, nudges, and the report."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from acculture.learning.models import TimeEntry
from acculture.mentoring import services
from acculture.mentoring.models import Enrolment, Feedback, Meeting, Pair
from acculture.mentoring.selectors import outcome_for, programme_figures, reasons_in_words
from acculture.mentoring.services import MentoringRefused
from acculture.mentoring.tasks import pairs_nudge
from acculture.people.models import AuditEvent
from tests.mentoring.conftest import IMMEDIATE_TASKS
from tests.mentoring.factories import enrol, give_result, make_leader


def pair_of(scene, mentee) -> Pair:
    return Pair.objects.get(programme=scene.programme, mentee__person=mentee, status__in=Pair.LIVE)


def started(scene, cast) -> Pair:
    """Match, publish, both sides of Sonia's pair accept."""
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    pair = pair_of(scene, scene.sonia)
    services.pair_answer(pair=pair, person=pair.mentor.person, accept=True, charter=True)
    return services.pair_answer(
        pair=pair, person=scene.sonia, accept=True, charter=True, goals="Shared files"
    )


# --- Enrolment ----------------------------------------------------------------------------


def test_a_mentor_cannot_offer_a_skill_below_the_programmes_minimum_level(scene, cast):
    with pytest.raises(MentoringRefused, match="level 5 or more"):
        services.enrolment_save(programme=scene.programme, person=cast.champion, role="mentor",
                                competences=["2.1"], slots=["mon-am"], languages=["fr"])  # fmt: skip


def test_a_person_enrols_only_on_a_side_open_to_their_hierarchy_level(scene, cast):
    with pytest.raises(MentoringRefused, match="not open to you"):
        services.enrolment_save(programme=scene.programme, person=cast.hr, role="mentee",
                                competences=["1.1"], slots=["mon-am"], languages=["fr"])  # fmt: skip


def test_enrolling_again_changes_the_answers_and_adds_no_second_enrolment(scene, cast):
    services.enrolment_save(programme=scene.programme, person=scene.sonia, role="mentee", competences=["3.1", "x"],
                            slots=["fri-pm", "bad"], languages=["en"], goals_text=" Spreadsheets ")  # fmt: skip
    enrolment = Enrolment.objects.get(programme=scene.programme, person=scene.sonia)
    assert (enrolment.competences, enrolment.slots, enrolment.languages, enrolment.goals_text) == (
        ["3.1"],
        ["fri-pm"],
        ["en"],
        "Spreadsheets",
    )


def test_enrolment_closes_after_its_date(scene, cast):
    late = time_machine.travel(scene.programme.enrol_until + timedelta(days=1))
    with late, pytest.raises(MentoringRefused, match="enrolment has closed"):
        services.enrolment_save(programme=scene.programme, person=cast.facilitator, role="mentor",
                                competences=["1.1"], slots=["mon-am"], languages=["fr"])  # fmt: skip


# --- Matching and review ------------------------------------------------------------------


def test_matching_never_pairs_a_manager_with_someone_in_his_reporting_line(scene, cast):
    pairs = services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    assert len(pairs) == 2
    assert pair_of(scene, cast.manager).mentor.person == cast.champion  # not Emma, who reports to him
    assert pair_of(scene, scene.sonia).mentor.person == cast.employee


def test_each_proposal_comes_with_its_reasons_in_plain_words(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    words = reasons_in_words(pair_of(scene, scene.sonia))
    assert words[0] == "The mentor is strong on the mentee’s goals: Skill 1.1 (level 7), Skill 2.1 (level 6)."
    assert "2 times in common each week: Monday morning, Tuesday afternoon." in words
    assert "They can speak: Français." in words


def test_no_pair_is_proposed_across_languages(scene, cast):
    Enrolment.objects.filter(person=scene.sonia).update(languages=["en"])
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    assert not Pair.objects.filter(mentee__person=scene.sonia).exists()


def test_a_mentor_is_never_above_or_level_with_the_mentee(scene, cast):
    peer = make_leader(cast.org, "S002", "Paul", level="senior_manager")
    Enrolment.objects.filter(person=cast.employee).update(person=peer)  # a senior manager as mentor
    give_result(peer, scene.framework, {"1.1": 8.0, "1.2": 8.0, "2.1": 8.0, "3.1": 8.0})
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    assert not Pair.objects.filter(mentor__person=peer, mentee__person=scene.sonia).exists()


def test_a_locked_pair_survives_a_new_matching_and_an_excluded_one_never_returns(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    manager_pair = pair_of(scene, cast.manager)
    services.pair_lock(pair=manager_pair, locked=True, actor=cast.cdo.user)
    services.pair_exclude(pair=pair_of(scene, scene.sonia), actor=cast.cdo.user)
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    assert Pair.objects.filter(pk=manager_pair.pk, status="proposed", locked=True).exists()
    # Emma was excluded for Sonia and the champion is taken: Sonia waits.
    assert not Pair.objects.filter(mentee__person=scene.sonia, status__in=Pair.LIVE).exists()
    assert programme_figures(scene.programme)["waiting_for_new_match"] == 1


def test_swapping_is_refused_when_it_breaks_a_rule_and_changes_nothing(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    first, second = pair_of(scene, cast.manager), pair_of(scene, scene.sonia)
    with pytest.raises(MentoringRefused, match="cannot mentor"):
        services.pair_swap(first=first, second=second, actor=cast.cdo.user)
    assert pair_of(scene, cast.manager).mentor.person == cast.champion


def test_swapping_two_allowed_pairs_exchanges_their_mentors_and_locks_them(scene, cast):
    other = make_leader(cast.org, "S003", "Olga")
    enrol(scene.programme, other, "mentee")
    Enrolment.objects.filter(person=cast.manager).delete()
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    a, b = pair_of(scene, scene.sonia), pair_of(scene, other)
    before = {a.mentor_id, b.mentor_id}
    services.pair_swap(first=a, second=b, actor=cast.cdo.user)
    a.refresh_from_db()
    b.refresh_from_db()
    assert {a.mentor_id, b.mentor_id} == before and a.locked and b.locked


# --- Publication and answers --------------------------------------------------------------


def test_publishing_asks_both_sides_by_mail_and_sets_the_answer_date(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    with IMMEDIATE_TASKS, TestCase.captureOnCommitCallbacks(execute=True):
        count = services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    assert count == 2
    pair = pair_of(scene, scene.sonia)
    assert pair.status == "published"
    assert pair.respond_by == timezone.localdate() + timedelta(days=7)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.employee.email, cast.champion.email, cast.manager.email, scene.sonia.email]
    )


def test_both_accepting_starts_the_pair_and_records_the_charter(scene, cast):
    pair = started(scene, cast)
    assert pair.status == "active" and pair.charter_agreed and pair.agreed_goals == "Shared files"


def test_accepting_without_the_charter_is_refused(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    with pytest.raises(MentoringRefused, match="charter"):
        services.pair_answer(pair=pair_of(scene, scene.sonia), person=scene.sonia, accept=True)


def test_a_declined_pair_is_matched_again_with_someone_else(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    declined = pair_of(scene, scene.sonia)
    services.pair_answer(pair=declined, person=scene.sonia, accept=False)
    spare = cast.facilitator
    give_result(spare, scene.framework, {"1.1": 6.0, "1.2": 6.0, "2.1": 6.0, "3.1": 6.0})
    enrol(scene.programme, spare, "mentor")
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    again = pair_of(scene, scene.sonia)
    assert again.status == "proposed" and again.mentor.person == spare
    assert Pair.objects.get(pk=declined.pk).status == "declined"


def test_a_pair_not_answered_in_time_expires(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    pair = pair_of(scene, scene.sonia)
    late = time_machine.travel(timezone.now() + timedelta(days=8))
    with late, pytest.raises(MentoringRefused, match="time to answer has passed"):
        services.pair_answer(pair=pair, person=scene.sonia, accept=True, charter=True)
    pair.refresh_from_db()
    assert pair.status == "expired"


def test_someone_outside_the_pair_cannot_answer_for_it(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    with pytest.raises(MentoringRefused, match="Only the mentor and the mentee"):
        services.pair_answer(pair=pair_of(scene, scene.sonia), person=cast.hr, accept=False)


# --- Meetings, feedback, nudges, report ---------------------------------------------------


def test_a_meeting_counts_as_learning_time_for_both_once(scene, cast):
    pair = started(scene, cast)
    today = timezone.localdate()
    for _ in range(2):  # the same form sent twice
        meeting = services.meeting_log(pair=pair, person=scene.sonia, on=today, minutes=50, topics="Calendars",
                                       idempotency_key="k1")  # fmt: skip
    assert Meeting.objects.filter(pair=pair).count() == 1
    entries = TimeEntry.objects.filter(reference=f"mentoring-meeting:{meeting.pk}")
    assert sorted((e.person_id, e.minutes, e.source, e.status) for e in entries) == sorted(
        [(cast.employee.pk, 50, "mentoring", "approved"), (scene.sonia.pk, 50, "mentoring", "approved")]
    )


def test_no_meeting_before_both_accept_nor_in_the_future(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    with pytest.raises(MentoringRefused, match="both of you have accepted"):
        services.meeting_log(pair=pair_of(scene, scene.sonia), person=scene.sonia, on=timezone.localdate(),
                             minutes=30, topics="x")  # fmt: skip
    pair = started_after_publish(scene)
    with pytest.raises(MentoringRefused, match="today or in the past"):
        services.meeting_log(pair=pair, person=scene.sonia, on=timezone.localdate() + timedelta(days=1),
                             minutes=30, topics="x")  # fmt: skip


def started_after_publish(scene) -> Pair:
    pair = pair_of(scene, scene.sonia)
    services.pair_answer(pair=pair, person=pair.mentor.person, accept=True, charter=True)
    return services.pair_answer(pair=pair, person=scene.sonia, accept=True, charter=True)


def test_the_check_in_opens_half_way_and_is_given_once(scene, cast):
    pair = started(scene, cast)
    with pytest.raises(MentoringRefused, match="not open yet"):
        services.feedback_give(
            pair=pair, person=scene.sonia, kind="midpoint", rating=3, goals_reached="partly"
        )
    with time_machine.travel(scene.programme.midpoint + timedelta(days=1)):
        services.feedback_give(
            pair=pair, person=scene.sonia, kind="midpoint", rating=3, goals_reached="partly"
        )
        with pytest.raises(MentoringRefused, match="already given"):
            services.feedback_give(
                pair=pair, person=scene.sonia, kind="midpoint", rating=4, goals_reached="yes"
            )
        with pytest.raises(MentoringRefused, match="not open yet"):
            services.feedback_give(pair=pair, person=scene.sonia, kind="final", rating=4, goals_reached="yes")
    assert Feedback.objects.filter(pair=pair).count() == 1


def test_a_quiet_pair_is_nudged_once_per_silence(scene, cast):
    pair = started(scene, cast)
    with IMMEDIATE_TASKS:
        assert pairs_nudge.call() == 0  # just started
        with time_machine.travel(timezone.now() + timedelta(days=29)):
            assert pairs_nudge.call() == 1
            assert pairs_nudge.call() == 0  # run twice: nudged once
            services.meeting_log(
                pair=pair, person=scene.sonia, on=timezone.localdate(), minutes=30, topics="x"
            )
        with time_machine.travel(timezone.now() + timedelta(days=60)):
            assert pairs_nudge.call() == 1  # a new silence after the meeting
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.employee.email, scene.sonia.email] * 2)


def test_the_report_hides_feedback_counts_of_small_groups(scene, cast, settings):
    settings.MIN_GROUP_SIZE = 3
    pair = started(scene, cast)
    services.meeting_log(pair=pair, person=scene.sonia, on=timezone.localdate(), minutes=90, topics="x")
    with time_machine.travel(scene.programme.ends_on - timedelta(days=3)):
        services.feedback_give(pair=pair, person=scene.sonia, kind="final", rating=4, goals_reached="yes")
    figures = programme_figures(scene.programme)
    assert (figures["active"], figures["meetings"], figures["hours"]) == (1, 1, 1.5)
    final = next(s for s in figures["feedback"] if s["kind"] == "final")
    assert final["count"] == 1 and not final["shown"]
    assert figures["goals_reached"] is None


def test_the_outcome_shows_the_mentees_levels_before_and_after_the_pair(scene, cast):
    give_result(
        scene.sonia, scene.framework, {"1.1": 2.0, "2.1": 3.0}, when=timezone.now() - timedelta(days=40)
    )
    pair = started(scene, cast)
    assert [(r["code"], r["before"], r["after"]) for r in outcome_for(pair)] == [
        ("1.1", 2.0, None),
        ("2.1", 3.0, None),
    ]
    give_result(
        scene.sonia, scene.framework, {"1.1": 4.5, "2.1": 3.0}, when=timezone.now() + timedelta(seconds=1)
    )
    assert [(r["code"], r["gain"]) for r in outcome_for(pair)] == [("1.1", 2.5), ("2.1", 0.0)]


def test_matching_and_publishing_are_in_the_audit_log(scene, cast):
    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    actions = set(AuditEvent.objects.filter(actor=cast.cdo.user).values_list("action", flat=True))
    assert {"mentoring.matching_run", "mentoring.pairs_published"} <= actions


def test_closing_the_programme_ends_the_pairs_under_way(scene, cast):
    pair = started(scene, cast)
    services.programme_close(programme=scene.programme, actor=cast.cdo.user)
    pair.refresh_from_db()
    assert pair.status == "ended"
    assert Enrolment.objects.filter(programme=scene.programme).count() == 4


def test_the_report_shows_measured_progress_only_for_a_large_enough_group(scene, cast, settings):
    settings.MIN_GROUP_SIZE = 3
    give_result(
        scene.sonia, scene.framework, {"1.1": 2.0, "2.1": 3.0}, when=timezone.now() - timedelta(days=40)
    )
    started(scene, cast)
    give_result(
        scene.sonia, scene.framework, {"1.1": 4.0, "2.1": 4.0}, when=timezone.now() + timedelta(seconds=1)
    )
    assert programme_figures(scene.programme)["progress"] == {"count": 1, "shown": False, "mean_gain": None,
                                                               "improved": None}  # fmt: skip
    settings.MIN_GROUP_SIZE = 1  # below the floor of 3 only in this test, to read the figure itself
    assert programme_figures(scene.programme)["progress"] == {"count": 1, "shown": True, "mean_gain": 1.5,
                                                               "improved": 1}  # fmt: skip


def test_the_daily_command_expires_pairs_not_answered_in_time(scene, cast):
    import io

    from django.core.management import call_command

    services.matching_run(programme=scene.programme, actor=cast.cdo.user)
    services.programme_publish(programme=scene.programme, actor=cast.cdo.user)
    with IMMEDIATE_TASKS, time_machine.travel(timezone.now() + timedelta(days=8)):
        call_command("mentoring_nudges", stdout=io.StringIO())
    assert set(Pair.objects.filter(programme=scene.programme).values_list("status", flat=True)) == {"expired"}
    assert programme_figures(scene.programme)["waiting_for_new_match"] == 2
