"""The Digital Factory over the REST API: the catalogue, the sessions, the caller's own
registrations (register, cancel, accept an offer), and a session's list for whoever runs it.
The same services as the pages; another organisation's objects are "not found"."""

import re
from datetime import date as Date
from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import field_validator

from acculture.api.schemas import Error, Invalid
from acculture.factory import selectors, services
from acculture.factory.models import Format, Registration, Session, Track, Workshop
from acculture.people.models import Person
from acculture.people.policy import Perm
from acculture.people.services import audit_record

router = Router(tags=["factory"])


class TargetOut(Schema):
    competence: str = Field(description="The competence's code in its framework, e.g. 4.1.")
    framework: str
    level_min: int
    level_max: int


class WorkshopOut(Schema):
    id: int
    title: str
    description: str
    track: str = Field(description=", ".join(Track.values))
    format: str = Field(description=", ".join(Format.values))
    duration_minutes: int
    prerequisites: str
    targets: list[TargetOut]


class SessionOut(Schema):
    id: int
    workshop: int
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(description="The IANA zone the session's times are given in, e.g. Europe/Paris.")
    factory: str
    site: str | None = Field(description="None for an online lab.")
    place: str
    facilitator: str
    capacity: int
    seats_left: int
    waiting: int
    status: str


class RegistrationOut(Schema):
    id: int
    session: int
    status: str = Field(description="confirmed, waitlisted, offered, cancelled or expired.")
    offer_expires_at: datetime | None = Field(description="Until when an offered seat can be accepted.")
    waiting_position: int | None = Field(description="1 for the first person waiting; None when not waiting.")
    attendance: str = Field(description="'' (not recorded yet), attended or no_show.")


class AttendeeOut(Schema):
    registration: int
    name: str
    email: str
    status: str
    attendance: str


class SessionFilters(Schema):
    track: Track | None = None
    format: Format | None = None
    competence: str | None = Field(None, max_length=20, description="A competence code, e.g. 4.1.")
    site: int | None = Field(None, ge=0, description="A site's id; 0 for online labs.")
    start: Date | None = Field(None, description="From this day (YYYY-MM-DD); today by default.")
    days: int = Field(31, ge=1, le=366)

    @field_validator("start", mode="before")
    @classmethod
    def start_is_a_calendar_day(cls, value):
        # Pydantic would read "0" as a Unix timestamp; the document says YYYY-MM-DD.
        if value is not None and not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            raise ValueError("Give the day as YYYY-MM-DD.")
        return value


def _person(request) -> Person:
    person = request.actor.person
    if person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return person


def _workshop_out(workshop: Workshop) -> WorkshopOut:
    return WorkshopOut(
        id=workshop.pk, title=workshop.title, description=workshop.description, track=workshop.track,
        format=workshop.format, duration_minutes=workshop.duration_minutes, prerequisites=workshop.prerequisites,
        targets=[
            TargetOut(competence=t.competence.code, framework=str(t.competence.framework),
                      level_min=t.level_min, level_max=t.level_max)
            for t in workshop.targets.all()
        ],
    )  # fmt: skip


def _session_out(session: Session) -> SessionOut:
    return SessionOut(
        id=session.pk, workshop=session.workshop_id, title=session.workshop.title, starts_at=session.starts_at,
        ends_at=session.ends_at, time_zone=session.time_zone, factory=session.factory.name,
        site=session.factory.site.name if session.factory.site else None, place=session.place,
        facilitator=session.facilitator.full_name, capacity=session.capacity, seats_left=session.seats_left,
        waiting=getattr(session, "waiting", 0), status=session.status,
    )  # fmt: skip


def _registration_out(registration: Registration) -> RegistrationOut:
    waiting = registration.status == Registration.Status.WAITLISTED
    return RegistrationOut(
        id=registration.pk, session=registration.session_id, status=registration.status,
        offer_expires_at=registration.offer_expires_at,
        waiting_position=selectors.waiting_position(registration) if waiting else None,
        attendance=registration.attendance,
    )  # fmt: skip


def _visible_session(request, session_id: int) -> Session:
    person = _person(request)
    found = selectors.sessions_with_seats(
        Session.objects.filter(workshop__organisation=person.organisation).exclude(
            status=Session.Status.DRAFT
        )
    )
    return get_object_or_404(found, pk=session_id)


