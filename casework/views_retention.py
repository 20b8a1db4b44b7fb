"""The retention review queue: keep a closed case with a reason, or dispose of it."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import access, retention


@login_required
def retention_queue(request):
    if not access.can_see_management_reports(request.user):
        raise PermissionDenied("Only managers and data-protection officers review retention.")
    cases = retention.review_queue(request.user)
    rows = [
        (case, retention.review_due_on(case), retention.retention_years(case)) for case in cases
    ]
    return render(request, "casework/retention/queue.html", {"rows": rows})


@login_required
@require_POST
def retention_decide(request, reference: str):
    case = access.case_for_viewing(request.user, reference)
    reason = request.POST.get("reason", "")
    try:
        if request.POST.get("decision") == "retain":
            until = _parse_date(request.POST.get("until", ""))
            retention.case_retain(actor=request.user, case=case, reason=reason, until=until)
            messages.success(request, f"{reference} will be kept until {until:%-d %B %Y}.")
        elif request.POST.get("decision") == "dispose":
            retention.case_dispose(actor=request.user, case=case, reason=reason)
            messages.success(
                request, f"{reference} has been disposed of; a statistical record remains."
            )
        else:
            raise ValidationError("Choose whether to keep or dispose of the case.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("retention_queue")


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError({"until": "Enter the new review date as YYYY-MM-DD."}) from None
