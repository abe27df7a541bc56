"""Registering, the waiting list, offers, cancelling: the rules of docs/factory.md."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from acculture.factory import services
from acculture.factory.models import Registration
from tests.factory.conftest import make_session, make_staff

Status = Registration.Status


def fill(session, people):
    return [services.registration_create(session=session, person=p) for p in people]


def test_people_get_seats_until_the_session_is_full_then_join_the_waiting_list(cast):
    session = make_session(cast, capacity=10)
    regs = fill(session, make_staff(cast.org, 12))
    assert [r.status for r in regs] == [Status.CONFIRMED] * 10 + [Status.WAITLISTED] * 2
    assert services.seats_taken(session) == 10


def test_registering_twice_changes_nothing(cast, session):
    first = services.registration_create(session=session, person=cast.employee)
    again = services.registration_create(session=session, person=cast.employee)
    assert again.pk == first.pk and again.status == Status.CONFIRMED
    assert Registration.objects.filter(session=session).count() == 1


def test_a_cancelled_seat_is_offered_to_the_first_person_waiting(cast):
    session = make_session(cast, capacity=2)
    seated_a, _seated_b, first_waiting, second_waiting = fill(session, make_staff(cast.org, 4))
    services.registration_cancel(registration=seated_a)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Status.OFFERED
    assert second_waiting.status == Status.WAITLISTED
    # The offer holds the seat: a newcomer cannot take it.
    newcomer = services.registration_create(session=session, person=cast.employee)
    assert newcomer.status == Status.WAITLISTED
    services.offer_accept(registration=first_waiting)
    first_waiting.refresh_from_db()
    assert first_waiting.status == Status.CONFIRMED and first_waiting.offer_expires_at is None
    assert services.seats_taken(session) == 2


@override_settings(FACTORY_OFFER_HOURS=12)
def test_an_offer_not_accepted_in_time_passes_to_the_next_person(cast):
    session = make_session(cast, capacity=1)
    seated, first_waiting, second_waiting = fill(session, make_staff(cast.org, 3))
    now = timezone.now()
    services.registration_cancel(registration=seated, now=now)
    first_waiting.refresh_from_db()
    assert first_waiting.offer_expires_at == now + timedelta(hours=12)

    assert services.offers_expire(now=now + timedelta(hours=11)) == 0
    assert services.offers_expire(now=now + timedelta(hours=12, seconds=1)) == 1
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Status.EXPIRED
    assert second_waiting.status == Status.OFFERED
    with pytest.raises(services.FactoryRefused, match="expired"):
        services.offer_accept(registration=first_waiting, now=now + timedelta(hours=13))


def test_an_offer_never_lasts_beyond_the_start_of_the_session(cast):
    session = make_session(cast, capacity=1, days=0.25)  # six hours from now
    seated, waiting = fill(session, make_staff(cast.org, 2))
    with override_settings(FACTORY_CANCEL_HOURS=1):
        services.registration_cancel(registration=seated)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == session.starts_at


@override_settings(FACTORY_CANCEL_HOURS=24)
def test_a_seat_cannot_be_given_back_online_after_the_deadline_but_the_waiting_list_can_be_left(cast):
    session = make_session(cast, capacity=1, days=0.5)
    seated, waiting = fill(session, make_staff(cast.org, 2))
    with pytest.raises(services.FactoryRefused, match="too late to cancel"):
        services.registration_cancel(registration=seated)
    seated.refresh_from_db()
    assert seated.status == Status.CONFIRMED
    services.registration_cancel(registration=waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.CANCELLED


def test_a_person_who_cancelled_can_register_again_at_the_end_of_the_queue(cast):
    session = make_session(cast, capacity=1)
    _seated, waiting = fill(session, make_staff(cast.org, 2))
    services.registration_cancel(registration=waiting)
    again = services.registration_create(session=session, person=waiting.person)
    assert again.pk == waiting.pk and again.status == Status.WAITLISTED


def test_nobody_registers_for_a_draft_a_started_session_or_another_organisations(cast):
    draft = make_session(cast, publish=False)
    with pytest.raises(services.FactoryRefused, match="not open"):
        services.registration_create(session=draft, person=cast.employee)
    session = make_session(cast)
    with pytest.raises(services.FactoryRefused, match="not open to you"):
        services.registration_create(session=session, person=cast.outsider)
    with pytest.raises(services.FactoryRefused, match="already started"):
        services.registration_create(session=session, person=cast.employee, now=session.starts_at)
    assert not Registration.objects.exists()


def test_publishing_announces_the_session_once(cast, django_capture_on_commit_callbacks):
    from acculture.events import event_published

    heard = []

    def listener(sender, **payload):
        heard.append(payload)

    event_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            session = make_session(cast, publish=False)
            services.session_publish(session=session)
            services.session_publish(session=session)
    finally:
        event_published.disconnect(listener)
    assert len(heard) == 1
    assert heard[0]["event"] == "workshop.session_published"
    assert heard[0]["url"] == f"/factory/sessions/{session.pk}/"
    assert heard[0]["data"]["capacity"] == 10 and "Strong passwords" in heard[0]["title"]
