"""Shares under information-sharing agreements: renewing one, and the ones lapsing soon."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from partners.models import Role

from . import access, forms, selectors, services
from .models import CaseShare


@login_required
def share_renew(request, reference: str, pk: int):
    case = access.case_for_change(request.user, reference)
    share = get_object_or_404(
        CaseShare.objects.select_related("agency", "agreement"), pk=pk, case=case
    )
    form = forms.ShareRenewForm(request.POST or None, agency=share.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.share_renew(actor=request.user, share=share, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, f"Sharing with {share.agency.name} renewed under {share.agreement.title}."
            )
            return redirect(case.get_absolute_url() + "#sharing")
    return render(
        request, "casework/share_renew.html", {"case": case, "share": share, "form": form}
    )


@login_required
def shares_lapsing(request):
    access.ensure(
        access.role_in(request.user, {Role.MANAGER}),
        "Managers see the shares whose agreements are ending.",
    )
    shares = selectors.shares_lapsing(request.user)
    return render(
        request,
        "casework/shares_lapsing.html",
        {
            "shares": shares[:200],
            "total": shares.count(),
            "today": timezone.localdate(),
            "days": settings.ICST_SHARE_LAPSE_WARNING_DAYS,
        },
    )
