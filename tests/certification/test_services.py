import re
from datetime import timedelta

import pytest
from django.utils import timezone

from acculture.assessments.models import Assessment, Response
from acculture.assessments.services import assessment_start, response_submit
from acculture.certification import services
from acculture.certification.models import Candidate, Certificate, CertificationSession, Incident
from acculture.certification.selectors import certificate_current
from acculture.content.models import Item
from tests.certification.conftest import answer_all, ready, yesterday_session

CODE = re.compile(r"^C-[ACDEFGHJKMNPQRTUVWXY34679]{8}$")


def test_a_session_gets_distinct_codes_for_candidates_and_proctor(session):
    assert len(session.candidate_code) == 6 and len(session.proctor_code) == 6
    assert session.candidate_code != session.proctor_code
    assert not set(session.candidate_code) & set("0O1IL")


def test_enrolling_a_person_twice_is_refused_and_changes_nothing(session, cast):
    services.candidate_enrol(session=session, person=cast.employee)
    with pytest.raises(services.CertificationRefused, match="already enrolled"):
        services.candidate_enrol(session=session, person=cast.employee)
    assert session.candidates.count() == 1


def test_a_full_session_refuses_one_more_candidate(session, cast):
    session.capacity = 1
    session.save()
    services.candidate_enrol(session=session, person=cast.employee)
    with pytest.raises(services.CertificationRefused, match="full"):
        services.candidate_enrol(session=session, person=cast.manager)


def test_a_wrong_code_an_old_session_or_no_enrolment_each_get_a_clear_refusal(session, cast):
    services.candidate_enrol(session=session, person=cast.employee)
    with pytest.raises(services.CertificationRefused, match="matches no session"):
        services.candidate_join(person=cast.employee, code="ZZZZZZ")
    with pytest.raises(services.CertificationRefused, match="not enrolled"):
        services.candidate_join(person=cast.manager, code=session.candidate_code)
    yesterday_session(session)
    with pytest.raises(services.CertificationRefused, match="only on the day"):
        services.candidate_join(person=cast.employee, code=session.candidate_code.lower())
    assert session.candidates.get().stage == Candidate.Stage.ENROLLED


def test_the_test_starts_only_after_the_proctor_checks_and_authorises(session, cast):
    candidate = services.candidate_enrol(session=session, person=cast.employee)
    services.candidate_join(person=cast.employee, code=f" {session.candidate_code.lower()} ")
    with pytest.raises(services.CertificationRefused, match="Wait for your proctor"):
        services.candidate_test_start(candidate=candidate)
    with pytest.raises(services.CertificationRefused, match="identity"):
        services.candidate_authorise(candidate=candidate, by=cast.proctor.user)
    services.candidate_check(candidate=candidate, by=cast.proctor.user)
    services.candidate_authorise(candidate=candidate, by=cast.proctor.user)
    candidate = services.candidate_test_start(candidate=candidate)
    assert candidate.stage == Candidate.Stage.TESTING
    assert candidate.assessment.mode == Assessment.Mode.CERTIFICATION


def test_only_certification_items_are_asked_and_never_one_seen_in_practice(session, cast, settings):
    settings.ASSESSMENT_RETAKE_DAYS = 0
    practice = assessment_start(person=cast.employee)
    seen = []
    for _ in range(12):
        practice.refresh_from_db()
        if practice.status == "completed":
            break
        seen.append(practice.current_item.code)
        response_submit(assessment_id=practice.pk, person=cast.employee, position=practice.current_position,
                        item_code=practice.current_item.code, response="b", idempotency_key=str(practice.current_position))  # fmt: skip
    candidate = answer_all(ready(session, cast.employee, cast.proctor.user))
    asked = set(candidate.assessment.responses.values_list("item__code", flat=True))
    assert asked, "the certification test asked nothing"
    assert not asked & set(seen)
    assert set(Item.objects.filter(code__in=asked).values_list("for_certification", flat=True)) == {True}


def test_a_practice_test_in_progress_does_not_block_the_certification_nor_resume_it(session, cast, settings):
    settings.ASSESSMENT_RETAKE_DAYS = 0
    practice = assessment_start(person=cast.employee)
    candidate = ready(session, cast.employee, cast.proctor.user)
    assert candidate.assessment.pk != practice.pk
    assert assessment_start(person=cast.employee).pk == practice.pk


