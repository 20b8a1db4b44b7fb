"""Celery tasks for online reporting: thin, one service call each."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def sweep_abandoned_uploads() -> int:
    """Hourly (beat): photos of reports that were started and never sent."""
    return services.abandoned_uploads_remove()
