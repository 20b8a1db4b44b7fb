"""Agency membership rules: who a user is, and what their role lets them do.

These answer questions about a user alone. Questions about a user and a case
live in ``casework.access``, which is built on these.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Membership, Role

WORKING_ROLES = frozenset({Role.OFFICER, Role.SAFEGUARDING_LEAD, Role.MANAGER})


def membership_of(user: AbstractBaseUser | AnonymousUser | None) -> Membership | None:
    """The active user's membership, or None for anonymous, inactive or unattached users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    # One query per user object, with the agency and its kind, however often asked.
    if not hasattr(user, "_icst_membership"):
        user._icst_membership = (
            Membership.objects.select_related("agency__kind", "team").filter(user=user).first()
        )
    membership = user._icst_membership
    if membership is None or not membership.agency.is_active:
        return None
    return membership


def memberships_load(users) -> None:
    """Fetch the memberships of many users in one query, so that ``membership_of`` asks
    no more for any of them."""
    unknown = {user.pk: user for user in users if not hasattr(user, "_icst_membership")}
    found = Membership.objects.select_related("agency__kind", "team").filter(user_id__in=unknown)
    by_user = {membership.user_id: membership for membership in found}
    for user_id, user in unknown.items():
        user._icst_membership = by_user.get(user_id)


def role_of(user) -> str | None:
    membership = membership_of(user)
    return membership.role if membership else None


def is_administrator(user) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def can_work_cases(user) -> bool:
    """Officers, safeguarding leads and managers log and work cases; partners only read."""
    return role_of(user) in WORKING_ROLES


def can_run_briefings(user) -> bool:
    return role_of(user) in {Role.SAFEGUARDING_LEAD, Role.MANAGER}


def can_export(user) -> bool:
    return role_of(user) == Role.MANAGER


def can_triage(user) -> bool:
    """Officers, safeguarding leads and managers of the triage agency (the one
    INTAKE_TRIAGE_AGENCY names) triage reports from the public."""
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role in WORKING_ROLES
        and membership.agency.slug == settings.INTAKE_TRIAGE_AGENCY
    )


def cleared_sensitivities(user) -> set[str]:
    """Sensitivities the user's agency kind and role clear them to read.

    Safeguarding leads of any agency also read health and children's
    safeguarding entries; partners (read-only staff) and administrators read
    standard entries only.
    """
    membership = membership_of(user)
    if membership is None:
        return set()
    from .models import Sensitivity

    if membership.role in (Role.PARTNER, Role.ADMINISTRATOR):
        return {Sensitivity.STANDARD.value}
    cleared = membership.agency.kind.cleared_sensitivities()
    if membership.role == Role.SAFEGUARDING_LEAD:
        cleared |= {Sensitivity.HEALTH.value, Sensitivity.CHILDRENS_SAFEGUARDING.value}
    return cleared
