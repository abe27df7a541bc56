"""Journeys of each role as a new user would make them, in a real browser."""

import re

from django.core import mail
from playwright.sync_api import expect

from acculture.people.models import Person, RoleGrant
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD


def test_an_employee_signs_in_with_the_keyboard_only_and_finds_their_details(new_page, cast):
    page = new_page(language="fr", javascript=False)
    page.goto("/")
    page.wait_for_url("**/login/**")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu principal"
    page.locator("#id_email").focus()
    page.keyboard.type(cast.employee.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)
    assert page.locator("h1").inner_text() == "Bonjour, Emma"
    page.get_by_role("link", name="Voir mes informations").click()
    assert "E001" in page.locator("main").inner_text()
    page.get_by_role("button", name="English").click()
    assert page.locator("h1").inner_text() == "My details"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login/")


def test_a_wrong_password_shows_an_error_summary_that_takes_the_focus(new_page, cast):
    page = new_page(language="en")
    page.goto("/login/")
    page.locator("#id_email").fill(cast.employee.email)
    page.locator("#id_password").fill("not the password")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    summary = page.locator(".error-summary")
    assert "There is a problem" in summary.inner_text()
    expect(summary).to_be_focused()


def test_hr_fixes_a_staff_file_then_imports_it_once(new_page, cast, tmp_path):
    page = new_page(language="en")
    sign_in(page, cast.hr.email, PASSWORD)
    page.get_by_role("link", name="Import a staff file").click()
    bad = tmp_path / "staff.csv"
    bad.write_text(
        "employee_number;first_name;last_name;email\nN1;Nina;New;nina-at-agence\n", encoding="utf-8"
    )
    page.get_by_label("Staff file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    assert "There is 1 problem in the file" in page.locator("main").inner_text()
    expect(page.get_by_role("cell", name="nina-at-agence")).to_be_visible()
    good = tmp_path / "staff-fixed.csv"
    good.write_text(
        "employee_number;first_name;last_name;email\nN1;Nina;New;nina@agence.example\n", encoding="utf-8"
    )
    page.get_by_role("link", name="Upload a corrected file").click()
    page.get_by_label("Staff file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    assert "New people" in page.locator("main").inner_text()
    page.get_by_role("button", name="Import these changes").click()
    assert "1 new" in page.locator(".messages").inner_text()
    page.go_back()  # the browser's back button must not import twice
    page.reload()
    assert Person.objects.filter(employee_number="N1").count() == 1


def test_the_cdo_appoints_a_champion_after_correcting_an_employee_number(new_page, cast):
    page = new_page(language="en")
    sign_in(page, cast.cdo.email, PASSWORD)
    page.get_by_role("link", name="Manage roles").click()
    page.get_by_label("Employee number").fill("E999")
    page.get_by_label("Digital champion").check()
    page.get_by_role("button", name="Give the role").click()
    expect(page).to_have_title(re.compile(r"^Error:"))
    page.get_by_role("link", name="No active member of staff has this employee number").click()
    page.get_by_label("Employee number").fill("E001")
    page.get_by_label("Digital champion").check()
    page.get_by_role("button", name="Give the role").click()
    assert "Emma Employee now has the role" in page.locator(".messages").inner_text()
    assert RoleGrant.objects.filter(person=cast.employee, role="champion").exists()


def test_a_newcomer_sets_a_password_from_the_link_in_the_email_and_signs_in(new_page, cast):
    Person.objects.create(
        organisation=cast.org,
        employee_number="N2",
        first_name="Noé",
        last_name="Neuf",
        email="noe@agence.example",
    )
    page = new_page(language="fr")
    page.goto("/login/")
    page.get_by_role("link", name="Recevoir un lien pour définir votre mot de passe").click()
    page.get_by_label("Adresse e-mail").fill("noe@agence.example")
    page.get_by_role("button", name="M’envoyer le lien").click()
    assert page.locator("h1").inner_text() == "Consultez votre messagerie"
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password/reset/" in line)
    page.goto(link)
    page.locator("#id_new_password1").fill("une phrase facile à retenir")
    page.locator("#id_new_password2").fill("une phrase facile à retenir")
    page.locator("main button[type=submit]").click()
    page.get_by_role("link", name="Se connecter").click()
    sign_in(page, "noe@agence.example", "une phrase facile à retenir")
    assert page.locator("h1").inner_text() == "Bonjour, Noé"
