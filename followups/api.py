"""GET /api/v1/followups/figures/: victim follow-up figures for managers' dashboards."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from casework import access
from common.api.serializers import StrictInputSerializer

from .figures import followup_figures


class FollowupFiguresQuery(StrictInputSerializer):
    months = serializers.IntegerField(min_value=1, max_value=36, default=12)


class FollowupFigureRowSerializer(serializers.Serializer):
    agency = serializers.CharField()
    month = serializers.DateField()
    due = serializers.IntegerField()
    met_on_time = serializers.IntegerField()
    met_late = serializers.IntegerField()
    missed = serializers.IntegerField(help_text="Fell due and still not met.")
    victims_owed = serializers.IntegerField()
    victims_updated_on_time = serializers.IntegerField()
    share_victims_on_time = serializers.FloatField(allow_null=True, help_text="Per cent.")


class FollowupFiguresSerializer(serializers.Serializer):
    since = serializers.DateTimeField()
    rows = FollowupFigureRowSerializer(many=True)
    totals = FollowupFigureRowSerializer()
    untracked_victims = serializers.IntegerField(
        help_text="Victims on open cases, not opted out, with no update owed: should be 0."
    )


class FollowupFiguresView(APIView):
    @extend_schema(
        parameters=[FollowupFiguresQuery],
        responses=FollowupFiguresSerializer,
        summary="Victim follow-up figures",
    )
    def get(self, request):
        if not access.can_see_management_reports(request.user):
            raise PermissionDenied("Only managers and administrators can see these figures.")
        query = FollowupFiguresQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        figures = followup_figures(query.validated_data["months"])
        return Response(FollowupFiguresSerializer(figures).data)
