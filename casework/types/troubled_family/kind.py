from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from casework.forms import StaffChoiceField
from casework.models import MIN_FAMILY_NEEDS, Case, CaseType, FamilyNeed, TroubledFamilyDetail
from casework.types.base import CaseKind

from .serializers import TroubledFamilyDetailInput, TroubledFamilyDetailSerializer


class TroubledFamily(CaseKind):
    value = CaseType.TROUBLED_FAMILY.value
    label = CaseType.TROUBLED_FAMILY.label
    detail_model = TroubledFamilyDetail
    section = "troubled_family"
    history_label = "Family details"
    retention_years = 6
    detail_template = "casework/types/troubled_family/detail.html"
    form_template = "casework/types/troubled_family/form.html"
    serializer = TroubledFamilyDetailSerializer
    input_serializer = TroubledFamilyDetailInput

    def form_fields(self, *, staff) -> dict[str, forms.Field]:
        return {
            "family_needs": forms.MultipleChoiceField(
                label="Which needs does the family have?",
                required=False,
                choices=FamilyNeed.choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=f"Select at least {MIN_FAMILY_NEEDS}: the programme works with "
                f"families with {MIN_FAMILY_NEEDS} or more needs.",
            ),
            "family_lead": StaffChoiceField(
                label="Lead professional",
                required=False,
                queryset=staff if staff is not None else get_user_model().objects.none(),
                empty_label="Not yet named",
            ),
        }

    def clean_form(self, form: forms.Form, data: dict[str, Any]) -> None:
        if len(data.get("family_needs") or []) < MIN_FAMILY_NEEDS:
            form.add_error(
                "family_needs",
                f"Select at least {MIN_FAMILY_NEEDS} needs: the family is eligible "
                f"with {MIN_FAMILY_NEEDS} or more.",
            )

    def detail_from_form(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"needs": data["family_needs"], "lead_professional": data.get("family_lead")}

    def page_context(self, user, case: Case) -> dict[str, Any]:
        detail = getattr(case, "troubled_family", None)
        labels = dict(FamilyNeed.choices)
        needs = [labels.get(need, need) for need in detail.needs] if detail else []
        return {"family_need_labels": needs}


kind = TroubledFamily()
