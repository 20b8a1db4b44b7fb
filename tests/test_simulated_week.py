"""A simulated week of demo work, run through the project's own services with the clock
moving and the follow-up scan run as the beat runs it.

Reports arrive online every working day, the triage desk grades and accepts them, the
police share cases with the council under an information-sharing agreement that ends on
Wednesday, and some actions fall overdue. At the end: no victim untracked, no access
through the lapsed agreement, and every overdue action escalated.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from casework import access
from casework import services as casework
from casework.models import Action, CaseStatus, CaseType, LawfulBasis
from followups.figures import untracked_victims
from followups.models import ActionChase, StaffAlert
from followups.tasks import followups_scan
from intake import services as intake
from partners.models import InformationSharingAgreement

from .intake.factories import answers

LONDON = ZoneInfo("Europe/London")
MONDAY = date(2026, 11, 23)
WEEK = [MONDAY + timedelta(days=n) for n in range(5)]
AGREEMENT_ENDS = MONDAY + timedelta(days=2)  # Wednesday
RISKS = ["standard", "medium", "high"]
SCAN_TIMES = [time(8, 0), time(9, 30), time(12, 0), time(16, 0), time(18, 0)]


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LONDON)


def _scan_through(day: date, travel) -> None:
    for moment in SCAN_TIMES:
        travel.move_to(at(day, moment))
        followups_scan()
        assert untracked_victims() == 0, f"a victim untracked at {day} {moment}"


def _work_the_day(cast, day: int, agreement, travel) -> None:
    today = WEEK[day]
    travel.move_to(at(today, time(8, 30)))
    reports = [
        intake.report_submit(
            channel="online_form",
            answers=answers(family_name=f"Reporter{day}{n}", where=f"{day}{n} Mill Lane"),
        )
        for n in range(3)
    ]
    assert untracked_victims() == 0  # tracked from the first report, before triage
    travel.move_to(at(today, time(10, 0)))
    for n, report in enumerate(reports):
        intake.report_accept(
            actor=cast.owner,
            report=report,
            case_type=CaseType.OTHER,
            risk_level=RISKS[n],
            lead_agency=cast.police,
            lead_officer=cast.owner,
        )
        case = report.case
        casework.case_transition(actor=cast.owner, case=case, to_status=CaseStatus.OPEN)
        if today <= AGREEMENT_ENDS:
            casework.case_share(
                actor=cast.owner,
                case=case,
                agency=cast.council,
                reason="Council tenancy.",
                lawful_basis=LawfulBasis.AGREEMENT,
                agreement=agreement,
            )
            # Due the next working day; the council completes every other one.
            casework.action_add(
                actor=cast.owner,
                case=case,
                description=f"Tenancy check {day}{n}.",
                assigned_agency=cast.council,
                due_on=WEEK[day + 1],
            )
    # The council completes every other action due, on the cases it can still see.
    due = Action.objects.filter(due_on__lt=today, completed_at__isnull=True).select_related("case")
    for action in [a for a in due if access.can_contribute(cast.council_officer, a.case)][::2]:
        casework.action_complete(actor=cast.council_officer, action=action, outcome="Done.")


def test_a_week_of_work_leaves_nobody_untracked_no_lapsed_access_and_no_silent_misses(cast):
    agreement = InformationSharingAgreement.objects.create(
        title="Eastbridge tenancy data",
        reference="ISA-TEST-01",
        purpose="Tenancy enforcement.",
        starts_on=MONDAY - timedelta(days=30),
        ends_on=AGREEMENT_ENDS,
    )
    agreement.parties.set([cast.police, cast.council])
    with time_machine.travel(at(MONDAY, time(7, 0)), tick=False) as travel:
        for day in range(len(WEEK)):
            _work_the_day(cast, day, agreement, travel)
            _scan_through(WEEK[day], travel)
        travel.move_to(at(WEEK[-1] + timedelta(days=3), time(9, 0)))  # the next Monday
        followups_scan()

        assert untracked_victims() == 0
        under_agreement = access.visible_cases(cast.council_officer).filter(
            shares__agreement=agreement
        )
        assert under_agreement.count() == 0, "access through a lapsed agreement"
        overdue = Action.objects.filter(due_on__lt=timezone.localdate(), completed_at__isnull=True)
        assert overdue.exists()
        unescalated = overdue.exclude(
            pk__in=ActionChase.objects.filter(escalated_at__isnull=False).values("action")
        )
        assert list(unescalated) == [], "an overdue action nobody was told about"
        # Alerts are raised only to people who may see the case at the time, so each
        # overdue action's escalation reached someone who could act on it.
        escalations = StaffAlert.objects.filter(kind=StaffAlert.Kind.ACTION_ESCALATION)
        for action in overdue:
            assert escalations.filter(case=action.case).exists(), f"{action}: told nobody"
        assert StaffAlert.objects.filter(user=cast.council_manager).exists()
