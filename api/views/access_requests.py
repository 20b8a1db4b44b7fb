"""Break-glass through the API: ask for access to a case you cannot see, and, as the lead
agency's manager, decide requests and review emergency overrides.

A requester learns only that the case exists and which agencies hold it; the case itself
opens through the ordinary case endpoints while the access lasts.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework import access, selectors, services
from casework.models import BreakGlassRequest, Case
from common.api.serializers import StrictInputSerializer

from .base import valid_input

DECISIONS = {
    "approve": "Approve a pending request (access for a few days).",
    "refuse": "Refuse a pending request (a reason is required).",
    "keep": "Accept an emergency override after review.",
    "revoke": "End an emergency override now.",
}


class AccessRequestSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="case.reference")
    lead_agency = serializers.CharField(source="case.lead_agency.name")
    requester = serializers.CharField(source="requester.username")
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True)

    class Meta:
        model = BreakGlassRequest
        fields = [
            "id",
            "reference",
            "lead_agency",
            "requester",
            "reason",
            "status",
            "requested_at",
            "access_until",
            "decided_by",
            "decided_at",
            "decision_reason",
            "reviewed_at",
        ]


class MadeRequestSerializer(AccessRequestSerializer):
    holding_agencies = serializers.SerializerMethodField()

    class Meta(AccessRequestSerializer.Meta):
        fields = [*AccessRequestSerializer.Meta.fields, "holding_agencies"]

    def get_holding_agencies(self, made) -> list[str]:
        return access.holding_agencies(made.case)


class RequestInput(StrictInputSerializer):
    reference = serializers.CharField(max_length=30)
    reason = serializers.CharField(max_length=5000, help_text="At least 10 characters.")
    emergency = serializers.BooleanField(
        default=False,
        help_text="Open the case at once for a few hours; the lead agency's manager reviews it.",
    )

    def validate_reference(self, value: str) -> Case:
        case = selectors.case_to_request(value)
        if case is None:
            raise serializers.ValidationError("No case has that reference.")
        return case


class DecisionInput(StrictInputSerializer):
    decision = serializers.ChoiceField(
        choices=list(DECISIONS.items()),
        help_text=" ".join(f"{key}: {text}" for key, text in DECISIONS.items()),
    )
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class AccessRequestViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Requests you made, and (managers) those for the cases your agency leads."""

    serializer_class = AccessRequestSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator, no user
            return BreakGlassRequest.objects.none()
        return selectors.access_requests_for(self.request.user)

    @extend_schema(
        request=RequestInput,
        responses={201: MadeRequestSerializer},
        summary="Ask for access to a case you cannot see",
    )
    def create(self, request) -> Response:
        data = valid_input(RequestInput, request)
        made = services.break_glass_request(
            actor=request.user,
            case=data["reference"],
            reason=data["reason"],
            emergency=data["emergency"],
        )
        return Response(MadeRequestSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DecisionInput,
        responses=AccessRequestSerializer,
        summary="Decide a request or review an override (the lead agency's manager)",
    )
    @action(detail=True, methods=["post"], url_path="decision", url_name="decision")
    def decide(self, request, pk: int) -> Response:
        made = get_object_or_404(self.get_queryset(), pk=pk)
        data = valid_input(DecisionInput, request)
        decision, reason = data["decision"], data["reason"]
        if decision in ("approve", "refuse"):
            services.break_glass_decide(
                actor=request.user, request=made, approve=decision == "approve", reason=reason
            )
        else:
            services.break_glass_review(
                actor=request.user, request=made, revoke=decision == "revoke", reason=reason
            )
        made.refresh_from_db()
        return Response(AccessRequestSerializer(made).data)
