"""The outbox relies on these: a task is acknowledged only after it ran, a killed
worker's task goes back to the queue, and Redis does not hand a running task to a
second worker (visibility timeout above the longest task)."""

from django.conf import settings

from config.celery import app
from followups import tasks


def test_tasks_are_acknowledged_late_and_requeued_when_a_worker_dies():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert tasks.deliver_notification.acks_late and tasks.deliver_notification.reject_on_worker_lost


def test_the_visibility_timeout_is_above_the_longest_task():
    # The setting for a Redis broker, read the same way base.py reads it.
    from config.settings.base import env

    visibility = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
    assert visibility > max(tasks.DELIVER_TIME_LIMIT, tasks.SCAN_TIME_LIMIT)


def test_the_scan_runs_every_minute_from_beat():
    entry = app.conf.beat_schedule["followups-scan"]
    assert entry["task"] == "followups.tasks.followups_scan"
    assert entry["schedule"] == 60.0
