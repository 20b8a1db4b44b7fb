from django import template

from intake.selectors import can_triage

register = template.Library()


@register.filter
def triages(user) -> bool:
    """Whether ``user`` works the ICST triage queue (for the navigation link)."""
    return can_triage(user)
