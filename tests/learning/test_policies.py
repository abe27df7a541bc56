from datetime import date

from acculture.learning.selectors import policy_for
from tests.learning.conftest import make_policy, make_unit


def test_the_organisation_wide_policy_applies_when_no_unit_has_one(cast):
    everyone = make_policy(cast.org, 120, date(2026, 1, 1))
    assert policy_for(cast.employee, date(2026, 3, 1)) == everyone


def test_no_policy_applies_before_the_first_one_starts(cast):
    make_policy(cast.org, 120, date(2026, 1, 1))
    assert policy_for(cast.employee, date(2025, 12, 31)) is None


def test_the_latest_started_policy_wins_and_a_future_one_waits_for_its_date(cast):
    make_policy(cast.org, 60, date(2025, 1, 1))
    current = make_policy(cast.org, 120, date(2026, 1, 1))
    future = make_policy(cast.org, 240, date(2026, 9, 1))
    assert policy_for(cast.employee, date(2026, 8, 31)) == current
    assert policy_for(cast.employee, date(2026, 9, 1)) == future


def test_a_unit_policy_covers_the_units_below_it_and_beats_the_organisation_wide_one(cast):
    direction = make_unit(cast.org, "Direction")
    team = make_unit(cast.org, "Direction / Team")
    make_policy(cast.org, 120, date(2026, 6, 1))
    for_direction = make_policy(cast.org, 180, date(2026, 1, 1), unit=direction)
    cast.employee.unit = team
    assert policy_for(cast.employee, date(2026, 7, 1)) == for_direction


def test_the_deepest_unit_policy_wins_even_when_an_upper_one_started_later(cast):
    direction = make_unit(cast.org, "Direction")
    team = make_unit(cast.org, "Direction / Team")
    for_team = make_policy(cast.org, 240, date(2026, 1, 1), unit=team)
    make_policy(cast.org, 180, date(2026, 6, 1), unit=direction)
    cast.employee.unit = team
    assert policy_for(cast.employee, date(2026, 7, 1)) == for_team


def test_a_unit_policy_does_not_cover_a_sibling_unit_with_a_similar_name(cast):
    make_policy(cast.org, 240, date(2026, 1, 1), unit=make_unit(cast.org, "Direction / Team"))
    everyone = make_policy(cast.org, 120, date(2026, 1, 1))
    cast.employee.unit = make_unit(cast.org, "Direction / Team B")
    assert policy_for(cast.employee, date(2026, 7, 1)) == everyone


def test_another_organisations_policy_never_applies(cast):
    make_policy(cast.other_org, 600, date(2026, 1, 1))
    assert policy_for(cast.employee, date(2026, 7, 1)) is None
