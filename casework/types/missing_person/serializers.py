from rest_framework import serializers

from casework.models import MissingPersonDetail
from common.api.serializers import StrictInputSerializer


class MissingPersonDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = MissingPersonDetail
        fields = [
            "risk_grade",
            "grade_rationale",
            "graded_at",
            "is_child",
            "last_seen_at",
            "last_seen_place",
            "returned_at",
            "return_interview_due_at",
            "return_interview_done_at",
        ]


class MissingPersonDetailInput(StrictInputSerializer):
    risk_grade = serializers.ChoiceField(
        choices=MissingPersonDetail._meta.get_field("risk_grade").choices
    )
    grade_rationale = serializers.CharField(max_length=5000)
    is_child = serializers.BooleanField(default=False)
    last_seen_at = serializers.DateTimeField()
    last_seen_place = serializers.CharField(max_length=255)
