from datetime import date

from acculture.learning.models import TimeEntry
from acculture.learning.selectors import balance_for
from tests.learning.conftest import make_policy, put_team_in


def entry(person, minutes, on, status=TimeEntry.Status.APPROVED):
    return TimeEntry.objects.create(person=person, source="declared", minutes=minutes, date=on, status=status)


def test_the_worked_example_of_the_documentation_adds_up(cast):
    """120 min/month for everyone from 1 January, 180 for the unit from 1 March, hired on
    10 February; on 15 April: February 120 + March and April 180 each = 480 for the year."""
    team = put_team_in(cast)
    make_policy(cast.org, 120, date(2026, 1, 1))
    make_policy(cast.org, 180, date(2026, 3, 1), unit=team)
    cast.employee.hire_date = date(2026, 2, 10)
    cast.employee.save()
    entry(cast.employee, 90, date(2026, 4, 2))
    entry(cast.employee, 30, date(2026, 4, 3), status=TimeEntry.Status.PENDING)
    entry(cast.employee, 45, date(2026, 4, 4), status=TimeEntry.Status.REJECTED)
    entry(cast.employee, 60, date(2025, 12, 1))  # last year: not this year's time

    balance = balance_for(cast.employee, today=date(2026, 4, 15))

    assert (balance.month.given, balance.month.used, balance.month.remaining) == (180, 90, 90)
    assert (balance.year.given, balance.year.used, balance.year.remaining) == (480, 90, 390)
    assert balance.pending == 30


def test_a_policy_set_mid_month_counts_for_the_whole_month(cast):
    make_policy(cast.org, 120, date(2026, 4, 15))
    balance = balance_for(cast.employee, today=date(2026, 4, 20))
    assert (balance.month.given, balance.year.given) == (120, 120)


def test_remaining_time_never_goes_below_zero(cast):
    make_policy(cast.org, 60, date(2026, 1, 1))
    entry(cast.employee, 200, date(2026, 1, 5))
    balance = balance_for(cast.employee, today=date(2026, 1, 20))
    assert (balance.month.used, balance.month.remaining) == (200, 0)


def test_without_a_policy_nothing_is_given(cast):
    balance = balance_for(cast.employee, today=date(2026, 4, 15))
    assert (balance.year.given, balance.policy) == (0, None)


def test_the_balance_costs_two_queries(cast, django_assert_num_queries):
    make_policy(cast.org, 60, date(2026, 1, 1))
    with django_assert_num_queries(2):
        balance_for(cast.employee, today=date(2026, 4, 15))
