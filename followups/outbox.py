"""Delivering the outbox: claim a row, send it once, record what happened.

A worker claims a message (status "sending", with the time) in a short
transaction before it sends, so a second delivery of the same task finds it
taken or already sent and does nothing. A worker killed mid-send leaves a
claim that goes stale; the periodic scan (``dispatch_due``) hands such rows,
and rows whose task never reached the broker, to a worker again. A message
already accepted by GOV.UK Notify (text, or email through Notify) is found there
by its reference and not sent again; an email re-sent through SMTP after such a
crash carries the same Message-ID.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from casework import access
from casework import services as casework_services
from casework.models import EntryKind
from casework.services import event_record

from . import channels, obligations
from .models import Channel, Notification, StaffAlert
from .services import contact_officer_for, officer_action_raise, staff_alert_raise

logger = logging.getLogger(__name__)

Status = Notification.Status


def _claim_timeout() -> timedelta:
    return timedelta(seconds=settings.FOLLOWUPS_CLAIM_TIMEOUT_SECONDS)


def _claimable(now) -> Q:
    return Q(status=Status.QUEUED) | Q(status=Status.SENDING, claimed_at__lt=now - _claim_timeout())


def claim(notification_id: int) -> Notification | None:
    """Take the message for sending, or None if it is sent, failed or being sent.

    A stale claim was an attempt (counted when it was taken) whose worker died; once
    the attempts are used up the row comes back marked ``exhausted``: ``deliver`` asks
    the provider whether it took the message before all and otherwise fails it, so a
    message that kills its worker every time is not retried forever.
    """
    now = timezone.now()
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(_claimable(now), pk=notification_id)
            .first()
        )
        if row is None:
            return None
        row.exhausted = (
            row.status == Status.SENDING and row.attempts >= settings.FOLLOWUPS_MAX_ATTEMPTS
        )
        if not row.exhausted:
            row.attempts += 1
        row.status, row.claimed_at = Status.SENDING, now
        row.save(update_fields=["status", "claimed_at", "attempts"])
        return row


def backoff_seconds(attempts: int) -> int:
    """Exponential: base, 2 x base, 4 x base... after the 1st, 2nd, 3rd failure."""
    return settings.FOLLOWUPS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)


def deliver(notification_id: int) -> int | None:
    """Send one message if it is still to be sent. Returns seconds until the next
    try after a transient failure, else None."""
    row = claim(notification_id)
    if row is None:
        return None
    if row.exhausted:
        return _give_up_unless_sent(row)
    try:
        reference = _send(row)
    except channels.TransientDeliveryError as error:
        return _transient_failure(row, str(error))
    except channels.PermanentDeliveryError as error:
        failed(row, str(error))
        return None
    _sent(row, reference)
    return None


def _give_up_unless_sent(row: Notification) -> None:
    """The last worker died mid-send: the provider may have taken the message before it
    did (asked outside any transaction); if not, the message fails."""
    reference = None
    if row.channel in (Channel.EMAIL, Channel.SMS):
        reference = channels.already_sent(row.channel, row.idempotency_key)
    if reference:
        _sent(row, reference)
    else:
        failed(row, f"Gave up after {row.attempts} tries: the worker stopped while sending.")


def _outgoing(row: Notification) -> channels.Outgoing:
    return channels.Outgoing(row.address, row.subject, row.body, row.idempotency_key)


def _send(row: Notification) -> str:
    if row.channel in (Channel.EMAIL, Channel.SMS):
        return channels.send(row.channel, _outgoing(row), retrying=row.attempts > 1)
    raise channels.PermanentDeliveryError(f"A worker cannot send by {row.get_channel_display()}.")


@transaction.atomic
def _transient_failure(row: Notification, error: str) -> int | None:
    row.last_error = error[:500]
    if row.attempts >= settings.FOLLOWUPS_MAX_ATTEMPTS:
        failed(row, f"Gave up after {row.attempts} tries: {error}")
        return None
    delay = backoff_seconds(row.attempts)
    row.status, row.next_attempt_at = Status.QUEUED, timezone.now() + timedelta(seconds=delay)
    row.save(update_fields=["status", "next_attempt_at", "last_error"])
    return delay


@transaction.atomic
def _sent(row: Notification, reference: str) -> None:
    row.status, row.sent_at, row.provider_reference = Status.SENT, timezone.now(), reference[:100]
    row.save(update_fields=["status", "sent_at", "provider_reference"])
    if row.to_victim:
        _on_timeline(row, f"sent by {row.get_channel_display().lower()}")
        _meet_obligations(row)


def _meet_obligations(row: Notification) -> None:
    obligations.obligations_meet_by_message(notification=row)


@transaction.atomic
def failed(row: Notification, reason: str) -> None:
    """A message that will never arrive: record it, and for a victim ask the
    contact officer to phone them."""
    row.status, row.failed_at, row.last_error = Status.FAILED, timezone.now(), reason[:500]
    row.save(update_fields=["status", "failed_at", "last_error"])
    if not row.to_victim:
        logger.warning("Staff message %s failed: %s", row.pk, reason)
        return
    _on_timeline(row, f"NOT delivered ({reason[:200]}); the contact officer is asked to phone")
    officer_action_raise(
        case=row.case,
        person=row.person,
        description=f'Phone {row.person}: the update "{row.subject}" could not be delivered.',
        actor=row.created_by,
    )
    officer = contact_officer_for(row.case, row.person)
    if officer is not None:
        staff_alert_raise(
            user=officer,
            kind=StaffAlert.Kind.DELIVERY_FAILED,
            message=f"An update to {row.person} on {row.case.reference} was not delivered: "
            "phone them.",
            case=row.case,
            email=False,
        )


def _on_timeline(row: Notification, outcome: str) -> None:
    """A contact entry on the case timeline saying what was sent and its delivery status.

    Added through casework's ``entry_add`` in the name of whoever queued the message,
    or else the contact officer, whichever may still add to the case (the casebook has
    no system user); with neither, only the case event is written.
    """
    author = _timeline_author(row)
    if author is None:
        event_record(case=row.case, kind="entry_added", actor=None, notification=row.pk)
        return
    casework_services.entry_add(
        actor=author,
        case=row.case,
        kind=EntryKind.CONTACT,
        body=f"Update to {row.person} ({row.get_channel_display().lower()}), "
        f'"{row.subject}": {outcome}.',
    )


def _timeline_author(row: Notification):
    if row.created_by is not None and access.can_contribute(row.created_by, row.case):
        return row.created_by
    officer = contact_officer_for(row.case, row.person)
    if officer is not None and access.can_contribute(officer, row.case):
        return officer
    return None


# --- Periodic work ---------------------------------------------------------------------------


def dispatch_due(batch: int = 200) -> list[int]:
    """Hand to a worker every message whose task was lost, whose retry is due, or
    whose sender died; returns their ids. Rows locked by another scan are skipped."""
    now = timezone.now()
    due = Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - _claim_timeout()
    )
    grace = timedelta(seconds=settings.FOLLOWUPS_ENQUEUE_GRACE_SECONDS)
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(due)
            .order_by("next_attempt_at")[:batch]
        )
        for row in rows:
            row.next_attempt_at = now + grace
            row.save(update_fields=["next_attempt_at"])
        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: _enqueue_all(ids))
    return ids


def _enqueue_all(ids: list[int]) -> None:
    # The tasks import this module: the task is looked up when enqueued.
    from .tasks import deliver_notification  # noqa: PLC0415

    for pk in ids:
        try:
            deliver_notification.delay(pk)
        except Exception:
            logger.warning("Could not enqueue notification %s; next scan will.", pk)
            return


# GOV.UK Notify keeps a message's status for 7 days; after that no one can tell us.
RECEIPT_WINDOW = timedelta(days=7)
# Receipts mostly come within minutes; asking more often only spends the rate limit.
RECHECK_AFTER = timedelta(minutes=5)


def _awaiting_receipt() -> QuerySet[Notification]:
    return Notification.objects.filter(status=Status.SENT, delivery_unknown_at__isnull=True)


def check_deliveries(batch: int = 100) -> int:
    """Ask the providers that report it what became of up to ``batch`` sent messages, those
    asked least recently first: delivered, or bounced (a bounce becomes a phone call for
    the contact officer). No row is locked while a provider is asked. A message older than
    a provider keeps a status is not asked about again: its delivery is recorded as
    unknown. Returns how many messages the providers answered for and were still
    awaiting an answer."""
    now = timezone.now()
    _delivery_unknown(now, batch)
    followed = [
        channel for channel in (Channel.EMAIL, Channel.SMS) if channels.reports_status(channel)
    ]
    if not followed:
        return 0
    checked = 0
    for pk, channel, reference in _due_for_check(now, followed, batch):
        try:
            status = channels.delivery_status(channel, reference)
        except channels.DeliveryError:
            continue
        checked += _apply_provider_status(pk, status)
    return checked


def _delivery_unknown(now: datetime, batch: int) -> None:
    old = _awaiting_receipt().filter(sent_at__lt=now - RECEIPT_WINDOW)
    ids = list(old.values_list("pk", flat=True)[:batch])
    _awaiting_receipt().filter(pk__in=ids).update(delivery_unknown_at=now)


@transaction.atomic
def _due_for_check(now: datetime, followed: list[str], batch: int) -> list[tuple[int, str, str]]:
    """The messages to ask about, stamped as asked now: a scan running alongside takes
    others, and a message the provider cannot answer for goes to the back of the queue."""
    due = (
        _awaiting_receipt()
        .select_for_update(skip_locked=True)
        .filter(channel__in=followed, sent_at__gte=now - RECEIPT_WINDOW)
        .filter(Q(status_checked_at__isnull=True) | Q(status_checked_at__lte=now - RECHECK_AFTER))
        .exclude(provider_reference="")
        .order_by(F("status_checked_at").asc(nulls_first=True), "sent_at", "pk")
    )
    rows = list(due.values_list("pk", "channel", "provider_reference")[:batch])
    Notification.objects.filter(pk__in=[pk for pk, _, _ in rows]).update(status_checked_at=now)
    return rows


def _apply_provider_status(pk: int, status: str | None) -> int:
    """Apply one answer in a short transaction of its own to the row as it is now; a
    message delivered, failed or given up on meanwhile is left alone (returns 0). An
    answer that is not final ("sending") changes nothing and counts 1."""
    final = channels.NOTIFY_DELIVERED | channels.NOTIFY_PERMANENT_FAILURES
    if status not in final:
        return 1
    with transaction.atomic():
        row = _awaiting_receipt().select_for_update().filter(pk=pk).first()
        if row is None:
            return 0
        if status in channels.NOTIFY_DELIVERED:
            row.status, row.delivered_at = Status.DELIVERED, timezone.now()
            row.save(update_fields=["status", "delivered_at"])
            if row.to_victim:  # staff emails belong to no case's timeline
                _on_timeline(row, "delivered")
        else:
            what = "email" if row.channel == Channel.EMAIL else "text"
            failed(row, f"the {what} bounced ({status})")
    return 1
