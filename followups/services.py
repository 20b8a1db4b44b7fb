"""Writes for victim follow-up. Each is one transaction, keyword-only, and takes
the acting user (None when the system or a member of the public acts)."""

import hashlib
import logging
import secrets
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework import access
from casework import services as casework_services
from casework.models import Case, CaseParticipant, ParticipantRole, Person
from common.working_days import next_working_day

from . import hooks, obligations
from .content import check_victim_message
from .messages import TEMPLATES
from .models import (
    CHANNEL_VALUES,
    SENT_BY_WORKER,
    Channel,
    ContactPlan,
    ContactRequest,
    Notification,
    Obligation,
    StaffAlert,
    StatusLink,
)

logger = logging.getLogger(__name__)

STATUS_LINK_SALT = "followups.status-link"
# Who may hold a status link, and be sent updates, on a case.
UPDATED_ROLES = (ParticipantRole.VICTIM, ParticipantRole.REPORTER)


def _require_updated_person(case: Case, person: Person) -> None:
    on_case = CaseParticipant.objects.filter(case=case, person=person, role__in=UPDATED_ROLES)
    if not on_case.exists():
        raise ValidationError(
            {"person": f"{person} is not recorded as a victim or reporter on {case.reference}."}
        )


def contact_officer_for(case: Case, person: Person | None):
    """The contact for ``person`` on ``case``: the plan's single point of contact while they
    may still see the case (their agency may have lost its share), else the lead officer."""
    plan = None
    if person is not None:
        plan = ContactPlan.objects.filter(case=case, person=person).first()
    named = plan.single_point_of_contact if plan is not None else None
    if named is not None and access.can_view(named, case):
        return named
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
        access.ensure(
            access.can_contribute(actor, case), "Your role cannot issue links for this case."
        )
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
        access.ensure(
            access.can_contribute(actor, case), "Your role cannot revoke links for this case."
        )
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
        # The tasks import the outbox, which imports these services: looked up when enqueued.
        from .tasks import deliver_notification  # noqa: PLC0415

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
            access.ensure(
                access.can_contribute(actor, case), "Your role cannot message this victim."
            )
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
    alert = StaffAlert(user=user, kind=kind, message=message, case=case, obligation=obligation)
    return staff_alerts_raise([alert], email=email)[0]


def staff_alerts_raise(alerts: list[StaffAlert], *, email: bool = True) -> list[StaffAlert]:
    """Unsaved alerts saved at once, and one email per person who has an address saying
    how many new alerts await them, through the outbox: a scan raising a thousand
    reminders writes a few rows, and a manager gets one email, not thirty.

    The email names no one and no case: staff read the detail after signing in, so
    personal data stays out of mailboxes. Each email is for new alerts, so it cannot
    already be in the outbox: no lookup is needed, and the unique idempotency key
    still stands guard.
    """
    for alert in alerts:
        alert.message = alert.message[:300]
    saved = StaffAlert.objects.bulk_create(alerts)
    if not email:
        return saved
    by_user: dict[int, list[StaffAlert]] = {}
    for alert in saved:
        if alert.user.email:
            by_user.setdefault(alert.user_id, []).append(alert)
    send_at = timezone.now() + timedelta(seconds=settings.FOLLOWUPS_ENQUEUE_GRACE_SECONDS)
    emails = Notification.objects.bulk_create(
        _alerts_email(theirs, send_at) for theirs in by_user.values()
    )
    ids = [message.pk for message in emails]
    if ids:
        transaction.on_commit(lambda: _enqueue_batch(ids))
    return saved


def _alerts_email(alerts: list[StaffAlert], send_at) -> Notification:
    user, first = alerts[0].user, alerts[0]
    kinds = Counter(alert.kind for alert in alerts)
    lines = "\n".join(f"- {StaffAlert.Kind(kind).label}: {count}" for kind, count in kinds.items())
    subject = (
        f"ICST casebook: {StaffAlert.Kind(first.kind).label}"
        if len(alerts) == 1
        else f"ICST casebook: {len(alerts)} new alerts"
    )
    event_key = f"alerts:{first.pk}:{len(alerts)}"
    return Notification(
        recipient=user,
        channel=Channel.EMAIL,
        address=user.email,
        subject=subject,
        body=f"You have new alerts in the casebook:\n\n{lines}\n\n"
        "Sign in to the casebook to see them.",
        event_key=event_key,
        idempotency_key=idempotency_key(event_key, f"user:{user.pk}", Channel.EMAIL),
        next_attempt_at=send_at,
    )


