"""Helpers for the champions tests: competences to help with, sites, results."""

from django.test import override_settings
from django.utils import timezone

from acculture.frameworks.models import Competence, Domain, Framework
from acculture.people.models import Site

IMMEDIATE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)


def make_competences() -> list[Competence]:
    framework, _ = Framework.objects.get_or_create(
        code="crcn-test", version="1",
        defaults={"name_fr": "C", "name_en": "C", "attribution_fr": "-", "attribution_en": "-", "is_default": True},
    )  # fmt: skip
    domain, _ = Domain.objects.get_or_create(
        framework=framework, code="1", defaults={"name_fr": "D", "name_en": "D"}
    )
    names = [("1.1", "Searching for information"), ("2.1", "Sharing files"), ("3.1", "Writing documents")]
    return [
        Competence.objects.get_or_create(
            framework=framework,
            domain=domain,
            code=code,
            defaults={"name_fr": name, "name_en": name, "order": i},
        )[0]
        for i, (code, name) in enumerate(names)
    ]


def make_site(org, name: str) -> Site:
    return Site.objects.get_or_create(organisation=org, name=name)[0]


def make_result(person, level: float):
    """A finished assessment with its result, at `level` overall."""
    from acculture.assessments.models import Assessment, Result

    framework = Framework.objects.filter(is_default=True).first() or make_competences()[0].framework
    assessment = Assessment.objects.create(person=person, framework=framework, status="completed", mode="practice", seed=1,
                                           completed_at=timezone.now())  # fmt: skip
    return Result.objects.create(
        assessment=assessment, person=person, framework=framework, overall_level=level
    )