def test_two_candidates_pass_the_session_is_finalised_and_certificates_are_issued(session, cast):
    first = answer_all(ready(session, cast.employee, cast.proctor.user), right=True)
    second = answer_all(ready(session, cast.manager, cast.proctor.user), right=True)
    assert first.stage == second.stage == Candidate.Stage.DONE
    assert services.session_finalise(session=session, by=cast.proctor.user) is True
    session.refresh_from_db()
    assert session.status == CertificationSession.Status.PUBLISHED
    certificate = Certificate.objects.get(person=cast.employee)
    assert CODE.match(certificate.code)
    assert set(certificate.levels) == {"1.1", "1.2", "2.1"}
    assert certificate.band and 1 <= certificate.overall_level <= 8
    assert certificate.expires_on == certificate.issued_on.replace(year=certificate.issued_on.year + 3)
    assert certificate.status == Certificate.Status.VALID
    assert certificate_current(cast.employee) == certificate
    # Finalising (or publishing) again changes nothing.
    assert services.session_finalise(session=session, by=cast.proctor.user) is False
    assert services.session_publish(session=session, by=cast.cdo.user) == 0
    assert Certificate.objects.count() == 2


def test_results_wait_for_the_cdo_when_the_session_asks_for_a_review(session, cast):
    session.review_required = True
    session.save()
    answer_all(ready(session, cast.employee, cast.proctor.user))
    services.session_finalise(session=session, by=cast.proctor.user)
    session.refresh_from_db()
    assert session.status == CertificationSession.Status.FINALISED
    assert not Certificate.objects.exists()
    assert services.session_publish(session=session, by=cast.cdo.user) == 1
    assert Certificate.objects.get().person == cast.employee


def test_answering_after_the_end_records_nothing(session, cast):
    candidate = ready(session, cast.employee, cast.proctor.user)
    assessment = candidate.assessment
    services.candidate_end(candidate=candidate, by=cast.proctor.user, reason="left the room")
    with pytest.raises(services.CertificationRefused, match="over"):
        services.candidate_answer(
            candidate=candidate, position=1, item_code=assessment.current_item.code, response="b"
        )
    assert not Response.objects.filter(assessment=assessment).exists()
    candidate.refresh_from_db()
    assert candidate.stage == Candidate.Stage.ENDED


def test_an_answer_after_the_time_limit_counts_as_i_dont_know(session, cast, settings):
    settings.CERTIFICATION_SECONDS_PER_ITEM = 60
    candidate = ready(session, cast.employee, cast.proctor.user)
    assessment = candidate.assessment
    item = assessment.current_item
    late = assessment.presented_at + timedelta(seconds=60 + services.TIME_LIMIT_GRACE_SECONDS + 1)
    services.candidate_answer(candidate=candidate, position=1, item_code=item.code, response="b", now=late)
    response = Response.objects.get(assessment=assessment, position=1)
    assert response.dont_know and not response.correct


def test_extra_time_lengthens_the_limit_of_each_question(session, cast, settings):
    settings.CERTIFICATION_SECONDS_PER_ITEM = 60
    candidate = services.candidate_enrol(session=session, person=cast.employee, extra_time_percent=50)
    assert candidate.seconds_per_item == 90
    candidate = ready(session, cast.manager, cast.proctor.user)
    candidate.extra_time_percent = 50
    candidate.save()
    assessment = candidate.assessment
    in_time = assessment.presented_at + timedelta(seconds=80)
    services.candidate_answer(
        candidate=candidate, position=1, item_code=assessment.current_item.code, response="b", now=in_time
    )
    assert Response.objects.get(assessment=assessment, position=1).correct


def test_too_few_answers_give_no_valid_result_with_the_reason(session, cast, settings):
    settings.CERTIFICATION_MIN_ANSWERS = 10
    candidate = ready(session, cast.employee, cast.proctor.user)
    for position in (1, 2):
        candidate.assessment.refresh_from_db()
        services.candidate_answer(candidate=candidate, position=position,
                                  item_code=candidate.assessment.current_item.code, response="b")  # fmt: skip
    services.session_finalise(session=session, by=cast.proctor.user)
    candidate.refresh_from_db()
    assert candidate.outcome == Candidate.Outcome.REJECTED
    assert "Only 2 questions count" in candidate.rejection_reason
    assert not Certificate.objects.exists()