def _enqueue_batch(ids: list[int]) -> None:
    # The tasks import the outbox, which imports these services: looked up when enqueued.
    from .tasks import deliver_notifications  # noqa: PLC0415

    try:
        deliver_notifications.delay(ids)
    except Exception:  # the broker is down: the periodic scan sends them later
        logger.warning("Could not enqueue %s notifications; the scanner will.", len(ids))


# --- What the public may do through a status link ------------------------------------------


def contact_request_pending(*, case: Case, person: Person) -> ContactRequest | None:
    """``person``'s request for contact on ``case`` that no one has answered yet: its officer's
    action is still open, or it was made before triage and waits there for an officer."""
    requests = ContactRequest.objects.filter(case=case, person=person).order_by("-created_at")
    request = requests.select_related("action").first()
    if request is None:
        return None
    if request.action is not None:
        return request if not request.action.is_done else None
    return request if case_awaits_triage(case) else None


def case_awaits_triage(case: Case) -> bool:
    """Whether ``case`` is a report that no officer has yet (``hooks.triage_pending``)."""
    return any(hooks.triage_pending(case=case))


@transaction.atomic
def contact_request_make(*, link: StatusLink, message: str = "") -> ContactRequest:
    """The victim or reporter asks to be contacted: the contact officer gets an alert and an
    action to phone them. Before triage, when there is no officer yet, the report moves to
    the front of the triage queue, flagged. Asking again while a request is pending adds
    the new words to it rather than a second request."""
    message = message.strip()[:1000]
    pending = contact_request_pending(case=link.case, person=link.person)
    if pending is not None:
        if message and message not in pending.message:
            pending.message = "\n\n".join(filter(None, [pending.message, message]))[:2000]
            pending.save(update_fields=["message"])
        return pending
    request = ContactRequest(link=link, case=link.case, person=link.person, message=message)
    request.full_clean()
    request.save()
    if case_awaits_triage(link.case):
        hooks.contact_requested_before_triage(case=link.case, at=request.created_at)
    else:
        contact_request_route(request=request)
    return request


@transaction.atomic
def contact_request_route(
    *, request: ContactRequest, case: Case | None = None, actor=None
) -> ContactRequest:
    """Pass the request to the contact officer on ``case`` (by default the request's own):
    an alert and an action to phone the person."""
    case, person = case or request.case, request.person
    officer = contact_officer_for(case, person)
    if officer is not None:
        staff_alert_raise(
            user=officer,
            kind=StaffAlert.Kind.CONTACT_REQUEST,
            message=f"{person} asked to be contacted about {case.reference}.",
            case=case,
        )
    request.action = officer_action_raise(
        case=case,
        person=person,
        description=f"Phone {person}: they asked for contact through their status link.",
        actor=actor,
    )
    request.save(update_fields=["action"])
    return request


# --- Contact plans and updates (the officer's side) -------------------------------------------

PLAN_EDITABLE_FIELDS = frozenset(
    {
        "entitlement",
        "channel",
        "update_every_working_days",
        "opted_out",
        "victim_support_opt_out",
        "single_point_of_contact",
    }
)


@transaction.atomic
def plan_update(*, actor, plan: ContactPlan, **changes) -> ContactPlan:
    """Change a victim's contact plan. Opting out cancels the updates owed;
    opting back in (or a new frequency) owes the next regular update afresh; a new
    entitlement re-dates the open key-event updates (never later than promised)."""
    access.ensure(access.can_contribute(actor, plan.case), "Your role cannot change contact plans.")
    unknown = set(changes) - PLAN_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({field: "This cannot be changed here." for field in unknown})
    spoc = changes.get("single_point_of_contact")
    if spoc is not None and not access.can_contribute(spoc, plan.case):
        raise ValidationError(
            {"single_point_of_contact": "The contact must be someone who works this case."}
        )
    before = (
        plan.opted_out,
        plan.update_every_working_days,
        plan.victim_support_opt_out,
        plan.entitlement,
    )
    for field, value in changes.items():
        setattr(plan, field, value)
    plan.full_clean()
    plan._history_user = actor
    plan.save()
    obligations.plan_changed(plan=plan, before=before, actor=actor)
    return plan


