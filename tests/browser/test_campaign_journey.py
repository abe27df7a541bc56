"""A campaign from end to end in a real browser: the CDO creates and launches it, the
worker sends the invitations, the employee finds it and starts it."""

import re
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from acculture.assessments.models import Assessment, Campaign
from tests.assessments.conftest import make_bank
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD


def test_the_cdo_launches_a_campaign_and_the_employee_starts_it(new_page, cast):
    make_bank()
    page = new_page(language="en")
    sign_in(page, cast.cdo.email, PASSWORD)
    page.get_by_role("link", name="Manage the campaigns").click()
    page.get_by_role("link", name="Create a campaign").click()
    # A mistake first: the error summary says what to do.
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert "Enter a title for the campaign" in page.locator(".error-summary").inner_text()
    today = timezone.localdate()
    page.get_by_label("Title").fill("Autumn 2026")
    page.get_by_label("Message to the people invited (optional)").fill("We want to offer useful training.")
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + timedelta(days=21)).isoformat())
    page.get_by_label("Everyone invited is asked to take it (mandatory)").check()
    page.get_by_role("button", name="Save and continue").click()
    assert page.locator("h1").inner_text() == "Autumn 2026"
    assert "11 people will be invited." in page.locator("main").inner_text()
    page.get_by_role("link", name="Change the competences").click()
    page.get_by_label("Only the ones I choose below").check()
    page.get_by_label("1.1 Competence 1.1").check()
    page.get_by_role("button", name="Save and continue").click()
    assert "1.1 Competence 1.1" in page.locator("main").inner_text()
    page.get_by_role("button", name="Launch and send the invitations").click()
    assert "11 people are invited" in page.locator(".messages").inner_text()
    page.go_back()  # the browser's back button must not launch twice
    page.reload()
    campaign = Campaign.objects.get()
    assert campaign.status == "launched" and campaign.invitations.count() == 11

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert cast.employee.email in {m.to[0] for m in mail.outbox}

    page = new_page(language="en")
    sign_in(page, cast.employee.email, PASSWORD)
    page.get_by_role("link", name="Go to my assessment").click()
    assert "Autumn 2026" in page.locator("main").inner_text()
    page.get_by_role("button", name="Start this assessment").click()
    page.wait_for_url("**/assessments/*/")
    assert "Question 1" in page.locator("main").inner_text()
    assessment = Assessment.objects.get(person=cast.employee)
    assert assessment.campaign == campaign and assessment.competence_codes == ["1.1"]
