"""UK working days: weekdays that are not England and Wales bank holidays.

Deadlines in the Victims' Code and the briefing windows count working days;
bank holidays come from the ``holidays`` package so they stay current.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.UnitedKingdom(subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """The date ``count`` working days after ``day`` (before it, for a negative count)."""
    step = next_working_day if count >= 0 else previous_working_day
    for _ in range(abs(count)):
        day = step(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def deadline_after(moment: datetime, count: int, *, at: time = time(23, 59, 59)) -> datetime:
    """The end of the ``count``-th working day after ``moment``, in local time.

    A deadline falls at a local wall-clock time, so it stays right across the
    clock change (the UTC offset of the deadline day is used, not today's).
    """
    local_day = timezone.localtime(moment).date()
    deadline_day = add_working_days(local_day, count)
    return timezone.make_aware(datetime.combine(deadline_day, at))
