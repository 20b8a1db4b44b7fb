"""Real headless Chromium against pytest-django's live server, reusable by any app.

Fixtures and helpers:
- ``browser_page``: a fresh Playwright page (own cookies) in Debian's Chromium.
- ``sign_in(page, live_server, username)``: signs in through the real form.
- ``assert_accessible(page)``: runs axe-core, failing on serious or critical violations.
- ``screenshot(page, name)``: saves a full-page PNG under test-artifacts/screenshots/.

Mark browser tests ``@pytest.mark.browser`` and ``@pytest.mark.django_db(transaction=True)``
so the live server thread sees the test's data. A transactional test ends with the
tables flushed, so the agency kinds seeded by migration are put back before each one.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from
# the test are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct-horse-battery"  # the factories' password
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(autouse=True)
def _agency_kinds(transactional_db):
    import importlib

    from django.apps import apps

    seed = importlib.import_module("partners.migrations.0002_agency_kinds")
    seed.add_kinds(apps, None)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(
            f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")


def assert_accessible(page) -> None:
    """axe-core on the page as it is now; fail on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING_IMPACTS
    ]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in blocking
    ]
    assert not blocking, f"Accessibility violations on {page.url}:\n" + "\n".join(details)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def page_check():
    """Screenshot and axe-check a page in one call: ``page_check(page, "home")``."""

    def check(page, name: str) -> None:
        screenshot(page, name)
        assert_accessible(page)

    return check