def test_a_question_withdrawn_by_a_validated_incident_counts_for_no_one(session, cast):
    candidate = answer_all(ready(session, cast.employee, cast.proctor.user), right=True)
    answered = list(candidate.assessment.responses.order_by("position").select_related("item"))
    withdrawn = answered[0].item
    services.incident_record(session=session, by=cast.proctor.user, category=Incident.Category.QUESTION,
                             description="Two right answers", item=withdrawn, validated=True)  # fmt: skip
    services.incident_record(session=session, by=cast.proctor.user, category=Incident.Category.QUESTION,
                             description="Maybe unclear", item=answered[1].item, validated=False)  # fmt: skip
    services.session_finalise(session=session, by=cast.proctor.user)
    candidate.refresh_from_db()
    assert candidate.score["answers"] == len(answered) - 1
    assert candidate.score["withdrawn"] == 1


def test_a_validated_fraud_rejects_the_candidates_result(session, cast):
    candidate = answer_all(ready(session, cast.employee, cast.proctor.user))
    services.incident_record(session=session, by=cast.proctor.user, category=Incident.Category.FRAUD,
                             description="Phone on the desk", candidate=candidate, validated=True)  # fmt: skip
    services.session_finalise(session=session, by=cast.proctor.user)
    candidate.refresh_from_db()
    assert candidate.outcome == Candidate.Outcome.REJECTED
    assert "fraud" in candidate.rejection_reason


def test_finalising_ends_running_tests_and_marks_absentees(session, cast):
    running = ready(session, cast.employee, cast.proctor.user)
    absent = services.candidate_enrol(session=session, person=cast.manager)
    services.session_finalise(session=session, by=cast.proctor.user)
    running.refresh_from_db()
    absent.refresh_from_db()
    assert running.stage == Candidate.Stage.ENDED
    assert running.assessment.status == Assessment.Status.COMPLETED
    assert absent.stage == Candidate.Stage.ABSENT and absent.outcome == Candidate.Outcome.REJECTED
    with pytest.raises(services.CertificationRefused, match="finalised"):
        services.candidate_enrol(session=session, person=cast.champion)


def test_a_paused_candidate_cannot_answer_until_the_proctor_lets_them_resume(session, cast):
    candidate = ready(session, cast.employee, cast.proctor.user)
    services.candidate_pause(candidate=candidate, by=cast.proctor.user)
    item = candidate.assessment.current_item
    with pytest.raises(services.CertificationRefused, match="paused"):
        services.candidate_answer(candidate=candidate, position=1, item_code=item.code, response="b")
    services.candidate_authorise(candidate=candidate, by=cast.proctor.user)
    services.candidate_test_start(candidate=candidate)
    services.candidate_answer(candidate=candidate, position=1, item_code=item.code, response="b")
    assert candidate.assessment.responses.count() == 1


def test_a_revoked_certificate_is_no_longer_current(session, cast):
    answer_all(ready(session, cast.employee, cast.proctor.user))
    services.session_finalise(session=session, by=cast.proctor.user)
    certificate = Certificate.objects.get()
    with pytest.raises(services.CertificationRefused, match="reason"):
        services.certificate_revoke(certificate=certificate, by=cast.cdo.user, reason="  ")
    assert (
        services.certificate_revoke(certificate=certificate, by=cast.cdo.user, reason="Identity fraud")
        is True
    )
    assert services.certificate_revoke(certificate=certificate, by=cast.cdo.user, reason="Again") is False
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revocation_reason == "Identity fraud"
    assert certificate_current(cast.employee) is None


def test_an_expired_certificate_says_so(session, cast):
    answer_all(ready(session, cast.employee, cast.proctor.user))
    services.session_finalise(session=session, by=cast.proctor.user)
    certificate = Certificate.objects.get()
    later = certificate.expires_on + timedelta(days=1)
    assert certificate.status_on(later) == Certificate.Status.EXPIRED
    assert certificate.status_on(certificate.expires_on) == Certificate.Status.VALID
    assert timezone.localdate() <= certificate.expires_on
