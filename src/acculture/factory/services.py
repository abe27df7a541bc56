"""Workflows of the Digital Factory. Each runs in one transaction.

Seats are guarded by the session row: every change to who holds a seat (registering,
cancelling, accepting or declining an offer, an offer expiring) first locks the session
with SELECT … FOR UPDATE (on SQLite, the IMMEDIATE transaction takes the write lock at
BEGIN, which serialises the same way), then counts the seats held, then writes. Two people
clicking "Register" for the last seat at the same instant queue on that lock: the second
one counts the first one's seat and lands on the waiting list. The unique constraint on
(session, person) is the last guard against one person registering twice.

The e-mails are enqueued in the same transaction as the change they announce: with the
database queue the task rows commit with it or not at all (assessments' campaigns do the
same), and the task claims each mail with a conditional UPDATE (tasks.py).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.events import Event, event_publish
from acculture.factory.conf import rule
from acculture.factory.models import Factory, Feedback, Registration, Session, Workshop, WorkshopTarget
from acculture.learning.models import TimeEntry
from acculture.learning.services import time_entry_record
from acculture.people.models import Organisation, Person, Site, User
from acculture.people.services import audit_record

Status = Registration.Status


class FactoryRefused(Exception):
    """A change that cannot be made; the message says why and what to do, for the person."""


def _mail(registration: Registration) -> None:
    from acculture.factory.tasks import registration_email_send

    registration_email_send.enqueue(registration.pk)


def _lock(session: Session) -> Session:
    """The session row, locked until the transaction ends (see the module docstring)."""
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("workshop", "factory")
        .get(pk=session.pk)
    )


def seats_taken(session: Session) -> int:
    return session.registrations.filter(status__in=Registration.HOLDS_SEAT).count()


# --- Labs and catalogue -------------------------------------------------------------------


@transaction.atomic
def factory_save(
    *,
    organisation: Organisation,
    factory: Factory | None = None,
    name: str,
    site: Site | None,
    address: str = "",
    facilitators: Iterable[Person] = (),
    actor: User | None = None,
) -> Factory:
    """Create a lab, or change one; a lab without a site is an online lab."""
    if site is not None and site.organisation_id != organisation.pk:
        raise FactoryRefused(_("Choose a site of your organisation."))
    facilitators = list(facilitators)
    if any(p.organisation_id != organisation.pk for p in facilitators):
        raise FactoryRefused(_("Choose facilitators from your organisation."))
    if (
        Factory.objects.filter(organisation=organisation, name=name)
        .exclude(pk=getattr(factory, "pk", None))
        .exists()
    ):
        raise FactoryRefused(_("Another lab already has this name. Choose another name."))
    factory = factory or Factory(organisation=organisation)
    factory.name, factory.site, factory.address = name, site, address
    factory.save()
    factory.facilitators.set(facilitators)
    audit_record(
        actor=actor, organisation=organisation, action="factory.lab_saved", subject=f"factory:{factory.pk}"
    )
    return factory


@transaction.atomic
def workshop_save(
    *,
    organisation: Organisation,
    workshop: Workshop | None = None,
    targets: Iterable[tuple] = (),
    actor: User | None = None,
    **fields,
) -> Workshop:
    """Create a workshop or change one. `targets` are (competence, level_min, level_max):
    the competences it works on, and the levels of the people it suits."""
    workshop = workshop or Workshop(organisation=organisation)
    for name, value in fields.items():
        setattr(workshop, name, value)
    workshop.save()
    WorkshopTarget.objects.filter(workshop=workshop).delete()
    WorkshopTarget.objects.bulk_create(
        WorkshopTarget(workshop=workshop, competence=c, level_min=low, level_max=high)
        for c, low, high in targets
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action="factory.workshop_saved",
        subject=f"workshop:{workshop.pk}",
    )
    return workshop


# --- Sessions -----------------------------------------------------------------------------


def _session_url(session: Session) -> str:
    return reverse("factory:session-detail", args=[session.pk])


@transaction.atomic
def session_create(
    *,
    workshop: Workshop,
    factory: Factory,
    facilitator: Person,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str,
    capacity: int,
    place: str = "",
    link: str = "",
    publish: bool = False,
    actor: User | None = None,
) -> Session:
    """Plan a session of a workshop; published at once when `publish` is true."""
    organisation_id = workshop.organisation_id
    if factory.organisation_id != organisation_id or facilitator.organisation_id != organisation_id:
        raise FactoryRefused(_("Choose a lab and a facilitator of your organisation."))
    if ends_at <= starts_at:
        raise FactoryRefused(_("The end must be after the start."))
    if starts_at <= timezone.now():
        raise FactoryRefused(_("The start must be in the future."))
    if capacity < 1:
        raise FactoryRefused(_("Give at least 1 seat."))
    session = Session.objects.create(
        workshop=workshop, factory=factory, facilitator=facilitator, starts_at=starts_at, ends_at=ends_at,
        time_zone=time_zone, capacity=capacity, place=place, link=link,
    )  # fmt: skip
    if publish:
        session = session_publish(session=session, actor=actor)
    return session


@transaction.atomic
def session_publish(*, session: Session, actor: User | None = None) -> Session:
    """Open a draft session for registration and announce it (chat webhooks listen).
    Publishing twice announces once."""
    session = _lock(session)
    if session.status == Session.Status.PUBLISHED:
        return session
    if session.status != Session.Status.DRAFT:
        raise FactoryRefused(_("A cancelled session cannot be published. Plan a new one."))
    if session.starts_at <= timezone.now():
        raise FactoryRefused(_("This session has already started. Plan a new one."))
    session.status, session.published_at = Session.Status.PUBLISHED, timezone.now()
    session.save(update_fields=["status", "published_at"])
    start = session.local_start
    event_publish(
        organisation=session.workshop.organisation,
        event=Event.WORKSHOP_SESSION_PUBLISHED,
        title=_("New workshop session: %(title)s, %(date)s at %(time)s (%(place)s)")
        % {
            "title": session.workshop.title,
            "date": start.date().isoformat(),
            "time": start.strftime("%H:%M"),
            "place": session.factory.name,
        },
        url=_session_url(session),
        data={
            "session": session.pk,
            "workshop": session.workshop.title,
            "track": session.workshop.track,
            "starts_at": session.starts_at.isoformat(),
            "ends_at": session.ends_at.isoformat(),
            "time_zone": session.time_zone,
            "factory": session.factory.name,
            "capacity": session.capacity,
        },
    )
    audit_record(
        actor=actor,
        organisation=session.workshop.organisation,
        action="factory.session_published",
        subject=f"session:{session.pk}",
    )
    return session


@transaction.atomic
def session_update(
    *,
    session: Session,
    capacity: int,
    place: str,
    link: str,
    actor: User | None = None,
    now: datetime | None = None,
) -> Session:
    """Change the seats, the room or the link before the start. More seats go at once to
    the people waiting, as offers; fewer seats than people already seated is refused."""
    now = now or timezone.now()
    session = _lock(session)
    if session.starts_at <= now:
        raise FactoryRefused(_("This session has already started: it can no longer be changed."))
    taken = seats_taken(session)
    if capacity < taken:
        raise FactoryRefused(_("%(n)s people already have a seat: give at least %(n)s seats.") % {"n": taken})
    session.capacity, session.place, session.link = capacity, place, link
    session.save(update_fields=["capacity", "place", "link"])
    _promote(session, now)
    audit_record(
        actor=actor,
        organisation=session.workshop.organisation,
        action="factory.session_changed",
        subject=f"session:{session.pk}",
        capacity=capacity,
    )
    return session


@transaction.atomic
def session_withdraw(*, session: Session, actor: User | None = None, now: datetime | None = None) -> int:
    """Cancel a whole session: everyone registered or waiting is told by e-mail (with a
    calendar cancellation). Returns the number of people told; cancelling twice tells nobody again."""
    now = now or timezone.now()
    session = _lock(session)
    if session.status == Session.Status.CANCELLED:
        return 0
    if session.starts_at <= now:
        raise FactoryRefused(_("This session has already started: it can no longer be cancelled."))
    session.status = Session.Status.CANCELLED
    session.save(update_fields=["status"])
    told = 0
    for registration in session.registrations.filter(status__in=Registration.ACTIVE):
        registration.status, registration.cancelled_at, registration.offer_expires_at = (
            Status.CANCELLED,
            now,
            None,
        )
        registration.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
        _mail(registration)
        told += 1
    audit_record(
        actor=actor,
        organisation=session.workshop.organisation,
        action="factory.session_cancelled",
        subject=f"session:{session.pk}",
        people=told,
    )
    return told


# --- Registrations and the waiting list ---------------------------------------------------


def _promote(session: Session, now: datetime) -> list[Registration]:
    """Within the session lock: end the offers that ran out, then offer each free seat to
    the next person on the waiting list. Returns the new offers."""
    for stale in session.registrations.filter(status=Status.OFFERED, offer_expires_at__lte=now):
        stale.status = Status.EXPIRED
        stale.save(update_fields=["status"])
        _mail(stale)
    if session.starts_at <= now or session.status != Session.Status.PUBLISHED:
        return []
    free = session.capacity - seats_taken(session)
    offers = []
    if free > 0:
        # An offer never outlives the session's start: after it, a seat is of no use.
        expires = min(now + timedelta(hours=rule("FACTORY_OFFER_HOURS")), session.starts_at)
        for waiting in session.registrations.filter(status=Status.WAITLISTED).order_by("queued_at", "pk")[
            :free
        ]:
            waiting.status, waiting.offer_expires_at = Status.OFFERED, expires
            waiting.save(update_fields=["status", "offer_expires_at"])
            _mail(waiting)
            offers.append(waiting)
    return offers


@transaction.atomic
def registration_create(*, session: Session, person: Person, now: datetime | None = None) -> Registration:
    """Give the person a seat if one is free and nobody waits before them, else a place
    on the waiting list. Registering again changes nothing and returns the registration."""
    now = now or timezone.now()
    session = _lock(session)
    if session.workshop.organisation_id != person.organisation_id:
        raise FactoryRefused(_("This session is not open to you."))
    existing = Registration.objects.filter(session=session, person=person).first()
    if existing is not None and existing.is_active:
        return existing
    if session.status != Session.Status.PUBLISHED:
        raise FactoryRefused(_("This session is not open for registration."))
    if session.starts_at <= now:
        raise FactoryRefused(_("This session has already started. Choose another date in the calendar."))
    free = session.capacity - seats_taken(session)
    waiting = session.registrations.filter(status=Status.WAITLISTED).exists()
    status = Status.CONFIRMED if free > 0 and not waiting else Status.WAITLISTED
    registration = existing or Registration(session=session, person=person)
    registration.status, registration.queued_at = status, now
    registration.offer_expires_at = registration.cancelled_at = None
    registration.save()
    _mail(registration)
    _promote(session, now)
    registration.refresh_from_db()
    return registration


def can_cancel(registration: Registration, now: datetime | None = None) -> bool:
    """A seat can be given back until the deadline before the start; a place on the
    waiting list or an offer, until the start."""
    now = now or timezone.now()
    if not registration.is_active:
        return False
    if registration.status == Status.CONFIRMED:
        return now < registration.session.cancel_deadline(rule("FACTORY_CANCEL_HOURS"))
    return now < registration.session.starts_at


@transaction.atomic
def registration_cancel(*, registration: Registration, now: datetime | None = None) -> Registration:
    """The person gives back their seat (or leaves the waiting list, or declines an offer);
    a freed seat is offered at once to the first person waiting."""
    now = now or timezone.now()
    session = _lock(registration.session)
    registration = Registration.objects.select_related("session").get(pk=registration.pk)
    if not registration.is_active:
        return registration
    if not can_cancel(registration, now):
        hours = rule("FACTORY_CANCEL_HOURS")
        raise FactoryRefused(
            _(
                "It is too late to cancel online: cancelling closes %(hours)s hours before the start. "
                "Please tell the facilitator, %(name)s, if you cannot come."
            )
            % {"hours": hours, "name": session.facilitator.full_name}
        )
    registration.status, registration.cancelled_at = Status.CANCELLED, now
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
    _mail(registration)
    _promote(session, now)
    return registration


@transaction.atomic
def offer_accept(*, registration: Registration, now: datetime | None = None) -> Registration:
    """The waitlisted person takes the seat offered to them, before the offer expires."""
    now = now or timezone.now()
    session = _lock(registration.session)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Status.CONFIRMED:
        return registration
    if registration.status != Status.OFFERED or registration.offer_expires_at <= now:
        _promote(session, now)  # an offer that ran out goes to the next person now
        raise FactoryRefused(
            _("This offer has expired and the seat went to the next person. You can register again.")
        )
    registration.status, registration.offer_expires_at = Status.CONFIRMED, None
    registration.save(update_fields=["status", "offer_expires_at"])
    _mail(registration)
    return registration


def offers_expire(now: datetime | None = None) -> int:
    """End every offer that ran out and offer its seat to the next person; one
    transaction per session. Returns the number of sessions looked at."""
    now = now or timezone.now()
    session_ids = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
            "session_id", flat=True
        )
    )
    for session_id in session_ids:
        with transaction.atomic():
            _promote(_lock(Session(pk=session_id)), now)
    return len(session_ids)


# --- Attendance and feedback --------------------------------------------------------------


def attendance_open(session: Session, now: datetime | None = None) -> bool:
    """Attendance is taken from the start of the session, and may be corrected later."""
    return session.starts_at <= (now or timezone.now())


@transaction.atomic
def attendance_record(
    *, session: Session, attended: Iterable[int], actor: User | None, now: datetime | None = None
) -> dict[str, int]:
    """Mark who came among the people holding a seat (`attended` are registration ids);
    everyone else with a seat did not come. Each attendee's time is credited to their
    learning time once (the reference makes a second recording a no-op); a correction
    from "came" to "did not come" takes the time back."""
    now = now or timezone.now()
    session = _lock(session)
    if not attendance_open(session, now):
        raise FactoryRefused(_("Attendance can be taken once the session has started."))
    attended = set(attended)
    counts = {"attended": 0, "no_show": 0}
    on = session.local_start.date()
    for registration in session.registrations.filter(status=Status.CONFIRMED).select_related("person"):
        reference = f"workshop-attendance:{registration.pk}"
        if registration.pk in attended:
            registration.attendance = Registration.Attendance.ATTENDED
            time_entry_record(
                person=registration.person, source=TimeEntry.Source.WORKSHOP, minutes=session.minutes, on=on,
                description=session.workshop.title[:300], reference=reference,
            )  # fmt: skip
            counts["attended"] += 1
        else:
            registration.attendance = Registration.Attendance.NO_SHOW
            TimeEntry.objects.filter(person=registration.person, reference=reference).delete()
            counts["no_show"] += 1
        registration.save(update_fields=["attendance"])
    session.attendance_taken_at = now
    session.save(update_fields=["attendance_taken_at"])
    audit_record(
        actor=actor,
        organisation=session.workshop.organisation,
        action="factory.attendance_taken",
        subject=f"session:{session.pk}",
        **counts,
    )
    return counts


@transaction.atomic
def feedback_give(
    *, registration: Registration, usefulness: int, will_use: bool, comment: str = ""
) -> Feedback:
    """An attendee says what they thought; giving it again replaces the first answer."""
    if registration.attendance != Registration.Attendance.ATTENDED:
        raise FactoryRefused(_("Only people who came to the session can give their opinion."))
    feedback, _created = Feedback.objects.update_or_create(
        registration=registration,
        defaults={"usefulness": usefulness, "will_use": will_use, "comment": comment},
    )
    return feedback
