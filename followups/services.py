"""Writes for victim follow-up. Each is one transaction, keyword-only, and takes
the acting user (None when the system or a member of the public acts)."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework import access
from casework import services as casework_services
from casework.models import Case, CaseParticipant, ParticipantRole, Person
from casework.working_days import next_working_day

from .content import check_victim_message
from .models import (
    CHANNEL_VALUES,
    SENT_BY_WORKER,
    Channel,
    ContactPlan,
    ContactRequest,
    Notification,
    StaffAlert,
    StatusLink,
)

logger = logging.getLogger(__name__)

STATUS_LINK_SALT = "followups.status-link"
# Who may hold a status link, and be sent updates, on a case.
UPDATED_ROLES = (ParticipantRole.VICTIM, ParticipantRole.REPORTER)


def _refuse(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_updated_person(case: Case, person: Person) -> None:
    on_case = CaseParticipant.objects.filter(case=case, person=person, role__in=UPDATED_ROLES)
    if not on_case.exists():
        raise ValidationError(
            {"person": f"{person} is not recorded as a victim or reporter on {case.reference}."}
        )


def contact_officer_for(case: Case, person: Person | None):
    """The single point of contact for ``person`` on ``case``: the plan's, else the lead officer."""
    plan = None
    if person is not None:
        plan = ContactPlan.objects.filter(case=case, person=person).first()
    if plan is not None and plan.single_point_of_contact_id:
        return plan.single_point_of_contact
    return case.lead_officer


# --- Status links ----------------------------------------------------------------------


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def status_link_issue(
    *, case: Case, person: Person, actor=None, valid_days: int | None = None
) -> str:
    """A new private status link for a victim or reporter on ``case``; returns its path.

    The token is signed (Django's signing, keyed by SECRET_KEY) and carries the
    link's id and a random secret; only the secret's hash is stored, so the link
    can be revoked and cannot be rebuilt from the database. ``actor`` None means
    the system issues it (for example to a member of the public who reported).
    """
    if actor is not None:
        _refuse(access.can_contribute(actor, case), "Your role cannot issue links for this case.")
    _require_updated_person(case, person)
    days = valid_days or settings.FOLLOWUPS_STATUS_LINK_DAYS
    secret = secrets.token_urlsafe(32)
    link = StatusLink.objects.create(
        case=case,
        person=person,
        secret_hash=secret_hash(secret),
        expires_at=timezone.now() + timedelta(days=days),
        created_by=actor,
    )
    token = signing.dumps([link.pk, secret], salt=STATUS_LINK_SALT)
    return reverse("followups:track", kwargs={"token": token})


@transaction.atomic
def status_link_revoke(
    *, actor, link: StatusLink | None = None, case: Case | None = None, person: Person | None = None
) -> int:
    """Revoke one link, or every live link of ``person`` on ``case``; returns how many."""
    links = StatusLink.objects.filter(revoked_at__isnull=True)
    if link is not None:
        links, case = links.filter(pk=link.pk), link.case
    elif case is not None and person is not None:
        links = links.filter(case=case, person=person)
    else:
        raise ValidationError("Say which link to revoke: a link, or a case and a person.")
    if actor is not None:
        _refuse(access.can_contribute(actor, case), "Your role cannot revoke links for this case.")
    revoked = 0
    for row in links.select_for_update():
        row.revoked_at, row.revoked_by = timezone.now(), actor
        row.save(update_fields=["revoked_at", "revoked_by"])
        revoked += 1
    return revoked


# --- The outbox ------------------------------------------------------------------------


def idempotency_key(event_key: str, recipient: str, channel: str) -> str:
    return hashlib.sha256(f"{event_key}|{recipient}|{channel}".encode()).hexdigest()


def _victim_address(person: Person, channel: str) -> str:
    address = {Channel.EMAIL: person.email, Channel.SMS: person.phone}.get(channel, "")
    if channel in SENT_BY_WORKER and not address:
        label = "email address" if channel == Channel.EMAIL else "mobile number"
        raise ValidationError({"channel": f"There is no {label} on record for {person}."})
    return address


def _enqueue_on_commit(notification: Notification) -> None:
    pk = notification.pk

    def enqueue() -> None:
        from .tasks import deliver_notification

        try:
            deliver_notification.delay(pk)
        except Exception:  # the broker is down: the periodic scan sends it later
            logger.warning("Could not enqueue notification %s; the scanner will.", pk)

    transaction.on_commit(enqueue)


