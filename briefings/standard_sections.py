"""The briefing's own sections, registered in ``BriefingsConfig.ready()``.

Each selects across all cases as at the window's briefing time; readers' copies
are cut down by the access policy when shown (see ``briefings.sections``).
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from casework.models import (
    Action,
    Case,
    CaseParticipant,
    CaseReferral,
    CaseStatus,
    CaseType,
    MentalHealthDetail,
    MentalHealthPresentation,
    MissingPersonGrade,
    ParticipantRole,
    RiskLevel,
)
from casework.reviews import grade_review_due_since
from partners.models import Agency

from .models import Discussion, Nomination
from .sections import CaseCount, CaseLinks, Cell, Column, Row, Section, limited, register
from .windows import Window

REPEAT_PERIOD = relativedelta(months=6)
REPEAT_THRESHOLD = 2  # statutory guidance: explain the Case Review on a second report
CASE_REVIEW_THRESHOLD = 3  # ASB Case Review: three qualifying complaints in six months

REF = Column("reference", "Case", 0.9)
AGENCY = Column("lead_agency", "Lead agency", 1.0)


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d %b %Y %H:%M") if moment else ""


def _hours_between(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 3600))


def _open_cases():
    return Case.objects.exclude(status=CaseStatus.CLOSED).select_related("lead_agency")


# --- New cases -----------------------------------------------------------------------------


def new_cases(window: Window) -> Iterator[Row]:
    cases = Case.objects.filter(created_at__gte=window.start, created_at__lt=window.end)
    for case in limited(cases.select_related("lead_agency").order_by("reported_at", "id")):
        yield Row(
            case=case,
            cells={
                "reference": case.reference,
                "type": case.get_case_type_display(),
                "risk": case.get_risk_level_display(),
                "lead_agency": case.lead_agency.name,
                "reported": _when(case.reported_at),
                "summary": case.summary,
            },
        )


# --- High risk -----------------------------------------------------------------------------


def _missing_high_risk(window: Window) -> Iterator[Row]:
    cases = _open_cases().filter(
        case_type=CaseType.MISSING_PERSON,
        missing_person__risk_grade__in=[MissingPersonGrade.MEDIUM, MissingPersonGrade.HIGH],
        missing_person__returned_at__isnull=True,
        missing_person__last_seen_at__lte=window.as_of,
    )
    ordered = cases.select_related("missing_person").order_by("missing_person__last_seen_at", "id")
    review_due_since = grade_review_due_since(window.as_of)
    for case in limited(ordered):
        detail = case.missing_person
        hours = _hours_between(detail.last_seen_at, window.as_of)
        note = f"Missing {hours} hours; last seen {detail.last_seen_place}"
        graded_at = detail.graded_at or case.created_at
        if detail.risk_grade == MissingPersonGrade.HIGH and graded_at < review_due_since:
            unreviewed = _hours_between(graded_at, window.as_of)
            note += f". Grade not reviewed for {unreviewed} hours: review overdue"
        yield Row(
            case=case,
            cells={
                "reference": case.reference,
                "why": f"Missing person: {detail.get_risk_grade_display().lower()} risk",
                "detail": note,
                "lead_agency": case.lead_agency.name,
            },
        )


def _asb_high_risk(window: Window) -> Iterator[Row]:
    cases = _open_cases().filter(
        Q(asb__victim_risk=RiskLevel.HIGH) | Q(risk_level=RiskLevel.HIGH),
        case_type=CaseType.ASB,
        created_at__lt=window.end,
    )
    for case in limited(cases.order_by("reported_at", "id")):
        yield Row(
            case=case,
            cells={
                "reference": case.reference,
                "why": "ASB: high risk",
                "detail": case.summary,
                "lead_agency": case.lead_agency.name,
            },
        )


def _mental_health_crisis(window: Window) -> Iterator[Row]:
    cases = _open_cases().filter(
        case_type=CaseType.MENTAL_HEALTH,
        mental_health__presentation=MentalHealthPresentation.CRISIS,
        created_at__lt=window.end,
    )
    for case in limited(cases.select_related("mental_health").order_by("reported_at", "id")):
        # The crisis itself is a health detail: readers not cleared for health
        # do not learn of it from the sheet.
        yield Row(
            case=case,
            sensitivity=MentalHealthDetail.SENSITIVITY,
            cells={
                "reference": case.reference,
                "why": "Mental-health crisis",
                "detail": case.mental_health.get_rcrp_threshold_display(),
                "lead_agency": case.lead_agency.name,
            },
        )


def high_risk(window: Window) -> Iterator[Row]:
    yield from _missing_high_risk(window)
    yield from _asb_high_risk(window)
    yield from _mental_health_crisis(window)


# --- Missing persons and return home interviews ----------------------------------------------


def open_missing_persons(window: Window) -> Iterator[Row]:
    cases = _open_cases().filter(
        case_type=CaseType.MISSING_PERSON,
        missing_person__returned_at__isnull=True,
        missing_person__last_seen_at__lte=window.as_of,
    )
    ordered = cases.select_related("missing_person").order_by("missing_person__last_seen_at", "id")
    for case in limited(ordered):
        detail = case.missing_person
        yield Row(
            case=case,
            cells={
                "reference": case.reference,
                "grade": detail.get_risk_grade_display(),
                "child": "Child" if detail.is_child else "Adult",
                "last_seen": f"{_when(detail.last_seen_at)}, {detail.last_seen_place}",
                "hours": str(_hours_between(detail.last_seen_at, window.as_of)),
                "lead_agency": case.lead_agency.name,
            },
        )


def _end_of_day(window: Window) -> datetime:
    return timezone.make_aware(
        datetime.combine(window.day + timedelta(days=1), datetime.min.time())
    )


def return_interviews(window: Window) -> Iterator[Row]:
    cases = Case.objects.filter(
        case_type=CaseType.MISSING_PERSON,
        missing_person__returned_at__isnull=False,
        missing_person__return_interview_done_at__isnull=True,
        missing_person__return_interview_due_at__lt=_end_of_day(window),
    ).select_related("lead_agency", "missing_person")
    for case in limited(cases.order_by("missing_person__return_interview_due_at", "id")):
        detail = case.missing_person
        overdue = detail.return_interview_due_at < window.as_of
        yield Row(
            case=case,
            cells={
                "reference": case.reference,
                "returned": _when(detail.returned_at),
                "due": _when(detail.return_interview_due_at),
                "state": "Overdue" if overdue else "Due today",
                "lead_agency": case.lead_agency.name,
            },
        )


# --- Actions -------------------------------------------------------------------------------


def _action_state(action: Action, window: Window, from_meeting: bool) -> str:
    days = (window.day - action.due_on).days
    if days > 0:
        return f"Overdue by {days} day{'s' if days != 1 else ''}"
    if days == 0:
        return "Due today"
    return f"Agreed at a briefing; due {action.due_on:%d %b %Y}" if from_meeting else ""


def fair_shares(counts: dict, budget: int) -> dict:
    """Split ``budget`` rows between groups holding ``counts`` rows: each group gets an equal
    share, and what a small group does not need goes to the others."""
    shares = dict.fromkeys(counts, 0)
    wanting = {key: count for key, count in counts.items() if count > 0}
    while budget > 0 and wanting:
        each = max(1, budget // len(wanting))
        for key in sorted(wanting):
            take = min(each, wanting[key], budget)
            shares[key] += take
            wanting[key] -= take
            budget -= take
        wanting = {key: left for key, left in wanting.items() if left > 0}
    return shares


def actions_due(window: Window) -> Iterator[Row]:
    """Open actions overdue or due today, and every open action a briefing agreed, by agency.

    When there are more than a sheet holds, each agency keeps a fair share of the rows, the
    most overdue first, so one agency's backlog cannot push the others off the sheet.
    """
    agreed_at_meeting = Exists(Discussion.actions.through.objects.filter(action_id=OuterRef("pk")))
    actions = (
        Action.objects.filter(completed_at__isnull=True, created_at__lt=window.end)
        .annotate(agreed=agreed_at_meeting)
        .filter(Q(due_on__lte=window.day) | Q(agreed=True))
        .exclude(case__status=CaseStatus.CLOSED)
    )
    per_agency = dict(actions.values_list("assigned_agency").annotate(total=Count("id")).order_by())
    shares = fair_shares(per_agency, settings.BRIEFING_SECTION_LIMIT)
    agencies = list(Agency.objects.filter(pk__in=per_agency).order_by("name"))

    def first(agency, start: int, stop: int):
        ordered = actions.filter(assigned_agency=agency).order_by("due_on", "id")
        return ordered.select_related("case", "assigned_to")[start:stop]

    for agency in agencies:
        for action in first(agency, 0, shares[agency.pk]):
            yield _action_row(action, agency, window)
    # One row past the sheet's limit tells the builder the section is longer than it shows.
    for agency in agencies:
        if per_agency[agency.pk] > shares[agency.pk]:
            for action in first(agency, shares[agency.pk], shares[agency.pk] + 1):
                yield _action_row(action, agency, window)
            return


def _action_row(action: Action, agency, window: Window) -> Row:
    return Row(
        case=action.case,
        group=agency.name,
        cells={
            "reference": action.case.reference,
            "action": action.description,
            "owner": action.assigned_to.get_full_name() if action.assigned_to else "",
            "due": f"{action.due_on:%d %b %Y}",
            "state": _action_state(action, window, action.agreed),
        },
    )


# --- Reviews -------------------------------------------------------------------------------


def past_review(window: Window) -> Iterator[Row]:
    cases = _open_cases().filter(next_review_on__lt=window.day).select_related("lead_officer")
    for case in limited(cases.order_by("next_review_on", "id")):
        days = (window.day - case.next_review_on).days
        yield Row(
            case=case,
            cells={
                "reference": case.reference,
                "type": case.get_case_type_display(),
                "review_due": f"{case.next_review_on:%d %b %Y}",
                "overdue": f"{days} day{'s' if days != 1 else ''}",
                "lead_officer": case.lead_officer.get_full_name() if case.lead_officer else "",
                "lead_agency": case.lead_agency.name,
            },
        )


# --- Referrals ---------------------------------------------------------------------------


def referrals_waiting(window: Window) -> Iterator[Row]:
    """Referrals to another lead agency not answered at briefing time, the most overdue
    first: the receiving agency is asked for its answer in the meeting."""
    waiting = CaseReferral.objects.filter(proposed_at__lte=window.as_of).filter(
        Q(status=CaseReferral.Status.PENDING) | Q(answered_at__gt=window.as_of)
    )
    waiting = waiting.select_related("case", "from_agency", "to_agency")
    for referral in limited(waiting.order_by("answer_due_at", "id")):
        late = referral.answer_due_at < window.as_of
        hours = _hours_between(referral.answer_due_at, window.as_of)
        yield Row(
            case=referral.case,
            cells={
                "reference": referral.case.reference,
                "from_agency": referral.from_agency.name,
                "to_agency": referral.to_agency.name,
                "referred": _when(referral.proposed_at),
                "due": _when(referral.answer_due_at),
                "state": f"Unanswered, {hours} hours overdue" if late else "Waiting",
            },
        )


# --- Repeats -------------------------------------------------------------------------------


def _normalised(address: str) -> str:
    return address.strip().lower()


# The ASB Case Review note for a count of ASB reports, highest threshold first.
CASE_REVIEW_NOTES = (
    (CASE_REVIEW_THRESHOLD, "Eligible for an ASB Case Review"),
    (REPEAT_THRESHOLD, "Second ASB report: explain the ASB Case Review"),
)


def _repeat_row(kind: str, label: str, cases: list[Case], window: Window) -> Row | None:
    if len(cases) < REPEAT_THRESHOLD:
        return None
    in_window = [c for c in cases if window.start <= c.created_at < window.end]
    if not in_window:
        return None
    asb_reports = tuple((c.pk, c.reference) for c in cases if c.case_type == CaseType.ASB)
    anchor = max(in_window, key=lambda c: (c.reported_at, c.pk))
    pairs = tuple((c.pk, c.reference) for c in cases)
    return Row(
        case=anchor,
        cells={
            "kind": kind,
            "who": label,
            "reports": CaseCount(pairs, "in six months"),
            "cases": CaseLinks(pairs),
            # Counted per reader too: the note must not tell of ASB reports kept from them.
            "case_review": CaseCount(asb_reports, notes=CASE_REVIEW_NOTES),
        },
    )


def _repeat_people(window: Window, since: datetime) -> Iterator[Row]:
    roles = [ParticipantRole.VICTIM, ParticipantRole.SUBJECT]
    fresh = CaseParticipant.objects.filter(
        role__in=roles, case__created_at__gte=window.start, case__created_at__lt=window.end
    ).values("person_id")
    parts = (
        CaseParticipant.objects.filter(
            role__in=roles,
            person_id__in=fresh,
            case__reported_at__gte=since,
            case__reported_at__lt=window.end,
        )
        .select_related("case", "person")
        .order_by("person__family_name", "person__given_name", "case__reported_at")
    )
    groups: dict[tuple[int, str], list] = defaultdict(list)
    for part in parts:
        groups[(part.person_id, part.role)].append(part)
    for (_, role), members in groups.items():
        kind = "Repeat victim" if role == ParticipantRole.VICTIM else "Repeat subject"
        cases = list({part.case.pk: part.case for part in members}.values())
        row = _repeat_row(kind, members[0].person.full_name, cases, window)
        if row:
            yield row


def _repeat_locations(window: Window, since: datetime) -> Iterator[Row]:
    fresh = Case.objects.filter(created_at__gte=window.start, created_at__lt=window.end)
    addresses = {_normalised(a) for a in fresh.values_list("address", flat=True) if a.strip()}
    cases = (
        Case.objects.annotate(place=Lower(Trim("address")))
        .filter(place__in=addresses, reported_at__gte=since, reported_at__lt=window.end)
        .order_by("place", "reported_at", "id")
    )
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[case.place].append(case)
    for members in groups.values():
        row = _repeat_row("Repeat location", members[-1].address, members, window)
        if row:
            yield row


def repeats(window: Window) -> Iterator[Row]:
    since = window.end - REPEAT_PERIOD
    yield from _repeat_people(window, since)
    yield from _repeat_locations(window, since)


# --- Nominations ---------------------------------------------------------------------------


def nominations(window: Window) -> Iterator[Row]:
    chosen = Nomination.objects.filter(
        nominated_at__gte=window.start, nominated_at__lt=window.end
    ).select_related("case", "nominated_by", "agency")
    for nomination in limited(chosen.order_by("nominated_at", "id")):
        by = nomination.nominated_by.get_full_name() or nomination.nominated_by.username
        yield Row(
            case=nomination.case,
            cells={
                "reference": nomination.case.reference,
                "by": f"{by}, {nomination.agency.name}",
                "reason": Cell(nomination.reason, nomination.sensitivity),
                "when": _when(nomination.nominated_at),
            },
        )


STANDARD_SECTIONS = (
    Section(
        key="new_cases",
        title="New cases",
        order=10,
        description="Cases logged since the last briefing.",
        columns=(
            REF,
            Column("type", "Type", 1.0),
            Column("risk", "Risk", 0.6),
            AGENCY,
            Column("reported", "Reported", 0.9),
            Column("summary", "Summary", 2.6),
        ),
        select=new_cases,
    ),
    Section(
        key="high_risk",
        title="High-risk cases",
        order=20,
        description="Missing persons graded medium or high, high-risk ASB, mental-health crises.",
        columns=(
            REF,
            Column("why", "Why", 1.4),
            Column("detail", "Detail", 3.0),
            AGENCY,
        ),
        select=high_risk,
    ),
    Section(
        key="open_missing",
        title="Open missing persons",
        order=30,
        columns=(
            REF,
            Column("grade", "Grade", 0.9),
            Column("child", "Age", 0.5),
            Column("last_seen", "Last seen", 2.4),
            Column("hours", "Hours missing", 0.7),
            AGENCY,
        ),
        select=open_missing_persons,
    ),
    Section(
        key="return_interviews",
        title="Return home interviews due or overdue",
        order=40,
        columns=(
            REF,
            Column("returned", "Returned", 1.0),
            Column("due", "Interview due", 1.0),
            Column("state", "State", 0.7),
            AGENCY,
        ),
        select=return_interviews,
    ),
    Section(
        key="actions",
        title="Actions overdue or due today, by agency",
        order=50,
        description="Open actions agreed at a briefing stay here until they are done.",
        columns=(
            REF,
            Column("action", "Action", 2.6),
            Column("owner", "Owner", 1.0),
            Column("due", "Due", 0.8),
            Column("state", "State", 1.2),
        ),
        select=actions_due,
    ),
    Section(
        key="past_review",
        title="Cases past their review date",
        order=60,
        columns=(
            REF,
            Column("type", "Type", 1.0),
            Column("review_due", "Review due", 0.8),
            Column("overdue", "Overdue", 0.6),
            Column("lead_officer", "Lead officer", 1.0),
            AGENCY,
        ),
        select=past_review,
    ),
    Section(
        key="referrals",
        title="Referrals to another lead agency waiting for an answer",
        order=65,
        description="Unanswered past their deadline first; the receiving agency answers "
        "in the meeting or says when it will.",
        columns=(
            REF,
            Column("from_agency", "From", 1.0),
            Column("to_agency", "To", 1.0),
            Column("referred", "Referred", 0.9),
            Column("due", "Answer due", 0.9),
            Column("state", "State", 1.1),
        ),
        select=referrals_waiting,
    ),
    Section(
        key="repeats",
        title="Repeat victims, subjects and locations",
        order=80,
        description="A second report in six months about the same person or place; "
        "three ASB reports make the victim eligible for an ASB Case Review.",
        columns=(
            Column("kind", "Repeat", 0.9),
            Column("who", "Who or where", 1.4),
            Column("reports", "Reports", 0.8),
            Column("cases", "Cases", 1.6),
            Column("case_review", "ASB Case Review", 1.5),
        ),
        select=repeats,
    ),
    Section(
        key="nominations",
        title="Cases nominated for discussion",
        order=90,
        columns=(
            REF,
            Column("by", "Nominated by", 1.4),
            Column("reason", "Reason", 3.0),
            Column("when", "When", 0.9),
        ),
        select=nominations,
    ),
)


def register_standard_sections() -> None:
    for section in STANDARD_SECTIONS:
        register(section)
