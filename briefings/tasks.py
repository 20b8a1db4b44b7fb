"""Background work for briefings: thin tasks that load ids and call one service."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import services
from .windows import is_briefing_day

log = logging.getLogger(__name__)

# A database that is restarting or briefly unreachable is worth another go.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    bind=True,
    autoretry_for=TRANSIENT,
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def build_daily_briefing(self) -> int | None:
    """Build today's sheet (once) on a working day; the scheduler calls this."""
    today = timezone.localdate()
    if not is_briefing_day(today):
        log.info("No briefing on %s: not a working day.", today)
        return None
    return services.briefing_build(day=today).pk


@shared_task(
    bind=True,
    autoretry_for=TRANSIENT,
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=5,
)
def render_briefing_document(self, document_id: int) -> None:
    try:
        services.document_render(document_id=document_id)
    except TRANSIENT:
        if self.request.retries >= self.max_retries:
            services.document_failed(
                document_id=document_id, reason="The database was unavailable."
            )
        raise
    except Exception as error:
        services.document_failed(
            document_id=document_id, reason=f"The PDF could not be prepared: {error}"
        )
        raise
