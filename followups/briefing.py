"""The daily briefing's "Victims owed an update" section (briefings' registry).

As at the sheet's briefing time: every update or referral owed to a victim that
was overdue then or fell due by the end of the next working day, with whom it
falls to. Rows name their case, so readers see only rows for cases they may see.
"""

from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from briefings.sections import Column, Row, Section, limited, register
from briefings.windows import Window
from casework.working_days import deadline_after

from .models import Obligation

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


def register_section() -> None:
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
