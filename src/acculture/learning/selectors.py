"""Reads: which policy applies, a person's balance, a manager's group figures.

How a balance is counted (docs/learning-time.md has the same worked example):

- A month's allowance is the minutes of the policy that applies to the person at the
  end of that month (today, for the current month): a policy set mid-month counts for
  the whole month. Months before the hire month give nothing, and so do months before
  any policy starts.
- The most specific policy that has started applies: a policy for a function the
  person holds (from the day they took it), then the one of the deepest unit above or
  at the person's unit, then the organisation-wide one. Among one function's, one
  unit's or the organisation's policies, the one with the latest start. When the person
  holds several functions that have policies, the one giving the most time applies.
- Used time is approved time only; remaining time never goes below zero.

Example: 120 minutes a month from 1 January, 180 for the person's unit from 1 March,
hired on 10 February; on 15 April the year gives 120 (February) + 180 × 2 (March,
April) = 480 minutes. With 90 minutes approved in April and 30 pending, April shows
180 given, 90 used, 90 remaining; the year 480, 90, 390.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from acculture.learning.models import AllowancePolicy, TimeEntry
from acculture.people.models import UNIT_SEPARATOR, Organisation, Person, Unit
from acculture.people.privacy import groups_to_hide


def policies_for(organisation: Organisation) -> list[AllowancePolicy]:
    """Every policy of the organisation, with its unit: one query, resolved in Python."""
    return list(AllowancePolicy.objects.filter(organisation=organisation).select_related("unit"))


# A person's functions: function id → the day they took it.
Held = dict[int, date]


def functions_held(person_ids: Iterable[int], policies: Iterable[AllowancePolicy]) -> dict[int, Held]:
    """The functions each person holds, by person id; no query at all when no policy is
    for a function (most organisations), so a balance still costs two queries."""
    if not any(p.function_id for p in policies):
        return {}
    # Functions sit beside learning; imported here so that loading learning never needs them.
    from acculture.functions.models import Holding

    held: dict[int, Held] = {}
    for person_id, function_id, started_on in Holding.objects.filter(
        person_id__in=list(person_ids)
    ).values_list("person_id", "function_id", "started_on"):
        held.setdefault(person_id, {})[function_id] = started_on
    return held


def _covers(policy: AllowancePolicy, unit_path: str | None) -> bool:
    if policy.function_id is not None:
        return False
    if policy.unit is None:
        return True
    if unit_path is None:
        return False
    return unit_path == policy.unit.path or unit_path.startswith(policy.unit.path + UNIT_SEPARATOR)


def policy_on(
    policies: Iterable[AllowancePolicy], unit: Unit | None, on: date, held: Held | None = None
) -> AllowancePolicy | None:
    """The policy that applies on `on` to someone of `unit` holding the functions `held`
    (see the module docstring)."""
    held = held or {}
    by_function: dict[int, AllowancePolicy] = {}
    for policy in policies:
        taken = held.get(policy.function_id) if policy.function_id is not None else None
        if taken is not None and taken <= on and policy.effective_from <= on:
            current = by_function.get(policy.function_id)
            if current is None or (policy.effective_from, policy.pk) > (current.effective_from, current.pk):
                by_function[policy.function_id] = policy
    if by_function:
        return max(by_function.values(), key=lambda p: (p.minutes_per_month, p.effective_from, p.pk))
    unit_path = unit.path if unit is not None else None
    candidates = [p for p in policies if p.effective_from <= on and _covers(p, unit_path)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.unit.depth + 1 if p.unit else 0, p.effective_from, p.pk))


def policy_for(person: Person, on: date) -> AllowancePolicy | None:
    policies = policies_for(person.organisation)
    return policy_on(policies, person.unit, on, functions_held([person.pk], policies).get(person.pk))


def approval_required(organisation: Organisation, on: date) -> bool:
    """Whether declared time waits for the manager: the organisation-wide policy says so,
    and without one it does (the safe default)."""
    everyone = [p for p in policies_for(organisation) if p.unit_id is None and p.function_id is None]
    policy = policy_on(everyone, None, on)
    return policy.requires_approval if policy else True


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def allowance_by_month(
    policies: list[AllowancePolicy],
    unit: Unit | None,
    hire_date: date | None,
    today: date,
    held: Held | None = None,
) -> dict[int, int]:
    """Minutes given in each month of today's year, up to today's month."""
    given = {}
    for month in range(1, today.month + 1):
        end = min(_month_end(today.year, month), today)
        if hire_date is not None and hire_date > end:
            given[month] = 0
            continue
        policy = policy_on(policies, unit, end, held)
        given[month] = policy.minutes_per_month if policy else 0
    return given


@dataclass(frozen=True)
class Figures:
    given: int
    used: int

    @property
    def remaining(self) -> int:
        return max(self.given - self.used, 0)


@dataclass(frozen=True)
class Balance:
    month: Figures
    year: Figures
    pending: int
    policy: AllowancePolicy | None


def balance_for(person: Person, today: date | None = None) -> Balance:
    """The person's learning time this month and this year: two queries (three when
    the organisation has a policy for a function)."""
    today = today or timezone.localdate()
    policies = policies_for(person.organisation)
    held = functions_held([person.pk], policies).get(person.pk)
    given = allowance_by_month(policies, person.unit, person.hire_date, today, held)
    this_year = TimeEntry.objects.filter(person=person, date__year=today.year, date__lte=today)
    sums = this_year.aggregate(
        year=Sum("minutes", filter=Q(status=TimeEntry.Status.APPROVED)),
        month=Sum("minutes", filter=Q(status=TimeEntry.Status.APPROVED, date__month=today.month)),
        pending=Sum("minutes", filter=Q(status=TimeEntry.Status.PENDING)),
    )
    return Balance(
        month=Figures(given[today.month], sums["month"] or 0),
        year=Figures(sum(given.values()), sums["year"] or 0),
        pending=sums["pending"] or 0,
        policy=policy_on(policies, person.unit, today, held),
    )


def entries_for(person: Person):
    return TimeEntry.objects.filter(person=person).order_by("-date", "-created_at")


def pending_for_manager(manager: Person):
    """Declarations of the manager's direct reports that wait for a decision."""
    return (
        TimeEntry.objects.filter(person__manager=manager, status=TimeEntry.Status.PENDING)
        .select_related("person")
        .order_by("date", "pk")
    )


