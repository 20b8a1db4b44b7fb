"""Cases: list, read, open, update (If-Match), and move along the workflow."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.services import log_read, log_search
from casework import access, selectors, services
from casework.models import Case, CaseStatus
from common.api.serializers import StrictInputSerializer

from ..filters import CaseFilter
from ..pagination import BoundedCasePagination
from ..serializers import (
    CaseCreateInput,
    CaseDetailSerializer,
    CaseListSerializer,
    CaseUpdateInput,
)
from .base import expected_version, valid_filterset, valid_input

User = get_user_model()
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="The case's ETag, from its last read, or * for whatever version is current. "
    "Tags are compared strongly: a weak one (W/...) never matches.",
)


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


class ReassignInput(StrictInputSerializer):
    lead_officer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), allow_null=True
    )


class RestrictionInput(StrictInputSerializer):
    restricted = serializers.BooleanField()
    reason = serializers.CharField(max_length=5000)


class TransitionInput(StrictInputSerializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class CaseViewSet(viewsets.GenericViewSet):
    """Cases the caller may see. A case out of reach answers 404, as a missing one."""

    lookup_field = "reference"
    lookup_value_converter = "str"
    filterset_class = CaseFilter
    serializer_class = CaseListSerializer
    pagination_class = BoundedCasePagination

    def get_queryset(self):
        return selectors.case_list(self.request.user)

    @extend_schema(summary="List cases")
    def list(self, request):
        filterset = valid_filterset(self, request, Case.objects.none())
        filters = filterset.case_filters()
        page = self.paginator.use(
            selectors.case_list_page(
                request.user,
                filters,
                filterset.sort(),
                self.paginator.page_number_for(request),
                per_page=self.paginator.page_size_for(request),
                after=self.paginator.after_for(request),
            ),
            request,
        )
        log_search(request, "cases", {"query": filters.text.strip()}, page)
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
        description="Requires If-Match with the ETag from your last read (or *, to change "
        "whatever version is current): 412 if the case changed since, 428 if If-Match is "
        "missing. Nothing is saved on either.",
    )
    def partial_update(self, request, reference: str):
        case = access.case_for_change(request.user, reference)
        data = valid_input(CaseUpdateInput, request)
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
    @action(detail=True, methods=["post"], url_path="transitions", url_name="transition")
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

    @extend_schema(
        request=ReassignInput,
        responses=CaseDetailSerializer,
        parameters=[IF_MATCH],
        summary="Give the case another lead officer (the lead agency's manager)",
    )
    @action(detail=True, methods=["post"])
    def reassign(self, request, reference: str):
        case = access.case_for_viewing(request.user, reference)
        data = valid_input(ReassignInput, request)
        version = expected_version(request, case, required=False)
        services.case_reassign(
            actor=request.user,
            case=case,
            lead_officer=data["lead_officer"],
            expected_version=version,
        )
        return case_response(request, selectors.case_detail(request.user, reference))

    @extend_schema(
        request=RestrictionInput,
        responses=CaseDetailSerializer,
        summary="Restrict the case to people named on it, or lift the restriction",
        description="The lead agency's manager or the lead officer; both keep access.",
    )
    @action(detail=True, methods=["post"])
    def restriction(self, request, reference: str):
        case = access.case_for_viewing(request.user, reference)
        data = valid_input(RestrictionInput, request)
        services.case_restrict(actor=request.user, case=case, **data)
        return case_response(request, selectors.case_detail(request.user, reference))
