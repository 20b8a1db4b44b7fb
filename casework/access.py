"""The one access policy for cases.

Every view, API endpoint, briefing, export, admin page and task asks these
functions who may list, open or change a case, and which of its sections and
timeline sensitivities a user may read. Nothing else filters cases.

Who sees a case is stated once, in ``POLICY``: the ways a user comes to see a case,
each a condition written for the database and for rows already in memory. The list
filter (``visible_cases``), the branches lists are read by (``visibility_branches``),
the disjoint parts counts add up over (``visibility_partition``) and the check for many
users at once (``may_see_each``) are all derived from it.

The other rules:
- Officers, safeguarding leads and managers of the lead agency change a case;
  those of a sharing agency contribute notes, actions and people; partners only read.
- The lead agency's manager decides break-glass requests and retention.
- Outsiders get 404 (the case might as well not exist); insiders who lack
  a power get 403.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from partners.models import Membership, Role, Sensitivity
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


def _granted_by_name(user_id: int | None) -> Exists:
    return Exists(_restricted_grants().filter(content_object=OuterRef("pk"), user_id=user_id))


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


def _break_glass_open(user_id: int | None) -> Exists:
    return Exists(_open_break_glass().filter(case=OuterRef("pk"), requester_id=user_id))


# --- The policy, stated once ------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a user and their membership (or, for ``agency_holds``, an agency)."""

    user_id: int | None
    agency_id: int
    role: str | None

    @classmethod
    def of(cls, user_id: int, membership: Membership) -> "Viewer":
        return cls(user_id=user_id, agency_id=membership.agency_id, role=membership.role)


class Facts(Protocol):
    """What the in-memory form of a condition reads about cases: loaded in bulk for
    ``may_see_each``, or asked of one case as needed (``agency_holds``)."""

    def lead_agency_id(self, case_id: int) -> int: ...
    def is_restricted(self, case_id: int) -> bool: ...
    def shared(self, agency_id: int, case_id: int) -> bool: ...
    def granted(self, user_id: int | None, case_id: int) -> bool: ...
    def break_glass(self, user_id: int | None, case_id: int) -> bool: ...


@dataclass(frozen=True)
class Condition:
    """A test of a case for a viewer, written for the database (``exists``: used in the
    list filter and wherever the condition is negated; ``join``, where given: a cheaper
    form for a branch read on its own) and for facts already in memory (``holds``).
    ``tests/test_access_policy.py`` holds the forms to the same answers."""

    exists: Callable[[Viewer], Q]
    holds: Callable[[Viewer, int, Facts], bool]
    join: Callable[[Viewer], Q] | None = None

    def alone(self, viewer: Viewer) -> Q:
        return (self.join or self.exists)(viewer)


LED_HERE = Condition(
    exists=lambda v: Q(lead_agency_id=v.agency_id),
    holds=lambda v, case_id, facts: facts.lead_agency_id(case_id) == v.agency_id,
)
SHARED_HERE = Condition(
    exists=lambda v: Q(_shared_with(v.agency_id)),
    # A join rather than EXISTS: a case has at most one active share per agency (a unique
    # constraint), so it adds no duplicates, and the database may drive it from the
    # agency's shares or from the cases, whichever is cheaper.
    join=lambda v: Q(shares__agency_id=v.agency_id) & CaseShare.granting("shares__"),
    holds=lambda v, case_id, facts: facts.shared(v.agency_id, case_id),
)
EVERY_CASE = Condition(exists=lambda v: Q(), holds=lambda v, case_id, facts: True)
BREAK_GLASS_OPEN = Condition(
    exists=lambda v: Q(_break_glass_open(v.user_id)),
    holds=lambda v, case_id, facts: facts.break_glass(v.user_id, case_id),
)
# A restricted case is seen only by people granted access to it by name.
NAMED_IF_RESTRICTED = Condition(
    exists=lambda v: Q(is_restricted=False) | _granted_by_name(v.user_id),
    holds=lambda v, case_id, facts: (
        not facts.is_restricted(case_id) or facts.granted(v.user_id, case_id)
    ),
)

