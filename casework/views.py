"""The officers' web pages. Each view: parse the input, check access through
``casework.access``, call one service, respond. Services refuse what is not
allowed; their ValidationErrors become form errors and PermissionDenied a 403."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import AccessLog
from audit.services import access_record
from partners.rules import can_work_cases

from . import access, forms, hooks, selectors, services
from .errors import StaleCaseError
from .models import (
    ALLOWED_TRANSITIONS,
    Action,
    CaseParticipant,
    CaseShare,
    Person,
    TimelineEntry,
)
from .types import kind_of

User = get_user_model()


def _page(request, template: str, **context):
    return render(request, template, context)


def _done(request, case, message: str, anchor: str = ""):
    messages.success(request, message)
    return redirect(case.get_absolute_url() + anchor)


# --- Lists ---------------------------------------------------------------------------------


def _filters_from(form: forms.CaseFilterForm) -> selectors.CaseFilters:
    data = form.cleaned_data
    return selectors.CaseFilters(
        case_type=data.get("case_type") or "",
        status=data.get("status") or "",
        risk_level=data.get("risk_level") or "",
        ward=data.get("ward") or "",
        lead_agency=getattr(data.get("lead_agency"), "pk", None),
        lead_officer=getattr(data.get("lead_officer"), "pk", None),
        reported_from=data.get("reported_from"),
        reported_to=data.get("reported_to"),
        text=data.get("q") or "",
    )


@login_required
def case_list(request):
    form = forms.CaseFilterForm(request.GET or None, choices=selectors.filter_choices(request.user))
    valid = form.is_valid() if form.is_bound else True
    filters = _filters_from(form) if form.is_bound and valid else selectors.CaseFilters()
    sort = form.sort_key() if form.is_bound and valid else "-reported"
    page = selectors.case_list_page(
        request.user, filters, sort, request.GET.get("page"), after=request.GET.get("after")
    )
    if filters.text:
        access_record(
            user=request.user,
            action=AccessLog.Action.SEARCH,
            request=request,
            detail={"query": filters.text, "results": page.count, "exact": page.count_is_exact},
        )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("after", None)
    return _page(
        request,
        "casework/case_list.html",
        form=form,
        page=page,
        filters=filters,
        query=query.urlencode(),
        filtered=any(value for value in vars(filters).values()),
    )


# --- Case detail ---------------------------------------------------------------------------


@login_required
def case_detail(request, reference: str):
    user = request.user
    case = selectors.case_detail(user, reference)
    access_record(user=user, action=AccessLog.Action.VIEW_CASE, request=request, obj=case)
    case_kind = kind_of(case.case_type)
    return _page(
        request,
        "casework/case_detail.html",
        case=case,
        timeline=selectors.timeline_for(user, case),
        sections=selectors.readable_sections(user, case),
        history=selectors.case_history(user, case),
        named_access=selectors.named_access(case) if case.is_restricted else [],
        can_change=access.can_change(user, case),
        can_contribute=access.can_contribute(user, case),
        can_reassign=access.can_reassign(user, case),
        can_grant_access=access.can_grant_access(user, case),
        today=timezone.localdate(),
        case_kind=case_kind,
        **case_kind.page_context(user, case),
        **_referral_context(user, case),
        **_held_elsewhere(user, case),
    )


def _held_elsewhere(user, case) -> dict:
    """What the feature apps add to the case page (``hooks.case_page_context``)."""
    context: dict = {}
    for part in hooks.case_page_context(user=user, case=case):
        context.update(part)
    return context


def _referral_context(user, case) -> dict:
    referrals = selectors.case_referrals(case)
    pending = next((referral for referral in referrals if referral.is_pending), None)
    return {
        "referrals": referrals,
        "pending_referral": pending,
        "can_answer_referral": pending is not None and access.can_answer_referral(user, pending),
        "can_refer": pending is None
        and case.status in services.REFERRABLE_STATUSES
        and not case.is_restricted
        and access.can_change(user, case),
    }


# --- Create and change a case ------------------------------------------------------------------


@login_required
def case_create(request):
    access.ensure(can_work_cases(request.user), "Your role cannot log cases.")
    agency = request.user.membership.agency
    form = forms.CaseForm(
        request.POST or None, agency=agency, initial={"lead_officer": request.user.pk}
    )
    similar = []
    if request.method == "POST" and form.is_valid():
        similar = selectors.similar_cases(request.user, **form.similarity_arguments())
        if not form.unseen(similar):
            try:
                case = services.case_open(actor=request.user, **form.service_arguments())
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return _done(
                    request, case, f"Case {case.reference} logged. Add the people involved next."
                )
    return _page(
        request,
        "casework/case_form.html",
        form=form,
        similar=similar,
        similar_seen=",".join(str(found.case.pk) for found in similar),
    )


@login_required
def case_edit(request, reference: str):
    case = access.case_for_change(request.user, reference)
    initial = {field: getattr(case, field) for field in forms.CaseEditForm.EDITABLE}
    form = forms.CaseEditForm(request.POST or None, initial={**initial, "version": case.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
        except StaleCaseError as error:
            stale = selectors.stale_changes(error.current, error.expected_version)
            form = _rebased(forms.CaseEditForm, request.POST, error.current.version)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, f"Case {case.reference} updated.")
    return _page(request, "casework/case_edit.html", case=case, form=form, stale=stale)


def _rebased(form_class, data, version: int, **kwargs):
    """The user's own input on the latest version, so saving again applies it knowingly."""
    data = data.copy()
    data["version"] = str(version)
    return form_class(data, **kwargs)


