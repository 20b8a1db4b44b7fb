"""Subject access: everything held about a person that may lawfully be disclosed.

Third parties are redacted (other people's names in notes and messages become
"[third party]"), and entries of a sensitivity that engages an exemption (police
intelligence, health, children's safeguarding) are listed as withheld for the
reviewer, not disclosed. Only cases the requesting officer may see are included;
on each, the person's contact plan, the messages sent to them (never those to
anyone else), the status links issued to them and what they asked through those links
are included as held.
"""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from followups.models import ContactPlan, ContactRequest, Notification, StatusLink
from partners.models import Sensitivity

from . import access
from .models import CaseParticipant, Person, TimelineEntry
from .names import name_pattern

THIRD_PARTY = "[third party]"


def subject_access_export(user, person: Person) -> dict[str, Any]:
    cases = access.visible_cases(user).filter(participants__person=person).distinct()
    parts = (
        CaseParticipant.objects.filter(person=person, case__in=cases.values("pk"))
        .select_related("case__lead_agency")
        .order_by("case__reported_at")
    )
    return {
        "generated_at": timezone.now().isoformat(),
        "classification": "OFFICIAL-SENSITIVE",
        "person": {field: _plain(getattr(person, field)) for field in Person.PERSONAL_FIELDS},
        "vulnerability_flags": [_flag(flag) for flag in person.vulnerability_flags.all()],
        "cases": [_case_section(part, person) for part in parts],
    }


def _flag(flag) -> dict[str, Any]:
    return {
        "vulnerability": flag.get_kind_display(),
        "justification": flag.justification,
        "noted_on": flag.noted_on.isoformat(),
        "review_by": flag.review_by.isoformat(),
        "ended_on": flag.ended_on.isoformat() if flag.ended_on else None,
        "end_reason": flag.end_reason,
    }


def _case_section(part: CaseParticipant, person: Person) -> dict[str, Any]:
    case = part.case
    others = _other_names(case, person)
    entries = TimelineEntry.objects.filter(case=case).order_by("created_at", "id")
    return {
        "reference": case.reference,
        "type": case.get_case_type_display(),
        "role": part.get_role_display(),
        "status": case.get_status_display(),
        "lead_agency": case.lead_agency.name,
        "reported_at": case.reported_at.isoformat(),
        "summary": _redact(case.summary, others),
        "entries": [_entry(entry, others) for entry in entries],
        "contact_plan": _contact_plan(case, person),
        "messages": [_message(message, others) for message in _messages_to(case, person)],
        "status_links": [_status_link(link) for link in _links_to(case, person)],
        "contact_requests": [
            {"at": request.created_at.isoformat(), "message": _redact(request.message, others)}
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


def _message(message: Notification, others: list[str]) -> dict[str, Any]:
    return {
        "queued_at": message.created_at.isoformat(),
        "sent_at": _plain(message.sent_at),
        "channel": message.get_channel_display(),
        "to": message.address,
        "status": message.get_status_display(),
        "subject": _redact(message.subject, others),
        "body": _redact(message.body, others),
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


def _entry(entry: TimelineEntry, others: list[str]) -> dict[str, Any]:
    if entry.sensitivity != Sensitivity.STANDARD:
        return {
            "at": entry.created_at.isoformat(),
            "withheld": f"{entry.get_sensitivity_display()} entry withheld: an exemption "
            "applies; review before any disclosure.",
        }
    return {
        "at": entry.created_at.isoformat(),
        "kind": entry.get_kind_display(),
        "text": _redact(entry.body, others),
    }


def _other_names(case, person: Person) -> list[str]:
    names: set[str] = set()
    for other in Person.objects.filter(participations__case=case).exclude(pk=person.pk):
        names |= {other.full_name, other.given_name, other.family_name}
    return sorted((name for name in names if len(name) > 1), key=len, reverse=True)


def _redact(text: str, names: list[str]) -> str:
    """Other people's names out, however they are written (``casework.names``)."""
    for name in names:
        pattern = name_pattern(name)
        text = pattern.sub(THIRD_PARTY, text) if pattern else text
    return text


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value
