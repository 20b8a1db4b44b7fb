"""Forms for the briefing pages: shapes only; the services decide what is allowed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.forms import Form, GovukDateField
from partners.models import Agency, Sensitivity

from .models import AgendaChange


class NominationForm(Form):
    reason = forms.CharField(
        label="Why should the briefing discuss this case?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    sensitivity = forms.ChoiceField(
        label="Who may read the reason",
        choices=Sensitivity.choices,
        initial=Sensitivity.STANDARD,
        help_text="As for a note: only people cleared for this sensitivity will read it.",
    )

    def __init__(self, *args, readable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sensitivity"].choices = [
            (value, label) for value, label in Sensitivity.choices if value in readable
        ]


class AttendanceForm(Form):
    name = forms.CharField(label="Name", max_length=150)
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.filter(is_active=True), empty_label="Choose"
    )


class DiscussionForm(Form):
    reference = forms.CharField(label="Case reference", max_length=30)
    agenda_change = forms.ChoiceField(
        label="How the case came to the meeting",
        choices=AgendaChange.choices,
        initial=AgendaChange.ON_SHEET,
        widget=forms.RadioSelect,
    )
    agenda_reason = forms.CharField(
        label="Why it was added or removed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision = forms.CharField(
        label="Decision", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    action_description = forms.CharField(
        label="Action arising (optional)", required=False, max_length=500
    )
    action_agency = forms.ModelChoiceField(
        label="Agency that owns the action",
        required=False,
        queryset=Agency.objects.filter(is_active=True),
        empty_label="Choose",
    )
    action_due_on = GovukDateField(
        label="Action due", required=False, help_text="For example, 27 4 2026"
    )

    def clean(self):
        data = super().clean()
        wanted = [data.get("action_description"), data.get("action_agency")]
        if any(wanted) or data.get("action_due_on"):
            if not data.get("action_description"):
                self.add_error("action_description", "Enter what needs doing.")
            if not data.get("action_agency"):
                self.add_error("action_agency", "Choose the agency that owns the action.")
            due_on = data.get("action_due_on")
            if not due_on and "action_due_on" not in self.errors:
                self.add_error("action_due_on", "Enter the date the action is due.")
            elif due_on and due_on < timezone.localdate():
                self.add_error("action_due_on", "The due date must be today or in the future.")
        return data

    def actions(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("action_description"):
            return []
        return [
            {
                "description": data["action_description"],
                "assigned_agency": data["action_agency"],
                "due_on": data["action_due_on"],
            }
        ]


class ExportForm(Form):
    first_day = GovukDateField(label="From", help_text="For example, 2 11 2026")
    last_day = GovukDateField(label="To", help_text="For example, 6 11 2026")

    def clean(self):
        data = super().clean()
        for name in ("first_day", "last_day"):
            if name in data and data[name] is None:
                self.add_error(name, ValidationError("Enter the date."))
        return data
