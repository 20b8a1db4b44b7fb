"""Forms for the officers' web pages. They parse and check shapes; the services
decide what is allowed, and their ValidationErrors come back onto these forms."""

from datetime import date, datetime, time

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.govuk_forms import WIDGET_CLASSES, QuickSelect
from partners.models import Agency, InformationSharingAgreement, Sensitivity

from .asb import QUESTIONS
from .models import (
    MIN_FAMILY_NEEDS,
    CaseStatus,
    CaseType,
    EntryKind,
    FamilyNeed,
    LawfulBasis,
    MissingPersonGrade,
    ParticipantRole,
    RiskLevel,
    VulnerabilityKind,
)
from .selectors import SORTABLE, names_in, working_staff
from .types import case_kinds, case_type_choices, kind_of

User = get_user_model()
YES_NO = [("yes", "Yes"), ("no", "No")]


# --- Widgets and fields --------------------------------------------------------------


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the Design System's date input); rendered by field.html."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}_{i}", "").strip() for i in range(3)]


class GovukDateField(forms.Field):
    widget = GovukDateWidget

    def to_python(self, value):
        if isinstance(value, date):
            return value
        parts = list(value or ["", "", ""])
        if not any(parts):
            return None
        if not all(parts):
            raise ValidationError(f"{self.label} must include a day, month and year.")
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1000:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.label} must be a real date.") from None

    def prepare_value(self, value):
        return value


def _aware(day: date, at: time = time(12, 0)) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def moment_of(day: date, text: str = "") -> datetime:
    """A day and an optional "HH:MM"; with no time, midday or now if midday is still to come."""
    if text:
        return _aware(day, time_of_day(text, "Time"))
    return min(_aware(day), timezone.now()) if day == timezone.localdate() else _aware(day)


def time_of_day(text: str, label: str) -> time:
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise ValidationError(f"{label} must be a time like 14:30.") from None


# Say what to do, in the Design System's words, rather than "This field is required."
REQUIRED = {
    "case_type": "Choose the type of case.",
    "summary": "Enter a summary of the case.",
    "risk_level": "Choose the case risk.",
    "status": "Choose how the case starts.",
    "kind": "Choose what you are recording.",
    "body": "Enter the details.",
    "sensitivity": "Choose the sensitivity.",
    "description": "Enter what needs doing.",
    "assigned_agency": "Choose the agency responsible.",
    "due_on": "Enter the due date.",
    "outcome": "Enter the outcome.",
    "role": "Choose their part in the case.",
    "given_name": "Enter their first name.",
    "family_name": "Enter their last name.",
    "agency": "Choose the agency to share with.",
    "reason": "Enter the reason.",
    "lawful_basis": "Choose the lawful basis for sharing.",
    "user": "Choose a person.",
    "restricted": "Choose who can open the case.",
    "grade": "Choose the risk grade.",
    "rationale": "Enter the rationale for the grade.",
    "information": "Enter the information.",
    "supplied_by": "Enter who supplied it.",
    "supplied_on": "Enter the date it was supplied.",
    "returned_on": "Enter the date the person returned.",
    "done_on": "Enter the date of the interview.",
    "lead_officer": "Choose the lead officer.",
    "needs": "Select the family's needs.",
}


