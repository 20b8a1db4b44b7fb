"""UK working days: weekdays that are not England and Wales bank holidays.

Deadlines in the Victims' Code and the briefing windows count working days;
bank holidays come from the ``holidays`` package so they stay current.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
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


# --- Working hours ---------------------------------------------------------------------


def _working_window(day: date) -> tuple[datetime, datetime]:
    """The local start and end of the working day ``day`` (settings decide the hours)."""

    start = time.fromisoformat(settings.WORKING_DAY_START)
    end = time.fromisoformat(settings.WORKING_DAY_END)
    return (
        timezone.make_aware(datetime.combine(day, start)),
        timezone.make_aware(datetime.combine(day, end)),
    )


def add_working_hours(moment: datetime, hours: float) -> datetime:
    """The moment ``hours`` working hours after ``moment``.

    Only time inside the working day on working days counts: a report at
    16:00 on a Friday with four hours to run is due at 12:00 on Monday (or the
    Tuesday after a bank holiday). A moment outside working hours starts the
    count at the next working day's opening.
    """
    remaining = timedelta(hours=hours)
    day = timezone.localtime(moment).date()
    while True:
        if is_working_day(day):
            opens, closes = _working_window(day)
            start = max(moment, opens)
            if start < closes:
                if start + remaining <= closes:
                    return start + remaining
                remaining -= closes - start
        day += timedelta(days=1)
