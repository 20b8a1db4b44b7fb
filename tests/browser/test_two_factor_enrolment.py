"""A manager enrols an authenticator app in the browser before reaching any case."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from .conftest import PASSWORD, assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _two_factor_for_managers(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["manager", "administrator"]


def _sign_in_with_password(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_manager_enrols_with_the_qr_page_and_then_reaches_the_casebook(
    cast, browser_page, live_server
):
    page = browser_page
    _sign_in_with_password(page, live_server, cast.police_manager.username)

    page.wait_for_url("**/accounts/two-factor/**")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    qr_code = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr_code).to_be_visible()
    # The QR code is an inline data image: the content security policy must let it draw.
    assert qr_code.evaluate("image => image.naturalWidth") > 0
    assert_accessible(page)
    screenshot(page, "two-factor-enrolment")

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="That code is not right")).to_be_visible()
    assert_accessible(page)

    # The authenticator app: the key shown on the page makes the current code.
    secret = page.locator("#totp-secret").inner_text()
    code = f"{totp(base64.b32decode(secret)):06d}"
    page.wait_for_timeout(1_100)  # a wrong code throttles the device for one second
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    screenshot(page, "two-factor-recovery-codes")
    page.goto(f"{live_server.url}/cases/")
    expect(page.get_by_role("heading", name="Cases")).to_be_visible()


def test_an_officer_is_not_stopped_for_a_second_factor(cast, browser_page, live_server):
    page = browser_page
    _sign_in_with_password(page, live_server, cast.owner.username)
    page.wait_for_url(f"{live_server.url}/")
    assert "two-factor" not in page.url
