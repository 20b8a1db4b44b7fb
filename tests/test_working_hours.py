"""Working-hours arithmetic: triage deadlines count only the working day."""

from datetime import datetime

import pytest
from django.utils import timezone

from common.working_days import add_working_hours


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (local(2026, 11, 23, 10, 0), 4, local(2026, 11, 23, 14, 0)),  # Monday, same day
        (local(2026, 11, 23, 15, 0), 4, local(2026, 11, 24, 11, 0)),  # runs into Tuesday
        (local(2026, 11, 27, 16, 0), 4, local(2026, 11, 30, 12, 0)),  # Friday to Monday
        (local(2026, 11, 28, 11, 0), 4, local(2026, 11, 30, 13, 0)),  # Saturday report
        (local(2026, 11, 23, 7, 30), 1, local(2026, 11, 23, 10, 0)),  # before opening
        (local(2026, 11, 23, 19, 0), 2, local(2026, 11, 24, 11, 0)),  # after closing
        (local(2026, 12, 24, 15, 0), 4, local(2026, 12, 29, 11, 0)),  # over Christmas
        (local(2026, 11, 23, 13, 0), 4, local(2026, 11, 23, 17, 0)),  # ends at closing
    ],
)
def test_it_counts_only_working_hours_on_working_days(start, hours, due):
    assert add_working_hours(start, hours) == due


def test_working_hours_follow_the_settings(settings):
    settings.WORKING_DAY_START, settings.WORKING_DAY_END = "08:00", "18:00"
    assert add_working_hours(local(2026, 11, 23, 16, 0), 4) == local(2026, 11, 24, 10, 0)


def test_it_keeps_local_time_across_the_clock_change():
    # The clocks go forward on Sunday 29 March 2026; Friday 16:00 + 4h is Monday 12:00 BST.
    due = add_working_hours(local(2026, 3, 27, 16, 0), 4)
    assert timezone.localtime(due).hour == 12
    assert timezone.localtime(due).date().isoformat() == "2026-03-30"
