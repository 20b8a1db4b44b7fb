"""Forms for the briefing pages: shapes only; the services decide what is allowed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.forms import Form, GovukDateField
from casework.models import LawfulBasis
from partners.models import Agency, InformationSharingAgreement, Sensitivity

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


ACTION_ROWS = 3  # actions a decision may raise at once; record the discussion again for more


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

    share_lawful_basis = forms.ChoiceField(
        label="If an action goes to an agency that does not hold the case",
        required=False,
        choices=[
            ("", "Do not share: give the action to an agency that holds it"),
            *LawfulBasis.choices,
        ],
        widget=forms.RadioSelect,
        help_text="Share the case with that agency now, on this lawful basis.",
    )
    share_reason = forms.CharField(
        label="Why it is shared", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    share_agreement = forms.ModelChoiceField(
        label="Information-sharing agreement",
        required=False,
        queryset=InformationSharingAgreement.objects.none(),
        empty_label="Choose an agreement",
    )
    share_statutory_basis = forms.CharField(
        label="Statute and section",
        required=False,
        max_length=200,
        help_text="For example, Crime and Disorder Act 1998 s.115",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["share_agreement"].queryset = InformationSharingAgreement.objects.filter(
            starts_on__lte=today
        ).exclude(ends_on__lt=today)
        for row in range(1, ACTION_ROWS + 1):
            self.add_field(
                f"action_{row}_description",
                forms.CharField(label="What needs doing", required=False, max_length=500),
            )
            self.add_field(
                f"action_{row}_agency",
                forms.ModelChoiceField(
                    label="Agency that owns it",
                    required=False,
                    queryset=Agency.objects.filter(is_active=True),
                    empty_label="Choose",
                ),
            )
            self.add_field(
                f"action_{row}_due_on",
                GovukDateField(label="Due", required=False, help_text="For example, 27 4 2026"),
            )

    @property
    def action_rows(self) -> list[tuple[int, list]]:
        """For the template: (row number, its three bound fields)."""
        return [
            (row, [self[f"action_{row}_{part}"] for part in ("description", "agency", "due_on")])
            for row in range(1, ACTION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for row in range(1, ACTION_ROWS + 1):
            self._clean_action(data, f"action_{row}_")
        basis = data.get("share_lawful_basis")
        if basis and not (data.get("share_reason") or "").strip():
            self.add_error("share_reason", "Enter why the case is shared.")
        if basis == LawfulBasis.AGREEMENT and not data.get("share_agreement"):
            self.add_error("share_agreement", "Choose the information-sharing agreement.")
        if basis == LawfulBasis.STATUTORY and not (data.get("share_statutory_basis") or "").strip():
            self.add_error("share_statutory_basis", "Name the statute and section.")
        return data

    def share(self) -> dict | None:
        """How to share the case with an action's agency that does not hold it, if at all."""
        data = self.cleaned_data
        if not data.get("share_lawful_basis"):
            return None
        return {
            "reason": data["share_reason"].strip(),
            "lawful_basis": data["share_lawful_basis"],
            "agreement": data.get("share_agreement"),
            "statutory_basis": data.get("share_statutory_basis", "").strip(),
        }

    def _clean_action(self, data, prefix: str) -> None:
        described, agency = data.get(prefix + "description"), data.get(prefix + "agency")
        due_on = data.get(prefix + "due_on")
        if not (described or agency or due_on or prefix + "due_on" in self.errors):
            return  # an empty row
        if not described:
            self.add_error(prefix + "description", "Enter what needs doing.")
        if not agency:
            self.add_error(prefix + "agency", "Choose the agency that owns the action.")
        if not due_on and prefix + "due_on" not in self.errors:
            self.add_error(prefix + "due_on", "Enter the date the action is due.")
        elif due_on and due_on < timezone.localdate():
            self.add_error(prefix + "due_on", "The due date must be today or in the future.")

    def actions(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "description": data[f"action_{row}_description"],
                "assigned_agency": data[f"action_{row}_agency"],
                "due_on": data[f"action_{row}_due_on"],
            }
            for row in range(1, ACTION_ROWS + 1)
            if data.get(f"action_{row}_description")
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
