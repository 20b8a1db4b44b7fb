from typing import Any

from django import forms

from casework.models import (
    Case,
    CaseType,
    MentalHealthDetail,
    MentalHealthPresentation,
    RcrpThreshold,
)
from casework.types.base import CaseKind
from partners.models import Agency, Sensitivity
from partners.rules import membership_of

from .serializers import MentalHealthDetailInput, MentalHealthDetailSerializer


class MentalHealth(CaseKind):
    """Two sections: the clinical details ("mental_health") need health clearance; the
    Right Care, Right Person decision ("rcrp": the threshold, the agency taking it, the
    reason) is police operational data too, read by the police, the lead agency and the
    agency it was handed to."""

    value = CaseType.MENTAL_HEALTH.value
    label = CaseType.MENTAL_HEALTH.label
    detail_model = MentalHealthDetail
    section = "mental_health"
    clearance = MentalHealthDetail.SENSITIVITY
    history_label = "Mental health details"
    retention_years = 8
    related = ("mental_health__responsible_agency",)
    detail_template = "casework/types/mental_health/detail.html"
    form_template = "casework/types/mental_health/form.html"
    serializer = MentalHealthDetailSerializer
    input_serializer = MentalHealthDetailInput

    def readable_sections(self, user, case: Case, cleared: set[str]) -> set[str]:
        if self.clearance in cleared:
            return {"mental_health", "rcrp"}
        if Sensitivity.POLICE_INTELLIGENCE in cleared or _takes_part_in_rcrp(user, case):
            return {"rcrp"}
        return set()

    def readable_fields(self, readable: set[str]) -> tuple[str, ...]:
        if "mental_health" in readable:
            return self.detail_fields()
        return MentalHealthDetail.RCRP_FIELDS if "rcrp" in readable else ()

    def form_fields(self, *, staff) -> dict[str, forms.Field]:
        return {
            "mh_presentation": forms.ChoiceField(
                label="Presentation",
                required=False,
                choices=MentalHealthPresentation.choices,
                widget=forms.RadioSelect,
            ),
            "mh_threshold": forms.ChoiceField(
                label="Right Care, Right Person threshold",
                required=False,
                choices=RcrpThreshold.choices,
                widget=forms.RadioSelect,
            ),
            "mh_responsible_agency": forms.ModelChoiceField(
                label="Agency taking it",
                required=False,
                queryset=Agency.objects.filter(is_active=True),
                empty_label="Choose an agency",
                help_text="Needed when the police threshold is not met.",
            ),
            "mh_services": forms.CharField(
                label="Services involved", required=False, max_length=2000
            ),
            "mh_rationale": forms.CharField(
                label="Reason for the decision",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            ),
        }

    def clean_form(self, form: forms.Form, data: dict[str, Any]) -> None:
        if not data.get("mh_presentation"):
            form.add_error("mh_presentation", "Choose the presentation.")
        if not data.get("mh_threshold"):
            form.add_error("mh_threshold", "Choose whether the police threshold is met.")
        if data.get("mh_threshold") == RcrpThreshold.NOT_MET and not data.get(
            "mh_responsible_agency"
        ):
            form.add_error("mh_responsible_agency", "Choose the agency that takes it.")
        if not (data.get("mh_rationale") or "").strip():
            form.add_error("mh_rationale", "Record the reason for the decision.")

    def detail_from_form(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "presentation": data["mh_presentation"],
            "rcrp_threshold": data["mh_threshold"],
            "responsible_agency": data.get("mh_responsible_agency"),
            "services_involved": data["mh_services"],
            "decision_rationale": data["mh_rationale"],
        }


def _takes_part_in_rcrp(user, case: Case) -> bool:
    membership = membership_of(user)
    if membership is None:
        return False
    detail = (
        getattr(case, "mental_health", None) if case.case_type == CaseType.MENTAL_HEALTH else None
    )
    handed_to = detail.responsible_agency_id if detail is not None else None
    return membership.agency_id in {case.lead_agency_id, handed_to}


kind = MentalHealth()
