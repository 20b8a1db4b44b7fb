"""Bulk demo data for large casebooks (``seed_demo --cases N`` with N in the thousands).

The same shape of town as ``demo.seed`` (every case type, people in their
parts, shares on the partnership agreement, notes of each sensitivity, actions,
history rows, about 1% restricted cases) written with bulk inserts in batches,
so 100,000 cases take minutes rather than hours.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from casework import services
from casework.access import RESTRICTED_PERMISSION
from casework.models import (
    Action,
    AsbCategory,
    AsbDetail,
    Case,
    CaseEvent,
    CaseParticipant,
    CaseShare,
    CaseStatus,
    CaseType,
    CaseUserObjectPermission,
    FamilyNeed,
    LawfulBasis,
    MentalHealthDetail,
    MentalHealthPresentation,
    MissingPersonDetail,
    MissingPersonGrade,
    ParticipantRole,
    Person,
    RcrpThreshold,
    RiskLevel,
    TimelineEntry,
    TroubledFamilyDetail,
)
from partners.models import Sensitivity

from .seed import STREETS, SUMMARIES, WARDS

BATCH = 2_000
GIVEN = ["Amy", "Ben", "Chloe", "Daniel", "Ella", "Finley", "Grace", "Harry", "Isla",
         "Jack", "Kai", "Lily", "Mohammed", "Noah", "Olivia", "Priya", "Ruby", "Sam", "Tom",
         "Zara"]  # fmt: skip
FAMILY = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
          "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Khan",
          "Roberts", "Green", "Hall", "Wood"]  # fmt: skip
PARTNER_SLUGS = ["council", "police", "fire", "victimsupport", "adults", "childrens", "housing"]
NOTE_AUTHOR = {
    Sensitivity.STANDARD: None,  # the lead officer
    Sensitivity.POLICE_INTELLIGENCE: "police",
    Sensitivity.HEALTH: "health",
    Sensitivity.CHILDRENS_SAFEGUARDING: "childrens",
}


@contextmanager
def _explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    # Demo rows carry the time they notionally happened, not the time of loading.
    fields = [
        field
        for model in model_classes
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now_add", False)
    ]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def seed_cases_bulk(count: int, org: dict, *, seed: int = 42, days: int = 365 * 6) -> int:
    """Create ``count`` cases spread over the last ``days`` days, in batches."""
    rng = random.Random(seed)
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        with (
            transaction.atomic(),
            _explicit_timestamps(TimelineEntry, CaseShare, CaseEvent, Action),
        ):
            _batch(size, org, rng, days)
        made += size
    return made


def _batch(size: int, org: dict, rng: random.Random, days: int) -> None:
    now = timezone.now()
    users, agencies = org["users"], org["agencies"]
    cases = [_case(rng, now, days, agencies, users) for _ in range(size)]
    _number(cases)
    cases = bulk_create_with_history(cases, Case, batch_size=BATCH, default_date=now)
    cases = list(Case.objects.filter(reference__in=[c.reference for c in cases]))
    _details(cases, rng, agencies)
    _people(cases, rng)
    _shares(cases, rng, org)
    _entries(cases, rng, users, agencies)
    _actions(cases, rng)
    _restrict(cases, rng, users)
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(case=c, kind=CaseEvent.Kind.OPENED, actor=c.created_by, at=c.reported_at)
            for c in cases
        ]
    )


def _case(rng, now, days, agencies, users) -> Case:
    case_type = rng.choice(CaseType.values)
    lead = {"missing_person": "police", "troubled_family": "council"}.get(
        case_type, rng.choice(["police", "council", "fire", "police", "council"])
    )
    reported = now - timedelta(seconds=rng.uniform(0, days * 86400))
    status = rng.choices(CaseStatus.values, weights=[5, 5, 40, 10, 40])[0]
    officer = users[f"{lead}.officer"]
    return Case(
        case_type=case_type,
        status=status,
        risk_level=rng.choices(RiskLevel.values, weights=[6, 3, 1])[0],
        summary=rng.choice(SUMMARIES[case_type]),
        address=f"{rng.randint(1, 400)} {rng.choice(STREETS)}, Eastbridge",
        ward=rng.choice(WARDS),
        lead_agency=agencies[lead],
        lead_officer=officer if status != CaseStatus.NEW else None,
        created_by=officer,
        reported_at=reported,
        opened_at=reported if status != CaseStatus.NEW else None,
        closed_at=reported + timedelta(days=rng.randint(1, 60)) if status == "closed" else None,
        closure_reason="Resolved." if status == CaseStatus.CLOSED else "",
        next_review_on=(reported + timedelta(days=rng.choice([14, 28, 56]))).date(),
    )


def _number(cases: list[Case]) -> None:
    by_year: dict[int, list[Case]] = {}
    for case in cases:
        by_year.setdefault(timezone.localtime(case.reported_at).year, []).append(case)
    for year, group in by_year.items():
        first = services.reference_allocate(year=year, count=len(group))
        for offset, case in enumerate(group):
            case.reference = services.reference_format(year, first + offset)


def _details(cases, rng, agencies) -> None:
    asb, missing, mental, family = [], [], [], []
    for case in cases:
        if case.case_type == CaseType.ASB:
            asb.append(AsbDetail(case=case, category=rng.choice(AsbCategory.values),
                                 victim_risk=case.risk_level))  # fmt: skip
        elif case.case_type == CaseType.MISSING_PERSON:
            missing.append(_missing(case, rng))
        elif case.case_type == CaseType.MENTAL_HEALTH:
            threshold = rng.choice(RcrpThreshold.values)
            mental.append(
                MentalHealthDetail(
                    case=case,
                    presentation=rng.choice(MentalHealthPresentation.values),
                    services_involved="Community mental health team; GP.",
                    rcrp_threshold=threshold,
                    responsible_agency=agencies["health"] if threshold == "not_met" else None,
                    decision_rationale="Assessed against Right Care, Right Person at the call.",
                )
            )
        elif case.case_type == CaseType.TROUBLED_FAMILY:
            needs = rng.sample(FamilyNeed.values, rng.randint(3, 6))
            family.append(TroubledFamilyDetail(case=case, needs=needs))
    for model, rows in ((AsbDetail, asb), (MissingPersonDetail, missing),
                        (MentalHealthDetail, mental), (TroubledFamilyDetail, family)):  # fmt: skip
        bulk_create_with_history(rows, model, batch_size=BATCH)


def _missing(case, rng) -> MissingPersonDetail:
    grade = rng.choice(MissingPersonGrade.values)
    returned = case.status == CaseStatus.CLOSED or rng.random() < 0.5
    returned_at = case.reported_at + timedelta(hours=rng.randint(2, 60)) if returned else None
    is_child = rng.random() < 0.6
    return MissingPersonDetail(
        case=case,
        risk_grade=grade,
        grade_rationale=f"Graded {grade.replace('_', ' ')} on the information at the time.",
        graded_by=case.created_by,
        graded_at=case.reported_at,
        is_child=is_child,
        last_seen_at=case.reported_at - timedelta(hours=rng.randint(1, 24)),
        last_seen_place=f"Near {rng.choice(STREETS)}, Eastbridge",
        returned_at=returned_at,
        return_interview_due_at=returned_at + timedelta(hours=72)
        if returned_at and is_child
        else None,
    )


def _people(cases, rng) -> None:
    people = [
        Person(
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            date_of_birth=(
                case.reported_at - timedelta(days=rng.randint(12 * 365, 85 * 365))
            ).date(),
            address=case.address,
            postcode=_postcode(rng),
            phone=f"07700 9{rng.randint(10000, 99999)}",
        )
        for case in cases
        for _ in range(2)
    ]
    people = bulk_create_with_history(people, Person, batch_size=BATCH)
    if people[0].pk is None:
        people = list(Person.objects.order_by("-pk")[: len(people)])[::-1]
    roles = [ParticipantRole.VICTIM, ParticipantRole.SUBJECT]
    parts = [
        CaseParticipant(
            case=case,
            person=people[2 * index + offset],
            role=roles[offset],
            added_by=case.created_by,
        )  # fmt: skip
        for index, case in enumerate(cases)
        for offset in range(2)
    ]
    bulk_create_with_history(parts, CaseParticipant, batch_size=BATCH)


def _postcode(rng) -> str:
    return (
        f"EB{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}"
    )


def _shares(cases, rng, org) -> None:
    agencies = org["agencies"]
    shares = []
    for case in cases:
        others = [slug for slug in PARTNER_SLUGS if agencies[slug].pk != case.lead_agency_id]
        for slug in rng.sample(others, rng.choices([0, 1, 2, 3], weights=[1, 4, 3, 2])[0]):
            shares.append(
                CaseShare(
                    case=case,
                    agency=agencies[slug],
                    reason="Partner involvement needed to resolve the concern.",
                    lawful_basis=LawfulBasis.AGREEMENT,
                    agreement=org["agreement"],
                    shared_by=case.created_by,
                    shared_at=case.reported_at + timedelta(hours=1),
                )
            )
    bulk_create_with_history(shares, CaseShare, batch_size=BATCH)


def _entries(cases, rng, users, agencies) -> None:
    entries = []
    for case in cases:
        for number in range(5):
            sensitivity = rng.choices(Sensitivity.values, weights=[7, 1, 1, 1])[0]
            slug = NOTE_AUTHOR[sensitivity]
            author = users[f"{slug}.officer"] if slug else case.created_by
            entries.append(
                TimelineEntry(
                    case=case,
                    body=f"{Sensitivity(sensitivity).label} note {number + 1} on {case.reference}.",
                    sensitivity=sensitivity,
                    author=author,
                    author_agency=agencies[slug] if slug else case.lead_agency,
                    created_at=case.reported_at + timedelta(hours=number * 6 + 1),
                )
            )
    TimelineEntry.objects.bulk_create(entries, batch_size=BATCH)


def _actions(cases, rng) -> None:
    actions = [
        Action(
            case=case,
            description="Visit and review the risk assessment",
            assigned_agency=case.lead_agency,
            assigned_to=case.lead_officer,
            due_on=(case.reported_at + timedelta(days=rng.randint(1, 14))).date(),
            created_by=case.created_by,
            created_at=case.reported_at,
            completed_at=case.reported_at + timedelta(days=3) if case.status == "closed" else None,
            completed_by=case.created_by if case.status == "closed" else None,
            outcome="Done." if case.status == "closed" else "",
        )
        for case in cases
        if rng.random() < 0.5
    ]
    bulk_create_with_history(actions, Action, batch_size=BATCH)


def _restrict(cases, rng, users) -> None:
    permission = Permission.objects.get(
        codename=RESTRICTED_PERMISSION, content_type__app_label="casework"
    )
    chosen = [case for case in cases if rng.random() < 0.01]
    if not chosen:
        return
    Case.objects.filter(pk__in=[case.pk for case in chosen]).update(is_restricted=True)
    grants = [
        CaseUserObjectPermission(content_object=case, user=user, permission=permission)
        for case in chosen
        for user in {case.created_by, users[f"{case.lead_agency.slug}.manager"]}
    ]
    CaseUserObjectPermission.objects.bulk_create(grants, ignore_conflicts=True)
