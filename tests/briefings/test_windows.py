"""A sheet covers the time since the previous sheet, from briefing time to briefing time."""

from datetime import date, datetime, time

from django.test import override_settings

from briefings.windows import window_for

from .conftest import LONDON


def local(year, month, day, hour=7, minute=30):
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_a_weekday_sheet_covers_the_day_before(db):
    window = window_for(date(2026, 11, 25))  # Wednesday
    assert window.start == local(2026, 11, 24)
    assert window.end == local(2026, 11, 25)


def test_mondays_sheet_covers_the_weekend(db):
    window = window_for(date(2026, 11, 23))
    assert window.start == local(2026, 11, 20)  # Friday


def test_the_sheet_after_a_bank_holiday_covers_the_holiday(db):
    # Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays.
    window = window_for(date(2026, 4, 7))
    assert window.start == local(2026, 4, 2)  # Thursday


def test_the_window_starts_where_the_last_sheet_ended(build):
    monday = build(date(2026, 11, 23))
    window = window_for(date(2026, 11, 25))  # no sheet on Tuesday
    assert window.start == monday.window_end


def test_the_briefing_time_is_local_time_across_the_clock_change(db):
    window = window_for(date(2026, 7, 1))
    assert window.end.astimezone(LONDON).time() == time(7, 30)
    assert window.end.utcoffset().total_seconds() == 3600


@override_settings(BRIEFING_TIME=time(8, 15))
def test_the_briefing_time_comes_from_configuration(db):
    assert window_for(date(2026, 11, 25)).end == local(2026, 11, 25, 8, 15)
