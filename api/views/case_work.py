"""The work particular to each type of case: grading and tracing a missing person, the
ASB victim's risk questionnaire, a family's needs. Each answers with the case as read.

The services decide who may do what (the lead agency regrades and records a return;
any agency holding the case adds information, interviews and assessments); a case out
of reach answers 404, a case of another type 400.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.services import log_read
from casework import access, selectors, services
from casework.asb import QUESTIONS
from casework.models import Case, FamilyNeed, MissingPersonGrade
from common.api.serializers import StrictInputSerializer

from ..serializers import CaseDetailSerializer
from .base import valid_input
from .cases import case_response

TEXT = 5000


class GradeInput(StrictInputSerializer):
    grade = serializers.ChoiceField(choices=MissingPersonGrade.choices)
    rationale = serializers.CharField(max_length=TEXT, help_text="Why this grade: required.")


class InformationInput(StrictInputSerializer):
    information = serializers.CharField(max_length=TEXT)
    supplied_by = serializers.CharField(max_length=200, help_text="Who gave the information.")
    supplied_at = serializers.DateTimeField(help_text="When they gave it.")


class ReturnedInput(StrictInputSerializer):
    returned_at = serializers.DateTimeField()


class InterviewInput(StrictInputSerializer):
    done_at = serializers.DateTimeField(help_text="When the return home interview took place.")


class AnswersInput(StrictInputSerializer):
    """One yes/no answer per question of the victim's risk questionnaire."""

    def get_fields(self):
        return {
            question.key: serializers.BooleanField(help_text=question.text)
            for question in QUESTIONS
        }


class AssessmentInput(StrictInputSerializer):
    answers = AnswersInput()


class AnswerChangeSerializer(serializers.Serializer):
    question = serializers.CharField()
    before = serializers.BooleanField(allow_null=True, help_text="Null: not asked then.")
    after = serializers.BooleanField(allow_null=True)


class RiskAssessmentSerializer(serializers.Serializer):
    """One completion of the questionnaire, with what changed since the one before."""

    id = serializers.IntegerField(source="assessment.pk")
    assessed_at = serializers.DateTimeField(source="assessment.assessed_at")
    assessed_by = serializers.CharField(source="assessment.assessed_by.username")
    score = serializers.IntegerField(source="assessment.score")
    level = serializers.CharField(source="assessment.level")
    answers = serializers.DictField(child=serializers.BooleanField(), source="assessment.answers")
    previous_score = serializers.IntegerField(source="previous.score", allow_null=True)
    previous_level = serializers.CharField(source="previous.level", allow_null=True)
    answers_changed = AnswerChangeSerializer(many=True, source="changes")


class NeedsInput(StrictInputSerializer):
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=FamilyNeed.choices),
        max_length=len(FamilyNeed.choices),
        help_text="Every headline need identified (at least three for eligibility).",
    )


def _worked(request, reference: str, service, input_class, code=status.HTTP_200_OK):
    case = access.case_for_viewing(request.user, reference)
    data = valid_input(input_class, request)
    service(actor=request.user, case=case, **data)
    return case_response(request, selectors.case_detail(request.user, reference), code)


class CaseWorkViewSet(viewsets.GenericViewSet):
    queryset = Case.objects.none()  # the schema's path types; each action asks the policy
    pagination_class = None  # the assessments are one short list, answered whole
    lookup_field = "reference"
    lookup_value_converter = "str"
    serializer_class = CaseDetailSerializer

    @extend_schema(
        request=GradeInput,
        responses=CaseDetailSerializer,
        summary="Grade or regrade a missing person's risk (the lead agency)",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="missing-person/grade",
        url_name="missing-person-grade",
    )
    def grade(self, request, reference: str) -> Response:
        return _worked(request, reference, services.missing_person_grade, GradeInput)

    @extend_schema(
        request=InformationInput,
        responses={201: CaseDetailSerializer},
        summary="Record information about a missing person, with who gave it and when",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="missing-person/information",
        url_name="missing-person-information",
    )
    def information(self, request, reference: str) -> Response:
        return _worked(
            request,
            reference,
            services.missing_person_information_record,
            InformationInput,
            status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=ReturnedInput,
        responses=CaseDetailSerializer,
        summary="Record a missing person's return (the lead agency)",
        description="A child is then owed a return home interview within 72 hours.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="missing-person/return",
        url_name="missing-person-return",
    )
    def returned(self, request, reference: str) -> Response:
        return _worked(request, reference, services.missing_person_returned, ReturnedInput)

    @extend_schema(
        request=InterviewInput,
        responses=CaseDetailSerializer,
        summary="Record the return home interview",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="missing-person/return-interview",
        url_name="missing-person-interview",
    )
    def interview(self, request, reference: str) -> Response:
        return _worked(request, reference, services.return_interview_record, InterviewInput)

    @extend_schema(
        request=None,
        responses=RiskAssessmentSerializer(many=True),
        summary="The ASB victim's risk assessments over time, newest first",
    )
    @action(detail=True, methods=["get"], url_path="asb/assessments", url_name="asb-assessment")
    def assessments(self, request, reference: str) -> Response:
        case = access.case_for_viewing(request.user, reference)
        log_read(request, case, "risk assessments")
        rows = selectors.risk_history(case)
        return Response(RiskAssessmentSerializer(rows, many=True).data)

    @extend_schema(
        request=AssessmentInput,
        responses={201: CaseDetailSerializer},
        summary="Score the ASB victim's risk questionnaire; the result sets the victim's risk",
    )
    @assessments.mapping.post
    def assessment(self, request, reference: str) -> Response:
        return _worked(
            request,
            reference,
            services.asb_risk_assess,
            AssessmentInput,
            status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=NeedsInput,
        responses=CaseDetailSerializer,
        summary="Set a family's headline needs (the lead agency)",
    )
    @action(detail=True, methods=["put"], url_path="family/needs", url_name="family-needs")
    def needs(self, request, reference: str) -> Response:
        return _worked(request, reference, services.family_needs_set, NeedsInput)
