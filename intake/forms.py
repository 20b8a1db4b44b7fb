"""The public form's pages (one question each) and the triage team's forms."""

from django import forms
from django.core.exceptions import ValidationError

from casework.forms import Form as OfficersForm
from casework.forms import TypeDetailForm
from casework.models import RiskLevel
from casework.selectors import working_staff
from common.govuk_forms import GovukFormMixin
from partners.models import Agency

from .answers import CONTACT_PREFERENCES, NEEDS_DETAIL, TEXT_LIMITS
from .models import Category
from .photos import photo_check

YES_NO = [("yes", "Yes"), ("no", "No")]


class YesNoField(forms.TypedChoiceField):
    def __init__(self, *, label: str, error: str, **kwargs):
        super().__init__(
            label=label,
            choices=YES_NO,
            widget=forms.RadioSelect,
            coerce=lambda value: value == "yes",
            error_messages={"required": error},
            **kwargs,
        )


class PublicForm(GovukFormMixin, forms.Form):
    """A page of the public form. ``question`` is the page's heading and the field's label."""

    question = ""


class EmergencyForm(PublicForm):
    question = "Is this an emergency?"
    is_emergency = YesNoField(
        label="Is someone in danger now, is a crime happening now, or is someone suspected "
        "of a crime nearby?",
        error="Select yes if this is an emergency",
    )


class AboutForm(PublicForm):
    question = "What is your report about?"
    category = forms.ChoiceField(
        label=question,
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what your report is about"},
    )


def _text(label: str, field: str, hint: str, error: str, textarea: bool = False):
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=TEXT_LIMITS[field],
        widget=forms.Textarea(attrs={"rows": 6}) if textarea else forms.TextInput,
        error_messages={
            "required": error,
            "max_length": f"Use {TEXT_LIMITS[field]} characters or fewer",
        },
    )


class WhatForm(PublicForm):
    question = "What happened?"
    what_happened = _text(
        question,
        "what_happened",
        "Tell us what happened, who was involved and how it affected you or others. "
        "Do not include anything you would not want the people involved to know.",
        "Tell us what happened",
        textarea=True,
    )


class WhenForm(PublicForm):
    question = "When did it happen?"
    when = _text(
        question,
        "when",
        "For example, last night at about 10pm, or every evening since 1 November.",
        "Tell us when it happened",
    )


class WhereForm(PublicForm):
    question = "Where did it happen?"
    where = _text(
        question,
        "where",
        "An address or postcode, or describe the place, for example the park behind "
        "Mill Lane shops.",
        "Tell us where it happened",
        textarea=True,
    )


class OngoingForm(PublicForm):
    question = "Is it still happening, or is someone at risk of harm now?"
    is_ongoing = YesNoField(label=question, error="Select yes if it is still happening")


class PhotoForm(PublicForm):
    question = "Add a photo (optional)"
    photo = forms.FileField(
        label="Upload a photo",
        required=False,
        help_text="A JPG, PNG or WebP photo, smaller than 5 MB. You can skip this.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            photo_check(photo)
        return photo


class AnonymousForm(PublicForm):
    question = "Do you want to tell us who you are?"
    is_anonymous = forms.TypedChoiceField(
        label=question,
        help_text="If you stay anonymous we cannot tell you what happens next.",
        choices=[("no", "Yes, I will give my details"), ("yes", "No, I want to stay anonymous")],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        error_messages={"required": "Select whether you want to tell us who you are"},
    )


class DetailsForm(PublicForm):
    question = "Your details"
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter your first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter your last name"}
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="A mobile number if you want text messages.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["family_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})


class ContactForm(PublicForm):
    question = "How should we contact you?"
    contact_preference = forms.ChoiceField(
        label=question,
        choices=list(CONTACT_PREFERENCES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select how we should contact you"},
    )

    def __init__(self, *args, details: dict | None = None, **kwargs):
        self.details = details or {}  # set first: the GOV.UK mixin validates in __init__
        super().__init__(*args, **kwargs)

    def clean_contact_preference(self):
        preference = self.cleaned_data["contact_preference"]
        needed = NEEDS_DETAIL.get(preference)
        if needed and not self.details.get(needed):
            what = "email address" if needed == "email" else "phone number"
            raise ValidationError(
                f"You did not give a {what}: go back and add one, or choose another way"
            )
        return preference


class VictimForm(PublicForm):
    question = "Are you the victim?"
    is_victim = YesNoField(
        label=question,
        help_text="Select yes if it was aimed at you or harmed you.",
        error="Select yes if you are the victim",
    )


class ConsentForm(PublicForm):
    question = "Can we share your report with partner agencies?"
    consent_to_share = YesNoField(
        label=question,
        help_text="The council, fire service, health and support services work with the police "
        "in one team. Sharing helps the right one act. We may still share without "
        "consent where the law allows, for example to protect someone from harm.",
        error="Select yes if we can share your report",
    )


class CheckForm(PublicForm):
    """The final page. ``run`` ties it to this visit's answers; ``website`` is a trap for bots."""

    run = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(label="Leave this field empty", required=False)

    def __init__(self, *args, run: str = "", **kwargs):
        self.expected_run = run  # set first: the GOV.UK mixin validates in __init__
        super().__init__(*args, **kwargs)
        self.fields["run"].initial = run
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_run(self):
        if not self.expected_run or self.cleaned_data["run"] != self.expected_run:
            raise ValidationError(
                "This form was already sent or has expired. Start again to send a report.",
                code="replayed",
            )
        return self.cleaned_data["run"]


# --- Triage ------------------------------------------------------------------------------


WORKING_STAFF = working_staff(Agency.objects.filter(is_active=True)).order_by(
    "membership__agency__name", "last_name"
)


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.get_full_name() or user.username} ({user.membership.agency.name})"


class AcceptForm(TypeDetailForm):
    """The case the report becomes: its type with that type's questions (a missing person's
    grade and where last seen, say), its risk and who leads it."""

    field_order = ["case_type", "risk_level", "lead_agency", "lead_officer"]

    risk_level = forms.ChoiceField(label="Case risk", choices=RiskLevel.choices)
    lead_agency = forms.ModelChoiceField(
        label="Lead agency", queryset=Agency.objects.filter(is_active=True)
    )
    lead_officer = OfficerChoiceField(
        label="Lead officer",
        queryset=WORKING_STAFF,
        required=False,
        help_text="A working member of the lead agency. Leave blank for its managers to assign.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, staff=WORKING_STAFF.all(), **kwargs)
        self.fields["case_type"].label = "Case type"


class TriageForm(GovukFormMixin, forms.Form):
    """A triage action's form, taking a service's ValidationError as the officers' forms do."""

    add_service_error = OfficersForm.add_service_error


class LinkForm(TriageForm):
    reference = forms.CharField(
        label="Case reference", max_length=30, help_text="For example ICST-2026-00042."
    )
    reason = forms.CharField(
        label="Why does it belong to that case?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class CloseForm(TriageForm):
    reason = forms.CharField(
        label="Reason for closing",
        help_text="The reporter is told this reason, so write it for them.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
