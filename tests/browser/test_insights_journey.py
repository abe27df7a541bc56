"""The CDO reads the dashboard, drills down into a unit, downloads a table and the monthly
report; a manager sees only their units. Both pages pass axe (WCAG 2.1 AA) with figures in
them, in French and in English."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.insights.conftest import IMMEDIATE_TASKS, world  # noqa: F401 (the fixture)

# The dashboard computes every figure of the organisation on each page; on a loaded
# machine that can take longer than the suite's default 10 s.
TIMEOUT_MS = 30_000

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_the_cdo_reads_drills_down_exports_and_downloads_the_report(new_page, cast, world):  # noqa: F811
    page = new_page(language="en")
    page.set_default_timeout(TIMEOUT_MS)
    sign_in(page, cast.cdo.email, PASSWORD)
    page.get_by_role("link", name="Open the dashboard").click()
    main = page.locator("main")
    assert "Illiteracy rate: at levels 1–2 or never assessed" in main.inner_text()
    assert "28.0 %" in main.inner_text()
    page.get_by_role("link", name="Direction", exact=True).click()
    page.get_by_role("link", name="Bureau A", exact=True).click()
    expect(page.get_by_role("navigation", name="Where you are in the units")).to_be_visible()
    assert "Cellule A1" in main.inner_text()

    with page.expect_download() as download:
        page.locator("#h-units").locator("xpath=..").get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("acculture-units-")
    assert "Cellule A1" in Path(download.value.path()).read_text(encoding="utf-8")

    page.get_by_role("link", name="Prepare or download the monthly report").click()
    with IMMEDIATE_TASKS:
        page.get_by_role("button", name="Prepare the report for last month").click()
    page.wait_for_load_state()
    with page.expect_download() as pdf:
        page.get_by_role("link", name="(PDF)").click()
    assert Path(pdf.value.path()).read_bytes()[:4] == b"%PDF"


def test_a_manager_sees_only_their_units(new_page, cast, world):  # noqa: F811
    page = new_page(language="en")
    page.set_default_timeout(TIMEOUT_MS)
    sign_in(page, cast.manager.email, PASSWORD)
    page.get_by_role("link", name="Open the dashboard").click()
    text = page.locator("main").inner_text()
    assert "Bureau B" in text and "Bureau A" not in text and "Cellule A1" not in text
    assert page.goto(f"/insights/?unit={world['a'].pk}").status == 404


def test_the_dashboard_and_the_reports_page_pass_axe_in_both_languages(new_page, cast, world):  # noqa: F811
    axe = Axe()
    for language in ("fr", "en"):
        page = new_page(language=language)
        page.set_default_timeout(TIMEOUT_MS)
        sign_in(page, cast.cdo.email, PASSWORD)
        for url in ("/insights/", f"/insights/?unit={world['direction'].pk}", "/insights/reports/"):
            page.goto(url)
            violations = axe.run(page, options=WCAG_AA).response["violations"]
            assert violations == [], (language, url, [(v["id"], v["nodes"][0]["html"]) for v in violations])
