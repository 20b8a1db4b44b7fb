"""The daily briefing: a stored snapshot of the sheet, the meeting held on it,
officers' nominations, and the PDFs prepared for each reader.

The snapshot keeps every row as it was presented, with the case it is about and
the sensitivity of each piece, so a past sheet reads the same after cases
change, and each reader's copy is cut down by the access policy when shown.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from casework.models import Action, Case
from partners.models import Agency, Sensitivity

User = settings.AUTH_USER_MODEL


class Briefing(models.Model):
    """One sheet per day, covering the window since the previous sheet."""

    day = models.DateField(unique=True)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    built_at = models.DateTimeField(auto_now_add=True)
    built_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the scheduler built it.",
    )

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="briefing_window_forwards",
            )
        ]

    def __str__(self) -> str:
        return f"Briefing for {self.day:%A %d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("briefings:sheet", kwargs={"pk": self.pk})


class BriefingSection(models.Model):
    """A section as it was when the sheet was built: its title and columns."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=50)
    title = models.CharField(max_length=150)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField()
    # [[column key, column title], ...] in display order.
    columns = models.JSONField(default=list)
    row_limit = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Set when the section had more rows than a sheet holds: the number kept.",
    )

    class Meta:
        ordering = ["order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "key"], name="briefing_section_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.briefing.day})"


class BriefingItem(models.Model):
    """One row of a section, frozen at build time.

    ``cells`` maps a column key to ``{"v": value, "s": sensitivity}``; a value
    may be a list of ``[case id, reference]`` pairs (``"t": "cases"``), cut to
    the cases a reader may see, or counted for the reader (``"t": "count"``, with
    a ``"label"``). ``sensitivity`` covers the whole row: a row
    whose mere presence reveals, say, a health detail carries that sensitivity.
    """

    section = models.ForeignKey(BriefingSection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    case_reference = models.CharField(max_length=30)
    sensitivity = models.CharField(
        max_length=30, choices=Sensitivity.choices, default=Sensitivity.STANDARD
    )
    group = models.CharField(max_length=150, blank=True, help_text="Sub-heading, e.g. agency.")
    cells = models.JSONField(default=dict)

    class Meta:
        ordering = ["section", "position"]
        indexes = [models.Index(fields=["section", "position"], name="briefing_item_position")]

    def __str__(self) -> str:
        return f"{self.case_reference} in {self.section.key}"


class Nomination(models.Model):
    """An officer asks for a case to be discussed at the next briefing, saying why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="briefing_nominations")
    reason = models.TextField()
    sensitivity = models.CharField(
        max_length=30,
        choices=Sensitivity.choices,
        default=Sensitivity.STANDARD,
        help_text="Who may read the reason, as for a timeline entry.",
    )
    nominated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["nominated_at", "id"]
        indexes = [models.Index(fields=["nominated_at"], name="nomination_at")]

    def __str__(self) -> str:
        return f"{self.case} nominated by {self.nominated_by}"


CONFIDENTIALITY_STATEMENT = (
    "Information shared in this meeting is OFFICIAL-SENSITIVE. It is shared to "
    "prevent crime and disorder and to safeguard people at risk. It must be used "
    "only for those purposes, must not be passed on outside the agencies present "
    "without the agreement of the agency that supplied it, and must be held "
    "securely and disposed of under each agency's own retention rules."
)


class Meeting(models.Model):
    """The morning meeting held on a sheet."""

    briefing = models.OneToOneField(Briefing, on_delete=models.PROTECT, related_name="meeting")
    chaired_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    confidentiality_statement = models.TextField(default=CONFIDENTIALITY_STATEMENT)
    statement_acknowledged_at = models.DateTimeField(null=True, blank=True)
    statement_acknowledged_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Meeting on {self.briefing.day}"

    @property
    def statement_acknowledged(self) -> bool:
        return self.statement_acknowledged_at is not None


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=150)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "name", "agency"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.slug})"


class AgendaChange(models.TextChoices):
    ON_SHEET = "on_sheet", "On the sheet"
    ADDED = "added", "Added at the meeting"
    REMOVED = "removed", "Removed from discussion"


class Discussion(models.Model):
    """A case taken at the meeting: the decision, and why it was added or removed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="discussions")
    # A case disposed of under the retention rules leaves no trace in past meetings.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, related_name="+")
    case_reference = models.CharField(max_length=30)
    agenda_change = models.CharField(
        max_length=10, choices=AgendaChange.choices, default=AgendaChange.ON_SHEET
    )
    agenda_reason = models.TextField(blank=True)
    decision = models.TextField(blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="briefing_discussions")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_reference} at {self.meeting}"

    def clean(self) -> None:
        if self.agenda_change != AgendaChange.ON_SHEET and not self.agenda_reason.strip():
            raise ValidationError(
                {"agenda_reason": "Say why the case was added to or removed from the meeting."}
            )
        if self.agenda_change != AgendaChange.REMOVED and not self.decision.strip():
            raise ValidationError({"decision": "Record the decision taken on the case."})


class BriefingDocument(models.Model):
    """A PDF prepared for one reader: one sheet, or a manager's range of past sheets."""

    class Status(models.TextChoices):
        PREPARING = "preparing", "Preparing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        # A case on it was disposed of: the PDF was dropped, and is prepared again when asked for.
        OUTDATED = "outdated", "Out of date"

    requested_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    first_day = models.DateField()
    last_day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREPARING)
    content = models.BinaryField(null=True, blank=True, editable=False)
    ready_at = models.DateTimeField(null=True, blank=True)
    # The cases the reader's copy disclosed, written to the access log on download.
    case_references = models.JSONField(default=list, blank=True)
    failure = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="briefing_document_range_forwards",
            )
        ]

    def __str__(self) -> str:
        return f"Briefing PDF {self.first_day}..{self.last_day} for {self.requested_by}"

    @property
    def is_range(self) -> bool:
        return self.first_day != self.last_day

    @property
    def filename(self) -> str:
        if self.is_range:
            return f"briefings-{self.first_day:%Y-%m-%d}-to-{self.last_day:%Y-%m-%d}.pdf"
        return f"briefing-{self.first_day:%Y-%m-%d}.pdf"
