"""Victim follow-up pages in real Chromium, checked by axe-core: the officer's
card and forms, and the victim's own status page (no sign-in)."""

import pytest
from playwright.sync_api import expect

from casework import services as casework_services
from casework.models import CaseType
from followups import services
from followups.models import ContactPlan

from .conftest import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def victim_case(cast):
    case = casework_services.case_open(
        actor=cast.owner,
        case_type=CaseType.ASB,
        summary="Threats from a neighbour.",
        lead_officer=cast.owner,
        status="open",
        detail={"category": "personal"},
    )
    person, _ = casework_services.person_find_or_create(
        actor=cast.owner,
        given_name="Amy",
        family_name="Jones",
        email="amy@example.org",
        contact_preference="email",
    )
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    return case, ContactPlan.objects.get(case=case, person=person)


def test_the_follow_up_pages_pass_the_accessibility_check(
    browser_page, live_server, cast, victim_case, page_check
):
    page = browser_page
    case, plan = victim_case
    base = f"{live_server.url}/cases/{case.reference}/followups/{plan.pk}/"
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}/cases/{case.reference}/")
    expect(page.locator("#followups")).to_contain_text("Referral to victim support")
    page_check(page, "60-case-victim-follow-up")
    pages = {
        "61-send-update": "update/?template=case_opened",
        "62-record-contact": "contact/",
        "63-record-referral": "referral/",
        "64-contact-plan": "plan/",
    }
    for name, path in pages.items():
        assert page.goto(base + path).status == 200, name
        page_check(page, name)
    page.goto(base + "update/")
    page.get_by_role("button", name="Send update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("square brackets")
    page_check(page, "65-send-update-error")
    page.goto(f"{live_server.url}/cases/{case.reference}/followups/key-event/")
    page_check(page, "66-key-event")
    page.goto(f"{live_server.url}/followups/alerts/")
    page_check(page, "67-follow-up-notifications")
    page.goto(f"{live_server.url}/")
    page_check(page, "68-home-with-follow-ups")

    sign_in(page, live_server, "police_manager")
    page.goto(f"{live_server.url}/followups/figures/")
    page_check(page, "69-follow-up-figures")
    sign_out(page)

    path = services.status_link_issue(case=case, person=plan.person)
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_have_text(case.reference)
    page_check(page, "70-victim-status-page")
    page.get_by_role("button", name="Ask for contact").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("We have your request")
    page.goto(live_server.url + "/track/not-a-real-link/")
    page_check(page, "71-victim-link-not-valid")
