"""Photos of reports started and never sent are swept away; nothing else is touched."""

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from config.celery import app
from intake import services
from intake.storage import incomplete_storage

from .factories import png_bytes, report_with_photo, use_upload_dir


def test_an_abandoned_upload_goes_once_old_and_a_fresh_one_stays(settings, tmp_path):
    use_upload_dir(settings, tmp_path)
    settings.INTAKE_ABANDONED_UPLOAD_HOURS = 6
    old = incomplete_storage.save("left-behind.png", ContentFile(png_bytes()))
    fresh = incomplete_storage.save("still-typing.png", ContentFile(png_bytes()))
    hours_ago = (timezone.now() - timedelta(hours=7)).timestamp()
    os.utime(incomplete_storage.path(old), (hours_ago, hours_ago))
    assert services.abandoned_uploads_remove() == 1
    assert not incomplete_storage.exists(old) and incomplete_storage.exists(fresh)


def test_a_sent_reports_photo_is_never_swept(cast, settings, tmp_path):
    report = report_with_photo(settings, tmp_path)
    later = timezone.now() + timedelta(days=30)
    assert services.abandoned_uploads_remove(now=later) == 0
    assert report.photo.storage.exists(report.photo.name)


def test_nothing_uploaded_yet_is_not_an_error(settings, tmp_path):
    use_upload_dir(settings, tmp_path / "never-made")
    assert services.abandoned_uploads_remove() == 0


def test_the_sweep_is_on_the_beat_schedule_hourly():
    entry = app.conf.beat_schedule["intake-abandoned-uploads"]
    assert entry["task"] == "intake.tasks.sweep_abandoned_uploads" and entry["schedule"] == 3600
