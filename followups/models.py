"""Victim follow-up: contact plans, obligations with deadlines, the outbox of
messages to victims and staff, private status links, and staff alerts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from casework.models import Case, ContactPreference, Person

User = settings.AUTH_USER_MODEL


class Entitlement(models.TextChoices):
    """Victims' Code: enhanced rights for victims of the most serious crime,
    persistently targeted, vulnerable or intimidated victims."""

    STANDARD = "standard", "Standard"
    ENHANCED = "enhanced", "Enhanced (Victims' Code)"


# The ways to reach a victim are the person's contact preferences, less "do not contact"
# (which is an opt-out on the plan, not a channel).
Channel = ContactPreference
CHANNEL_CHOICES = [choice for choice in Channel.choices if choice[0] != Channel.NONE]
CHANNEL_VALUES = frozenset(value for value, _ in CHANNEL_CHOICES)


# Channels a worker sends by itself; the others become a task for the officer.
SENT_BY_WORKER = frozenset({Channel.EMAIL, Channel.SMS})


class ContactPlan(models.Model):
    """How and how often one victim on one case hears from us, and from whom."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_plans")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contact_plans")
    entitlement = models.CharField(
        max_length=10, choices=Entitlement.choices, default=Entitlement.STANDARD
    )
    channel = models.CharField(max_length=10, choices=CHANNEL_CHOICES, default=Channel.PHONE)
    update_every_working_days = models.PositiveSmallIntegerField(
        help_text="Agreed with the victim: working days between regular updates."
    )
    opted_out = models.BooleanField(
        default=False, help_text="The victim asked not to receive updates."
    )
    victim_support_opt_out = models.BooleanField(
        default=False, help_text="The victim declined a referral to victim support."
    )
    single_point_of_contact = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave blank for the case's lead officer.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "person__family_name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="contact_plan_one_per_victim"),
            models.CheckConstraint(
                condition=Q(update_every_working_days__gte=1),
                name="contact_plan_frequency_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact plan for {self.person} on {self.case}"

    @property
    def contact_officer(self):
        return self.single_point_of_contact or self.case.lead_officer

    @property
    def is_enhanced(self) -> bool:
        return self.entitlement == Entitlement.ENHANCED


class Obligation(models.Model):
    """One update owed to one victim, with its deadline and what became of it.

    Met early is fine; once past due and unmet it is marked missed, and a
    later update sets ``met_at`` without clearing ``missed_at``.
    """

    class Kind(models.TextChoices):
        KEY_EVENT = "key_event", "Update after a key event"
        REGULAR = "regular", "Regular update"
        VICTIM_SUPPORT = "victim_support", "Referral to victim support"

    plan = models.ForeignKey(ContactPlan, on_delete=models.CASCADE, related_name="obligations")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    remind_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    met_at = models.DateTimeField(null=True, blank=True)
    met_how = models.CharField(max_length=200, blank=True)
    met_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    missed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_further_at = models.DateTimeField(null=True, blank=True)
    # Who moved a deadline, and why (a change of entitlement re-dates what is owed).
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=Q(met_at__isnull=True, cancelled_at__isnull=True),
                name="obligation_open_due",
            ),
            models.Index(
                fields=["remind_at"],
                condition=Q(
                    met_at__isnull=True, cancelled_at__isnull=True, reminded_at__isnull=True
                ),
                name="obligation_reminder_due",
            ),
            models.Index(fields=["case", "due_at"], name="obligation_case_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.plan.person} due {self.due_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None

    @property
    def met_on_time(self) -> bool:
        return self.met_at is not None and self.met_at <= self.due_at


class Notification(models.Model):
    """One message in the outbox: to a victim or reporter (``person``) or to staff
    (``recipient``). Written in the transaction of the event that caused it and
    delivered by a worker after commit; ``idempotency_key`` makes the same event
    produce one message however often it is queued or its task delivered."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"
        OFFICER_TASK = "officer_task", "Passed to the officer"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=CHANNEL_CHOICES)
    address = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    event_key = models.CharField(max_length=200)
    idempotency_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    status_checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When the provider was last asked what became of it."
    )
    delivery_unknown_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Sent, but no delivery receipt came in the days a provider keeps one.",
    )
    failed_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    PERSONAL_FIELDS = ("address", "body", "subject")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["queued", "sending"]),
                name="notification_pending",
            ),
            models.Index(fields=["case", "person", "-created_at"], name="notification_case_person"),
            models.Index(
                fields=["sent_at"],
                condition=Q(status="sent", delivery_unknown_at__isnull=True),
                name="notification_awaiting_receipt",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(recipient__isnull=False),
                name="notification_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.subject!r} ({self.get_status_display()})"

    @property
    def to_victim(self) -> bool:
        return self.person_id is not None


class StatusLink(models.Model):
    """A victim's or reporter's private link to their case's public status.

    Only a hash of the secret is kept, so the database cannot reissue a link and
    a revoked one stays dead.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_links")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="status_links")
    secret_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Status link {self.pk} for {self.case}"


class ContactRequest(models.Model):
    """A victim or reporter asked, through their status link, to be contacted."""

    link = models.ForeignKey(StatusLink, on_delete=models.CASCADE, related_name="contact_requests")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_requests")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    action = models.ForeignKey(
        "casework.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The contact officer's action to answer it; none yet while awaiting triage.",
    )

    PERSONAL_FIELDS = ("message",)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Contact request on {self.case}"


class StaffAlert(models.Model):
    """An in-app notification for a member of staff (reminders, escalations...)."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Update due soon"
        MISSED = "missed", "Update missed"
        ESCALATION = "escalation", "Missed update escalated"
        CONTACT_REQUEST = "contact_request", "Victim asked for contact"
        DELIVERY_FAILED = "delivery_failed", "Message not delivered"
        ACTION_REMINDER = "action_reminder", "Action due soon"
        ACTION_MISSED = "action_missed", "Action overdue"
        ACTION_ESCALATION = "action_escalation", "Overdue action escalated"
        ACCESS_REQUEST = "access_request", "Access to a case requested"
        ACCESS_OVERRIDE = "access_override", "Emergency access override"
        OVERRIDE_UNREVIEWED = "override_unreviewed", "Emergency override not reviewed"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="followup_alerts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="staffalert_user_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user}"


class ActionChase(models.Model):
    """How far an open cross-agency action (casework's ``Action``) has been chased: its
    owner reminded before it falls due, and once missed, the owning agency's managers told.
    Made by the periodic scan the first time it acts on the action; each step happens once."""

    action = models.OneToOneField("casework.Action", on_delete=models.CASCADE, related_name="chase")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)
    missed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["case"], name="actionchase_case")]

    def __str__(self) -> str:
        return f"Chase of action {self.action_id}"


class BreakGlassChase(models.Model):
    """When an emergency override left unreviewed was escalated to administrators (once)."""

    request = models.OneToOneField(
        "casework.BreakGlassRequest", on_delete=models.CASCADE, related_name="chase"
    )
    escalated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Chase of access request {self.request_id}"
