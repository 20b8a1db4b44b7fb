"""Which day a sheet is for, and the window of time it covers.

A sheet covers everything since the previous sheet: Monday's covers the
weekend, and the sheet after a bank holiday covers the holiday too.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone

from casework.working_days import is_working_day, previous_working_day


@dataclass(frozen=True)
class Window:
    day: date
    start: datetime
    end: datetime

    @property
    def as_of(self) -> datetime:
        """The moment the sheet describes: the day's briefing time."""
        return self.end


def briefing_time() -> time:
    return settings.BRIEFING_TIME


def briefing_moment(day: date) -> datetime:
    """The briefing time on ``day``, in local time (right across the clock change)."""
    return timezone.make_aware(datetime.combine(day, briefing_time()))


def window_for(day: date) -> Window:
    """From the end of the last earlier sheet, or else the previous working day's
    briefing time, to the briefing time on ``day``."""
    from .models import Briefing

    previous = Briefing.objects.filter(day__lt=day).order_by("-day").first()
    start = previous.window_end if previous else briefing_moment(previous_working_day(day))
    return Window(day=day, start=start, end=briefing_moment(day))


def is_briefing_day(day: date) -> bool:
    return is_working_day(day)
