"""Break-glass requests heard at once: the lead agency's managers are alerted (in-app, and
by an email that names no one) when someone asks for a case or overrides its access, and an
emergency override nobody has reviewed after a working day goes to the administrators."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from casework import access
from casework.models import BreakGlassRequest
from common.working_days import deadline_after
from partners.models import Membership, Role

from .models import BreakGlassChase, StaffAlert
from .services import staff_alerts_raise


def _deciders(request: BreakGlassRequest) -> list:
    managers = Membership.objects.filter(
        agency_id=request.case.lead_agency_id, role=Role.MANAGER, user__is_active=True
    ).select_related("user")
    return [m.user for m in managers if access.can_decide_break_glass(m.user, request.case)]


def _administrators() -> list:
    return list(
        get_user_model().objects.filter(is_active=True, membership__role=Role.ADMINISTRATOR)
    )


def on_request(request: BreakGlassRequest) -> list[StaffAlert]:
    """Tell the lead agency's managers of a new request or override, at once."""
    requester = request.requester
    who = f"{requester.get_full_name() or requester.username} ({requester.membership.agency.name})"
    if request.status == BreakGlassRequest.Status.EMERGENCY:
        kind = StaffAlert.Kind.ACCESS_OVERRIDE
        text = f"Emergency access to {request.case.reference} taken by {who}: review it."
    else:
        kind = StaffAlert.Kind.ACCESS_REQUEST
        text = f"{who} asks for access to {request.case.reference}: decide the request."
    return staff_alerts_raise(
        [
            StaffAlert(user=user, kind=kind, message=text, case=request.case)
            for user in _deciders(request)
        ]
    )


def review_due_at(request: BreakGlassRequest) -> datetime:
    """One working day after the override, at the same time of day."""
    taken = timezone.localtime(request.requested_at)
    return deadline_after(taken, 1, at=taken.time())


def scan(now: datetime | None = None) -> dict[str, int]:
    """Emergency overrides still unreviewed a working day on: each escalated once."""
    now = now or timezone.now()
    waiting = BreakGlassRequest.objects.filter(
        status=BreakGlassRequest.Status.EMERGENCY,
        reviewed_at__isnull=True,
        chase__isnull=True,
        requested_at__lt=now,
    ).select_related("case")
    due = [request for request in waiting if review_due_at(request) <= now]
    administrators = _administrators()
    for request in due:
        text = (
            f"An emergency override of {request.case.reference} has not been reviewed by the "
            "lead agency's manager for a working day."
        )
        staff_alerts_raise(
            [
                StaffAlert(
                    user=user,
                    kind=StaffAlert.Kind.OVERRIDE_UNREVIEWED,
                    message=text,
                    case=request.case,
                )
                for user in administrators
            ]
        )
        BreakGlassChase.objects.create(request=request, escalated_at=now)
    return {"overrides_escalated": len(due)}
