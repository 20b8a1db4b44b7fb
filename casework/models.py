"""The casebook: cases, their type-specific detail, people, timeline and actions."""

from datetime import timedelta
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from audit.models import AppendOnlyModel
from partners.models import Agency, InformationSharingAgreement, Sensitivity

from .types import case_type_choices

User = settings.AUTH_USER_MODEL


class CaseType(models.TextChoices):
    """The built-in case types, for code about one of them; the registry of every
    type (``casework.types``, from ``ICST_CASE_TYPES``) gives ``Case.case_type`` its
    choices."""

    ASB = "asb", "Anti-social behaviour"
    MISSING_PERSON = "missing_person", "Missing person"
    MENTAL_HEALTH = "mental_health", "Mental health"
    TROUBLED_FAMILY = "troubled_family", "Troubled family"
    OTHER = "other", "Other concern"


class CaseStatus(models.TextChoices):
    NEW = "new", "New"
    TRIAGED = "triaged", "Triaged"
    OPEN = "open", "Open"
    UNDER_REVIEW = "under_review", "Under review"
    CLOSED = "closed", "Closed"


# Every move the workflow allows; anything else is refused with a message.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.NEW: frozenset({CaseStatus.TRIAGED, CaseStatus.CLOSED}),
    CaseStatus.TRIAGED: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.OPEN: frozenset({CaseStatus.UNDER_REVIEW, CaseStatus.CLOSED}),
    CaseStatus.UNDER_REVIEW: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


_REFERENCE_SLOT = "REFERENCE-SLOT"


@lru_cache(maxsize=16)
def _case_url_pattern(_script_prefix: str, _urlconf) -> str:
    """A case's address with a slot for its reference: a list of 25 cases links each
    without resolving the URL patterns 25 times. Keyed by what ``reverse`` depends on."""
    return reverse("casework:case_detail", kwargs={"reference": _REFERENCE_SLOT})


