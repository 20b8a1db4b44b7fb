"""Referring a case to another lead agency: the receiving agency sees it while it
decides, accepts (and leads) or declines with a reason, and an unanswered referral is
flagged after its working hours run out."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework import access, selectors, services
from casework.models import Case, CaseEvent, CaseReferral, CaseStatus, CaseType, LawfulBasis

LONDON = ZoneInfo("Europe/London")
# Thursday 26 November 2026, 15:00: eight working hours run to Friday 15:00.
PROPOSED = datetime(2026, 11, 26, 15, 0, tzinfo=LONDON)


def refer(cast, case, agency=None, **extra):
    return services.referral_propose(
        actor=cast.owner,
        case=case,
        agency=agency or cast.fire,
        reason=extra.pop("reason", "Fire risk at the flat is the main concern now."),
        lawful_basis=extra.pop("lawful_basis", LawfulBasis.CONSENT),
        **extra,
    )


@pytest.fixture
def referral(cast, case):
    """The police ASB case (shared with the council) referred to the fire service."""
    with time_machine.travel(PROPOSED, tick=False):
        return refer(cast, case)


def case_of(referral) -> Case:
    return Case.objects.get(pk=referral.case_id)


def kinds(case) -> list[str]:
    return list(case.events.order_by("id").values_list("kind", flat=True))


# --- Proposing --------------------------------------------------------------------------


def test_the_receiving_agency_sees_the_case_while_it_decides(cast, case, referral):
    assert access.can_view(cast.fire_officer, case)
    assert access.can_answer_referral(cast.fire_officer, referral)
    assert not access.can_change(cast.fire_officer, case)
    assert referral.answer_due_at == datetime(2026, 11, 27, 15, 0, tzinfo=LONDON)
    assert referral.share.agency == cast.fire and referral.share.is_active
    assert kinds(case)[-2:] == [CaseEvent.Kind.SHARED, CaseEvent.Kind.REFERRED]
    assert not access.can_view(cast.health_officer, case)


@pytest.mark.parametrize("who", ["council_officer", "police_partner", "fire_officer", "admin"])
def test_only_the_lead_agencys_officers_may_refer(cast, case, who):
    with pytest.raises(PermissionDenied):
        services.referral_propose(
            actor=getattr(cast, who),
            case=case,
            agency=cast.health,
            reason="Health should lead.",
            lawful_basis=LawfulBasis.CONSENT,
        )
    assert not CaseReferral.objects.exists()


def test_a_referral_needs_a_reason_a_case_past_triage_and_no_other_waiting(cast, case):
    with pytest.raises(ValidationError, match="Say why"):
        refer(cast, case, reason="  ")
    with pytest.raises(ValidationError, match="already led by"):
        refer(cast, case, agency=cast.police)
    refer(cast, case)
    with pytest.raises(ValidationError, match="already has a referral waiting"):
        refer(cast, case, agency=cast.health)
    new = services.case_open(actor=cast.owner, case_type=CaseType.OTHER, summary="Just in.")
    assert new.status == CaseStatus.NEW
    with pytest.raises(ValidationError, match="past triage"):
        refer(cast, new)
    assert CaseReferral.objects.count() == 1


def test_a_restricted_case_is_not_referred_until_the_restriction_is_lifted(cast, case):
    services.case_restrict(actor=cast.owner, case=case, restricted=True, reason="Informant.")
    with pytest.raises(ValidationError, match="restricted"):
        refer(cast, Case.objects.get(pk=case.pk))


def test_an_agency_that_already_holds_the_case_is_not_shared_it_again(cast, case):
    referral = refer(cast, case, agency=cast.council)
    assert referral.share is None
    assert case.shares.filter(agency=cast.council, revoked_at__isnull=True).count() == 1


# --- Accepting --------------------------------------------------------------------------


def test_accepting_makes_the_receiving_agency_lead_and_the_old_lead_keeps_a_share(
    cast, case, referral
):
    services.referral_accept(actor=cast.fire_officer, referral=referral)
    case = case_of(referral)
    assert (case.lead_agency, case.lead_officer) == (cast.fire, cast.fire_officer)
    assert access.can_change(cast.fire_officer, case)
    assert access.can_view(cast.owner, case) and not access.can_change(cast.owner, case)
    assert access.can_view(cast.council_officer, case)  # the council's own share stands
    active = set(case.shares.filter(revoked_at__isnull=True).values_list("agency", flat=True))
    assert active == {cast.police.pk, cast.council.pk}
    referral.refresh_from_db()
    assert referral.status == CaseReferral.Status.ACCEPTED
    assert referral.answered_by == cast.fire_officer
    assert kinds(case)[-1] == CaseEvent.Kind.REFERRAL_ACCEPTED
    assert referral.history.count() == 2


def test_the_acceptor_may_name_a_lead_officer_of_their_own_agency_only(cast, case, referral):
    with pytest.raises(ValidationError, match="lead officer"):
        services.referral_accept(
            actor=cast.fire_manager, referral=referral, lead_officer=cast.council_officer
        )
    services.referral_accept(
        actor=cast.fire_manager, referral=referral, lead_officer=cast.fire_officer
    )
    assert case_of(referral).lead_officer == cast.fire_officer


@pytest.mark.parametrize("who", ["owner", "police_manager", "council_officer", "health_officer"])
def test_only_the_receiving_agencys_officers_may_answer(cast, referral, who):
    with pytest.raises(PermissionDenied):
        services.referral_accept(actor=getattr(cast, who), referral=referral)
    with pytest.raises(PermissionDenied):
        services.referral_decline(actor=getattr(cast, who), referral=referral, reason="No.")
    referral.refresh_from_db()
    assert referral.is_pending


def test_an_answered_referral_cannot_be_answered_again(cast, referral):
    services.referral_accept(actor=cast.fire_officer, referral=referral)
    with pytest.raises((ValidationError, PermissionDenied)):
        services.referral_decline(actor=cast.fire_manager, referral=referral, reason="No.")
    referral.refresh_from_db()
    assert referral.status == CaseReferral.Status.ACCEPTED


# --- Declining and withdrawing -----------------------------------------------------------


def test_declining_needs_a_reason_and_ends_the_receiving_agencys_sight_of_the_case(
    cast, case, referral
):
    with pytest.raises(ValidationError, match="Say why"):
        services.referral_decline(actor=cast.fire_officer, referral=referral, reason=" ")
    services.referral_decline(
        actor=cast.fire_officer, referral=referral, reason="No fire risk found on visit."
    )
    case = case_of(referral)
    assert case.lead_agency == cast.police
    assert not access.can_view(cast.fire_officer, case)
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (
        CaseReferral.Status.DECLINED,
        "No fire risk found on visit.",
    )
    assert kinds(case)[-1] == CaseEvent.Kind.REFERRAL_DECLINED
    refer(cast, case, agency=cast.health)  # the case may be referred elsewhere now


def test_a_declined_referral_to_an_agency_that_already_held_the_case_leaves_its_share(cast, case):
    referral = refer(cast, case, agency=cast.council)
    services.referral_decline(actor=cast.council_officer, referral=referral, reason="Not ours.")
    assert access.can_view(cast.council_officer, case)


def test_the_lead_agency_can_withdraw_a_referral_before_it_is_answered(cast, case, referral):
    with pytest.raises(PermissionDenied):
        services.referral_withdraw(actor=cast.fire_officer, referral=referral, reason="Mine.")
    services.referral_withdraw(actor=cast.owner, referral=referral, reason="Resolved at home.")
    assert not access.can_view(cast.fire_officer, case)
    with pytest.raises(PermissionDenied):
        services.referral_accept(actor=cast.fire_officer, referral=referral)
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.referral_withdraw(actor=cast.owner, referral=referral, reason="Again.")


# --- Unanswered: flagged -------------------------------------------------------------------


def test_an_unanswered_referral_is_flagged_after_its_working_hours(
    client, cast, referral, settings
):
    client.force_login(cast.fire_officer)
    with time_machine.travel(PROPOSED + timedelta(hours=2), tick=False):
        page = client.get(reverse("home")).content.decode()
        assert "1 referral waiting for your agency" in page and "overdue</strong>" not in page
        assert selectors.referral_counts(cast.owner).sent_overdue == 0
    # Friday 16:00: past the eight working hours that ran out at 15:00.
    with time_machine.travel(PROPOSED + timedelta(days=1, hours=1), tick=False):
        client.force_login(cast.fire_officer)  # a fresh session: the idle timeout has passed
        page = client.get(reverse("home")).content.decode()
        assert "1 overdue" in page
        listing = client.get(reverse("casework:referrals")).content.decode()
        assert referral.case.reference in listing and "Overdue" in listing
        assert selectors.referral_counts(cast.owner).sent_overdue == 1
        client.force_login(cast.health_officer)
        assert 'id="referrals"' not in client.get(reverse("home")).content.decode()


def test_the_answer_deadline_follows_the_setting(cast, case, settings):
    settings.ICST_REFERRAL_ANSWER_WORKING_HOURS = 2
    with time_machine.travel(PROPOSED, tick=False):
        referral = refer(cast, case)
    assert referral.answer_due_at == datetime(2026, 11, 26, 17, 0, tzinfo=LONDON)


# --- The web pages -------------------------------------------------------------------------


def test_an_officer_refers_and_the_receiving_officer_accepts_in_the_browser(client, cast, case):
    client.force_login(cast.owner)
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "Refer to another agency" in detail
    url = reverse("casework:referral_propose", args=[case.reference])
    bad = client.post(url, {"agency": cast.fire.pk, "reason": "", "lawful_basis": "consent"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    assert not CaseReferral.objects.exists()
    response = client.post(
        url, {"agency": cast.fire.pk, "reason": "Fire risk.", "lawful_basis": "consent"}
    )
    assert response.status_code == 302
    referral = CaseReferral.objects.get()

    client.force_login(cast.fire_officer)
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "Referral waiting" in detail and "Accept or decline" in detail
    answer = reverse("casework:referral_answer", args=[case.reference, referral.pk])
    refused = client.post(answer, {"decision": "decline", "reason": ""})
    assert refused.status_code == 200 and "Say why the referral is declined" in (
        refused.content.decode()
    )
    assert client.post(answer, {"decision": "accept"}).status_code == 302
    assert case_of(referral).lead_agency == cast.fire
    history = client.get(case.get_absolute_url()).content.decode()
    assert "Referral accepted" in history


def test_someone_else_cannot_open_the_answer_page(client, cast, case, referral):
    answer = reverse("casework:referral_answer", args=[case.reference, referral.pk])
    client.force_login(cast.council_officer)  # sees the case, but is not the receiver
    assert client.get(answer).status_code == 403
    client.force_login(cast.health_officer)  # does not see the case at all
    assert client.get(answer).status_code == 404


def test_the_lead_agency_withdraws_in_the_browser(client, cast, case, referral):
    client.force_login(cast.owner)
    url = reverse("casework:referral_withdraw", args=[case.reference, referral.pk])
    assert client.post(url, {"reason": "Sorted."}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == CaseReferral.Status.WITHDRAWN
    assert client.get(url).status_code == 404
