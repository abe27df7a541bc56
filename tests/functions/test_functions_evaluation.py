"""The evaluation rules of docs/functions.md: which evidence counts, gaps, grace."""

from datetime import timedelta
from decimal import Decimal

import time_machine
from django.utils import timezone

from acculture.functions.evaluation import (
    Evidence,
    Kind,
    Standing,
    eligibility_for,
    evaluate,
    months_before,
    standing,
)
from tests.functions.conftest import give_result, hold, make_function


def test_a_recent_assessment_meeting_every_minimum_meets_the_requirement(cast, framework):
    function = make_function(cast.org, framework, overall=3, minimums={"1.1": 3.5})
    give_result(cast.employee, framework, 3.2, {"1.1": 3.6, "1.2": 2.0}, days_ago=30)
    found = eligibility_for(cast.employee, function)
    assert found.met
    assert found.evidence.kind == Kind.ASSESSMENT
    assert [c.met for c in found.checks] == [True, True]


def test_each_requirement_says_met_or_not_with_its_gap(cast, framework):
    function = make_function(cast.org, framework, overall=3, minimums={"1.1": 4, "1.2": 2})
    give_result(cast.employee, framework, 3.4, {"1.1": 3.5, "1.2": 2.5}, days_ago=10)
    found = eligibility_for(cast.employee, function)
    assert not found.met
    assert [(c.code, c.met, c.gap) for c in found.checks] == [
        (None, True, Decimal("0")),
        ("1.1", False, Decimal("0.5")),
        ("1.2", True, Decimal("0")),
    ]


def test_a_competence_the_assessment_did_not_measure_is_not_met_with_the_whole_minimum_as_gap(
    cast, framework
):
    function = make_function(cast.org, framework, minimums={"2.1": 3})
    give_result(cast.employee, framework, 4.0, {"1.1": 5.0}, days_ago=1)
    (check,) = eligibility_for(cast.employee, function).checks
    assert (check.level, check.met, check.gap) == (None, False, Decimal("3"))


def test_levels_are_compared_at_one_decimal_as_people_see_them(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    give_result(cast.employee, framework, 2.96, {"1.1": 3.0}, days_ago=1)
    assert eligibility_for(cast.employee, function).met


def test_an_assessment_older_than_the_functions_months_guides_but_does_not_count(cast, framework):
    function = make_function(cast.org, framework, overall=3, assessment_months=6)
    give_result(cast.employee, framework, 5.0, {"1.1": 5.0}, days_ago=200)
    found = eligibility_for(cast.employee, function)
    assert not found.met and found.evidence is None
    assert found.guide.kind == Kind.ASSESSMENT and found.checks[0].met
    assert "more than 6 months old" in found.not_counted


def test_only_the_latest_assessment_counts_even_if_an_older_one_was_better(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    give_result(cast.employee, framework, 4.0, {"1.1": 4.0}, days_ago=60)
    give_result(cast.employee, framework, 2.5, {"1.1": 2.5}, days_ago=5)
    assert eligibility_for(cast.employee, function).checks[0].level == Decimal("2.5")


def test_a_function_requiring_a_certificate_does_not_accept_an_assessment(cast, framework):
    function = make_function(cast.org, framework, overall=3, evidence="certificate")
    give_result(cast.employee, framework, 5.0, {"1.1": 5.0}, days_ago=1)
    found = eligibility_for(cast.employee, function)
    assert not found.met
    assert "requires a certificate" in found.not_counted


def test_without_any_evidence_every_requirement_is_missed(cast, framework):
    function = make_function(cast.org, framework, overall=2, minimums={"1.1": 3})
    found = eligibility_for(cast.employee, function)
    assert (found.met, found.guide) == (False, None)
    assert [c.gap for c in found.checks] == [Decimal("2"), Decimal("3")]


def test_another_persons_result_is_never_evidence(cast, framework):
    function = make_function(cast.org, framework, overall=2)
    give_result(cast.manager, framework, 6.0, {"1.1": 6.0}, days_ago=1)
    assert eligibility_for(cast.employee, function).guide is None


def test_when_two_pieces_of_evidence_count_the_one_with_the_smaller_gap_wins(cast, framework):
    function = make_function(cast.org, framework, minimums={"1.1": 4, "1.2": 4})
    today = timezone.localdate()
    assessment = Evidence(Kind.ASSESSMENT, today, Decimal(3), {"1.1": Decimal(4), "1.2": Decimal("3.5")})
    certificate = Evidence(
        Kind.CERTIFICATE, today - timedelta(days=400), Decimal(3), {"1.1": Decimal(3)}, "C-X"
    )
    assert evaluate(function, [certificate, assessment]).evidence == assessment
    stronger = Evidence(
        Kind.CERTIFICATE, today - timedelta(days=400), Decimal(3), {"1.1": Decimal(4), "1.2": Decimal(4)}
    )
    assert evaluate(function, [assessment, stronger]).evidence == stronger


def test_on_a_tie_the_certificate_wins_over_the_assessment(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    today = timezone.localdate()
    assessment = Evidence(Kind.ASSESSMENT, today, Decimal(4), {})
    certificate = Evidence(Kind.CERTIFICATE, today - timedelta(days=30), Decimal(4), {}, "C-X")
    assert evaluate(function, [assessment, certificate]).evidence == certificate


def test_the_grace_period_runs_from_the_day_the_person_took_the_function(cast, framework):
    function = make_function(cast.org, framework, overall=3, grace_days=90)
    holding = hold(function, cast.employee, days_ago=0)
    found = eligibility_for(cast.employee, function)
    today = timezone.localdate()
    assert holding.grace_until == today + timedelta(days=90)
    assert standing(found, holding, today + timedelta(days=90)) == Standing.IN_GRACE
    assert standing(found, holding, today + timedelta(days=91)) == Standing.OVERDUE


def test_a_holder_who_meets_the_requirement_is_never_overdue(cast, framework):
    function = make_function(cast.org, framework, overall=3, grace_days=0)
    holding = hold(function, cast.employee, days_ago=400)
    give_result(cast.employee, framework, 3.5, {}, days_ago=1)
    assert standing(eligibility_for(cast.employee, function), holding, timezone.localdate()) == Standing.MET


def test_months_are_counted_on_the_calendar_including_short_months():
    from datetime import date

    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


@time_machine.travel("2026-06-30 10:00 +0000", tick=False)
def test_an_assessment_exactly_at_the_limit_still_counts(cast, framework):
    function = make_function(cast.org, framework, overall=3, assessment_months=6)
    give_result(
        cast.employee,
        framework,
        3.5,
        {},
        days_ago=(timezone.localdate() - months_before(timezone.localdate(), 6)).days,
    )
    assert eligibility_for(cast.employee, function).met
