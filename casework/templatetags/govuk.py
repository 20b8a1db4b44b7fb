"""Small template helpers for rendering Django forms with GOV.UK Design System markup."""

from datetime import date

from django import template

from partners.rules import can_work_cases

register = template.Library()

GROUPED_WIDGETS = {"radioselect", "checkboxselectmultiple", "govukdate"}


@register.filter
def error_anchor(field) -> str:
    """Where the error summary links: the first radio, checkbox or day box of a group."""
    if field.widget_type in GROUPED_WIDGETS:
        return f"{field.auto_id}_0"
    return field.id_for_label


@register.filter
def date_parts(value) -> list[str]:
    """Day, month and year as typed (a bound list) or from a date (initial data)."""
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple):
        return [str(part or "") for part in (list(value) + ["", "", ""])[:3]]
    return ["", "", ""]


@register.filter
def selected(choice_value, field_value) -> bool:
    """Whether a radio or checkbox option is chosen, given a value or list of values."""
    if field_value is None:
        return False
    values = field_value if isinstance(field_value, list | tuple) else [field_value]
    return str(choice_value) in {str(v) for v in values}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


RISK_TAGS = {"high": "govuk-tag--red", "medium": "govuk-tag--orange", "standard": "govuk-tag--grey"}
STATUS_TAGS = {
    "new": "govuk-tag--turquoise",
    "triaged": "govuk-tag--purple",
    "open": "",
    "under_review": "govuk-tag--yellow",
    "closed": "govuk-tag--grey",
}


@register.filter
def risk_tag(level: str) -> str:
    return RISK_TAGS.get(level, "govuk-tag--grey")


@register.filter
def status_tag(status: str) -> str:
    return STATUS_TAGS.get(status, "govuk-tag--grey")


@register.filter
def works_cases(user) -> bool:
    """Officers, safeguarding leads and managers log and work cases."""
    return can_work_cases(user)
