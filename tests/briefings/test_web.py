"""The briefing pages as people use them: the sheet, the PDF, the meeting, nominations."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from briefings.models import Briefing, BriefingDocument, Discussion, Nomination
from casework import access as casework_access
from casework.models import Action

from .conftest import DAY, IN_WINDOW, LONDON, at, references


@pytest.fixture
def sheet(cast, open_case, build):
    open_case(IN_WINDOW, summary="Shared with the council.", share_with=[cast.council])
    open_case(IN_WINDOW, summary="Police eyes only.")
    return build()


def test_the_sheet_shows_each_reader_their_cut_and_logs_the_reading(cast, sheet, client):
    client.force_login(cast.council_officer)
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert "Shared with the council." in page
    assert "Police eyes only." not in page
    log = AccessLog.objects.get(user=cast.council_officer, object_type="briefing")
    assert len(log.detail["cases"]) == 1


def test_todays_link_opens_the_sheet_or_says_it_is_not_ready(cast, client, build):
    with at(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)):
        client.force_login(cast.owner)
        assert "not ready yet" in client.get(reverse("briefings:today")).content.decode()
        briefing = build()
        assert client.get(reverse("briefings:today")).url == briefing.get_absolute_url()


def test_a_lead_prepares_the_sheet_on_demand_and_an_officer_cannot(cast, client, db):
    with at(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)):
        client.force_login(cast.owner)
        assert client.post(reverse("briefings:build")).status_code == 403
        client.force_login(cast.police_lead)
        response = client.post(reverse("briefings:build"))
        briefing = Briefing.objects.get()
        assert response.url == briefing.get_absolute_url()
        assert briefing.day == date(2026, 11, 25) and briefing.built_by == cast.police_lead


def test_preparing_a_sheet_with_nothing_left_to_cover_says_so(cast, client, db):
    # An earlier sheet whose window already runs past now, as one prepared ahead used to.
    Briefing.objects.create(
        day=date(2026, 11, 24),
        window_start=datetime(2026, 11, 23, 7, 30, tzinfo=LONDON),
        window_end=datetime(2026, 11, 25, 12, 0, tzinfo=LONDON),
    )
    with at(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)):
        client.force_login(cast.police_lead)
        response = client.post(reverse("briefings:build"), follow=True)
    assert response.status_code == 200
    assert "The last sheet already covers everything up to now." in response.content.decode()
    assert not Briefing.objects.filter(day=date(2026, 11, 25)).exists()


def test_a_pdf_is_prepared_in_the_background_then_downloaded_and_logged(
    cast, sheet, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.council_officer)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        response = client.post(reverse("briefings:pdf_request", args=[sheet.pk]))
    document = BriefingDocument.objects.get()
    assert "Preparing your PDF" in client.get(response.url).content.decode()
    assert client.get(reverse("briefings:download", args=[document.pk])).status_code == 302
    for callback in pending:
        callback()
    assert "Download the PDF" in client.get(response.url).content.decode()
    download = client.get(reverse("briefings:download", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    log = AccessLog.objects.get(action=AccessLog.Action.DOWNLOAD)
    assert log.user == cast.council_officer and len(log.detail["cases"]) == 1
    client.force_login(cast.owner)
    assert client.get(reverse("briefings:download", args=[document.pk])).status_code == 404


def test_a_manager_exports_a_range_of_past_sheets(
    cast, client, build, django_capture_on_commit_callbacks
):
    build(date(2026, 11, 23))
    build(date(2026, 11, 24))
    client.force_login(cast.police_manager)
    form = {"first_day_0": "23", "first_day_1": "11", "first_day_2": "2026"}
    form |= {"last_day_0": "24", "last_day_1": "11", "last_day_2": "2026"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("briefings:export"), form)
    document = BriefingDocument.objects.get()
    assert response.url == reverse("briefings:document", args=[document.pk])
    assert document.status == "ready" and document.is_range


def test_an_export_with_a_backwards_range_says_what_is_wrong(cast, client, build):
    build()
    client.force_login(cast.police_manager)
    form = {"first_day_0": "25", "first_day_1": "11", "first_day_2": "2026"}
    form |= {"last_day_0": "20", "last_day_1": "11", "last_day_2": "2026"}
    response = client.post(reverse("briefings:export"), form)
    assert response.status_code == 400
    assert "The last day must be on or after the first day." in response.content.decode()
    client.force_login(cast.owner)
    assert client.post(reverse("briefings:export"), form).status_code == 403


# --- The meeting -----------------------------------------------------------------------------


def discuss(client, briefing, case, **extra):
    data = {"reference": case.reference, "agenda_change": "on_sheet", "decision": "Joint visit."}
    return client.post(reverse("briefings:meeting_discussion", args=[briefing.pk]), data | extra)


def test_cases_are_discussed_only_after_the_confidentiality_statement(cast, case, client, build):
    briefing = build()
    client.force_login(cast.police_lead)
    response = discuss(client, briefing, case)
    assert response.status_code == 400
    assert "confidentiality statement" in response.content.decode()
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    assert discuss(client, briefing, case).status_code == 302
    assert Discussion.objects.get().decision == "Joint visit."


def test_a_decision_is_shown_only_to_those_who_may_see_its_case(cast, case, client, build):
    briefing = build()
    client.force_login(cast.police_lead)
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    discuss(client, briefing, case, decision="Evict the tenant at 12 High Street.")
    meeting = reverse("briefings:meeting", args=[briefing.pk])
    assert "Evict the tenant" in client.get(meeting).content.decode()
    client.force_login(cast.fire_manager)  # runs briefings, but the case is not shared
    page = client.get(meeting)
    assert page.status_code == 200 and "Evict the tenant" not in page.content.decode()
    assert case.reference not in page.content.decode()


def test_attendance_is_recorded_with_the_agency(cast, client, build):
    briefing = build()
    client.force_login(cast.police_lead)
    url = reverse("briefings:meeting_attendance", args=[briefing.pk])
    client.post(url, {"name": "Sam Patel", "agency": cast.council.pk})
    page = client.get(reverse("briefings:meeting", args=[briefing.pk])).content.decode()
    assert "Sam Patel, Council agency" in page
    again = client.post(url, {"name": "Sam Patel", "agency": cast.council.pk})
    assert "already recorded as present" in again.content.decode()


def test_an_added_case_needs_the_reason_it_was_added(cast, case, client, build):
    briefing = build()
    client.force_login(cast.police_lead)
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    response = discuss(client, briefing, case, agenda_change="added")
    assert "Say why the case was added to or removed from the meeting." in response.content.decode()
    discuss(client, briefing, case, agenda_change="added", agenda_reason="Raised by fire.")
    assert Discussion.objects.get().agenda_reason == "Raised by fire."


def test_a_case_out_of_the_chairs_reach_cannot_be_recorded(cast, open_case, client, build):
    hidden = open_case(actor=cast.fire_officer)
    briefing = build()
    client.force_login(cast.police_lead)
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    response = discuss(client, briefing, hidden)
    assert "No case you can see has that reference." in response.content.decode()


def test_a_decisions_action_stays_on_the_sheets_until_it_is_done(cast, case, client, build):
    from casework import services as casework

    briefing = build()
    client.force_login(cast.police_lead)
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    due = DAY + timedelta(days=14)
    with at(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)):
        client.force_login(cast.police_lead)
        discuss(
            client,
            briefing,
            case,
            action_1_description="Council to serve a warning letter.",
            action_1_agency=cast.council.pk,
            action_1_due_on_0=due.day,
            action_1_due_on_1=due.month,
            action_1_due_on_2=due.year,
            action_2_description="Police to visit the victim.",
            action_2_agency=cast.police.pk,
            action_2_due_on_0=due.day,
            action_2_due_on_1=due.month,
            action_2_due_on_2=due.year,
        )
    action, visit = Action.objects.order_by("id")
    assert action.assigned_agency == cast.council and action.due_on == due
    assert visit.assigned_agency == cast.police
    assert set(Discussion.objects.get().actions.all()) == {action, visit}
    thursday = build(date(2026, 11, 26))
    # Both actions are on the sheet, each under its agency, until done.
    assert references(cast.council_officer, thursday, "actions") == [case.reference] * 2
    with at(datetime(2026, 11, 26, 12, 0, tzinfo=LONDON)):
        casework.action_complete(actor=cast.council_officer, action=action, outcome="Served.")
        casework.action_complete(actor=cast.owner, action=visit, outcome="Visited.")
    assert references(cast.council_officer, build(date(2026, 11, 27)), "actions") == []


NEXT_WEEK = timezone.localdate() + timedelta(days=7)


def _action_for(agency, due) -> dict:
    return {
        "action_1_description": "Fire safety visit to the flat.",
        "action_1_agency": agency.pk,
        "action_1_due_on_0": due.day,
        "action_1_due_on_1": due.month,
        "action_1_due_on_2": due.year,
    }


def test_an_action_for_an_agency_without_the_case_is_refused_and_nothing_saved(
    cast, case, client, build
):
    briefing = build()
    client.force_login(cast.police_lead)
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    response = discuss(client, briefing, case, **_action_for(cast.fire, NEXT_WEEK))
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{cast.fire.name} does not hold {case.reference}" in page
    assert not Discussion.objects.exists() and not Action.objects.exists()
    assert not case.shares.filter(agency=cast.fire).exists()
    # The ordinary action form and the service give the same answer.
    from casework import services as casework

    with pytest.raises(ValidationError, match="does not hold"):
        casework.action_add(
            actor=cast.owner,
            case=case,
            description="Fire visit.",
            assigned_agency=cast.fire,
            due_on=NEXT_WEEK,
        )


def test_the_meeting_can_share_the_case_in_the_same_step_with_a_lawful_basis(
    cast, case, client, build
):
    briefing = build()
    client.force_login(cast.police_lead)
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    action = _action_for(cast.fire, NEXT_WEEK)
    missing_reason = discuss(client, briefing, case, share_lawful_basis="consent", **action)
    assert "Enter why the case is shared." in missing_reason.content.decode()
    response = discuss(
        client,
        briefing,
        case,
        share_lawful_basis="statutory",
        share_reason="Fire risk at the address.",
        share_statutory_basis="Crime and Disorder Act 1998 s.115",
        **action,
    )
    assert response.status_code == 302
    share = case.shares.get(agency=cast.fire)
    assert share.lawful_basis == "statutory" and share.shared_by == cast.police_lead
    given = Action.objects.get()
    assert given.assigned_agency == cast.fire
    assert casework_access.can_view(cast.fire_officer, case)


def test_only_the_lead_agency_can_share_at_the_meeting(cast, case, client, build):
    briefing = build()
    client.force_login(cast.council_manager)  # runs briefings and holds a share, not the lead
    client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk]))
    response = discuss(
        client,
        briefing,
        case,
        share_lawful_basis="consent",
        share_reason="Fire risk.",
        **_action_for(cast.fire, NEXT_WEEK),
    )
    assert response.status_code == 400
    assert not case.shares.filter(agency=cast.fire).exists() and not Action.objects.exists()


def test_the_meeting_page_is_for_leads_and_managers(cast, client, build):
    briefing = build()
    client.force_login(cast.owner)
    assert client.get(reverse("briefings:meeting", args=[briefing.pk])).status_code == 403
    assert (
        client.post(reverse("briefings:meeting_acknowledge", args=[briefing.pk])).status_code == 403
    )


# --- Nominations -----------------------------------------------------------------------------


def test_an_officer_nominates_a_case_from_its_page(cast, case, client):
    client.force_login(cast.council_officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("briefings:nominate", args=[case.reference]) in page
    response = client.post(
        reverse("briefings:nominate", args=[case.reference]),
        {"reason": "Threats to the tenant.", "sensitivity": "standard"},
    )
    assert response.url == case.get_absolute_url()
    nomination = Nomination.objects.get()
    assert nomination.agency == cast.council and nomination.reason == "Threats to the tenant."


def test_a_nomination_needs_a_reason_and_a_sensitivity_the_officer_may_read(cast, case, client):
    client.force_login(cast.council_officer)
    url = reverse("briefings:nominate", args=[case.reference])
    empty = client.post(url, {"reason": " ", "sensitivity": "standard"})
    assert "Enter the reason." in empty.content.decode()
    secret = client.post(url, {"reason": "Intel.", "sensitivity": "police_intelligence"})
    assert secret.status_code == 200 and not Nomination.objects.exists()


def test_a_partner_cannot_nominate(cast, case, client):
    client.force_login(cast.council_partner)
    assert (
        reverse("briefings:nominate", args=[case.reference])
        not in client.get(case.get_absolute_url()).content.decode()
    )
    url = reverse("briefings:nominate", args=[case.reference])
    assert client.post(url, {"reason": "x", "sensitivity": "standard"}).status_code == 403
