from django import template

from casework.access import can_see_management_reports

register = template.Library()


@register.filter
def sees_access_reports(user) -> bool:
    """Whether ``user`` may open who-viewed reports and subject access exports."""
    return can_see_management_reports(user)
