"""The Digital Factory's pages: registering, running a session, attendance, the CDO's forms."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from acculture.factory import services
from acculture.factory.models import Factory, Registration, Session, Workshop
from acculture.learning.models import TimeEntry
from acculture.people.models import AuditEvent, Person, Role, RoleGrant
from tests.conftest import make_person
from tests.factory.conftest import make_lab, make_session, make_staff, make_workshop, started


def test_an_employee_registers_and_then_cancels_from_the_session_page(cast, login, session):
    client = login(cast.employee)
    page = client.get(f"/factory/sessions/{session.pk}/")
    assert b"10 seats left of 10" in page.content and b"Register" in page.content
    response = client.post(f"/factory/sessions/{session.pk}/register/", follow=True)
    assert b"You have a seat." in response.content
    assert Registration.objects.get(session=session, person=cast.employee).status == "confirmed"
    response = client.post(f"/factory/sessions/{session.pk}/cancel/", follow=True)
    assert b"Your registration is cancelled" in response.content
    assert Registration.objects.get(session=session, person=cast.employee).status == "cancelled"


def test_a_full_session_puts_the_employee_on_the_waiting_list_with_their_number(cast, login):
    session = make_session(cast, capacity=1)
    services.registration_create(session=session, person=make_staff(cast.org, 1)[0])
    response = login(cast.employee).post(f"/factory/sessions/{session.pk}/register/", follow=True)
    assert b"you are on the waiting list" in response.content
    assert b"You are on the waiting list, number 1." in response.content


def test_the_first_person_waiting_accepts_the_offered_seat_on_the_page(cast, login):
    session = make_session(cast, capacity=1)
    seated = services.registration_create(session=session, person=make_staff(cast.org, 1)[0])
    services.registration_create(session=session, person=cast.employee)
    services.registration_cancel(registration=seated)
    client = login(cast.employee)
    assert b"Accept the seat" in client.get(f"/factory/sessions/{session.pk}/").content
    response = client.post(f"/factory/sessions/{session.pk}/accept/", follow=True)
    assert b"The seat is yours" in response.content
    assert Registration.objects.get(session=session, person=cast.employee).status == "confirmed"


def test_a_facilitator_plans_and_publishes_a_session_that_another_facilitator_cannot_run(cast, login):
    workshop = make_workshop(cast.org)
    lab = make_lab(cast.org, facilitators=[cast.facilitator])
    day = timezone.localdate() + timedelta(days=10)
    response = login(cast.facilitator).post(
        "/factory/run/new/",
        {"workshop": workshop.pk, "factory": lab.pk, "facilitator": cast.facilitator.pk, "day": day.isoformat(),
         "start_time": "14:00", "time_zone": "Pacific/Noumea", "capacity": 10, "publish": "on"},
    )  # fmt: skip
    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/factory/run/{session.pk}/"
    assert session.status == "published" and session.capacity == 10
    assert session.local_start.strftime("%H:%M") == "14:00" and session.minutes == 90
    assert str(session.local_start.tzinfo) == "Pacific/Noumea"

    other = make_person(cast.org, "F2", "Other", "Facilitator")
    RoleGrant.objects.create(person=other, role=Role.FACILITATOR)
    assert login(other).get(f"/factory/run/{session.pk}/").status_code == 404


def test_planning_a_session_in_the_past_or_online_without_a_link_says_how_to_fix_it(cast, login):
    online = make_workshop(cast.org, "Online", format="online")
    lab = make_lab(cast.org)
    response = login(cast.facilitator).post(
        "/factory/run/new/",
        {"workshop": online.pk, "factory": lab.pk, "facilitator": cast.facilitator.pk,
         "day": "2020-01-01", "start_time": "14:00", "time_zone": "Europe/Paris", "capacity": 10},
    )  # fmt: skip
    assert response.status_code == 400
    assert b"Choose a day and time in the future." in response.content
    assert b"give the link to join it" in response.content
    assert not Session.objects.exists()


def test_the_facilitator_takes_attendance_and_attendees_get_their_time(cast, login, session):
    came, absent = (services.registration_create(session=session, person=p) for p in make_staff(cast.org, 2))
    client = login(cast.facilitator)
    before = client.get(f"/factory/run/{session.pk}/attendance/")
    assert b"once the session has started" in before.content
    started(session)
    page = client.get(f"/factory/run/{session.pk}/attendance/")
    assert b'type="checkbox"' in page.content and b"<script" not in page.content.split(b"<main")[1]
    assert AuditEvent.objects.filter(
        actor=cast.facilitator.user, action="factory.registrations_viewed", subject=f"session:{session.pk}"
    ).exists()
    response = client.post(f"/factory/run/{session.pk}/attendance/", {"present": [came.pk]}, follow=True)
    assert b"1 came, 1 did not" in response.content
    assert TimeEntry.objects.get(person=came.person).minutes == 90
    absent.refresh_from_db()
    assert absent.attendance == "no_show"


def test_an_attendee_gives_feedback_and_the_facilitator_reads_it_without_names(cast, login, session):
    registration = services.registration_create(session=session, person=cast.employee)
    started(session)
    services.attendance_record(session=session, attended={registration.pk}, actor=None)
    client = login(cast.employee)
    assert client.post(f"/factory/sessions/{session.pk}/feedback/", {}).status_code == 400
    response = client.post(
        f"/factory/sessions/{session.pk}/feedback/",
        {"usefulness": 4, "will_use": "on", "comment": "Concrete"},
    )
    assert response.status_code == 302
    page = login(cast.facilitator).get(f"/factory/run/{session.pk}/")
    assert b"Concrete" in page.content and b"1 opinion" in page.content


def test_the_calendar_filters_by_track_and_site_in_a_fixed_number_of_queries(cast, login):
    agile = make_workshop(cast.org, "Agile", track="agile")
    make_session(cast, workshop=agile, lab=make_lab(cast.org, site_name="Paris"))
    for days in (2, 3, 4):
        make_session(cast, days=days)
    client = login(cast.employee)
    with CaptureQueriesContext(connection) as few:
        client.get("/factory/calendar/")
    for days in (5, 6, 8, 9):
        make_session(cast, days=days)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/factory/calendar/")
    assert len(many) == len(few)
    assert page.content.count(b'class="agenda-item"') == 8
    only_agile = client.get("/factory/calendar/", {"track": "agile"})
    assert only_agile.content.count(b'class="agenda-item"') == 1 and b"Agile" in only_agile.content
    paris = Factory.objects.get(name="Factory Paris").site_id
    assert client.get("/factory/calendar/", {"site": paris}).content.count(b'class="agenda-item"') == 1
    assert client.get("/factory/calendar/", {"site": "nonsense"}).status_code == 200


def test_the_calendar_filters_by_competence_and_format_with_true_seat_counts(cast, login):
    from tests.assessments.conftest import make_bank

    framework = make_bank(codes=("1.1", "1.2"))
    first, second = framework.competences.order_by("order")
    both = make_workshop(cast.org, "Both", targets=[(first, 0, 8), (second, 0, 8)], format="hybrid")
    session = make_session(cast, workshop=both, link="https://visio.example.org/a")
    services.registration_create(session=session, person=cast.employee)
    make_session(cast, workshop=make_workshop(cast.org, "Other", targets=[(second, 0, 8)]))
    client = login(cast.employee)
    page = client.get("/factory/calendar/", {"competence": "1.1"}).content.decode()
    assert page.count('class="agenda-item"') == 1 and "9 seats left of 10" in page
    page = client.get("/factory/calendar/", {"format": "hybrid"}).content.decode()
    assert page.count('class="agenda-item"') == 1 and "Both" in page


def test_another_organisations_session_is_not_found(cast, login, session):
    client = login(cast.outsider)
    assert client.get(f"/factory/sessions/{session.pk}/").status_code == 404
    assert client.post(f"/factory/sessions/{session.pk}/register/").status_code == 404
    assert not Registration.objects.exists()


def test_the_session_downloads_as_a_calendar_file(cast, login, session):
    response = login(cast.employee).get(f"/factory/sessions/{session.pk}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in response.content and b"SUMMARY:Strong passwords" in response.content


def test_the_cdo_adds_a_lab_and_a_workshop(cast, login):
    from tests.assessments.conftest import make_bank

    framework = make_bank(codes=("1.1", "1.2"))
    competence = framework.competences.get(code="1.1")
    client = login(cast.cdo)
    response = client.post(
        "/factory/manage/labs/new/",
        {"name": "Factory Online", "site": "", "facilitators": [cast.facilitator.pk]},
    )
    assert response.status_code == 302
    lab = Factory.objects.get(name="Factory Online")
    assert lab.is_online and list(lab.facilitators.all()) == [cast.facilitator]
    response = client.post(
        "/factory/manage/workshops/new/",
        {"title": "Spreadsheets", "description": "Sums.", "track": "data_driven", "format": "hybrid",
         "duration_minutes": 60, "competences": [competence.pk], "level_min": 1, "level_max": 3},
    )  # fmt: skip
    assert response.status_code == 302
    workshop = Workshop.objects.get(title="Spreadsheets")
    assert [(t.competence.code, t.level_min, t.level_max) for t in workshop.targets.all()] == [("1.1", 1, 3)]
    assert workshop.is_active is False  # the box was not ticked: not in the catalogue
    assert b"Spreadsheets" not in login(cast.employee).get("/factory/workshops/").content


def test_the_home_page_shows_the_factory_to_everyone_and_sessions_to_run_to_facilitators(cast, login):
    assert b"Digital Factory" in login(cast.employee).get("/").content
    assert b"Your sessions to run" not in login(cast.employee).get("/").content
    assert b"Your sessions to run" in login(cast.facilitator).get("/").content
    assert Person.objects.filter(pk=cast.facilitator.pk).exists()


def test_the_facilitator_cancels_a_whole_session_and_everyone_is_told(cast, login, mailoutbox):
    from tests.factory.conftest import IMMEDIATE_TASKS

    session = make_session(cast, capacity=1)
    with IMMEDIATE_TASKS:
        for person in (cast.employee, cast.manager):
            services.registration_create(session=session, person=person)
        mailoutbox.clear()
        client = login(cast.facilitator)
        assert b"2 people registered or waiting" in client.get(f"/factory/run/{session.pk}/cancel/").content
        response = client.post(f"/factory/run/{session.pk}/cancel/", follow=True)
    assert b"The session is cancelled. 2 people" in response.content
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    assert sorted(m.subject for m in mailoutbox) == ["Séance annulée : Strong passwords"] * 2
    assert all(m.attachments[0][2] == "text/calendar; method=CANCEL" for m in mailoutbox)
    assert (
        b"This session is cancelled by the organisers."
        in login(cast.employee).get(f"/factory/sessions/{session.pk}/").content
    )


def test_times_are_shown_in_the_sessions_zone_which_is_named_when_it_is_not_the_readers(cast, login):
    paris = make_session(cast)
    noumea = make_session(cast, time_zone="Pacific/Noumea")
    # A winter day: Paris is UTC+1, Nouméa UTC+11 all year.
    start = datetime(timezone.now().year + 1, 1, 15, 22, 0, tzinfo=UTC)
    Session.objects.filter(pk__in=[paris.pk, noumea.pk]).update(
        starts_at=start, ends_at=start + timedelta(minutes=90)
    )
    client = login(cast.employee)
    paris_page = client.get(f"/factory/sessions/{paris.pk}/").content.decode()
    noumea_page = client.get(f"/factory/sessions/{noumea.pk}/").content.decode()
    assert "(Europe/Paris)" not in paris_page and "23:00–00:30" in paris_page  # 22:00 UTC in winter
    assert "(Pacific/Noumea)" in noumea_page and "09:00–10:30" in noumea_page  # UTC+11, the next day


def test_the_factory_home_and_the_facilitators_list_cost_the_same_with_more_sessions(cast, login):
    def costs():
        counts = []
        for who, url in ((cast.employee, "/factory/"), (cast.facilitator, "/factory/run/")):
            client = login(who)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    services.registration_create(session=make_session(cast), person=cast.employee)
    few = costs()
    for days in (2, 3, 4, 5):
        services.registration_create(session=make_session(cast, days=days), person=cast.employee)
    assert costs() == few


def test_more_seats_go_to_the_people_waiting_and_fewer_than_those_seated_is_refused(cast, login):
    session = make_session(cast, capacity=1)
    _seated, waiting = (
        services.registration_create(session=session, person=p) for p in make_staff(cast.org, 2)
    )
    client = login(cast.facilitator)
    response = client.post(f"/factory/run/{session.pk}/change/", {"capacity": 0, "place": "", "link": ""})
    assert response.status_code == 400 and b"Give at least 1 seat." in response.content
    response = client.post(
        f"/factory/run/{session.pk}/change/", {"capacity": 2, "place": "Room 4", "link": ""}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "offered"
    with pytest.raises(services.FactoryRefused, match="2 people already have a seat"):
        services.session_update(session=session, capacity=1, place="", link="")
    session.refresh_from_db()
    assert (session.capacity, session.place) == (2, "Room 4")


def test_another_facilitator_cannot_take_attendance_or_publish_and_the_outsider_finds_nothing(
    cast, login, session
):
    registration = services.registration_create(session=session, person=cast.employee)
    started(session)
    other = make_person(cast.org, "F3", "Third", "Facilitator")
    RoleGrant.objects.create(person=other, role=Role.FACILITATOR)
    for who in (other, cast.outsider):
        client = login(who)
        assert (
            client.post(f"/factory/run/{session.pk}/attendance/", {"present": [registration.pk]}).status_code
            == 404
        )
        assert client.post(f"/factory/run/{session.pk}/publish/").status_code == 404
        assert client.post(f"/factory/run/{session.pk}/cancel/").status_code == 404
    assert not TimeEntry.objects.exists()
    assert login(cast.employee).post(f"/factory/run/{session.pk}/attendance/").status_code == 403
