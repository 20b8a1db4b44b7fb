from rest_framework import serializers

from api.serializers import StrictInputSerializer
from casework.models import AsbCategory, AsbDetail


class AsbDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = AsbDetail
        fields = ["category", "victim_risk"]


class AsbDetailInput(StrictInputSerializer):
    category = serializers.ChoiceField(choices=AsbCategory.choices)
    risk_answers = serializers.DictField(child=serializers.BooleanField(), required=False)
