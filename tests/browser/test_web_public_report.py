"""A member of the public reports online in real Chromium, and an officer triages it."""

import pytest
from playwright.sync_api import expect

from intake.models import Report
from tests.intake.factories import png_bytes, use_upload_dir

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = '<script>alert("x")</script> Youths kicking a ball at my window'


def _continue(page) -> None:
    page.get_by_role("button", name="Continue").click()


def _answer(page, check, name: str, label: str, exact: bool = True) -> None:
    page.get_by_label(label, exact=exact).check()
    check(page, name)
    _continue(page)


def test_a_resident_reports_online_and_the_triage_team_picks_it_up(
    browser_page, live_server, cast, page_check, settings, tmp_path
):
    use_upload_dir(settings, tmp_path / "uploads")
    settings.FOLLOWUPS_PUBLIC_BASE_URL = live_server.url  # status links point here
    page = browser_page
    page.goto(f"{live_server.url}/report/")
    expect(page.locator("main")).to_contain_text("Call 999 now if someone is in danger")
    expect(page.locator("body")).not_to_contain_text("OFFICIAL-SENSITIVE")
    page_check(page, "intake-01-start")
    page.get_by_role("button", name="Start now").click()

    expect(page.locator("h1")).to_have_text("Is this an emergency?")
    _answer(page, page_check, "intake-02-emergency", "No")

    _continue(page)  # nothing chosen: the error is explained
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what your report is about")
    page_check(page, "intake-03-about-error")
    _answer(page, page_check, "intake-03-about", "Anti-social behaviour")

    page.get_by_label("What happened?").fill(SCRIPT)
    page_check(page, "intake-04-what")
    _continue(page)
    page.get_by_label("When did it happen?").fill("Every evening about 9pm")
    page_check(page, "intake-05-when")
    _continue(page)
    page.get_by_label("Where did it happen?").fill("14 Mill Lane, Eastbridge")
    page_check(page, "intake-06-where")
    _continue(page)
    _answer(page, page_check, "intake-07-ongoing", "No")

    page.get_by_label("Upload a photo").set_input_files(
        {"name": "window.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page_check(page, "intake-08-photo")
    _continue(page)
    _answer(page, page_check, "intake-09-anonymous", "Yes, I will give my details")

    page.get_by_label("First name").fill("Amira")
    page.get_by_label("Last name").fill("Khan")
    page.get_by_label("Email address").fill("amira@example.org")
    page_check(page, "intake-10-details")
    _continue(page)
    _answer(page, page_check, "intake-11-contact", "Email")
    _answer(page, page_check, "intake-12-victim", "Yes")
    _answer(page, page_check, "intake-13-consent", "Yes")

    expect(page.locator("h1")).to_have_text("Check your answers before sending your report")
    expect(page.locator(".govuk-summary-list")).to_contain_text(SCRIPT)  # shown as text
    expect(page.locator(".govuk-summary-list")).to_contain_text("window.png")
    page_check(page, "intake-14-check")
    page.get_by_role("link", name="Change where").click()
    page.get_by_label("Where did it happen?").fill("The park behind Mill Lane shops")
    _continue(page)
    expect(page.locator(".govuk-summary-list")).to_contain_text("The park behind Mill Lane")
    page.get_by_role("button", name="Send report").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    report = Report.objects.select_related("case").get()
    expect(page.get_by_test_id("reference")).to_have_text(report.case.reference)
    page_check(page, "intake-15-sent")
    assert report.photo and report.answers["what_happened"] == SCRIPT
    status_url = page.get_by_test_id("status-link").get_attribute("href")
    page.goto(status_url)
    expect(page.get_by_test_id("public-status")).to_contain_text("Received")
    expect(page.locator("main")).to_contain_text("We will tell you who your contact is.")
    page_check(page, "intake-16-status-before-triage")

    sign_in(page, live_server, "owner")
    page.get_by_role("link", name="Triage").click()
    page_check(page, "intake-17-triage-queue")
    page.get_by_role("link", name=report.case.reference).click()
    expect(page.locator("main")).to_contain_text(SCRIPT)
    page_check(page, "intake-18-triage-report")
    page.get_by_role("link", name="Accept").click()
    page.get_by_label("Anti-social behaviour").check()
    page.get_by_label("Personal", exact=True).check()
    page.get_by_label("Case risk").select_option("medium")
    page.get_by_label("Lead agency").select_option(label=cast.police.name)
    page.get_by_label("Lead officer").select_option(
        label=f"{cast.colleague.get_full_name()} ({cast.police.name})"
    )
    page_check(page, "intake-19-accept")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("accepted")
    report.refresh_from_db()
    assert report.outcome == "accepted" and report.case.status == "triaged"

    page.goto(status_url)  # the reporter's private page now names their contact
    expect(page.locator("main")).to_contain_text(cast.colleague.get_full_name())
    expect(page.get_by_test_id("latest-update")).to_contain_text("has been picked up")
    page_check(page, "intake-20-status-after-triage")
