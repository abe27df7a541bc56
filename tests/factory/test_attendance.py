"""Attendance: who came gets the session's time in their learning time, once."""

import pytest

from acculture.factory import services
from acculture.factory.models import Registration
from acculture.learning.models import TimeEntry
from acculture.learning.selectors import balance_for
from tests.factory.conftest import make_session, make_staff, started


def test_attendees_are_credited_and_no_shows_recorded(cast):
    session = make_session(cast, capacity=3)
    came, absent = (services.registration_create(session=session, person=p) for p in make_staff(cast.org, 2))
    waiting_employee = services.registration_create(session=session, person=cast.employee)  # a seat too
    started(session)
    counts = services.attendance_record(session=session, attended={came.pk}, actor=cast.facilitator.user)
    assert counts == {"attended": 1, "no_show": 2}
    came.refresh_from_db()
    absent.refresh_from_db()
    assert came.attendance == Registration.Attendance.ATTENDED
    assert absent.attendance == Registration.Attendance.NO_SHOW
    entry = TimeEntry.objects.get(person=came.person)
    assert (entry.source, entry.minutes, entry.reference) == (
        "workshop",
        90,
        f"workshop-attendance:{came.pk}",
    )
    assert not TimeEntry.objects.filter(person__in=[absent.person, waiting_employee.person]).exists()
    assert balance_for(came.person).month.used == 90


def test_taking_attendance_twice_credits_the_time_once_and_a_correction_takes_it_back(cast, session):
    registration = services.registration_create(session=session, person=cast.employee)
    started(session)
    for _ in range(2):
        services.attendance_record(session=session, attended={registration.pk}, actor=None)
    assert TimeEntry.objects.filter(person=cast.employee, source="workshop").count() == 1
    services.attendance_record(session=session, attended=set(), actor=None)
    assert not TimeEntry.objects.filter(person=cast.employee, source="workshop").exists()


def test_attendance_waits_for_the_start(cast, session):
    registration = services.registration_create(session=session, person=cast.employee)
    with pytest.raises(services.FactoryRefused, match="once the session has started"):
        services.attendance_record(session=session, attended={registration.pk}, actor=None)
    assert not TimeEntry.objects.exists()


def test_only_attendees_give_feedback(cast, session):
    came, absent = (services.registration_create(session=session, person=p) for p in make_staff(cast.org, 2))
    started(session)
    services.attendance_record(session=session, attended={came.pk}, actor=None)
    came.refresh_from_db()
    absent.refresh_from_db()
    services.feedback_give(registration=came, usefulness=4, will_use=True, comment="Très concret")
    services.feedback_give(registration=came, usefulness=3, will_use=True, comment="")  # replaces
    with pytest.raises(services.FactoryRefused):
        services.feedback_give(registration=absent, usefulness=1, will_use=False)
    from acculture.factory.selectors import feedback_summary

    summary = feedback_summary(session)
    assert (summary["n"], summary["usefulness"], summary["will_use"], summary["comments"]) == (1, 3.0, 1, [])
