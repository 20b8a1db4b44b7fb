"""The briefing's section of reports overdue for triage, as at the briefing time."""

from datetime import datetime

from briefings import services as briefings
from intake import services

from ..briefings.conftest import DAY, LONDON, at, references
from .factories import answers

# The sheet for Wednesday 25 November is built at 07:30 that morning.
TUESDAY_15 = datetime(2026, 11, 24, 15, 0, tzinfo=LONDON)  # due Wednesday 11:00: not yet
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)  # due Monday 14:00


def submit(received_at, **changes):
    return services.report_submit(
        channel="online_form", answers=answers(**changes), received_at=received_at
    )


def test_reports_past_their_deadline_and_untriaged_at_the_briefing_are_listed(cast):
    overdue = submit(MONDAY_10)
    not_yet_due = submit(TUESDAY_15)
    triaged_in_time = submit(MONDAY_10)
    with at(datetime(2026, 11, 23, 13, 0, tzinfo=LONDON)):
        services.report_close(actor=cast.owner, report=triaged_in_time, reason="Duplicate.")
    triaged_after = submit(MONDAY_10)
    with at(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)):  # after the sheet's moment
        services.report_close(actor=cast.owner, report=triaged_after, reason="Duplicate.")
    with at(datetime(2026, 11, 25, 7, 30, tzinfo=LONDON)):
        sheet = briefings.briefing_build(day=DAY)
    got = references(cast.owner, sheet, "triage_overdue")
    assert overdue.case.reference in got and triaged_after.case.reference in got
    assert not_yet_due.case.reference not in got
    assert triaged_in_time.case.reference not in got
    # The row is cut by the access policy: the fire service never sees the police queue.
    assert references(cast.fire_officer, sheet, "triage_overdue") == []