@login_required
def case_status(request, reference: str):
    case = access.case_for_change(request.user, reference)
    allowed = sorted(ALLOWED_TRANSITIONS[case.status])
    form = forms.StatusForm(
        request.POST or None, allowed=allowed, initial={"version": case.version}
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_transition(
                actor=request.user,
                case=case,
                to_status=data["to_status"],
                reason=data["reason"],
                expected_version=data["version"],
            )
        except StaleCaseError as error:
            stale = selectors.stale_changes(error.current, error.expected_version)
            case = error.current
            allowed = sorted(ALLOWED_TRANSITIONS[case.status])
            form = _rebased(forms.StatusForm, request.POST, case.version, allowed=allowed)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, f"Status changed to {case.get_status_display().lower()}.")
    return _page(request, "casework/case_status.html", case=case, form=form, stale=stale)


@login_required
def case_reassign(request, reference: str):
    case = access.case_for_viewing(request.user, reference)
    access.ensure(
        access.can_reassign(request.user, case), "Only the lead agency's manager can reassign."
    )
    form = forms.ReassignForm(
        request.POST or None,
        agency=case.lead_agency,
        initial={"version": case.version, "lead_officer": case.lead_officer_id},
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reassign(
                actor=request.user,
                case=case,
                lead_officer=form.cleaned_data["lead_officer"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleCaseError as error:
            stale = selectors.stale_changes(error.current, error.expected_version)
            form = _rebased(
                forms.ReassignForm, request.POST, error.current.version, agency=case.lead_agency
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Lead officer changed.")
    return _page(request, "casework/case_reassign.html", case=case, form=form, stale=stale)


# --- Timeline -------------------------------------------------------------------------------


@login_required
def entry_add(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    readable = access.readable_sensitivities(request.user)
    initial_kind = request.GET.get("kind", "note")
    form = forms.EntryForm(request.POST or None, readable=readable, initial={"kind": initial_kind})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, f"{entry.get_kind_display()} added.", "#timeline")
    return _page(request, "casework/entry_form.html", case=case, form=form)


@login_required
def entry_amend(request, reference: str, pk: int):
    case = access.case_for_contribution(request.user, reference)
    entry = get_object_or_404(
        TimelineEntry.objects.select_related("author", "author_agency"), pk=pk, case=case
    )
    if not access.can_read_entry(request.user, entry):
        raise Http404("No entry found.")
    form = forms.AmendForm(request.POST or None, initial={"body": entry.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_amend(actor=request.user, entry=entry, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, f"{entry.get_kind_display()} amended.", "#timeline")
    return _page(request, "casework/entry_amend.html", case=case, entry=entry, form=form)


# --- Actions ------------------------------------------------------------------------------------


@login_required
def action_add(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    form = forms.ActionForm(request.POST or None, agencies=selectors.case_agencies(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Action added.", "#actions")
    return _page(request, "casework/action_form.html", case=case, form=form)


@login_required
def action_complete(request, reference: str, pk: int):
    case = access.case_for_contribution(request.user, reference)
    action = get_object_or_404(Action.objects.select_related("assigned_agency"), pk=pk, case=case)
    form = forms.ActionCompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_complete(
                actor=request.user, action=action, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Action completed.", "#actions")
    return _page(request, "casework/action_complete.html", case=case, action=action, form=form)


# --- People -------------------------------------------------------------------------------------


@login_required
def person_add(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    form = forms.PersonForm(request.POST or None)
    matches = []
    if request.method == "POST" and form.is_valid():
        details = form.person_details()
        choice = form.cleaned_data["match"]
        if not choice:
            matches = selectors.people_like(
                request.user,
                given_name=details["given_name"],
                family_name=details["family_name"],
                date_of_birth=details["date_of_birth"],
            )
        if not matches:
            try:
                person = _chosen_person(request.user, choice, details)
                services.participant_add(
                    actor=request.user, case=case, person=person, role=form.cleaned_data["role"]
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return _done(request, case, f"{person.full_name} added to the case.", "#people")
    return _page(request, "casework/person_form.html", case=case, form=form, matches=matches)


def _chosen_person(user, choice: str, details: dict) -> Person:
    """The existing person the officer picked (if they may see them) or a new one."""
    if choice and choice != "new":
        try:
            return selectors.person_for_viewing(user, int(choice))
        except (ValueError, Http404):
            raise ValidationError("Choose one of the people listed, or add a new person.") from None
    person, _created = services.person_find_or_create(actor=user, **details)
    return person


@login_required
def person_detail(request, pk: int):
    person = selectors.person_for_viewing(request.user, pk)
    cases = selectors.person_cases(request.user, person)
    access_record(
        user=request.user, action=AccessLog.Action.VIEW_PERSON, request=request, obj=person
    )
    parts = selectors.person_parts(person, cases)
    return _page(
        request,
        "casework/person_detail.html",
        person=person,
        parts=parts,
        flags=selectors.vulnerability_flags_of(person),
        can_flag=selectors.can_record_vulnerabilities(request.user, person),
        today=timezone.localdate(),
    )


# --- Sharing and named access --------------------------------------------------------------------


@login_required
def share_add(request, reference: str):
    case = access.case_for_change(request.user, reference)
    form = forms.ShareForm(request.POST or None, agencies=selectors.share_candidates(case))
    if request.method == "POST" and form.is_valid():
        try:
            share = services.case_share(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, f"Case shared with {share.agency.name}.", "#sharing")
    return _page(request, "casework/share_form.html", case=case, form=form)


@login_required
def share_revoke(request, reference: str, pk: int):
    case = access.case_for_change(request.user, reference)
    share = get_object_or_404(CaseShare.objects.select_related("agency"), pk=pk, case=case)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_share_revoke(
                actor=request.user, share=share, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, f"Sharing with {share.agency.name} stopped.", "#sharing")
    return _page(request, "casework/share_revoke.html", case=case, share=share, form=form)


def _case_for_granting(user, reference: str):
    case = access.case_for_viewing(user, reference)
    access.ensure(
        access.can_grant_access(user, case),
        "Only the lead agency's manager or lead officer can manage access.",
    )
    return case


@login_required
def case_access(request, reference: str):
    case = _case_for_granting(request.user, reference)
    grant_form = forms.GrantAccessForm(
        request.POST if "grant" in request.POST else None, auto_id="grant_%s"
    )
    restrict_form = forms.RestrictForm(
        request.POST if "restrict" in request.POST else None,
        auto_id="restrict_%s",
        initial={"restricted": "yes" if case.is_restricted else "no"},
    )
    if "grant" in request.POST and grant_form.is_valid():
        user = grant_form.cleaned_data["user"]
        try:
            services.case_grant_access(
                actor=request.user, case=case, user=user, reason=grant_form.cleaned_data["reason"]
            )
        except ValidationError as error:
            grant_form.add_service_error(error)
        else:
            return _done(request, case, f"{user.get_full_name()} can now open this case.")
    if "restrict" in request.POST and restrict_form.is_valid():
        restricted = restrict_form.cleaned_data["restricted"] == "yes"
        try:
            services.case_restrict(
                actor=request.user,
                case=case,
                restricted=restricted,
                reason=restrict_form.cleaned_data["reason"],
            )
        except ValidationError as error:
            restrict_form.add_service_error(error)
        else:
            word = "restricted to named people" if restricted else "no longer restricted"
            return _done(request, case, f"Case {case.reference} is {word}.")
    return _page(
        request,
        "casework/case_access.html",
        case=case,
        grant_form=grant_form,
        restrict_form=restrict_form,
        named=selectors.named_access(case),
    )


@login_required
@require_POST
def access_revoke(request, reference: str, user_id: int):
    case = _case_for_granting(request.user, reference)
    person = get_object_or_404(User, pk=user_id)
    services.case_revoke_access(
        actor=request.user, case=case, user=person, reason="Removed on the access page."
    )
    messages.success(request, f"{person.get_full_name()} no longer has named access.")
    return redirect("casework:case_access", reference=case.reference)


# --- Type-specific work ----------------------------------------------------------------------


def _simple(request, case, form, *, heading: str, submit: str, intro: str = ""):
    return _page(
        request,
        "casework/simple_form.html",
        case=case,
        form=form,
        heading=heading,
        submit=submit,
        intro=intro,
    )


@login_required
def missing_person_regrade(request, reference: str):
    case = access.case_for_change(request.user, reference)
    detail = _detail_of(case, "missing_person")
    form = forms.RegradeForm(request.POST or None, initial={"grade": detail.risk_grade})
    if request.method == "POST" and form.is_valid():
        try:
            services.missing_person_grade(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Risk grade recorded.")
    return _simple(request, case, form, heading="Regrade the risk", submit="Save grade")


@login_required
def missing_person_information(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    _detail_of(case, "missing_person")
    form = forms.InformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.missing_person_information_record(
                actor=request.user,
                case=case,
                information=data["information"],
                supplied_by=data["supplied_by"],
                supplied_at=form.moment("supplied_on", "supplied_time"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Information recorded.")
    return _simple(request, case, form, heading="Record information", submit="Record")


@login_required
def missing_person_returned(request, reference: str):
    case = access.case_for_change(request.user, reference)
    _detail_of(case, "missing_person")
    form = forms.ReturnedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.missing_person_returned(
                actor=request.user,
                case=case,
                returned_at=form.moment("returned_on", "returned_time"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Return recorded.")
    intro = "A child is owed a return home interview within 72 hours of coming back."
    return _simple(
        request, case, form, heading="Record the return", submit="Record return", intro=intro
    )


@login_required
def return_interview(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    _detail_of(case, "missing_person")
    form = forms.InterviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_interview_record(
                actor=request.user, case=case, done_at=form.moment("done_on", "done_time")
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Return home interview recorded.")
    return _simple(
        request, case, form, heading="Record the return home interview", submit="Record interview"
    )


@login_required
def asb_assess(request, reference: str):
    case = access.case_for_contribution(request.user, reference)
    _detail_of(case, "asb")
    form = forms.RiskAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.asb_risk_assess(
                actor=request.user, case=case, answers=form.answers()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            level = assessment.get_level_display().lower()
            return _done(request, case, f"Victim risk assessed: {level} ({assessment.score}).")
    intro = "Answer every question with the victim. Medium and high risk victims get a SPOC."
    return _simple(
        request, case, form, heading="Assess the victim's risk", submit="Save", intro=intro
    )


@login_required
def family_needs(request, reference: str):
    case = access.case_for_change(request.user, reference)
    detail = _detail_of(case, "troubled_family")
    form = forms.FamilyNeedsForm(request.POST or None, initial={"needs": detail.needs})
    if request.method == "POST" and form.is_valid():
        try:
            services.family_needs_set(
                actor=request.user, case=case, needs=form.cleaned_data["needs"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, "Family needs updated.")
    return _simple(request, case, form, heading="Change the family's needs", submit="Save needs")


@login_required
def person_remove(request, reference: str, pk: int):
    case = access.case_for_change(request.user, reference)
    participant = get_object_or_404(
        CaseParticipant.objects.select_related("person"), pk=pk, case=case
    )
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_remove(
                actor=request.user, participant=participant, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _done(request, case, f"{participant.person.full_name} removed.", "#people")
    heading = f"Remove {participant.person.full_name} ({participant.get_role_display().lower()})"
    return _simple(request, case, form, heading=heading, submit="Remove from case")


def _detail_of(case, section: str):
    """The case's detail of that type, or 404: the page does not exist for other types."""
    detail = getattr(case, section, None)
    if detail is None:
        raise Http404("This case has no such details.")
    return detail
