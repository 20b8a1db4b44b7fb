import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

app = Celery("icst")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work: far-future work is rows with a due time, scanned here, never ETA tasks.
app.conf.beat_schedule = {
    **(app.conf.beat_schedule or {}),
    "followups-scan": {"task": "followups.tasks.followups_scan", "schedule": 60.0},
    "intake-abandoned-uploads": {
        "task": "intake.tasks.sweep_abandoned_uploads",
        "schedule": 3600.0,
    },
}
