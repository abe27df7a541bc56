"""A small organisation with profiles, for the dashboard tests.

    Direction (the CDO, HR and the others of the cast sit at the top: no unit)
    ├── Bureau A: 8 people (7 at Lyon, 1 at Nantes), assessed: one at 2.0, seven at 5.0
    │   └── Cellule A1: 6 people at Lyon, assessed at 4.0
    └── Bureau B: Marc the manager, Emma and 4 others, at Nantes; all but Emma assessed (3.0)

Profiles are written with `profile_refresh` from real Result rows, the way an
assessment's end writes them.
"""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from acculture.assessments.models import Assessment, Result
from acculture.frameworks.models import Framework
from acculture.insights.services import profile_refresh
from acculture.people.models import Person, Site
from tests.assessments.conftest import make_bank
from tests.conftest import make_person
from tests.learning.conftest import make_unit

IMMEDIATE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)


def give_result(
    person: Person, level: float, *, days_ago: int = 10, framework: Framework | None = None
) -> Result:
    framework = framework or Framework.objects.get(is_default=True)
    when = timezone.now() - timedelta(days=days_ago)
    assessment = Assessment.objects.create(
        person=person, mode="campaign", framework=framework, status="completed", started_at=when,
        completed_at=when, seed=1,
    )  # fmt: skip
    codes = list(framework.competences.order_by("order").values_list("code", flat=True))
    result = Result.objects.create(
        assessment=assessment, person=person, framework=framework, completed_at=when, overall_level=level,
        competences=[{"competence": code, "level": level} for code in codes],
    )  # fmt: skip
    profile_refresh(person_id=person.pk)
    return result


@pytest.fixture(autouse=True)
def forget_kept_figures():
    """The dashboard keeps its last reads per process; tests reuse primary keys, so each
    test starts with nothing kept."""
    from acculture.insights.population import forget_kept

    forget_kept()


@pytest.fixture
def world(cast):
    from acculture.insights.population import forget_kept

    forget_kept()
    make_bank()
    lyon = Site.objects.create(organisation=cast.org, name="Lyon")
    nantes = Site.objects.create(organisation=cast.org, name="Nantes")
    a = make_unit(cast.org, "Direction / Bureau A")
    a1 = make_unit(cast.org, "Direction / Bureau A / Cellule A1")
    b = make_unit(cast.org, "Direction / Bureau B")
    people = {"a": [], "a1": [], "b": []}
    for i in range(8):
        person = make_person(cast.org, f"A{i}", f"Ana{i}", "Bureau", account=False)
        Person.objects.filter(pk=person.pk).update(unit=a, site=lyon if i < 7 else nantes)
        people["a"].append(person)
        give_result(person, 2.0 if i == 0 else 5.0)
    for i in range(6):
        person = make_person(cast.org, f"C{i}", f"Cel{i}", "Cellule", account=False)
        Person.objects.filter(pk=person.pk).update(unit=a1, site=lyon)
        people["a1"].append(person)
        give_result(person, 4.0)
    team = [cast.manager, *Person.objects.filter(manager=cast.manager)]
    Person.objects.filter(pk__in=[p.pk for p in team]).update(unit=b, site=nantes)
    for person in team:
        if person != cast.employee:  # Emma has not taken it yet: 5 of the 6 are assessed
            give_result(person, 3.0)
    return {"a": a, "a1": a1, "b": b, "direction": a.parent, "lyon": lyon, "nantes": nantes, "people": people}
