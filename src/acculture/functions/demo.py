"""The demo's functions: four job roles with requirements in the demo organisation,
holders who meet them, are in their grace period or are past it, and more learning time
for one function — so that HR's list and the demo employee's page show something real.

Idempotent: functions are found by name, and holders and results are only added to a
function that has none yet.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from acculture.assessments.models import Assessment, Result
from acculture.frameworks.models import Competence, Framework
from acculture.functions.evaluation import eligibility_for
from acculture.functions.models import CompetenceRequirement, Function, Holding
from acculture.people.models import Organisation, Person

# name, description, overall minimum, {competence: minimum}, evidence, grace days, holders
DEMO_FUNCTIONS = [
    ("Gestionnaire de dossiers dématérialisés", "Instruit les dossiers des usagers dans les outils en ligne.",
     "3.0", {"1.1": "3.0", "2.1": "3.0"}, "assessment", 180, 14),
    ("Chef·fe de bureau", "Pilote une équipe et ses outils numériques.", "4.0", {"2.2": "4.0"}, "assessment", 120, 8),
    ("Référent·e données", "Garant·e de la qualité et de la protection des données du service.",
     "4.0", {"4.1": "4.5"}, "certificate", 240, 6),
    ("Agent·e d'accueil numérique", "Accompagne les usagers dans leurs démarches en ligne.",
     None, {"2.1": "3.0", "5.2": "2.5"}, "assessment", 90, 10),
]  # fmt: skip
DEMO_ALLOWANCE_MINUTES = 240  # four hours a month for the records officers


def _band(level: float) -> str:
    for low, code in ((7, "expert"), (5, "advanced"), (3, "independent"), (1, "novice")):
        if level >= low:
            return code
    return ""


def _result(
    person: Person, framework: Framework, codes: list[str], levels: dict[str, float], days_ago: int
) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    assessment = Assessment.objects.create(
        person=person, mode=Assessment.Mode.CAMPAIGN, framework=framework, status=Assessment.Status.COMPLETED,
        started_at=when - timedelta(minutes=35), completed_at=when, seed=person.pk, seconds_spent=35 * 60,
    )  # fmt: skip
    entries = [
        {"competence": code, "theta": 0.0, "sd": 0.4, "level": levels[code], "low": max(levels[code] - 0.6, 0),
         "high": min(levels[code] + 0.6, 8), "band": _band(levels[code]), "items": 3}
        for code in codes
    ]  # fmt: skip
    overall = round(sum(levels.values()) / len(levels), 1)
    Result.objects.create(
        assessment=assessment, person=person, framework=framework, completed_at=when, overall_level=overall,
        overall_band=_band(overall), competences=entries, items_answered=len(codes) * 3, seconds_spent=35 * 60,
    )  # fmt: skip


def _levels(rng: random.Random, codes: list[str], target: float, meets: bool) -> dict[str, float]:
    """Levels around `target`: all at or above it when `meets`, a clear gap otherwise."""
    shift = (0.2, 1.2) if meets else (-1.4, -0.4)
    return {code: round(min(max(target + rng.uniform(*shift), 0.5), 8), 1) for code in codes}


@transaction.atomic
def demo_build(organisation: Organisation, seed: int = 2026) -> str | None:
    framework = Framework.objects.filter(is_default=True).first()
    if framework is None:
        return None
    competences = {c.code: c for c in Competence.objects.filter(framework=framework)}
    codes = sorted(competences, key=lambda code: competences[code].order)
    rng = random.Random(seed)
    people = list(
        Person.objects.filter(organisation=organisation, is_active=True, user__isnull=True)
        .order_by("employee_number")
        .values_list("pk", flat=True)
    )
    rng.shuffle(people)
    employee = Person.objects.filter(organisation=organisation, email__startswith="employee@").first()
    today = timezone.localdate()
    added = 0
    functions = []
    for name, description, overall, minimums, evidence, grace_days, holders in DEMO_FUNCTIONS:
        function, _created = Function.objects.get_or_create(
            organisation=organisation, name=name,
            defaults={"description": description, "framework": framework, "evidence": evidence,
                      "overall_level": Decimal(overall) if overall else None, "grace_days": grace_days},
        )  # fmt: skip
        functions.append(function)
        for code, value in minimums.items():
            if code in competences:
                CompetenceRequirement.objects.get_or_create(
                    function=function,
                    competence=competences[code],
                    defaults={"minimum_level": Decimal(value)},
                )
        if function.holdings.exists():
            continue
        target = float(max([Decimal(overall or 0), *(Decimal(v) for v in minimums.values())]))
        chosen = [people.pop() for _ in range(min(holders, len(people)))]
        for index, person_pk in enumerate(chosen):
            # A third each: meets it, in the grace period, past it.
            kind = index % 3
            started = today - timedelta(days=grace_days // 3 if kind == 1 else grace_days + 30 + index)
            Holding.objects.create(function=function, person_id=person_pk, started_on=started)
            person = Person(pk=person_pk)
            if kind == 0 or rng.random() < 0.7:  # some people in the gap have no result at all
                _result(
                    person,
                    framework,
                    codes,
                    _levels(rng, codes, target, meets=kind == 0),
                    rng.randint(5, 200),
                )
            added += 1
    if employee is not None and not Holding.objects.filter(person=employee).exists():
        # The demo employee holds a function they do not meet yet, taken recently, so that
        # their page shows a gap and a path (other demos may have certified them already).
        if not Result.objects.filter(person=employee).exists():
            _result(employee, framework, codes, _levels(rng, codes, 3.0, meets=False), 15)
        chosen = next((f for f in functions if not eligibility_for(employee, f).met), functions[0])
        Holding.objects.create(function=chosen, person=employee, started_on=today - timedelta(days=20))
    _allowance(organisation, functions[0], today)
    return f"Functions: {len(functions)} with requirements, {added} holders added."


def _allowance(organisation: Organisation, function: Function, today) -> None:
    from acculture.learning.models import AllowancePolicy
    from acculture.learning.services import allowance_policy_set

    if not AllowancePolicy.objects.filter(organisation=organisation, function=function).exists():
        allowance_policy_set(
            organisation=organisation, unit=None, function=function, minutes_per_month=DEMO_ALLOWANCE_MINUTES,
            effective_from=today.replace(month=1, day=1), created_by=None,
        )  # fmt: skip