@transaction.atomic
def notification_queue(
    *,
    case: Case | None,
    person: Person | None,
    channel: str,
    subject: str,
    body: str,
    actor,
    event_key: str,
    recipient=None,
) -> Notification:
    """Put a message in the outbox, in the caller's transaction.

    To a victim or reporter (``person``, who must be on ``case``), the content is
    checked by ``content.check_victim_message``. To staff, pass ``recipient``
    (a user) and leave ``person`` None. The same ``event_key`` for the same
    recipient and channel yields the existing message, never a second one.
    Email and text messages go to a worker once the transaction commits; phone
    and letter become an action for the single point of contact.
    """
    if channel not in CHANNEL_VALUES:
        raise ValidationError({"channel": f"'{channel}' is not a channel."})
    if (person is None) == (recipient is None):
        raise ValidationError("A message goes to a person on the case or to a member of staff.")
    if person is not None:
        if actor is not None:
            _refuse(access.can_contribute(actor, case), "Your role cannot message this victim.")
        _require_updated_person(case, person)
        check_victim_message(case=case, person=person, subject=subject, body=body)
        address, who = _victim_address(person, channel), f"person:{person.pk}"
    else:
        address, who = recipient.email, f"user:{recipient.pk}"
    key = idempotency_key(event_key, who, channel)
    existing = Notification.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    notification = Notification(
        case=case,
        person=person,
        recipient=recipient,
        channel=channel,
        address=address,
        subject=subject,
        body=body,
        event_key=event_key,
        idempotency_key=key,
        created_by=actor,
        next_attempt_at=timezone.now()
        + timedelta(seconds=settings.FOLLOWUPS_ENQUEUE_GRACE_SECONDS),
    )
    notification.full_clean()
    notification.save()
    if channel in SENT_BY_WORKER:
        _enqueue_on_commit(notification)
    else:
        _hand_to_officer(notification, actor)
    return notification


def _hand_to_officer(notification: Notification, actor) -> None:
    verb = "Phone" if notification.channel == Channel.PHONE else "Write to"
    officer_action_raise(
        case=notification.case,
        person=notification.person,
        description=f"{verb} {notification.person} with the update: {notification.subject}",
        actor=actor,
    )
    notification.status = Notification.Status.OFFICER_TASK
    notification.save(update_fields=["status"])


def officer_action_raise(*, case: Case, person: Person, description: str, actor=None):
    """An action on the case for ``person``'s single point of contact.

    Raised through casework's ``action_add`` in the name of ``actor`` where they
    may add to the case, else in the contact officer's own name (the casebook has
    no system user); returns None if the case has no contact officer to hold it.
    """
    officer = contact_officer_for(case, person)
    if officer is None:
        return None
    by = actor if actor is not None and access.can_contribute(actor, case) else officer
    if not access.can_contribute(by, case):
        return None
    return casework_services.action_add(
        actor=by,
        case=case,
        description=description[:500],
        assigned_agency=case.lead_agency,
        assigned_to=officer,
        due_on=next_working_day(timezone.localdate()),
    )


@transaction.atomic
def staff_alert_raise(
    *, user, kind: str, message: str, case: Case | None = None, obligation=None, email: bool = True
) -> StaffAlert:
    """An in-app alert for ``user``, and the same by email through the outbox."""
    alert = StaffAlert.objects.create(
        user=user, kind=kind, message=message[:300], case=case, obligation=obligation
    )
    if email and user.email:
        notification_queue(
            case=case,
            person=None,
            recipient=user,
            channel=Channel.EMAIL,
            subject=f"ICST casebook: {alert.get_kind_display()}",
            body=f"{message}\n\nSign in to the casebook to see the case.",
            actor=None,
            event_key=f"alert:{alert.pk}",
        )
    return alert


# --- What the public may do through a status link ------------------------------------------


@transaction.atomic
def contact_request_make(*, link: StatusLink, message: str = "") -> ContactRequest:
    """The victim or reporter asks to be contacted: the contact officer gets an
    alert and an action to phone them."""
    request = ContactRequest(
        link=link, case=link.case, person=link.person, message=message.strip()[:1000]
    )
    request.full_clean()
    request.save()
    officer = contact_officer_for(link.case, link.person)
    if officer is not None:
        staff_alert_raise(
            user=officer,
            kind=StaffAlert.Kind.CONTACT_REQUEST,
            message=f"{link.person} asked to be contacted about {link.case.reference}.",
            case=link.case,
        )
    officer_action_raise(
        case=link.case,
        person=link.person,
        description=f"Phone {link.person}: they asked for contact through their status link.",
    )
    return request
