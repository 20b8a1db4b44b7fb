"""A sheet covers the time since the previous sheet, up to the moment it is prepared."""

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from briefings import services
from briefings.models import Briefing
from briefings.windows import window_for

from .conftest import LONDON, at, references


def local(year, month, day, hour=7, minute=30):
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_a_weekday_sheet_covers_the_day_before(db):
    with at(local(2026, 11, 25)):
        window = window_for(date(2026, 11, 25))  # Wednesday
    assert window.start == local(2026, 11, 24)
    assert window.end == local(2026, 11, 25)


def test_mondays_sheet_covers_the_weekend(db):
    with at(local(2026, 11, 23)):
        window = window_for(date(2026, 11, 23))
    assert window.start == local(2026, 11, 20)  # Friday


def test_a_sheet_prepared_later_in_the_day_runs_to_that_moment(db):
    with at(local(2026, 11, 25, 10, 15)):
        window = window_for(date(2026, 11, 25))
    assert window.end == local(2026, 11, 25, 10, 15)


def test_a_sheet_prepared_before_the_briefing_time_runs_only_to_that_moment(db):
    with at(local(2026, 11, 25, 6, 0)):
        assert window_for(date(2026, 11, 25)).end == local(2026, 11, 25, 6, 0)


@override_settings(BRIEFING_TIME=time(9, 0))
def test_a_case_logged_after_an_early_sheet_is_on_the_next_one(cast, open_case, db):
    with at(local(2026, 11, 25, 7, 0)):
        wednesday = services.briefing_build(day=date(2026, 11, 25))
    case = open_case(local(2026, 11, 25, 8, 0))
    with at(local(2026, 11, 25, 8, 30)):
        # Asked for again before the meeting: the same sheet, its window unchanged.
        assert services.briefing_build(day=date(2026, 11, 25)) == wednesday
    with at(local(2026, 11, 26, 7, 0)):
        thursday = services.briefing_build(day=date(2026, 11, 26))
    wednesday.refresh_from_db()
    assert wednesday.window_end == local(2026, 11, 25, 7, 0) == thursday.window_start
    assert references(cast.owner, wednesday, "new_cases") == []
    assert references(cast.owner, thursday, "new_cases") == [case.reference]


def test_a_sheet_for_a_day_still_to_come_is_refused(db):
    with at(local(2026, 11, 25, 10, 0)), pytest.raises(ValidationError, match="not come yet"):
        services.briefing_build(day=date(2026, 11, 26))
    assert not Briefing.objects.exists()


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
    with at(local(2026, 11, 26)):  # prepared after its day: it runs to that day's briefing time
        assert window_for(date(2026, 11, 25)).end == local(2026, 11, 25, 8, 15)
