"""The one way a report from the public enters the casebook, and what triage does with it.

``report_submit`` serves every channel (the online form today; webchat or a
social-media desk later): it checks the answers, logs a new case in the triage
agency's queue and keeps the answers verbatim beside it.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from casework import access
from casework import services as casework
from casework.models import Case, CaseParticipant, CaseStatus, RiskLevel
from common.working_days import add_working_hours
from followups import obligations as followups
from followups import services as followup_services
from partners.models import Agency
from partners.rules import can_triage

from . import notify
from .answers import answers_check
from .models import Category, Channel, Report, TriageOutcome
from .photos import photo_check
from .selectors import triage_agency
from .storage import incomplete_storage


def triage_due(received_at: datetime, *, is_ongoing: bool) -> datetime:
    """Working hours from receipt; clock hours when the reporter says it is still going on."""
    if is_ongoing:
        return received_at + timedelta(hours=settings.INTAKE_TRIAGE_URGENT_HOURS)
    return add_working_hours(received_at, settings.INTAKE_TRIAGE_WORKING_HOURS)


def _summary(answers: dict[str, Any], channel: str) -> str:
    heading = f"{Channel(channel).label} report: {Category(answers['category']).label}."
    return f"{heading}\n\n{answers['what_happened'].strip()}"


def _reporter(answers: dict[str, Any]) -> dict[str, Any] | None:
    if answers["is_anonymous"]:
        return None
    preference = answers["contact_preference"]
    return {
        "given_name": answers["given_name"].strip(),
        "family_name": answers["family_name"].strip(),
        "email": answers.get("email") or "",
        "phone": answers.get("phone") or "",
        "contact_preference": preference,
    }


@transaction.atomic
def report_submit(
    *,
    channel: str,
    answers: dict[str, Any],
    photo: UploadedFile | None = None,
    received_at: datetime | None = None,
) -> Report:
    """Log a report from the public as a new case in the ICST triage queue.

    The case is led by the agency named in INTAKE_TRIAGE_AGENCY, in status new,
    with the reporter as a person with the reporter role (and victim role if
    they said so), unless they chose to stay anonymous. Triage falls due after
    the configured working hours, or sooner if the problem is still going on.
    Raises ValidationError naming each missing or bad answer.
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": f"'{channel}' is not a reporting channel."})
    answers = answers_check(answers)
    content_type = photo_check(photo) if photo else ""
    agency = triage_agency()
    if agency is None:
        raise ImproperlyConfigured("INTAKE_TRIAGE_AGENCY does not name an active agency.")
    received_at = received_at or timezone.now()
    case = casework.case_receive(
        lead_agency=agency,
        summary=_summary(answers, channel),
        channel=channel,
        address=answers["where"].strip()[:255],
        reported_at=received_at,
        reporter=_reporter(answers),
        reporter_is_victim=answers["is_victim"],
    )
    report = Report(
        case=case,
        channel=channel,
        category=answers["category"],
        answers=answers,
        is_ongoing=answers["is_ongoing"],
        is_anonymous=answers["is_anonymous"],
        received_at=received_at,
        triage_due_at=triage_due(received_at, is_ongoing=answers["is_ongoing"]),
        photo_content_type=content_type,
    )
    if photo:
        report.photo.save("photo", photo, save=False)
    report.full_clean()
    report.save()
    # Not stored: only the link's hash is kept, so this is the one chance to show it.
    report.status_url = notify.acknowledge(report)
    return report


# --- Triage -------------------------------------------------------------------------------


def awaits_triage(case: Case) -> bool:
    """Whether ``case`` is a public report that no one has triaged yet."""
    return Report.objects.filter(case=case, triaged_at__isnull=True).exists()


@transaction.atomic
def report_contact_requested(*, case: Case, at: datetime) -> Report:
    """The reporter asked for contact before triage: flag the report and make it due now, so
    it goes to the front of the queue (never later than it was due)."""
    report = Report.objects.select_for_update().get(case=case)
    report.contact_requested_at = report.contact_requested_at or at
    report.triage_due_at = min(report.triage_due_at, at)
    report.full_clean()
    report.save(update_fields=["contact_requested_at", "triage_due_at"])
    return report


def _route_contact_requests(report: Report, *, case: Case, actor) -> None:
    """Requests for contact made before triage go to ``case``'s contact officer now."""
    for request in report.case.contact_requests.filter(action__isnull=True).select_related(
        "person"
    ):
        followup_services.contact_request_route(request=request, case=case, actor=actor)


def _ensure_triage(actor, report: Report) -> None:
    if not can_triage(actor):
        raise PermissionDenied("Only the triage team's officers can triage reports.")
    if report.is_triaged:
        raise ValidationError(f"This report was already triaged ({report.get_outcome_display()}).")


