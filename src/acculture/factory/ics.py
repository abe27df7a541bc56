"""Calendar invitations (.ics, RFC 5545) for workshop sessions.

One UID per session and person, so that a calendar replaces the event it already has
when a later message (a reminder, a cancellation) carries the same UID; SEQUENCE grows
with each change of status so that the newest message wins.
"""

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event, vCalAddress, vText

from acculture.factory.models import Registration, Session


def _event(session: Session, *, uid: str, cancelled: bool = False, sequence: int = 0) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", session.published_at or session.created_at)
    # The local times with their zone: the person's calendar shows them in its own zone.
    event.add("dtstart", session.local_start)
    event.add("dtend", session.local_end)
    event.add("summary", session.workshop.title)
    url = settings.BASE_URL + reverse("factory:session-detail", args=[session.pk])
    description = [session.workshop.description, "", url]
    if session.link:
        description[1:1] = ["", session.link]
    event.add("description", "\n".join(description))
    event.add("url", url)
    location = ", ".join(
        part for part in (session.factory.name, session.place or session.factory.address) if part
    )
    event.add("location", vText(session.link if session.factory.is_online and session.link else location))
    organizer = vCalAddress(f"mailto:{session.facilitator.email}")
    organizer.params["cn"] = vText(session.facilitator.full_name)
    event.add("organizer", organizer)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Acculture//Digital Factory//EN")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def registration_ics(registration: Registration) -> bytes:
    """The invitation sent by e-mail: REQUEST for a seat, CANCEL once given back."""
    session = registration.session
    cancelled = registration.status != Registration.Status.CONFIRMED
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    uid = f"factory-registration-{registration.pk}@{settings.BASE_URL.split('//')[-1]}"
    event = _event(session, uid=uid, cancelled=cancelled, sequence=1 if cancelled else 0)
    attendee = vCalAddress(f"mailto:{registration.person.email}")
    attendee.params["cn"] = vText(registration.person.full_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def session_ics(session: Session) -> bytes:
    """The session alone, to download and add to one's calendar."""
    calendar = _calendar("PUBLISH")
    uid = f"factory-session-{session.pk}@{settings.BASE_URL.split('//')[-1]}"
    calendar.add_component(_event(session, uid=uid, cancelled=session.status == Session.Status.CANCELLED))
    calendar.add_missing_timezones()
    return calendar.to_ical()
