"""Actions on briefings: build the sheet, nominate a case, run the meeting, ask for a PDF.

Each is one transaction, keyword-only, with the acting user passed in (``None``
for the scheduler). Cases are read through the access policy wherever a person
acts; the build itself is a system read whose snapshot is cut per reader later.
"""

import json
import re
from datetime import date
from itertools import islice
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from casework import access
from casework import services as casework_services
from casework.models import Case, CaseEvent
from partners.models import Agency
from partners.rules import can_export, can_run_briefings, membership_of

from . import tasks
from .documents import BriefingPdf
from .models import (
    AgendaChange,
    Attendance,
    Briefing,
    BriefingDocument,
    BriefingItem,
    BriefingSection,
    Discussion,
    Meeting,
    Nomination,
)
from .sections import CaseCount, CaseLinks, Cell, Row, Section, registered
from .selectors import sheets_for_reader
from .windows import Window, window_for

MAX_EXPORT_DAYS = 93


# --- Building the sheet ----------------------------------------------------------------------


def _stored_cell(value: Any) -> dict[str, Any]:
    if isinstance(value, Cell):
        stored = _stored_cell(value.value)
        stored["s"] = value.sensitivity
        return stored
    if isinstance(value, CaseLinks):
        return {"v": [list(pair) for pair in value.cases], "s": "standard", "t": "cases"}
    if isinstance(value, CaseCount):
        pairs = [list(pair) for pair in value.cases]
        stored = {"v": pairs, "s": "standard", "t": "count", "label": value.label}
        if value.notes:
            stored["notes"] = [list(note) for note in value.notes]
        return stored
    return {"v": "" if value is None else str(value), "s": "standard"}


def _item(section: BriefingSection, position: int, row: Row) -> BriefingItem:
    return BriefingItem(
        section=section,
        position=position,
        case_id=row.case.pk,
        case_reference=row.case.reference,
        sensitivity=row.sensitivity,
        group=row.group,
        cells={key: _stored_cell(value) for key, value in row.cells.items()},
    )


def _snapshot_section(briefing: Briefing, section: Section, window: Window) -> None:
    stored = BriefingSection.objects.create(
        briefing=briefing,
        key=section.key,
        title=section.title,
        description=section.description,
        order=section.order,
        columns=[[c.key, c.title, c.width] for c in section.columns],
    )
    limit = settings.BRIEFING_SECTION_LIMIT
    rows = list(islice(section.select(window), limit + 1))
    if len(rows) > limit:
        rows = rows[:limit]
        stored.row_limit = limit
        stored.save(update_fields=["row_limit"])
    BriefingItem.objects.bulk_create(
        _item(stored, position, row) for position, row in enumerate(rows)
    )


def _window_to_build(day: date) -> Window:
    if day > timezone.localdate():
        raise ValidationError(
            {"day": "A sheet cannot be prepared for a day that has not come yet."}
        )
    window = window_for(day)
    if window.end <= window.start:
        raise ValidationError({"day": "The last sheet already covers everything up to now."})
    return window


@transaction.atomic
def briefing_build(*, day: date, actor=None) -> Briefing:
    """The sheet for ``day``, built once: asking again returns the one already built, and
    what was logged since it was prepared goes on the next sheet. ``day`` may not be
    later than today.

    ``actor`` is the safeguarding lead or manager who asked; ``None`` for the scheduler.
    """
    if actor is not None:
        access.ensure(
            can_run_briefings(actor), "Only safeguarding leads and managers build briefings."
        )
    existing = Briefing.objects.filter(day=day).first()
    if existing is not None:
        return existing
    window = _window_to_build(day)
    try:
        with transaction.atomic():
            briefing = Briefing.objects.create(
                day=day, window_start=window.start, window_end=window.end, built_by=actor
            )
            for section in registered():
                _snapshot_section(briefing, section, window)
    except IntegrityError:
        # Another worker built the same day at the same moment: theirs is the sheet.
        return Briefing.objects.get(day=day)
    return briefing


# --- Nominations ------------------------------------------------------------------------------


@transaction.atomic
def nomination_add(*, actor, case: Case, reason: str, sensitivity: str = "standard") -> Nomination:
    """An officer of an agency holding the case puts it forward for the next briefing."""
    access.ensure(access.can_contribute(actor, case), "Your role cannot nominate this case.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case should be discussed."})
    if sensitivity not in access.readable_sensitivities(actor):
        raise ValidationError({"sensitivity": "You can only mark a reason you may read yourself."})
    nomination = Nomination(
        case=case,
        reason=reason.strip(),
        sensitivity=sensitivity,
        nominated_by=actor,
        agency=membership_of(actor).agency,
    )
    nomination.full_clean()
    nomination.save()
    casework_services.event_record(
        case=case, kind=CaseEvent.Kind.UPDATED, actor=actor, briefing_nomination=nomination.pk
    )
    return nomination


