"""Reads for victim follow-up, built on casework's access policy."""

import hmac
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone

from casework.models import CaseParticipant, CaseStatus

from .models import Notification, StatusLink
from .services import STATUS_LINK_SALT, UPDATED_ROLES, contact_officer_for, secret_hash

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


def public_status(link: StatusLink) -> PublicStatus:
    case = link.case
    label, explained = PUBLIC_STATUS[case.status]
    officer = contact_officer_for(case, link.person)
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
    )
