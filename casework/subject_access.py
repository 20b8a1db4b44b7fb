"""Subject access: everything held about a person that may lawfully be disclosed.

Third parties are redacted (other people's names in notes and messages become
"[third party]"), and entries of a sensitivity that engages an exemption (police
intelligence, health, children's safeguarding) are listed as withheld for the
reviewer, not disclosed. Only cases the requesting officer may see are included;
on each, what the feature apps hold about the person is added through
``hooks.subject_access_case_parts`` (the follow-ups app adds the contact plan, the
messages sent to them, their status links and what they asked through them).
"""

from datetime import date, datetime
from functools import partial
from typing import Any

from django.utils import timezone

from common.names import name_pattern
from partners.models import Sensitivity

from . import access, hooks
from .models import CaseParticipant, Person, TimelineEntry

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
    section = {
        "reference": case.reference,
        "type": case.get_case_type_display(),
        "role": part.get_role_display(),
        "status": case.get_status_display(),
        "lead_agency": case.lead_agency.name,
        "reported_at": case.reported_at.isoformat(),
        "summary": _redact(case.summary, others),
        "entries": [_entry(entry, others) for entry in entries],
    }
    for held_elsewhere in hooks.subject_access_case_parts(
        case=case, person=person, redact=partial(_redact, names=others)
    ):
        section.update(held_elsewhere)
    return section


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
    """Other people's names out, however they are written (``common.names``)."""
    for name in names:
        pattern = name_pattern(name)
        text = pattern.sub(THIRD_PARTY, text) if pattern else text
    return text


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value
