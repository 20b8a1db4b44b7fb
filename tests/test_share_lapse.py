"""A share made under an information-sharing agreement ends with the agreement: the access
policy stops granting it in every branch, managers see it coming, and it can be renewed."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import access, selectors, services
from casework.models import Case, CaseType, LawfulBasis
from partners.models import InformationSharingAgreement

from .test_risk_history import api_as

TODAY = timezone.localdate


def agreement(cast, reference: str, ends_in_days: int | None):
    isa = InformationSharingAgreement.objects.create(
        title=f"Agreement {reference}",
        reference=reference,
        purpose="Housing and ASB.",
        starts_on=TODAY() - timedelta(days=60),
        ends_on=TODAY() + timedelta(days=ends_in_days) if ends_in_days is not None else None,
    )
    isa.parties.set([cast.police, cast.fire])
    return isa


@pytest.fixture
def shared(cast):
    """A police case shared with the fire service under an agreement ending in 3 days."""
    case = services.case_open(
        actor=cast.owner, case_type=CaseType.OTHER, summary="Hoarding, fire risk.", status="open"
    )
    share = services.case_share(
        actor=cast.owner,
        case=case,
        agency=cast.fire,
        reason="Fire risk at the flat.",
        lawful_basis=LawfulBasis.AGREEMENT,
        agreement=agreement(cast, "ISA-1", 3),
    )
    return case, share


def sees(user, case) -> dict:
    """Every branch of the access policy, asked the same question."""
    return {
        "filter": access.visible_cases(user).filter(pk=case.pk).exists(),
        "branches": any(
            Case.objects.filter(branch, pk=case.pk).exists()
            for branch in access.visibility_branches(user)
        ),
        "may_see_each": (user.pk, case.pk) in access.may_see_each([(user, case.pk)]),
        "can_view": access.can_view(user, case),
        "can_contribute": access.can_contribute(user, case),
    }


def test_access_ends_the_day_after_the_agreement_ends_in_every_branch(cast, shared):
    case, share = shared
    assert share.lapses_on == TODAY() + timedelta(days=3)
    assert all(sees(cast.fire_officer, case).values())
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert all(sees(cast.fire_officer, case).values())  # its last day
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert not any(sees(cast.fire_officer, case).values())
        assert access.holding_agencies(case) == [cast.police.name]
        assert all(sees(cast.owner, case).values())  # the lead agency is unaffected


def test_the_web_and_api_answer_404_once_lapsed(client, cast, shared):
    case, _share = shared
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        client.force_login(cast.fire_officer)
        assert client.get(reverse("casework:case_detail", args=[case.reference])).status_code == 404
        assert api_as(cast.fire_officer).get(f"/api/v1/cases/{case.reference}/").status_code == 404


def test_moving_the_agreements_end_moves_the_shares_with_it(cast, shared):
    case, share = shared
    isa = share.agreement
    isa.ends_on = TODAY() - timedelta(days=1)
    isa.save()
    assert not access.can_view(cast.fire_officer, case)
    isa.ends_on = None
    isa.save()
    assert access.can_view(cast.fire_officer, case)


def test_managers_see_shares_lapsing_within_the_warning_period(client, cast, shared, settings):
    case, _share = shared
    assert [s.case for s in selectors.shares_lapsing(cast.police_manager)] == [case]
    assert [s.case for s in selectors.shares_lapsing(cast.fire_manager)] == [case]
    assert list(selectors.shares_lapsing(cast.owner)) == []  # not a manager
    assert list(selectors.shares_lapsing(cast.council_manager)) == []  # not its agency
    settings.ICST_SHARE_LAPSE_WARNING_DAYS = 2
    assert list(selectors.shares_lapsing(cast.police_manager)) == []
    settings.ICST_SHARE_LAPSE_WARNING_DAYS = 30
    client.force_login(cast.police_manager)
    assert "1 share under an agreement" in client.get(reverse("home")).content.decode()
    page = client.get(reverse("casework:shares_lapsing")).content.decode()
    assert case.reference in page
    client.force_login(cast.owner)
    assert client.get(reverse("casework:shares_lapsing")).status_code == 403


def test_a_lapsed_share_is_renewed_under_a_new_agreement_with_history(client, cast, shared):
    case, share = shared
    renewal = agreement(cast, "ISA-2", 365)
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        assert not access.can_view(cast.fire_officer, case)
        with pytest.raises(ValidationError, match="renew it"):
            services.case_share(
                actor=cast.owner, case=case, agency=cast.fire, reason="x", lawful_basis="consent"
            )
        client.force_login(cast.owner)
        detail = client.get(reverse("casework:case_detail", args=[case.reference])).content
        assert b"Lapsed" in detail
        url = reverse("casework:share_renew", args=[case.reference, share.pk])
        assert "govuk-error-message" in client.post(url, {"reason": ""}).content.decode()
        assert client.post(url, {"agreement": renewal.pk}).status_code == 302
        share.refresh_from_db()
        assert share.agreement == renewal and share.lapses_on == renewal.ends_on
        assert access.can_view(cast.fire_officer, case)
        assert share.history.first().history_change_reason == "Renewed under ISA-2"
        assert case.events.filter(data__agreement="ISA-2", data__renewed_from="ISA-1").exists()


def test_only_the_lead_agency_renews_and_only_under_an_agreement_in_force(cast, shared):
    case, share = shared
    ended = agreement(cast, "ISA-OLD", -1)
    with pytest.raises(ValidationError, match="not in force"):
        services.share_renew(actor=cast.owner, share=share, agreement=ended)
    for outsider in (cast.fire_manager, cast.police_partner):
        with pytest.raises(PermissionDenied):
            services.share_renew(
                actor=outsider, share=share, agreement=agreement(cast, f"X-{outsider.pk}", 9)
            )


def test_the_api_renews_a_share(cast, shared):
    case, share = shared
    renewal = agreement(cast, "ISA-API", 100)
    url = f"/api/v1/cases/{case.reference}/shares/{share.pk}/renew/"
    refused = api_as(cast.fire_officer).post(url, {"agreement": "ISA-API"}, format="json")
    assert refused.status_code in {403, 404}
    bad = api_as(cast.owner).post(url, {"agreement": "NOPE"}, format="json")
    assert bad.status_code == 400
    response = api_as(cast.owner).post(url, {"agreement": "ISA-API"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["lapses_on"] == renewal.ends_on.isoformat()
    assert response.json()["grants_access"] is True
