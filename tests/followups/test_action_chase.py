"""Cross-agency actions are chased like victims' updates: the owner is reminded the working day
before (two on a high-risk case), and once missed the owning agency's managers are alerted,
once each, and the sheet lists the escalated action."""

from datetime import date, datetime, time

import time_machine

from briefings import services as briefings
from casework import services as casework_services
from followups import actions, tasks
from followups.models import StaffAlert

from ..briefings.conftest import LONDON, rows
from .test_obligations import open_case

WEDNESDAY = date(2026, 11, 4)  # the actions are due then


def at(day: int, hour: int = 9):
    return time_machine.travel(datetime(2026, 11, day, hour, 0, tzinfo=LONDON), tick=False)


def add_action(cast, *, risk_level="standard", assigned_to=None, agency=None):
    with at(2, 8):  # Monday 2 November, before the day's reminders
        case = open_case(cast, risk_level=risk_level)
        casework_services.case_share(
            actor=cast.owner,
            case=case,
            agency=cast.council,
            reason="Council holds the tenancy.",
            lawful_basis="consent",
        )
        return casework_services.action_add(
            actor=cast.owner,
            case=case,
            description="Visit the tenant about the noise.",
            assigned_agency=agency or cast.council,
            assigned_to=assigned_to,
            due_on=WEDNESDAY,
        )


def alerts(user, kind=None):
    mine = StaffAlert.objects.filter(user=user)
    return list(mine.filter(kind=kind) if kind else mine)


def scan_on(day: int, hour: int = 9):
    with at(day, hour):
        return actions.scan()


def test_the_owner_is_reminded_the_working_day_before(cast):
    add_action(cast, assigned_to=cast.council_officer)
    assert scan_on(2)["actions_reminded"] == 0  # Monday: two working days before
    assert scan_on(3, 7)["actions_reminded"] == 0  # Tuesday, before 08:00
    assert scan_on(3)["actions_reminded"] == 1
    assert scan_on(3, 15)["actions_reminded"] == 0  # once
    (reminder,) = alerts(cast.council_officer)
    assert reminder.kind == "action_reminder" and "Visit the tenant" in reminder.message
    assert alerts(cast.council_manager) == []


def test_on_a_high_risk_case_the_reminder_comes_a_day_sooner(cast):
    add_action(cast, risk_level="high", assigned_to=cast.council_officer)
    assert scan_on(2)["actions_reminded"] == 1
    assert "(high risk)" in alerts(cast.council_officer, "action_reminder")[0].message


def test_a_missed_action_alerts_the_owner_and_their_agencys_manager_once(cast):
    add_action(cast, assigned_to=cast.council_officer)
    assert scan_on(4, 18)["actions_missed"] == 0  # still its due day
    assert scan_on(5, 0)["actions_missed"] == 1
    assert scan_on(5, 9)["actions_missed"] == 0
    # The owner had the reminder on the due day, as the earlier scans had not run.
    assert sorted(a.kind for a in alerts(cast.council_officer)) == [
        "action_missed",
        "action_reminder",
    ]
    assert [a.kind for a in alerts(cast.council_manager)] == ["action_escalation"]
    assert alerts(cast.police_manager) == [] and alerts(cast.fire_manager) == []


def test_a_done_action_is_not_chased(cast):
    action = add_action(cast, assigned_to=cast.council_officer)
    with at(2, 9):
        casework_services.action_complete(
            actor=cast.council_officer, action=action, outcome="Visited."
        )
    scan_on(3)
    scan_on(5)
    assert StaffAlert.objects.count() == 0


def test_an_action_with_no_named_owner_goes_to_the_agencys_managers(cast):
    add_action(cast)
    scan_on(3)
    assert [a.kind for a in alerts(cast.council_manager)] == ["action_reminder"]


def test_the_beat_task_chases_actions(cast):
    add_action(cast, assigned_to=cast.council_officer)
    with at(3):
        assert tasks.followups_scan()["actions_reminded"] == 1


def test_the_sheet_lists_escalated_actions_high_risk_first(cast):
    standard = add_action(cast, assigned_to=cast.council_officer)
    high = add_action(cast, risk_level="high", assigned_to=cast.council_officer)
    scan_on(5)
    with time_machine.travel(datetime.combine(date(2026, 11, 6), time(7, 30), LONDON)):
        sheet = briefings.briefing_build(day=date(2026, 11, 6))
    listed = rows(cast.owner, sheet, "actions_escalated")
    assert [r.reference for r in listed] == [high.case.reference, standard.case.reference]
    assert listed[0].cells[4] == "High" and listed[0].cells[2] == "Council agency"
    assert rows(cast.fire_officer, sheet, "actions_escalated") == []
