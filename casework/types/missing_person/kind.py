from typing import Any

from django import forms
from django.utils import timezone

from casework.forms import GovukDateField, moment_of, time_of_day
from casework.models import Case, CaseType, MissingPersonDetail, MissingPersonGrade
from casework.types.base import CaseKind, save_validated

from .serializers import MissingPersonDetailInput, MissingPersonDetailSerializer


class MissingPerson(CaseKind):
    value = CaseType.MISSING_PERSON.value
    label = CaseType.MISSING_PERSON.label
    detail_model = MissingPersonDetail
    section = "missing_person"
    history_label = "Missing person details"
    retention_years = 6
    detail_template = "casework/types/missing_person/detail.html"
    form_template = "casework/types/missing_person/form.html"
    serializer = MissingPersonDetailSerializer
    input_serializer = MissingPersonDetailInput

    def create_detail(self, *, case: Case, actor, detail: dict[str, Any]) -> None:
        grading = MissingPersonDetail(
            case=case, graded_by=actor, graded_at=timezone.now(), **detail
        )
        save_validated(grading, actor)

    def form_fields(self, *, staff) -> dict[str, forms.Field]:
        place = forms.CharField(label="Where last seen", required=False, max_length=255)
        place.widget.attrs["class"] = "govuk-!-width-two-thirds"
        return {
            "mp_grade": forms.ChoiceField(
                label="Risk grade",
                required=False,
                choices=MissingPersonGrade.choices,
                widget=forms.RadioSelect,
            ),
            "mp_rationale": forms.CharField(
                label="Rationale for the grade",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Every grading needs its reasons.",
            ),
            "mp_is_child": forms.BooleanField(
                label="The missing person is a child", required=False
            ),
            "mp_last_seen_on": GovukDateField(label="Date last seen", required=False),
            "mp_last_seen_time": forms.CharField(
                label="Time last seen",
                required=False,
                max_length=5,
                help_text="24-hour clock, for example 14:30",
            ),
            "mp_last_seen_place": place,
        }

    def clean_form(self, form: forms.Form, data: dict[str, Any]) -> None:
        day = data.get("mp_last_seen_on")
        if day and day > timezone.localdate():
            form.add_error("mp_last_seen_on", "Date last seen cannot be in the future.")
        if not data.get("mp_grade"):
            form.add_error("mp_grade", "Choose the risk grade.")
        if not (data.get("mp_rationale") or "").strip():
            form.add_error("mp_rationale", "Give the rationale for the grade.")
        if not data.get("mp_last_seen_on"):
            form.add_error("mp_last_seen_on", "Enter the date the person was last seen.")
        if not data.get("mp_last_seen_place"):
            form.add_error("mp_last_seen_place", "Enter where the person was last seen.")
        if data.get("mp_last_seen_time"):
            try:
                time_of_day(data["mp_last_seen_time"], "Time last seen")
            except forms.ValidationError as error:
                form.add_error("mp_last_seen_time", error)

    def detail_from_form(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "risk_grade": data["mp_grade"],
            "grade_rationale": data["mp_rationale"],
            "is_child": data["mp_is_child"],
            "last_seen_at": moment_of(data["mp_last_seen_on"], data.get("mp_last_seen_time", "")),
            "last_seen_place": data["mp_last_seen_place"],
        }


kind = MissingPerson()
