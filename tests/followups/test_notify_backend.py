"""The GOV.UK Notify SMS backend: errors sorted into retry-later and never, and
an already-accepted text found by its reference. The client's HTTP calls are
replaced; nothing leaves the machine."""

from unittest import mock

import pytest
import requests
from django.test import override_settings
from notifications_python_client.errors import HTTPError

from followups.channels import (
    NotifyEmailBackend,
    NotifySmsBackend,
    Outgoing,
    PermanentDeliveryError,
    TransientDeliveryError,
)

KEY = "test_key-" + "0" * 36 + "-" + "1" * 36  # the client's key format: name, service id, secret
MESSAGE = Outgoing("07700900123", "Update", "Officers visited today.", "abc123")


def _http_error(status: int) -> HTTPError:
    response = requests.Response()
    response.status_code = status
    response._content = b'{"errors": [{"message": "no"}]}'
    return HTTPError(response=response)


@pytest.fixture
def backend():
    with override_settings(NOTIFY_API_KEY=KEY, NOTIFY_SMS_TEMPLATE_ID="tmpl"):
        yield NotifySmsBackend()


def test_a_text_is_sent_with_the_body_and_the_idempotency_reference(backend):
    with mock.patch.object(
        backend.client, "send_sms_notification", return_value={"id": "n-1"}
    ) as send:
        assert backend.send(MESSAGE) == "n-1"
    send.assert_called_once_with(
        phone_number="07700900123",
        template_id="tmpl",
        personalisation={"body": "Officers visited today."},
        reference="abc123",
    )


def test_a_refused_text_fails_for_good(backend):
    with (
        mock.patch.object(backend.client, "send_sms_notification", side_effect=_http_error(400)),
        pytest.raises(PermanentDeliveryError),
    ):
        backend.send(MESSAGE)


def test_a_refused_api_key_is_tried_again_and_told_to_an_operator(backend, caplog):
    with (
        mock.patch.object(backend.client, "send_sms_notification", side_effect=_http_error(403)),
        pytest.raises(TransientDeliveryError),
    ):
        backend.send(MESSAGE)
    errors = [record for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 1
    assert "NOTIFY_API_KEY" in errors[0].getMessage()


@pytest.mark.parametrize("error", [_http_error(429), _http_error(500), requests.ConnectionError()])
def test_a_busy_or_unreachable_service_is_tried_again(backend, error):
    with (
        mock.patch.object(backend.client, "send_sms_notification", side_effect=error),
        pytest.raises(TransientDeliveryError),
    ):
        backend.send(MESSAGE)


def test_a_text_already_accepted_is_found_by_its_reference(backend):
    found = {"notifications": [{"id": "n-9", "reference": "abc123"}]}
    with mock.patch.object(backend.client, "get_all_notifications", return_value=found) as query:
        assert backend.find("abc123") == "n-9"
    query.assert_called_once_with(reference="abc123")


def test_without_a_key_texts_cannot_be_sent():
    with override_settings(NOTIFY_API_KEY=""), pytest.raises(PermanentDeliveryError):
        NotifySmsBackend()


def test_an_email_is_sent_through_its_template_with_subject_and_body():
    email = Outgoing("amy@example.org", "Your case", "Officers visited today.", "key-1")
    with override_settings(NOTIFY_API_KEY=KEY, NOTIFY_EMAIL_TEMPLATE_ID="email-tmpl"):
        backend = NotifyEmailBackend()
    with mock.patch.object(
        backend.client, "send_email_notification", return_value={"id": "e-1"}
    ) as send:
        assert backend.send(email) == "e-1"
    send.assert_called_once_with(
        email_address="amy@example.org",
        template_id="email-tmpl",
        personalisation={"subject": "Your case", "body": "Officers visited today."},
        reference="key-1",
    )
    with mock.patch.object(
        backend.client, "get_notification_by_id", return_value={"status": "permanent-failure"}
    ):
        assert backend.status("e-1") == "permanent-failure"


def test_without_an_email_template_emails_cannot_go_through_notify():
    with (
        override_settings(NOTIFY_API_KEY=KEY, NOTIFY_EMAIL_TEMPLATE_ID=""),
        pytest.raises(PermanentDeliveryError, match="NOTIFY_EMAIL_TEMPLATE_ID"),
    ):
        NotifyEmailBackend()
