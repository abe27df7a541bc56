"""Does a person meet a function's requirement? The rules, in one place.

Evidence is what the platform knows of a person's level on the function's framework:

- their current certificate (certification app): it counts while it is valid — not
  revoked and not past its expiry date;
- their latest assessment result: it counts only when the function accepts an
  assessment, and only if it was completed within the function's number of months.
  An older result, or any result for a function that requires a certificate, is still
  used to show the gap (as a guide), but it never makes the person meet the requirement.

When several pieces of evidence count, the person is judged on the one that leaves them
the smallest gap (fewest requirements missed, then the smallest total shortfall); on a
tie the certificate wins, then the most recent. A competence the evidence did not measure
is a requirement not met, with the whole minimum as its gap.

Levels are compared at one decimal, as people see them: a result of 2.96 shows as 3.0
and meets a minimum of 3.0.

Example: a function needs 3.0 overall and 4.0 on 1.1, accepts assessments of the last
12 months. Emma's result of 10 months ago says 3.4 overall and 3.5 on 1.1: she meets
the overall level, misses 1.1 by 0.5, and is offered tutorials and workshops on 1.1.
She took the function on 1 March with 90 days of grace: until 30 May she is "in grace",
from 31 May "overdue".
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.assessments.models import Result
from acculture.functions.models import Function, Holding

ONE_PLACE = Decimal("0.1")


class Kind(models.TextChoices):
    ASSESSMENT = "assessment", _("Assessment")
    CERTIFICATE = "certificate", _("Certificate")


class Standing(models.TextChoices):
    MET = "met", _("Meets the requirement")
    IN_GRACE = "in_grace", _("In the grace period")
    OVERDUE = "overdue", _("Grace period over")


@dataclass(frozen=True)
class Evidence:
    """A measure of a person's levels: levels by competence code, and the overall level."""

    kind: str
    on: date
    overall: Decimal | None
    levels: dict[str, Decimal]
    reference: str = ""  # the certificate's code, or "assessment:<id>"
    valid_until: date | None = None