class Form(forms.Form):
    """Every web form: GOV.UK classes, error states, and a way to take a service's
    ValidationError. Styling waits for validation, so subclasses may set querysets
    and add fields after ``__init__`` and still be validated against them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            self.style(name, field)

    def add_field(self, name: str, field: forms.Field) -> None:
        """A field added after ``__init__``, styled like the declared ones."""
        self.fields[name] = field
        self.style(name, field)

    def style(self, name: str, field: forms.Field) -> None:
        if name in REQUIRED:
            field.error_messages["required"] = REQUIRED[name]
        css = WIDGET_CLASSES.get(type(field.widget), "govuk-input")
        field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
        if field.help_text:
            field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            css = WIDGET_CLASSES.get(type(widget), "govuk-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}--error".strip()
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} {self[name].auto_id}-error".strip()

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None
                for message in messages:
                    self.add_error(target, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        name = user.get_full_name() or user.username
        return f"{name} ({user.membership.agency.name})"


# --- Case list filters -----------------------------------------------------------------


SORT_CHOICES = [
    ("-reported", "Newest reported first"),
    ("reported", "Oldest reported first"),
    ("risk", "Highest risk first"),  # risk values sort high, medium, standard
    ("review", "Review date, soonest first"),
    ("reference", "Reference"),
    ("status", "Status"),
]


class CaseFilterForm(Form):
    q = forms.CharField(
        label="Search by reference, person's name or address", required=False, max_length=200
    )
    case_type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "Any type"), *CaseType.choices],
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *CaseStatus.choices],
        widget=QuickSelect,
    )
    risk_level = forms.ChoiceField(
        label="Risk",
        required=False,
        choices=[("", "Any risk"), *RiskLevel.choices],
        widget=QuickSelect,
    )
    ward = forms.CharField(label="Ward", required=False, max_length=100)
    lead_agency = forms.ModelChoiceField(
        label="Lead agency",
        required=False,
        queryset=Agency.objects.none(),
        empty_label="Any",
        widget=QuickSelect,
    )
    lead_officer = StaffChoiceField(
        label="Lead officer",
        required=False,
        queryset=User.objects.none(),
        empty_label="Anyone",
        widget=QuickSelect,
    )
    reported_from = forms.DateField(
        label="Reported from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reported_to = forms.DateField(
        label="Reported to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=SORT_CHOICES, widget=QuickSelect
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            # The querysets validate a chosen value; the options shown come ready-made.
            for name, queryset, options, empty in (
                ("lead_agency", choices.agencies, choices.agency_options, "Any"),
                ("lead_officer", choices.officers, choices.officer_options, "Anyone"),
            ):
                self.fields[name].queryset = queryset
                self.fields[name].choices = [("", empty), *options]
        for name in ("reported_from", "reported_to"):
            self.fields[name].widget.attrs["class"] += " govuk-input--width-10"

    def clean(self):
        data = super().clean()
        start, end = data.get("reported_from"), data.get("reported_to")
        if start and end and end < start:
            self.add_error("reported_to", "Reported to must be the same as or after reported from.")
        return data

    def sort_key(self) -> str:
        sort = self.cleaned_data.get("sort") or "-reported"
        return sort if sort in SORTABLE else "-reported"


# --- Create and edit a case --------------------------------------------------------------


class TypeDetailForm(Form):
    """A case type and the questions particular to it; only the chosen type's are asked.
    Each registered case type (``casework.types``) gives its own questions and checks.

    Used where a case is logged and where a report from the public is accepted in triage.
    """

    case_type = forms.ChoiceField(
        label="What type of case is it?", choices=case_type_choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = case_kinds()
        for kind in self.kinds:
            for name, field in kind.form_fields(staff=staff).items():
                self.add_field(name, field)

    @property
    def type_sections(self) -> list[dict]:
        """Each type's questions for the template: its kind and what its template needs."""
        return [
            {"kind": kind, **kind.form_context(self)} for kind in self.kinds if kind.form_template
        ]

    def clean(self):
        data = super().clean()
        if data.get("case_type"):
            kind_of(data["case_type"]).clean_form(self, data)
        return data

    def detail(self) -> dict:
        return kind_of(self.cleaned_data["case_type"]).detail_from_form(self.cleaned_data)


