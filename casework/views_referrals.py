"""Handing a case to another lead agency: the proposal, the answer, and the lists of
referrals waiting on each side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from . import access, forms, selectors, services
from .models import CaseReferral


def _referral_of(case, pk: int) -> CaseReferral:
    return get_object_or_404(
        CaseReferral.objects.select_related("case", "from_agency", "to_agency", "share"),
        pk=pk,
        case=case,
    )


@login_required
def referral_propose(request, reference: str):
    case = access.case_for_change(request.user, reference)
    form = forms.ReferralForm(request.POST or None, agencies=selectors.referral_candidates(case))
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_propose(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            due = timezone.localtime(referral.answer_due_at)
            messages.success(
                request,
                f"Referral sent to {referral.to_agency.name}. It is flagged if not answered "
                f"by {due:%H:%M on %d %b %Y}.",
            )
            return redirect(case.get_absolute_url() + "#sharing")
    return render(request, "casework/referral_form.html", {"case": case, "form": form})


@login_required
def referral_answer(request, reference: str, pk: int):
    case = access.case_for_viewing(request.user, reference)
    referral = _referral_of(case, pk)
    access.ensure(
        access.can_answer_referral(request.user, referral),
        "Only the receiving agency's officers can answer this referral.",
    )
    form = forms.ReferralAnswerForm(request.POST or None, agency=referral.to_agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == form.ACCEPT:
                services.referral_accept(
                    actor=request.user, referral=referral, lead_officer=data["lead_officer"]
                )
            else:
                services.referral_decline(
                    actor=request.user, referral=referral, reason=data["reason"]
                )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if data["decision"] == form.ACCEPT:
                messages.success(request, f"{referral.to_agency.name} now leads this case.")
                return redirect(case.get_absolute_url())
            messages.success(request, f"Referral of case {case.reference} declined.")
            return redirect("casework:referrals")
    return render(
        request,
        "casework/referral_answer.html",
        {"case": case, "referral": referral, "form": form},
    )


@login_required
def referral_withdraw(request, reference: str, pk: int):
    case = access.case_for_change(request.user, reference)
    referral = _referral_of(case, pk)
    if not referral.is_pending:
        raise Http404("That referral has already been answered.")
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_withdraw(
                actor=request.user, referral=referral, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Referral to {referral.to_agency.name} withdrawn.")
            return redirect(case.get_absolute_url() + "#sharing")
    return render(
        request,
        "casework/referral_withdraw.html",
        {"case": case, "referral": referral, "form": form},
    )


@login_required
def referrals(request):
    user = request.user
    return render(
        request,
        "casework/referrals.html",
        {
            "awaiting": selectors.referrals_awaiting_answer(user)[:200],
            "sent": selectors.referrals_sent_waiting(user)[:200],
            "now": timezone.now(),
        },
    )