# --- The meeting ------------------------------------------------------------------------------


@transaction.atomic
def meeting_open(*, actor, briefing: Briefing) -> Meeting:
    access.ensure(can_run_briefings(actor), "Only safeguarding leads and managers run the meeting.")
    meeting, _ = Meeting.objects.get_or_create(briefing=briefing, defaults={"chaired_by": actor})
    return meeting


@transaction.atomic
def meeting_acknowledge_statement(*, actor, meeting: Meeting) -> Meeting:
    """The chair records that the confidentiality statement was read and acknowledged."""
    access.ensure(can_run_briefings(actor), "Only safeguarding leads and managers run the meeting.")
    if meeting.statement_acknowledged:
        return meeting
    meeting.statement_acknowledged_at = timezone.now()
    meeting.statement_acknowledged_by = actor
    meeting.save(update_fields=["statement_acknowledged_at", "statement_acknowledged_by"])
    return meeting


@transaction.atomic
def attendance_add(*, actor, meeting: Meeting, name: str, agency: Agency, user=None) -> Attendance:
    access.ensure(can_run_briefings(actor), "Only safeguarding leads and managers run the meeting.")
    if not name.strip():
        raise ValidationError({"name": "Enter the attendee's name."})
    if meeting.attendees.filter(name=name.strip(), agency=agency).exists():
        raise ValidationError({"name": f"{name.strip()} is already recorded as present."})
    attendance = Attendance(
        meeting=meeting, name=name.strip(), agency=agency, user=user, recorded_by=actor
    )
    attendance.full_clean()
    attendance.save()
    return attendance


def _require_statement(meeting: Meeting) -> None:
    if not meeting.statement_acknowledged:
        raise ValidationError(
            "Record that the confidentiality statement was acknowledged before discussing cases."
        )


@transaction.atomic
def discussion_record(
    *,
    actor,
    meeting: Meeting,
    case: Case,
    agenda_change: str = AgendaChange.ON_SHEET,
    agenda_reason: str = "",
    decision: str = "",
    actions: list[dict[str, Any]] | None = None,
    share: dict[str, Any] | None = None,
) -> Discussion:
    """Record a case taken at the meeting; each action is added to the case as usual.

    ``actions`` are dicts of ``description``, ``assigned_agency`` and ``due_on``. An action
    may go only to an agency that holds the case (as anywhere else); with ``share`` (the
    reason and lawful basis, as ``casework.services.case_share`` takes them) the case is
    first shared with an agency that does not, in the same step.
    """
    access.ensure(can_run_briefings(actor), "Only safeguarding leads and managers run the meeting.")
    access.ensure(access.can_view(actor, case), "You cannot see this case.")
    _require_statement(meeting)
    discussion = Discussion(
        meeting=meeting,
        case=case,
        case_reference=case.reference,
        agenda_change=agenda_change,
        agenda_reason=agenda_reason.strip(),
        decision=decision.strip(),
        recorded_by=actor,
    )
    discussion.full_clean()
    discussion.save()
    for spec in actions or []:
        agency = spec["assigned_agency"]
        if share and not access.agency_holds(agency.pk, case):
            casework_services.case_share(actor=actor, case=case, agency=agency, **share)
        action = casework_services.action_add(actor=actor, case=case, **spec)
        discussion.actions.add(action)
    return discussion


# --- PDFs ------------------------------------------------------------------------------------


def _enqueue_render(document: BriefingDocument) -> None:
    transaction.on_commit(lambda: tasks.render_briefing_document.delay(document.pk))


@transaction.atomic
def document_request(*, actor, briefing: Briefing) -> BriefingDocument:
    """A PDF of one sheet for ``actor``, cut to what they may see; rendered in the background."""
    access.ensure(membership_of(actor) is not None, "Only staff can read briefings.")
    document = BriefingDocument.objects.create(
        requested_by=actor, first_day=briefing.day, last_day=briefing.day
    )
    _enqueue_render(document)
    return document


