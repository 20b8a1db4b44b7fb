from datetime import date, datetime
from zoneinfo import ZoneInfo

from common.working_days import (
    add_working_days,
    deadline_after,
    is_working_day,
    previous_working_day,
    working_days_between,
)

LONDON = ZoneInfo("Europe/London")


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 23))  # Monday
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute (26th is a Saturday)
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday in England


def test_counting_skips_weekends_and_the_christmas_break():
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday + 1
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 23), -1) == date(2026, 11, 20)
    assert previous_working_day(date(2026, 12, 29)) == date(2026, 12, 24)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1
    # 29, 30, 31 December and 4 January; 25 and 28 December and 1 January are holidays
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


def test_a_deadline_keeps_its_local_time_across_the_clock_change():
    # Friday 23 October 2026, BST; five working days later is Friday 30 October, GMT.
    deadline = deadline_after(datetime(2026, 10, 23, 10, 0, tzinfo=LONDON), 5)
    local = deadline.astimezone(LONDON)
    assert local.date() == date(2026, 10, 30)
    assert (local.hour, local.minute) == (23, 59)
    assert local.utcoffset().total_seconds() == 0
