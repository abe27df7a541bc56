"""HR defines a function with requirements and assigns a holder; the holder sees their
gap and a learning path; HR downloads who does not meet the requirement."""

import csv
import io
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from acculture.functions.models import Function, Holding
from tests.assessments.conftest import make_bank
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.functions.conftest import give_result


def test_hr_requires_a_level_the_holder_sees_the_gap_and_hr_downloads_the_list(new_page, cast):
    framework = make_bank(per_level=1, levels=(2, 3))
    give_result(cast.employee, framework, 3.0, {"1.1": 2.4, "1.2": 3.3, "2.1": 3.1}, days_ago=20)

    hr = new_page(language="en")
    hr.set_default_navigation_timeout(30_000)  # the first page of a cold server on a busy machine
    sign_in(hr, cast.hr.email, PASSWORD)
    hr.get_by_role("link", name="Manage the functions").click()
    hr.get_by_role("link", name="Add a function").click()
    hr.get_by_label("Name of the function").fill("Records officer")
    hr.get_by_label("Minimum overall level (optional)").fill("3")
    hr.get_by_label("1.1 Competence 1.1").fill("9")  # out of range first
    hr.get_by_label("Grace period (days)").fill("90")
    hr.get_by_role("button", name="Save the function").click()
    assert hr.title().startswith("Error:")
    assert "Enter a level between 0 and 8" in hr.locator(".error-summary").inner_text()
    hr.get_by_label("1.1 Competence 1.1").fill("4,0")
    hr.get_by_role("button", name="Save the function").click()
    hr.get_by_role("link", name="Add a holder").click()
    hr.get_by_label("Employee number").fill("E001")
    started = timezone.localdate() - timedelta(days=10)
    hr.get_by_label("Since when does the person hold the function?").fill(started.isoformat())
    hr.get_by_role("button", name="Add the holder").click()
    assert "Emma Employee now holds this function." in hr.locator(".messages").inner_text()
    assert Holding.objects.get(function=Function.objects.get(name="Records officer")).person == cast.employee

    emma = new_page(language="en")
    emma.set_default_navigation_timeout(30_000)
    sign_in(emma, cast.employee.email, PASSWORD)
    emma.get_by_role("link", name="See my function’s requirements").click()
    emma.get_by_role("link", name="See what “Records officer” needs and your learning path").click()
    main = emma.locator("main").inner_text()
    assert "Not yet: 1.6 to go" in main
    assert "Your level: 2.4; level needed: 4.0." in main
    emma.get_by_role("link", name="Tutorial 1.1").click()
    emma.wait_for_url("**/tutorials/tut-1.1/**")

    hr.goto("/")
    hr.get_by_role("link", name="Who does not meet the requirement").click()
    assert "Emma Employee" in hr.locator("main table").inner_text()
    with hr.expect_download() as download:
        hr.get_by_role("link", name="Download this list (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[1][:2] == ["E001", "Employee"]
    assert rows[1][7] == "In the grace period" and "1.1: 2.4 / 4.0" in rows[1][10]
