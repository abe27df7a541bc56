"""Helpers for the Digital Factory tests: a lab, a workshop, sessions, and staff to fill them."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from acculture.factory import services
from acculture.factory.models import Factory, Session, Workshop
from acculture.people.models import Person, Site

IMMEDIATE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)


def make_lab(org, *, site_name: str | None = "Lyon", facilitators=()) -> Factory:
    site = Site.objects.get_or_create(organisation=org, name=site_name)[0] if site_name else None
    name = f"Factory {site_name or 'online'}"
    return Factory.objects.filter(organisation=org, name=name).first() or services.factory_save(
        organisation=org, name=name, site=site, facilitators=facilitators
    )


def make_workshop(org, title: str = "Strong passwords", *, targets=(), **fields) -> Workshop:
    values = {
        "description": "Hands on.",
        "track": "digital_skills",
        "format": "on_site",
        "duration_minutes": 90,
    }
    return services.workshop_save(organisation=org, title=title, targets=targets, **{**values, **fields})


def make_session(
    cast, *, capacity: int = 10, days: float = 7, workshop=None, lab=None, publish: bool = True, **fields
) -> Session:
    starts = timezone.now() + timedelta(days=days)
    fields.setdefault("time_zone", "Europe/Paris")
    return services.session_create(
        workshop=workshop or make_workshop(cast.org),
        factory=lab or make_lab(cast.org, facilitators=[cast.facilitator]),
        facilitator=cast.facilitator,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=90),
        capacity=capacity,
        publish=publish,
        **fields,
    )


def make_staff(org, n: int, prefix: str = "S") -> list[Person]:
    return [
        Person.objects.create(
            organisation=org,
            employee_number=f"{prefix}{i:03}",
            first_name=f"Staff{i}",
            last_name=prefix,
            email=f"staff{i}.{prefix.lower()}@{org.slug}.example",
        )
        for i in range(n)
    ]


def started(session: Session, minutes: int = 10) -> Session:
    """Move a session into the past (attendance opens at the start)."""
    session.starts_at = timezone.now() - timedelta(minutes=minutes)
    session.ends_at = session.starts_at + timedelta(minutes=90)
    session.save(update_fields=["starts_at", "ends_at"])
    return session


@pytest.fixture
def session(cast):
    return make_session(cast)
