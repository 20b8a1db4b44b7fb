"""Retention: the review queue, keeping with a reason, and disposal that leaves no trace."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import retention, selectors, services
from casework.models import (
    Case,
    CaseParticipant,
    DisposedCaseStub,
    Person,
    RetentionDecision,
)


def close_years_ago(case, years: float):
    services.case_transition(
        actor=case.lead_officer, case=case, to_status="closed", reason="Resolved."
    )
    Case.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - timedelta(days=int(365.25 * years))
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def victim(cast, case):
    person, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Zelda", family_name="Quixley", date_of_birth="1980-01-01"
    )
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    services.entry_add(actor=cast.owner, case=case, body="Zelda Quixley visited.")
    return person


def test_police_cases_are_kept_at_least_six_years_whatever_the_setting(cast, case, settings):
    settings.RETENTION_YEARS = {"asb": 1, "other": 1}
    assert retention.retention_years(case) == 6
    council_case = services.case_open(actor=cast.council_officer, case_type="other", summary="x")
    assert retention.retention_years(council_case) == 1


def test_only_closed_cases_past_review_are_queued_for_their_manager(cast, case):
    assert retention.review_queue(cast.police_manager) == []
    close_years_ago(case, 5)
    assert retention.review_queue(cast.police_manager) == []
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=365 * 6 + 2))
    assert [c.pk for c in retention.review_queue(cast.police_manager)] == [case.pk]
    assert retention.review_queue(cast.council_manager) == []  # not their agency's case
    assert retention.review_queue(cast.owner) == []


def test_keeping_records_the_reason_and_moves_the_review_date(cast, case):
    close_years_ago(case, 7)
    until = timezone.localdate() + timedelta(days=365)
    with pytest.raises(ValidationError):
        retention.case_retain(actor=cast.police_manager, case=case, reason=" ", until=until)
    retention.case_retain(
        actor=cast.police_manager, case=case, reason="Linked to live enquiry.", until=until
    )
    assert retention.review_queue(cast.police_manager) == []
    assert retention.review_due_on(case) == until


def test_only_the_lead_agencys_manager_decides(cast, case):
    close_years_ago(case, 7)
    with pytest.raises(PermissionDenied):
        retention.case_dispose(actor=cast.owner, case=case, reason="Old.")
    with pytest.raises(PermissionDenied):
        retention.case_dispose(actor=cast.council_manager, case=case, reason="Old.")


def test_a_case_not_yet_due_cannot_be_disposed(cast, case):
    close_years_ago(case, 1)
    with pytest.raises(ValidationError, match="not yet due"):
        retention.case_dispose(actor=cast.police_manager, case=case, reason="Old.")


def test_after_disposal_no_personal_data_is_findable(cast, case, victim, client):
    from followups.models import ContactPlan

    close_years_ago(case, 7)
    reference, case_id = case.reference, case.pk
    assert ContactPlan.history.filter(case_id=case_id).exists()  # the victim's plan
    stub = retention.case_dispose(actor=cast.police_manager, case=case, reason="Past retention.")

    assert stub.reference == reference and stub.case_type == "asb"
    assert not ContactPlan.history.filter(case_id=case_id).exists()
    assert not Case.objects.filter(reference=reference).exists()
    assert not Case.history.filter(reference=reference).exists()
    assert not Person.objects.filter(family_name="Quixley").exists()
    assert not Person.history.filter(family_name="Quixley").exists()
    assert not CaseParticipant.history.filter(person_id=victim.pk).exists()
    search = selectors.case_list(cast.police_manager, selectors.CaseFilters(text="Quixley"))
    assert not search.exists()
    client.force_login(cast.owner)
    assert client.get(reverse("casework:case_detail", args=[reference])).status_code == 404
    decision = RetentionDecision.objects.get(case_reference=reference)
    assert decision.outcome == "dispose" and decision.case is None
    assert DisposedCaseStub.objects.filter(reference=reference).exists()


def test_a_person_in_another_case_is_kept_when_one_case_is_disposed(cast, case, victim):
    other = services.case_open(actor=cast.owner, case_type="other", summary="Second report.")
    services.participant_add(actor=cast.owner, case=other, person=victim, role="victim")
    close_years_ago(case, 7)
    retention.case_dispose(actor=cast.police_manager, case=case, reason="Past retention.")
    assert Person.objects.filter(pk=victim.pk).exists()


def test_the_queue_page_lets_a_manager_dispose(cast, case, victim, client):
    close_years_ago(case, 7)
    client.force_login(cast.police_manager)
    assert case.reference in client.get(reverse("retention_queue")).content.decode()
    client.post(
        reverse("retention_decide", args=[case.reference]),
        {"decision": "dispose", "reason": "Past retention."},
    )
    assert not Case.objects.filter(pk=case.pk).exists()


def test_the_access_log_names_no_person(cast, case, victim, client):
    from audit.models import AccessLog

    client.force_login(cast.owner)
    client.get(reverse("casework:person_detail", args=[victim.pk]))
    entry = AccessLog.objects.get(action=AccessLog.Action.VIEW_PERSON)
    assert "Quixley" not in entry.object_label
    assert entry.object_label == f"person {victim.pk}"


@pytest.mark.django_db(transaction=True)
def test_disposal_leaves_nothing_in_reports_sheets_or_uploaded_photos(cast, settings, tmp_path):
    from briefings.models import BriefingItem
    from briefings.services import briefing_build
    from followups.models import Notification
    from intake.models import Report
    from intake.services import report_accept
    from tests.intake.factories import report_with_photo

    report = report_with_photo(settings, tmp_path / "uploads")
    photo = tmp_path / "uploads" / report.photo.name
    case = report.case
    briefing_build(day=timezone.localdate())
    assert BriefingItem.objects.filter(case=case).exists()
    assert photo.exists()
    report_accept(
        actor=cast.owner,
        report=report,
        case_type="asb",
        lead_agency=cast.police,
        lead_officer=cast.owner,
        detail={"category": "personal"},
    )
    assert Notification.objects.filter(person__family_name="Khan").exists()
    close_years_ago(Case.objects.get(pk=case.pk), 7)

    retention.case_dispose(
        actor=cast.police_manager, case=Case.objects.get(pk=case.pk), reason="Past retention."
    )

    assert not Report.objects.filter(pk=report.pk).exists()
    assert not BriefingItem.objects.filter(case_reference=case.reference).exists()
    assert not Notification.objects.filter(case_id=case.pk).exists()
    assert not Person.objects.filter(family_name="Khan").exists()
    assert not photo.exists()


def test_disposal_erases_the_persons_vulnerability_flags_and_their_history(cast, case, victim):
    from casework.models import VulnerabilityFlag

    services.vulnerability_flag_add(
        actor=cast.owner, person=victim, kind="intimidated", justification="Zelda is afraid."
    )
    close_years_ago(case, 7)
    retention.case_dispose(actor=cast.police_manager, case=case, reason="Past retention.")
    assert not VulnerabilityFlag.objects.filter(person_id=victim.pk).exists()
    assert not VulnerabilityFlag.history.filter(person_id=victim.pk).exists()
