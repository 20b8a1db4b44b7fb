"""Every change is on the record, notes are append-only, and every look is logged."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AccessLog, AppendOnlyError
from casework import services
from casework.models import CaseEvent, LawfulBasis, TimelineEntry


def test_history_records_the_acting_user_for_each_change(cast, case):
    services.case_update(
        actor=cast.colleague, case=case, expected_version=case.version, summary="Updated summary."
    )
    latest = case.history.first()
    assert latest.history_user == cast.colleague
    assert latest.summary == "Updated summary."
    assert latest.prev_record.history_user == cast.owner


def test_notes_cannot_be_edited_or_deleted(cast, case):
    note = services.entry_add(actor=cast.owner, case=case, body="Visited; nobody home.")
    note.body = "Rewritten history."
    with pytest.raises(AppendOnlyError):
        note.save()
    with pytest.raises(AppendOnlyError):
        note.delete()
    with pytest.raises(AppendOnlyError):
        TimelineEntry.objects.filter(pk=note.pk).update(body="Rewritten history.")
    note.refresh_from_db()
    assert note.body == "Visited; nobody home."


def test_a_correction_is_a_new_entry_that_amends_the_old(cast, case):
    note = services.entry_add(actor=cast.owner, case=case, body="Spoke to Mr Smith.")
    amendment = services.entry_amend(actor=cast.owner, entry=note, body="Spoke to Mr Smyth.")
    assert amendment.amends == note
    assert TimelineEntry.objects.filter(case=case).count() == 2
    assert case.events.filter(kind=CaseEvent.Kind.ENTRY_AMENDED).exists()


def test_nobody_can_amend_an_entry_they_cannot_read(cast, case, notes):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.entry_amend(
            actor=cast.council_officer,
            entry=notes["police_intelligence"],
            body="Changed by someone not cleared.",
        )


def test_an_author_cannot_mark_an_entry_above_their_clearance(cast, case):
    with pytest.raises(ValidationError, match="cleared"):
        services.entry_add(
            actor=cast.council_officer, case=case, body="x", sensitivity="police_intelligence"
        )


def test_opening_a_case_writes_the_access_log(cast, case, client):
    client.force_login(cast.council_officer)
    response = client.get(
        reverse("casework:case_detail", args=[case.reference]), REMOTE_ADDR="127.0.0.9"
    )
    assert response.status_code == 200
    entry = AccessLog.objects.get(action=AccessLog.Action.VIEW_CASE)
    assert entry.user == cast.council_officer
    assert entry.object_label == case.reference
    assert entry.ip_address == "127.0.0.9"
    assert entry.agency_name == cast.council.name


def test_a_refused_look_is_not_logged_as_a_view(cast, case, client):
    client.force_login(cast.fire_officer)
    response = client.get(reverse("casework:case_detail", args=[case.reference]))
    assert response.status_code == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.VIEW_CASE).exists()


def test_searches_are_logged_with_what_was_searched(cast, case, client):
    client.force_login(cast.owner)
    client.get(reverse("casework:case_list"), {"q": "High Street"})
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert entry.detail["query"] == "High Street"


def test_the_access_log_is_append_only(cast, case):
    from audit.services import access_record

    entry = access_record(user=cast.owner, action=AccessLog.Action.VIEW_CASE, obj=case)
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()


def test_sharing_records_who_why_and_the_lawful_basis_and_revoking_is_recorded(cast, case):
    share = services.case_share(
        actor=cast.owner,
        case=case,
        agency=cast.fire,
        reason="Fire safety visit needed.",
        lawful_basis=LawfulBasis.CONSENT,
    )
    assert (share.shared_by, share.lawful_basis) == (cast.owner, "consent")
    services.case_share_revoke(actor=cast.owner, share=share, reason="Visit done.")
    kinds = list(case.events.values_list("kind", flat=True))
    assert CaseEvent.Kind.SHARED in kinds and CaseEvent.Kind.SHARE_REVOKED in kinds
    share.refresh_from_db()
    assert share.revoked_by == cast.owner and not share.is_active


def test_a_share_on_an_agreement_or_statute_must_name_it(cast, case):
    with pytest.raises(ValidationError, match="agreement"):
        services.case_share(
            actor=cast.owner,
            case=case,
            agency=cast.fire,
            reason="x",
            lawful_basis=LawfulBasis.AGREEMENT,
        )
    with pytest.raises(ValidationError, match="statutory"):
        services.case_share(
            actor=cast.owner,
            case=case,
            agency=cast.fire,
            reason="x",
            lawful_basis=LawfulBasis.STATUTORY,
        )
    with pytest.raises(ValidationError, match="already shared"):
        services.case_share(
            actor=cast.owner,
            case=case,
            agency=cast.council,
            reason="x",
            lawful_basis=LawfulBasis.CONSENT,
        )
