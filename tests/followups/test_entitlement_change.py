"""A change of entitlement re-dates the open key-event updates: within the new period from the
change, never later than already promised, each with a history row."""

from datetime import datetime, timedelta

import time_machine

from followups import services
from followups.models import Obligation

from .test_obligations import LONDON, add_victim, end_of, open_case

Kind = Obligation.Kind
MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


def open_key_events(plan):
    return list(
        plan.obligations.filter(kind=Kind.KEY_EVENT, met_at__isnull=True, cancelled_at__isnull=True)
    )


def test_switching_to_enhanced_rights_brings_the_key_event_update_forward(cast):
    with time_machine.travel(MONDAY, tick=False):
        plan = add_victim(cast, open_case(cast))
        others = {o.kind: o.due_at for o in plan.obligations.exclude(kind=Kind.KEY_EVENT)}
        (owed,) = open_key_events(plan)
        assert owed.due_at == end_of(2026, 11, 9)  # five working days
        services.plan_update(actor=cast.owner, plan=plan, entitlement="enhanced")
    owed.refresh_from_db()
    assert owed.due_at == end_of(2026, 11, 3)  # one working day
    assert owed.remind_at == datetime(2026, 11, 2, 8, 0, tzinfo=LONDON)
    # The regular update and the referral do not depend on the entitlement.
    assert {o.kind: o.due_at for o in plan.obligations.exclude(kind=Kind.KEY_EVENT)} == others
    created, redated = owed.history.order_by("history_id")
    assert (created.due_at, redated.due_at) == (end_of(2026, 11, 9), end_of(2026, 11, 3))
    assert redated.history_user == cast.owner
    assert redated.history_change_reason == "Entitlement changed to Enhanced (Victims' Code)"


def test_a_late_switch_counts_the_period_from_the_change_not_from_the_event(cast):
    with time_machine.travel(MONDAY, tick=False) as clock:
        plan = add_victim(cast, open_case(cast))
        clock.shift(timedelta(days=3))  # Thursday: a day after the event would be past
        services.plan_update(actor=cast.owner, plan=plan, entitlement="enhanced")
    (owed,) = open_key_events(plan)
    assert owed.due_at == end_of(2026, 11, 6)


def test_switching_back_to_standard_never_pushes_a_promise_later(cast):
    with time_machine.travel(MONDAY, tick=False):
        plan = add_victim(cast, open_case(cast, risk_level="high"))
        (owed,) = open_key_events(plan)
        assert owed.due_at == end_of(2026, 11, 3)
        services.plan_update(actor=cast.owner, plan=plan, entitlement="standard")
    owed.refresh_from_db()
    assert owed.due_at == end_of(2026, 11, 3)
    assert owed.history.count() == 1  # only its creation: nothing was re-dated


def test_only_open_key_event_updates_are_re_dated(cast):
    with time_machine.travel(MONDAY, tick=False):
        case = open_case(cast)
        plan = add_victim(cast, case)
        services.contact_record(actor=cast.owner, plan=plan, summary="Called.")
        (met,) = plan.obligations.filter(kind=Kind.KEY_EVENT)
        services.key_event_record(actor=cast.owner, case=case, event="suspect_arrested")
        services.plan_update(actor=cast.owner, plan=plan, entitlement="enhanced")
    met.refresh_from_db()
    assert met.due_at == end_of(2026, 11, 9)
    assert [o.due_at for o in open_key_events(plan)] == [end_of(2026, 11, 3)]
