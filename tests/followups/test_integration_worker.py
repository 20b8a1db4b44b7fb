"""A real Celery worker against the machine's Redis: an event creates an
obligation, the periodic scan fires, and the reminder is delivered to a file
email backend exactly once, however often the tasks are handed out.

Runs when CELERY_TEST_BROKER_URL names a Redis; with REQUIRE_SERVICES=1 an
unreachable Redis fails the test instead of skipping it.
"""

import os
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from casework import services as casework_services
from casework.models import CaseType
from followups.models import Notification, Obligation, StaffAlert
from followups.tasks import deliver_notification, followups_scan

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "")
# A Wednesday, 10:00 in London: an enhanced victim's update is due by the end of
# Thursday, so its reminder (08:00 the working day before) is already due.
WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def real_worker(settings, tmp_path):
    if not BROKER:
        pytest.skip("CELERY_TEST_BROKER_URL is not set: no Redis to run a real worker against")
    if not _redis_reachable(BROKER):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"Redis at {BROKER} is unreachable and REQUIRE_SERVICES=1")
        pytest.skip(f"Redis at {BROKER} is unreachable")
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=BROKER, task_always_eager=False)
    _forget_connections(app)
    try:
        app.control.purge()
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            yield Path(settings.EMAIL_FILE_PATH)
    finally:
        app.conf.update(saved)
        _forget_connections(app)


def _forget_connections(app) -> None:
    """Drop pooled connections and producers made for the previous broker."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


def _wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def _messages_in(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    text = "".join(path.read_text() for path in sorted(folder.iterdir()))
    return [part for part in text.split("Message-ID: ")[1:]]


def test_an_event_leads_to_one_reminder_delivered_by_a_real_worker(real_worker, cast):
    with time_machine.travel(WEDNESDAY, tick=True):
        case = casework_services.case_open(
            actor=cast.owner,
            case_type=CaseType.ASB,
            summary="Threats to a neighbour.",
            lead_officer=cast.owner,
            status="open",
            risk_level="high",
            detail={"category": "personal"},
        )
        person, _ = casework_services.person_find_or_create(
            actor=cast.owner, given_name="Amy", family_name="Jones"
        )
        casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
        owed = Obligation.objects.get(case=case, kind="key_event")
        assert owed.plan.is_enhanced

        followups_scan.delay()
        _wait_for(lambda: Notification.objects.filter(status="sent").exists())
        reminder = Notification.objects.get()
        # The scan and the delivery handed out again: nothing more is sent.
        followups_scan.delay()
        deliver_notification.delay(reminder.pk)
        deliver_notification.delay(reminder.pk)
        time.sleep(3)

    messages = _messages_in(real_worker)
    assert len(messages) == 1
    # The email says what awaits; the case itself is read after signing in.
    assert "Update due soon: 1" in messages[0] and case.reference not in messages[0]
    assert StaffAlert.objects.filter(user=cast.owner, kind="reminder", obligation=owed).count() == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.recipient) == ("sent", 1, cast.owner)
