import contextlib

import pytest
from django.test import override_settings

from acculture.assessments.models import Assessment, Result
from acculture.assessments.services import AssessmentRefused, assessment_start, response_submit
from acculture.learning.models import TimeEntry
from acculture.learning.services import credit_assessment
from tests.assessments.conftest import make_bank


def finish_an_assessment(person) -> Assessment:
    make_bank(codes=("1.1",), per_level=1, levels=(2, 3))
    with override_settings(ASSESSMENT_RETAKE_DAYS=0):
        assessment = assessment_start(person=person)
    Assessment.objects.filter(pk=assessment.pk).update(seconds_spent=0)
    while assessment.status != Assessment.Status.COMPLETED:
        assessment = response_submit(
            assessment_id=assessment.pk, person=person, position=assessment.current_position,
            item_code=assessment.current_item.code, response="b", idempotency_key=str(assessment.current_position),
        ).assessment  # fmt: skip
    return assessment


def test_finishing_an_assessment_credits_its_time_once(cast):
    assessment = finish_an_assessment(cast.employee)

    entry = TimeEntry.objects.get(person=cast.employee)
    result = Result.objects.get(assessment=assessment)
    assert entry.source == TimeEntry.Source.ASSESSMENT
    assert entry.status == TimeEntry.Status.APPROVED
    assert entry.reference == f"assessment:{assessment.pk}"
    assert entry.minutes == max(1, round(result.seconds_spent / 60))


def test_crediting_the_same_result_twice_records_one_entry(cast):
    assessment = finish_an_assessment(cast.employee)
    result = Result.objects.get(assessment=assessment)

    again = credit_assessment(result)

    assert TimeEntry.objects.filter(person=cast.employee).count() == 1
    assert again.reference == f"assessment:{assessment.pk}"


def test_an_answer_sent_after_the_end_credits_nothing_more(cast):
    assessment = finish_an_assessment(cast.employee)
    # Refused or reported as stale: either way the assessment stays finished once.
    with contextlib.suppress(AssessmentRefused):
        response_submit(
            assessment_id=assessment.pk, person=cast.employee, position=assessment.current_position,
            item_code="1.1-t2-0", response="b", idempotency_key="late",
        )  # fmt: skip
    assert Result.objects.filter(assessment=assessment).count() == 1
    assert TimeEntry.objects.filter(person=cast.employee).count() == 1


@pytest.mark.parametrize(("seconds", "minutes"), [(0, 1), (29, 1), (90, 2), (150, 2), (5400, 90)])
def test_the_credited_minutes_are_rounded_and_at_least_one(cast, seconds, minutes):
    assessment = finish_an_assessment(cast.employee)
    TimeEntry.objects.all().delete()
    result = Result.objects.get(assessment=assessment)
    result.seconds_spent = seconds
    assert credit_assessment(result).minutes == minutes
