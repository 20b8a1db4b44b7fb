"""The public form at /report/: no sign-in, one question a page, then check and send.

A report is saved (``report_submit`` commits) before the confirmation page is
shown; a flood from one address gets a 429 page with the answers kept; a
replayed or tampered form is refused with a message and nothing is saved.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited
from formtools.wizard.views import SessionWizardView

from . import forms, services
from .models import Category, Channel
from .storage import incomplete_storage

STEPS = [
    ("emergency", forms.EmergencyForm),
    ("about", forms.AboutForm),
    ("what", forms.WhatForm),
    ("when", forms.WhenForm),
    ("where", forms.WhereForm),
    ("ongoing", forms.OngoingForm),
    ("photo", forms.PhotoForm),
    ("anonymous", forms.AnonymousForm),
    ("details", forms.DetailsForm),
    ("contact", forms.ContactForm),
    ("victim", forms.VictimForm),
    ("consent", forms.ConsentForm),
    ("check", forms.CheckForm),
]
CHANGEABLE = [name for name, _ in STEPS if name not in ("emergency", "check")]
SESSION_REFERENCE = "intake_reference"
SESSION_STATUS_URL = "intake_status_url"
RUN_KEY = "run"
RETURN_TO_CHECK = "return_to_check"


def _gives_details(wizard) -> bool:
    data = wizard.get_cleaned_data_for_step("anonymous") or {}
    return data.get("is_anonymous") is False


def _step_rate(group, request) -> str:
    return settings.INTAKE_STEP_RATE


def _submit_rate(group, request) -> str:
    return settings.INTAKE_SUBMIT_RATE


def start(request):
    return render(request, "intake/start.html")


def emergency(request):
    return render(request, "intake/emergency.html")


def rate_limited(request, exception=None):
    return render(request, "intake/rate_limited.html", status=429)


@never_cache
def sent(request):
    reference = request.session.get(SESSION_REFERENCE)
    if not reference:
        return redirect("intake:start")
    context = {"reference": reference, "status_url": request.session.get(SESSION_STATUS_URL)}
    return render(request, "intake/sent.html", context)


@method_decorator(never_cache, name="dispatch")
class ReportWizard(SessionWizardView):
    form_list = STEPS
    condition_dict = {"details": _gives_details, "contact": _gives_details}
    file_storage = incomplete_storage
    template_name = "intake/question.html"

    def get_form_prefix(self, step=None, form=None):
        return ""  # one form a page: plain field names and ids

    def dispatch(self, request, *args, **kwargs):
        limited = request.method == "POST" and is_ratelimited(
            request, group="intake-steps", key="ip", rate=_step_rate, increment=True
        )
        if limited:
            return rate_limited(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except SuspiciousOperation:
            return _refused(request)

    def get(self, request, *args, **kwargs):
        change = request.GET.get("change")
        if change in CHANGEABLE and self.storage.extra_data.get(RUN_KEY):
            self.storage.extra_data = {**self.storage.extra_data, RETURN_TO_CHECK: True}
            return self.render_goto_step(change)
        response = super().get(request, *args, **kwargs)
        self.storage.extra_data = {RUN_KEY: secrets.token_urlsafe(16)}
        return response

    def post(self, *args, **kwargs):
        step = self.request.POST.get(f"{self.prefix}-current_step")
        if step not in self.get_form_list() or not self.storage.extra_data.get(RUN_KEY):
            return _refused(self.request)
        return super().post(*args, **kwargs)

    def get_form_kwargs(self, step=None):
        if step == "contact":
            return {"details": self.get_cleaned_data_for_step("details") or {}}
        if step == "check":
            return {"run": self.storage.extra_data.get(RUN_KEY, "")}
        return {}

    def render_next_step(self, form, **kwargs):
        if self.steps.current == "emergency" and form.cleaned_data["is_emergency"]:
            return HttpResponseRedirect(reverse("intake:emergency"))
        if self.storage.extra_data.get(RETURN_TO_CHECK) and self._answered_up_to_check():
            return self.render_goto_step("check")
        return super().render_next_step(form, **kwargs)

    def render_goto_step(self, goto_step, **kwargs):
        # The check page summarises every answer: a jump to it (a tampered form) before
        # they are all given is refused rather than shown half-empty.
        if goto_step == "check" and not self._answered_up_to_check():
            return _refused(self.request)
        return super().render_goto_step(goto_step, **kwargs)

    def _answered_up_to_check(self) -> bool:
        steps = [step for step in self.get_form_list() if step != "check"]
        return all(self.storage.get_step_data(step) is not None for step in steps)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context["question"] = form.question
        if self.steps.current == "check":
            context["summary"] = self._summary_rows()
        return context

    def _summary_rows(self) -> list[dict]:
        answers = self._answers()
        rows = [
            ("about", "What it is about", Category(answers["category"]).label),
            ("what", "What happened", answers["what_happened"]),
            ("when", "When", answers["when"]),
            ("where", "Where", answers["where"]),
            ("ongoing", "Still happening", _yes_no(answers["is_ongoing"])),
            ("photo", "Photo", self._photo_name() or "No photo"),
            ("anonymous", "Your details", _details_text(answers)),
        ]
        if not answers["is_anonymous"]:
            preference = dict(forms.CONTACT_PREFERENCES)[answers["contact_preference"]]
            rows.append(("contact", "How to contact you", preference))
        rows += [
            ("victim", "You are the victim", _yes_no(answers["is_victim"])),
            ("consent", "Share with partner agencies", _yes_no(answers["consent_to_share"])),
        ]
        return [{"step": step, "label": label, "value": value} for step, label, value in rows]

    def _photo_name(self) -> str:
        photo = (self.get_cleaned_data_for_step("photo") or {}).get("photo")
        return photo.name if photo else ""

    def _answers(self) -> dict:
        answers = {}
        for step in self.get_form_list():
            if step not in ("emergency", "photo", "check"):
                answers.update(self.get_cleaned_data_for_step(step) or {})
        return answers

    def done(self, form_list, form_dict=None, **kwargs):
        check = form_dict["check"]
        if check.cleaned_data["website"]:
            return _refused(self.request)
        if is_ratelimited(
            self.request, group="intake-submit", key="ip", rate=_submit_rate, increment=True
        ):
            # The answers stay in the session: the person can send them later.
            raise _KeepAnswers(rate_limited(self.request))
        photo = form_dict["photo"].cleaned_data.get("photo")
        try:
            report = services.report_submit(
                channel=Channel.ONLINE_FORM, answers=self._answers(), photo=photo
            )
        except ValidationError:
            return _refused(self.request)
        except ImproperlyConfigured:
            raise _KeepAnswers(
                render(self.request, "intake/unavailable.html", status=503)
            ) from None
        self.request.session[SESSION_REFERENCE] = report.case.reference
        self.request.session[SESSION_STATUS_URL] = report.status_url
        return redirect("intake:sent")

    def render_done(self, form, **kwargs):
        try:
            return super().render_done(form, **kwargs)
        except _KeepAnswers as keep:
            return keep.response


class _KeepAnswers(Exception):
    """Leave the wizard's answers in place (formtools resets them after ``done``)."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _refused(request):
    return render(request, "intake/refused.html", status=400)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _details_text(answers: dict) -> str:
    if answers["is_anonymous"]:
        return "Anonymous"
    parts = [f"{answers['given_name']} {answers['family_name']}", answers.get("email", "")]
    return "\n".join(part for part in [*parts, answers.get("phone", "")] if part)
