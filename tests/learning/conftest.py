"""Helpers for the learning-time tests: units for the cast, and policies."""

from datetime import date

from acculture.learning.models import AllowancePolicy
from acculture.people.models import UNIT_SEPARATOR, Person, Unit


def make_unit(org, path: str) -> Unit:
    parent = None
    parts = path.split(UNIT_SEPARATOR)
    for depth in range(len(parts)):
        here = UNIT_SEPARATOR.join(parts[: depth + 1])
        parent, _ = Unit.objects.get_or_create(
            organisation=org, path=here, defaults={"name": parts[depth], "depth": depth, "parent": parent}
        )
    return parent


def put_team_in(cast, path: str = "Direction / Team") -> Unit:
    """The manager's five reports (the employee and four team members) in one unit."""
    unit = make_unit(cast.org, path)
    Person.objects.filter(manager=cast.manager).update(unit=unit)
    cast.employee.refresh_from_db()
    return unit


def make_policy(org, minutes: int, start: date, unit: Unit | None = None, approval: bool = True):
    return AllowancePolicy.objects.create(
        organisation=org,
        unit=unit,
        minutes_per_month=minutes,
        effective_from=start,
        requires_approval=approval,
    )