class Case(models.Model):
    reference = models.CharField(max_length=30, unique=True, editable=False)
    case_type = models.CharField(max_length=20, choices=case_type_choices)
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW)
    risk_level = models.CharField(
        max_length=10, choices=RiskLevel.choices, default=RiskLevel.STANDARD
    )
    summary = models.TextField()
    address = models.CharField(max_length=255, blank=True)
    ward = models.CharField(max_length=100, blank=True)
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="led_cases")
    lead_officer = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="led_cases"
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="created_cases", editable=False
    )
    reported_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    is_restricted = models.BooleanField(
        default=False, help_text="Visible only to people granted access by name."
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # Declared once so exports, logs and redaction read one source.
    PERSONAL_FIELDS = ("summary", "address")

    class Meta:
        ordering = ["-reported_at", "-id"]
        permissions = [("access_restricted_case", "Can open a restricted case")]
        indexes = [
            models.Index(fields=["lead_agency", "-reported_at"], name="case_lead_agency_reported"),
            models.Index(fields=["status", "-reported_at"], name="case_status_reported"),
            models.Index(
                fields=["status", "case_type", "-reported_at"], name="case_status_type_reported"
            ),
            models.Index(fields=["case_type", "-reported_at"], name="case_type_reported"),
            models.Index(fields=["lead_officer", "status"], name="case_lead_officer_status"),
            models.Index(fields=["next_review_on"], name="case_next_review"),
            models.Index(fields=["-reported_at", "-id"], name="case_reported_id"),
            models.Index(fields=["ward"], name="case_ward"),
            # Open cases are a few percent of the casebook: the home page counts them by
            # type and risk from this index alone.
            models.Index(
                fields=["lead_agency", "case_type", "risk_level", "is_restricted", "id"],
                condition=~models.Q(status="closed"),
                name="case_open_summary",
            ),
            models.Index(
                fields=["next_review_on", "id"],
                condition=~models.Q(status="closed"),
                name="case_open_review",
            ),
            # The daily briefing's new cases: those that entered the casebook in its window.
            models.Index(fields=["created_at"], name="case_created_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=CaseStatus.CLOSED) | models.Q(closed_at__isnull=False),
                name="case_closed_has_closed_at",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return _case_url_pattern(get_script_prefix(), get_urlconf()).replace(
            _REFERENCE_SLOT, quote(self.reference, safe="-")
        )

    def can_move_to(self, status: str) -> bool:
        return status in ALLOWED_TRANSITIONS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED

    @property
    def etag(self) -> str:
        return f'"{self.pk}-{self.version}"'


class ReferenceCounter(models.Model):
    """The last number used for case references in a year; locked while incremented."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    """Per-case grants (restricted cases) with a real foreign key, so lists can join."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="user_grants")

    class Meta(UserObjectPermissionBase.Meta):
        indexes = [models.Index(fields=["user", "content_object"], name="case_grant_user_case")]


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="group_grants")


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", "Consent"
    AGREEMENT = "agreement", "Information-sharing agreement"
    STATUTORY = "statutory", "Statutory basis"


class CaseShare(models.Model):
    """A case shared with a further agency: who, when, why and on what lawful basis."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="case_shares")
    reason = models.TextField()
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices)
    agreement = models.ForeignKey(
        InformationSharingAgreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shares",
    )
    statutory_basis = models.CharField(
        max_length=200, blank=True, help_text="For example Crime and Disorder Act 1998 s.115."
    )
    shared_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)
    # The agreement's end, copied so the access policy reads it from the share itself;
    # kept in step when an agreement's dates change (CaseworkConfig.ready()).
    lapses_on = models.DateField(
        null=True, blank=True, help_text="The last day the agreement it was made under runs."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["shared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "agency"],
                condition=models.Q(revoked_at__isnull=True),
                name="share_one_active_per_agency",
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "case"],
                condition=models.Q(revoked_at__isnull=True),
                name="share_active_agency_case",
            ),
            models.Index(
                fields=["lapses_on"],
                condition=models.Q(revoked_at__isnull=True, lapses_on__isnull=False),
                name="share_active_lapses_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} shared with {self.agency.slug}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def has_lapsed(self) -> bool:
        return self.lapses_on is not None and self.lapses_on < timezone.localdate()

    @property
    def grants_access(self) -> bool:
        return self.is_active and not self.has_lapsed

    @staticmethod
    def granting(prefix: str = "") -> models.Q:
        """The condition for a share that gives its agency the case today: not revoked,
        and not made under an agreement that has ended."""

        return models.Q(**{f"{prefix}revoked_at__isnull": True}) & (
            models.Q(**{f"{prefix}lapses_on__isnull": True})
            | models.Q(**{f"{prefix}lapses_on__gte": timezone.localdate()})
        )

    def clean(self) -> None:
        if self.lawful_basis == LawfulBasis.AGREEMENT and not self.agreement_id:
            raise ValidationError({"agreement": "Name the information-sharing agreement."})
        if self.lawful_basis == LawfulBasis.STATUTORY and not self.statutory_basis.strip():
            raise ValidationError({"statutory_basis": "Name the statutory basis for sharing."})
        if self.agreement_id and self.agency_id:
            parties = set(self.agreement.parties.values_list("id", flat=True))
            if self.agency_id not in parties:
                raise ValidationError(
                    {"agreement": "The receiving agency is not a party to this agreement."}
                )


# --- Type-specific detail -------------------------------------------------------


class AsbCategory(models.TextChoices):
    """The national incident recording standard's three qualifiers."""

    PERSONAL = "personal", "Personal"
    NUISANCE = "nuisance", "Nuisance"
    ENVIRONMENTAL = "environmental", "Environmental"


class AsbDetail(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="asb"
    )
    category = models.CharField(max_length=20, choices=AsbCategory.choices)
    victim_risk = models.CharField(
        max_length=10, choices=RiskLevel.choices, default=RiskLevel.STANDARD
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"ASB detail for {self.case_id}"


class AsbRiskAssessment(models.Model):
    """One completion of the victim risk questionnaire; reassessments add rows."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="asb_assessments")
    answers = models.JSONField()
    score = models.PositiveIntegerField()
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    assessed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} risk ({self.score}) on {self.case_id}"


class MissingPersonGrade(models.TextChoices):
    """College of Policing APP risk grades."""

    NO_APPARENT_RISK = "no_apparent_risk", "No apparent risk (absent)"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


RETURN_HOME_INTERVIEW_WITHIN = timedelta(hours=72)


class MissingPersonDetail(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="missing_person"
    )
    risk_grade = models.CharField(max_length=20, choices=MissingPersonGrade.choices)
    grade_rationale = models.TextField()
    graded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    graded_at = models.DateTimeField(null=True, blank=True)
    is_child = models.BooleanField(default=False)
    last_seen_at = models.DateTimeField()
    last_seen_place = models.CharField(max_length=255)
    returned_at = models.DateTimeField(null=True, blank=True)
    return_interview_due_at = models.DateTimeField(null=True, blank=True)
    return_interview_done_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["returned_at"], name="mp_returned_at"),
            models.Index(fields=["return_interview_due_at"], name="mp_rhi_due"),
        ]

    def __str__(self) -> str:
        return f"Missing person detail for {self.case_id}"

    def clean(self) -> None:
        if not (self.grade_rationale or "").strip():
            raise ValidationError(
                {"grade_rationale": "Give the rationale for the grade: every grading needs one."}
            )
        if self.returned_at and self.last_seen_at and self.returned_at < self.last_seen_at:
            raise ValidationError(
                {"returned_at": "The return cannot be before the person was last seen."}
            )

    @property
    def is_missing(self) -> bool:
        return self.returned_at is None


class MissingPersonInformation(AppendOnlyModel):
    """A piece of information about a missing person: who supplied it and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mp_information")
    information = models.TextField()
    supplied_by = models.CharField(max_length=200)
    supplied_at = models.DateTimeField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-supplied_at"]


class MentalHealthPresentation(models.TextChoices):
    CONCERN = "concern", "Concern"
    CRISIS = "crisis", "Crisis"


class RcrpThreshold(models.TextChoices):
    """Right Care, Right Person: when police attend a mental-health incident."""

    CRIME = "crime", "Crime occurred or in progress"
    RISK_TO_LIFE = "risk_to_life", "Real and immediate risk to life or of serious harm"
    NOT_MET = "not_met", "Threshold not met: another agency takes it"


class MentalHealthDetail(models.Model):
    """Health details: read only by those cleared for health information."""

    SENSITIVITY = Sensitivity.HEALTH

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="mental_health"
    )
    presentation = models.CharField(max_length=10, choices=MentalHealthPresentation.choices)
    services_involved = models.TextField(blank=True)
    rcrp_threshold = models.CharField(max_length=20, choices=RcrpThreshold.choices)
    responsible_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Which agency takes it when the police threshold is not met.",
    )
    decision_rationale = models.TextField()
    history = HistoricalRecords()

    # The Right Care, Right Person decision is police operational data too; the
    # clinical details are for those cleared for health information alone.
    RCRP_FIELDS = ("rcrp_threshold", "responsible_agency", "decision_rationale")
    CLINICAL_FIELDS = ("presentation", "services_involved")

    def __str__(self) -> str:
        return f"Mental health detail for {self.case_id}"

    def clean(self) -> None:
        if self.rcrp_threshold == RcrpThreshold.NOT_MET and not self.responsible_agency_id:
            raise ValidationError(
                {"responsible_agency": "Say which agency takes it when the threshold is not met."}
            )
        if not (self.decision_rationale or "").strip():
            raise ValidationError({"decision_rationale": "Record the reason for the decision."})


class FamilyNeed(models.TextChoices):
    """The Supporting Families headline outcomes."""

    EDUCATION = "education", "Getting a good education"
    EARLY_YEARS = "early_years", "Good early years development"
    HEALTH = "health", "Improved mental and physical health"
    SUBSTANCE_USE = "substance_use", "Promoting recovery and reducing harm from substance use"
    RELATIONSHIPS = "relationships", "Improved family relationships"
    CHILD_SAFETY = "child_safety", "Children safe from abuse and exploitation"
    CRIME = "crime", "Crime prevention and tackling crime"
    DOMESTIC_ABUSE = "domestic_abuse", "Safe from domestic abuse"
    HOUSING = "housing", "Secure housing"
    FINANCES = "finances", "Financial stability"


MIN_FAMILY_NEEDS = 3


class TroubledFamilyDetail(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="troubled_family"
    )
    needs = models.JSONField(default=list)
    lead_professional = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    # The choices of list fields, for the case history to show their labels.
    LIST_CHOICES = {"needs": FamilyNeed}

    def __str__(self) -> str:
        return f"Family detail for {self.case_id}"

    def clean(self) -> None:
        valid = set(FamilyNeed.values)
        unknown = [need for need in self.needs if need not in valid]
        if unknown:
            raise ValidationError({"needs": f"Unknown needs: {', '.join(unknown)}."})
        if len(set(self.needs)) < MIN_FAMILY_NEEDS:
            raise ValidationError(
                {
                    "needs": f"A family is eligible when at least {MIN_FAMILY_NEEDS} "
                    f"headline needs are identified; {len(set(self.needs))} given."
                }
            )


# --- People -----------------------------------------------------------------------


class ContactPreference(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    NONE = "none", "Do not contact"


class Person(models.Model):
    """One index of people across all cases."""

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=255, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.PHONE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    PERSONAL_FIELDS = (
        "given_name",
        "family_name",
        "date_of_birth",
        "address",
        "postcode",
        "phone",
        "email",
        "vulnerabilities",
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="person_name"),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("casework:person_detail", kwargs={"pk": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def vulnerabilities(self) -> list[str]:
        """The vulnerabilities recorded for this person and not ended (a flag past its
        review date still counts until someone reviews it). Uses a prefetch if made."""
        return [flag.get_kind_display() for flag in self.vulnerability_flags.all() if flag.is_open]


class VulnerabilityKind(models.TextChoices):
    """Why a person may need more support or protection (the Victims' Code's grounds
    for enhanced rights, with the ones case workers add most often)."""

    CHILD = "child", "Under 18"
    MENTAL_HEALTH = "mental_health", "Mental disorder or ill health"
    LEARNING_DISABILITY = "learning_disability", "Learning disability or impaired intelligence"
    PHYSICAL_DISABILITY = "physical_disability", "Physical disability or disorder"
    OLDER_PERSON = "older_person", "Older and frail"
    INTIMIDATED = "intimidated", "Intimidated (fear or distress)"
    PERSISTENTLY_TARGETED = "persistently_targeted", "Persistently targeted"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    HATE = "hate", "Targeted for who they are (hate)"
    OTHER = "other", "Other"


class VulnerabilityFlag(models.Model):
    """A vulnerability recorded for a person: why, from when, and until it is reviewed.

    A flag is never deleted; it is ended with a reason, and its history is kept."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="vulnerability_flags")
    kind = models.CharField(max_length=30, choices=VulnerabilityKind.choices)
    justification = models.TextField(help_text="What was seen or said that shows it.")
    noted_on = models.DateField(help_text="When it was identified.")
    review_by = models.DateField(help_text="When it must be reviewed; listed for review after.")
    recorded_by = models.ForeignKey(  # none for flags carried over from the earlier list
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    PERSONAL_FIELDS = ("justification", "end_reason")

    class Meta:
        ordering = ["-noted_on", "-id"]
        indexes = [
            models.Index(
                fields=["review_by"],
                condition=models.Q(ended_on__isnull=True),
                name="vulnerability_open_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.person_id})"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    def clean(self) -> None:
        if not (self.justification or "").strip():
            raise ValidationError({"justification": "Say what shows this vulnerability."})
        if self.noted_on and self.review_by and self.review_by <= self.noted_on:
            raise ValidationError(
                {"review_by": "The review date must be after the date it was identified."}
            )
        if self.ended_on and not (self.end_reason or "").strip():
            raise ValidationError({"end_reason": "Say why the flag no longer applies."})


class ParticipantRole(models.TextChoices):
    VICTIM = "victim", "Victim"
    SUBJECT = "subject", "Subject (person of concern)"
    WITNESS = "witness", "Witness"
    REPORTER = "reporter", "Reporter"
    FAMILY_MEMBER = "family_member", "Family member"


class CaseParticipant(models.Model):
    """A person's part in a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=ParticipantRole.choices)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "person__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "role"], name="participant_unique_role"
            )
        ]
        indexes = [models.Index(fields=["person", "case"], name="participant_person_case")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}) in {self.case}"


# --- Timeline, actions and events ------------------------------------------------------


class EntryKind(models.TextChoices):
    NOTE = "note", "Note"
    CONTACT = "contact", "Contact"
    DECISION = "decision", "Decision"


class TimelineEntry(AppendOnlyModel):
    """A note, contact or decision. Append-only: a correction amends, never edits."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=20, choices=EntryKind.choices, default=EntryKind.NOTE)
    body = models.TextField()
    sensitivity = models.CharField(
        max_length=30, choices=Sensitivity.choices, default=Sensitivity.STANDARD
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    author_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    amends = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amendments"
    )

    PERSONAL_FIELDS = ("body",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "timeline entries"
        indexes = [models.Index(fields=["case", "-created_at"], name="timeline_case_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case_id} at {self.created_at:%Y-%m-%d %H:%M}"


class Action(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=500)
    assigned_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="actions")
    assigned_to = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    due_on = models.DateField()
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["assigned_agency", "due_on"],
                condition=models.Q(completed_at__isnull=True),
                name="action_open_agency_due",
            ),
            models.Index(
                fields=["assigned_to", "due_on"],
                condition=models.Q(completed_at__isnull=True),
                name="action_open_user_due",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None


class CaseEvent(AppendOnlyModel):
    """What happened to a case, written by the service that did it."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Case opened"
        UPDATED = "updated", "Case updated"
        TRANSITIONED = "transitioned", "Status changed"
        REASSIGNED = "reassigned", "Reassigned"
        SHARED = "shared", "Shared with agency"
        SHARE_REVOKED = "share_revoked", "Share revoked"
        RESTRICTED = "restricted", "Restriction changed"
        ACCESS_GRANTED = "access_granted", "Access granted"
        ACCESS_REVOKED = "access_revoked", "Access revoked"
        PERSON_ADDED = "person_added", "Person added"
        PERSON_REMOVED = "person_removed", "Person removed"
        ENTRY_ADDED = "entry_added", "Timeline entry added"
        ENTRY_AMENDED = "entry_amended", "Timeline entry amended"
        ACTION_ADDED = "action_added", "Action added"
        ACTION_COMPLETED = "action_completed", "Action completed"
        RISK_ASSESSED = "risk_assessed", "Risk assessed"
        GRADED = "graded", "Missing person graded"
        INFORMATION_RECORDED = "information_recorded", "Information recorded"
        RETURNED = "returned", "Missing person returned"
        RETURN_INTERVIEW_DONE = "return_interview_done", "Return home interview done"
        DETAIL_UPDATED = "detail_updated", "Details updated"
        BREAK_GLASS = "break_glass", "Break-glass access"
        REFERRED = "referred", "Referred to another agency"
        REFERRAL_ACCEPTED = "referral_accepted", "Referral accepted"
        REFERRAL_DECLINED = "referral_declined", "Referral declined"
        REFERRAL_WITHDRAWN = "referral_withdrawn", "Referral withdrawn"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="event_case_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case_id})"


class BreakGlassRequest(models.Model):
    """A request to open a case the requester cannot see, with its reason and decision.

    An emergency override grants time-limited access at once and is flagged to
    the lead agency's manager for review; other requests wait for that manager.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"
        EMERGENCY = "emergency", "Emergency override"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass_requests")
    requester = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    access_until = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lead agency's manager reviewed an override."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["requester", "case", "access_until"], name="breakglass_access"),
            models.Index(fields=["status"], name="breakglass_status"),
        ]

    def __str__(self) -> str:
        return f"{self.requester} asks for {self.case} ({self.get_status_display()})"


class RetentionDecision(AppendOnlyModel):
    """A recorded decision to keep a closed case longer, or to dispose of it.

    Kept after disposal (with no personal data) as the record of the decision.
    """

    class Outcome(models.TextChoices):
        RETAIN = "retain", "Retain"
        DISPOSE = "dispose", "Dispose"

    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="retention_decisions"
    )
    case_reference = models.CharField(max_length=30, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.TextField()
    retain_until = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.case_reference}"


class DisposedCaseStub(AppendOnlyModel):
    """What is left of a disposed case: anonymised figures for statistics."""

    reference = models.CharField(max_length=30, unique=True)
    case_type = models.CharField(max_length=20, choices=case_type_choices)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    ward = models.CharField(max_length=100, blank=True)
    reported_month = models.DateField()
    closed_month = models.DateField(null=True, blank=True)
    disposed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Disposed {self.reference}"


class CaseReferral(models.Model):
    """The lead agency's proposal to hand a case to another agency, and its answer.

    While it waits, the receiving agency sees the case through a share made for it (on
    the referral's lawful basis). Accepted, the receiving agency leads and the previous
    lead keeps a share; declined or withdrawn, the case stays where it was and a share
    made for the referral ends.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="referrals_received"
    )
    reason = models.TextField()
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices)
    agreement = models.ForeignKey(
        InformationSharingAgreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    statutory_basis = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    answer_due_at = models.DateTimeField(help_text="Flagged as unanswered after this.")
    share = models.ForeignKey(
        CaseShare,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The share made so the receiving agency could see the case while it waited.",
    )
    answered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    lead_officer = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    PERSONAL_FIELDS = ("reason", "decline_reason")

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="referral_one_pending_per_case",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_agency=models.F("to_agency")),
                name="referral_to_another_agency",
            ),
        ]
        indexes = [
            models.Index(
                fields=["to_agency", "answer_due_at"],
                condition=models.Q(status="pending"),
                name="referral_pending_to_agency",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} referred to {self.to_agency.slug} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_overdue(self) -> bool:
        return self.is_pending and self.answer_due_at < timezone.now()

    def clean(self) -> None:
        if not (self.reason or "").strip():
            raise ValidationError({"reason": "Say why the case should move to that agency."})
        if self.status == self.Status.DECLINED and not (self.decline_reason or "").strip():
            raise ValidationError({"decline_reason": "Say why the referral is declined."})
        if self.from_agency_id and self.from_agency_id == self.to_agency_id:
            raise ValidationError({"to_agency": "The case is already led by that agency."})
