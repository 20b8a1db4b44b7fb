"""The access policy as a full matrix: who lists, opens, changes and reads what."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from casework import access, selectors, services
from partners.models import Sensitivity

EVERYONE = [
    "owner", "colleague", "police_lead", "police_manager", "police_partner",
    "council_officer", "council_partner", "council_manager",
    "fire_officer", "fire_manager", "childrens_lead", "health_officer", "admin",
]  # fmt: skip

# Police lead the case; the council has a share; fire, children's services and health do not.
SEES_CASE = {
    "owner", "colleague", "police_lead", "police_manager", "police_partner",
    "council_officer", "council_partner", "council_manager", "admin",
}  # fmt: skip
CHANGES_CASE = {"owner", "colleague", "police_lead", "police_manager"}
CONTRIBUTES = CHANGES_CASE | {"council_officer", "council_manager"}
REASSIGNS = {"police_manager"}
GRANTS = {"owner", "police_manager"}  # the lead officer and the lead agency's manager


@pytest.mark.parametrize("who", EVERYONE)
def test_listing_and_opening_follow_agency_reach(cast, case, who):
    user = getattr(cast, who)
    assert (case in access.visible_cases(user)) == (who in SEES_CASE)
    assert access.can_view(user, case) == (who in SEES_CASE)
    if who in SEES_CASE:
        assert access.case_for_viewing(user, case.reference) == case
    else:
        with pytest.raises(Http404):
            access.case_for_viewing(user, case.reference)


@pytest.mark.parametrize("who", EVERYONE)
def test_changing_is_for_lead_agency_working_staff(cast, case, who):
    user = getattr(cast, who)
    assert access.can_change(user, case) == (who in CHANGES_CASE)
    assert access.can_contribute(user, case) == (who in CONTRIBUTES)
    assert access.can_reassign(user, case) == (who in REASSIGNS)
    assert access.can_grant_access(user, case) == (who in GRANTS)


@pytest.mark.parametrize("who", sorted(SEES_CASE - CHANGES_CASE))
def test_insiders_without_the_power_get_403_outsiders_404(cast, case, who):
    with pytest.raises(PermissionDenied):
        access.case_for_change(getattr(cast, who), case.reference)


@pytest.mark.parametrize("who", sorted(set(EVERYONE) - SEES_CASE))
def test_outsiders_cannot_tell_a_hidden_case_from_a_missing_one(cast, case, who):
    user = getattr(cast, who)
    for reference in (case.reference, "ICST-1999-99999"):
        with pytest.raises(Http404):
            access.case_for_change(user, reference)


def test_a_revoked_share_takes_the_case_away(cast, case):
    share = case.shares.get(agency=cast.council)
    services.case_share_revoke(actor=cast.owner, share=share, reason="Council no longer involved.")
    assert case not in access.visible_cases(cast.council_officer)
    assert case in access.visible_cases(cast.owner)


# --- Restricted cases --------------------------------------------------------------

SEES_RESTRICTED = {"owner", "police_manager"}  # the lead officer and the manager who restricted


@pytest.fixture
def restricted(cast, case):
    return services.case_restrict(
        actor=cast.police_manager, case=case, restricted=True, reason="Live operation."
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_a_restricted_case_is_seen_only_by_name(cast, restricted, who):
    user = getattr(cast, who)
    assert (restricted in access.visible_cases(user)) == (who in SEES_RESTRICTED)


def test_a_grant_lets_one_more_person_in_and_revoking_it_shuts_them_out(cast, restricted):
    services.case_grant_access(
        actor=cast.police_manager, case=restricted, user=cast.council_officer, reason="Joint work."
    )
    assert restricted in access.visible_cases(cast.council_officer)
    assert restricted not in access.visible_cases(cast.council_manager)
    services.case_revoke_access(
        actor=cast.police_manager, case=restricted, user=cast.council_officer
    )
    assert restricted not in access.visible_cases(cast.council_officer)


def test_a_grant_to_someone_outside_every_sharing_agency_still_needs_agency_reach(cast, restricted):
    services.case_grant_access(
        actor=cast.police_manager, case=restricted, user=cast.fire_officer, reason="Fire check."
    )
    assert restricted not in access.visible_cases(cast.fire_officer)


def test_only_the_lead_officer_or_manager_may_grant(cast, restricted):
    with pytest.raises((PermissionDenied, Http404)):
        services.case_grant_access(
            actor=cast.colleague, case=restricted, user=cast.colleague, reason="Let me in."
        )


# --- Timeline sensitivities --------------------------------------------------------

READS = {
    "owner": {"standard", "police_intelligence"},
    "colleague": {"standard", "police_intelligence"},
    "police_manager": {"standard", "police_intelligence"},
    "police_lead": {"standard", "police_intelligence", "health", "childrens_safeguarding"},
    "police_partner": {"standard"},
    "council_officer": {"standard"},
    "council_partner": {"standard"},
    "council_manager": {"standard"},
    "childrens_lead": {"standard", "health", "childrens_safeguarding"},
    "health_officer": {"standard", "health"},
    "admin": {"standard"},
}
AUTHORS = {
    "standard": "council_officer",
    "police_intelligence": "owner",
    "health": "health_officer",
    "childrens_safeguarding": "childrens_lead",
}


@pytest.mark.parametrize("who", sorted(READS))
def test_each_reader_sees_exactly_the_sensitivities_they_are_cleared_for(cast, case, notes, who):
    user = getattr(cast, who)
    timeline = selectors.timeline_for(user, case)
    seen = {entry.sensitivity for entry in timeline.entries}
    own = {sensitivity for sensitivity, author in AUTHORS.items() if author == who}
    assert seen == READS[who] | own
    assert timeline.withheld_count == len(Sensitivity.values) - len(seen)


@pytest.mark.parametrize("who", ["fire_officer", "fire_manager"])
def test_agencies_without_a_share_read_no_entries_at_all(cast, case, notes, who):
    with pytest.raises(Http404):
        selectors.case_detail(getattr(cast, who), case.reference)


def test_health_details_are_a_section_only_the_health_cleared_read(cast, case):
    assert "mental_health" not in access.readable_sections(cast.owner, case)
    assert "mental_health" in access.readable_sections(cast.police_lead, case)
    assert "mental_health" in access.readable_sections(cast.health_officer, case)


def test_nobody_without_membership_or_inactive_sees_anything(cast, case):
    cast.owner.is_active = False
    cast.owner.save()
    assert not access.visible_cases(cast.owner).exists()
    cast.police.is_active = False
    cast.police.save()
    assert not access.visible_cases(cast.colleague).exists()


def test_list_scoping_is_one_query(cast, case, django_assert_num_queries):
    with django_assert_num_queries(2):
        # 1: membership with agency and kind, 2: the scoped list
        list(access.visible_cases(cast.council_officer))
    with django_assert_num_queries(1):
        # the membership is remembered: only the list itself
        list(access.visible_cases(cast.council_officer))


def test_asking_for_many_people_at_once_gives_the_same_answers_as_one_by_one(cast, case):
    """``may_see_each`` (used where hundreds of staff are alerted at once) against
    ``visible_cases`` for the whole cast, over every way a case is reached or not."""
    from casework.models import CaseShare

    from .factories import CaseFactory

    restricted = CaseFactory(lead_agency=cast.police, lead_officer=cast.owner)
    services.case_restrict(actor=cast.owner, case=restricted, restricted=True, reason="Risk.")
    services.case_grant_access(
        actor=cast.owner, case=restricted, user=cast.colleague, reason="Needs it."
    )
    revoked = CaseFactory(lead_agency=cast.fire)
    share = CaseShare.objects.create(
        case=revoked,
        agency=cast.police,
        reason="Joint visit.",
        lawful_basis="consent",
        shared_by=cast.fire_officer,
    )
    services.case_share_revoke(actor=cast.fire_officer, share=share, reason="Visit done.")
    glass = CaseFactory(lead_agency=cast.health)
    services.break_glass_request(
        actor=cast.fire_manager, case=glass, reason="Fire at the address tonight.", emergency=True
    )
    # Break-glass into a restricted case; an override that has run out.
    services.break_glass_request(
        actor=cast.health_officer, case=restricted, reason="Sectioned at the address.",
        emergency=True,
    )  # fmt: skip
    expired = CaseFactory(lead_agency=cast.council)
    stale = services.break_glass_request(
        actor=cast.fire_officer, case=expired, reason="Fire at the address last week.",
        emergency=True,
    )  # fmt: skip
    stale.access_until = timezone.now() - timedelta(minutes=1)
    stale.save()
    # An administrator named on a restricted case; a user switched off; an agency closed.
    services.case_grant_access(actor=cast.owner, case=restricted, user=cast.admin, reason="Audit.")
    cast.council_partner.is_active = False
    cast.council_partner.save()
    cast.childrens.is_active = False
    cast.childrens.save()
    elsewhere = CaseFactory(lead_agency=cast.childrens)
    cases = [case, restricted, revoked, glass, expired, elsewhere]
    users = [getattr(cast, who) for who in EVERYONE]
    for user in users:  # as fetched afresh by a scan, not as cached above
        user.__dict__.pop("_icst_membership", None)

    together = access.may_see_each([(user, c.pk) for user in users for c in cases])

    one_by_one = {
        (user.pk, c.pk)
        for user in users
        for c in access.visible_cases(user).filter(pk__in=[c.pk for c in cases])
    }
    assert together == one_by_one
    assert (cast.fire_manager.pk, glass.pk) in together
    assert (cast.colleague.pk, restricted.pk) in together
    assert (cast.police_manager.pk, restricted.pk) not in together
    assert (cast.admin.pk, restricted.pk) in together
    assert (cast.health_officer.pk, restricted.pk) in together
    assert (cast.fire_officer.pk, expired.pk) not in together
    assert (cast.council_partner.pk, case.pk) not in together
    assert (cast.childrens_lead.pk, elsewhere.pk) not in together
    assert (cast.owner.pk, revoked.pk) not in together
