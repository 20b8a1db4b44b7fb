"""How a message leaves the building: email and text messages each through a pluggable
backend. Email goes through Django's email backend by default, or through GOV.UK Notify,
which also reports bounces; text messages go through Notify in production (console, file
or in-memory in development and tests).

Backends raise ``TransientDeliveryError`` for what may work on a later try
(timeouts, rate limits, server errors, and a refused API key, which is ours to fix
and says nothing about the message) and ``PermanentDeliveryError`` for what never
will (a refused address, a rejected number).
"""

import json
import logging
import smtplib
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    pass


class TransientDeliveryError(DeliveryError):
    """Worth another try later."""


class PermanentDeliveryError(DeliveryError):
    """No retry will help: the message has failed."""


@dataclass(frozen=True)
class Outgoing:
    address: str
    subject: str
    body: str
    idempotency_key: str


# --- The backends' shape ---------------------------------------------------------------


class Backend:
    """Send one message; return the provider's reference for it."""

    # Whether ``status`` can tell what became of a sent message (the outbox then asks it).
    reports_status = False

    def send(self, message: Outgoing) -> str:
        raise NotImplementedError

    def status(self, reference: str) -> str | None:
        """The provider's delivery status ("delivered", "permanent-failure"...), if known."""
        return None

    def find(self, idempotency_key: str) -> str | None:
        """The provider's reference for a message already sent with this key, if any."""
        return None


class LocmemBackend(Backend):
    """Keeps messages in ``outbox`` for tests; ``statuses`` sets what ``status`` reports."""

    reports_status = True
    outbox: list[Outgoing]
    statuses: dict[str, str]
    _lock = threading.Lock()

    def send(self, message: Outgoing) -> str:
        with self._lock:
            self.outbox.append(message)
        return f"locmem-{uuid.uuid4()}"

    def status(self, reference: str) -> str | None:
        return self.statuses.get(reference)

    def find(self, idempotency_key: str) -> str | None:
        sent = [m for m in self.outbox if m.idempotency_key == idempotency_key]
        return f"locmem-{idempotency_key}" if sent else None


class NotifyBackend(Backend):
    """GOV.UK Notify: a template per channel whose text is its personalisation fields."""

    reports_status = True
    template_setting = ""

    def __init__(self) -> None:
        self.template_id = getattr(settings, self.template_setting, "")
        if not settings.NOTIFY_API_KEY or not self.template_id:
            raise PermanentDeliveryError(f"Needs NOTIFY_API_KEY and {self.template_setting}.")
        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY)

    def status(self, reference: str) -> str | None:
        return self._call(self.client.get_notification_by_id, reference).get("status")

    def find(self, idempotency_key: str) -> str | None:
        found = self._call(self.client.get_all_notifications, reference=idempotency_key)
        notifications = found.get("notifications") or []
        return notifications[0]["id"] if notifications else None

    @staticmethod
    def _call(method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except HTTPError as error:
            if error.status_code == 403:
                # Our key, not the message, is at fault: retry while an operator fixes it.
                logger.error("GOV.UK Notify refused the API key (403): check NOTIFY_API_KEY.")
                raise TransientDeliveryError(f"Notify refused our API key: {error}") from error
            if error.status_code == 400:
                raise PermanentDeliveryError(f"Notify refused the message: {error}") from error
            raise TransientDeliveryError(f"Notify unavailable: {error}") from error
        except requests.RequestException as error:
            raise TransientDeliveryError(f"Notify unreachable: {error}") from error


# Notify's final statuses for a message that never arrived (it stops trying after a
# temporary failure, such as a full inbox or a phone left off for days).
NOTIFY_PERMANENT_FAILURES = frozenset(
    {"permanent-failure", "temporary-failure", "technical-failure"}
)
NOTIFY_DELIVERED = frozenset({"delivered"})


# --- Email ---------------------------------------------------------------------------


class DjangoEmailBackend(Backend):
    """Through Django's email backend (SMTP in production). The Message-ID carries the
    idempotency key, so a copy sent again after a crash is recognisably the same message.
    SMTP reports no bounces here: use ``NotifyEmailBackend`` to have them followed up."""

    def send(self, message: Outgoing) -> str:
        message_id = f"<{message.idempotency_key}@icst-casebook>"
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[message.address],
            headers={"Message-ID": message_id},
        )
        try:
            email.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentDeliveryError(f"The mail server refused the address: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            raise TransientDeliveryError(f"Email not sent: {error}") from error
        return message_id


class NotifyEmailBackend(NotifyBackend):
    """GOV.UK Notify email: one template whose subject is ((subject)) and text ((body))."""

    template_setting = "NOTIFY_EMAIL_TEMPLATE_ID"

    def send(self, message: Outgoing) -> str:
        response = self._call(
            self.client.send_email_notification,
            email_address=message.address,
            template_id=self.template_id,
            personalisation={"subject": message.subject, "body": message.body},
            reference=message.idempotency_key,
        )
        return response["id"]


class LocmemEmailBackend(LocmemBackend):
    outbox: list[Outgoing] = []
    statuses: dict[str, str] = {}


# --- Text messages -------------------------------------------------------------------


SmsBackend = Backend


class ConsoleSmsBackend(SmsBackend):
    def send(self, message: Outgoing) -> str:
        sys.stdout.write(f"SMS to {message.address} [{message.idempotency_key}]\n{message.body}\n")
        return f"console-{message.idempotency_key}"


class FileSmsBackend(SmsBackend):
    """One JSON line per message in ``FOLLOWUPS_SMS_FILE_PATH`` (development, tests)."""

    def send(self, message: Outgoing) -> str:
        path = Path(settings.FOLLOWUPS_SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "to": message.address,
            "body": message.body,
            "reference": message.idempotency_key,
            "at": timezone.now().isoformat(),
        }
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        return f"file-{message.idempotency_key}"


class LocmemSmsBackend(LocmemBackend):
    outbox: list[Outgoing] = []
    statuses: dict[str, str] = {}


class NotifySmsBackend(NotifyBackend):
    """GOV.UK Notify: one SMS template whose whole text is the ((body)) field."""

    template_setting = "NOTIFY_SMS_TEMPLATE_ID"

    def send(self, message: Outgoing) -> str:
        response = self._call(
            self.client.send_sms_notification,
            phone_number=message.address,
            template_id=self.template_id,
            personalisation={"body": message.body},
            reference=message.idempotency_key,
        )
        return response["id"]


# --- Choosing the backend ---------------------------------------------------------------

BACKEND_SETTINGS = {"email": "FOLLOWUPS_EMAIL_BACKEND", "sms": "FOLLOWUPS_SMS_BACKEND"}


def backend_class(channel: str) -> type[Backend]:
    return import_string(getattr(settings, BACKEND_SETTINGS[channel]))


def reports_status(channel: str) -> bool:
    return channel in BACKEND_SETTINGS and backend_class(channel).reports_status


def send(channel: str, message: Outgoing, *, retrying: bool = False) -> str:
    """Send by ``channel``; when ``retrying`` after a lost worker, first ask the provider
    whether it already took this message, so it is not sent twice."""
    backend = backend_class(channel)()
    if retrying:
        already = backend.find(message.idempotency_key)
        if already:
            return already
    return backend.send(message)


def already_sent(channel: str, idempotency_key: str) -> str | None:
    """The provider's reference for a message it already took with this key; None when
    it did not, or cannot say right now."""
    try:
        return backend_class(channel)().find(idempotency_key)
    except DeliveryError:
        return None


def delivery_status(channel: str, reference: str) -> str | None:
    return backend_class(channel)().status(reference)
