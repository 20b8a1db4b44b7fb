"""What the follow-ups app holds about a person on a case, for a subject access disclosure:
their contact plan, the messages sent to them (never those to anyone else), the status
links issued to them (never a link's secret) and what they asked through those links.
Connected to ``casework.hooks.subject_access_case_parts``."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from casework.models import Case, Person

from .models import ContactPlan, ContactRequest, Notification, StatusLink


def subject_access_parts(
    *, case: Case, person: Person, redact: Callable[[str], str]
) -> dict[str, Any]:
    return {
        "contact_plan": _contact_plan(case, person),
        "messages": [_message(message, redact) for message in _messages_to(case, person)],
        "status_links": [_status_link(link) for link in _links_to(case, person)],
        "contact_requests": [
            {"at": request.created_at.isoformat(), "message": redact(request.message)}
            for request in ContactRequest.objects.filter(case=case, person=person).order_by(
                "created_at", "id"
            )
        ],
    }


def _contact_plan(case, person: Person) -> dict[str, Any] | None:
    plan = ContactPlan.objects.filter(case=case, person=person).first()
    if plan is None:
        return None
    officer = plan.contact_officer
    return {
        "entitlement": plan.get_entitlement_display(),
        "channel": plan.get_channel_display(),
        "working_days_between_updates": plan.update_every_working_days,
        "status": "Opted out of updates" if plan.opted_out else "Receiving updates",
        "victim_support_referral": "Declined" if plan.victim_support_opt_out else "Not declined",
        "contact_officer": (officer.get_full_name() or officer.get_username()) if officer else "",
    }


def _messages_to(case, person: Person):
    return Notification.objects.filter(case=case, person=person).order_by("created_at", "id")


def _message(message: Notification, redact: Callable[[str], str]) -> dict[str, Any]:
    return {
        "queued_at": message.created_at.isoformat(),
        "sent_at": _plain(message.sent_at),
        "channel": message.get_channel_display(),
        "to": message.address,
        "status": message.get_status_display(),
        "subject": redact(message.subject),
        "body": redact(message.body),
    }


def _links_to(case, person: Person):
    return StatusLink.objects.filter(case=case, person=person).order_by("created_at", "id")


def _status_link(link: StatusLink) -> dict[str, Any]:
    """When a link to the status page was issued and how long it worked: never its secret."""
    return {
        "issued_at": link.created_at.isoformat(),
        "expires_at": link.expires_at.isoformat(),
        "revoked_at": _plain(link.revoked_at),
    }


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value
