"""The daily briefing's "Victims owed an update" section (briefings' registry).

As at the sheet's briefing time: every update or referral owed to a victim that
was overdue then or fell due by the end of the next working day, with whom it
falls to. Rows name their case, so readers see only rows for cases they may see.
"""

from collections.abc import Iterator

from django.db.models import Case as Cases
from django.db.models import Q, When
from django.utils import timezone

from briefings.sections import Column, Row, Section, limited, register
from briefings.windows import Window
from casework.models import CaseStatus, RiskLevel
from common.working_days import deadline_after

from .models import ActionChase, Obligation

WINDOW_WORKING_DAYS = 1


def owed_as_at(as_of) -> Q:
    """Obligations that existed, were unmet and uncancelled at ``as_of``."""
    return (
        Q(created_at__lte=as_of)
        & (Q(met_at__isnull=True) | Q(met_at__gt=as_of))
        & (Q(cancelled_at__isnull=True) | Q(cancelled_at__gt=as_of))
    )


def victims_owed_update(window: Window) -> Iterator[Row]:
    as_of = window.as_of
    horizon = deadline_after(as_of, WINDOW_WORKING_DAYS)
    owed = (
        Obligation.objects.filter(owed_as_at(as_of), due_at__lte=horizon)
        .select_related("case__lead_officer", "plan__person", "plan__single_point_of_contact")
        .order_by("due_at", "id")
    )
    for obligation in limited(owed):
        contact = obligation.plan.contact_officer
        yield Row(
            case=obligation.case,
            cells={
                "reference": obligation.case.reference,
                "victim": obligation.plan.person.full_name,
                "owed": f"{obligation.get_kind_display()}: {obligation.reason}",
                "due": timezone.localtime(obligation.due_at).strftime("%a %d %b %Y"),
                "state": "Overdue" if obligation.due_at <= as_of else "Due",
                "contact": (contact.get_full_name() or contact.username) if contact else "None",
            },
        )


def actions_escalated(window: Window) -> Iterator[Row]:
    """Open actions whose owning agency's managers had been told, as at the sheet's time,
    that they were missed: high-risk cases first, then the longest overdue."""
    as_of = window.as_of
    chased = (
        ActionChase.objects.filter(escalated_at__lte=as_of)
        .filter(Q(action__completed_at__isnull=True) | Q(action__completed_at__gt=as_of))
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case", "action__assigned_agency", "action__assigned_to")
        .order_by(
            Cases(When(case__risk_level=RiskLevel.HIGH, then=0), default=1), "action__due_on", "id"
        )
    )
    for chase in limited(chased):
        action, owner = chase.action, chase.action.assigned_to
        yield Row(
            case=chase.case,
            cells={
                "reference": chase.case.reference,
                "action": action.description,
                "agency": action.assigned_agency.name,
                "owner": (owner.get_full_name() or owner.username) if owner else "None",
                "risk": chase.case.get_risk_level_display(),
                "due": f"{action.due_on:%a %d %b %Y}",
            },
        )


def register_section() -> None:
    register(
        Section(
            key="actions_escalated",
            title="Overdue actions escalated to managers",
            order=52,
            columns=(
                Column("reference", "Case", 0.9),
                Column("action", "Action", 2.0),
                Column("agency", "Agency", 1.0),
                Column("owner", "Owner", 1.0),
                Column("risk", "Risk", 0.6),
                Column("due", "Was due", 0.9),
            ),
            select=actions_escalated,
            description="Open actions past their due day, whose agency's managers have been "
            "alerted; high-risk cases first.",
        )
    )
    register(
        Section(
            key="victims_owed_update",
            title="Victims owed an update",
            order=75,
            columns=(
                Column("reference", "Case", 0.9),
                Column("victim", "Victim", 1.0),
                Column("owed", "Owed", 1.6),
                Column("due", "Deadline", 0.9),
                Column("state", "", 0.6),
                Column("contact", "Contact", 1.0),
            ),
            select=victims_owed_update,
            description="Updates and referrals owed to victims that are overdue or due by "
            "the end of the next working day (Victims' Code).",
        )
    )
