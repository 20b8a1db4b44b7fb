"""Reminders one working day before a deadline; a miss goes to the manager at
once and to the next level after a further period. Driven by the periodic scan."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail

from casework import services as casework_services
from followups import obligations, services
from followups.models import ContactPlan, Obligation, StaffAlert
from followups.tasks import followups_scan

from .test_obligations import FRIDAY_BEFORE_CLOCK_CHANGE, add_victim, open_case

LONDON = ZoneInfo("Europe/London")


def at(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def alerts(user, kind, obligation=None):
    found = StaffAlert.objects.filter(user=user, kind=kind)
    return (found.filter(obligation=obligation) if obligation else found).count()


def key_event(plan) -> Obligation:
    return plan.obligations.get(kind=Obligation.Kind.KEY_EVENT)


def test_reminder_then_miss_then_manager_then_next_level(cast, commit):
    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        plan = add_victim(cast, open_case(cast))
        # Key-event update due end of Fri 30 Oct; the reminder at 08:00 on Thu 29 Oct.
        clock.move_to(at(10, 29, 7, 59))
        obligations.scan()
        assert alerts(cast.owner, "reminder", key_event(plan)) == 0
        clock.move_to(at(10, 29, 8, 0))
        with commit():
            result = followups_scan.delay().get()
        assert result["reminded"] == 1
        assert alerts(cast.owner, "reminder", key_event(plan)) == 1
        emailed = [m for m in mail.outbox if m.to == [cast.owner.email]]
        assert any("Update due soon: 1" in m.body for m in emailed)
        # Names and references stay in the casebook, out of mailboxes.
        for message in emailed:
            assert plan.person.family_name not in message.body + message.subject
            assert plan.case.reference not in message.body + message.subject
        obligations.scan()  # a second scan does not remind again
        assert alerts(cast.owner, "reminder", key_event(plan)) == 1

        clock.move_to(at(10, 30, 23, 59))
        assert obligations.scan()["missed"] == 0
        clock.move_to(at(10, 31, 0, 1))
        assert obligations.scan()["missed"] == 1
        owed = key_event(plan)
        assert owed.missed_at is not None
        assert alerts(cast.owner, "missed", owed) == 1
        assert alerts(cast.police_manager, "escalation", owed) == 1
        assert alerts(cast.admin, "escalation", owed) == 0

        # The next level hears two working days after the deadline: end of Tue 3 Nov.
        clock.move_to(at(11, 3, 23, 0))
        obligations.scan()
        assert alerts(cast.admin, "escalation", owed) == 0
        clock.move_to(at(11, 4, 0, 1))
        obligations.scan()
        assert alerts(cast.admin, "escalation", owed) == 1
        obligations.scan()
        assert alerts(cast.admin, "escalation", owed) == 1


def test_a_missed_update_met_late_stays_missed(cast):
    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        plan = add_victim(cast, open_case(cast))
        clock.move_to(at(11, 2, 10))
        obligations.scan()
        services.contact_record(actor=cast.owner, plan=plan, summary="Called at last.")
    obligation = key_event(plan)
    assert obligation.missed_at is not None and obligation.met_at is not None
    assert not obligation.met_on_time


def test_an_update_given_early_is_met_and_never_reminded(cast):
    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        plan = add_victim(cast, open_case(cast))
        services.contact_record(actor=cast.owner, plan=plan, summary="Called the same day.")
        clock.move_to(at(11, 30, 9))
        obligations.scan()
    owed = key_event(plan)
    assert owed.met_on_time and owed.missed_at is None
    assert alerts(cast.owner, "reminder", owed) == 0
    assert alerts(cast.owner, "missed", owed) == 0


def test_the_named_contact_is_reminded_rather_than_the_lead_officer(cast):
    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        plan = add_victim(cast, open_case(cast))
        services.plan_update(actor=cast.owner, plan=plan, single_point_of_contact=cast.colleague)
        clock.move_to(at(10, 29, 9))
        obligations.scan()
    assert alerts(cast.colleague, "reminder", key_event(plan)) == 1
    assert alerts(cast.owner, "reminder", key_event(plan)) == 0


def test_a_scan_skips_rows_another_scan_holds(cast):
    """On PostgreSQL the lock is real (SKIP LOCKED); on SQLite a no-op. Either way a
    row is reminded once however many scans run."""
    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        add_victim(cast, open_case(cast))
        clock.move_to(at(10, 29, 9))
        first, second = obligations.scan(), obligations.scan()
    assert first["reminded"] >= 1 and second["reminded"] == 0
    assert ContactPlan.objects.count() == 1


def _scan_after_misses(cast, victims: int) -> tuple[int, int]:
    """Queries one scan makes, and updates it marks missed, after ``victims`` new victims'
    first deadlines passed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        for _ in range(victims):
            add_victim(cast, open_case(cast))
        clock.move_to(at(10, 31, 0, 1))
        with CaptureQueriesContext(connection) as captured:
            missed = obligations.scan()["missed"]
    return len(captured.captured_queries), missed


