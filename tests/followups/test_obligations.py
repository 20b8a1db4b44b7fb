"""Contact plans and deadlines in UK working days: standard and enhanced rights,
the regular cadence, opt-outs, and the case's workflow owing updates."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from casework import services as casework_services
from casework.models import CaseType
from followups import services
from followups.models import ContactPlan, Obligation

LONDON = ZoneInfo("Europe/London")
# Friday 23 October 2026, 10:00 BST; the clocks go back on Sunday 25 October.
FRIDAY_BEFORE_CLOCK_CHANGE = datetime(2026, 10, 23, 10, 0, tzinfo=LONDON)
CHRISTMAS_EVE = datetime(2026, 12, 24, 15, 0, tzinfo=LONDON)

Kind = Obligation.Kind


def end_of(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 23, 59, 59, tzinfo=LONDON)


def open_case(cast, **kwargs):
    return casework_services.case_open(
        actor=cast.owner,
        case_type=CaseType.ASB,
        summary="Repeated noise and threats from the flat above.",
        lead_officer=cast.owner,
        status="open",
        detail={"category": "personal"},
        **kwargs,
    )


def add_victim(cast, case, family_name="Jones", **details):
    person, _ = casework_services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name=family_name, **details
    )
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    return ContactPlan.objects.get(case=case, person=person)


def due(plan, kind) -> datetime:
    return plan.obligations.get(kind=kind, met_at__isnull=True, cancelled_at__isnull=True).due_at


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_a_victim_added_to_an_open_case_is_owed_updates_in_working_days(cast):
    plan = add_victim(cast, open_case(cast))
    assert plan.entitlement == "standard"
    assert plan.contact_officer == cast.owner
    # 5 working days: Mon 26 to Fri 30 October, after the clocks went back (GMT).
    assert due(plan, Kind.KEY_EVENT) == end_of(2026, 10, 30)
    assert due(plan, Kind.KEY_EVENT).utcoffset().total_seconds() == 0
    assert due(plan, Kind.VICTIM_SUPPORT) == end_of(2026, 10, 27)
    assert due(plan, Kind.REGULAR) == end_of(2026, 11, 6)  # 10 working days


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_enhanced_rights_get_the_key_event_update_within_one_working_day(cast):
    plan = add_victim(cast, open_case(cast, risk_level="high"))
    assert plan.entitlement == "enhanced"
    assert due(plan, Kind.KEY_EVENT) == end_of(2026, 10, 26)  # the Monday, not the weekend


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_a_vulnerable_victim_defaults_to_enhanced_rights(cast):
    earlier = open_case(cast)
    person, _ = casework_services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones"
    )
    casework_services.participant_add(actor=cast.owner, case=earlier, person=person, role="witness")
    casework_services.vulnerability_flag_add(
        actor=cast.owner, person=person, kind="learning_disability", justification="Told us."
    )
    case = open_case(cast)
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    assert ContactPlan.objects.get(case=case, person=person).is_enhanced


@time_machine.travel(CHRISTMAS_EVE, tick=False)
def test_bank_holidays_do_not_count(cast):
    plan = add_victim(cast, open_case(cast))
    # 25 and 28 December and 1 January are bank holidays in England and Wales.
    assert due(plan, Kind.KEY_EVENT) == end_of(2027, 1, 5)
    assert due(plan, Kind.VICTIM_SUPPORT) == end_of(2026, 12, 30)


def test_updates_come_every_ten_working_days_from_the_last_one(cast):
    with time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False) as clock:
        plan = add_victim(cast, open_case(cast))
        clock.move_to(datetime(2026, 11, 2, 11, 0, tzinfo=LONDON))
        met = services.contact_record(actor=cast.owner, plan=plan, summary="Patrols increased.")
    assert {o.kind for o in met} == {Kind.KEY_EVENT, Kind.REGULAR}
    assert all(o.met_by == cast.owner and o.met_how == "Phone call" for o in met)
    assert due(plan, Kind.REGULAR) == end_of(2026, 11, 16)
    assert plan.obligations.filter(kind=Kind.REGULAR, met_at__isnull=True).count() == 1


@override_settings(FOLLOWUPS_WORKING_DAYS={"regular_update": 3, "key_event": 2})
@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_the_periods_come_from_the_one_settings_table(cast):
    plan = add_victim(cast, open_case(cast))
    assert due(plan, Kind.KEY_EVENT) == end_of(2026, 10, 27)
    assert due(plan, Kind.REGULAR) == end_of(2026, 10, 28)


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_an_agreed_frequency_replaces_the_default(cast):
    plan = add_victim(cast, open_case(cast))
    services.plan_update(actor=cast.owner, plan=plan, update_every_working_days=20)
    assert due(plan, Kind.REGULAR) == end_of(2026, 11, 20)
    assert plan.obligations.filter(kind=Kind.REGULAR, cancelled_at__isnull=False).count() == 1


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_a_victim_who_opts_out_is_owed_no_updates_but_still_a_referral(cast):
    plan = add_victim(cast, open_case(cast), contact_preference="none")
    assert plan.opted_out
    assert list(plan.obligations.values_list("kind", flat=True)) == [Kind.VICTIM_SUPPORT]


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_opting_out_later_cancels_what_was_owed_and_opting_in_restarts_it(cast):
    plan = add_victim(cast, open_case(cast))
    services.plan_update(actor=cast.owner, plan=plan, opted_out=True, victim_support_opt_out=True)
    assert not plan.obligations.filter(met_at__isnull=True, cancelled_at__isnull=True).exists()
    services.plan_update(actor=cast.owner, plan=plan, opted_out=False)
    assert due(plan, Kind.REGULAR) == end_of(2026, 11, 6)


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_a_key_event_owes_every_victim_an_update(cast):
    case = open_case(cast)
    standard, enhanced = add_victim(cast, case), add_victim(cast, case, family_name="Khan")
    services.plan_update(actor=cast.owner, plan=enhanced, entitlement="enhanced")
    owed = services.key_event_record(actor=cast.owner, case=case, event="suspect_arrested")
    assert {(o.plan_id, o.due_at) for o in owed} == {
        (standard.pk, end_of(2026, 10, 30)),
        (enhanced.pk, end_of(2026, 10, 26)),
    }
    assert all(o.reason == "Suspect arrested" for o in owed)


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_closing_the_case_owes_a_closing_update_and_ends_the_cadence(cast):
    case = open_case(cast)
    plan = add_victim(cast, case)
    casework_services.case_transition(
        actor=cast.owner, case=case, to_status="closed", reason="Tenant evicted."
    )
    open_kinds = list(
        plan.obligations.filter(met_at__isnull=True, cancelled_at__isnull=True)
        .order_by("reason")
        .values_list("reason", flat=True)
    )
    assert "Case closed" in open_kinds and "Regular update" not in open_kinds
    services.contact_record(actor=cast.owner, plan=plan, summary="Told her it is closed.")
    assert not plan.obligations.filter(
        kind__in=[Kind.KEY_EVENT, Kind.REGULAR], met_at__isnull=True, cancelled_at__isnull=True
    ).exists()


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_returning_from_review_is_not_a_key_event(cast):
    case = open_case(cast)
    plan = add_victim(cast, case)
    casework_services.case_transition(
        actor=cast.owner, case=case, to_status="under_review", reason=""
    )
    casework_services.case_transition(actor=cast.owner, case=case, to_status="open", reason="")
    # Back from review is not a key event; the regular update carries on.
    assert plan.obligations.filter(kind=Kind.KEY_EVENT).count() == 1


@time_machine.travel(FRIDAY_BEFORE_CLOCK_CHANGE, tick=False)
def test_a_case_opened_from_triage_owes_its_victims_an_update(cast):
    case = casework_services.case_open(
        actor=cast.owner,
        case_type=CaseType.OTHER,
        summary="Report from a neighbour.",
        lead_officer=cast.owner,
    )
    person, _ = casework_services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones"
    )
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    casework_services.case_transition(actor=cast.owner, case=case, to_status="triaged")
    casework_services.case_transition(actor=cast.owner, case=case, to_status="open")
    reasons = set(Obligation.objects.filter(case=case).values_list("reason", flat=True))
    assert "Case opened" in reasons


def test_witnesses_and_subjects_get_no_plan(cast, case):
    person, _ = casework_services.person_find_or_create(
        actor=cast.owner, given_name="Kyle", family_name="Barker"
    )
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="subject")
    assert not ContactPlan.objects.filter(person=person).exists()


def test_only_staff_working_the_case_change_plans(cast, case, victim):
    plan = ContactPlan.objects.get(person=victim)
    from django.core.exceptions import PermissionDenied

    for outsider in (cast.fire_officer, cast.council_partner):
        with pytest.raises(PermissionDenied):
            services.plan_update(actor=outsider, plan=plan, opted_out=True)


def test_the_backfill_command_plans_for_victims_loaded_without_the_services(cast, case):
    from django.core.management import call_command

    from casework.models import CaseParticipant, Person

    person = Person.objects.create(given_name="Bulk", family_name="Loaded")
    CaseParticipant.objects.create(case=case, person=person, role="victim")
    call_command("followups_backfill")
    plan = ContactPlan.objects.get(case=case, person=person)
    assert plan.obligations.filter(kind=Kind.REGULAR).exists()
    call_command("followups_backfill")
    assert ContactPlan.objects.filter(person=person).count() == 1


def test_a_victim_removed_from_the_case_is_owed_nothing_more(cast, case, victim):
    plan = ContactPlan.objects.get(person=victim)
    participant = case.participants.get(person=victim, role="victim")
    casework_services.participant_remove(actor=cast.owner, participant=participant, reason="Error")
    assert not plan.obligations.filter(met_at__isnull=True, cancelled_at__isnull=True).exists()


def test_a_victim_put_back_on_the_case_is_owed_updates_again(cast, case, victim):
    participant = case.participants.get(person=victim, role="victim")
    casework_services.participant_remove(actor=cast.owner, participant=participant, reason="Error")
    casework_services.participant_add(actor=cast.owner, case=case, person=victim, role="victim")
    plan = ContactPlan.objects.get(person=victim)
    owed = plan.obligations.filter(met_at__isnull=True, cancelled_at__isnull=True)
    assert set(owed.values_list("kind", flat=True)) == {Kind.KEY_EVENT, Kind.REGULAR}
    from followups.figures import untracked_victims

    assert untracked_victims() == 0
