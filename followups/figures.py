"""Follow-up figures for managers: counts only, no case detail.

For each lead agency and month (of the deadline), over obligations that were
not cancelled and have fallen due or been met: how many were due, met on time, met late, and
missed (still unmet); and how many victims were owed an update and how many of
them had every update on time. ``untracked_victims`` counts victims on open
cases of any stage but closed, not opted out, with no update owed at all (with or without a
plan): it should always be 0.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from casework.models import CaseParticipant, CaseStatus, ParticipantRole

from .models import ContactPlan, Obligation

UPDATE_KINDS = (Obligation.Kind.KEY_EVENT, Obligation.Kind.REGULAR)


@dataclass(frozen=True)
class FigureRow:
    agency: str
    month: date
    due: int
    met_on_time: int
    met_late: int
    missed: int
    victims_owed: int
    victims_updated_on_time: int

    @property
    def share_victims_on_time(self) -> float | None:
        if not self.victims_owed:
            return None
        return round(100 * self.victims_updated_on_time / self.victims_owed, 1)


@dataclass(frozen=True)
class Figures:
    since: datetime
    rows: list[FigureRow]
    untracked_victims: int

    @property
    def totals(self) -> FigureRow:
        def total(name: str) -> int:
            return sum(getattr(row, name) for row in self.rows)

        return FigureRow(
            "All agencies",
            self.since.date(),
            *(
                total(name)
                for name in (
                    "due",
                    "met_on_time",
                    "met_late",
                    "missed",
                    "victims_owed",
                    "victims_updated_on_time",
                )
            ),
        )


def _month_start(months: int) -> datetime:
    first = timezone.localdate().replace(day=1) - relativedelta(months=months - 1)
    return timezone.make_aware(datetime.combine(first, datetime.min.time()))


def _per_victim(since: datetime, now: datetime):
    on_time = Q(met_at__isnull=False, met_at__lte=F("due_at"))
    return (
        Obligation.objects.filter(due_at__gte=since, cancelled_at__isnull=True)
        .filter(Q(due_at__lte=now) | Q(met_at__isnull=False))
        .annotate(month=TruncMonth("due_at"))
        .values("case__lead_agency__name", "month", "plan_id")
        .annotate(
            due=Count("id"),
            on_time=Count("id", filter=on_time),
            late=Count("id", filter=Q(met_at__gt=F("due_at"))),
            missed=Count("id", filter=Q(met_at__isnull=True)),
            updates=Count("id", filter=Q(kind__in=UPDATE_KINDS)),
            updates_on_time=Count("id", filter=Q(kind__in=UPDATE_KINDS) & on_time),
        )
    )


def untracked_victims() -> int:
    """Victims on cases not closed, whatever their stage (a public report waiting for triage
    too), who have not opted out and are owed no update, with or without a plan."""
    owed = Obligation.objects.filter(
        plan__case=OuterRef("case"),
        plan__person=OuterRef("person"),
        kind__in=UPDATE_KINDS,
        met_at__isnull=True,
        cancelled_at__isnull=True,
    )
    opted_out = ContactPlan.objects.filter(
        case=OuterRef("case"), person=OuterRef("person"), opted_out=True
    )
    return (
        CaseParticipant.objects.filter(role=ParticipantRole.VICTIM)
        .exclude(case__status=CaseStatus.CLOSED)
        .exclude(Exists(opted_out))
        .exclude(Exists(owed))
        .count()
    )


def followup_figures(months: int = 12) -> Figures:
    now, since = timezone.now(), _month_start(months)
    table: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0] * 6)
    for row in _per_victim(since, now):
        month = (
            timezone.localtime(row["month"]).date()
            if isinstance(row["month"], datetime)
            else row["month"]
        )
        cells = table[(row["case__lead_agency__name"], month)]
        cells[0] += row["due"]
        cells[1] += row["on_time"]
        cells[2] += row["late"]
        cells[3] += row["missed"]
        if row["updates"]:
            cells[4] += 1
            cells[5] += row["updates"] == row["updates_on_time"]
    rows = [FigureRow(agency, month, *cells) for (agency, month), cells in sorted(table.items())]
    return Figures(since=since, rows=rows, untracked_victims=untracked_victims())