def level(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def certificate_model():
    """The certification app's Certificate, or None while that app has no such model."""
    try:
        return apps.get_model("certification", "Certificate")
    except LookupError:
        return None


def _from_result(assessment_id: int, completed_at, overall: float, competences: list[dict]) -> Evidence:
    return Evidence(
        kind=Kind.ASSESSMENT,
        on=timezone.localdate(completed_at),
        overall=level(overall),
        levels={entry["competence"]: level(entry.get("level")) for entry in competences},
        reference=f"assessment:{assessment_id}",
    )


def _from_certificate(certificate) -> Evidence:
    return Evidence(
        kind=Kind.CERTIFICATE,
        on=certificate.issued_on,
        overall=level(certificate.overall_level),
        levels={code: level(value) for code, value in (certificate.levels or {}).items()},
        reference=certificate.code,
        valid_until=certificate.expires_on,
    )


def evidence_for(
    person_ids: Iterable[int], framework_ids: Iterable[int]
) -> dict[tuple[int, int], list[Evidence]]:
    """Each person's latest result and latest valid certificate per framework: two
    queries whatever the number of people. Keyed by (person id, framework id)."""
    person_ids, framework_ids = list(person_ids), list(framework_ids)
    found: dict[tuple[int, int], list[Evidence]] = {}
    # Plain rows, not model instances: HR's list reads one result per holder.
    results = (
        Result.objects.filter(person_id__in=person_ids, framework_id__in=framework_ids)
        .order_by("person_id", "framework_id", "-completed_at", "-pk")
        .values_list(
            "person_id", "framework_id", "assessment_id", "completed_at", "overall_level", "competences"
        )
    )
    for person_id, framework_id, *row in results:
        key = (person_id, framework_id)
        if key not in found:  # the latest only: a newer result replaces the older ones
            found[key] = [_from_result(*row)]
    if (Certificate := certificate_model()) is not None:
        today = timezone.localdate()
        certificates = (
            Certificate.objects.filter(
                person_id__in=person_ids, framework_id__in=framework_ids, revoked_at__isnull=True
            )
            .exclude(expires_on__lt=today)
            .order_by("person_id", "framework_id", "-issued_on", "-pk")
        )
        seen = set()
        for certificate in certificates:
            key = (certificate.person_id, certificate.framework_id)
            if key not in seen:
                seen.add(key)
                found.setdefault(key, []).append(_from_certificate(certificate))
    return found


@dataclass
class Check:
    """One requirement: the overall level (code None) or one competence's."""

    code: str | None
    name: str
    minimum: Decimal
    level: Decimal | None  # None: the evidence did not measure it
    competence_id: int | None = None

    @property
    def met(self) -> bool:
        return self.level is not None and self.level >= self.minimum

    @property
    def gap(self) -> Decimal:
        return max(self.minimum - (self.level or Decimal(0)), Decimal(0)).quantize(ONE_PLACE)


@dataclass
class Eligibility:
    function: Function
    checks: list[Check]
    evidence: Evidence | None  # what counts; None when nothing does
    guide: Evidence | None  # what the gaps were measured on (evidence, or one that does not count)
    not_counted: str = ""  # why the guide does not count, in words for the person
    path: list = field(default_factory=list)  # filled by learning_path()

    @property
    def met(self) -> bool:
        return self.evidence is not None and all(check.met for check in self.checks)

    @property
    def gaps(self) -> list[Check]:
        return [check for check in self.checks if not check.met]


def _checks(function: Function, evidence: Evidence | None, requirements) -> list[Check]:
    levels = evidence.levels if evidence else {}
    checks = []
    if function.overall_level is not None:
        checks.append(
            Check(
                None, str(_("Overall level")), function.overall_level, evidence.overall if evidence else None
            )
        )
    for requirement in requirements:
        competence = requirement.competence
        checks.append(
            Check(
                competence.code,
                f"{competence.code} {competence.name}",
                requirement.minimum_level,
                levels.get(competence.code),
                competence.pk,
            )
        )
    return checks


def _score(checks: list[Check], evidence: Evidence) -> tuple:
    missed = sum(1 for c in checks if not c.met)
    shortfall = sum((c.gap for c in checks), Decimal(0))
    return (missed, shortfall, evidence.kind != Kind.CERTIFICATE, -evidence.on.toordinal())


def _counts(function: Function, evidence: Evidence, today: date) -> str:
    """Empty when the evidence counts for the function; otherwise why not."""
    if evidence.kind == Kind.CERTIFICATE:
        return ""
    if function.evidence == Function.EvidenceKind.CERTIFICATE:
        return str(
            _(
                "This function requires a certificate. Your assessment shows where you stand, but it does not count."
            )
        )
    if evidence.on < months_before(today, function.assessment_months):
        return str(
            _("Your last assessment is more than %(n)s months old, so it no longer counts. Take it again.")
            % {"n": function.assessment_months}
        )
    return ""


def evaluate(
    function: Function, evidences: list[Evidence], today: date | None = None, requirements=None
) -> Eligibility:
    """Judge one person's evidences against `function` (see the module docstring)."""
    today = today or timezone.localdate()
    if requirements is None:
        requirements = list(function.competence_requirements.select_related("competence"))
    scored = []
    for evidence in evidences:
        checks = _checks(function, evidence, requirements)
        scored.append((_counts(function, evidence, today), _score(checks, evidence), checks, evidence))
    counting = [s for s in scored if not s[0]]
    if counting:
        _reason, _key, checks, evidence = min(counting, key=lambda s: s[1])
        return Eligibility(function, checks, evidence=evidence, guide=evidence)
    if scored:
        reason, _key, checks, guide = min(scored, key=lambda s: s[1])
        return Eligibility(function, checks, evidence=None, guide=guide, not_counted=reason)
    return Eligibility(function, _checks(function, None, requirements), evidence=None, guide=None)


def eligibility_for(person, function: Function, today: date | None = None) -> Eligibility:
    found = evidence_for([person.pk], [function.framework_id])
    return evaluate(function, found.get((person.pk, function.framework_id), []), today)


def standing(eligibility: Eligibility, holding: Holding, today: date) -> str:
    if eligibility.met:
        return Standing.MET
    return Standing.IN_GRACE if today <= holding.grace_until else Standing.OVERDUE
