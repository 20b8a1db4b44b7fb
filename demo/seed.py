"""The demo town: agencies, staff logins and a realistic spread of cases.

Used by ``manage.py seed_demo``. Small runs go through the services, so every
case has its events and history like real work; large runs (``--cases`` in the
thousands) use bulk inserts for speed.
"""

import random
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from casework import services
from casework.asb import QUESTIONS
from casework.models import (
    AsbCategory,
    CaseStatus,
    CaseType,
    ContactPreference,
    EntryKind,
    FamilyNeed,
    LawfulBasis,
    MentalHealthPresentation,
    MissingPersonGrade,
    ParticipantRole,
    RcrpThreshold,
    RiskLevel,
)
from partners.models import (
    Agency,
    AgencyKind,
    InformationSharingAgreement,
    Membership,
    Role,
    Sensitivity,
)
from partners.rules import cleared_sensitivities

DEMO_PASSWORD = "icst-demo-password"  # noqa: S105 - documented in the README; demo data only

# slug, name, kind code
AGENCIES = [
    ("police", "Eastbridge Police", "police"),
    ("council", "Eastbridge Borough Council", "council"),
    ("fire", "Eastshire Fire and Rescue Service", "fire"),
    ("adults", "Eastbridge Adult Social Care", "adult_safeguarding"),
    ("childrens", "Eastbridge Children's Services", "childrens_safeguarding"),
    ("victimsupport", "Victim Support Eastbridge", "victim_support"),
    ("health", "Eastbridge Mental Health Trust", "health"),
    ("housing", "Eastbridge Homes", "housing"),
]
JOB_TITLES = {
    "police": "ICST police constable",
    "council": "ASB officer",
    "fire": "Fire advocate",
    "victimsupport": "Victim-support officer",
}
STAFF_ROLES = [Role.OFFICER, Role.SAFEGUARDING_LEAD, Role.MANAGER, Role.PARTNER]
WARDS = [
    "Castle",
    "Riverside",
    "Northgate",
    "Abbey",
    "Westfield",
    "Harbour",
    "Millbrook",
    "St Anne's",
]
STREETS = [
    "High Street",
    "Station Road",
    "Church Lane",
    "Mill Road",
    "Park Avenue",
    "Queen Street",
    "Victoria Road",
    "Harbour Walk",
    "Abbey Close",
    "Westfield Drive",
]

SUMMARIES = {
    CaseType.ASB: [
        "Groups of youths gathering outside the shops, shouting and intimidating residents.",
        "Neighbour playing loud music late at night, repeated over several weeks.",
        "Fly-tipping on the communal land behind the flats.",
        "Verbal abuse and threats towards an elderly resident by a neighbour.",
        "Motorbikes ridden dangerously across the park in the evenings.",
    ],
    CaseType.MISSING_PERSON: [
        "Reported missing by family after not returning home from school.",
        "Left supported accommodation and has not been seen since the evening.",
        "Failed to return from a hospital leave; family concerned.",
    ],
    CaseType.MENTAL_HEALTH: [
        "Caller reports a neighbour in distress on the balcony, making threats to self.",
        "Repeat caller to 101 expressing paranoid beliefs about neighbours.",
        "Person found confused and distressed in the town centre.",
    ],
    CaseType.TROUBLED_FAMILY: [
        "Family referred by school: poor attendance, rent arrears and police call-outs.",
        "Household with domestic abuse history, children on a child-in-need plan.",
    ],
    CaseType.OTHER: [
        "Concern about cuckooing at a flat: vulnerable tenant, visitors at all hours.",
        "Hoarding and fire risk reported by a fire safety visit.",
    ],
}


@contextmanager
def _clock(moment: datetime):
    # Demo history should look like 90 days of work, so records are stamped as
    # if made then. Only this command moves the clock; the services are unchanged.
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def seed_organisation() -> dict[str, object]:
    """Agencies, staff logins and a sharing agreement; safe to run twice."""
    User = get_user_model()
    agencies = {}
    for slug, name, kind_code in AGENCIES:
        agencies[slug], _ = Agency.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": AgencyKind.objects.get(code=kind_code)}
        )
    users = {}
    fake = Faker("en_GB")
    Faker.seed(2026)
    for slug, agency in agencies.items():
        for role in STAFF_ROLES:
            username = f"{slug}.{role.value}"
            users[username] = _staff(User, username, agency, role, fake, JOB_TITLES.get(slug, ""))
    users["police.pcso"] = _staff(
        User, "police.pcso", agencies["police"], Role.OFFICER, fake, "PCSO"
    )
    admin = _staff(
        User, "admin", agencies["council"], Role.ADMINISTRATOR, fake, "System administrator"
    )
    if admin.is_superuser or admin.is_staff:  # a role, not a flag, opens the admin
        admin.is_staff = admin.is_superuser = False
        admin.save(update_fields=["is_staff", "is_superuser"])
    users["admin"] = admin
    agreement, created = InformationSharingAgreement.objects.get_or_create(
        reference="ISA-EB-2025-01",
        defaults={
            "title": "Eastbridge Community Safety Partnership information-sharing agreement",
            "purpose": "Sharing information to reduce crime, disorder and anti-social behaviour "
            "and to safeguard vulnerable people (Crime and Disorder Act 1998 s.115).",
            "starts_on": date(2025, 4, 1),
        },
    )
    if created:
        agreement.parties.set(agencies.values())
    return {"agencies": agencies, "users": users, "agreement": agreement}