@transaction.atomic
def document_export(*, actor, first_day: date, last_day: date) -> BriefingDocument:
    """A manager's export of every sheet in a date range, as one PDF."""
    access.ensure(can_export(actor), "Only managers export past briefings.")
    if last_day < first_day:
        raise ValidationError({"last_day": "The last day must be on or after the first day."})
    if (last_day - first_day).days >= MAX_EXPORT_DAYS:
        raise ValidationError({"last_day": f"Export at most {MAX_EXPORT_DAYS} days at a time."})
    if not Briefing.objects.filter(day__gte=first_day, day__lte=last_day).exists():
        raise ValidationError({"first_day": "There are no briefings in that range."})
    document = BriefingDocument.objects.create(
        requested_by=actor, first_day=first_day, last_day=last_day
    )
    _enqueue_render(document)
    return document


def _may_have(actor, document: BriefingDocument) -> bool:
    if document.is_range:
        return can_export(actor)
    return membership_of(actor) is not None


@transaction.atomic
def document_refresh(*, actor, document: BriefingDocument) -> BriefingDocument:
    """``document`` as it stands; one out of date (a case on it was disposed of) is first
    set to be prepared again for ``actor``, its reader, from the sheets as they are now."""
    access.ensure(document.requested_by_id == actor.pk, "This PDF was prepared for someone else.")
    if document.status != BriefingDocument.Status.OUTDATED:
        return document
    access.ensure(_may_have(actor, document), "Your role can no longer have this PDF.")
    claimed = BriefingDocument.objects.filter(
        pk=document.pk, status=BriefingDocument.Status.OUTDATED
    ).update(status=BriefingDocument.Status.PREPARING)
    if claimed:
        _enqueue_render(document)
    document.refresh_from_db()
    return document


def document_render(*, document_id: int) -> BriefingDocument:
    """Draw the PDF for its reader from the stored snapshots, and keep it."""

    document = BriefingDocument.objects.select_related("requested_by").get(pk=document_id)
    if document.status != BriefingDocument.Status.PREPARING:
        return document
    reader = document.requested_by
    sheets = sheets_for_reader(reader, document.first_day, document.last_day)
    if not sheets:
        raise ValidationError("There are no briefings in that range.")
    drawn = {
        "content": BriefingPdf(sheets=sheets, recipient=reader).render(),
        "case_references": sorted({ref for sheet in sheets for ref in sheet.case_references}),
        "status": BriefingDocument.Status.READY,
        "ready_at": timezone.now(),
    }
    # A disposal while this was drawing marks the document out of date: it is not kept then.
    BriefingDocument.objects.filter(
        pk=document.pk, status=BriefingDocument.Status.PREPARING
    ).update(**drawn)
    document.refresh_from_db()
    return document


def document_failed(*, document_id: int, reason: str) -> None:
    BriefingDocument.objects.filter(pk=document_id).update(
        status=BriefingDocument.Status.FAILED, failure=reason[:300]
    )


# --- Disposal ---------------------------------------------------------------------------------


def _mentions(reference: str):
    return re.compile(rf"(?<![\w-]){re.escape(reference)}(?![\w-])", re.IGNORECASE)


def _rows_naming(case: Case) -> list[BriefingItem]:
    """Rows about ``case``, and rows linking, counting or naming it in their text."""
    candidates = (
        BriefingItem.objects.filter(section__briefing__built_at__gte=case.created_at)
        .alias(text=Cast("cells", TextField()))
        .filter(Q(case=case) | Q(text__icontains=case.reference))
        .select_related("section")
    )
    mentions = _mentions(case.reference)
    return [
        item
        for item in candidates
        if item.case_id == case.pk or mentions.search(json.dumps(item.cells, ensure_ascii=False))
    ]


def _outdate_documents(briefing_ids: set[int]) -> None:
    covering = Briefing.objects.filter(
        pk__in=briefing_ids, day__gte=OuterRef("first_day"), day__lte=OuterRef("last_day")
    )
    BriefingDocument.objects.filter(Exists(covering)).exclude(
        status=BriefingDocument.Status.FAILED
    ).update(
        status=BriefingDocument.Status.OUTDATED, content=None, case_references=[], ready_at=None
    )


def briefing_case_erase(case: Case) -> None:
    """Take ``case``, being disposed of, off every stored sheet and PDF.

    Rows about it go, and so do rows that link, count or name it: their other cells (a
    repeat's person or place, a nomination's reason) were written with it in view. The
    PDFs covering those sheets are dropped and prepared again from what is left when their
    readers next ask. Called by ``casework.retention`` inside the disposal's transaction.
    """
    rows = _rows_naming(case)
    BriefingItem.objects.filter(pk__in=[row.pk for row in rows]).delete()
    _outdate_documents({row.section.briefing_id for row in rows})
