"""Every other page of the web application, checked by axe-core in real Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework import services
from casework.models import CaseType, LawfulBasis

from ..factories import PersonFactory
from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def missing(cast):
    case = services.case_open(
        actor=cast.owner,
        case_type=CaseType.MISSING_PERSON,
        summary="Boy, 15, missing from care home.",
        lead_officer=cast.owner,
        detail={
            "risk_grade": "high",
            "grade_rationale": "Known exploitation risk.",
            "is_child": True,
            "last_seen_at": timezone.now() - timedelta(hours=6),
            "last_seen_place": "Care home",
        },
    )
    share = services.case_share(
        actor=cast.owner,
        case=case,
        agency=cast.council,
        reason="Corporate parent.",
        lawful_basis=LawfulBasis.STATUTORY,
        statutory_basis="Children Act 1989 s.47",
    )
    person = PersonFactory(given_name="Jordan", family_name="Pike")
    services.participant_add(actor=cast.owner, case=case, person=person, role="subject")
    entry = services.entry_add(actor=cast.owner, case=case, body="Called the care home.")
    action = services.action_add(
        actor=cast.owner,
        case=case,
        description="Check known addresses",
        assigned_agency=cast.police,
        assigned_to=cast.owner,
        due_on=timezone.localdate(),
    )
    return {"case": case, "share": share, "entry": entry, "action": action}


def test_the_remaining_pages_pass_the_accessibility_check(
    browser_page, live_server, cast, missing, page_check
):
    page = browser_page
    case = missing["case"]
    base = f"{live_server.url}/cases/{case.reference}/"
    sign_in(page, live_server, "owner")
    pages = {
        "20-case-detail-missing-person": "",
        "21-regrade": "missing/grade/",
        "22-record-information": "missing/information/",
        "23-record-return": "missing/returned/",
        "24-amend-note": f"entries/{missing['entry'].pk}/amend/",
        "25-complete-action": f"actions/{missing['action'].pk}/complete/",
        "26-stop-sharing": f"shares/{missing['share'].pk}/revoke/",
        "27-manage-access": "access/",
        "28-add-person": "people/new/",
    }
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, name
        page_check(page, name)

    # The likely-match step of adding a person.
    page.get_by_label("Victim").check()
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Pike")
    page.get_by_role("button", name="Add person").click()
    expect(page.locator("h1")).to_have_text("Is this someone already on the system?")
    page_check(page, "29-person-matches")

    # An illegal move refused with the service's message.
    page.goto(base + "status/")
    page.get_by_label("Closed").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("reason for closing")
    page_check(page, "30-change-status-error")

    page.goto(f"{live_server.url}/accounts/password/")
    page_check(page, "31-change-password")

    sign_in(page, live_server, "council_partner")
    response = page.goto(base + "edit/")
    assert response.status == 403
    page_check(page, "32-forbidden")