def _own_registration(request, registration_id: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("session"), pk=registration_id, person=_person(request)
    )


@router.get(
    "/workshops",
    response={200: list[WorkshopOut], 404: Error, 422: Invalid},
    summary="The workshop catalogue",
)
def workshops(request):
    found = Workshop.objects.filter(organisation=_person(request).organisation, is_active=True)
    return [_workshop_out(w) for w in found.prefetch_related("targets__competence__framework")]


@router.get(
    "/workshops/{workshop_id}", response={200: WorkshopOut, 404: Error, 422: Invalid}, summary="One workshop"
)
def workshop(request, workshop_id: int):
    found = Workshop.objects.prefetch_related("targets__competence__framework")
    return _workshop_out(get_object_or_404(found, pk=workshop_id, organisation=_person(request).organisation))


@router.get(
    "/sessions",
    response={200: list[SessionOut], 404: Error, 422: Invalid},
    summary="Published sessions, from a day on, with filters",
)
def sessions(request, filters: Query[SessionFilters]):
    values = filters.dict()
    values = {k: (v.value if hasattr(v, "value") else v) for k, v in values.items() if v is not None}
    found = selectors.calendar_sessions(_person(request).organisation, selectors.CalendarFilters(**values))
    return [_session_out(s) for s in found]


@router.get(
    "/sessions/{session_id}", response={200: SessionOut, 404: Error, 422: Invalid}, summary="One session"
)
def session(request, session_id: int):
    return _session_out(_visible_session(request, session_id))


@router.get(
    "/sessions/{session_id}/attendees",
    response={200: list[AttendeeOut], 404: Error, 422: Invalid},
    summary="Who holds a seat or waits, for the session's facilitator",
)
def attendees(request, session_id: int):
    """Only for the session's facilitator, or the Factory's manager: anyone else gets 404."""
    person = _person(request)
    found = Session.objects.filter(pk=session_id, workshop__organisation=person.organisation)
    if not request.actor.can(Perm.FACTORY_MANAGE):
        if not request.actor.can(Perm.FACTORY_FACILITATE):
            raise HttpError(404, "Not found.")
        found = found.filter(facilitator=person)
    session = get_object_or_404(found)
    audit_record(
        actor=request.user, organisation=person.organisation, action="factory.registrations_viewed",
        subject=f"session:{session.pk}",
    )  # fmt: skip
    people = selectors.session_people(session)
    return [
        AttendeeOut(
            registration=r.pk,
            name=r.person.full_name,
            email=r.person.email,
            status=r.status,
            attendance=r.attendance,
        )
        for r in [*people["seated"], *people["waiting"]]
    ]


@router.get(
    "/registrations",
    response={200: list[RegistrationOut], 404: Error, 422: Invalid},
    summary="The caller's registrations",
)
def registrations(request):
    found = Registration.objects.filter(person=_person(request)).order_by("-created_at")
    return [_registration_out(r) for r in found]


@router.post(
    "/sessions/{session_id}/registrations",
    response={201: RegistrationOut, 404: Error, 409: Error, 422: Invalid},
    summary="Register the caller for a session",
)
def register(request, session_id: int):
    """201 with the registration: `confirmed` (a seat) or `waitlisted`. Registering again
    returns the same registration. 409 when the session is closed (started, or not open)."""
    session = _visible_session(request, session_id)
    try:
        registration = services.registration_create(session=session, person=_person(request))
    except services.FactoryRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, _registration_out(registration))


@router.post(
    "/registrations/{registration_id}/cancel",
    response={200: RegistrationOut, 404: Error, 409: Error, 422: Invalid},
    summary="Cancel the caller's registration, leave the waiting list or decline an offer",
)
def cancel(request, registration_id: int):
    """409 after the cancellation deadline (ACCULTURE_FACTORY_CANCEL_HOURS before the start)."""
    try:
        registration = services.registration_cancel(registration=_own_registration(request, registration_id))
    except services.FactoryRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return _registration_out(registration)


@router.post(
    "/registrations/{registration_id}/accept",
    response={200: RegistrationOut, 404: Error, 409: Error, 422: Invalid},
    summary="Accept the seat offered from the waiting list",
)
def accept(request, registration_id: int):
    """409 when there is no offer to accept, or it has expired."""
    try:
        registration = services.offer_accept(registration=_own_registration(request, registration_id))
    except services.FactoryRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return _registration_out(registration)
