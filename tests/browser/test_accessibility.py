"""axe-core on every page each role can reach, in French and English, with scripts on
and off; screenshots of each role's home page at desktop and phone widths.

The pages come from the permission matrix (tests/permissions/test_matrix.py): every
URL a role gets with status 200 is checked for that role, so a new page is checked as
soon as it has its matrix entry. "Scripts off" blocks every script of the page (our own
and htmx) while axe itself runs, which is what a visitor without JavaScript gets.
"""

import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PASSWORD
from tests.permissions.test_matrix import MATRIX, ROLES

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
REPORT = Path(os.environ.get("ACCULTURE_A11Y_REPORT", SCREENSHOTS.parent / "accessibility-report.json"))
axe = Axe()


def sign_in(page, cast, role):
    if role == "anonymous":
        return
    email = cast.admin.email if role == "platform_admin" else cast.person(role).email
    page.goto("/login/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def reachable_urls(cast, role) -> list[str]:
    urls = []
    for name, entry in MATRIX.items():
        if entry.expected[role] == 200 and entry.page and not name.startswith("admin:"):
            urls.append(reverse(name, kwargs=entry.kwargs(cast)))
    return urls


def record(entries: list[dict]) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(REPORT.read_text()) if REPORT.exists() else []
    REPORT.write_text(json.dumps(existing + entries, indent=1))


@pytest.mark.parametrize("role", [r for r in ROLES if r != "platform_admin"])
def test_every_page_a_role_reaches_has_no_wcag_aa_violation(new_page, cast, role):
    checked, failures = [], []
    for language in ("fr", "en"):
        for scripts in (True, False):
            page = new_page(language=language)
            sign_in(page, cast, role)
            if not scripts:
                page.route("**/*.js", lambda route: route.abort())
            for url in reachable_urls(cast, role):
                page.goto(url)
                assert page.locator("html").get_attribute("lang") == language
                assert page.locator("h1").count() == 1, f"{url} must have exactly one h1"
                result = axe.run(page, options=WCAG_AA)
                violations = [
                    f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
                    for v in result.response["violations"]
                ]
                checked.append({"role": role, "url": url, "language": language, "scripts": scripts,
                                "violations": len(violations)})  # fmt: skip
                failures += [
                    f"{url} [{language}, scripts {'on' if scripts else 'off'}] {v}" for v in violations
                ]
    record(checked)
    assert checked, f"no page was checked for {role}"
    assert failures == []


@pytest.mark.parametrize("role", ["employee", "manager", "hr", "cdo", "champion", "facilitator", "proctor"])
def test_each_role_home_page_is_readable_at_desktop_and_phone_widths(new_page, cast, role):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360, 320):  # 320 px: the narrowest phone WCAG 1.4.10 asks for
        page = new_page(language="fr", width=width, height=800)
        sign_in(page, cast, role)
        page.goto("/")
        # Nothing may force a sideways scroll at phone width (WCAG 1.4.10 reflow).
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{role} home page scrolls sideways by {overflow}px at {width}px"
        page.screenshot(path=str(SCREENSHOTS / f"{role}-home-{width}.png"), full_page=True)


def test_text_zoomed_to_200_percent_does_not_force_a_sideways_scroll(new_page, cast):
    # 200 % zoom of a 1280 px window is a 640 px CSS viewport with the same layout rules.
    page = new_page(language="fr", width=640, height=450)
    sign_in(page, cast, "hr")
    for url in ("/", "/staff/import/", "/me/"):
        page.goto(url)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), url
