from django.db import models
from simple_history.models import HistoricalRecords

from casework.models import Case


class ChildWelfareDetail(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="child_welfare"
    )
    school = models.CharField(max_length=200)
    concern = models.TextField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Child welfare detail for {self.case_id}"
