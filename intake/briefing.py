"""The daily briefing's section on reports from the public still waiting for triage."""

from collections.abc import Iterator

from django.utils import timezone

from briefings.sections import Column, Row, Section, limited, register
from briefings.windows import Window

from .selectors import overdue_at


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d %b %Y %H:%M")


def triage_overdue_rows(window: Window) -> Iterator[Row]:
    for report in limited(overdue_at(window.as_of)):
        hours = int((window.as_of - report.triage_due_at).total_seconds() // 3600)
        yield Row(
            case=report.case,
            cells={
                "reference": report.case.reference,
                "about": report.get_category_display(),
                "channel": report.get_channel_display(),
                "received": _when(report.received_at),
                "due": _when(report.triage_due_at),
                "overdue": f"{hours} h",
            },
        )


def register_sections() -> None:
    register(
        Section(
            key="triage_overdue",
            title="Reports from the public overdue for triage",
            order=15,
            columns=(
                Column("reference", "Case", 0.9),
                Column("about", "About", 1.4),
                Column("channel", "Channel", 0.8),
                Column("received", "Received", 0.9),
                Column("due", "Triage due", 0.9),
                Column("overdue", "Overdue by", 0.6),
            ),
            select=triage_overdue_rows,
            description="Reports not triaged by their deadline, as at the briefing time.",
        )
    )
