"""The employee's assessment, in a real browser: with the keyboard only, with and without
JavaScript, from the start page to the results."""

import re

import pytest
from playwright.sync_api import expect

from acculture.assessments.models import Assessment, Response
from tests.assessments.conftest import make_bank
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD


def answer_with_the_keyboard(page, javascript: bool) -> None:
    """Pick the second choice (or type 42) and confirm, using only the keyboard."""
    position = page.locator("input[name=position]").first.input_value()
    radios = page.locator("main input[type=radio]")
    if radios.count():
        radios.nth(0).focus()
        page.keyboard.press("ArrowDown")  # radios move with the arrow keys
    else:
        page.locator("main input[type=text]").first.focus()
        page.keyboard.type("42")
    if javascript:  # htmx posts in the background; wait for the page to move on
        page.keyboard.press("Enter")  # submits the form with its first button: "Confirm my answer"
        page.wait_for_function(
            "p => !document.querySelector('input[name=position]') || "
            "document.querySelector('input[name=position]').value !== p",
            arg=position,
        )
        page.wait_for_load_state()
    else:
        with page.expect_navigation():
            page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["scripts-on", "scripts-off"])
def test_an_employee_takes_the_assessment_with_the_keyboard_and_reads_results(new_page, cast, javascript):
    make_bank(codes=("1.1", "1.2", "2.1"), per_level=1, levels=(2, 3, 4))
    page = new_page(language="en", javascript=javascript)
    sign_in(page, cast.employee.email, PASSWORD)
    page.get_by_role("link", name="Go to my assessment").click()
    assert "“I don't know” is a fine answer" in page.locator("main").inner_text()
    page.get_by_role("button", name="Start the assessment").click()
    page.wait_for_url("**/assessments/*/")
    for _ in range(40):
        if "/results/" in page.url:
            break
        if page.get_by_role("heading", level=1).inner_text() in (
            "Right answer",
            "Not quite",
            "Here is the answer",
        ):
            onward = page.get_by_role("link", name="Next question")
            if not onward.count():
                onward = page.get_by_role("link", name="See my results")
            with page.expect_navigation():
                onward.click()
            continue
        assert "Question" in page.locator(".progress-line").inner_text()
        answer_with_the_keyboard(page, javascript)
    expect(page).to_have_url(re.compile(r"/results/"))
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    assert page.locator("svg.radar").count() == 1
    expect(page.get_by_role("table").first).to_be_visible()
    assessment = Assessment.objects.get(person=cast.employee)
    assert assessment.status == "completed"
    assert Response.objects.filter(assessment=assessment).count() >= 3


def test_an_old_tab_or_the_back_button_never_replays_or_loses_an_answer(new_page, cast):
    make_bank(codes=("1.1",), per_level=2, levels=(2, 3, 4))
    page = new_page(language="en", javascript=False)
    sign_in(page, cast.employee.email, PASSWORD)
    page.goto("/assessments/")
    page.get_by_role("button", name="Start the assessment").click()
    page.wait_for_url("**/assessments/*/")
    old_tab = page.context.new_page()  # the same question 1, as a second tab or a page kept by "back"
    old_tab.goto(page.url)
    page.locator("main input[type=radio]").nth(1).check()
    page.get_by_role("button", name="Confirm my answer").click()
    page.wait_for_url("**/answers/1/")
    old_tab.locator("main input[type=radio]").nth(0).check()
    with old_tab.expect_navigation():  # the old page posts again; wait for its answer page
        old_tab.get_by_role("button", name="Confirm my answer").click()
    assessment = Assessment.objects.get(person=cast.employee)
    assert Response.objects.get(assessment=assessment, position=1).answer == {
        "value": "b"
    }  # the first stands
    assert Response.objects.filter(assessment=assessment).count() == 1
    assert old_tab.get_by_role("heading", level=1).inner_text() == "Right answer"  # shown what was recorded


def start_with_scripts(new_page, cast):
    """The employee, with JavaScript, on the first question of a new practice test."""
    make_bank(codes=("1.1", "1.2", "2.1"), per_level=1, levels=(2, 3, 4))
    page = new_page(language="en", javascript=True)
    sign_in(page, cast.employee.email, PASSWORD)
    page.goto("/assessments/")
    page.get_by_role("button", name="Start the assessment").click()
    page.wait_for_url("**/assessments/*/")
    return page


def test_with_scripts_the_explanation_and_the_next_question_come_without_a_new_page(new_page, cast):
    page = start_with_scripts(new_page, cast)
    question_url = page.url
    page.evaluate("window.stillTheSamePage = true")
    answer_with_the_keyboard(page, javascript=True)
    page.wait_for_url("**/answers/1/")
    # Swapped in, not loaded: the page's own variables survive, and the title, the address
    # and the focus say where the person is, as a new page would.
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page).to_have_title("Answer to question 1 — Acculture")
    page.wait_for_function("() => document.activeElement.tagName === 'H1'")  # once htmx has settled
    page.get_by_role("link", name="Next question").click()
    page.wait_for_url(question_url)
    page.get_by_text("Question 2", exact=True).wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page).to_have_title("Question 2 — Acculture")
    page.reload()  # the address shown is a page of its own
    expect(page).to_have_title("Question 2 — Acculture")
    assessment = Assessment.objects.get(person=cast.employee)
    assert Response.objects.filter(assessment=assessment).count() == 1


def test_with_scripts_an_empty_answer_shows_what_to_do_and_records_nothing(new_page, cast):
    page = start_with_scripts(new_page, cast)
    page.get_by_role("button", name="Confirm my answer").click()
    summary = page.locator(".error-summary")
    summary.wait_for()  # the 400 answer is swapped in like any other
    assert summary.is_visible()
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert Response.objects.filter(assessment__person=cast.employee).count() == 0
