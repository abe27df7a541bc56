"""Allowances per function: the most specific policy wins — a function the person holds,
then the deepest unit, then the organisation (docs/learning-time.md)."""

from datetime import date

import pytest
from django.urls import reverse

from acculture.functions.models import Function, Holding
from acculture.learning.models import AllowancePolicy
from acculture.learning.selectors import balance_for, policy_for
from acculture.learning.services import LearningRefused, allowance_policy_set
from tests.learning.conftest import make_policy, make_unit


@pytest.fixture
def function(cast):
    from tests.assessments.conftest import make_bank

    return Function.objects.create(
        organisation=cast.org, name="Records officer", framework=make_bank(levels=(2,)), overall_level=3
    )


def for_function(org, function, minutes, start):
    return AllowancePolicy.objects.create(
        organisation=org, function=function, minutes_per_month=minutes, effective_from=start
    )


def holds(function, person, since):
    Holding.objects.create(function=function, person=person, started_on=since)


def test_a_function_policy_beats_the_deepest_unit_policy_for_its_holders(cast, function):
    team = make_unit(cast.org, "Direction / Team")
    cast.employee.unit = team
    make_policy(cast.org, 120, date(2026, 1, 1))
    make_policy(cast.org, 240, date(2026, 1, 1), unit=team)
    for_records = for_function(cast.org, function, 180, date(2026, 1, 1))
    holds(function, cast.employee, date(2026, 2, 1))
    assert policy_for(cast.employee, date(2026, 3, 1)) == for_records
    assert policy_for(cast.manager, date(2026, 3, 1)).minutes_per_month == 120  # holds no function


def test_the_function_policy_applies_only_from_the_day_the_person_took_the_function(cast, function):
    everyone = make_policy(cast.org, 120, date(2026, 1, 1))
    for_function(cast.org, function, 300, date(2026, 1, 1))
    holds(function, cast.employee, date(2026, 3, 10))
    assert policy_for(cast.employee, date(2026, 3, 9)) == everyone
    assert policy_for(cast.employee, date(2026, 3, 10)).minutes_per_month == 300


def test_a_later_policy_for_the_same_function_replaces_the_earlier_one(cast, function):
    for_function(cast.org, function, 300, date(2026, 1, 1))
    later = for_function(cast.org, function, 200, date(2026, 5, 1))
    holds(function, cast.employee, date(2025, 1, 1))
    assert policy_for(cast.employee, date(2026, 6, 1)) == later


def test_holding_two_functions_gives_the_larger_allowance(cast, function):
    other = Function.objects.create(
        organisation=cast.org, name="Head of unit", framework=function.framework, overall_level=5
    )
    for_function(cast.org, function, 180, date(2026, 1, 1))
    generous = for_function(cast.org, other, 240, date(2026, 1, 1))
    holds(function, cast.employee, date(2026, 1, 1))
    holds(other, cast.employee, date(2026, 1, 1))
    assert policy_for(cast.employee, date(2026, 2, 1)) == generous


def test_the_balance_counts_the_function_allowance_month_by_month(cast, function, django_assert_num_queries):
    make_policy(cast.org, 120, date(2026, 1, 1))
    for_function(cast.org, function, 300, date(2026, 1, 1))
    holds(function, cast.employee, date(2026, 3, 15))
    with django_assert_num_queries(3):  # policies, the person's functions, the entries
        balance = balance_for(cast.employee, today=date(2026, 4, 15))
    # January and February at 120; March (held at its end) and April at 300.
    assert (balance.month.given, balance.year.given) == (300, 120 * 2 + 300 * 2)


def test_a_policy_for_a_function_of_another_organisation_or_with_a_unit_is_refused(cast, function):
    with pytest.raises(LearningRefused, match="function of your organisation"):
        allowance_policy_set(organisation=cast.other_org, unit=None, function=function, minutes_per_month=60,
                             effective_from=date(2026, 1, 1), created_by=None)  # fmt: skip
    with pytest.raises(LearningRefused, match="not both"):
        allowance_policy_set(organisation=cast.org, unit=make_unit(cast.org, "Direction"), function=function,
                             minutes_per_month=60, effective_from=date(2026, 1, 1), created_by=None)  # fmt: skip
    assert not AllowancePolicy.objects.exists()


def test_the_cdo_sets_a_policy_for_a_function_and_sees_it_in_the_list(cast, function, login):
    client = login(cast.cdo)
    form = {"function": function.pk, "minutes_per_month": "240", "effective_from": "2026-09-01"}
    response = client.post(reverse("learning:policy-create"), form)
    assert response.status_code == 302
    policy = AllowancePolicy.objects.get()
    assert (policy.function, policy.unit, policy.minutes_per_month) == (function, None, 240)
    assert "Holders of “Records officer”" in client.get(reverse("learning:policies")).content.decode()


def test_the_policy_form_refuses_a_unit_and_a_function_together(cast, function, login):
    unit = make_unit(cast.org, "Direction")
    form = {
        "unit": unit.pk,
        "function": function.pk,
        "minutes_per_month": "240",
        "effective_from": "2026-09-01",
    }
    response = login(cast.cdo).post(reverse("learning:policy-create"), form)
    assert "Choose a unit or a function, not both." in response.content.decode()
    assert not AllowancePolicy.objects.exists()


def test_another_organisations_function_is_not_offered_in_the_form(cast, function, login):
    form = {"function": function.pk, "minutes_per_month": "240", "effective_from": "2026-09-01"}
    response = login(cast.outsider).post(reverse("learning:policy-create"), form)
    assert response.status_code == 200 and "Choose a function from the list." in response.content.decode()
    assert not AllowancePolicy.objects.exists()


def test_the_team_figures_give_holders_their_function_allowance(cast, function):
    from acculture.learning.selectors import team_figures
    from tests.learning.conftest import put_team_in

    unit = put_team_in(cast)
    make_policy(cast.org, 100, date(2026, 1, 1))
    for_function(cast.org, function, 400, date(2026, 1, 1))
    holds(function, cast.employee, date(2025, 1, 1))
    figures = team_figures(cast.org, {unit.pk}, today=date(2026, 1, 31))
    assert figures.rows[0].given == 400 + 4 * 100
