"""The current profile: written when an assessment finishes, rebuilt by the command."""

from django.core.management import call_command
from django.test import override_settings

from acculture.assessments.services import assessment_start, response_submit
from acculture.insights.models import MonthlyFigure, Profile
from acculture.insights.services import decode_levels, profile_refresh
from tests.assessments.conftest import make_bank
from tests.insights.conftest import give_result


def finish_an_assessment(person):
    with override_settings(ASSESSMENT_RETAKE_DAYS=0):
        assessment = assessment_start(person=person)
    while assessment.status != "completed":
        assessment = response_submit(
            assessment_id=assessment.pk, person=person, position=assessment.current_position,
            item_code=assessment.current_item.code, response="b", idempotency_key=str(assessment.current_position),
        ).assessment  # fmt: skip
    return assessment


def test_finishing_an_assessment_writes_the_persons_current_profile(cast):
    make_bank()
    assert not Profile.objects.filter(person=cast.employee).exists()
    assessment = finish_an_assessment(cast.employee)
    profile = Profile.objects.get(person=cast.employee)
    result = assessment.result
    assert profile.overall_level == result.overall_level
    assert profile.organisation_id == cast.org.pk and profile.assessments == 1
    levels = decode_levels(["1.1", "1.2", "2.1"], profile.levels)
    assert levels == {e["competence"]: round(e["level"] * 10) / 10 for e in result.competences}


def test_a_later_result_updates_the_profile_and_keeps_the_first_level(cast):
    make_bank()
    give_result(cast.employee, 2.0, days_ago=90)
    give_result(cast.employee, 4.5, days_ago=5)
    profile = Profile.objects.get(person=cast.employee)
    assert (profile.overall_level, profile.first_level, profile.assessments) == (4.5, 2.0, 2)
    assert profile.band == "independent"


def test_a_competence_not_measured_again_keeps_its_last_level(cast):
    from acculture.assessments.models import Result

    make_bank()
    give_result(cast.employee, 2.0, days_ago=90)
    later = give_result(cast.employee, 5.0, days_ago=5)
    Result.objects.filter(pk=later.pk).update(competences=[{"competence": "1.1", "level": 5.0}])
    profile = profile_refresh(person_id=cast.employee.pk)
    assert decode_levels(["1.1", "1.2", "2.1"], profile.levels) == {"1.1": 5.0, "1.2": 2.0, "2.1": 2.0}


def test_the_rebuild_command_gives_the_same_profiles_and_the_monthly_figures(cast):
    make_bank()
    give_result(cast.employee, 2.0, days_ago=70)
    give_result(cast.manager, 6.0, days_ago=40)
    before = {p.person_id: (p.overall_level, bytes(p.levels)) for p in Profile.objects.all()}
    Profile.objects.all().delete()
    call_command("insights_rebuild", org=cast.org.slug, stdout=__import__("io").StringIO())
    after = {p.person_id: (p.overall_level, bytes(p.levels)) for p in Profile.objects.all()}
    assert after == before
    last = MonthlyFigure.objects.filter(organisation=cast.org).order_by("-month")
    assert sum(f.assessed for f in last.filter(month=last.first().month)) == 2
    assert MonthlyFigure.objects.filter(organisation=cast.org).values("month").distinct().count() == 12
