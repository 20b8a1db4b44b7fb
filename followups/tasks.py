"""Celery tasks: thin. Ids in, one service call, retry with backoff on transient errors."""

from celery import shared_task

from . import outbox


@shared_task(bind=True, max_retries=None, acks_late=True, reject_on_worker_lost=True)
def deliver_notification(self, notification_id: int) -> None:
    retry_in = outbox.deliver(notification_id)
    if retry_in is not None:
        # The row also carries its next try time, so a lost retry is picked up by the scan.
        raise self.retry(countdown=retry_in)


@shared_task(acks_late=True)
def followups_scan() -> dict[str, int]:
    """Every minute (beat): reminders, escalations, missed deadlines, and the outbox."""
    from . import obligations

    results = obligations.scan()
    results["messages_dispatched"] = len(outbox.dispatch_due())
    results["texts_checked"] = outbox.check_text_deliveries()
    return results
