"""A person's vulnerability flags through the API: the same rules as the person's page.

Anyone who may see the person reads their flags; staff working one of the person's cases
record, review and end them. A person out of reach is a 404.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.services import log_read
from casework import selectors, services
from casework.models import Person, VulnerabilityFlag, VulnerabilityKind
from common.api.serializers import StrictInputSerializer

from ..serializers import UserRefSerializer
from .base import valid_input


class VulnerabilityFlagSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    recorded_by = UserRefSerializer(allow_null=True)
    ended_by = UserRefSerializer(allow_null=True)
    is_open = serializers.BooleanField()

    class Meta:
        model = VulnerabilityFlag
        fields = [
            "id",
            "kind",
            "kind_label",
            "justification",
            "noted_on",
            "review_by",
            "is_open",
            "recorded_by",
            "recorded_at",
            "ended_on",
            "ended_by",
            "end_reason",
        ]


class FlagInput(StrictInputSerializer):
    kind = serializers.ChoiceField(choices=VulnerabilityKind.choices)
    justification = serializers.CharField(max_length=5000, help_text="What shows it.")
    noted_on = serializers.DateField(required=False, help_text="Default: today.")
    review_by = serializers.DateField(required=False, help_text="Default: the review period.")


class ReviewInput(StrictInputSerializer):
    review_by = serializers.DateField(help_text="The next review date (in the future).")
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class EndInput(StrictInputSerializer):
    reason = serializers.CharField(max_length=5000, help_text="Why it no longer applies.")


def _flag_response(flag, code=status.HTTP_200_OK) -> Response:
    return Response(VulnerabilityFlagSerializer(flag).data, status=code)


@extend_schema(tags=["people"])
class VulnerabilityFlagViewSet(viewsets.GenericViewSet):
    queryset = Person.objects.none()  # the schema's path types; each action asks the policy
    pagination_class = None  # a person's flags are one short list, answered whole
    serializer_class = VulnerabilityFlagSerializer
    # The person is the pk in the prefix; a flag is named by its own id.
    lookup_url_kwarg = "flag_id"
    lookup_value_converter = "int"

    def _flag(self, request, pk: int, flag_id: int) -> VulnerabilityFlag:
        person = selectors.person_for_viewing(request.user, pk)
        return get_object_or_404(VulnerabilityFlag, pk=flag_id, person=person)

    @extend_schema(summary="A person's vulnerability flags, those standing first")
    def list(self, request, pk: int) -> Response:
        person = selectors.person_for_viewing(request.user, pk)
        log_read(request, person, "vulnerability flags")
        flags = selectors.vulnerability_flags_of(person)
        return Response(VulnerabilityFlagSerializer(flags, many=True).data)

    @extend_schema(
        request=FlagInput,
        responses={201: VulnerabilityFlagSerializer},
        summary="Record a vulnerability (their victims' plans become enhanced)",
    )
    def create(self, request, pk: int) -> Response:
        person = selectors.person_for_viewing(request.user, pk)
        data = valid_input(FlagInput, request)
        flag = services.vulnerability_flag_add(actor=request.user, person=person, **data)
        return _flag_response(flag, status.HTTP_201_CREATED)

    @extend_schema(
        request=ReviewInput,
        responses=VulnerabilityFlagSerializer,
        summary="Review a flag: it still applies, with the next review date",
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk: int, flag_id: int) -> Response:
        flag = self._flag(request, pk, flag_id)
        data = valid_input(ReviewInput, request)
        return _flag_response(
            services.vulnerability_flag_review(actor=request.user, flag=flag, **data)
        )

    @extend_schema(
        request=EndInput,
        responses=VulnerabilityFlagSerializer,
        summary="End a flag that no longer applies (it stays on record)",
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk: int, flag_id: int) -> Response:
        flag = self._flag(request, pk, flag_id)
        data = valid_input(EndInput, request)
        return _flag_response(
            services.vulnerability_flag_end(actor=request.user, flag=flag, **data)
        )
