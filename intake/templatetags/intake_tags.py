from django import template
from django.conf import settings

from partners.rules import can_triage

register = template.Library()


@register.filter
def triages(user) -> bool:
    """Whether ``user`` works the ICST triage queue (for the navigation link)."""
    return can_triage(user)


@register.inclusion_tag("intake/includes/triage_promise.html")
def triage_promise(still_happening: str) -> dict:
    """How soon a report is looked at, from the triage deadline settings."""
    return {
        "working_hours": settings.INTAKE_TRIAGE_WORKING_HOURS,
        "urgent_hours": settings.INTAKE_TRIAGE_URGENT_HOURS,
        "still_happening": still_happening,
    }
