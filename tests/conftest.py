"""The fixed cast of users every protected page and endpoint is tested against.

Police lead the case; the council has a share of it; the fire service has
none. Children's services and health hold clearance for their sensitivities.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache

from casework import services
from casework.models import CaseType, LawfulBasis
from partners.models import Agency, Role, Sensitivity

from .factories import agency_of_kind, staff


@dataclass
class Cast:
    police: Agency
    council: Agency
    fire: Agency
    childrens: Agency
    health: Agency
    owner: AbstractUser  # police officer leading the case
    colleague: AbstractUser  # another police officer
    police_lead: AbstractUser  # police safeguarding lead
    police_manager: AbstractUser
    police_partner: AbstractUser
    council_officer: AbstractUser  # partner agency with a share
    council_partner: AbstractUser
    council_manager: AbstractUser
    fire_officer: AbstractUser  # agency without a share
    fire_manager: AbstractUser
    childrens_lead: AbstractUser
    health_officer: AbstractUser
    admin: AbstractUser

    def everyone(self) -> dict[str, AbstractUser]:
        return {
            name: value for name, value in vars(self).items() if isinstance(value, AbstractUser)
        }


def ensure_agency_kinds() -> None:
    """The kinds a migration seeds; a transactional test's flush removes them."""
    import importlib

    from django.apps import apps

    from partners.models import AgencyKind

    if not AgencyKind.objects.exists():
        importlib.import_module("partners.migrations.0002_agency_kinds").add_kinds(apps, None)


@pytest.fixture
def cast(db) -> Cast:
    ensure_agency_kinds()
    police = agency_of_kind("police", "police")
    council = agency_of_kind("council", "council")
    fire = agency_of_kind("fire", "fire")
    childrens = agency_of_kind("childrens", "childrens_safeguarding")
    health = agency_of_kind("health", "health")
    admin = staff("admin", council, Role.ADMINISTRATOR)
    return Cast(
        police=police,
        council=council,
        fire=fire,
        childrens=childrens,
        health=health,
        owner=staff("owner", police),
        colleague=staff("colleague", police),
        police_lead=staff("police_lead", police, Role.SAFEGUARDING_LEAD),
        police_manager=staff("police_manager", police, Role.MANAGER),
        police_partner=staff("police_partner", police, Role.PARTNER),
        council_officer=staff("council_officer", council),
        council_partner=staff("council_partner", council, Role.PARTNER),
        council_manager=staff("council_manager", council, Role.MANAGER),
        fire_officer=staff("fire_officer", fire),
        fire_manager=staff("fire_manager", fire, Role.MANAGER),
        childrens_lead=staff("childrens_lead", childrens, Role.SAFEGUARDING_LEAD),
        health_officer=staff("health_officer", health),
        admin=admin,
    )


@pytest.fixture
def case(cast):
    """An open police-led ASB case shared with the council."""
    return open_shared_case(cast)


def open_shared_case(cast):
    """An open police-led ASB case shared with the council (the ``case`` fixture)."""
    case = services.case_open(
        actor=cast.owner,
        case_type=CaseType.ASB,
        summary="Youths gathering and shouting outside 12 High Street.",
        address="12 High Street, Eastbridge",
        ward="Castle",
        lead_officer=cast.owner,
        status="open",
        detail={"category": "personal"},
    )
    services.case_share(
        actor=cast.owner,
        case=case,
        agency=cast.council,
        reason="Council ASB team holds the tenancy.",
        lawful_basis=LawfulBasis.STATUTORY,
        statutory_basis="Crime and Disorder Act 1998 s.115",
    )
    return case


@pytest.fixture
def notes(cast, case):
    """One timeline entry of each sensitivity, each written by someone cleared for it."""
    services.case_share(
        actor=cast.owner,
        case=case,
        agency=cast.childrens,
        reason="Children in the household.",
        lawful_basis=LawfulBasis.CONSENT,
    )
    services.case_share(
        actor=cast.owner,
        case=case,
        agency=cast.health,
        reason="Victim under the mental health team.",
        lawful_basis=LawfulBasis.CONSENT,
    )
    authors = {
        Sensitivity.STANDARD: cast.council_officer,
        Sensitivity.POLICE_INTELLIGENCE: cast.owner,
        Sensitivity.HEALTH: cast.health_officer,
        Sensitivity.CHILDRENS_SAFEGUARDING: cast.childrens_lead,
    }
    return {
        sensitivity: services.entry_add(
            actor=author, case=case, body=f"{sensitivity} note body", sensitivity=sensitivity
        )
        for sensitivity, author in authors.items()
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate limits, throttles and cached options
    must not leak between tests."""
    cache.clear()
    yield
    cache.clear()
