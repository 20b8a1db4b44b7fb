"""Pages for victim follow-up. The public status page needs no login: its
token is the only key, checked in constant time and rate-limited per address."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from audit.models import AccessLog
from audit.services import access_record
from casework import access
from casework.selectors import working_staff

from . import forms, selectors, services
from .figures import followup_figures
from .forms import ContactRequestForm
from .messages import TEMPLATES, filled
from .models import ContactPlan, StaffAlert


def _not_valid(request, status: int = 404):
    return render(request, "followups/track_invalid.html", status=status)


@never_cache
@ratelimit(key="ip", rate=lambda group, request: settings.FOLLOWUPS_STATUS_LINK_RATE, block=False)
def track(request, token: str):
    if getattr(request, "limited", False):
        return render(request, "followups/track_limited.html", status=429)
    link = selectors.status_link_for_token(token)
    if link is None:
        return _not_valid(request)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_request_make(link=link, message=form.cleaned_data["message"])
        return redirect(request.path + "?asked=1")
    access_record(
        user=None,
        action=AccessLog.Action.VIEW_CASE,
        request=request,
        obj=link.case,
        detail={"via": "status link", "link": link.pk},
    )
    context = {
        "status": selectors.public_status(link),
        "form": form,
        "asked": request.GET.get("asked") == "1",
    }
    return render(request, "followups/track.html", context)


# --- Officers' pages ---------------------------------------------------------------------


def _plan_for_contribution(request, reference: str, pk: int) -> ContactPlan:
    case = access.case_for_contribution(request.user, reference)
    plan = get_object_or_404(ContactPlan.objects.select_related("person", "case"), pk=pk, case=case)
    plan.case = case  # keeps the access check's memo for this user
    return plan


def _back_to_case(request, case, message: str):
    messages.success(request, message)
    return redirect(case.get_absolute_url() + "#followups")


def _form_page(request, plan_or_case, form, heading: str, submit: str, intro: str = ""):
    case = getattr(plan_or_case, "case", plan_or_case)
    return render(
        request,
        "casework/simple_form.html",
        {"case": case, "form": form, "heading": heading, "submit": submit, "intro": intro},
    )


def _submitted(request, form, service, **arguments) -> bool:
    """A valid POST whose service call succeeded; the service's ValidationError
    becomes form errors. The service gets the acting user and the form's data."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        service(actor=request.user, **arguments, **form.cleaned_data)
    except ValidationError as error:
        form.add_service_error(error)
        return False
    return True


@login_required
def plan_edit(request, reference: str, pk: int):
    plan = _plan_for_contribution(request, reference, pk)
    initial = {field: getattr(plan, field) for field in services.PLAN_EDITABLE_FIELDS}
    staff = working_staff([plan.case.lead_agency])
    form = forms.PlanForm(request.POST or None, initial=initial, staff=staff)
    if _submitted(request, form, services.plan_update, plan=plan):
        return _back_to_case(request, plan.case, f"Contact plan for {plan.person} saved.")
    return _form_page(request, plan, form, f"Contact plan for {plan.person}", "Save plan")


@login_required
def update_send(request, reference: str, pk: int):
    plan = _plan_for_contribution(request, reference, pk)
    key = request.GET.get("template") or request.POST.get("template_key") or "regular"
    if key not in TEMPLATES:
        key = "regular"
    officer = request.user.get_full_name() or request.user.username
    subject, body = filled(
        key, name=plan.person.full_name, reference=plan.case.reference, officer=officer
    )
    initial = {
        "template_key": key,
        "subject": subject,
        "body": body,
        "send_key": forms.UpdateForm.new_send_key(),
    }
    form = forms.UpdateForm(request.POST or None, initial=initial)
    if _submitted(request, form, services.update_send, plan=plan):
        return _back_to_case(request, plan.case, f"Update to {plan.person} is on its way.")
    return render(
        request,
        "followups/update_form.html",
        {"case": plan.case, "plan": plan, "form": form, "templates": TEMPLATES, "chosen": key},
    )


@login_required
def contact_record(request, reference: str, pk: int):
    plan = _plan_for_contribution(request, reference, pk)
    form = forms.ContactForm(request.POST or None, initial={"how": "Phone call"})
    if _submitted(request, form, services.contact_record, plan=plan):
        return _back_to_case(request, plan.case, f"Contact with {plan.person} recorded.")
    return _form_page(request, plan, form, f"Record a contact with {plan.person}", "Record contact")


@login_required
def referral_record(request, reference: str, pk: int):
    plan = _plan_for_contribution(request, reference, pk)
    form = forms.ReferralForm(request.POST or None)
    if _submitted(request, form, services.referral_record, plan=plan):
        return _back_to_case(request, plan.case, f"Referral of {plan.person} recorded.")
    heading = f"Record the referral of {plan.person} to victim support"
    return _form_page(request, plan, form, heading, "Record referral")


@login_required
@require_POST
def status_link_send(request, reference: str, pk: int):
    plan = _plan_for_contribution(request, reference, pk)
    try:
        result = services.status_link_send(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan.case.get_absolute_url() + "#followups")
    if isinstance(result, str):
        return render(
            request,
            "followups/status_link_issued.html",
            {"case": plan.case, "plan": plan, "url": result},
        )
    return _back_to_case(request, plan.case, f"A new status link is on its way to {plan.person}.")


@login_required
def key_event_record(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    form = forms.KeyEventForm(request.POST or None)
    if _submitted(request, form, services.key_event_record, case=case):
        return _back_to_case(request, case, "Key event recorded: each victim is owed an update.")
    intro = "Each victim on the case will be owed an update within the Victims' Code deadline."
    return _form_page(request, case, form, "Record a key event", "Record key event", intro)


@login_required
def alert_list(request):
    return render(
        request, "followups/alerts.html", {"alerts": selectors.staff_alerts_for(request.user)}
    )


@login_required
@require_POST
def alert_read(request, pk: int):
    alert = get_object_or_404(StaffAlert, pk=pk, user=request.user)
    services.staff_alert_read(actor=request.user, alert=alert)
    return redirect("followups:alerts")


@login_required
def figures(request):
    if not access.can_see_management_reports(request.user):
        raise PermissionDenied("Only managers and administrators can see these figures.")
    return render(request, "followups/figures.html", {"figures": followup_figures()})
