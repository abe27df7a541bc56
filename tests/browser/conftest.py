"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Locally they skip with a clear message when Chromium is missing; CI sets
ACCULTURE_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ACCULTURE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-dev-shm-usage", "--disable-sync", "--disable-quic",
]  # fmt: skip
SCREENSHOTS = Path(
    os.environ.get(
        "ACCULTURE_SCREENSHOTS_DIR", Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
    )
)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if chromium_available() or not browser_items:
        return
    message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` to run the browser tests."
    if os.environ.get("ACCULTURE_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(message + " (ACCULTURE_REQUIRE_BROWSER=1 forbids skipping them.)")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(language="fr", javascript=True, width=1280) → a page on the live server."""
    contexts = []

    def make(language: str = "fr", javascript: bool = True, width: int = 1280, height: int = 900):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
        )
        context.add_cookies([{"name": "acculture_language", "value": language, "url": live_server.url}])
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, email: str, password: str) -> None:
    page.goto("/login/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)
