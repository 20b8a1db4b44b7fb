"""Cases: list, read, open, update (If-Match), and move along the workflow."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from audit.models import AccessLog
from audit.services import access_record
from casework import access, selectors, services
from casework.models import Case, CaseStatus

from ..filters import CaseFilter
from ..serializers import (
    CaseCreateInput,
    CaseDetailSerializer,
    CaseListSerializer,
    CaseUpdateInput,
    StrictInputSerializer,
)
from .base import expected_version, log_read, valid_input

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="The case's ETag, from its last read.",
)
CASE_REFERENCE = OpenApiParameter("reference", str, OpenApiParameter.PATH)


def case_response(request, case: Case, status_code: int = status.HTTP_200_OK) -> Response:
    user = request.user
    context = {
        "sections": access.readable_sections(user, case),
        "powers": {
            "change": access.can_change(user, case),
            "contribute": access.can_contribute(user, case),
            "reassign": access.can_reassign(user, case),
            "grant_access": access.can_grant_access(user, case),
        },
    }
    data = CaseDetailSerializer(case, context=context).data
    return Response(data, status=status_code, headers={"ETag": case.etag})


class TransitionInput(StrictInputSerializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


@extend_schema(parameters=[CASE_REFERENCE])
class CaseViewSet(viewsets.GenericViewSet):
    """Cases the caller may see. A case out of reach answers 404, as a missing one."""

    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    filterset_class = CaseFilter
    serializer_class = CaseListSerializer

    def get_queryset(self):
        return selectors.case_list(self.request.user)

    @extend_schema(summary="List cases")
    def list(self, request):
        cases = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(cases)
        text = request.query_params.get("q", "").strip()
        if text:
            access_record(
                user=request.user,
                action=AccessLog.Action.SEARCH,
                request=request,
                detail={
                    "query": text,
                    "results": self.paginator.page.paginator.count,
                    "via": "api",
                },
            )
        return self.get_paginated_response(CaseListSerializer(page, many=True).data)

    @extend_schema(responses=CaseDetailSerializer, summary="Read a case")
    def retrieve(self, request, reference: str):
        case = selectors.case_detail(request.user, reference)
        log_read(request, case, "case")
        return case_response(request, case)

    @extend_schema(
        request=CaseCreateInput, responses={201: CaseDetailSerializer}, summary="Open a case"
    )
    def create(self, request):
        data = valid_input(CaseCreateInput, request)
        case = services.case_open(actor=request.user, **data)
        case = selectors.case_detail(request.user, case.reference)
        return case_response(request, case, status.HTTP_201_CREATED)

    @extend_schema(
        request=CaseUpdateInput,
        responses=CaseDetailSerializer,
        parameters=[IF_MATCH],
        summary="Change a case's own fields",
        description="Requires If-Match with the ETag from your last read: 412 if the case "
        "changed since, 428 if If-Match is missing. Nothing is saved on either.",
    )
    def partial_update(self, request, reference: str):
        case = access.case_for_viewing(request.user, reference)
        data = valid_input(CaseUpdateInput, request)
        access.ensure(
            access.can_change(request.user, case),
            "Only the lead agency's officers can change this case.",
        )
        version = expected_version(request, case, required=True)
        services.case_update(actor=request.user, case=case, expected_version=version, **data)
        return case_response(request, selectors.case_detail(request.user, reference))

    @extend_schema(
        request=TransitionInput,
        responses=CaseDetailSerializer,
        parameters=[IF_MATCH],
        summary="Move a case to another status",
        description="Closing needs a reason. If-Match is optional here; when sent, a stale "
        "one answers 412.",
    )
    def transition(self, request, reference: str):
        case = access.case_for_viewing(request.user, reference)
        data = valid_input(TransitionInput, request)
        version = expected_version(request, case, required=False)
        services.case_transition(
            actor=request.user,
            case=case,
            to_status=data["status"],
            reason=data["reason"],
            expected_version=version,
        )
        return case_response(request, selectors.case_detail(request.user, reference))
