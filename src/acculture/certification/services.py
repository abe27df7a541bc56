"""Workflows of a certification session, from its creation to the certificates.

Each service runs in one transaction and locks the row that guards its invariant: the
session for capacity, finalisation and publication; the candidate for its stage; the
assessment for an answer. A repeated or concurrent request therefore changes nothing
twice: enrolling twice, finalising twice or answering after the end each gets a clear
refusal (`CertificationRefused`) or the outcome it already had.
"""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.assessments import engine
from acculture.assessments.models import Assessment
from acculture.assessments.services import (
    AssessmentRefused,
    SubmitOutcome,
    assessment_start_certification,
    response_submit,
)
from acculture.certification.models import (
    Candidate,
    Certificate,
    CertificationSession,
    Incident,
    random_code,
)
from acculture.content.models import Item
from acculture.frameworks.models import Framework
from acculture.people.models import Organisation, Person, User
from acculture.people.services import audit_record
from acculture.psychometrics import band

# A few seconds of grace on the time limit: the page's clock and the network are not exact.
TIME_LIMIT_GRACE_SECONDS = 5


class CertificationRefused(Exception):
    """The action cannot be done now; the message says why and what to do."""


# --- Sessions and enrolment ------------------------------------------------------------


def _unique_code(field_name: str) -> str:
    while True:
        code = random_code(6)
        if not CertificationSession.objects.filter(**{field_name: code}).exists():
            return code


def session_create(
    *,
    organisation: Organisation,
    by: User | None,
    starts_at: datetime,
    time_zone: str,
    place: str,
    capacity: int,
    review_required: bool = False,
    framework: Framework | None = None,
) -> CertificationSession:
    framework = framework or Framework.objects.filter(is_default=True).first()
    if framework is None:
        raise CertificationRefused(
            _("No competency framework is loaded yet. Ask your digital programme team.")
        )
    with transaction.atomic():
        return CertificationSession.objects.create(
            organisation=organisation,
            framework=framework,
            starts_at=starts_at,
            time_zone=time_zone,
            place=place,
            capacity=capacity,
            review_required=review_required,
            candidate_code=_unique_code("candidate_code"),
            proctor_code=_unique_code("proctor_code"),
            created_by=by,
        )


def _locked_session(session: CertificationSession) -> CertificationSession:
    return CertificationSession.objects.select_for_update().get(pk=session.pk)


def candidate_enrol(
    *, session: CertificationSession, person: Person, extra_time_percent: int = 0, accommodation: str = ""
) -> Candidate:
    """Enrol `person`; refused when already enrolled, when the session is full or closed."""
    if person.organisation_id != session.organisation_id:
        raise CertificationRefused(_("This person is not a member of staff of your organisation."))
    with transaction.atomic():
        locked = _locked_session(session)
        if locked.status != CertificationSession.Status.SCHEDULED:
            raise CertificationRefused(_("This session is finalised: enrol the person in another session."))
        if locked.candidates.filter(person=person).exists():
            raise CertificationRefused(
                _("%(name)s is already enrolled in this session.") % {"name": person.full_name}
            )
        if locked.candidates.count() >= locked.capacity:
            raise CertificationRefused(
                _("The session is full (%(n)s places). Raise its capacity or choose another session.")
                % {"n": locked.capacity}
            )
        return Candidate.objects.create(
            session=locked, person=person, extra_time_percent=extra_time_percent, accommodation=accommodation
        )


# --- The candidate's side ---------------------------------------------------------------


def candidate_join(*, person: Person, code: str, now: datetime | None = None) -> Candidate:
    """The candidate types the session's code on the day; the proctor then checks them."""
    now = now or timezone.now()
    code = code.strip().upper().replace(" ", "")
    session = CertificationSession.objects.filter(
        candidate_code=code, organisation_id=person.organisation_id
    ).first()
    if session is None:
        raise CertificationRefused(
            _("This code matches no session. Check it with your proctor and type it again.")
        )
    if not session.accepts_candidates(now):
        raise CertificationRefused(
            _("This session's code works only on the day of the session, before it is finalised.")
        )
    with transaction.atomic():
        candidate = (
            Candidate.objects.select_for_update(of=("self",))
            .filter(session=session, person=person)
            .order_by("pk")
            .first()
        )
        if candidate is None:
            raise CertificationRefused(_("You are not enrolled in this session. Tell your proctor."))
        if candidate.stage == Candidate.Stage.ENROLLED:
            candidate.stage = Candidate.Stage.ARRIVED
            candidate.joined_at = now
            candidate.save(update_fields=["stage", "joined_at"])
    return candidate