def _record_outcome(report: Report, *, actor, outcome: str, reason: str = "", linked=None):
    report.triaged_at = timezone.now()
    report.triaged_by = actor
    report.outcome = outcome
    report.outcome_reason = reason
    report.linked_case = linked
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_accept(
    *,
    actor,
    report: Report,
    case_type: str,
    risk_level: str = RiskLevel.STANDARD,
    lead_agency: Agency,
    lead_officer=None,
    detail: dict[str, Any] | None = None,
) -> Report:
    """Accept the report as a case: its type, risk, lead agency and lead officer."""
    report = Report.objects.select_for_update().select_related("case").get(pk=report.pk)
    _ensure_triage(actor, report)
    casework.case_triage(
        actor=actor,
        case=report.case,
        case_type=case_type,
        risk_level=risk_level,
        lead_agency=lead_agency,
        lead_officer=lead_officer,
        detail=detail,
    )
    report = _record_outcome(report, actor=actor, outcome=TriageOutcome.ACCEPTED)
    notify.tell_accepted(report)
    _route_contact_requests(report, case=Case.objects.get(pk=report.case_id), actor=actor)
    return report


@transaction.atomic
def report_link(*, actor, report: Report, target: Case, reason: str) -> Report:
    """Join the report to an existing case (a duplicate or a repeat) and close its own case.

    The target must be a case the actor may add to; the reporter joins it as a
    reporter (and victim, if they said so) and the report is noted on its timeline.
    What the victim was owed on the report's case is owed on the target instead.
    """
    report = Report.objects.select_for_update().select_related("case").get(pk=report.pk)
    _ensure_triage(actor, report)
    if target.pk == report.case_id:
        raise ValidationError({"target": "Choose a different case from the report's own."})
    access.ensure(access.can_contribute(actor, target), "You cannot add to that case.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why this report belongs to that case."})
    _move_people(actor=actor, report=report, target=target)
    followups.obligations_carry(source=report.case, target=target, actor=actor)
    casework.entry_add(actor=actor, case=target, body=_linked_note(report, reason))
    casework.case_transition(
        actor=actor,
        case=report.case,
        to_status=CaseStatus.CLOSED,
        reason=f"Linked to {target.reference}: {reason}",
    )
    # The victims are told of the case they joined, not that this one closed.
    followups.obligations_drop(case=report.case, reason=f"Linked to {target.reference}")
    notify.tell_linked(report, target=target, actor=actor)
    _route_contact_requests(report, case=target, actor=actor)
    return _record_outcome(
        report, actor=actor, outcome=TriageOutcome.LINKED, reason=reason, linked=target
    )


def _move_people(*, actor, report: Report, target: Case) -> None:
    parts = CaseParticipant.objects.filter(case=report.case).select_related("person")
    for part in parts:
        if not target.participants.filter(person=part.person, role=part.role).exists():
            casework.participant_add(actor=actor, case=target, person=part.person, role=part.role)


def _linked_note(report: Report, reason: str) -> str:
    return (
        f"{report.get_channel_display()} report {report.case.reference} linked to this case: "
        f"{reason}\n\nWhat happened: {report.answers['what_happened']}\n"
        f"When: {report.answers['when']}\nWhere: {report.answers['where']}"
    )


@transaction.atomic
def report_close(*, actor, report: Report, reason: str) -> Report:
    """Close the report without a case; the reason is what the reporter is told."""
    report = Report.objects.select_for_update().select_related("case").get(pk=report.pk)
    _ensure_triage(actor, report)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason: the reporter will be told it."})
    notify.tell_closed(report, reason=reason, actor=actor)
    casework.case_transition(
        actor=actor, case=report.case, to_status=CaseStatus.CLOSED, reason=reason
    )
    return _record_outcome(report, actor=actor, outcome=TriageOutcome.CLOSED, reason=reason)


def report_photo_erase(case: Case) -> None:
    """On disposal: the report's row goes with its case; its photo file goes once committed."""
    report = Report.objects.filter(case=case).exclude(photo="").first()
    if report is None:
        return
    storage, name = report.photo.storage, report.photo.name
    transaction.on_commit(lambda: storage.delete(name))


def abandoned_uploads_remove(now: datetime | None = None) -> int:
    """Delete photos of reports started but never sent, once older than
    ``INTAKE_ABANDONED_UPLOAD_HOURS`` (well past any public session's life); returns how
    many. A sent report's photo has moved to the report's own storage by then."""

    cutoff = (now or timezone.now()) - timedelta(hours=settings.INTAKE_ABANDONED_UPLOAD_HOURS)
    removed = 0
    try:
        _folders, names = incomplete_storage.listdir("")
    except FileNotFoundError:  # nothing has been uploaded yet
        return 0
    for name in names:
        try:
            if incomplete_storage.get_modified_time(name) < cutoff:
                incomplete_storage.delete(name)
                removed += 1
        except FileNotFoundError:  # another sweep got there first
            continue
    return removed
