"""Celery tasks: thin. Ids in, one service call, retry with backoff on transient errors."""

import logging

from celery import shared_task

from . import actions, break_glass, obligations, outbox

logger = logging.getLogger(__name__)

# Hard time limits, so the broker's visibility timeout can be set above the longest task.
DELIVER_TIME_LIMIT = 90
SCAN_TIME_LIMIT = 300


@shared_task(
    bind=True,
    max_retries=None,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=DELIVER_TIME_LIMIT,
)
def deliver_notification(self, notification_id: int) -> None:
    retry_in = outbox.deliver(notification_id)
    if retry_in is not None:
        # The row also carries its next try time, so a lost retry is picked up by the scan.
        raise self.retry(countdown=retry_in)


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=SCAN_TIME_LIMIT)
def deliver_notifications(notification_ids: list[int]) -> None:
    """A batch from one scan, one after another. A message that fails for now keeps its next
    try time on its row, and the scan hands it to ``deliver_notification`` then; a message
    another worker holds, or already sent, is skipped (``outbox.deliver`` claims each)."""
    for notification_id in notification_ids:
        try:
            outbox.deliver(notification_id)
        except Exception:
            logger.exception(
                "Delivering notification %s failed; the scan retries it.", notification_id
            )


@shared_task(acks_late=True, time_limit=SCAN_TIME_LIMIT)
def followups_scan() -> dict[str, int]:
    """Every minute (beat): reminders, escalations, missed deadlines (victims' updates and
    cross-agency actions), and the outbox."""

    results = obligations.scan()
    results.update(actions.scan())
    results.update(break_glass.scan())
    results["messages_dispatched"] = len(outbox.dispatch_due())
    results["deliveries_checked"] = outbox.check_deliveries()
    return results
