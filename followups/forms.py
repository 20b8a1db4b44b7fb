import uuid

from django import forms
from django.contrib.auth import get_user_model

from casework.forms import Form
from common.govuk_forms import GovukFormMixin

from .messages import template_choices
from .models import CHANNEL_CHOICES, Entitlement
from .obligations import KEY_EVENTS, RECORDED_KEY_EVENTS


class ContactRequestForm(GovukFormMixin, forms.Form):
    message = forms.CharField(
        label="Anything you want us to know before we call (optional)",
        help_text="Do not include anything urgent. If you are in danger, call 999.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PlanForm(Form):
    entitlement = forms.ChoiceField(
        label="Entitlement under the Victims' Code",
        choices=Entitlement.choices,
        widget=forms.RadioSelect,
        help_text="Enhanced: victims of the most serious crime, persistently targeted, "
        "vulnerable or intimidated victims.",
    )
    channel = forms.ChoiceField(
        label="How they want to hear from us", choices=CHANNEL_CHOICES, widget=forms.RadioSelect
    )
    update_every_working_days = forms.IntegerField(
        label="Agreed update frequency (working days)", min_value=1, max_value=60
    )
    opted_out = forms.BooleanField(label="They asked not to receive updates", required=False)
    victim_support_opt_out = forms.BooleanField(
        label="They declined a referral to victim support", required=False
    )
    single_point_of_contact = forms.ModelChoiceField(
        label="Single point of contact",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="The case's lead officer",
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["single_point_of_contact"].queryset = staff


class UpdateForm(Form):
    template_key = forms.ChoiceField(
        label="Start from", choices=template_choices(), widget=forms.HiddenInput
    )
    send_key = forms.CharField(widget=forms.HiddenInput)
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Replace the parts in square brackets. Never include restricted "
        "information or name the person of concern: the message is checked.",
    )

    @staticmethod
    def new_send_key() -> str:
        return uuid.uuid4().hex


class ContactForm(Form):
    how = forms.ChoiceField(
        label="How you made contact",
        choices=[("Phone call", "Phone call"), ("Visit", "Visit"), ("Letter", "Letter")],
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label="What you told them", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class ReferralForm(Form):
    detail = forms.CharField(
        label="Referral details (optional)", required=False, max_length=1000, widget=forms.Textarea
    )


class KeyEventForm(Form):
    event = forms.ChoiceField(
        label="What happened",
        choices=[(key, KEY_EVENTS[key]) for key in RECORDED_KEY_EVENTS],
        widget=forms.RadioSelect,
    )
