from rest_framework import serializers

from casework.models import MentalHealthDetail
from common.api.serializers import AgencyRefSerializer, StrictInputSerializer
from partners.models import Agency


class MentalHealthDetailSerializer(serializers.ModelSerializer):
    responsible_agency = AgencyRefSerializer(allow_null=True)

    class Meta:
        model = MentalHealthDetail
        fields = [
            "presentation",
            "services_involved",
            "rcrp_threshold",
            "responsible_agency",
            "decision_rationale",
        ]


class MentalHealthDetailInput(StrictInputSerializer):
    presentation = serializers.ChoiceField(
        choices=MentalHealthDetail._meta.get_field("presentation").choices
    )
    services_involved = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    rcrp_threshold = serializers.ChoiceField(
        choices=MentalHealthDetail._meta.get_field("rcrp_threshold").choices
    )
    responsible_agency = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )
    decision_rationale = serializers.CharField(max_length=5000)
