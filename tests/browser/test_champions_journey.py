"""An employee puts herself forward as a champion; the CDO accepts; she appears in the
directory, opens a thread in the circle; a colleague replies mentioning someone, who
sees the notification."""

from acculture.champions.models import Nomination
from acculture.circle.models import Category, Notification, Reaction, Thread
from acculture.people.models import Role, RoleGrant
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD


def patient(page):
    """Four people's pages in one test on a shared machine: allow slow loads."""
    page.set_default_timeout(30_000)
    return page


def test_an_employee_becomes_a_champion_and_talks_in_the_circle(new_page, cast):
    Category.objects.create(organisation=cast.org, slug="help", name="Help with tools")

    emma = patient(new_page(language="en"))
    sign_in(emma, cast.employee.email, PASSWORD)
    emma.get_by_role("link", name="Become a champion").click()
    emma.get_by_label("Why would you like to help your colleagues? (optional)").fill("I like explaining")
    emma.get_by_role("button", name="Put myself forward").click()
    emma.get_by_text("The Chief Digital Officer will read it").wait_for()
    assert Nomination.objects.get(person=cast.employee).status == "pending"

    cdo = patient(new_page(language="en"))
    sign_in(cdo, cast.cdo.email, PASSWORD)
    cdo.get_by_role("link", name="Manage the champions network").click()
    cdo.get_by_role("link", name="Decide for Emma Employee").click()
    cdo.get_by_label("Accept: they become a champion").check()
    cdo.get_by_role("button", name="Send my decision").click()
    cdo.get_by_text("Emma Employee is now a champion.").wait_for()
    assert RoleGrant.objects.filter(person=cast.employee, role=Role.CHAMPION).exists()

    emma.goto("/")
    emma.get_by_role("link", name="Find a digital champion").click()
    emma.get_by_role("heading", name="Emma Employee").wait_for()  # her card in the directory
    emma.goto("/")
    emma.get_by_role("link", name="Go to the circle").click()
    emma.get_by_role("link", name="Help with tools").click()
    emma.get_by_role("link", name="Start a thread").click()
    emma.get_by_label("Title").fill("How do I share my calendar?")
    emma.get_by_label("Your message").fill("I would like my team to see my **meetings**.")
    emma.get_by_role("button", name="Preview").click()  # htmx puts the preview above the form
    emma.locator(".preview strong").wait_for()
    assert emma.locator(".preview strong").inner_text() == "meetings"
    assert emma.get_by_label("Title").input_value() == "How do I share my calendar?"
    emma.get_by_role("button", name="Post my thread").click()
    emma.get_by_role("heading", name="How do I share my calendar?").wait_for()
    thread = Thread.objects.get()

    marc = patient(new_page(language="en", javascript=False))
    sign_in(marc, cast.manager.email, PASSWORD)
    marc.goto(f"/circle/t/{thread.pk}/")
    marc.get_by_label("Your message").fill("Settings, then Share. @hr.person knows it well too.")
    marc.get_by_role("button", name="Post my reply").click()
    marc.get_by_text("Your reply is posted.").wait_for()
    assert Notification.objects.filter(person=cast.hr, kind="mention").exists()

    hr = patient(new_page(language="en"))
    sign_in(hr, cast.hr.email, PASSWORD)
    hr.get_by_role("link", name="1 new notification").click()
    hr.get_by_role("link", name="Marc Manager mentioned you in “How do I share my calendar?”").click()
    hr.get_by_role("heading", name="How do I share my calendar?").wait_for()
    assert "knows it well too" in hr.locator("main").inner_text()
    assert Notification.objects.get(person=cast.hr).read_at is not None
    # With scripts on, htmx swaps the reactions in place; the page does not reload.
    reply = hr.locator("article", has_text="knows it well too")
    hr.evaluate("window.samePage = true")
    reply.get_by_role("button", name="Thank you").click()
    reply.locator("button[aria-pressed=true]", has_text="Thank you").wait_for()
    assert hr.evaluate("window.samePage === true")
    assert Reaction.objects.filter(person=cast.hr, kind="thanks").count() == 1
