"""Reads for triage and figures, built on the one access policy (casework.access)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casework import access
from casework.models import CaseParticipant, EntryKind, TimelineEntry
from casework.selectors import PersonNamed, SimilarCase, similar_cases
from partners.models import Agency
from partners.rules import can_triage

from .models import Category, Channel, Report, TriageOutcome


def triage_agency() -> Agency | None:
    """The agency named by INTAKE_TRIAGE_AGENCY: it runs the ICST triage queue."""
    return Agency.objects.filter(slug=settings.INTAKE_TRIAGE_AGENCY, is_active=True).first()


def _reports(user) -> QuerySet[Report]:
    return Report.objects.filter(case__in=access.visible_cases(user)).select_related(
        "case", "case__lead_agency"
    )


def triage_queue(user) -> QuerySet[Report]:
    """Reports waiting for triage that ``user`` may triage, soonest due first."""
    if not can_triage(user):
        return Report.objects.none()
    return _reports(user).filter(triaged_at__isnull=True).order_by("triage_due_at", "id")


def triage_overdue(user, now: datetime | None = None) -> QuerySet[Report]:
    """Reports past their triage deadline: for the home page and the daily briefing."""
    return triage_queue(user).filter(triage_due_at__lt=now or timezone.now())


def report_for_triage(user, pk: int) -> Report:
    """A report for its triage page; 404 alike for a report that does not exist, one whose
    case is out of reach and anyone who may not triage (a 403 would say the id exists)."""
    if not can_triage(user):
        raise Http404("No report found.")
    try:
        report = _reports(user).get(pk=pk)
    except Report.DoesNotExist:
        raise Http404("No report found.") from None
    report.case._visible_to_user_id = user.pk
    return report


def report_with_photo(user, pk: int) -> Report:
    """A report whose photo ``user`` may see: anyone who may see its case; 404 otherwise."""
    report = _reports(user).filter(pk=pk).exclude(photo="").first()
    if report is None:
        raise Http404("No photo found.")
    return report


def report_people(report: Report) -> list[CaseParticipant]:
    return list(
        CaseParticipant.objects.filter(case_id=report.case_id)
        .select_related("person")
        .order_by("role")
    )


def link_suggestions(user, report: Report) -> list[SimilarCase]:
    """Cases ``user`` may add to that look like this report: the same person, the same
    address, or recent cases nearby (``casework.selectors.similar_cases``, which also
    suggests cases to an officer logging one)."""
    answers = report.answers
    people = []
    if not report.is_anonymous:
        people.append(PersonNamed(answers["given_name"], answers["family_name"]))
    suggestions = similar_cases(
        user,
        people=people,
        address=answers["where"],
        reported_at=report.received_at,
        exclude=report.case,
    )
    return [suggestion for suggestion in suggestions if suggestion.can_add]


# --- Figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeFigures:
    since: datetime
    received: int
    by_channel_and_category: list[dict]
    triaged: int
    triaged_on_time: int
    median_hours_to_triage: float | None
    first_contacts: int
    median_hours_to_first_contact: float | None
    outcomes: dict[str, int]

    @property
    def share_on_time(self) -> float | None:
        return round(100 * self.triaged_on_time / self.triaged, 1) if self.triaged else None


def _hours(deltas) -> float | None:
    values = [delta.total_seconds() / 3600 for delta in deltas]
    return round(median(values), 1) if values else None


def intake_figures(since: datetime) -> IntakeFigures:
    """Counts and times over every report since ``since``: aggregates only, no case detail."""
    reports = Report.objects.filter(received_at__gte=since)
    table = reports.values("channel", "category").annotate(total=Count("id"))
    triaged = list(
        reports.filter(triaged_at__isnull=False).values(
            "received_at", "triaged_at", "triage_due_at"
        )
    )
    contacts = _first_contacts(reports)
    return IntakeFigures(
        since=since,
        received=reports.count(),
        by_channel_and_category=_labelled(table),
        triaged=len(triaged),
        triaged_on_time=sum(row["triaged_at"] <= row["triage_due_at"] for row in triaged),
        median_hours_to_triage=_hours(row["triaged_at"] - row["received_at"] for row in triaged),
        first_contacts=len(contacts),
        median_hours_to_first_contact=_hours(contacts),
        outcomes={
            TriageOutcome(row["outcome"]).label: row["total"]
            for row in reports.exclude(outcome="").values("outcome").annotate(total=Count("id"))
        },
    )


def _first_contacts(reports: QuerySet[Report]) -> list[timedelta]:
    """Time from each report to the first contact entry on its case (or the linked case)."""
    firsts = (
        TimelineEntry.objects.filter(kind=EntryKind.CONTACT)
        .filter(Q(case__intake_report__in=reports) | Q(case__linked_reports__in=reports))
        .values("case_id")
        .annotate(first=Min("created_at"))
    )
    first_by_case = {row["case_id"]: row["first"] for row in firsts}
    deltas = []
    for report in reports.only("case_id", "linked_case_id", "received_at"):
        first = first_by_case.get(report.case_id) or first_by_case.get(report.linked_case_id)
        if first is not None and first >= report.received_at:
            deltas.append(first - report.received_at)
    return deltas


def _labelled(rows) -> list[dict]:
    return [
        {
            "channel": Channel(row["channel"]).label,
            "category": Category(row["category"]).label,
            "total": row["total"],
        }
        for row in sorted(rows, key=lambda r: (r["channel"], r["category"]))
    ]


def overdue_at(as_of: datetime) -> QuerySet[Report]:
    """Every report that was past its triage deadline and not yet triaged at ``as_of``.

    Across all reports, for the daily briefing: its readers' copies are cut down by
    the access policy when shown, so this does not filter by user.
    """
    return (
        Report.objects.filter(received_at__lte=as_of, triage_due_at__lt=as_of)
        .filter(Q(triaged_at__isnull=True) | Q(triaged_at__gt=as_of))
        .select_related("case", "case__lead_agency")
        .order_by("triage_due_at", "id")
    )
