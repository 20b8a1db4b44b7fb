"""The one access policy for cases.

Every view, API endpoint, briefing, export, admin page and task asks these
functions who may list, open or change a case, and which of its sections and
timeline sensitivities a user may read. Nothing else filters cases.

The rules, one per line below:
- Staff see the cases their agency leads or has an active share of.
- A restricted case is seen only by people granted access to it by name.
- Administrators see every case that is not restricted (to run the system).
- Anyone else sees a case while an approved break-glass request or emergency
  override of theirs is in force.
- Officers, safeguarding leads and managers of the lead agency change a case;
  those of a sharing agency contribute notes, actions and people; partners only read.
- Outsiders get 404 (the case might as well not exist); insiders who lack
  a power get 403.
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from partners.models import Role, Sensitivity
from partners.rules import WORKING_ROLES, cleared_sensitivities, membership_of, memberships_load

from .models import (
    BreakGlassRequest,
    Case,
    CaseShare,
    CaseUserObjectPermission,
)
from .types import case_kinds

RESTRICTED_PERMISSION = "access_restricted_case"


def _restricted_grants() -> QuerySet[CaseUserObjectPermission]:
    """Named grants to open a restricted case."""
    # The permission's id is looked up once per query (an uncorrelated subquery), so that
    # the grants are read from their (user, permission, case) index alone.
    restricted = Permission.objects.filter(
        codename=RESTRICTED_PERMISSION, content_type__app_label="casework"
    ).values("pk")[:1]
    return CaseUserObjectPermission.objects.filter(permission_id=Subquery(restricted))


def _granted_by_name(user) -> Exists:
    return Exists(_restricted_grants().filter(content_object=OuterRef("pk"), user=user))


def _shared_with(agency_id: int) -> Exists:
    return Exists(
        CaseShare.objects.filter(CaseShare.granting(), case=OuterRef("pk"), agency_id=agency_id)
    )


def _open_break_glass() -> QuerySet[BreakGlassRequest]:
    """Approved requests and emergency overrides that have not yet run out."""
    return BreakGlassRequest.objects.filter(
        status__in=[BreakGlassRequest.Status.APPROVED, BreakGlassRequest.Status.EMERGENCY],
        access_until__gt=timezone.now(),
    )


def _break_glass_open(user) -> Exists:
    return Exists(_open_break_glass().filter(case=OuterRef("pk"), requester=user))


def visibility_filter(user) -> Q | None:
    """The condition a case must meet for ``user`` to see it, or None for nobody."""
    held = _held(user)
    if held is None or membership_of(user).role == Role.ADMINISTRATOR:
        return held
    return held | _break_glass_open(user)


def _held(user) -> Q | None:
    """Cases ``user`` sees through their agency (or, for administrators, their role).

    ``may_see_each`` applies this and ``_break_glass_open`` to many users at once: a change
    here is a change there (its test holds the two to the same answers)."""
    membership = membership_of(user)
    if membership is None:
        return None
    restriction_ok = Q(is_restricted=False) | _granted_by_name(user)
    if membership.role == Role.ADMINISTRATOR:
        return restriction_ok
    agency_reach = Q(lead_agency_id=membership.agency_id) | _shared_with(membership.agency_id)
    return agency_reach & restriction_ok


def visibility_branches(user) -> list[Q]:
    """``visibility_filter`` split into conditions whose union is exactly the same set.

    Each is a plain conjunction, so the database can walk a case index in list order
    and stop after a page, instead of testing an OR of subqueries on every case
    (which PostgreSQL answers by hashing every share the agency holds). Lists over
    large casebooks query the branches separately and combine them.
    """
    held, break_glass = _agency_and_break_glass_branches(user)
    return [*held, *break_glass]


def visibility_partition(user) -> list[Q]:
    """``visibility_branches`` made disjoint: counts taken branch by branch add up to the
    number of cases ``user`` may see."""
    held, break_glass = _agency_and_break_glass_branches(user)
    if not break_glass:
        return held
    # Negated as one condition: the branches' join on shares would be negated share by share.
    return [*held, break_glass[0] & ~_held(user)]


def _agency_and_break_glass_branches(user) -> tuple[list[Q], list[Q]]:
    """The conditions for cases seen through the user's agency (never overlapping each
    other), and the condition for cases seen through break-glass (which may overlap)."""
    membership = membership_of(user)
    if membership is None:
        return [], []
    restriction_ok = Q(is_restricted=False) | _granted_by_name(user)
    if membership.role == Role.ADMINISTRATOR:
        return [restriction_ok], []
    agency_id = membership.agency_id
    # A join rather than EXISTS: a case has at most one active share per agency (a unique
    # constraint), so it adds no duplicates, and the database may drive it from the
    # agency's shares or from the cases, whichever is cheaper.
    shared = Q(shares__agency_id=agency_id) & CaseShare.granting("shares__")
    led_here = Q(lead_agency_id=agency_id)
    return [led_here & restriction_ok, ~led_here & shared & restriction_ok], [
        _break_glass_open(user)
    ]


def visible_cases(user, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Cases ``user`` may list and open, scoped in the database by one filter."""
    queryset = Case.objects.all() if queryset is None else queryset
    condition = visibility_filter(user)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def may_see_each(pairs: list[tuple]) -> set[tuple[int, int]]:
    """Of ``pairs`` of (user, case id), those where the user may see the case, as (user id,
    case id): what ``visible_cases`` answers user by user, in a few queries however many
    users there are (a scan alerting hundreds of staff at once). The conditions are
    ``_held`` and ``_break_glass_open``'s, tested against ``visible_cases``."""
    users = {user.pk: user for user, _case_id in pairs}
    memberships_load(users.values())
    members = {pk: membership_of(user) for pk, user in users.items()}
    members = {pk: membership for pk, membership in members.items() if membership}
    case_ids = {case_id for _user, case_id in pairs}
    cases = {
        pk: (lead, restricted)
        for pk, lead, restricted in Case.objects.filter(pk__in=case_ids).values_list(
            "pk", "lead_agency_id", "is_restricted"
        )
    }
    shared = set(
        CaseShare.objects.filter(
            CaseShare.granting(),
            case_id__in=case_ids,
            agency_id__in={m.agency_id for m in members.values()},
        ).values_list("agency_id", "case_id")
    )
    restricted = [pk for pk, (_lead, is_restricted) in cases.items() if is_restricted]
    granted = _granted_pairs(members, restricted)
    glass = _break_glass_pairs(
        [pk for pk, m in members.items() if m.role != Role.ADMINISTRATOR], case_ids
    )

    def held(user_id: int, case_id: int) -> bool:
        membership, (lead, is_restricted) = members[user_id], cases[case_id]
        reach = (
            membership.role == Role.ADMINISTRATOR
            or lead == membership.agency_id
            or (membership.agency_id, case_id) in shared
        )
        return reach and (not is_restricted or (user_id, case_id) in granted)

    wanted = {(user.pk, case_id) for user, case_id in pairs}
    return {
        (user_id, case_id)
        for user_id, case_id in wanted
        if user_id in members
        and case_id in cases
        and (held(user_id, case_id) or (user_id, case_id) in glass)
    }


