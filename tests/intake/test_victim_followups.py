"""A victim who reports online has a Victims' Code plan from the moment of receipt, and it
carries across triage: accepted, linked to another case, or closed."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from casework.models import CaseParticipant, CaseStatus, CaseType, ParticipantRole
from followups.figures import untracked_victims
from followups.models import ContactPlan, Obligation
from followups.selectors import followups_for_user
from intake import services

from ..followups.test_obligations import LONDON
from .factories import ANONYMOUS, answers

Kind = Obligation.Kind
# Monday 2 November 2026, mid-morning.
RECEIVED = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=False) as traveller:
        yield traveller


@pytest.fixture
def captured(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def submit(captured, **changes):
    with captured(execute=True):  # the acknowledgement is sent as it would be after commit
        return services.report_submit(channel="online_form", answers=answers(**changes))


def owed(case, person=None):
    rows = Obligation.objects.filter(case=case, met_at__isnull=True, cancelled_at__isnull=True)
    if person is not None:
        rows = rows.filter(plan__person=person)
    return {(row.kind, row.reason): row.due_at for row in rows}


def reporter(report):
    return report.case.participants.get(role=ParticipantRole.VICTIM).person


def test_a_victim_who_reports_online_has_a_plan_and_deadlines_at_once(cast, clock, captured):
    report = submit(captured)
    plan = ContactPlan.objects.get(case=report.case)
    assert plan.person == reporter(report) and plan.channel == "email"
    assert set(owed(report.case)) == {
        (Kind.KEY_EVENT, "Recorded as a victim on an open case"),
        (Kind.REGULAR, "Regular update"),
        (Kind.VICTIM_SUPPORT, "Referral to victim support"),
    }
    assert owed(report.case)[(Kind.VICTIM_SUPPORT, "Referral to victim support")] == datetime(
        2026, 11, 4, 23, 59, 59, tzinfo=LONDON
    )
    assert untracked_victims() == 0
    submit(captured, is_victim=False)  # a reporter who is not the victim has no plan
    submit(captured, **ANONYMOUS)  # and an anonymous one is not on the case at all
    assert ContactPlan.objects.count() == 1


def test_the_emailed_receipt_is_not_the_first_update(cast, clock, captured):
    from django.core import mail

    report = submit(captured)
    assert len(mail.outbox) == 1  # the receipt went
    assert (Kind.KEY_EVENT, "Recorded as a victim on an open case") in owed(report.case)
    assert not Obligation.objects.filter(met_at__isnull=False).exists()


def test_a_victim_who_asked_not_to_be_contacted_is_opted_out_and_not_untracked(
    cast, clock, captured
):
    report = submit(captured, contact_preference="none")
    assert ContactPlan.objects.get(case=report.case).opted_out
    assert not any(kind != Kind.VICTIM_SUPPORT for kind, _reason in owed(report.case))
    assert untracked_victims() == 0


def test_accepting_the_report_keeps_the_deadlines_for_the_new_lead_officer(cast, clock, captured):
    report = submit(captured, contact_preference="phone", phone="07700 900123", email="")
    before = owed(report.case)
    clock.shift(timedelta(hours=2))
    services.report_accept(
        actor=cast.owner,
        report=report,
        case_type=CaseType.OTHER,
        lead_agency=cast.police,
        lead_officer=cast.colleague,
    )
    assert owed(report.case) == before
    listed = followups_for_user(cast.colleague)  # what falls due within five working days
    assert {row.reason for row in listed.upcoming} == {
        "Recorded as a victim on an open case",
        "Referral to victim support",
    }


def test_a_linked_report_carries_its_deadlines_to_the_case_it_joins(cast, case, clock, captured):
    report = submit(captured, contact_preference="phone", phone="07700 900123", email="")
    person, promised = reporter(report), owed(report.case)
    clock.shift(timedelta(days=1))  # the target's own deadlines would fall a day later
    services.report_link(actor=cast.owner, report=report, target=case, reason="Same youths.")
    assert owed(report.case) == {}  # closing the duplicate owes the victim nothing there
    assert owed(case, person) == promised
    assert untracked_victims() == 0


def test_a_victim_already_on_the_target_keeps_the_earlier_of_two_deadlines(cast, case, clock):
    from casework import services as casework_services

    report = services.report_submit(channel="online_form", answers=answers())
    person = reporter(report)
    clock.shift(timedelta(days=7))
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    later = owed(case, person)
    services.report_link(actor=cast.owner, report=report, target=case, reason="Same youths.")
    carried = owed(case, person)
    assert carried == {key: min(due, later[key]) for key, due in carried.items()}
    assert (
        carried[(Kind.VICTIM_SUPPORT, "Referral to victim support")]
        < later[(Kind.VICTIM_SUPPORT, "Referral to victim support")]
    )
    assert (
        Obligation.objects.filter(case=case, plan__person=person, kind=Kind.REGULAR)
        .filter(cancelled_at__isnull=True, met_at__isnull=True)
        .count()
        == 1
    )


def test_closing_the_report_owes_the_victim_the_closing_update(cast, clock, captured):
    report = submit(captured, contact_preference="phone", phone="07700 900123", email="")
    services.report_close(actor=cast.owner, report=report, reason="The council is dealing with it.")
    report.case.refresh_from_db()
    assert report.case.status == CaseStatus.CLOSED
    assert set(owed(report.case)) == {
        (Kind.KEY_EVENT, "Recorded as a victim on an open case"),
        (Kind.KEY_EVENT, "Case closed"),
        (Kind.VICTIM_SUPPORT, "Referral to victim support"),
    }


def test_untracked_counts_victims_on_cases_of_every_stage_but_closed(cast, clock):
    report = services.report_submit(channel="online_form", answers=answers(is_victim=False))
    someone = report.case.participants.get().person
    for status in (CaseStatus.NEW, CaseStatus.TRIAGED, CaseStatus.OPEN, CaseStatus.CLOSED):
        report.case.status = status
        report.case.closed_at = timezone.now() if status == CaseStatus.CLOSED else None
        report.case.save()
        # Put on the case some way that ran no follow-up hook: no plan, nothing owed.
        victim = CaseParticipant.objects.create(
            case=report.case, person=someone, role=ParticipantRole.VICTIM
        )
        assert untracked_victims() == (0 if status == CaseStatus.CLOSED else 1), status
        victim.delete()
