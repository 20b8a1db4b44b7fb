"""The answers a report is made of, checked the same way whatever the channel."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .models import Category

TEXT_LIMITS = {"what_happened": 5000, "when": 200, "where": 500}
CONTACT_PREFERENCES = {
    "email": "Email",
    "sms": "Text message",
    "phone": "Phone call",
    "none": "Do not contact me",
}
NEEDS_DETAIL = {"email": "email", "sms": "phone", "phone": "phone"}


def answers_check(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers, stripped of unknown keys; ValidationError naming each problem."""
    errors: dict[str, str] = {}
    if answers.get("category") not in Category.values:
        errors["category"] = "Select what your report is about."
    for field, limit in TEXT_LIMITS.items():
        text = str(answers.get(field) or "").strip()
        if not text:
            errors[field] = f"Answer the question: {field.replace('_', ' ')}."
        elif len(text) > limit:
            errors[field] = f"Use {limit} characters or fewer."
    for flag in ("is_ongoing", "is_anonymous", "is_victim", "consent_to_share"):
        if not isinstance(answers.get(flag), bool):
            errors[flag] = "Answer yes or no."
    if answers.get("is_anonymous") is False:
        errors.update(_reporter_errors(answers))
    if errors:
        raise ValidationError(errors)
    return {key: answers.get(key) for key in ANSWER_KEYS if key in answers}


def _reporter_errors(answers: dict[str, Any]) -> dict[str, str]:
    errors = {}
    for field, label in (("given_name", "first name"), ("family_name", "last name")):
        if not str(answers.get(field) or "").strip():
            errors[field] = f"Enter your {label}."
    preference = answers.get("contact_preference")
    if preference not in CONTACT_PREFERENCES:
        errors["contact_preference"] = "Select how we should contact you."
    elif preference in NEEDS_DETAIL and not answers.get(NEEDS_DETAIL[preference]):
        errors["contact_preference"] = (
            f"Give your {NEEDS_DETAIL[preference].replace('phone', 'phone number')} "
            "or choose another way to contact you."
        )
    if answers.get("email"):
        try:
            validate_email(answers["email"])
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.com."
    return errors


ANSWER_KEYS = (
    "category",
    "what_happened",
    "when",
    "where",
    "is_ongoing",
    "is_anonymous",
    "given_name",
    "family_name",
    "email",
    "phone",
    "contact_preference",
    "is_victim",
    "consent_to_share",
)
