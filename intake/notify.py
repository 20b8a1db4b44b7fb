"""What the reporter is told, through the follow-up outbox and private status links.

Every message goes through ``followups.services.notification_queue`` in the
caller's transaction (so it is sent only if the triage step commits), keyed by
the report and the event so a retried step never sends twice. Email and text
messages are sent by the worker; a reporter who asked for a phone call becomes
a task for the case's contact officer; "do not contact" sends nothing.
"""

from django.conf import settings

from casework.models import Case, CaseParticipant, ParticipantRole, Person
from followups.models import CHANNEL_VALUES, SENT_BY_WORKER
from followups.services import notification_queue, status_link_issue

from .models import Report

SIGN_OFF = "Community safety team\nIf someone is in danger now, call 999."


def reporter_of(case: Case) -> Person | None:
    part = (
        CaseParticipant.objects.filter(case=case, role=ParticipantRole.REPORTER)
        .select_related("person")
        .order_by("id")
        .first()
    )
    return part.person if part else None


def status_url(*, case: Case, person: Person, actor=None) -> str:
    path = status_link_issue(case=case, person=person, actor=actor)
    return f"{settings.FOLLOWUPS_PUBLIC_BASE_URL.rstrip('/')}{path}"


def _tell(*, report: Report, event: str, subject: str, body: str, actor, case=None):
    """Queue a message to the report's reporter (none if anonymous or "do not contact")."""
    person = reporter_of(report.case)
    if person is None or person.contact_preference not in CHANNEL_VALUES:
        return None
    return notification_queue(
        case=case or report.case,
        person=person,
        channel=person.contact_preference,
        subject=subject,
        body=f"{body}\n\n{SIGN_OFF}",
        actor=actor,
        event_key=f"intake:{report.pk}:{event}",
    )


def acknowledge(report: Report) -> str:
    """Issue the reporter's private status link; send it with the reference by email or
    text. Returns the link (shown on the confirmation page too), or "" if anonymous."""
    person = reporter_of(report.case)
    if person is None:
        return ""
    url = status_url(case=report.case, person=person)
    if person.contact_preference in SENT_BY_WORKER:
        reference = report.case.reference
        _tell(
            report=report,
            event="received",
            subject=f"We have your report {reference}",
            body=f"Thank you for your report. Your reference is {reference}.\n"
            f"You can follow it privately at {url}\nKeep this link to yourself.",
            actor=None,
        )
    return url


def tell_accepted(report: Report) -> None:
    # Sent in the system's name: the triage officer's agency may no longer hold the case.
    case = Case.objects.select_related("lead_agency").get(pk=report.case_id)
    _tell(
        report=report,
        case=case,
        event="accepted",
        subject=f"Your report {case.reference} has been picked up",
        body=f"We have looked at your report {case.reference} and passed it to "
        f"{case.lead_agency.name}, who will deal with it.",
        actor=None,
    )


def tell_closed(report: Report, *, reason: str, actor) -> None:
    reference = report.case.reference
    _tell(
        report=report,
        event="closed",
        subject=f"Your report {reference}",
        body=f"We have looked at your report {reference} and closed it.\n\n{reason}",
        actor=actor,
    )


def tell_linked(report: Report, *, target: Case, actor) -> None:
    person = reporter_of(report.case)
    if person is None:
        return
    url = status_url(case=target, person=person, actor=actor)
    _tell(
        report=report,
        case=target,
        event="linked",
        subject=f"Your report {report.case.reference}",
        body=f"Your report {report.case.reference} is now part of case {target.reference}, "
        f"which we were already dealing with. You can follow it at {url}",
        actor=actor,
    )
