from django.contrib.auth import get_user_model
from rest_framework import serializers

from casework.models import FamilyNeed, TroubledFamilyDetail
from common.api.serializers import StrictInputSerializer


class TroubledFamilyDetailSerializer(serializers.ModelSerializer):
    needs = serializers.ListField(child=serializers.ChoiceField(choices=FamilyNeed.choices))

    class Meta:
        model = TroubledFamilyDetail
        fields = ["needs", "lead_professional"]


class TroubledFamilyDetailInput(StrictInputSerializer):
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=FamilyNeed.choices), max_length=len(FamilyNeed)
    )
    lead_professional = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
