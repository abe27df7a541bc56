"""Reads: a person's functions and eligibility, the learning path that closes a gap, and
HR's list of holders who do not meet their function's requirement."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone

from acculture.content.models import Tutorial
from acculture.frameworks.models import Competence
from acculture.functions import factory_link
from acculture.functions.evaluation import Check, Eligibility, Standing, evaluate, evidence_for, standing
from acculture.functions.models import CompetenceRequirement, Function, Holding
from acculture.people.models import UNIT_SEPARATOR, Organisation, Person, Unit

PATH_TUTORIALS = 2  # per competence: the next step up, not a reading list
PATH_WORKSHOPS = 3
OVERALL_COMPETENCES = 3  # an overall gap is closed on the weakest competences first


def functions_of(organisation: Organisation):
    return Function.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("competence_requirements", CompetenceRequirement.objects.select_related("competence"))
    )


def holdings_of(person: Person):
    return Holding.objects.filter(person=person).select_related("function").order_by("function__name")


@dataclass
class Step:
    """Closing one competence's gap: where the person stands, the target, what helps."""

    code: str
    name: str
    level: object  # Decimal or None (not measured)
    target: object
    tutorials: list = field(default_factory=list)
    workshops: list = field(default_factory=list)


def _gap_competences(eligibility: Eligibility) -> list[tuple[Competence, object, object]]:
    """(competence, current level, target) for each competence to work on."""
    chosen: dict[int, tuple] = {}
    by_id = {}
    for check in eligibility.gaps:
        if check.code is not None:
            chosen[check.competence_id] = (check.level, check.minimum)
    overall: Check | None = next((c for c in eligibility.gaps if c.code is None), None)
    if overall is not None and eligibility.guide is not None:
        levels = eligibility.guide.levels
        weakest = sorted(
            (
                c
                for c in Competence.objects.filter(framework_id=eligibility.function.framework_id)
                if c.pk not in chosen and (levels.get(c.code) is None or levels[c.code] < overall.minimum)
            ),
            key=lambda c: (levels.get(c.code) is not None, levels.get(c.code) or 0, c.order),
        )[:OVERALL_COMPETENCES]
        for competence in weakest:
            by_id[competence.pk] = competence
            chosen[competence.pk] = (levels.get(competence.code), overall.minimum)
    missing = [pk for pk in chosen if pk not in by_id]
    by_id.update(Competence.objects.in_bulk(missing))
    return [(by_id[pk], current, target) for pk, (current, target) in chosen.items()]


def learning_path(eligibility: Eligibility, language: str) -> list[Step]:
    """For each competence to work on, up to two tutorials aimed just above the person's
    level (nearest first) and the workshops that target it."""
    gaps = _gap_competences(eligibility)
    if not gaps:
        return []
    ids = [competence.pk for competence, _l, _t in gaps]
    tutorials: dict[int, list[Tutorial]] = {}
    for tutorial in Tutorial.objects.filter(competence_id__in=ids, is_active=True).order_by("level", "code"):
        tutorials.setdefault(tutorial.competence_id, []).append(tutorial)
    workshops = factory_link.workshops_for(
        eligibility.function.organisation_id, {competence.pk: current for competence, current, _t in gaps}
    )
    steps = []
    for competence, current, target in gaps:
        floor = int(current or 0)
        ranked = sorted(
            tutorials.get(competence.pk, []), key=lambda t: (t.level <= floor, abs(t.level - floor - 1))
        )[:PATH_TUTORIALS]
        steps.append(
            Step(
                code=competence.code,
                name=getattr(competence, f"name_{language}") or competence.name_fr,
                level=current,
                target=target,
                tutorials=[
                    {
                        "code": t.code,
                        "title": t.title(language),
                        "minutes": t.duration_minutes,
                        "level": t.level,
                    }
                    for t in ranked
                ],
                workshops=workshops.get(competence.pk, [])[:PATH_WORKSHOPS],
            )
        )
    return steps


def eligibility_with_path(
    person: Person, function: Function, language: str, today: date | None = None
) -> Eligibility:
    found = evidence_for([person.pk], [function.framework_id])
    eligibility = evaluate(function, found.get((person.pk, function.framework_id), []), today)
    eligibility.path = learning_path(eligibility, language)
    return eligibility


# --- HR: who holds a function without meeting its requirement -----------------------------


@dataclass
class ComplianceRow:
    holding: Holding
    eligibility: Eligibility
    standing: str

    @property
    def person(self) -> Person:
        return self.holding.person

    @property
    def function(self) -> Function:
        return self.holding.function

    @property
    def in_grace(self) -> bool:
        return self.standing == Standing.IN_GRACE


def compliance_rows(
    organisation: Organisation,
    *,
    function: Function | None = None,
    unit: Unit | None = None,
    include_met: bool = False,
    today: date | None = None,
) -> list[ComplianceRow]:
    """Holders who do not meet their function's requirement (all holders with
    `include_met`), overdue first, then by grace date. `unit` covers the units below it.
    A fixed number of queries whatever the number of holders."""
    today = today or timezone.localdate()
    holdings = Holding.objects.filter(function__organisation=organisation, person__is_active=True)
    if function is not None:
        holdings = holdings.filter(function=function)
    if unit is not None:
        holdings = holdings.filter(_in_branch(unit))
    holdings = list(holdings.select_related("function", "person", "person__unit"))
    functions = {h.function_id: h.function for h in holdings}
    requirements: dict[int, list] = {}
    for requirement in CompetenceRequirement.objects.filter(function_id__in=functions).select_related(
        "competence"
    ):
        requirements.setdefault(requirement.function_id, []).append(requirement)
    evidences = evidence_for({h.person_id for h in holdings}, {f.framework_id for f in functions.values()})
    rows = []
    for holding in holdings:
        fn = functions[holding.function_id]
        eligibility = evaluate(
            fn, evidences.get((holding.person_id, fn.framework_id), []), today, requirements.get(fn.pk, [])
        )
        state = standing(eligibility, holding, today)
        if include_met or state != Standing.MET:
            rows.append(ComplianceRow(holding, eligibility, state))
    order = {Standing.OVERDUE: 0, Standing.IN_GRACE: 1, Standing.MET: 2}
    rows.sort(
        key=lambda r: (order[r.standing], r.holding.grace_until, r.person.last_name, r.person.first_name)
    )
    return rows


def _in_branch(unit: Unit) -> Q:
    # The unit itself or a unit below it: "Team" must not take in "Team B".
    return Q(person__unit=unit) | Q(person__unit__path__startswith=unit.path + UNIT_SEPARATOR)
