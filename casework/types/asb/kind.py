from typing import Any

from django import forms

from casework import selectors, services
from casework.asb import QUESTIONS
from casework.forms import YES_NO
from casework.models import AsbCategory, AsbDetail, Case, CaseType
from casework.types.base import CaseKind

from .serializers import AsbDetailInput, AsbDetailSerializer


class AntiSocialBehaviour(CaseKind):
    value = CaseType.ASB.value
    label = CaseType.ASB.label
    detail_model = AsbDetail
    section = "asb"
    history_label = "ASB details"
    retention_years = 3
    detail_template = "casework/types/asb/detail.html"
    form_template = "casework/types/asb/form.html"
    serializer = AsbDetailSerializer
    input_serializer = AsbDetailInput

    def create_detail(self, *, case: Case, actor, detail: dict[str, Any]) -> None:
        answers = detail.pop("risk_answers", None)
        super().create_detail(case=case, actor=actor, detail=detail)
        if answers is not None:
            services.asb_risk_assess(actor=actor, case=case, answers=answers)

    def form_fields(self, *, staff) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            "asb_category": forms.ChoiceField(
                label="ASB category",
                required=False,
                choices=AsbCategory.choices,
                widget=forms.RadioSelect,
                help_text="Personal: aimed at a person or group. Nuisance: the community at "
                "large. Environmental: the wider environment.",
            )
        }
        for question in QUESTIONS:
            fields[f"risk_{question.key}"] = forms.ChoiceField(
                label=question.text, required=False, choices=YES_NO, widget=forms.RadioSelect
            )
        return fields

    def clean_form(self, form: forms.Form, data: dict[str, Any]) -> None:
        if not data.get("asb_category"):
            form.add_error("asb_category", "Choose the ASB category.")
        answered = [q for q in QUESTIONS if data.get(f"risk_{q.key}")]
        if answered and len(answered) < len(QUESTIONS):
            for question in QUESTIONS:
                if not data.get(f"risk_{question.key}"):
                    form.add_error(f"risk_{question.key}", f"Answer: {question.text}")

    def detail_from_form(self, data: dict[str, Any]) -> dict[str, Any]:
        detail: dict[str, Any] = {"category": data["asb_category"]}
        if data.get(f"risk_{QUESTIONS[0].key}"):
            detail["risk_answers"] = {q.key: data[f"risk_{q.key}"] == "yes" for q in QUESTIONS}
        return detail

    def form_context(self, form: forms.Form) -> dict[str, Any]:
        return {"risk_fields": [form[f"risk_{question.key}"] for question in QUESTIONS]}

    def page_context(self, user, case: Case) -> dict[str, Any]:
        return {"risk_history": selectors.risk_history(case)}


kind = AntiSocialBehaviour()
