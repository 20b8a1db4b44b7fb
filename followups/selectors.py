"""Reads for victim follow-up, built on casework's access policy."""

import hmac
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils import timezone

from casework import access
from casework.access import can_view, visible_cases
from casework.models import Case, CaseParticipant, CaseStatus, ParticipantRole
from common.paging import first_rows
from common.working_days import deadline_after

from .models import ContactPlan, Notification, StaffAlert, StatusLink
from .obligations import open_obligations
from .services import (
    STATUS_LINK_SALT,
    UPDATED_ROLES,
    case_awaits_triage,
    contact_officer_for,
    contact_request_pending,
    secret_hash,
)

# What a victim or reporter is told about the case's status: never the internal stage.
PUBLIC_STATUS = {
    CaseStatus.NEW: ("Received", "We have your report and are looking at what to do next."),
    CaseStatus.TRIAGED: ("Received", "We have your report and are looking at what to do next."),
    CaseStatus.OPEN: ("Being worked on", "Officers are working on your case."),
    CaseStatus.UNDER_REVIEW: ("Being worked on", "Officers are working on your case."),
    CaseStatus.CLOSED: ("Closed", "Your case is closed. You can still ask us to contact you."),
}
_DECOY_HASH = secret_hash("no link has this secret")


def _parse(token: str) -> tuple[int, str] | None:
    try:
        payload = signing.loads(
            token, salt=STATUS_LINK_SALT, max_age=settings.FOLLOWUPS_STATUS_LINK_DAYS * 86400
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    valid = isinstance(payload, list) and len(payload) == 2
    if not valid or not isinstance(payload[0], int) or not isinstance(payload[1], str):
        return None
    return payload[0], payload[1]


def status_link_for_token(token: str) -> StatusLink | None:
    """The live link a token names, or None for a forged, expired or revoked one.

    The signature is checked by Django's signing (constant time); the secret is
    compared with the stored hash in constant time too, against a decoy when the
    link does not exist, so timing says nothing about which ids exist.
    """
    parsed = _parse(token)
    if parsed is None:
        return None
    pk, secret = parsed
    link = StatusLink.objects.select_related("case__lead_officer", "person").filter(pk=pk).first()
    stored = link.secret_hash if link is not None else _DECOY_HASH
    if not hmac.compare_digest(stored, secret_hash(secret)) or link is None:
        return None
    if link.revoked_at is not None or link.expires_at <= timezone.now():
        return None
    still_on_case = CaseParticipant.objects.filter(
        case=link.case, person=link.person, role__in=UPDATED_ROLES
    ).exists()
    return link if still_on_case else None


@dataclass(frozen=True)
class PublicUpdate:
    subject: str
    body: str
    sent_at: datetime


@dataclass(frozen=True)
class PublicStatus:
    """Everything the status page may show, and nothing else."""

    reference: str
    status: str
    status_explained: str
    contact_name: str
    latest_update: PublicUpdate | None
    # When the person asked for contact, while no one has answered; and whether the report
    # still waits for triage (so there is no contact officer to answer it yet).
    contact_requested_at: datetime | None = None
    awaiting_triage: bool = False


def public_status(link: StatusLink) -> PublicStatus:
    case = link.case
    label, explained = PUBLIC_STATUS[case.status]
    officer = contact_officer_for(case, link.person)
    pending = contact_request_pending(case=case, person=link.person)
    latest = (
        Notification.objects.filter(
            case=case,
            person=link.person,
            status__in=[Notification.Status.SENT, Notification.Status.DELIVERED],
        )
        .order_by("-sent_at", "-id")
        .first()
    )
    return PublicStatus(
        reference=case.reference,
        status=label,
        status_explained=explained,
        contact_name=(officer.get_full_name() or "Your case officer") if officer else "",
        latest_update=PublicUpdate(latest.subject, latest.body, latest.sent_at) if latest else None,
        contact_requested_at=pending.created_at if pending else None,
        awaiting_triage=case_awaits_triage(case),
    )


# --- Officers' views ------------------------------------------------------------------------


def _open_obligations():

    return open_obligations()


@dataclass(frozen=True)
class FollowupList:
    overdue: list
    upcoming: list


def _split(obligations, now: datetime) -> FollowupList:
    rows = list(obligations)
    return FollowupList(
        overdue=[o for o in rows if o.due_at <= now],
        upcoming=[o for o in rows if o.due_at > now],
    )


def followups_for_user(user, *, working_days_ahead: int = 5, limit: int = 50) -> FollowupList:
    """Open follow-ups ``user`` is the contact for: overdue, and due within the window.
    Cases come through the access policy."""

    now = timezone.now()
    horizon = deadline_after(now, working_days_ahead)
    owed = (
        _open_obligations()
        .filter(due_at__lte=horizon, case__in=visible_cases(user))
        .select_related("case", "plan__person")
        .order_by("due_at", "id")
    )
    # The two ways of being the contact, fetched apart: each follows its own index.
    named = Q(plan__single_point_of_contact=user)
    leading = Q(plan__single_point_of_contact__isnull=True, case__lead_officer=user)
    return _split(first_rows(owed, [named, leading], limit), now)


@dataclass(frozen=True)
class PlanView:
    plan: object
    open_obligations: list
    messages: list


def followups_for_case(user, case) -> list[PlanView]:
    """Each victim's plan on ``case`` (already fetched through the access policy)."""

    if not can_view(user, case):
        return []

    victims = case.participants.filter(role=ParticipantRole.VICTIM).values("person_id")
    plans = (
        ContactPlan.objects.filter(case=case, person_id__in=victims)
        .select_related("person", "single_point_of_contact", "case__lead_officer")
        .order_by("person__family_name")
    )
    views = []
    for plan in plans:
        owed = list(_open_obligations().filter(plan=plan).order_by("due_at"))
        sent = list(
            Notification.objects.filter(case=case, person=plan.person).order_by("-created_at")[:5]
        )
        views.append(PlanView(plan, owed, sent))
    return views


def _alerts(user):
    """``user``'s alerts, less those about cases they can no longer see."""

    return StaffAlert.objects.filter(user=user).filter(
        Q(case__isnull=True) | Q(case__in=visible_cases(user))
    )


def staff_alerts_for(user, *, limit: int = 100):
    return _alerts(user).select_related("case").order_by("-created_at")[:limit]


def unread_alert_count(user) -> int:
    return _alerts(user).filter(read_at__isnull=True).count()


def case_page_context(*, user, case: Case) -> dict:
    """What the case page shows of follow-ups: the victims' contact plans."""
    return {"victim_plans": followups_for_case(user, case)}


def home_context(user) -> dict:
    """What the home page shows of follow-ups: the user's list and unread alerts."""

    return {
        "followups": followups_for_user(user),
        "followup_alerts_unread": unread_alert_count(user),
        "followup_figures_visible": access.can_see_management_reports(user),
    }
