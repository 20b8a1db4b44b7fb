"""Which day a sheet is for, and the window of time it covers.

A sheet covers everything since the previous sheet: Monday's covers the
weekend, and the sheet after a bank holiday covers the holiday too. A window
ends when its sheet is prepared, never later, so the next one starts where
the data stopped and nothing logged falls between two sheets.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone

from common.working_days import is_working_day, previous_working_day

from .models import Briefing


@dataclass(frozen=True)
class Window:
    day: date
    start: datetime
    end: datetime

    @property
    def as_of(self) -> datetime:
        """The moment the sheet describes: when it was prepared, or, for a sheet prepared
        after its day, that day's briefing time."""
        return self.end


def briefing_time() -> time:
    return settings.BRIEFING_TIME


def briefing_moment(day: date) -> datetime:
    """The briefing time on ``day``, in local time (right across the clock change)."""
    return timezone.make_aware(datetime.combine(day, briefing_time()))


def window_for(day: date) -> Window:
    """From the end of the last earlier sheet, or else the previous working day's
    briefing time, to the moment the sheet is prepared on ``day`` (before or after the
    briefing time); a sheet prepared after its day runs to that day's briefing time."""

    previous = Briefing.objects.filter(day__lt=day).order_by("-day").first()
    start = previous.window_end if previous else briefing_moment(previous_working_day(day))
    now = timezone.now()
    end = now if timezone.localdate(now) <= day else briefing_moment(day)
    return Window(day=day, start=start, end=end)


def is_briefing_day(day: date) -> bool:
    return is_working_day(day)
