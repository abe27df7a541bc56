"""Issue 8's "done when", tried as a new user would: the CDO sets an allowance; a
facilitator publishes a session of 10 seats; 12 people register and 2 land on the waiting
list; one cancels and the first person waiting gets the seat; the facilitator takes
attendance on a phone; the attended time appears in each balance."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from acculture.factory import services
from acculture.factory.models import Registration, Session
from acculture.learning.selectors import balance_for
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.factory.conftest import make_lab, make_staff, make_workshop

PHONE = {"width": 360, "height": 740}


def patient(new_page):
    """Pages that wait longer than the default: this journey runs on a shared, busy machine."""

    def make(**kwargs):
        page = new_page(**kwargs)
        page.set_default_timeout(30_000)
        page.set_default_navigation_timeout(30_000)
        return page

    return make


def test_a_session_of_ten_seats_from_publication_to_attendance(new_page, cast):
    new_page = patient(new_page)
    make_workshop(cast.org, "Strong passwords", duration_minutes=90)
    make_lab(cast.org, site_name="Lyon", facilitators=[cast.facilitator])

    # The CDO gives everyone two hours a month.
    cdo = new_page(language="en")
    sign_in(cdo, cast.cdo.email, PASSWORD)
    cdo.get_by_role("link", name="Set learning-time allowances").click()
    cdo.goto("/learning/policies/new/")
    cdo.get_by_label("Minutes of learning time per month").fill("120")
    cdo.get_by_label("From which date?").fill(timezone.localdate().replace(day=1).isoformat())
    cdo.get_by_role("button", name="Save the policy").click()
    assert "The learning-time policy is saved." in cdo.locator(".messages").inner_text()

    # The facilitator plans and publishes a session of 10 seats, from the home card.
    facilitator = new_page(language="en")
    sign_in(facilitator, cast.facilitator.email, PASSWORD)
    facilitator.get_by_role("link", name="See your sessions").click()
    facilitator.get_by_role("link", name="Plan a session").click()
    facilitator.get_by_label("Which workshop?").select_option(label="Strong passwords")
    facilitator.get_by_label("In which lab?").select_option(label="Factory Lyon")
    facilitator.get_by_label("Which day?").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    facilitator.get_by_label("Start time").fill("14:00")
    facilitator.get_by_label("How many seats?").fill("10")
    facilitator.get_by_role("button", name="Save the session").click()
    assert "The session is published" in facilitator.locator(".messages").inner_text()
    session = Session.objects.get()
    assert (session.status, session.capacity) == ("published", 10)

    # Twelve people register: nine colleagues (by the service), then Emma in her browser
    # takes the tenth seat, Marc in his lands first on the waiting list, one more after him.
    colleagues = make_staff(cast.org, 10)
    for person in colleagues[:9]:
        services.registration_create(session=session, person=person)
    emma = new_page(language="en")
    sign_in(emma, cast.employee.email, PASSWORD)
    emma.get_by_role("link", name="Find a workshop").click()
    emma.get_by_role("link", name="See the calendar of sessions").click()
    emma.get_by_role("link", name="Strong passwords").click()
    assert "1 seat left of 10" in emma.locator("main").inner_text()
    emma.get_by_role("button", name="Register").click()
    assert "You have a seat." in emma.locator("main").inner_text()

    marc = new_page(language="en")
    sign_in(marc, cast.manager.email, PASSWORD)
    marc.goto(f"/factory/sessions/{session.pk}/")
    marc.get_by_role("button", name="Join the waiting list").click()
    assert "You are on the waiting list, number 1." in marc.locator("main").inner_text()
    services.registration_create(session=session, person=colleagues[9])
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert (statuses.count("confirmed"), statuses.count("waitlisted")) == (10, 2)

    # One colleague cancels; the seat is offered to Marc, who accepts it.
    services.registration_cancel(registration=Registration.objects.get(person=colleagues[0]))
    marc.reload()
    assert "A seat has freed up and it is offered to you" in marc.locator("main").inner_text()
    marc.get_by_role("button", name="Accept the seat").click()
    assert "The seat is yours" in marc.locator(".messages").inner_text()
    assert Registration.objects.get(person=colleagues[9]).status == "waitlisted"  # still waiting, now first
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)  # the e-mails, with .ics

    # The day comes (the session is moved to start now): attendance, on a phone, without JavaScript.
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5), ends_at=timezone.now() + timedelta(minutes=85)
    )
    phone = new_page(language="en", javascript=False, **PHONE)
    sign_in(phone, cast.facilitator.email, PASSWORD)
    phone.goto(f"/factory/run/{session.pk}/")
    phone.get_by_role("link", name="Take attendance").click()
    boxes = phone.get_by_role("checkbox")
    assert boxes.count() == 10
    box = boxes.first.bounding_box()
    assert box["width"] >= 32 and box["height"] >= 32  # with its label, a target of 44 px and more
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for i in range(10):
        if i != 3:  # one person did not come
            boxes.nth(i).check()
    phone.get_by_role("button", name="Save attendance").click()
    assert "9 came, 1 did not" in phone.locator(".messages").inner_text()

    # The attended time is in each attendee's balance.
    emma.goto("/learning/")
    assert "Strong passwords" in emma.locator("main").inner_text()
    attended = Registration.objects.filter(session=session, attendance="attended").select_related("person")
    assert attended.count() == 9
    assert all(balance_for(r.person).month.used == 90 for r in attended)
    no_show = Registration.objects.get(session=session, attendance="no_show")
    assert balance_for(no_show.person).month.used == 0