STAFF = frozenset(Role) - {Role.ADMINISTRATOR}
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Branch:
    """One way a user comes to see a case. ``gated``: a restricted case also needs a
    named grant (``NAMED_IF_RESTRICTED``). ``through_agency``: the user's agency holds
    the case, so its working staff may contribute (``agency_holds``)."""

    name: str
    roles: frozenset[str]
    reach: Condition
    gated: bool
    through_agency: bool = False


POLICY: tuple[Branch, ...] = (
    Branch("their agency leads it", STAFF, LED_HERE, gated=True, through_agency=True),
    Branch(
        "their agency has an active share of it",
        STAFF,
        SHARED_HERE,
        gated=True,
        through_agency=True,
    ),
    Branch("they administer the system", ADMINISTRATORS, EVERY_CASE, gated=True),
    Branch(
        "an approved break-glass request or emergency override of theirs is in force",
        STAFF,
        BREAK_GLASS_OPEN,
        gated=False,
    ),
)


def _viewer(user) -> Viewer | None:
    membership = membership_of(user)
    return None if membership is None else Viewer.of(user.pk, membership)


def _branches(viewer: Viewer) -> tuple[list[Branch], list[Branch]]:
    """The branches open to the viewer's role: the gated ones, then the others."""
    mine = [branch for branch in POLICY if viewer.role in branch.roles]
    return [b for b in mine if b.gated], [b for b in mine if not b.gated]


def _any(conditions: Sequence[Q]) -> Q:
    """The union of ``conditions`` (at least one). An empty Q, every case, absorbs the rest."""
    if not conditions:
        raise ValueError("A union of no conditions.")
    if not all(conditions):
        return Q()
    union = conditions[0]
    for condition in conditions[1:]:
        union = union | condition
    return union


def _unless(earlier: Sequence[Q]) -> Q | None:
    """The condition that leaves out the cases ``earlier`` conditions take: an empty Q when
    there are none, None when they take every case."""
    if not earlier:
        return Q()
    taken = _any(earlier)
    return ~taken if taken else None


def _held(viewer: Viewer, gated: Sequence[Branch]) -> Q:
    """Cases the gated branches reach, restriction allowing: one condition, in EXISTS form."""
    reach = _any([branch.reach.exists(viewer) for branch in gated])
    return reach & NAMED_IF_RESTRICTED.exists(viewer)


def visibility_filter(user) -> Q | None:
    """The condition a case must meet for ``user`` to see it, or None for nobody."""
    viewer = _viewer(user)
    if viewer is None:
        return None
    gated, ungated = _branches(viewer)
    held = [_held(viewer, gated)] if gated else []
    conditions = [*held, *(branch.reach.exists(viewer) for branch in ungated)]
    return _any(conditions) if conditions else None


def _gated_parts(viewer: Viewer, gated: Sequence[Branch]) -> list[Q]:
    """One condition per gated branch, each leaving out the cases earlier ones reach."""
    parts = []
    for index, branch in enumerate(gated):
        earlier = [b.reach.exists(viewer) for b in gated[:index]]
        unless = _unless(earlier)
        if unless is not None:
            parts.append(unless & branch.reach.alone(viewer) & NAMED_IF_RESTRICTED.exists(viewer))
    return parts


def visibility_branches(user) -> list[Q]:
    """``visibility_filter`` split into conditions whose union is exactly the same set.

    Each is a plain conjunction, so the database can walk a case index in list order
    and stop after a page, instead of testing an OR of subqueries on every case
    (which PostgreSQL answers by hashing every share the agency holds). Lists over
    large casebooks query the branches separately and combine them.
    """
    viewer = _viewer(user)
    if viewer is None:
        return []
    gated, ungated = _branches(viewer)
    return [*_gated_parts(viewer, gated), *(branch.reach.alone(viewer) for branch in ungated)]


