from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class Sensitivity(models.TextChoices):
    """How sensitive a timeline entry or case section is; decides who may read it."""

    STANDARD = "standard", "Standard"
    POLICE_INTELLIGENCE = "police_intelligence", "Police intelligence"
    HEALTH = "health", "Health"
    CHILDRENS_SAFEGUARDING = "childrens_safeguarding", "Children's safeguarding"


class Role(models.TextChoices):
    OFFICER = "officer", "Officer"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    MANAGER = "manager", "Manager"
    PARTNER = "partner", "Partner (read only)"
    ADMINISTRATOR = "administrator", "Administrator"


class AgencyKind(models.Model):
    """A kind of agency (police, council, ...). Kinds are rows, not code.

    The clearance flags say which sensitive timeline entries and case sections
    staff of this kind of agency may read.
    """

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    reads_police_intelligence = models.BooleanField(default=False)
    reads_health = models.BooleanField(default=False)
    reads_childrens_safeguarding = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def cleared_sensitivities(self) -> set[str]:
        cleared = {Sensitivity.STANDARD.value}
        if self.reads_police_intelligence:
            cleared.add(Sensitivity.POLICE_INTELLIGENCE.value)
        if self.reads_health:
            cleared.add(Sensitivity.HEALTH.value)
        if self.reads_childrens_safeguarding:
            cleared.add(Sensitivity.CHILDRENS_SAFEGUARDING.value)
        return cleared


class Agency(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=40, unique=True, help_text="Short name used in logins.")
    kind = models.ForeignKey(AgencyKind, on_delete=models.PROTECT, related_name="agencies")
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=150)

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="team_unique_name_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.slug})"


class Membership(models.Model):
    """A staff user's place: exactly one agency and one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.OFFICER)
    job_title = models.CharField(max_length=100, blank=True, help_text="For example PCSO.")
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["agency", "role"], name="membership_agency_role")]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()}, {self.agency.slug}"

    def clean(self) -> None:
        if self.team_id and self.team.agency_id != self.agency_id:
            raise ValidationError({"team": "The team must belong to the member's agency."})


class InformationSharingAgreement(models.Model):
    """A named agreement between agencies that a share may cite as its lawful basis."""

    title = models.CharField(max_length=200)
    reference = models.CharField(max_length=50, unique=True)
    purpose = models.TextField()
    parties = models.ManyToManyField(Agency, related_name="sharing_agreements")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="isa_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})"

    def is_in_force(self, on) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)
