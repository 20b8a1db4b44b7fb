"""The follow-up rules: one table of working-day periods, read from settings.

``FOLLOWUPS_WORKING_DAYS`` (environment variable of the same name) holds every
period; nothing else in the app writes a deadline as a literal. Defaults follow
the Victims' Code (5 working days after a key decision, 1 for enhanced rights,
referral to victim support within 2) and a council's ASB policy (an update at
least every 10 working days while the case is open).
"""

from django.conf import settings

DEFAULT_WORKING_DAYS: dict[str, int] = {
    # Update after a key event (case opened, suspect arrested, charged or released,
    # decision not to proceed, case closed).
    "key_event": 5,
    "key_event_enhanced": 1,
    # Regular updates while the case is open, unless the plan agrees another frequency.
    "regular_update": 10,
    # Referral to victim support, unless the victim opts out.
    "victim_support_referral": 2,
    # Reminder to the single point of contact before the deadline.
    "reminder_before": 1,
    # After a miss, the manager is told at once; the next level after this many more days.
    "escalate_next_level_after": 2,
    # Cross-agency actions: the owner is reminded this many working days before the due day
    # (sooner on a high-risk case); the owning agency's managers are told once it is missed.
    "action_reminder_before": 1,
    "action_reminder_before_high_risk": 2,
}


def working_days(rule: str) -> int:
    """The number of working days for ``rule``: the settings table, else the default."""
    table = {**DEFAULT_WORKING_DAYS, **getattr(settings, "FOLLOWUPS_WORKING_DAYS", {})}
    return int(table[rule])


def key_event_days(*, enhanced: bool) -> int:
    return working_days("key_event_enhanced" if enhanced else "key_event")
