"""A day's work in real Chromium: log a case, add people, a note and an action, share it,
and check what the partner and the outsider then see."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import sign_in, sign_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _add_person(page, role: str, given: str, family: str, born: tuple[str, str, str]) -> None:
    page.get_by_role("tab", name=re.compile("People")).click()
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label(role, exact=True).check()
    page.get_by_label("First name").fill(given)
    page.get_by_label("Last name").fill(family)
    for index, part in enumerate(born):
        page.locator(f"#id_date_of_birth_{index}").fill(part)
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"{given} {family} added"
    )


def test_an_officer_logs_works_and_shares_a_case_and_partners_see_only_their_part(
    browser_page, live_server, cast, page_check
):
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page_check(page, "01-sign-in")
    sign_in(page, live_server, "owner")
    expect(page.locator("header")).to_contain_text("OFFICIAL-SENSITIVE")
    expect(page.locator(".app-user-bar")).to_contain_text("Police agency (Officer)")
    page_check(page, "02-home")

    # Log an ASB case.
    page.get_by_role("button", name="Log a new case").click()
    expect(page).to_have_title(re.compile("^Log a new case"))
    page.get_by_label("Anti-social behaviour").check()
    expect(page.locator("#section-asb")).to_be_visible()
    expect(page.locator("#section-missing_person")).to_be_hidden()
    page.get_by_label("Summary").fill("Youths throwing stones at 3 Elm Court windows nightly.")
    page.get_by_label("Address or location").fill("3 Elm Court, Eastbridge")
    page.get_by_label("Ward", exact=True).fill("Castle")
    page.get_by_label("Personal", exact=True).check()
    page_check(page, "03-create-case")
    page.get_by_role("button", name="Log case").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("logged")
    reference = page.locator("h1").inner_text().removeprefix("Case ").strip()
    case_url = page.url

    # A victim and a subject.
    _add_person(page, "Victim", "Margaret", "Oyelaran", ("12", "6", "1948"))
    page_check(page, "04-case-people")
    _add_person(page, "Subject (person of concern)", "Tyler", "Brankstone", ("3", "9", "2008"))

    # A police-intelligence note and a standard note.
    page.get_by_role("tab", name=re.compile("Timeline")).click()
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Details").fill("Intel: subject linked to county lines group.")
    page.get_by_label("Police intelligence").check()
    page_check(page, "05-add-note")
    page.get_by_role("button", name="Add to timeline").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Note added")
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Details").fill("Victim visited; window boarded up by the landlord.")
    page.get_by_role("button", name="Add to timeline").click()

    # An action.
    page.get_by_role("tab", name=re.compile("Actions")).click()
    page.get_by_role("button", name="Add an action").click()
    page.get_by_label("What needs doing?").fill("Fit CCTV doorbell at the victim's home")
    page.get_by_label("Agency responsible").select_option(label="Police agency")
    due = timezone.localdate() + timedelta(days=7)
    for index, part in enumerate((due.day, due.month, due.year)):
        page.locator(f"#id_due_on_{index}").fill(str(part))
    page_check(page, "06-add-action")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator("#actions")).to_contain_text("Fit CCTV doorbell")

    # Share with the council on a statutory basis.
    page.get_by_role("tab", name=re.compile("Sharing")).click()
    page.get_by_role("button", name="Share with an agency").click()
    page.get_by_label("Share with").select_option(label="Council agency")
    page.get_by_label("Why are you sharing it?").fill("Council housing tenancy: ASB team to act.")
    expect(page.get_by_label("Statute and section")).to_be_hidden()
    page.get_by_label("Statutory basis").check()
    page.get_by_label("Statute and section").fill("Crime and Disorder Act 1998 s.115")
    page_check(page, "07-share")
    page.get_by_role("button", name="Share case").click()
    expect(page.locator("#sharing")).to_contain_text("Crime and Disorder Act 1998 s.115")
    page_check(page, "08-case-detail-owner")

    # Edit the case and move it on; the history tab shows who changed what.
    page.get_by_role("button", name="Edit case").click()
    page.get_by_label("Ward", exact=True).fill("Harbour")
    page.get_by_label("Medium").check()
    page_check(page, "09-edit-case")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("updated")
    page.get_by_role("button", name="Change status").click()
    page.get_by_label("Triaged").check()
    page_check(page, "10-change-status")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("triaged")
    page.get_by_role("tab", name="History").click()
    expect(page.locator("#history")).to_contain_text("Castle → Harbour")
    expect(page.locator("#history")).to_contain_text("New → Triaged")
    page_check(page, "11-case-history")
    page.get_by_role("link", name="Home").click()
    expect(page.locator("main")).to_contain_text(reference)
    page_check(page, "12-home-with-work")
    sign_out(page)

    # The council officer sees the case but never the police intelligence.
    sign_in(page, live_server, "council_officer")
    page.goto(case_url)
    expect(page.locator("h1")).to_have_text(f"Case {reference}")
    expect(page.locator("#timeline")).to_contain_text("window boarded up")
    expect(page.locator("body")).not_to_contain_text("county lines")
    expect(page.locator("#withheld-marker")).to_contain_text("1 restricted entry is not shown")
    page_check(page, "13-case-detail-council")
    page.get_by_role("link", name="All cases").click()
    expect(page.locator("table")).to_contain_text(reference)
    page_check(page, "14-case-list")
    page.get_by_label("Search by reference, person's name or address").fill("Oyelaran")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_contain_text("1 case")
    page.goto(case_url)
    page.get_by_role("tab", name=re.compile("People")).click()
    page.get_by_role("link", name="Margaret Oyelaran").click()
    expect(page.locator("h1")).to_have_text("Margaret Oyelaran")
    page_check(page, "15-person")
    sign_out(page)

    # The fire officer cannot tell the case exists.
    sign_in(page, live_server, "fire_officer")
    response = page.goto(case_url)
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Elm Court")
    page_check(page, "16-not-found")


def test_a_form_with_errors_shows_a_linked_error_summary(
    browser_page, live_server, cast, page_check
):
    page = browser_page
    sign_in(page, live_server, "owner")
    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_label("Missing person", exact=True).check()
    page.get_by_role("button", name="Log case").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # govuk-frontend moves focus to the summary
    expect(summary).to_contain_text("Enter a summary of the case.")
    expect(summary).to_contain_text("Give the rationale for the grade.")
    expect(page).to_have_title(re.compile("^Error: Log a new case"))
    expect(
        page.get_by_label("Missing person", exact=True)
    ).to_be_checked()  # nothing chosen is lost
    page_check(page, "17-create-case-errors")
    summary.get_by_role("link", name="Give the rationale for the grade.").click()
    expect(page.locator("#id_mp_rationale")).to_be_focused()