class CaseForm(TypeDetailForm):
    """One form for every case type; the type-specific questions apply to their type only."""

    field_order = ["case_type", "summary", "address", "ward", "risk_level", "status",
                   "lead_officer", "reported_on", "next_review_on"]  # fmt: skip

    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happened, who is affected and what is needed. Do not include "
        "police intelligence here: add it as a restricted note.",
    )
    address = forms.CharField(label="Address or location", required=False, max_length=255)
    ward = forms.CharField(label="Ward", required=False, max_length=100)
    risk_level = forms.ChoiceField(
        label="Case risk", choices=RiskLevel.choices, widget=forms.RadioSelect, initial="standard"
    )
    status = forms.ChoiceField(
        label="Start the case as",
        choices=[(CaseStatus.NEW, "New: for triage"), (CaseStatus.OPEN, "Open: work starts now")],
        widget=forms.RadioSelect,
        initial=CaseStatus.NEW,
    )
    lead_officer = StaffChoiceField(
        label="Lead officer", required=False, queryset=User.objects.none(), empty_label="Nobody yet"
    )
    reported_on = GovukDateField(
        label="Date reported",
        required=False,
        help_text="Leave blank for today. For example, 27 3 2026",
    )
    next_review_on = GovukDateField(
        label="Next review date", required=False, help_text="For example, 27 4 2026"
    )
    # Set when similar cases were shown and the officer chose to save anyway: the ids of
    # the cases they saw, so a case matching only after a change is shown too.
    similar_seen = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1000)

    def __init__(self, *args, agency=None, **kwargs):
        staff = working_staff([agency]) if agency is not None else User.objects.none()
        super().__init__(*args, staff=staff, **kwargs)
        self.fields["lead_officer"].queryset = staff

    def clean_reported_on(self):
        day = self.cleaned_data.get("reported_on")
        if day and day > timezone.localdate():
            raise ValidationError("Date reported cannot be in the future.")
        return day

    def clean_similar_seen(self) -> set[int]:
        text = self.cleaned_data.get("similar_seen") or ""
        return {int(part) for part in text.split(",") if part.strip().isdigit()}

    def similarity_arguments(self) -> dict:
        """What ``selectors.similar_cases`` compares: the names in the summary, the
        address, the ward and when it was reported."""
        data = self.cleaned_data
        reported_on = data.get("reported_on")
        return {
            "people": names_in(data["summary"]),
            "address": data["address"],
            "ward": data["ward"],
            "reported_at": moment_of(reported_on) if reported_on else None,
        }

    def unseen(self, similar: list) -> bool:
        """Whether any of the ``similar`` cases was not shown before "Save anyway"."""
        seen = self.cleaned_data["similar_seen"]
        return any(found.case.pk not in seen for found in similar)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        reported_on = data.get("reported_on")
        return {
            "case_type": data["case_type"],
            "summary": data["summary"],
            "risk_level": data["risk_level"],
            "address": data["address"],
            "ward": data["ward"],
            "lead_officer": data.get("lead_officer"),
            "status": data["status"],
            "reported_at": moment_of(reported_on) if reported_on else None,
            "next_review_on": data.get("next_review_on"),
            "detail": self.detail(),
        }


class CaseEditForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 5}))
    address = forms.CharField(label="Address or location", required=False, max_length=255)
    ward = forms.CharField(label="Ward", required=False, max_length=100)
    risk_level = forms.ChoiceField(
        label="Case risk", choices=RiskLevel.choices, widget=forms.RadioSelect
    )
    next_review_on = GovukDateField(
        label="Next review date", required=False, help_text="For example, 27 4 2026"
    )

    EDITABLE = ("summary", "address", "ward", "risk_level", "next_review_on")

    def changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.EDITABLE}


class StatusForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # Offers the moves the workflow allows now, but accepts any value: if the case moved
    # on meanwhile, the service explains why the move is refused.
    to_status = forms.CharField(label="New status", max_length=20, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when closing the case: it is told to the victim.",
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].widget.choices = [
            (status, CaseStatus(status).label) for status in allowed
        ]
        self.fields["to_status"].error_messages["required"] = "Choose the new status."


class ReassignForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    lead_officer = StaffChoiceField(label="New lead officer", queryset=User.objects.none())

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = working_staff([agency])


# --- Timeline, actions, people --------------------------------------------------------------


class EntryForm(Form):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=EntryKind.choices,
        widget=forms.RadioSelect,
        initial=EntryKind.NOTE,
    )
    body = forms.CharField(
        label="Details", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    sensitivity = forms.ChoiceField(
        label="Sensitivity",
        widget=forms.RadioSelect,
        initial=Sensitivity.STANDARD,
        help_text="Only people cleared for this sensitivity can read the entry.",
    )

    def __init__(self, *args, readable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sensitivity"].choices = [
            (value, label) for value, label in Sensitivity.choices if value in readable
        ]


class AmendForm(Form):
    body = forms.CharField(
        label="Corrected text",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text="The original stays on the record; your correction is added after it.",
    )


class ActionForm(Form):
    description = forms.CharField(label="What needs doing?", max_length=500)
    assigned_agency = forms.ModelChoiceField(
        label="Agency responsible", queryset=Agency.objects.none(), empty_label="Choose an agency"
    )
    assigned_to = StaffChoiceField(
        label="Person responsible",
        required=False,
        queryset=User.objects.none(),
        empty_label="Anyone in that agency",
    )
    due_on = GovukDateField(label="Due date", help_text="For example, 27 4 2026")

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_agency"].queryset = Agency.objects.filter(
            pk__in=[a.pk for a in agencies]
        )
        self.fields["assigned_to"].queryset = working_staff(agencies)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on is None:
            raise ValidationError("Enter the due date.")
        if due_on < timezone.localdate():
            raise ValidationError("The due date must be today or in the future.")
        return due_on


