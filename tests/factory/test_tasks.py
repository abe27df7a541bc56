"""E-mails: one per change of status, with the calendar invitation; reminders once."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from icalendar import Calendar

from acculture.factory import services
from acculture.factory.models import Registration
from acculture.factory.tasks import registration_email_send, session_reminders_send
from tests.factory.conftest import IMMEDIATE_TASKS, make_session, make_staff


def invitation(message) -> Calendar:
    (_name, content, mimetype) = next(a for a in message.attachments if a[0].endswith(".ics"))
    return Calendar.from_ical(content), mimetype


@IMMEDIATE_TASKS
def test_a_seat_sends_one_e_mail_with_the_calendar_invitation_in_the_persons_language(cast, session):
    cast.employee.language = "en"
    cast.employee.save()
    services.registration_create(session=session, person=cast.manager)  # French, the default
    assert mail.outbox.pop().subject == "Votre place : Strong passwords"
    registration = services.registration_create(session=session, person=cast.employee)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.employee.email]
    assert message.subject == "Your seat: Strong passwords"
    assert f"/factory/sessions/{session.pk}/" in message.body
    calendar, mimetype = invitation(message)
    assert mimetype == "text/calendar; method=REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event["summary"] == "Strong passwords"
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert str(event["dtstart"].params["TZID"]) == "Europe/Paris"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"  # calendars that know no zones need it
    # Running the task again (a worker retrying) sends nothing more.
    assert registration_email_send.call(registration.pk) == "already sent"
    assert len(mail.outbox) == 1


@IMMEDIATE_TASKS
def test_the_first_person_waiting_is_told_of_the_offer_and_its_deadline(cast):
    session = make_session(cast, capacity=1)
    seated, waiting = (
        services.registration_create(session=session, person=p) for p in make_staff(cast.org, 2)
    )
    mail.outbox.clear()
    services.registration_cancel(registration=seated)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Annulation : Strong passwords", "Une place est libre pour vous : Strong passwords"]
    cancelled = next(m for m in mail.outbox if m.subject.startswith("Annulation"))
    assert invitation(cancelled)[1] == "text/calendar; method=CANCEL"
    offer = next(m for m in mail.outbox if m.subject.startswith("Une place"))
    assert offer.to == [waiting.person.email] and "Acceptez-la avant le" in offer.body


@override_settings(FACTORY_REMINDER_HOURS=48)
@pytest.mark.django_db
def test_reminders_go_once_to_people_with_a_seat_in_the_next_two_days(cast):
    soon = make_session(cast, days=1)
    later = make_session(cast, days=5)
    seated = services.registration_create(session=soon, person=cast.employee)
    services.registration_create(session=later, person=cast.manager)
    mail.outbox.clear()
    assert session_reminders_send.call() == 1
    assert session_reminders_send.call() == 0
    assert [m.subject for m in mail.outbox] == ["Rappel : Strong passwords"]
    seated.refresh_from_db()
    assert seated.reminded_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_periodic_command_expires_offers_through_the_worker(cast):
    session = make_session(cast, capacity=1)
    seated, first, second = (
        services.registration_create(session=session, person=p) for p in make_staff(cast.org, 3)
    )
    services.registration_cancel(registration=seated, now=timezone.now() - timedelta(days=2))
    first.refresh_from_db()
    assert first.status == Registration.Status.OFFERED and first.offer_expires_at < timezone.now()
    call_command("factory_tick", stdout=io.StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("expired", "offered")
    told = {(m.to[0], m.subject.split(":")[0]) for m in mail.outbox}
    assert (second.person.email, "Une place est libre pour vous ") in told
    assert (first.person.email, "La proposition de place a pris fin ") in told
