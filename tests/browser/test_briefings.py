"""A safeguarding lead prepares the sheet and runs the meeting in real Chromium."""

import pytest

from casework import services as casework
from casework.models import CaseType

from .conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_prepares_the_sheet_and_records_the_meeting(cast, live_server, browser_page):
    case = casework.case_open(
        actor=cast.owner,
        case_type=CaseType.ASB,
        summary="Repeated threats to a tenant on Mill Lane.",
        risk_level="high",
        status="open",
        detail={"category": "personal", "victim_risk": "high"},
    )
    page = browser_page
    sign_in(page, live_server, cast.police_lead.username)
    page.get_by_role("link", name="Briefings").click()
    page.get_by_role("button", name="Prepare today's sheet now").first.click()
    page.get_by_role("heading", name="High-risk cases (1)").wait_for()
    assert case.reference in page.content()
    screenshot(page, "briefing-sheet")
    assert_accessible(page)

    page.get_by_role("button", name="Run the meeting").click()
    page.get_by_role("button", name="Record that everyone present acknowledged it").click()
    page.get_by_label("Name", exact=True).fill("Sam Patel")
    page.get_by_label("Agency", exact=True).select_option(label="Council agency")
    page.get_by_role("button", name="Add").click()
    page.get_by_label("Case reference").fill(case.reference)
    page.get_by_label("Decision").fill("Joint visit with the council tomorrow.")
    page.get_by_role("button", name="Record").click()
    page.get_by_text(f"Discussion of {case.reference} recorded.").wait_for()
    assert "Sam Patel, Council agency" in page.content()
    screenshot(page, "briefing-meeting")
    assert_accessible(page)
