"""The briefing pages. Each view: parse input, check the reader's role, call one
service or selector, respond. Sheets are cut per reader by ``selectors``; PDFs are
prepared in the background and every download is written to the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import AccessLog
from audit.services import access_record
from casework import access
from partners.rules import can_export, can_run_briefings, membership_of

from . import forms, selectors, services
from .models import CONFIDENTIALITY_STATEMENT, Briefing, BriefingDocument, Meeting


def _reader(request) -> None:
    access.ensure(membership_of(request.user) is not None, "Only staff read briefings.")


def _runner(request) -> None:
    access.ensure(
        can_run_briefings(request.user), "Only safeguarding leads and managers can do this."
    )


def _briefing(pk: int) -> Briefing:
    return get_object_or_404(Briefing, pk=pk)


# --- Sheets ----------------------------------------------------------------------------------


@login_required
def briefing_list(request):
    _reader(request)
    return render(
        request,
        "briefings/list.html",
        {
            "briefings": selectors.briefing_list()[:60],
            "today": timezone.localdate(),
            "can_build": can_run_briefings(request.user),
            "export_form": forms.ExportForm() if can_export(request.user) else None,
        },
    )


@login_required
def briefing_today(request):
    _reader(request)
    briefing = Briefing.objects.filter(day=timezone.localdate()).first()
    if briefing is not None:
        return redirect(briefing)
    return render(
        request,
        "briefings/not_built.html",
        {"today": timezone.localdate(), "can_build": can_run_briefings(request.user)},
    )


@login_required
@require_POST
def briefing_build(request):
    try:
        briefing = services.briefing_build(day=timezone.localdate(), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("briefings:list")
    messages.success(request, f"The sheet for {briefing.day:%A %d %B} is ready.")
    return redirect(briefing)


@login_required
def briefing_sheet(request, pk: int):
    _reader(request)
    sheet = selectors.sheet_for_reader(request.user, _briefing(pk))
    access_record(
        user=request.user,
        action=AccessLog.Action.VIEW_CASE,
        request=request,
        obj=sheet.briefing,
        label=f"Briefing {sheet.briefing.day:%Y-%m-%d}",
        detail={"cases": sheet.case_references},
    )
    return render(
        request,
        "briefings/sheet.html",
        {"sheet": sheet, "briefing": sheet.briefing, "can_run": can_run_briefings(request.user)},
    )


# --- PDFs ------------------------------------------------------------------------------------


@login_required
@require_POST
def pdf_request(request, pk: int):
    _reader(request)
    document = services.document_request(actor=request.user, briefing=_briefing(pk))
    return redirect("briefings:document", pk=document.pk)


@login_required
@require_POST
def briefing_export(request):
    access.ensure(can_export(request.user), "Only managers export past briefings.")
    form = forms.ExportForm(request.POST)
    if form.is_valid():
        try:
            document = services.document_export(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect("briefings:document", pk=document.pk)
    context = {"briefings": selectors.briefing_list()[:60], "export_form": form}
    context |= {"today": timezone.localdate(), "can_build": can_run_briefings(request.user)}
    return render(request, "briefings/list.html", context, status=400)


def reader_document(request, pk: int) -> BriefingDocument:
    """The reader's PDF; one out of date is set to be prepared again (web page and API)."""
    document = selectors.document_for_reader(request.user, pk)
    return services.document_refresh(actor=request.user, document=document)


@login_required
def document_status(request, pk: int):
    document = reader_document(request, pk)
    return render(request, "briefings/document.html", {"document": document})


@login_required
def document_download(request, pk: int):
    document = reader_document(request, pk)
    if document.status != BriefingDocument.Status.READY:
        return redirect("briefings:document", pk=document.pk)
    return pdf_download(request, document)


def pdf_download(request, document: BriefingDocument, **detail: str) -> HttpResponse:
    """A prepared PDF as an attachment for its reader, the download written to the access
    log with the cases it discloses (and ``detail``); the web page and the API both use it."""
    access_record(
        user=request.user,
        action=AccessLog.Action.DOWNLOAD,
        request=request,
        obj=document,
        label=document.filename,
        detail={"cases": document.case_references, **detail},
    )
    response = HttpResponse(bytes(document.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- The meeting -----------------------------------------------------------------------------


def _meeting_page(request, briefing: Briefing, status: int = 200, **forms_given):
    meeting = Meeting.objects.filter(briefing=briefing).first()
    context = {
        "briefing": briefing,
        "meeting": meeting,
        "statement": CONFIDENTIALITY_STATEMENT,
        "attendance_form": forms_given.get("attendance_form") or forms.AttendanceForm(),
        "discussion_form": forms_given.get("discussion_form") or forms.DiscussionForm(),
        "attendees": meeting.attendees.select_related("agency") if meeting else [],
        "discussions": selectors.discussions_for_reader(request.user, meeting),
    }
    return render(request, "briefings/meeting.html", context, status=status)


@login_required
def meeting(request, pk: int):
    _runner(request)
    return _meeting_page(request, _briefing(pk))


@login_required
@require_POST
def meeting_acknowledge(request, pk: int):
    _runner(request)
    briefing = _briefing(pk)
    meeting = services.meeting_open(actor=request.user, briefing=briefing)
    services.meeting_acknowledge_statement(actor=request.user, meeting=meeting)
    messages.success(request, "Confidentiality statement recorded as acknowledged.")
    return redirect("briefings:meeting", pk=pk)


@login_required
@require_POST
def meeting_attendance(request, pk: int):
    _runner(request)
    briefing = _briefing(pk)
    form = forms.AttendanceForm(request.POST)
    if form.is_valid():
        meeting = services.meeting_open(actor=request.user, briefing=briefing)
        try:
            services.attendance_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} recorded as present.")
            return redirect("briefings:meeting", pk=pk)
    return _meeting_page(request, briefing, status=400, attendance_form=form)


@login_required
@require_POST
def meeting_discussion(request, pk: int):
    _runner(request)
    briefing = _briefing(pk)
    form = forms.DiscussionForm(request.POST)
    if form.is_valid():
        try:
            discussion = _record_discussion(request, briefing, form)
        except ValidationError as error:
            form.add_service_error(error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Discussion of {discussion.case_reference} recorded.")
            return redirect("briefings:meeting", pk=pk)
    return _meeting_page(request, briefing, status=400, discussion_form=form)


def _record_discussion(request, briefing, form):
    data = form.cleaned_data
    case = access.visible_cases(request.user).filter(reference=data["reference"].strip()).first()
    if case is None:
        raise ValidationError({"reference": "No case you can see has that reference."})
    return services.discussion_record(
        actor=request.user,
        meeting=services.meeting_open(actor=request.user, briefing=briefing),
        case=case,
        agenda_change=data["agenda_change"],
        agenda_reason=data["agenda_reason"],
        decision=data["decision"],
        actions=form.actions(),
        share=form.share(),
    )


# --- Nominations -----------------------------------------------------------------------------


@login_required
def nominate(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    readable = access.readable_sensitivities(request.user)
    form = forms.NominationForm(request.POST or None, readable=readable)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Case nominated for the next briefing.")
            return redirect(case)
    return render(request, "briefings/nominate.html", {"case": case, "form": form})
