"""Asking the provider what became of sent messages: never while holding a row lock,
the least recently asked first, and not past the days the provider keeps a status,
after which the message's delivery is recorded as unknown."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from followups import channels, outbox, services
from followups.models import Notification
from followups.tasks import deliver_notification

Status = Notification.Status


def sent_text(case, person, actor, key: str) -> Notification:
    notification = services.notification_queue(
        case=case,
        person=person,
        channel="sms",
        subject="An update on your case",
        body="Officers patrolled your street.",
        actor=actor,
        event_key=key,
    )
    deliver_notification.delay(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    return notification


def asked(calls: mock.Mock) -> list[str]:
    return [call.args[1] for call in calls.call_args_list]


@pytest.mark.django_db(transaction=True)
def test_the_provider_is_asked_outside_any_transaction(cast, case, victim):
    notification = sent_text(case, victim, cast.owner, "t1")

    def provider(channel: str, reference: str) -> str:
        assert not connection.in_atomic_block, "a row lock would be held during the call"
        return "delivered"

    with mock.patch.object(channels, "delivery_status", side_effect=provider):
        assert outbox.check_deliveries() == 1
    notification.refresh_from_db()
    assert notification.status == Status.DELIVERED


def test_a_message_that_changed_while_the_provider_was_asked_is_left_alone(cast, case, victim):
    notification = sent_text(case, victim, cast.owner, "t1")

    def provider(channel: str, reference: str) -> str:
        Notification.objects.filter(pk=notification.pk).update(
            status=Status.DELIVERED, delivered_at=timezone.now()
        )  # another scan applied a receipt meanwhile
        return "permanent-failure"

    with mock.patch.object(channels, "delivery_status", side_effect=provider):
        assert outbox.check_deliveries() == 0
    notification.refresh_from_db()
    assert notification.status == Status.DELIVERED
    assert not case.actions.filter(description__startswith="Phone Amy Jones").exists()


def test_the_least_recently_asked_are_asked_first(cast, case, victim):
    start = timezone.now()
    texts = []
    for n in range(3):
        with time_machine.travel(start + timedelta(seconds=n), tick=False):
            texts.append(sent_text(case, victim, cast.owner, f"t{n}").provider_reference)
    first, second, third = texts
    rounds = []
    for n in range(3):
        at = start + timedelta(minutes=1) + (outbox.RECHECK_AFTER + timedelta(seconds=1)) * n
        with (
            time_machine.travel(at, tick=False),
            mock.patch.object(channels, "delivery_status", return_value="sending") as calls,
        ):
            outbox.check_deliveries(batch=2)
            rounds.append(asked(calls))
    # Asked as long ago as another, the message sent earlier goes first.
    assert rounds == [[first, second], [third, first], [second, first]]


def test_a_message_just_asked_about_is_not_asked_again_at_once(cast, case, victim):
    sent_text(case, victim, cast.owner, "t1")
    with mock.patch.object(channels, "delivery_status", return_value="sending") as calls:
        assert outbox.check_deliveries() == 1
        assert outbox.check_deliveries() == 0
    assert calls.call_count == 1


def test_a_provider_error_does_not_keep_a_message_at_the_head_of_the_queue(cast, case, victim):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = sent_text(case, victim, cast.owner, "t1").provider_reference
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        second = sent_text(case, victim, cast.owner, "t2").provider_reference
    error = channels.TransientDeliveryError("Notify unavailable")
    with mock.patch.object(channels, "delivery_status", side_effect=error) as calls:
        outbox.check_deliveries(batch=1)
    with (
        time_machine.travel(timezone.now() + outbox.RECHECK_AFTER / 2),
        mock.patch.object(channels, "delivery_status", return_value="sending") as later,
    ):
        outbox.check_deliveries(batch=1)
    assert (asked(calls), asked(later)) == ([first], [second])


def test_past_the_providers_retention_a_message_is_not_asked_about_and_its_delivery_is_unknown(
    cast, case, victim, client
):
    now = timezone.now()
    with time_machine.travel(now - outbox.RECEIPT_WINDOW - timedelta(hours=1)):
        old = sent_text(case, victim, cast.owner, "old")
    with time_machine.travel(now - outbox.RECEIPT_WINDOW + timedelta(hours=1)):
        recent = sent_text(case, victim, cast.owner, "recent")
    with mock.patch.object(channels, "delivery_status", return_value="sending") as calls:
        assert outbox.check_deliveries() == 1
    assert asked(calls) == [recent.provider_reference]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, old.delivery_unknown_at is not None) == (Status.SENT, True)
    assert recent.delivery_unknown_at is None
    with (
        time_machine.travel(now + outbox.RECHECK_AFTER * 2),
        mock.patch.object(channels, "delivery_status", return_value="sending") as calls,
    ):
        outbox.check_deliveries()
    assert asked(calls) == [recent.provider_reference]  # the old one, never again
    client.force_login(cast.owner)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "sent, delivery not confirmed" in page


def test_a_receipt_for_a_staff_email_is_applied_without_touching_any_case(cast, case, settings):
    from followups.models import StaffAlert

    settings.FOLLOWUPS_EMAIL_BACKEND = "followups.channels.LocmemEmailBackend"
    alert = StaffAlert(user=cast.owner, kind=StaffAlert.Kind.REMINDER, message="Due.", case=case)
    services.staff_alerts_raise([alert])
    email = Notification.objects.get(recipient=cast.owner)
    deliver_notification.delay(email.pk)
    entries = case.timeline.count()

    with mock.patch.object(channels, "delivery_status", return_value="delivered"):
        assert outbox.check_deliveries() == 1

    email.refresh_from_db()
    assert email.status == Status.DELIVERED
    assert case.timeline.count() == entries
