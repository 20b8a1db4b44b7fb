"""The outbox: written with the event, sent once after commit, retried with
backoff, never twice, and a failure becomes a phone call for the contact officer."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient
from requests import Response

from casework import services as casework_services
from casework.models import EntryKind
from followups import outbox, services
from followups.channels import LocmemEmailBackend, LocmemSmsBackend
from followups.models import Notification, StaffAlert
from followups.tasks import deliver_notification
from partners.models import Sensitivity

Status = Notification.Status


def queue(case, person, actor, channel="email", body="We visited the street today.", key="e1"):
    return services.notification_queue(
        case=case,
        person=person,
        channel=channel,
        subject="An update on your case",
        body=body,
        actor=actor,
        event_key=key,
    )


def test_a_message_is_sent_once_the_transaction_commits(
    cast, case, victim, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(case, victim, cast.owner)
        assert mail.outbox == []  # nothing leaves before the commit
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert [m.to for m in mail.outbox] == [["amy@example.org"]]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<{notification.idempotency_key}")


def test_a_rolled_back_transaction_sends_nothing(
    cast, case, victim, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks(execute=True)
    with capture as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        queue(case, victim, cast.owner)
        raise RuntimeError("the event failed")
    assert callbacks == []
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_a_redelivered_task_does_not_send_twice(cast, case, victim):
    notification = queue(case, victim, cast.owner)
    deliver_notification.delay(notification.pk)
    deliver_notification.delay(notification.pk)  # the broker hands it out again
    outbox.deliver(notification.pk)
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.SENT, 1)


def test_the_same_event_queued_twice_makes_one_message(cast, case, victim):
    first = queue(case, victim, cast.owner, key="case-closed:1")
    second = queue(case, victim, cast.owner, key="case-closed:1")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_a_transient_failure_is_retried_with_backoff_then_delivered_once(
    cast, case, victim, eager_retries
):
    notification = queue(case, victim, cast.owner)
    real_send = mail.EmailMessage.send
    calls = []

    def flaky(self, fail_silently=False):
        calls.append(1)
        if len(calls) < 3:
            raise smtplib.SMTPServerDisconnected("connection dropped")
        return real_send(self, fail_silently)

    with mock.patch.object(mail.EmailMessage, "send", flaky):
        deliver_notification.delay(notification.pk)
    notification.refresh_from_db()
    assert len(calls) == 3
    assert len(mail.outbox) == 1
    assert (notification.status, notification.attempts) == (Status.SENT, 3)


def test_backoff_doubles_each_time():
    assert [outbox.backoff_seconds(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_a_failed_try_waits_for_its_backoff_before_the_scan_resends(cast, case, victim, commit):
    notification = queue(case, victim, cast.owner)
    with mock.patch.object(
        mail.EmailMessage, "send", side_effect=smtplib.SMTPServerDisconnected("down")
    ):
        assert outbox.deliver(notification.pk) == 60
    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    assert outbox.dispatch_due() == []  # not yet due
    with time_machine.travel(timezone.now() + timedelta(seconds=61)), commit():
        assert outbox.dispatch_due() == [notification.pk]
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_worker_killed_mid_send_loses_nothing(cast, case, victim, commit):
    notification = queue(case, victim, cast.owner, channel="sms")
    claimed = outbox.claim(notification.pk)  # ...and the worker dies here
    assert claimed.status == Status.SENDING
    assert outbox.deliver(notification.pk) is None  # a redelivery meanwhile leaves it alone
    assert outbox.dispatch_due() == []  # the claim is still fresh
    with time_machine.travel(timezone.now() + timedelta(minutes=11)), commit():
        assert outbox.dispatch_due() == [notification.pk]
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert len(LocmemSmsBackend.outbox) == 1


def test_a_message_that_kills_its_worker_every_time_fails_at_the_attempt_limit(
    cast, case, victim, settings
):
    notification = queue(case, victim, cast.owner, channel="sms")
    start, stale = timezone.now(), timedelta(seconds=settings.FOLLOWUPS_CLAIM_TIMEOUT_SECONDS + 1)
    for n in range(settings.FOLLOWUPS_MAX_ATTEMPTS):
        with time_machine.travel(start + stale * n):
            assert outbox.claim(notification.pk) is not None  # ...and the worker dies each time
    with time_machine.travel(start + stale * settings.FOLLOWUPS_MAX_ATTEMPTS):
        assert outbox.deliver(notification.pk) is None
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.attempts == settings.FOLLOWUPS_MAX_ATTEMPTS
    assert "stopped while sending" in notification.last_error
    assert LocmemSmsBackend.outbox == []
    assert case.actions.filter(description__startswith="Phone Amy Jones").exists()
    assert StaffAlert.objects.filter(user=cast.owner, kind="delivery_failed").exists()


def test_a_stale_claim_at_the_limit_found_by_the_scan_is_not_sent(
    cast, case, victim, commit, settings
):
    limit = settings.FOLLOWUPS_MAX_ATTEMPTS
    notification = queue(case, victim, cast.owner, channel="sms")
    outbox.claim(notification.pk)
    Notification.objects.filter(pk=notification.pk).update(attempts=limit)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)), commit():
        assert outbox.dispatch_due() == [notification.pk]
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.FAILED, limit)
    assert LocmemSmsBackend.outbox == []


def test_a_text_the_provider_already_took_is_not_sent_again_after_a_crash(
    cast, case, victim, commit
):
    notification = queue(case, victim, cast.owner, channel="sms")
    claimed = outbox.claim(notification.pk)
    LocmemSmsBackend().send(outbox._outgoing(claimed))  # sent, then the worker died
    with time_machine.travel(timezone.now() + timedelta(minutes=11)), commit():
        outbox.dispatch_due()
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert len(LocmemSmsBackend.outbox) == 1


def test_giving_up_asks_the_contact_officer_to_phone_the_victim(cast, case, victim, eager_retries):
    notification = queue(case, victim, cast.owner)
    with mock.patch.object(
        mail.EmailMessage, "send", side_effect=smtplib.SMTPServerDisconnected("down")
    ):
        deliver_notification.delay(notification.pk)  # eager: every retry runs at once
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.FAILED, 6)
    action = case.actions.get(description__startswith="Phone Amy Jones")
    assert action.assigned_to == cast.owner
    assert StaffAlert.objects.filter(user=cast.owner, kind="delivery_failed").exists()
    entry = case.timeline.filter(kind=EntryKind.CONTACT).first()
    assert "NOT delivered" in entry.body


def test_a_refused_notify_key_leaves_the_victims_message_to_be_retried(
    cast, case, victim, settings
):
    settings.FOLLOWUPS_SMS_BACKEND = "followups.channels.NotifySmsBackend"
    settings.NOTIFY_API_KEY = "test_key-" + "0" * 36 + "-" + "1" * 36
    settings.NOTIFY_SMS_TEMPLATE_ID = "tmpl"
    notification = queue(case, victim, cast.owner, channel="sms")
    forbidden = Response()
    forbidden.status_code, forbidden._content = 403, b'{"errors": [{"message": "Invalid token"}]}'
    with mock.patch.object(
        NotificationsAPIClient, "send_sms_notification", side_effect=HTTPError(response=forbidden)
    ):
        assert outbox.deliver(notification.pk) == 60
    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    assert not case.actions.filter(description__startswith="Phone Amy Jones").exists()


def test_a_refused_address_fails_at_once(cast, case, victim):
    notification = queue(case, victim, cast.owner)
    refused = smtplib.SMTPRecipientsRefused({"amy@example.org": (550, b"no such user")})
    with mock.patch.object(mail.EmailMessage, "send", side_effect=refused):
        deliver_notification.delay(notification.pk)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Status.FAILED, 1)
    assert case.actions.filter(description__startswith="Phone Amy Jones").exists()


def test_a_bounced_text_becomes_a_phone_call(cast, case, victim):
    notification = queue(case, victim, cast.owner, channel="sms")
    deliver_notification.delay(notification.pk)
    notification.refresh_from_db()
    LocmemSmsBackend.statuses[notification.provider_reference] = "permanent-failure"
    assert outbox.check_deliveries() == 1
    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert case.actions.filter(description__startswith="Phone Amy Jones").exists()


def test_an_email_bounced_at_notify_becomes_a_phone_call(cast, case, victim, settings):
    settings.FOLLOWUPS_EMAIL_BACKEND = "followups.channels.LocmemEmailBackend"
    notification = queue(case, victim, cast.owner)
    deliver_notification.delay(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Status.SENT and len(LocmemEmailBackend.outbox) == 1
    LocmemEmailBackend.statuses[notification.provider_reference] = "permanent-failure"
    assert outbox.check_deliveries() == 1
    notification.refresh_from_db()
    assert notification.status == Status.FAILED and "email bounced" in notification.last_error
    assert case.actions.filter(description__startswith="Phone Amy Jones").exists()


def test_email_through_django_is_not_asked_about_bounces(cast, case, victim):
    deliver_notification.delay(queue(case, victim, cast.owner).pk)
    assert len(mail.outbox) == 1
    assert outbox.check_deliveries() == 0


def test_a_delivered_text_is_recorded_on_the_timeline(cast, case, victim):
    notification = queue(case, victim, cast.owner, channel="sms")
    deliver_notification.delay(notification.pk)
    notification.refresh_from_db()
    LocmemSmsBackend.statuses[notification.provider_reference] = "delivered"
    outbox.check_deliveries()
    notification.refresh_from_db()
    assert notification.status == Status.DELIVERED
    bodies = list(case.timeline.filter(kind=EntryKind.CONTACT).values_list("body", flat=True))
    assert any(body.endswith("delivered.") for body in bodies)
    assert any("sent by text message" in body for body in bodies)


def test_the_timeline_entry_for_a_sent_message_is_added_in_the_senders_name(cast, case, victim):
    notification = queue(case, victim, cast.council_officer, channel="sms")
    deliver_notification.delay(notification.pk)
    entry = case.timeline.get(kind=EntryKind.CONTACT)
    assert "sent by text message" in entry.body
    assert (entry.author, entry.author_agency) == (cast.council_officer, cast.council)
    event = case.events.get(kind="entry_added", data__entry=entry.pk)
    assert event.actor == cast.council_officer


def test_a_sender_who_may_no_longer_add_to_the_case_leaves_the_entry_to_the_contact_officer(
    cast, case, victim
):
    notification = queue(case, victim, cast.council_officer, channel="sms")
    casework_services.case_share_revoke(
        actor=cast.owner, share=case.shares.get(agency=cast.council), reason="Council closed it."
    )
    deliver_notification.delay(notification.pk)
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    entry = case.timeline.get(kind=EntryKind.CONTACT)
    assert (entry.author, entry.author_agency) == (cast.owner, cast.police)
    assert case.events.get(kind="entry_added", data__entry=entry.pk).actor == cast.owner


def test_phone_and_letter_become_a_task_for_the_officer(cast, case, victim):
    notification = queue(case, victim, cast.owner, channel="phone")
    assert notification.status == Status.OFFICER_TASK
    assert case.actions.get(description__startswith="Phone Amy Jones").assigned_to == cast.owner
    assert mail.outbox == [] and LocmemSmsBackend.outbox == []


def test_a_message_repeating_restricted_notes_is_refused(cast, case, victim):
    casework_services.entry_add(
        actor=cast.owner,
        case=case,
        body="Intelligence suggests the suspect deals from the garage at number 14.",
        sensitivity=Sensitivity.POLICE_INTELLIGENCE,
    )
    with pytest.raises(ValidationError, match="restricted case information"):
        queue(case, victim, cast.owner, body="We think the suspect deals from the garage.")
    queue(case, victim, cast.owner, body="Officers patrolled your street twice this week.")


def test_a_message_naming_the_person_of_concern_is_refused(cast, case, victim):
    subject, _ = casework_services.person_find_or_create(
        actor=cast.owner, given_name="Kyle", family_name="Barker"
    )
    casework_services.participant_add(actor=cast.owner, case=case, person=subject, role="subject")
    with pytest.raises(ValidationError, match="person of concern"):
        queue(case, victim, cast.owner, body="We have spoken to Mr Barker.")


def test_standard_notes_may_be_quoted(cast, case, victim):
    casework_services.entry_add(
        actor=cast.owner, case=case, body="Patrols were increased on the High Street."
    )
    assert queue(case, victim, cast.owner, body="Patrols were increased on the High Street.")


def test_a_victim_without_an_email_address_cannot_be_emailed(cast, case):
    person, _ = casework_services.person_find_or_create(
        actor=cast.owner, given_name="No", family_name="Email"
    )
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    with pytest.raises(ValidationError, match="no email address"):
        queue(case, person, cast.owner)


def test_outsiders_cannot_message_a_victim(cast, case, victim):
    with pytest.raises(PermissionDenied):
        queue(case, victim, cast.fire_officer)
    with pytest.raises(PermissionDenied):
        queue(case, victim, cast.council_partner)


def test_a_broker_outage_at_commit_leaves_the_message_for_the_scan(
    cast, case, victim, django_capture_on_commit_callbacks, commit
):
    broker_down = mock.patch.object(
        deliver_notification, "delay", side_effect=ConnectionError("down")
    )
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        notification = queue(case, victim, cast.owner)
    notification.refresh_from_db()
    assert notification.status == Status.QUEUED
    with time_machine.travel(timezone.now() + timedelta(minutes=3)), commit():
        outbox.dispatch_due()
    notification.refresh_from_db()
    assert notification.status == Status.SENT


def test_a_stale_claim_at_the_limit_the_provider_already_took_is_recorded_as_sent(
    cast, case, victim, settings
):
    notification = queue(case, victim, cast.owner, channel="sms")
    start, stale = timezone.now(), timedelta(seconds=settings.FOLLOWUPS_CLAIM_TIMEOUT_SECONDS + 1)
    for n in range(settings.FOLLOWUPS_MAX_ATTEMPTS):
        with time_machine.travel(start + stale * n):
            claimed = outbox.claim(notification.pk)
    LocmemSmsBackend().send(outbox._outgoing(claimed))  # the last worker sent it, then died
    with time_machine.travel(start + stale * settings.FOLLOWUPS_MAX_ATTEMPTS):
        assert outbox.deliver(notification.pk) is None
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert len(LocmemSmsBackend.outbox) == 1
    assert not case.actions.filter(description__startswith="Phone Amy Jones").exists()
