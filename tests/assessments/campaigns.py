"""Helpers for the campaign tests: a small unit tree around the cast, and campaigns."""

from dataclasses import dataclass
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from acculture.assessments import campaign_services
from acculture.assessments.models import Assessment, Campaign
from acculture.people.models import Person, Site, Unit
from tests.assessments.conftest import make_bank
from tests.conftest import make_person

IMMEDIATE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)
DUMMY_TASKS = override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})


@dataclass
class Tree:
    """Siège ─┬─ DSI ─┬─ Bureau A (the manager's team: manager, employee, 4 members)
              │       └─ Bureau B (6 people, in Paris, 2 of them middle managers)
              └─ RH (hr, cdo, champion, facilitator, proctor)
    Everyone else of the cast sits in the Siège itself... except nobody: the Siège
    holds only its head."""

    root: Unit
    dsi: Unit
    bureau_a: Unit
    bureau_b: Unit
    rh: Unit
    lyon: Site
    paris: Site
    head: Person
    bureau_b_people: list[Person]


def unit(org, path: str, parent: Unit | None = None) -> Unit:
    return Unit.objects.create(
        organisation=org,
        parent=parent,
        name=path.rpartition(" / ")[2],
        path=path,
        depth=path.count(" / "),
    )


def build_tree(cast) -> Tree:
    org = cast.org
    root = unit(org, "Siège")
    dsi = unit(org, "Siège / DSI", root)
    bureau_a = unit(org, "Siège / DSI / Bureau A", dsi)
    bureau_b = unit(org, "Siège / DSI / Bureau B", dsi)
    rh = unit(org, "Siège / RH", root)
    lyon = Site.objects.create(organisation=org, name="Lyon")
    paris = Site.objects.create(organisation=org, name="Paris")
    head = make_person(org, "H001", "Hélène", "Head", level="executive", account=False)
    Person.objects.filter(pk=head.pk).update(unit=root, site=paris)
    Person.objects.filter(manager=cast.manager).update(unit=bureau_a, site=lyon)
    Person.objects.filter(pk=cast.manager.pk).update(unit=bureau_a, site=lyon, manager=head)
    Person.objects.filter(pk__in=[cast.hr.pk, cast.cdo.pk, cast.champion.pk, cast.facilitator.pk,
                                  cast.proctor.pk]).update(unit=rh, site=paris)  # fmt: skip
    people = [
        make_person(org, f"B00{i}", f"Bea{i}", "Bureau", account=False, level="middle_manager" if i < 2 else "staff")
        for i in range(6)
    ]  # fmt: skip
    Person.objects.filter(pk__in=[p.pk for p in people]).update(unit=bureau_b, site=paris)
    for person in (cast.employee, cast.manager, cast.hr, cast.cdo):
        person.refresh_from_db()
    return Tree(root, dsi, bureau_a, bureau_b, rh, lyon, paris, head, people)


def make_campaign(cast, *, framework=None, launch=False, **fields) -> Campaign:
    today = timezone.localdate()
    framework = framework or make_bank()
    values = {"title": "Autumn", "opens_on": today, "closes_on": today + timedelta(days=30), **fields}
    campaign = campaign_services.campaign_create(
        organisation=cast.org, created_by=cast.cdo.user, framework=framework, **values
    )
    if launch:
        with DUMMY_TASKS:
            campaign_services.campaign_launch(campaign=campaign, actor=cast.cdo.user)
        campaign.refresh_from_db()
    return campaign


def sit(campaign: Campaign, person: Person, *, completed: bool) -> Assessment:
    """Record a sitting of the campaign without answering questions (the figures only
    count sittings)."""
    return Assessment.objects.create(
        person=person,
        campaign=campaign,
        mode=Assessment.Mode.CAMPAIGN,
        framework=campaign.framework,
        status=Assessment.Status.COMPLETED if completed else Assessment.Status.IN_PROGRESS,
        seed=1,
    )
