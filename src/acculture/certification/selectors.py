"""Reads of the certification app."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from acculture.certification.models import Candidate, Certificate, CertificationSession
from acculture.frameworks.models import Band, Competence
from acculture.people.models import Organisation, Person


def certificate_current(person: Person) -> Certificate | None:
    """The person's most recent certificate that is valid today (not revoked, not expired)."""
    return (
        Certificate.objects.filter(
            person=person, revoked_at__isnull=True, expires_on__gte=timezone.localdate()
        )
        .select_related("framework")
        .order_by("-issued_on", "-id")
        .first()
    )


def certificates_of(person: Person) -> QuerySet[Certificate]:
    return Certificate.objects.filter(person=person).select_related("framework")


def band_name(framework, code: str) -> str:
    found = Band.objects.filter(framework=framework, code=code).first()
    if found is None:
        return code.capitalize()
    return found.name_en if _english() else found.name_fr


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "fr").startswith("en")


def level_rows(framework, levels: dict) -> list[dict]:
    names = {c.code: c.name for c in Competence.objects.filter(framework=framework, code__in=list(levels))}
    return [{"code": code, "name": names.get(code, code), "level": level} for code, level in levels.items()]


def certificate_display(certificate: Certificate) -> dict:
    """What the verification page, the holder's page and the PDF show."""
    return {
        "certificate": certificate,
        "holder": certificate.person.full_name,
        "organisation": certificate.person.organisation.name,
        "framework": certificate.framework,
        "band_name": band_name(certificate.framework, certificate.band),
        "rows": level_rows(certificate.framework, certificate.levels),
        "status": certificate.status,
    }


def sessions_of(organisation: Organisation) -> QuerySet[CertificationSession]:
    return CertificationSession.objects.filter(organisation=organisation).annotate(
        enrolled=Count("candidates"),
        certified=Count("candidates", filter=Q(candidates__outcome=Candidate.Outcome.CERTIFIED)),
    )


def board(session: CertificationSession) -> dict:
    """The proctor's live view: each candidate's stage and progress."""
    candidates = list(
        session.candidates.select_related("person", "assessment").order_by(
            "person__last_name", "person__first_name"
        )
    )
    counts = {}
    for candidate in candidates:
        counts[candidate.stage] = counts.get(candidate.stage, 0) + 1
    return {
        "candidates": candidates,
        "counts": [(Candidate.Stage(stage).label, n) for stage, n in counts.items()],
        "incidents": list(session.incidents.select_related("candidate__person", "item")),
    }


def candidacy_today(person: Person) -> Candidate | None:
    """The person's candidacy in a session not yet finalised, most recent first."""
    return (
        Candidate.objects.filter(person=person, session__status=CertificationSession.Status.SCHEDULED)
        .select_related("session")
        .order_by("-session__starts_at")
        .first()
    )