def candidate_test_start(*, candidate: Candidate, now: datetime | None = None) -> Candidate:
    """Start (or resume) the test, only once the proctor has authorised it."""
    now = now or timezone.now()
    with transaction.atomic():
        candidate = (
            Candidate.objects.select_for_update(of=("self",)).select_related("session").get(pk=candidate.pk)
        )
        if candidate.finished:
            raise CertificationRefused(_("Your test is over. Your results will come after the session."))
        if not candidate.start_authorised or candidate.stage not in (
            Candidate.Stage.CHECKED,
            Candidate.Stage.TESTING,
            Candidate.Stage.PAUSED,
        ):
            raise CertificationRefused(_("Wait for your proctor to let you start."))
        if candidate.assessment_id is None:
            try:
                candidate.assessment = assessment_start_certification(
                    person=candidate.person, framework=candidate.session.framework, now=now
                )
            except AssessmentRefused as refusal:
                raise CertificationRefused(str(refusal)) from None
        elif candidate.stage == Candidate.Stage.PAUSED:
            # The time a question waited during the pause is not the candidate's to lose.
            Assessment.objects.filter(pk=candidate.assessment_id).update(presented_at=now)
        candidate.stage = Candidate.Stage.TESTING
        candidate.save(update_fields=["assessment", "stage"])
    return candidate


def time_left(candidate: Candidate, assessment: Assessment, now: datetime | None = None) -> int:
    """Seconds left on the question on screen (negative once the limit has passed)."""
    now = now or timezone.now()
    if assessment.presented_at is None:
        return candidate.seconds_per_item
    return candidate.seconds_per_item - int((now - assessment.presented_at).total_seconds())


def candidate_answer(
    *,
    candidate: Candidate,
    position: int,
    item_code: str,
    response: object,
    language: str = "fr",
    now: datetime | None = None,
) -> SubmitOutcome:
    """Record an answer of the proctored test. An answer sent after the question's time
    limit counts as "I don't know"; after the end of the test nothing is recorded."""
    now = now or timezone.now()
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update(of=("self",)).get(pk=candidate.pk)
        if candidate.stage != Candidate.Stage.TESTING or not candidate.start_authorised:
            raise CertificationRefused(
                _("Your test is over: this answer was not recorded.")
                if candidate.finished
                else _("Your proctor has paused your test: wait for them to let you resume.")
            )
        assessment = candidate.assessment
        if time_left(candidate, assessment, now) < -TIME_LIMIT_GRACE_SECONDS:
            response = None
        outcome = response_submit(
            assessment_id=assessment.pk,
            person=candidate.person,
            position=position,
            item_code=item_code,
            response=response,
            idempotency_key=f"position-{position}",
            language=language,
            now=now,
        )
        if outcome.assessment.status == Assessment.Status.COMPLETED:
            candidate.stage = Candidate.Stage.DONE
            candidate.ended_at = now
            candidate.save(update_fields=["stage", "ended_at"])
    return outcome


# --- The proctor's side -----------------------------------------------------------------