def _granted_pairs(members: dict, case_ids: list[int]) -> set[tuple[int, int]]:
    if not case_ids:
        return set()
    grants = _restricted_grants().filter(content_object_id__in=case_ids, user_id__in=members)
    return set(grants.values_list("user_id", "content_object_id"))


def _break_glass_pairs(user_ids: list[int], case_ids: set[int]) -> set[tuple[int, int]]:
    if not user_ids:
        return set()
    requests = _open_break_glass().filter(case_id__in=case_ids, requester_id__in=user_ids)
    return set(requests.values_list("requester_id", "case_id"))


def can_view(user, case: Case) -> bool:
    # A case fetched through case_for_viewing remembers who it was fetched for.
    viewer_id = getattr(user, "pk", None)
    if viewer_id is not None and getattr(case, "_visible_to_user_id", None) == viewer_id:
        return True
    return visible_cases(user, Case.objects.filter(pk=case.pk)).exists()


def holding_agencies(case: Case) -> list[str]:
    """Names of the agencies holding a case: all a break-glass requester may learn of it."""
    shared = case.shares.filter(CaseShare.granting()).select_related("agency")
    return [case.lead_agency.name, *sorted(share.agency.name for share in shared)]


def can_decide_break_glass(user, case: Case) -> bool:
    """The lead agency's manager decides requests and reviews overrides."""
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role == Role.MANAGER
        and membership.agency_id == case.lead_agency_id
    )


def _is_lead_agency_staff(user, case: Case) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.agency_id == case.lead_agency_id


