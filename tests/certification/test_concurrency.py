"""A crowd at the door and a double click on "Finalise": real threads, each with its own
database connection (SQLite with IMMEDIATE transactions, or PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import translation

from acculture.certification import services
from acculture.certification.models import Certificate
from tests.certification.conftest import answer_all, ready
from tests.conftest import make_person

CROWD = 20


def _crowd(work, items):
    start = threading.Barrier(len(items))

    def run(item):
        start.wait()  # everyone clicks at the same instant
        try:
            with translation.override("en"):  # the language is per thread
                return work(item)
        except services.CertificationRefused as refusal:
            return str(refusal)
        finally:
            connection.close()

    with ThreadPoolExecutor(len(items)) as pool:
        return list(pool.map(run, items))


@pytest.mark.django_db(transaction=True)
def test_a_crowd_enrolling_in_the_last_places_fills_them_exactly(cast, session):
    people = [make_person(cast.org, f"C{i:03}", f"Crowd{i}", "Person", account=False) for i in range(CROWD)]
    outcomes = _crowd(lambda person: services.candidate_enrol(session=session, person=person), people)
    assert session.candidates.count() == session.capacity == 5
    assert sum(isinstance(o, str) and "full" in o for o in outcomes) == CROWD - 5


@pytest.mark.django_db(transaction=True)
def test_finalising_from_several_tabs_at_once_issues_each_certificate_once(cast, session):
    answer_all(ready(session, cast.employee, cast.proctor.user))
    outcomes = _crowd(
        lambda _: services.session_finalise(session=session, by=cast.proctor.user), list(range(6))
    )
    assert outcomes.count(True) == 1 and outcomes.count(False) == 5
    assert Certificate.objects.count() == 1