def _locked_candidate(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update(of=("self",)).select_related("session").get(pk=candidate.pk)


def _open(candidate: Candidate) -> None:
    if candidate.session.status != CertificationSession.Status.SCHEDULED:
        raise CertificationRefused(_("This session is finalised: nothing can change for its candidates."))


def candidate_check(*, candidate: Candidate, by: User, now: datetime | None = None) -> Candidate:
    """The proctor has seen the candidate and checked their identity."""
    with transaction.atomic():
        candidate = _locked_candidate(candidate)
        _open(candidate)
        if candidate.stage not in (Candidate.Stage.ENROLLED, Candidate.Stage.ARRIVED):
            return candidate
        candidate.stage = Candidate.Stage.CHECKED
        candidate.checked_at = now or timezone.now()
        candidate.checked_by = by
        candidate.save(update_fields=["stage", "checked_at", "checked_by"])
    return candidate


def candidate_authorise(*, candidate: Candidate, by: User) -> Candidate:
    """Let the candidate start, or resume after a pause."""
    with transaction.atomic():
        candidate = _locked_candidate(candidate)
        _open(candidate)
        if candidate.stage not in (Candidate.Stage.CHECKED, Candidate.Stage.PAUSED, Candidate.Stage.TESTING):
            raise CertificationRefused(_("Check the candidate's identity before letting them start."))
        candidate.start_authorised = True
        candidate.save(update_fields=["start_authorised"])
    return candidate


def candidate_pause(*, candidate: Candidate, by: User) -> Candidate:
    with transaction.atomic():
        candidate = _locked_candidate(candidate)
        _open(candidate)
        if candidate.stage == Candidate.Stage.TESTING:
            candidate.stage = Candidate.Stage.PAUSED
        candidate.start_authorised = False
        candidate.save(update_fields=["stage", "start_authorised"])
    return candidate


def _close_assessment(candidate: Candidate, now: datetime) -> None:
    if candidate.assessment_id is None:
        return
    assessment = Assessment.objects.select_for_update(of=("self",)).get(pk=candidate.assessment_id)
    if assessment.status == Assessment.Status.IN_PROGRESS:
        assessment.status = Assessment.Status.COMPLETED
        assessment.completed_at = now
        assessment.current_item = None
        assessment.save(update_fields=["status", "completed_at", "current_item"])


def candidate_end(
    *, candidate: Candidate, by: User | None, reason: str, now: datetime | None = None
) -> Candidate:
    """End a candidate's test now (they leave, or after an incident). Answers so far count."""
    now = now or timezone.now()
    with transaction.atomic():
        candidate = _locked_candidate(candidate)
        _open(candidate)
        if candidate.finished:
            return candidate
        _close_assessment(candidate, now)
        candidate.stage = Candidate.Stage.ENDED if candidate.assessment_id else Candidate.Stage.ABSENT
        candidate.start_authorised = False
        candidate.ended_at = now
        candidate.end_reason = reason[:300]
        candidate.save(update_fields=["stage", "start_authorised", "ended_at", "end_reason"])
    return candidate


def incident_record(
    *,
    session: CertificationSession,
    by: User | None,
    category: str,
    description: str,
    candidate: Candidate | None = None,
    item: Item | None = None,
    validated: bool = False,
) -> Incident:
    with transaction.atomic():
        locked = _locked_session(session)
        if locked.status != CertificationSession.Status.SCHEDULED:
            raise CertificationRefused(_("This session is finalised: incidents can no longer be added."))
        return Incident.objects.create(
            session=locked,
            candidate=candidate,
            category=category,
            description=description,
            item=item,
            validated=validated,
            recorded_by=by,
        )


def incident_validate(*, incident: Incident, by: User | None) -> Incident:
    with transaction.atomic():
        locked = _locked_session(incident.session)
        if locked.status != CertificationSession.Status.SCHEDULED:
            raise CertificationRefused(_("This session is finalised: incidents can no longer change."))
        Incident.objects.filter(pk=incident.pk).update(validated=True)
    incident.validated = True
    return incident


# --- Scoring, finalisation, publication -------------------------------------------------


def candidate_score(candidate: Candidate, withdrawn: set[int]) -> tuple[str, str, dict]:
    """(outcome, reason, score) for a finished candidate.

    The answers are replayed through a fresh engine session without the withdrawn
    questions, so that a withdrawn question moves nobody's level, then the levels are read
    as at the end of any assessment."""
    if candidate.assessment_id is None:
        return Candidate.Outcome.REJECTED, _("The candidate did not take the test."), {}
    if any(i.category == Incident.Category.FRAUD and i.validated for i in candidate.incidents.all()):
        return Candidate.Outcome.REJECTED, _("A suspected fraud was confirmed by the proctor."), {}
    responses = list(
        candidate.assessment.responses.filter(scored=True)
        .exclude(item_id__in=withdrawn)
        .values_list("item__code", "correct")
    )
    minimum = settings.CERTIFICATION_MIN_ANSWERS
    if len(responses) < minimum:
        return (
            Candidate.Outcome.REJECTED,
            _("Only %(n)s questions count, and a valid result needs at least %(min)s.")
            % {"n": len(responses), "min": minimum},
            {"answers": len(responses)},
        )
    loaded = engine.load_bank(candidate.session.framework, ())
    session = engine.open_session(loaded=loaded, state=None, mode=Assessment.Mode.CERTIFICATION)
    for code, correct in responses:
        if (index := loaded.bank.index.get(code)) is not None:
            session.record(index, correct)
    scale = engine.level_scale()
    entries = session.result(scale)
    thetas = [e["theta"] for e in entries]
    overall = scale.level(sum(thetas) / len(thetas)) if thetas else 0.0
    score = {
        "overall": overall,
        "band": band(overall) or "",
        "levels": {e["competence"]: e["level"] for e in entries},
        "answers": len(responses),
        "withdrawn": len(withdrawn),
    }
    if not score["band"]:
        return Candidate.Outcome.REJECTED, _("The level measured is below level 1: no certificate."), score
    return Candidate.Outcome.CERTIFIED, "", score


def session_finalise(*, session: CertificationSession, by: User | None, now: datetime | None = None) -> bool:
    """End every test still running, score every candidate and, unless the CDO must
    review them first, publish the results. Returns False when it was already finalised."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_session(session)
        if locked.status != CertificationSession.Status.SCHEDULED:
            return False
        withdrawn = set(
            locked.incidents.filter(
                category=Incident.Category.QUESTION, validated=True, item__isnull=False
            ).values_list("item_id", flat=True)
        )
        candidates = Candidate.objects.select_for_update(of=("self",)).filter(session=locked).order_by("pk")
        for candidate in candidates.select_related("session__framework", "assessment").prefetch_related(
            "incidents"
        ):
            if not candidate.finished:
                _close_assessment(candidate, now)
                candidate.stage = Candidate.Stage.ENDED if candidate.assessment_id else Candidate.Stage.ABSENT
                candidate.ended_at = now
                candidate.end_reason = candidate.end_reason or _("The session was finalised.")
                candidate.start_authorised = False
            candidate.outcome, candidate.rejection_reason, candidate.score = candidate_score(
                candidate, withdrawn
            )
            candidate.save()
        locked.status = CertificationSession.Status.FINALISED
        locked.finalised_at = now
        locked.save(update_fields=["status", "finalised_at"])
        audit_record(
            actor=by,
            organisation=locked.organisation,
            action="certification.finalise",
            subject=str(locked.pk),
        )
        if not locked.review_required:
            session_publish(session=locked, by=by, now=now)
    return True


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _certificate_code() -> str:
    while True:
        code = random_code(8, prefix="C-")
        if not Certificate.objects.filter(code=code).exists():
            return code


def session_publish(*, session: CertificationSession, by: User | None, now: datetime | None = None) -> int:
    """Publish a finalised session's results: a certificate for each certified candidate.
    Returns how many were issued (0 when already published)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_session(session)
        if locked.status != CertificationSession.Status.FINALISED:
            if locked.status == CertificationSession.Status.SCHEDULED:
                raise CertificationRefused(_("Finalise the session before publishing its results."))
            return 0
        issued_on = timezone.localdate(now)
        issued = 0
        for candidate in locked.candidates.filter(
            outcome=Candidate.Outcome.CERTIFIED, certificate__isnull=True
        ):
            Certificate.objects.create(
                person_id=candidate.person_id,
                candidate=candidate,
                code=_certificate_code(),
                framework_id=locked.framework_id,
                overall_level=Decimal(str(candidate.score["overall"])).quantize(Decimal("0.1")),
                band=candidate.score["band"],
                levels=candidate.score["levels"],
                issued_on=issued_on,
                expires_on=_add_years(issued_on, settings.CERTIFICATE_VALIDITY_YEARS),
            )
            issued += 1
        locked.status = CertificationSession.Status.PUBLISHED
        locked.published_at = now
        locked.published_by = by
        locked.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            actor=by, organisation=locked.organisation, action="certification.publish", subject=str(locked.pk)
        )
    return issued


def certificate_revoke(
    *, certificate: Certificate, by: User | None, reason: str, now: datetime | None = None
) -> bool:
    """Revoke a certificate with a reason; False when it was already revoked."""
    reason = reason.strip()
    if not reason:
        raise CertificationRefused(_("Give the reason for the revocation: the holder will read it."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            return False
        locked.revoked_at = now or timezone.now()
        locked.revocation_reason = reason[:300]
        locked.revoked_by = by
        locked.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        audit_record(
            actor=by,
            organisation=locked.person.organisation,
            action="certification.revoke",
            subject=locked.code,
            reason=locked.revocation_reason,
        )
    certificate.refresh_from_db()
    return True


def certificate_share(*, certificate: Certificate, shared: bool) -> Certificate:
    """The holder shows or hides their name and levels on the public page."""
    Certificate.objects.filter(pk=certificate.pk).update(shared=shared)
    certificate.shared = shared
    return certificate