# --- A manager's group figures -------------------------------------------------------------


@dataclass
class UnitRow:
    unit: Unit
    people: int
    given: int = 0  # allowance given this year, summed over the unit's people
    used: int = 0  # approved time this year
    status: str = "shown"  # "shown", "small" (under the minimum) or "hidden" (differencing)

    @property
    def shown(self) -> bool:
        return self.status == "shown"

    @property
    def rate(self) -> int:
        return round(100 * self.used / self.given) if self.given else 0


@dataclass
class TeamFigures:
    rows: list[UnitRow] = field(default_factory=list)
    total: UnitRow | None = None
    minimum: int = 0


def team_figures(organisation: Organisation, unit_ids: set[int], today: date | None = None) -> TeamFigures:
    """Allowance given and time used this year in each of `unit_ids`, suppressed below
    MIN_GROUP_SIZE people. Four queries (five with a policy for a function), whatever the
    number of units and people.

    The total over all the units is shown too, so a small unit's figures could be worked
    out as the total minus the units shown: when the hidden people are fewer than the
    minimum, the smallest shown unit is hidden as well, until they are not.
    """
    today = today or timezone.localdate()
    minimum = settings.MIN_GROUP_SIZE
    units = {u.pk: u for u in Unit.objects.filter(organisation=organisation, pk__in=unit_ids)}
    policies = policies_for(organisation)
    people = list(
        Person.objects.active()
        .filter(organisation=organisation, unit_id__in=units)
        .values_list("pk", "unit_id", "hire_date")
    )
    used = dict(
        TimeEntry.objects.filter(
            person__in=[pk for pk, _u, _h in people],
            status=TimeEntry.Status.APPROVED,
            date__year=today.year,
            date__lte=today,
        )
        .values("person__unit_id")
        .annotate(total=Sum("minutes"))
        .values_list("person__unit_id", "total")
    )
    held = functions_held([pk for pk, _u, _h in people], policies)
    rows: dict[int, UnitRow] = {}
    given_cache: dict[tuple, int] = {}
    for pk, unit_id, hire_date in people:
        row = rows.setdefault(unit_id, UnitRow(unit=units[unit_id], people=0))
        row.people += 1
        functions = held.get(pk, {})
        key = (unit_id, hire_date, frozenset(functions.items()))
        if key not in given_cache:
            given_cache[key] = sum(
                allowance_by_month(policies, units[unit_id], hire_date, today, functions).values()
            )
        row.given += given_cache[key]
    for unit_id, row in rows.items():
        row.used = used.get(unit_id, 0)
    total = UnitRow(unit=None, people=sum(r.people for r in rows.values()))
    total.given = sum(r.given for r in rows.values())
    total.used = sum(r.used for r in rows.values())
    if total.people < minimum:
        total.status = "small"
    ordered = sorted(rows.values(), key=lambda r: r.unit.path)
    for row in ordered:
        if row.people < minimum:
            row.status = "small"
    if total.shown:
        for index in groups_to_hide(total.people, [r.people for r in ordered], minimum):
            if ordered[index].shown:
                ordered[index].status = "hidden"
    return TeamFigures(rows=ordered, total=total, minimum=minimum)


def monthly_given(person: Person, today: date | None = None) -> dict[int, int]:
    today = today or timezone.localdate()
    policies = policies_for(person.organisation)
    held = functions_held([person.pk], policies).get(person.pk)
    return allowance_by_month(policies, person.unit, person.hire_date, today, held)
