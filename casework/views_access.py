"""Break-glass: ask for access to a case you cannot see; managers decide and review."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.govuk_forms import GovukFormMixin
from partners.rules import membership_of

from . import access, selectors, services
from .models import BreakGlassRequest, Case


class AccessRequestForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(label="Case reference", max_length=30)
    reason = forms.CharField(
        label="Why do you need to see this case?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your reason is recorded and sent to the agency that leads the case.",
    )
    emergency = forms.BooleanField(
        label="This is an emergency: open the case now (for a few hours; the lead agency's "
        "manager will review it)",
        required=False,
    )

    def clean_reference(self) -> Case:
        case = selectors.case_to_request(self.cleaned_data["reference"])
        if case is None:
            raise ValidationError("No case has that reference. Check it and try again.")
        return case


@login_required
def access_request(request):
    if membership_of(request.user) is None:
        raise PermissionDenied("Only staff can ask for access.")
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = form.cleaned_data["reference"]
        try:
            made = services.break_glass_request(
                actor=request.user,
                case=case,
                reason=form.cleaned_data["reason"],
                emergency=form.cleaned_data["emergency"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(
                request,
                "casework/access/requested.html",
                {"made": made, "agencies": access.holding_agencies(case)},
            )
    mine = BreakGlassRequest.objects.filter(requester=request.user).select_related("case")[:20]
    return render(request, "casework/access/request.html", {"form": form, "mine": mine})


@login_required
def access_requests_queue(request):
    if not access.can_decide_access_requests(request.user):
        raise PermissionDenied("Only managers decide access requests.")
    to_decide = selectors.access_requests_to_decide(request.user).select_related(
        "case", "requester__membership__agency"
    )
    waiting = to_decide.filter(status=BreakGlassRequest.Status.PENDING)
    overrides = to_decide.filter(
        status=BreakGlassRequest.Status.EMERGENCY, reviewed_at__isnull=True
    )
    return render(
        request, "casework/access/queue.html", {"waiting": waiting, "overrides": overrides}
    )


@login_required
@require_POST
def access_request_decide(request, pk: int):
    made = get_object_or_404(BreakGlassRequest.objects.select_related("case"), pk=pk)
    if not access.can_decide_break_glass(request.user, made.case):
        raise PermissionDenied("Only the lead agency's manager can decide this request.")
    decision, reason = request.POST.get("decision", ""), request.POST.get("reason", "")
    try:
        if decision in ("approve", "refuse"):
            services.break_glass_decide(
                actor=request.user, request=made, approve=decision == "approve", reason=reason
            )
        elif decision in ("keep", "revoke"):
            services.break_glass_review(
                actor=request.user, request=made, revoke=decision == "revoke", reason=reason
            )
        else:
            raise ValidationError("Choose a decision.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Decision recorded for {made.case.reference}.")
    return redirect("access_requests")
