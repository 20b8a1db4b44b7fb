"""The scheduler builds the sheet once each working day, and retries when the
database is briefly unavailable."""

from datetime import datetime
from unittest import mock

import pytest
from celery.exceptions import Retry
from celery.schedules import crontab
from django.db import OperationalError

from briefings import tasks
from briefings.models import Briefing
from config.celery import app

from .conftest import LONDON, at


def test_the_daily_build_is_on_the_beat_schedule_at_briefing_time():
    entry = app.conf.beat_schedule["daily-briefing"]
    assert entry["task"] == "briefings.tasks.build_daily_briefing"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(hour=7, minute=30, day_of_week="mon-fri")


def test_the_task_builds_todays_sheet_once(db):
    with at(datetime(2026, 11, 25, 7, 30, tzinfo=LONDON)):
        first = tasks.build_daily_briefing.delay().get()
        second = tasks.build_daily_briefing.delay().get()
    assert first == second
    assert list(Briefing.objects.values_list("day", flat=True)) == [datetime(2026, 11, 25).date()]


def test_no_sheet_is_built_on_a_bank_holiday(db):
    with at(datetime(2026, 12, 25, 7, 30, tzinfo=LONDON)):
        assert tasks.build_daily_briefing.delay().get() is None
    assert not Briefing.objects.exists()


def test_the_task_retries_when_the_database_is_unavailable(db):
    with (
        at(datetime(2026, 11, 25, 7, 30, tzinfo=LONDON)),
        mock.patch("briefings.services.briefing_build", side_effect=OperationalError("gone")),
        mock.patch.object(tasks.build_daily_briefing, "retry", side_effect=Retry) as retry,
        pytest.raises(Retry),
    ):
        tasks.build_daily_briefing.apply(throw=True)
    assert isinstance(retry.call_args.kwargs["exc"], OperationalError)
