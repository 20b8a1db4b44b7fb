"""The triage team's pages: the queue, one report, accept / link / close, photos, figures."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from audit.models import AccessLog
from audit.services import access_record
from casework import access
from partners.rules import can_triage

from . import forms, selectors, services

FIGURES_DAYS = 90


@login_required
def queue(request):
    if not can_triage(request.user):  # as for each report: the triage pages are not there
        raise Http404("No triage queue here.")
    reports = selectors.triage_queue(request.user)
    return render(request, "intake/triage_queue.html", {"reports": reports, "now": timezone.now()})


@login_required
def report_detail(request, pk: int):
    report = selectors.report_for_triage(request.user, pk)
    access_record(
        user=request.user, action=AccessLog.Action.VIEW_CASE, request=request, obj=report.case
    )
    return render(
        request,
        "intake/triage_report.html",
        {"report": report, "people": selectors.report_people(report), "now": timezone.now()},
    )


def _action_page(request, report, form, template: str, **context):
    return render(request, template, {"report": report, "form": form, **context})


def _apply(form, call) -> bool:
    try:
        call()
    except ValidationError as error:
        form.add_service_error(error)
        return False
    return True


@login_required
def accept(request, pk: int):
    report, already = _untriaged(request, pk)
    if already:
        return already
    form = forms.AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _apply(
            form,
            lambda: services.report_accept(
                actor=request.user,
                report=report,
                case_type=data["case_type"],
                risk_level=data["risk_level"],
                lead_agency=data["lead_agency"],
                lead_officer=data["lead_officer"],
                detail=form.detail(),
            ),
        )
        if done:
            messages.success(
                request, f"{report.case.reference} accepted and handed to {data['lead_agency']}."
            )
            return redirect("intake:queue")
    return _action_page(request, report, form, "intake/triage_accept.html")


@login_required
def link(request, pk: int):
    report, already = _untriaged(request, pk)
    if already:
        return already
    form = forms.LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = _target(request.user, form)
        if target is not None and _apply(
            form,
            lambda: services.report_link(
                actor=request.user, report=report, target=target, reason=form.cleaned_data["reason"]
            ),
        ):
            messages.success(request, f"{report.case.reference} linked to {target.reference}.")
            return redirect("intake:queue")
    suggestions = selectors.link_suggestions(request.user, report)
    return _action_page(request, report, form, "intake/triage_link.html", suggestions=suggestions)


def _target(user, form):
    """The case to link to, if the user may add to it; otherwise a form error (never a hint
    about whether a hidden case exists)."""
    try:
        return access.case_for_contribution(user, form.cleaned_data["reference"].strip())
    except (Http404, PermissionDenied):
        form.add_error("reference", "There is no case with that reference that you can add to.")
        return None


@login_required
def close(request, pk: int):
    report, already = _untriaged(request, pk)
    if already:
        return already
    form = forms.CloseForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.report_close(
                actor=request.user, report=report, reason=form.cleaned_data["reason"]
            ),
        )
    ):
        messages.success(request, f"{report.case.reference} closed.")
        return redirect("intake:queue")
    return _action_page(request, report, form, "intake/triage_close.html")


def _untriaged(request, pk: int):
    """The report and, if someone already triaged it, a redirect back to it with a message."""
    report = selectors.report_for_triage(request.user, pk)
    if not report.is_triaged:
        return report, None
    messages.info(request, f"{report.case.reference} was already triaged.")
    return report, redirect("intake:report", pk=pk)


@login_required
def photo(request, pk: int):
    report = selectors.report_with_photo(request.user, pk)
    access_record(
        user=request.user,
        action=AccessLog.Action.DOWNLOAD,
        request=request,
        obj=report.case,
        detail={"photo_of_report": report.pk},
    )
    response = FileResponse(report.photo.open("rb"), content_type=report.photo_content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = (
        f'inline; filename="{report.case.reference}{report.photo_extension}"'
    )
    return response


@login_required
def figures(request):
    access.ensure(
        access.can_see_management_reports(request.user), "Only managers can see these figures."
    )
    since = timezone.now() - timedelta(days=FIGURES_DAYS)
    return render(
        request,
        "intake/figures.html",
        {"figures": selectors.intake_figures(since), "days": FIGURES_DAYS},
    )
