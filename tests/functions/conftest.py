"""Helpers for the functions tests: the small bank of tests/assessments (competences
1.1, 1.2 and 2.1, one tutorial each), functions, holders and results."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from acculture.assessments.models import Assessment, Result
from acculture.frameworks.models import Competence
from acculture.functions.models import CompetenceRequirement, Function, Holding
from tests.assessments.conftest import make_bank


@pytest.fixture
def framework(db):
    return make_bank(per_level=1, levels=(2, 3))


def make_function(org, framework, name="Records officer", overall=None, minimums=None, **options) -> Function:
    function = Function.objects.create(
        organisation=org, name=name, framework=framework,
        overall_level=Decimal(str(overall)) if overall is not None else None, **options,
    )  # fmt: skip
    for code, value in (minimums or {}).items():
        CompetenceRequirement.objects.create(
            function=function, competence=Competence.objects.get(framework=framework, code=code),
            minimum_level=Decimal(str(value)),
        )  # fmt: skip
    return function


def hold(function, person, days_ago: int = 0) -> Holding:
    return Holding.objects.create(
        function=function, person=person, started_on=timezone.localdate() - timedelta(days=days_ago)
    )


def give_result(person, framework, overall: float, levels: dict[str, float], days_ago: int = 0) -> Result:
    """A finished assessment with these levels, completed `days_ago` days ago."""
    when = timezone.now() - timedelta(days=days_ago)
    assessment = Assessment.objects.create(
        person=person, mode=Assessment.Mode.PRACTICE, framework=framework, status=Assessment.Status.COMPLETED,
        started_at=when, completed_at=when, seed=1,
    )  # fmt: skip
    return Result.objects.create(
        assessment=assessment, person=person, framework=framework, completed_at=when, overall_level=overall,
        competences=[
            {"competence": code, "level": value, "theta": 0, "sd": 0.3, "low": value - 0.5, "high": value + 0.5,
             "band": "independent", "items": 3}
            for code, value in levels.items()
        ],
    )  # fmt: skip


def give_certificate(person, framework, overall: float, levels: dict[str, float], issued_on: date, **extra):
    from acculture.certification.models import Certificate

    return Certificate.objects.create(
        person=person, code=extra.pop("code", "C-ABCDEFGH"), framework=framework, overall_level=Decimal(str(overall)),
        band="independent", levels=levels, issued_on=issued_on,
        expires_on=extra.pop("expires_on", issued_on + timedelta(days=3 * 365)), **extra,
    )  # fmt: skip