def visibility_partition(user) -> list[Q]:
    """``visibility_branches`` made disjoint: counts taken branch by branch add up to the
    number of cases ``user`` may see."""
    viewer = _viewer(user)
    if viewer is None:
        return []
    gated, ungated = _branches(viewer)
    parts = _gated_parts(viewer, gated)
    earlier = [_held(viewer, gated)] if gated else []
    for branch in ungated:
        # Earlier branches negated as one condition in EXISTS form: the join on shares
        # would be negated share by share.
        unless = _unless(earlier)
        if unless is not None:
            parts.append(branch.reach.alone(viewer) & unless)
        earlier.append(branch.reach.exists(viewer))
    return parts


def visible_cases(user, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Cases ``user`` may list and open, scoped in the database by one filter."""
    queryset = Case.objects.all() if queryset is None else queryset
    condition = visibility_filter(user)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def _sees(viewer: Viewer, case_id: int, facts: Facts) -> bool:
    """``POLICY`` applied in memory: what ``visibility_filter`` asks of the database."""
    gated, ungated = _branches(viewer)
    held = any(branch.reach.holds(viewer, case_id, facts) for branch in gated)
    if held and NAMED_IF_RESTRICTED.holds(viewer, case_id, facts):
        return True
    return any(branch.reach.holds(viewer, case_id, facts) for branch in ungated)


@dataclass(frozen=True)
class _LoadedFacts:
    """Facts about many cases read in a few queries, for ``may_see_each``."""

    cases: dict[int, tuple[int, bool]]  # case id: (lead agency id, restricted)
    shares: set[tuple[int, int]]  # (agency id, case id) of active shares
    grants: set[tuple[int, int]]  # (user id, case id) of named grants to restricted cases
    glass: set[tuple[int, int]]  # (user id, case id) of break-glass in force

    def lead_agency_id(self, case_id: int) -> int:
        return self.cases[case_id][0]

    def is_restricted(self, case_id: int) -> bool:
        return self.cases[case_id][1]

    def shared(self, agency_id: int, case_id: int) -> bool:
        return (agency_id, case_id) in self.shares

    def granted(self, user_id: int | None, case_id: int) -> bool:
        return (user_id, case_id) in self.grants

    def break_glass(self, user_id: int | None, case_id: int) -> bool:
        return (user_id, case_id) in self.glass


def may_see_each(pairs: list[tuple]) -> set[tuple[int, int]]:
    """Of ``pairs`` of (user, case id), those where the user may see the case, as (user id,
    case id): what ``visible_cases`` answers user by user, in a few queries however many
    users there are (a scan alerting hundreds of staff at once)."""
    users = {user.pk: user for user, _case_id in pairs}
    memberships_load(users.values())
    viewers = {pk: _viewer(user) for pk, user in users.items()}
    known = {pk: viewer for pk, viewer in viewers.items() if viewer is not None}
    case_ids = {case_id for _user, case_id in pairs}
    facts = _facts_load(known, case_ids)
    wanted = {(user.pk, case_id) for user, case_id in pairs}
    return {
        (user_id, case_id)
        for user_id, case_id in wanted
        if user_id in known and case_id in facts.cases and _sees(known[user_id], case_id, facts)
    }


def _facts_load(viewers: dict[int, Viewer], case_ids: set[int]) -> _LoadedFacts:
    cases = {
        pk: (lead, restricted)
        for pk, lead, restricted in Case.objects.filter(pk__in=case_ids).values_list(
            "pk", "lead_agency_id", "is_restricted"
        )
    }
    shares = CaseShare.objects.filter(
        CaseShare.granting(),
        case_id__in=case_ids,
        agency_id__in={viewer.agency_id for viewer in viewers.values()},
    )
    restricted = [pk for pk, (_lead, is_restricted) in cases.items() if is_restricted]
    # Break-glass is read only for those with a branch that opens through it.
    glass_users = [pk for pk, viewer in viewers.items() if _branches(viewer)[1]]
    return _LoadedFacts(
        cases=cases,
        shares=set(shares.values_list("agency_id", "case_id")),
        grants=_granted_pairs(list(viewers), restricted),
        glass=_break_glass_pairs(glass_users, case_ids),
    )


def _granted_pairs(user_ids: list[int], case_ids: list[int]) -> set[tuple[int, int]]:
    if not case_ids:
        return set()
    grants = _restricted_grants().filter(content_object_id__in=case_ids, user_id__in=user_ids)
    return set(grants.values_list("user_id", "content_object_id"))


def _break_glass_pairs(user_ids: list[int], case_ids: set[int]) -> set[tuple[int, int]]:
    if not user_ids:
        return set()
    requests = _open_break_glass().filter(case_id__in=case_ids, requester_id__in=user_ids)
    return set(requests.values_list("requester_id", "case_id"))


@dataclass(frozen=True)
class _OneCase:
    """Facts about one case in hand, asked of the database only as a condition needs them."""

    case: Case

    def lead_agency_id(self, case_id: int) -> int:
        return self.case.lead_agency_id

    def is_restricted(self, case_id: int) -> bool:
        return self.case.is_restricted

    def shared(self, agency_id: int, case_id: int) -> bool:
        return self.case.shares.filter(CaseShare.granting(), agency_id=agency_id).exists()

    def granted(self, user_id: int | None, case_id: int) -> bool:
        return _restricted_grants().filter(content_object_id=case_id, user_id=user_id).exists()

    def break_glass(self, user_id: int | None, case_id: int) -> bool:
        return _open_break_glass().filter(case_id=case_id, requester_id=user_id).exists()


def agency_holds(agency_id: int, case: Case) -> bool:
    """The agency leads the case or has an active share of it (``POLICY``'s branches
    through an agency): its staff see the case and may be given its actions."""
    viewer = Viewer(user_id=None, agency_id=agency_id, role=None)
    facts = _OneCase(case)
    return any(
        branch.reach.holds(viewer, case.pk, facts) for branch in POLICY if branch.through_agency
    )


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


def _is_lead_agency_manager(user, case: Case) -> bool:
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role == Role.MANAGER
        and membership.agency_id == case.lead_agency_id
    )


def can_decide_break_glass(user, case: Case) -> bool:
    """The lead agency's manager decides requests and reviews overrides."""
    return _is_lead_agency_manager(user, case)


def may_decide_retention(user, case: Case) -> bool:
    """Retain or dispose of a closed case: the lead agency's manager, who sees it."""
    return _is_lead_agency_manager(user, case) and can_view(user, case)


def retention_reviewable(user) -> QuerySet[Case]:
    """Cases whose retention reviews ``user`` sees: a manager, those their agency leads;
    an administrator (the data-protection officer), every case they see; nobody else."""
    membership = membership_of(user)
    if membership is None or membership.role not in (Role.MANAGER, Role.ADMINISTRATOR):
        return Case.objects.none()
    cases = visible_cases(user)
    if membership.role == Role.MANAGER:
        cases = cases.filter(lead_agency_id=membership.agency_id)
    return cases


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


def readable_sensitivities(user) -> set[str]:
    """Timeline sensitivities ``user`` may read, on any case they see."""
    return cleared_sensitivities(user)


def can_read_entry(user, entry) -> bool:
    return entry.author_id == user.pk or entry.sensitivity in readable_sensitivities(user)


def readable_entries(user, case: Case) -> Q:
    """The condition on a case's timeline entries for those ``user`` may read: their
    sensitivity is cleared for the user, or the user wrote them (``can_read_entry``)."""
    return Q(sensitivity__in=readable_sensitivities(user)) | Q(author_id=user.pk)


def readable_sections(user, case: Case) -> set[str]:
    """Type-specific sections ``user`` may read: each case type says which of its own
    sections the sensitivities cleared for the user open (``CaseKind.readable_sections``)."""
    cleared = readable_sensitivities(user)
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