def _require_plan_access(actor, plan: ContactPlan) -> None:
    access.ensure(access.can_contribute(actor, plan.case), "Your role cannot update this victim.")


@transaction.atomic
def key_event_record(*, actor, case: Case, event: str) -> list:
    """An officer records a key event (arrest, charge, release, decision not to
    proceed): every victim on the case is owed an update within the key-event period."""
    access.ensure(access.can_contribute(actor, case), "Your role cannot record key events.")
    if event not in obligations.RECORDED_KEY_EVENTS:
        raise ValidationError({"event": "Choose a key event."})
    casework_services.entry_add(
        actor=actor,
        case=case,
        kind="decision",
        body=f"Key event: {obligations.KEY_EVENTS[event]}. Each victim is owed an update.",
    )
    return obligations.key_event_owed(case=case, event=event, actor=actor)


@transaction.atomic
def contact_record(*, actor, plan: ContactPlan, summary: str, how: str = "Phone call") -> list:
    """A contact made outside the outbox (a phone call, a visit): on the timeline,
    and it meets the updates owed to this victim."""
    _require_plan_access(actor, plan)
    if not summary.strip():
        raise ValidationError({"summary": "Say what you told the victim."})
    casework_services.entry_add(
        actor=actor,
        case=plan.case,
        kind="contact",
        body=f"{how} with {plan.person}: {summary.strip()}",
    )
    return obligations.obligations_meet(plan=plan, how=how, actor=actor)


@transaction.atomic
def referral_record(*, actor, plan: ContactPlan, detail: str = "") -> list:
    """The victim was referred to victim support."""
    _require_plan_access(actor, plan)
    casework_services.entry_add(
        actor=actor,
        case=plan.case,
        kind="decision",
        body=f"{plan.person} referred to victim support. {detail}".strip(),
    )
    return obligations.obligations_meet(
        plan=plan, how="Referred", actor=actor, kinds=(Obligation.Kind.VICTIM_SUPPORT,)
    )


@transaction.atomic
def update_send(
    *, actor, plan: ContactPlan, template_key: str, subject: str, body: str, send_key: str
) -> Notification:
    """An officer sends an update written from a template, by the victim's channel.
    ``send_key`` (from the form) makes a repeated submission send one message."""

    _require_plan_access(actor, plan)
    if template_key not in TEMPLATES:
        raise ValidationError({"template_key": "Choose the message template to start from."})
    if "[" in body or "]" in body:
        raise ValidationError({"body": "Replace the parts in square brackets with your words."})
    if plan.channel not in SENT_BY_WORKER:
        raise ValidationError(
            {"body": "This victim is updated by phone or letter: record the contact instead."}
        )
    return notification_queue(
        case=plan.case,
        person=plan.person,
        channel=plan.channel,
        subject=subject.strip(),
        body=body.strip(),
        actor=actor,
        event_key=f"update:{plan.pk}:{send_key}",
    )


@transaction.atomic
def status_link_send(*, actor, plan: ContactPlan) -> Notification | str:
    """Issue a new status link and send it to the victim by email or text; for
    phone and letter, return the link for the officer to pass on."""
    path = status_link_issue(case=plan.case, person=plan.person, actor=actor)
    url = f"{settings.FOLLOWUPS_PUBLIC_BASE_URL.rstrip('/')}{path}"
    if plan.channel not in SENT_BY_WORKER:
        return url
    return notification_queue(
        case=plan.case,
        person=plan.person,
        channel=plan.channel,
        subject=f"Follow your case {plan.case.reference}",
        body=f"You can see the progress of your case {plan.case.reference} at {url}\n"
        "Keep this link private.",
        actor=actor,
        event_key=f"status-link:{path}",
    )


@transaction.atomic
def staff_alert_read(*, actor, alert: StaffAlert) -> StaffAlert:
    access.ensure(alert.user_id == actor.pk, "This is someone else's notification.")
    if alert.read_at is None:
        alert.read_at = timezone.now()
        alert.save(update_fields=["read_at"])
    return alert


def contact_plan_history_erase(case: Case) -> None:
    """On disposal: the case's contact plans, their obligations, and every history row
    about them (deleting a plan writes more, so the plans go first)."""
    ContactPlan.objects.filter(case=case).delete()
    ContactPlan.history.filter(case_id=case.pk).delete()
    Obligation.history.filter(case_id=case.pk).delete()
