"""The whole beat schedule is in the settings (CELERY_BEAT_SCHEDULE), and every entry
names a task the worker registers, so no periodic job is silently dropped."""

from django.conf import settings

from config.celery import app

# Every periodic job: far-future work is rows with a due time, scanned by these.
PERIODIC = {
    "daily-briefing": "briefings.tasks.build_daily_briefing",
    "followups-scan": "followups.tasks.followups_scan",
    "intake-abandoned-uploads": "intake.tasks.sweep_abandoned_uploads",
}


def test_the_settings_hold_the_whole_schedule():
    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE


def test_every_periodic_job_is_on_the_schedule():
    scheduled = {name: entry["task"] for name, entry in settings.CELERY_BEAT_SCHEDULE.items()}
    assert scheduled.items() >= PERIODIC.items()


def test_every_scheduled_task_is_registered_by_the_worker():
    app.loader.import_default_modules()  # as the worker does: autodiscovery
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, name