def can_change(user, case: Case) -> bool:
    """Edit the case itself: fields, status, people, shares. Lead agency's working staff."""
    return (
        role_in(user, WORKING_ROLES) and _is_lead_agency_staff(user, case) and can_view(user, case)
    )


def can_contribute(user, case: Case) -> bool:
    """Add notes, contacts, decisions and actions: working staff of an agency that holds it.

    Break-glass access is for reading only, so it does not count here.
    """
    return role_in(user, WORKING_ROLES) and can_view(user, case) and _agency_holds(user, case)


def _agency_holds(user, case: Case) -> bool:
    return agency_holds(membership_of(user).agency_id, case)


def agency_holds(agency_id: int, case: Case) -> bool:
    """The agency leads the case or has an active share of it: its staff see the case and
    may be given its actions."""
    if agency_id == case.lead_agency_id:
        return True
    return case.shares.filter(CaseShare.granting(), agency_id=agency_id).exists()


def can_reassign(user, case: Case) -> bool:
    return role_in(user, {Role.MANAGER}) and can_change(user, case)


def can_grant_access(user, case: Case) -> bool:
    """Grant or revoke named access, or restrict: the lead agency's manager or lead officer."""
    if not can_change(user, case):
        return False
    return role_in(user, {Role.MANAGER}) or case.lead_officer_id == user.pk


def can_decide_access_requests(user) -> bool:
    """Managers decide break-glass requests for the cases their agency leads."""
    return role_in(user, {Role.MANAGER})


def can_see_management_reports(user) -> bool:
    """Figures, retention reviews, who-viewed reports and subject access exports: managers
    and data-protection officers (administrators).

    Reports about one record still need the record to be visible (``case_for_viewing``).
    """
    return role_in(user, {Role.MANAGER, Role.ADMINISTRATOR})


def role_in(user, roles) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role in roles


def readable_sensitivities(user, case: Case | None = None) -> set[str]:
    """Timeline sensitivities ``user`` may read (on ``case``, where given)."""
    return cleared_sensitivities(user)


def can_read_entry(user, entry) -> bool:
    return entry.author_id == user.pk or entry.sensitivity in readable_sensitivities(user)


def readable_entries(user, case: Case) -> Q:
    """The condition on a case's timeline entries for those ``user`` may read: their
    sensitivity is cleared for the user, or the user wrote them (``can_read_entry``)."""
    return Q(sensitivity__in=readable_sensitivities(user, case)) | Q(author_id=user.pk)


def readable_sections(user, case: Case) -> set[str]:
    """Type-specific sections ``user`` may read: each case type says which of its own
    sections the sensitivities cleared for the user open (``CaseKind.readable_sections``)."""
    cleared = readable_sensitivities(user, case)
    sections: set[str] = set()
    for kind in case_kinds():
        sections |= kind.readable_sections(user, case, cleared)
    return sections


# --- Fetch-or-refuse helpers for views and endpoints --------------------------------


def case_for_viewing(user, reference: str, queryset: QuerySet[Case] | None = None) -> Case:
    """The case if ``user`` may see it; Http404 whether it is hidden or absent."""
    try:
        case = visible_cases(user, queryset).get(reference=reference)
    except Case.DoesNotExist:
        raise Http404("No case found.") from None
    case._visible_to_user_id = user.pk
    return case


def case_for_change(user, reference: str, queryset: QuerySet[Case] | None = None) -> Case:
    case = case_for_viewing(user, reference, queryset)
    ensure(can_change(user, case), "Only the lead agency's officers can change this case.")
    return case


def case_for_contribution(user, reference: str) -> Case:
    case = case_for_viewing(user, reference)
    ensure(can_contribute(user, case), "Your role can read this case but not add to it.")
    return case


def ensure(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


__all__ = [
    "Sensitivity",
    "can_change",
    "can_contribute",
    "can_grant_access",
    "can_read_entry",
    "can_reassign",
    "can_view",
    "case_for_change",
    "case_for_contribution",
    "case_for_viewing",
    "ensure",
    "may_see_each",
    "readable_sections",
    "readable_sensitivities",
    "visibility_branches",
    "visibility_filter",
    "visibility_partition",
    "visible_cases",
]


def can_answer_referral(user, referral) -> bool:
    """Accept or decline a referral: working staff of the receiving agency who see the case."""
    membership = membership_of(user)
    return (
        membership is not None
        and membership.agency_id == referral.to_agency_id
        and role_in(user, WORKING_ROLES)
        and can_view(user, referral.case)
    )
