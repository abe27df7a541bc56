"""Job functions, the minimum digital level they require, and each person's gap.

A person reaches the functions of their own organisation and only their own
eligibility; another organisation's function is a 404."""

from datetime import date as Date
from decimal import Decimal

from django.utils.translation import get_language
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.functions import selectors
from acculture.functions.evaluation import Eligibility
from acculture.functions.models import Function, Holding
from acculture.people.models import Person

router = Router(tags=["functions"])


class RequirementOut(Schema):
    competence: str | None = Field(description="The competence's code; null for the overall level.")
    name: str
    minimum: Decimal
    level: Decimal | None = Field(description="The person's level on the evidence; null when not measured.")
    met: bool
    gap: Decimal = Field(description="How far below the minimum (0 when met).")


class TutorialOut(Schema):
    code: str
    title: str
    minutes: int
    level: int


class WorkshopOut(Schema):
    title: str
    url: str = ""
    next: str | None = Field(None, description="The next session's start (ISO 8601), if any.")


class StepOut(Schema):
    competence: str
    name: str
    level: Decimal | None
    target: Decimal
    tutorials: list[TutorialOut]
    workshops: list[WorkshopOut]


class EvidenceOut(Schema):
    kind: str = Field(description="assessment or certificate.")
    date: Date
    reference: str
    counts: bool = Field(description="False when it only guides (too old, or a certificate is required).")
    note: str = ""


class EligibilityOut(Schema):
    function: int
    name: str
    met: bool
    holds: bool = Field(description="Whether the caller holds this function.")
    grace_until: Date | None = Field(description="The end of the grace period, for a holder.")
    evidence: EvidenceOut | None
    requirements: list[RequirementOut]
    path: list[StepOut] = Field(description="A learning path to close each gap.")


class FunctionOut(Schema):
    id: int
    name: str
    overall_level: Decimal | None
    evidence: str = Field(description="assessment (a recent one is enough) or certificate.")
    assessment_months: int
    grace_days: int
    competences: dict[str, Decimal] = Field(description="Minimum level by competence code.")
    holds: bool


def _person(request) -> Person:
    person = request.actor.person
    if person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return person


def _language() -> str:
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def _eligibility_out(found: Eligibility, holding: Holding | None) -> EligibilityOut:
    guide = found.guide
    return EligibilityOut(
        function=found.function.pk,
        name=found.function.name,
        met=found.met,
        holds=holding is not None,
        grace_until=holding.grace_until if holding else None,
        evidence=EvidenceOut(
            kind=str(guide.kind),
            date=guide.on,
            reference=guide.reference,
            counts=found.evidence is not None,
            note=found.not_counted,
        )
        if guide
        else None,
        requirements=[
            RequirementOut(
                competence=c.code, name=c.name, minimum=c.minimum, level=c.level, met=c.met, gap=c.gap
            )
            for c in found.checks
        ],
        path=[
            StepOut(
                competence=s.code,
                name=s.name,
                level=s.level,
                target=s.target,
                tutorials=[TutorialOut(**t) for t in s.tutorials],
                workshops=[
                    WorkshopOut(
                        title=w["title"],
                        url=w.get("url", ""),
                        next=w["next"].isoformat() if w.get("next") else None,
                    )
                    for w in s.workshops
                ],
            )
            for s in found.path
        ],
    )


@router.get(
    "/", response={200: list[FunctionOut], 404: Error}, summary="The functions of the caller's organisation"
)
def function_list(request):
    person = _person(request)
    held = set(Holding.objects.filter(person=person).values_list("function_id", flat=True))
    return [
        FunctionOut(
            id=f.pk,
            name=f.name,
            overall_level=f.overall_level,
            evidence=f.evidence,
            assessment_months=f.assessment_months,
            grace_days=f.grace_days,
            competences={r.competence.code: r.minimum_level for r in f.competence_requirements.all()},
            holds=f.pk in held,
        )
        for f in selectors.functions_of(person.organisation)
    ]


@router.get(
    "/mine",
    response={200: list[EligibilityOut], 404: Error},
    summary="The caller's functions and whether they meet them",
)
def mine(request):
    person = _person(request)
    return [
        _eligibility_out(selectors.eligibility_with_path(person, h.function, _language()), h)
        for h in selectors.holdings_of(person)
    ]


@router.get(
    "/{function_id}/eligibility",
    response={200: EligibilityOut, 404: Error, 422: Invalid},
    summary="Whether the caller meets a function's requirement, the gaps and a learning path",
)
def eligibility(request, function_id: int):
    """Each requirement met or not, with the gap, judged on the caller's best evidence
    that counts (docs/functions.md); a learning path of tutorials and workshops per gap."""
    person = _person(request)
    function = (
        Function.objects.filter(pk=function_id, organisation_id=person.organisation_id).first()
        if 0 < function_id < 2**63  # a database integer; anything else names no function
        else None
    )
    if function is None:
        raise HttpError(404, "No such function in your organisation.")
    holding = Holding.objects.filter(function=function, person=person).first()
    return _eligibility_out(selectors.eligibility_with_path(person, function, _language()), holding)
