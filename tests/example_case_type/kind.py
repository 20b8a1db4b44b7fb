from typing import Any

from django import forms
from rest_framework import serializers

from casework.types import CaseKind
from common.api.serializers import StrictInputSerializer
from partners.models import Sensitivity

from .models import ChildWelfareDetail


class ChildWelfareSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChildWelfareDetail
        fields = ["school", "concern"]


class ChildWelfareInput(StrictInputSerializer):
    school = serializers.CharField(max_length=200)
    concern = serializers.CharField(max_length=5000)


class ChildWelfare(CaseKind):
    value = "child_welfare"
    label = "Child welfare"
    detail_model = ChildWelfareDetail
    section = "child_welfare"
    clearance = Sensitivity.CHILDRENS_SAFEGUARDING
    history_label = "Child welfare details"
    retention_years = 25
    detail_template = "example_case_type/detail.html"
    form_template = "example_case_type/form.html"
    serializer = ChildWelfareSerializer
    input_serializer = ChildWelfareInput

    def form_fields(self, *, staff) -> dict[str, forms.Field]:
        return {
            "cw_school": forms.CharField(label="School", required=False, max_length=200),
            "cw_concern": forms.CharField(label="Concern", required=False),
        }

    def clean_form(self, form: forms.Form, data: dict[str, Any]) -> None:
        if not data.get("cw_school"):
            form.add_error("cw_school", "Enter the school.")

    def detail_from_form(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"school": data["cw_school"], "concern": data.get("cw_concern", "")}


kind = ChildWelfare()