def test_a_scan_costs_the_same_number_of_queries_for_one_miss_or_many(cast):
    queries_for_one, missed_one = _scan_after_misses(cast, 1)
    queries_for_six, missed_six = _scan_after_misses(cast, 6)
    assert missed_six == 6 * missed_one > 0
    assert queries_for_six == queries_for_one
    assert StaffAlert.objects.filter(kind="missed").count() == 7 * missed_one
    escalated = StaffAlert.objects.filter(kind="escalation", user=cast.police_manager)
    assert escalated.count() == 7 * missed_one


def test_each_person_gets_one_email_for_all_the_alerts_of_a_scan(cast, commit):
    with commit():
        _queries, missed = _scan_after_misses(cast, 4)
    assert missed >= 4
    to_manager = [m for m in mail.outbox if m.to == [cast.police_manager.email]]
    assert len(to_manager) == 1
    assert f"Missed update escalated: {missed}" in to_manager[0].body
    assert to_manager[0].subject == f"ICST casebook: {missed} new alerts"


def test_no_one_outside_a_restricted_cases_grants_hears_of_it_by_alert_or_email(cast):
    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        case = open_case(cast)
        add_victim(cast, case)
        casework_services.case_restrict(
            actor=cast.owner, case=case, restricted=True, reason="Witness intimidation."
        )
        clock.move_to(at(10, 31, 0, 1))
        assert obligations.scan()["missed"] >= 1
    assert alerts(cast.owner, "missed") >= 1  # the lead officer, granted, is told
    assert alerts(cast.police_manager, "escalation") == 0  # the manager has no grant
    assert not [m for m in mail.outbox if cast.police_manager.email in m.to]


def test_a_victim_taken_off_the_case_is_owed_no_closing_update(cast):
    from followups.models import Obligation

    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False):
        case = open_case(cast)
        stays, leaves = add_victim(cast, case), add_victim(cast, case, family_name="Brown")
        casework_services.participant_remove(
            actor=cast.owner, participant=case.participants.get(person=leaves.person),
            reason="Added in error.",
        )  # fmt: skip
        casework_services.case_transition(
            actor=cast.owner, case=case, to_status="closed", reason="Resolved."
        )
    closing = Obligation.objects.filter(reason__icontains="closed", met_at=None, cancelled_at=None)
    assert {o.plan_id for o in closing} == {stays.pk}


def test_a_contact_whose_agency_lost_the_case_hands_its_alerts_back_to_the_lead_officer(cast):
    from casework.models import LawfulBasis
    from followups import services as followups_services
    from followups.models import StatusLink

    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        case = open_case(cast)
        share = casework_services.case_share(
            actor=cast.owner,
            case=case,
            agency=cast.council,
            reason="Council ASB team holds the tenancy.",
            lawful_basis=LawfulBasis.CONSENT,
        )
        plan = add_victim(cast, case)
        followups_services.plan_update(
            actor=cast.owner, plan=plan, single_point_of_contact=cast.council_officer
        )
        casework_services.case_share_revoke(actor=cast.owner, share=share, reason="Tenancy ended.")
        clock.move_to(at(10, 31, 0, 1))
        obligations.scan()
        followups_services.status_link_issue(case=case, person=plan.person, actor=cast.owner)
        followups_services.contact_request_make(
            link=StatusLink.objects.get(case=case, person=plan.person), message="Ring me."
        )

    assert alerts(cast.council_officer, "missed") == 0
    assert alerts(cast.council_officer, "contact_request") == 0
    assert alerts(cast.owner, "missed") >= 1  # the lead officer hears instead
    assert alerts(cast.owner, "contact_request") == 1
    assert alerts(cast.police_manager, "escalation") >= 1
