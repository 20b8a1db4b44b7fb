"""The audit trail's reports on a record: 'who viewed this record' (every logged access to a
case or a person) and the subject access disclosure. They live with the casework because
the access policy decides whose records the reader may ask about."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from audit.models import AccessLog
from audit.selectors import accesses_to
from audit.services import access_record

from . import access
from . import selectors as casework_selectors
from .documents import SubjectAccessPdf
from .subject_access import subject_access_export


def _record_for(request, kind: str, key: str):
    if not access.can_see_management_reports(request.user):
        raise PermissionDenied("Only managers and data-protection officers see this report.")
    if kind == "case":
        return casework_selectors.case_detail(request.user, key)
    return casework_selectors.person_for_viewing(request.user, int(key))


@login_required
def who_viewed(request, kind: str, key: str):
    record = _record_for(request, kind, key)
    entries = accesses_to(record)
    if request.GET.get("format") == "csv":
        access_record(
            user=request.user,
            action=AccessLog.Action.EXPORT,
            request=request,
            obj=record,
            detail={"report": "who viewed"},
        )
        return _csv(record, entries)
    return render(
        request,
        "audit/who_viewed.html",
        {"record": record, "kind": kind, "entries": entries[:500], "total": entries.count()},
    )


def _csv(record, entries) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="who-viewed-{record.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["When", "User", "Agency", "Action", "Address", "Record"])
    for entry in entries.iterator():
        writer.writerow(
            [
                entry.at.isoformat(),
                entry.user.username if entry.user else "",
                entry.agency_name,
                entry.get_action_display(),
                entry.ip_address or "",
                entry.object_label,
            ]
        )
    return response


@login_required
def subject_access(request, key: int, as_pdf: bool = False):
    """A person's subject access export as JSON or PDF; the disclosure is logged."""
    person = _record_for(request, "person", str(key))
    export = subject_access_export(request.user, person)
    access_record(
        user=request.user,
        action=AccessLog.Action.EXPORT,
        request=request,
        obj=person,
        detail={
            "report": "subject access",
            "format": "pdf" if as_pdf else "json",
            "cases": [c["reference"] for c in export["cases"]],
        },
    )
    if as_pdf:
        response = HttpResponse(
            SubjectAccessPdf(export=export, recipient=request.user).render(),
            content_type="application/pdf",
        )
        extension = "pdf"
    else:
        response = JsonResponse(export, json_dumps_params={"indent": 2})
        extension = "json"
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{person.pk}.{extension}"'
    )
    return response
