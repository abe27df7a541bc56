"""An employee declares learning time; their manager counts it; the balance shows it."""

from django.utils import timezone

from acculture.learning.models import TimeEntry
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD


def test_an_employee_declares_time_and_the_manager_counts_it(new_page, cast):
    page = new_page(language="en")
    sign_in(page, cast.employee.email, PASSWORD)
    page.get_by_role("link", name="My learning time").first.click()
    page.get_by_role("link", name="Declare time I spent learning").click()
    page.get_by_label("When did you learn?").fill(timezone.localdate().isoformat())  # a date input takes ISO
    page.get_by_label("How many minutes?").fill("45")
    page.get_by_label("A tutorial").check()
    page.get_by_label("What did you do?").fill("the tutorial on strong passwords")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/learning/")
    entry = TimeEntry.objects.get(person=cast.employee)
    assert (entry.minutes, entry.status) == (45, "pending")

    manager = new_page(language="en")
    sign_in(manager, cast.manager.email, PASSWORD)
    manager.get_by_role("link", name="See your teams' learning time and the time to approve").click()
    manager.get_by_role("button", name="Count it for Emma Employee", exact=True).click()
    manager.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.approved_by == cast.manager.user
    page.reload()
    assert "the tutorial on strong passwords" in page.locator("main").inner_text()
