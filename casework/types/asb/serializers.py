from rest_framework import serializers

from casework.models import AsbCategory, AsbDetail
from common.api.serializers import StrictInputSerializer


class AsbDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = AsbDetail
        fields = ["category", "victim_risk"]


class AsbDetailInput(StrictInputSerializer):
    category = serializers.ChoiceField(choices=AsbCategory.choices)
    risk_answers = serializers.DictField(child=serializers.BooleanField(), required=False)
