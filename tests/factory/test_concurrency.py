"""The last seat under a crowd: real threads, each with its own database connection,
against the real database (SQLite with IMMEDIATE transactions, or PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from acculture.factory import services
from acculture.factory.models import Registration
from tests.factory.conftest import make_session, make_staff

CROWD = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_for_the_last_seat_yield_exactly_one_booking(cast):
    session = make_session(cast, capacity=10)
    for person in make_staff(cast.org, 9, prefix="SEATED"):
        services.registration_create(session=session, person=person)
    crowd = make_staff(cast.org, CROWD, prefix="CROWD")
    start = threading.Barrier(CROWD)

    def register(person):
        start.wait()  # everyone clicks at the same instant
        try:
            return services.registration_create(session=session, person=person).status
        finally:
            connection.close()  # each thread has its own connection; give it back

    with ThreadPoolExecutor(CROWD) as pool:
        outcomes = list(pool.map(register, crowd))

    assert outcomes.count(Registration.Status.CONFIRMED) == 1
    assert outcomes.count(Registration.Status.WAITLISTED) == CROWD - 1
    assert services.seats_taken(session) == 10
    assert Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED).count() == 10
