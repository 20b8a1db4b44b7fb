"""GET /api/v1/intake/figures/: the intake figures for managers' dashboards."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from casework import access
from common.api.serializers import StrictInputSerializer

from . import selectors


class FiguresQuery(StrictInputSerializer):
    days = serializers.IntegerField(min_value=1, max_value=366, default=90)


class ChannelCategorySerializer(serializers.Serializer):
    channel = serializers.CharField()
    category = serializers.CharField()
    total = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    since = serializers.DateTimeField()
    received = serializers.IntegerField()
    by_channel_and_category = ChannelCategorySerializer(many=True)
    triaged = serializers.IntegerField()
    triaged_on_time = serializers.IntegerField()
    share_on_time = serializers.FloatField(allow_null=True, help_text="Per cent.")
    median_hours_to_triage = serializers.FloatField(allow_null=True)
    first_contacts = serializers.IntegerField()
    median_hours_to_first_contact = serializers.FloatField(allow_null=True)
    outcomes = serializers.DictField(child=serializers.IntegerField())


class FiguresView(APIView):
    @extend_schema(
        parameters=[FiguresQuery], responses=FiguresSerializer, summary="Online reporting figures"
    )
    def get(self, request):
        if not access.can_see_management_reports(request.user):
            raise PermissionDenied("Only managers can see these figures.")
        query = FiguresQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        since = timezone.now() - timedelta(days=query.validated_data["days"])
        return Response(FiguresSerializer(selectors.intake_figures(since)).data)
