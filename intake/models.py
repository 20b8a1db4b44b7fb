"""Reports from the public, kept verbatim beside the case each one became."""

import uuid

from django.conf import settings
from django.db import models

from casework.models import Case

from .storage import get_photo_storage


class Channel(models.TextChoices):
    ONLINE_FORM = "online_form", "Online form"
    WEBCHAT = "webchat", "Webchat"
    SOCIAL_MEDIA = "social_media", "Social media desk"


class Category(models.TextChoices):
    ASB = "asb", "Anti-social behaviour"
    WELFARE = "welfare", "Concern for someone's welfare or mental health"
    MISSING_PERSON = "missing_person", "Information about a missing person"
    OTHER = "other", "Something else"


class TriageOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    LINKED = "linked", "Linked to an existing case"
    CLOSED = "closed", "Closed"


def photo_path(report: "Report", filename: str) -> str:
    # Never the reporter's file name: it may carry personal data or path tricks.
    return f"intake/{uuid.uuid4().hex}{report.photo_extension}"


class Report(models.Model):
    """What a member of the public told us, and what triage did with it."""

    # Disposal of the case under the retention rules takes the report's answers with it.
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="intake_report")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    category = models.CharField(max_length=20, choices=Category.choices)
    answers = models.JSONField(help_text="The reporter's answers, exactly as given.")
    is_ongoing = models.BooleanField(default=False)
    is_anonymous = models.BooleanField(default=False)
    received_at = models.DateTimeField()
    triage_due_at = models.DateTimeField()
    photo = models.FileField(storage=get_photo_storage, upload_to=photo_path, blank=True)
    photo_content_type = models.CharField(max_length=50, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(max_length=10, choices=TriageOutcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True)
    linked_case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="linked_reports"
    )
    contact_requested_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The reporter asked, through their status link, to be contacted before triage.",
    )

    PERSONAL_FIELDS = ("answers", "outcome_reason", "photo")
    PHOTO_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}

    class Meta:
        ordering = ["triage_due_at", "id"]
        indexes = [
            models.Index(
                fields=["triage_due_at"],
                condition=models.Q(triaged_at__isnull=True),
                name="intake_untriaged_due",
            ),
            models.Index(fields=["channel", "category"], name="intake_channel_category"),
            models.Index(fields=["received_at"], name="intake_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(triaged_at__isnull=True, outcome="")
                | models.Q(triaged_at__isnull=False) & ~models.Q(outcome=""),
                name="intake_triaged_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.case_id} ({self.get_channel_display()})"

    @property
    def photo_extension(self) -> str:
        return self.PHOTO_EXTENSIONS.get(self.photo_content_type, "")

    @property
    def is_triaged(self) -> bool:
        return self.triaged_at is not None