class ActionCompleteForm(Form):
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea(attrs={"rows": 4}))


class PersonForm(Form):
    role = forms.ChoiceField(
        label="Their part in the case", choices=ParticipantRole.choices, widget=forms.RadioSelect
    )
    given_name = forms.CharField(label="First name", max_length=100)
    family_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="If known. For example, 31 3 1980"
    )
    address = forms.CharField(label="Address", required=False, max_length=255)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    phone = forms.CharField(label="Phone", required=False, max_length=30)
    email = forms.EmailField(label="Email", required=False)
    match = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["phone"].widget.attrs["class"] += " govuk-input--width-20"

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born > timezone.localdate():
            raise ValidationError("Date of birth must be in the past.")
        return born

    def person_details(self) -> dict:
        data = self.cleaned_data
        fields = ("address", "postcode", "phone", "email")
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "date_of_birth": data.get("date_of_birth"),
            **{field: data[field] for field in fields},
        }


# --- Sharing and named access ------------------------------------------------------------------


class ShareForm(Form):
    agency = forms.ModelChoiceField(
        label="Share with", queryset=Agency.objects.none(), empty_label="Choose an agency"
    )
    reason = forms.CharField(
        label="Why are you sharing it?", widget=forms.Textarea(attrs={"rows": 3})
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for sharing", choices=LawfulBasis.choices, widget=forms.RadioSelect
    )
    agreement = forms.ModelChoiceField(
        label="Information-sharing agreement",
        required=False,
        queryset=InformationSharingAgreement.objects.none(),
        empty_label="Choose an agreement",
    )
    statutory_basis = forms.CharField(
        label="Statute and section",
        required=False,
        max_length=200,
        help_text="For example, Crime and Disorder Act 1998 s.115",
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        today = timezone.localdate()
        self.fields["agreement"].queryset = InformationSharingAgreement.objects.filter(
            starts_on__lte=today
        ).exclude(ends_on__lt=today)

    def clean(self):
        data = super().clean()
        basis = data.get("lawful_basis")
        if basis == LawfulBasis.AGREEMENT and not data.get("agreement"):
            self.add_error("agreement", "Choose the information-sharing agreement.")
        if basis == LawfulBasis.STATUTORY and not (data.get("statutory_basis") or "").strip():
            self.add_error("statutory_basis", "Name the statutory basis for sharing.")
        return data


class ReasonForm(Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class GrantAccessForm(Form):
    user = StaffChoiceField(
        label="Person", queryset=User.objects.none(), empty_label="Choose a person"
    )
    reason = forms.CharField(
        label="Why do they need access?", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, membership__isnull=False)
            .select_related("membership__agency")
            .order_by("last_name", "first_name")
        )


class RestrictForm(Form):
    restricted = forms.ChoiceField(
        label="Who can open this case?",
        choices=[
            ("yes", "Only the people named on this case"),
            ("no", "Everyone in the lead and sharing agencies"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason for the change", widget=forms.Textarea(attrs={"rows": 3})
    )


# --- Type-specific work -------------------------------------------------------------------------


class MomentForm(Form):
    """A date (day, month, year boxes) and an optional time, combined into one moment."""

    def moment(self, date_field: str, time_field: str):
        day = self.cleaned_data[date_field]
        return moment_of(day, self.cleaned_data.get(time_field) or "")

    def _check_moment(self, date_field: str, time_field: str, label: str) -> None:
        data = self.cleaned_data
        if not data.get(date_field):
            self.add_error(date_field, f"Enter the date {label}.")
            return
        if data.get(time_field):
            try:
                time_of_day(data[time_field], "Time")
            except ValidationError as error:
                self.add_error(time_field, error)
                return
        if self.moment(date_field, time_field) > timezone.now():
            self.add_error(date_field, f"The date {label} cannot be in the future.")


def _time_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=5, help_text="24-hour clock, for example 14:30"
    )


class RegradeForm(Form):
    grade = forms.ChoiceField(
        label="Risk grade", choices=MissingPersonGrade.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label="Rationale for the grade", widget=forms.Textarea(attrs={"rows": 4})
    )


class InformationForm(MomentForm):
    information = forms.CharField(label="Information", widget=forms.Textarea(attrs={"rows": 4}))
    supplied_by = forms.CharField(
        label="Who supplied it?", max_length=200, help_text="Name and how they know the person."
    )
    supplied_on = GovukDateField(label="Date supplied", help_text="For example, 27 3 2026")
    supplied_time = _time_field("Time supplied")

    def clean(self):
        data = super().clean()
        self._check_moment("supplied_on", "supplied_time", "it was supplied")
        return data


class ReturnedForm(MomentForm):
    returned_on = GovukDateField(label="Date returned", help_text="For example, 27 3 2026")
    returned_time = _time_field("Time returned")

    def clean(self):
        data = super().clean()
        self._check_moment("returned_on", "returned_time", "the person returned")
        return data


class InterviewForm(MomentForm):
    done_on = GovukDateField(label="Date of the interview", help_text="For example, 27 3 2026")
    done_time = _time_field("Time of the interview")

    def clean(self):
        data = super().clean()
        self._check_moment("done_on", "done_time", "of the interview")
        return data


class RiskAssessmentForm(Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer: {question.text}"},
            )

    def answers(self) -> dict[str, bool]:
        return {q.key: self.cleaned_data[q.key] == "yes" for q in QUESTIONS}


class FamilyNeedsForm(Form):
    needs = forms.MultipleChoiceField(
        label="Which needs does the family have?",
        choices=FamilyNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Select at least {MIN_FAMILY_NEEDS}.",
    )


# --- Vulnerability flags -------------------------------------------------------------------


class VulnerabilityFlagForm(Form):
    kind = forms.ChoiceField(
        label="Vulnerability", choices=VulnerabilityKind.choices, widget=forms.RadioSelect
    )
    justification = forms.CharField(
        label="What shows it?",
        help_text="What was seen, said or assessed, and by whom.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what shows this vulnerability."},
    )
    noted_on = GovukDateField(
        label="Date identified", required=False, help_text="Leave blank for today."
    )
    review_by = GovukDateField(
        label="Review by",
        required=False,
        help_text="Leave blank for the usual review period. For example, 27 6 2027",
    )


class VulnerabilityReviewForm(Form):
    review_by = GovukDateField(
        label="Next review by",
        help_text="For example, 27 6 2027",
        error_messages={"required": "Enter the next review date."},
    )
    note = forms.CharField(
        label="What did the review find? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VulnerabilityEndForm(Form):
    reason = forms.CharField(
        label="Why does it no longer apply?", widget=forms.Textarea(attrs={"rows": 3})
    )


class ShareRenewForm(Form):
    agreement = forms.ModelChoiceField(
        label="New information-sharing agreement",
        queryset=InformationSharingAgreement.objects.none(),
        empty_label="Choose an agreement",
        error_messages={"required": "Choose the agreement the share continues under."},
    )
    reason = forms.CharField(
        label="Note for the history (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["agreement"].queryset = (
            InformationSharingAgreement.objects.filter(starts_on__lte=today, parties=agency)
            .exclude(ends_on__lt=today)
            .order_by("title")
        )


# --- Referral to another lead agency --------------------------------------------------------


class ReferralForm(ShareForm):
    """The lead agency proposes a handover; the lawful basis covers the receiving agency
    seeing the case while it decides, as a share would."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].label = "Refer to"
        self.fields["reason"].label = "Why should that agency lead the case?"
        self.fields["lawful_basis"].label = "Lawful basis for passing the case on"


class ReferralAnswerForm(Form):
    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(
        label="Will your agency lead this case?",
        choices=[(ACCEPT, "Yes, accept the referral"), (DECLINE, "No, decline it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or decline the referral."},
    )
    lead_officer = StaffChoiceField(
        label="Lead officer",
        required=False,
        queryset=User.objects.none(),
        empty_label="Me",
        help_text="Who in your agency leads the case if you accept.",
    )
    reason = forms.CharField(
        label="Why are you declining it?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = working_staff([agency])

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.DECLINE and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the referral is declined.")
        return data
