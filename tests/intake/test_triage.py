"""Triage against the cast: the police (the triage agency in tests) triage; nobody else may."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from casework import services as casework
from casework.models import Case, CaseStatus, CaseType, EntryKind, ParticipantRole
from intake import selectors, services
from intake.models import TriageOutcome

from .factories import answers, report_with_photo

TRIAGERS = {"owner", "colleague", "police_lead", "police_manager"}
MONDAY_10 = timezone.make_aware(datetime(2026, 11, 23, 10, 0))


@pytest.fixture
def report(cast):
    return services.report_submit(channel="online_form", answers=answers(), received_at=MONDAY_10)


def accept(actor, report, cast, **changes):
    values = {
        "case_type": CaseType.ASB,
        "risk_level": "medium",
        "lead_agency": cast.council,
        "lead_officer": cast.council_officer,
        "detail": {"category": "personal"},
    }
    values.update(changes)
    return services.report_accept(actor=actor, report=report, **values)


# --- Who may triage ------------------------------------------------------------------------


def test_only_the_triage_agencys_working_staff_see_the_queue(cast, report, client):
    for name, user in cast.everyone().items():
        client.force_login(user)
        status = client.get(reverse("intake:queue")).status_code
        assert status == (200 if name in TRIAGERS else 404), name
        queued = list(selectors.triage_queue(user))
        assert queued == ([report] if name in TRIAGERS else []), name


def test_nobody_outside_the_triage_team_can_accept_link_or_close(cast, report, case):
    for name, user in cast.everyone().items():
        if name in TRIAGERS:
            continue
        with pytest.raises(PermissionDenied):
            accept(user, report, cast)
        with pytest.raises(PermissionDenied):
            services.report_link(actor=user, report=report, target=case, reason="Same address.")
        with pytest.raises(PermissionDenied):
            services.report_close(actor=user, report=report, reason="Not for us.")
    report.refresh_from_db()
    assert not report.is_triaged and report.case.status == CaseStatus.NEW


def test_a_post_from_outside_the_team_is_refused_and_changes_nothing(cast, report, client):
    expected = {"council_officer": 404, "fire_manager": 404, "police_partner": 404, "admin": 404}
    for name, status in expected.items():
        client.force_login(getattr(cast, name))
        url = reverse("intake:close", args=[report.pk])
        assert client.post(url, {"reason": "Spam."}).status_code == status, name
    report.refresh_from_db()
    assert not report.is_triaged


# --- Accept ---------------------------------------------------------------------------------


def test_accepting_sets_type_risk_and_owner_and_hands_the_case_over(cast, report):
    accept(cast.owner, report, cast)
    report.refresh_from_db()
    case = report.case
    assert report.outcome == TriageOutcome.ACCEPTED and report.triaged_by == cast.owner
    assert (case.status, case.case_type, case.risk_level) == ("triaged", "asb", "medium")
    assert case.lead_agency == cast.council and case.lead_officer == cast.council_officer
    assert case.asb.category == "personal"
    assert casework_visible(cast.council_officer, case)
    assert case.events.filter(kind="transitioned", data__to_status="triaged").exists()


def casework_visible(user, case) -> bool:
    from casework import access

    return access.can_view(user, case)


def test_the_lead_officer_must_belong_to_the_lead_agency(cast, report):
    with pytest.raises(ValidationError, match="lead officer"):
        accept(cast.owner, report, cast, lead_officer=cast.fire_officer)
    report.refresh_from_db()
    assert not report.is_triaged and report.case.status == CaseStatus.NEW


def test_a_report_cannot_be_triaged_twice(cast, report):
    services.report_close(actor=cast.owner, report=report, reason="Duplicate call.")
    with pytest.raises(ValidationError, match="already triaged"):
        accept(cast.colleague, report, cast)


def test_the_accept_page_asks_for_the_asb_category(cast, report, client):
    client.force_login(cast.owner)
    url = reverse("intake:accept", args=[report.pk])
    page = client.post(
        url, {"case_type": "asb", "risk_level": "standard", "lead_agency": cast.police.pk}
    ).content.decode()
    assert "Choose the ASB category." in page
    response = client.post(
        url,
        {
            "case_type": "asb",
            "asb_category": "nuisance",
            "risk_level": "standard",
            "lead_agency": cast.police.pk,
            "lead_officer": cast.colleague.pk,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.case.lead_officer == cast.colleague and report.case.asb.category == "nuisance"


def test_accepting_a_missing_person_asks_for_the_grade_and_where_they_were_last_seen(
    cast, report, client
):
    client.force_login(cast.owner)
    url = reverse("intake:accept", args=[report.pk])
    chosen = {"case_type": "missing_person", "risk_level": "high", "lead_agency": cast.police.pk}
    page = client.post(url, chosen).content.decode()
    for message in ("Choose the risk grade.", "Give the rationale for the grade.",
                    "Enter where the person was last seen."):  # fmt: skip
        assert message in page
    seen = timezone.localdate() - timedelta(days=1)
    response = client.post(
        url,
        {
            **chosen,
            "mp_grade": "high",
            "mp_rationale": "Fifteen, no contact since yesterday, history of exploitation.",
            "mp_is_child": "on",
            "mp_last_seen_on_0": seen.day,
            "mp_last_seen_on_1": seen.month,
            "mp_last_seen_on_2": seen.year,
            "mp_last_seen_time": "18:30",
            "mp_last_seen_place": "Eastbridge bus station",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    detail = report.case.missing_person
    assert report.case.case_type == "missing_person" and detail.risk_grade == "high"
    assert detail.is_child and detail.last_seen_place == "Eastbridge bus station"
    assert detail.graded_by == cast.owner


# --- Link -----------------------------------------------------------------------------------


def test_linking_joins_the_reporter_to_the_existing_case_and_closes_the_report(cast, report, case):
    services.report_link(actor=cast.owner, report=report, target=case, reason="Same youths.")
    report.refresh_from_db()
    assert report.outcome == TriageOutcome.LINKED and report.linked_case == case
    assert report.case.status == CaseStatus.CLOSED
    assert case.reference in report.case.closure_reason
    roles = set(case.participants.filter(person__family_name="Khan").values_list("role", flat=True))
    assert roles == {ParticipantRole.REPORTER, ParticipantRole.VICTIM}
    assert case.timeline.filter(body__contains="Youths kicking a ball").exists()


def test_suggestions_match_person_and_address_among_visible_cases_only(cast, report, case):
    casework.case_update(
        actor=cast.owner,
        case=case,
        expected_version=case.version,
        address="14 Mill Lane, Eastbridge",
    )
    hidden = casework.case_open(
        actor=cast.fire_officer,
        case_type=CaseType.OTHER,
        summary="Fire safety visit.",
        address="14 Mill Lane, Eastbridge",
    )
    suggested = {s.case: s.reasons for s in selectors.link_suggestions(cast.owner, report)}
    assert case in suggested and "Same address" in suggested[case]
    assert hidden not in suggested
    assert report.case not in suggested


def test_linking_to_a_case_out_of_reach_says_only_that_there_is_no_such_case(cast, report, client):
    hidden = casework.case_open(actor=cast.fire_officer, case_type=CaseType.OTHER, summary="x")
    client.force_login(cast.owner)
    page = client.post(
        reverse("intake:link", args=[report.pk]),
        {"reference": hidden.reference, "reason": "Same address."},
    ).content.decode()
    assert "There is no case with that reference that you can add to." in page
    report.refresh_from_db()
    assert not report.is_triaged


# --- Close ----------------------------------------------------------------------------------


def test_closing_needs_a_reason_that_is_kept_for_the_reporter(cast, report, client):
    client.force_login(cast.police_lead)
    url = reverse("intake:close", args=[report.pk])
    assert "This field is required" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Passed to the housing provider."}).status_code == 302
    report.refresh_from_db()
    assert report.outcome == TriageOutcome.CLOSED
    assert report.outcome_reason == "Passed to the housing provider."
    assert report.case.status == CaseStatus.CLOSED


def test_a_second_triage_through_the_pages_is_turned_back_with_a_message(cast, report, client):
    services.report_close(actor=cast.owner, report=report, reason="Duplicate.")
    client.force_login(cast.colleague)
    response = client.get(reverse("intake:accept", args=[report.pk]), follow=True)
    assert "was already triaged" in response.content.decode()


# --- Overdue, photo, figures ---------------------------------------------------------------------


def test_overdue_triage_shows_on_the_home_page_of_the_triage_team_only(cast, report, client):
    with time_machine.travel(MONDAY_10 + timedelta(hours=5), tick=False):
        assert list(selectors.triage_overdue(cast.owner)) == [report]
        assert list(selectors.triage_overdue(cast.council_manager)) == []
        client.force_login(cast.colleague)
        assert "Triage overdue" in client.get("/").content.decode()
        client.force_login(cast.council_officer)
        assert "Triage overdue" not in client.get("/").content.decode()
    with time_machine.travel(MONDAY_10 + timedelta(hours=3), tick=False):
        assert list(selectors.triage_overdue(cast.owner)) == []


def test_the_photo_is_served_only_through_the_checked_view_and_logged(
    cast, settings, tmp_path, client
):
    report = report_with_photo(settings, tmp_path)
    url = reverse("intake:photo", args=[report.pk])
    client.force_login(cast.owner)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert AccessLog.objects.filter(user=cast.owner, action="download").exists()
    client.force_login(cast.fire_officer)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_free_text_is_shown_inert_to_officers(cast, client):
    script = "<script>alert(1)</script>"
    report = services.report_submit(
        channel="online_form", answers=answers(what_happened=script, where="<b>Mill</b> Lane")
    )
    client.force_login(cast.owner)
    page = client.get(reverse("intake:report", args=[report.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>Mill</b>" not in page


def test_figures_count_channels_and_time_to_triage_and_contact(cast, report, client):
    late = services.report_submit(
        channel="webchat", answers=answers(category="welfare"), received_at=MONDAY_10
    )
    with time_machine.travel(MONDAY_10 + timedelta(hours=2), tick=False):
        accept(cast.owner, report, cast)
        casework.entry_add(
            actor=cast.council_officer,
            case=Case.objects.get(pk=report.case_id),  # now led by the council
            body="Rang Amira.",
            kind=EntryKind.CONTACT,
        )
    with time_machine.travel(MONDAY_10 + timedelta(hours=6), tick=False):
        services.report_close(actor=cast.owner, report=late, reason="Passed to health.")
    figures = selectors.intake_figures(MONDAY_10 - timedelta(days=1))
    assert figures.received == 2 and figures.triaged == 2 and figures.triaged_on_time == 1
    assert figures.share_on_time == 50.0
    assert figures.median_hours_to_triage == 4.0
    assert figures.median_hours_to_first_contact == 2.0
    assert {(r["channel"], r["total"]) for r in figures.by_channel_and_category} == {
        ("Online form", 1),
        ("Webchat", 1),
    }
    client.force_login(cast.police_manager)
    assert client.get(reverse("intake:figures")).status_code == 200
    client.force_login(cast.owner)
    assert client.get(reverse("intake:figures")).status_code == 403


@time_machine.travel(MONDAY_10 + timedelta(hours=1), tick=False)
def test_the_figures_endpoint_gives_managers_json_and_refuses_bad_input(cast, report, client):
    client.force_login(cast.council_manager)
    body = client.get("/api/v1/intake/figures/?days=30").json()
    assert body["received"] == 1 and body["by_channel_and_category"][0]["channel"] == "Online form"
    bad = client.get("/api/v1/intake/figures/?days=nonsense")
    assert bad.status_code == 400 and "days" in bad.content.decode()
    assert client.get("/api/v1/intake/figures/?colour=red").status_code == 400
    client.force_login(cast.owner)
    assert client.get("/api/v1/intake/figures/").status_code == 403