def _staff(User, username, agency, role, fake, job_title):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            email=f"{username}@example.org",
        )
        Membership.objects.create(user=user, agency=agency, role=role, job_title=job_title)
    return user


def seed_cases(count: int, org: dict, *, seed: int = 42) -> int:
    """Create ``count`` cases of every type over the last 90 days, through the services."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    now = timezone.now()
    leads = ["police", "council", "fire", "police", "council"]
    created = 0
    for index in range(count):
        case_type = CaseType.values[index % len(CaseType.values)]
        lead_slug = _lead_for(case_type, leads, rng)
        moment = now - timedelta(days=rng.uniform(0, 90))
        with transaction.atomic():
            _one_case(case_type, lead_slug, moment, now, org, rng, fake)
        created += 1
    return created


def _lead_for(case_type, leads, rng) -> str:
    if case_type == CaseType.MISSING_PERSON:
        return "police"
    if case_type == CaseType.TROUBLED_FAMILY:
        return "council"
    return rng.choice(leads)


def _one_case(case_type, lead_slug, moment, now, org, rng, fake):
    users, agencies = org["users"], org["agencies"]
    officer = users[f"{lead_slug}.officer"]
    if lead_slug == "police" and rng.random() < 0.3:
        officer = users["police.pcso"]
    status = rng.choice([CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.OPEN, CaseStatus.OPEN])
    risk = rng.choices(RiskLevel.values, weights=[6, 3, 1])[0]
    with _clock(moment):
        case = services.case_open(
            actor=officer,
            case_type=case_type,
            summary=rng.choice(SUMMARIES[case_type]),
            risk_level=risk,
            address=f"{rng.randint(1, 180)} {rng.choice(STREETS)}, Eastbridge",
            ward=rng.choice(WARDS),
            lead_officer=officer if status == CaseStatus.OPEN else None,
            reported_at=moment,
            next_review_on=(moment + timedelta(days=rng.choice([14, 28, 56]))).date(),
            status=status,
            detail=_detail(case_type, moment, officer, agencies, rng),
        )
        _people(case, officer, rng, fake)
    _work(case, officer, moment, now, org, rng)
    return case


def _detail(case_type, moment, officer, agencies, rng) -> dict:
    if case_type == CaseType.ASB:
        return {
            "category": rng.choice(AsbCategory.values),
            "risk_answers": {q.key: rng.random() < 0.35 for q in QUESTIONS},
        }
    if case_type == CaseType.MISSING_PERSON:
        grade = rng.choice(MissingPersonGrade.values)
        return {
            "risk_grade": grade,
            "grade_rationale": f"Graded {grade.replace('_', ' ')}: history of going missing, "
            "no known medical needs, last seen with friends.",
            "is_child": rng.random() < 0.6,
            "last_seen_at": moment - timedelta(hours=rng.randint(2, 30)),
            "last_seen_place": f"Near {rng.choice(STREETS)}, Eastbridge",
        }
    if case_type == CaseType.MENTAL_HEALTH:
        threshold = rng.choice(RcrpThreshold.values)
        return {
            "presentation": rng.choice(MentalHealthPresentation.values),
            "services_involved": "Community mental health team; GP.",
            "rcrp_threshold": threshold,
            "responsible_agency": agencies["health"]
            if threshold == RcrpThreshold.NOT_MET
            else None,
            "decision_rationale": "Assessed against Right Care, Right Person at the call.",
        }
    if case_type == CaseType.TROUBLED_FAMILY:
        return {
            "needs": rng.sample(FamilyNeed.values, rng.randint(3, 6)),
            "lead_professional": officer,
        }
    return {}


def _people(case, officer, rng, fake):
    roles = {
        CaseType.ASB: [ParticipantRole.VICTIM, ParticipantRole.SUBJECT, ParticipantRole.REPORTER],
        CaseType.MISSING_PERSON: [ParticipantRole.SUBJECT, ParticipantRole.REPORTER],
        CaseType.MENTAL_HEALTH: [ParticipantRole.SUBJECT, ParticipantRole.WITNESS],
        CaseType.TROUBLED_FAMILY: [ParticipantRole.FAMILY_MEMBER] * 3,
        CaseType.OTHER: [ParticipantRole.VICTIM, ParticipantRole.REPORTER],
    }[case.case_type]
    for role in roles:
        person, _ = services.person_find_or_create(
            actor=officer,
            given_name=fake.first_name(),
            family_name=fake.last_name(),
            date_of_birth=fake.date_of_birth(minimum_age=8, maximum_age=90),
            address=case.address,
            postcode=fake.postcode(),
            phone=fake.phone_number()[:30],
            email=fake.email(),
            contact_preference=rng.choice(ContactPreference.values[:4]),
        )
        services.participant_add(actor=officer, case=case, person=person, role=role)


def _work(case, officer, moment, now, org, rng):
    users, agencies = org["users"], org["agencies"]
    partners = [
        slug
        for slug in ("council", "police", "fire", "victimsupport", "adults", "childrens", "housing")
        if slug != case.lead_agency.slug
    ]
    step = moment
    for slug in rng.sample(partners, rng.randint(0, 3)):
        step = _later(step, now, rng)
        with _clock(step):
            services.case_share(
                actor=officer,
                case=case,
                agency=agencies[slug],
                reason="Partner involvement needed to resolve the concern.",
                lawful_basis=LawfulBasis.AGREEMENT,
                agreement=org["agreement"],
            )
    for sensitivity in _sensitivities_for(case, rng):
        step = _later(step, now, rng)
        author = officer if sensitivity in _cleared(officer) else users[_author_for(sensitivity)]
        with _clock(step):
            _ensure_shared(case, officer, author, org)
            services.entry_add(
                actor=author,
                case=case,
                body=_note_text(sensitivity, rng),
                kind=rng.choice(EntryKind.values),
                sensitivity=sensitivity,
            )
    for _ in range(rng.randint(0, 2)):
        step = _later(step, now, rng)
        with _clock(step):
            action = services.action_add(
                actor=officer,
                case=case,
                description=rng.choice(
                    [
                        "Visit the victim and review the risk assessment",
                        "Check CCTV from the shop front",
                        "Send warning letter",
                        "Arrange a joint visit with housing",
                        "Safe and well check",
                    ]
                ),
                assigned_agency=case.lead_agency,
                assigned_to=officer,
                due_on=(step + timedelta(days=rng.randint(-5, 10))).date(),
            )
        if rng.random() < 0.4:
            with _clock(_later(step, now, rng)):
                services.action_complete(
                    actor=officer, action=action, outcome="Done; no further concerns."
                )
    if case.status == CaseStatus.OPEN and rng.random() < 0.2:
        with _clock(_later(step, now, rng)):
            services.case_transition(
                actor=officer,
                case=case,
                to_status=CaseStatus.CLOSED,
                reason="Resolved: no further reports in 28 days.",
            )
    if rng.random() < 0.03:
        manager = users[f"{case.lead_agency.slug}.manager"]
        services.case_restrict(
            actor=manager, case=case, restricted=True, reason="Sensitive investigation."
        )


def _ensure_shared(case, officer, author, org):
    agency = author.membership.agency
    if (
        agency.pk == case.lead_agency_id
        or case.shares.filter(agency=agency, revoked_at__isnull=True).exists()
    ):
        return
    services.case_share(
        actor=officer,
        case=case,
        agency=agency,
        reason="Specialist input needed from this agency.",
        lawful_basis=LawfulBasis.STATUTORY,
        statutory_basis="Data Protection Act 2018 Sch.1 para 18 (safeguarding)",
    )


def _later(moment, now, rng):
    return min(now, moment + timedelta(hours=rng.uniform(1, 72)))


def _cleared(user):
    return cleared_sensitivities(user)


def _author_for(sensitivity) -> str:
    return {
        Sensitivity.POLICE_INTELLIGENCE: "police.officer",
        Sensitivity.HEALTH: "health.officer",
        Sensitivity.CHILDRENS_SAFEGUARDING: "childrens.officer",
    }.get(sensitivity, "council.officer")


def _sensitivities_for(case, rng):
    chosen = [Sensitivity.STANDARD] * rng.randint(1, 3)
    if rng.random() < 0.5:
        chosen.append(Sensitivity.POLICE_INTELLIGENCE)
    if case.case_type == CaseType.MENTAL_HEALTH or rng.random() < 0.15:
        chosen.append(Sensitivity.HEALTH)
    if case.case_type in (CaseType.TROUBLED_FAMILY, CaseType.MISSING_PERSON) and rng.random() < 0.5:
        chosen.append(Sensitivity.CHILDRENS_SAFEGUARDING)
    return chosen


def _note_text(sensitivity, rng) -> str:
    return rng.choice(
        {
            Sensitivity.STANDARD: [
                "Spoke to the reporter; they will keep a diary of incidents.",
                "Visited the address, no answer; card left.",
                "Joint visit completed with partner agency.",
            ],
            Sensitivity.POLICE_INTELLIGENCE: [
                "Intelligence suggests the subject is linked to local drug supply.",
                "Subject known to police for previous violence; officer safety marker.",
            ],
            Sensitivity.HEALTH: [
                "Under the care of the community mental health team; medication reviewed.",
                "GP reports recent deterioration in mental health.",
            ],
            Sensitivity.CHILDRENS_SAFEGUARDING: [
                "Children on a child protection plan; social worker informed.",
                "Strategy discussion held with children's services.",
            ],
        }[sensitivity]
    )
