"""Actions on the casebook. Each is one transaction, writes its case event, and
refuses what the access policy or the case's invariants do not allow."""

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from common.working_days import add_working_hours
from partners.models import Agency, InformationSharingAgreement, Sensitivity
from partners.rules import can_work_cases, membership_of

from . import access, hooks, reviews
from .asb import score_answers
from .errors import StaleCaseError
from .models import (
    RETURN_HOME_INTERVIEW_WITHIN,
    Action,
    AsbRiskAssessment,
    BreakGlassRequest,
    Case,
    CaseEvent,
    CaseParticipant,
    CaseReferral,
    CaseShare,
    CaseStatus,
    CaseType,
    EntryKind,
    LawfulBasis,
    MissingPersonDetail,
    MissingPersonInformation,
    ParticipantRole,
    Person,
    ReferenceCounter,
    RiskLevel,
    TimelineEntry,
    TroubledFamilyDetail,
    VulnerabilityFlag,
)
from .types import kind_of
from .types.base import save_validated

CASE_EDITABLE_FIELDS = frozenset(
    {"summary", "risk_level", "address", "ward", "next_review_on", "reported_at"}
)


# --- Small helpers -------------------------------------------------------------------


def event_record(*, case: Case, kind: str, actor, **data: Any) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, actor=actor, data=data)


_save = save_validated


def _lock(case: Case, expected_version: int | None) -> Case:
    """Lock the case row; refuse if it moved on since the caller read it."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleCaseError(current, expected_version)
    current._visible_to_user_id = getattr(case, "_visible_to_user_id", None)
    return current


def _bump(case: Case, actor) -> None:
    case.version += 1
    _save(case, actor)


def reference_allocate(*, year: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive reference numbers for ``year``; return the first."""
    ReferenceCounter.objects.get_or_create(year=year)
    # An UPDATE takes the row lock on every backend, so concurrent callers queue here.
    ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + count)
    last = ReferenceCounter.objects.get(year=year).last_number
    return last - count + 1


def reference_format(year: int, number: int) -> str:
    return f"{settings.ICST_REFERENCE_PREFIX}-{year}-{number:05d}"


def _check_lead_officer(lead_officer, agency: Agency) -> None:
    if lead_officer is None:
        return
    membership = membership_of(lead_officer)
    if membership is None or membership.agency_id != agency.pk or not can_work_cases(lead_officer):
        raise ValidationError(
            {"lead_officer": "The lead officer must be a working member of the lead agency."}
        )


# --- Cases ---------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    actor,
    case_type: str,
    summary: str,
    risk_level: str = RiskLevel.STANDARD,
    address: str = "",
    ward: str = "",
    lead_officer=None,
    reported_at: datetime | None = None,
    next_review_on: date | None = None,
    status: str = CaseStatus.NEW,
    detail: dict[str, Any] | None = None,
) -> Case:
    """Log a new case led by the actor's agency, with its type-specific detail."""
    membership = membership_of(actor)
    access.ensure(can_work_cases(actor), "Your role cannot log cases.")
    if status not in (CaseStatus.NEW, CaseStatus.OPEN):
        raise ValidationError({"status": "A new case starts as new or open."})
    _check_lead_officer(lead_officer, membership.agency)
    now = timezone.now()
    year = timezone.localdate(now).year
    case = Case(
        reference=reference_format(year, reference_allocate(year=year)),
        case_type=case_type,
        status=status,
        risk_level=risk_level,
        summary=summary,
        address=address,
        ward=ward,
        lead_agency=membership.agency,
        lead_officer=lead_officer,
        created_by=actor,
        reported_at=reported_at or now,
        opened_at=now if status == CaseStatus.OPEN else None,
        next_review_on=next_review_on or reviews.review_date_for(risk_level),
    )
    _save(case, actor)
    kind_of(case_type).create_detail(case=case, actor=actor, detail=detail or {})
    event_record(case=case, kind=CaseEvent.Kind.OPENED, actor=actor, status=status)
    return case


@transaction.atomic
def case_update(*, actor, case: Case, expected_version: int | None, **changes: Any) -> Case:
    """Change the case's own fields, refusing a stale version (None: whatever is current)."""
    access.ensure(
        access.can_change(actor, case), "Only the lead agency's officers can change this case."
    )
    unknown = set(changes) - CASE_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in unknown})
    case = _lock(case, expected_version)
    changes = _with_review_date(case, changes)
    changed = {f: str(v) for f, v in changes.items() if getattr(case, f) != v}
    for field, value in changes.items():
        setattr(case, field, value)
    if changed:
        _bump(case, actor)
        event_record(case=case, kind=CaseEvent.Kind.UPDATED, actor=actor, fields=sorted(changed))
    return case


def _with_review_date(case: Case, changes: dict[str, Any]) -> dict[str, Any]:
    """A review date set by hand stands; a blank one, or a change of risk without a new
    date, takes the date the risk calls for (a new risk only ever brings it forward)."""
    risk = changes.get("risk_level", case.risk_level)
    given = changes.get("next_review_on", case.next_review_on)
    if "next_review_on" in changes and given is None:
        return {**changes, "next_review_on": reviews.review_date_for(risk)}
    if risk != case.risk_level and given == case.next_review_on:
        return {**changes, "next_review_on": reviews.review_date_after_risk_change(risk, given)}
    return changes


@transaction.atomic
def case_transition(
    *, actor, case: Case, to_status: str, reason: str = "", expected_version: int | None = None
) -> Case:
    """Move the case along its workflow; an illegal move is refused with a message."""
    access.ensure(
        access.can_change(actor, case), "Only the lead agency's officers can change the status."
    )
    case = _lock(case, expected_version)
    if to_status not in CaseStatus.values:
        raise ValidationError({"status": f"'{to_status}' is not a case status."})
    if not case.can_move_to(to_status):
        raise ValidationError(
            {
                "status": f"A {case.get_status_display().lower()} case cannot move to "
                f"{CaseStatus(to_status).label.lower()}."
            }
        )
    if to_status == CaseStatus.CLOSED and not reason.strip():
        raise ValidationError({"reason": "Give the reason for closing the case."})
    from_status = case.status
    now = timezone.now()
    case.status = to_status
    if to_status == CaseStatus.CLOSED:
        case.closed_at, case.closure_reason = now, reason
    elif from_status == CaseStatus.CLOSED:
        case.closed_at, case.closure_reason = None, ""
    if to_status == CaseStatus.OPEN and case.opened_at is None:
        case.opened_at = now
    _bump(case, actor)
    event_record(
        case=case,
        kind=CaseEvent.Kind.TRANSITIONED,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    hooks.case_transitioned(case=case, from_status=from_status, to_status=to_status, actor=actor)
    return case


@transaction.atomic
def case_reassign(*, actor, case: Case, lead_officer, expected_version: int | None = None) -> Case:
    """Managers move a case to another officer of the lead agency."""
    access.ensure(access.can_reassign(actor, case), "Only the lead agency's manager can reassign.")
    case = _lock(case, expected_version)
    _check_lead_officer(lead_officer, case.lead_agency)
    previous = case.lead_officer_id
    case.lead_officer = lead_officer
    _bump(case, actor)
    if case.is_restricted and lead_officer is not None:
        assign_perm(access.RESTRICTED_PERMISSION, lead_officer, case)
    event_record(
        case=case,
        kind=CaseEvent.Kind.REASSIGNED,
        actor=actor,
        from_officer=previous,
        to_officer=getattr(lead_officer, "pk", None),
    )
    return case


@transaction.atomic
def case_restrict(*, actor, case: Case, restricted: bool, reason: str) -> Case:
    """Restrict a case to named people (the actor and lead officer keep access), or lift it."""
    access.ensure(
        access.can_grant_access(actor, case),
        "Only the lead agency's manager or lead officer can restrict a case.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for changing the restriction."})
    case = _lock(case, None)
    if restricted:
        for person in {actor, case.lead_officer} - {None}:
            assign_perm(access.RESTRICTED_PERMISSION, person, case)
    case.is_restricted = restricted
    _bump(case, actor)
    event_record(
        case=case, kind=CaseEvent.Kind.RESTRICTED, actor=actor, restricted=restricted, reason=reason
    )
    return case


@transaction.atomic
def case_grant_access(*, actor, case: Case, user, reason: str) -> None:
    """Name a person who may open this restricted case."""
    access.ensure(
        access.can_grant_access(actor, case),
        "Only the lead agency's manager or lead officer can grant access.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for granting access."})
    if membership_of(user) is None:
        raise ValidationError({"user": "Access can only be granted to active staff."})
    assign_perm(access.RESTRICTED_PERMISSION, user, case)
    event_record(
        case=case, kind=CaseEvent.Kind.ACCESS_GRANTED, actor=actor, user=user.pk, reason=reason
    )


@transaction.atomic
def case_revoke_access(*, actor, case: Case, user, reason: str = "") -> None:
    access.ensure(
        access.can_grant_access(actor, case),
        "Only the lead agency's manager or lead officer can revoke access.",
    )
    access.ensure(
        not (user.pk == actor.pk and case.is_restricted),
        "You cannot remove your own access to a restricted case.",
    )
    remove_perm(access.RESTRICTED_PERMISSION, user, case)
    event_record(
        case=case, kind=CaseEvent.Kind.ACCESS_REVOKED, actor=actor, user=user.pk, reason=reason
    )


# --- Sharing -------------------------------------------------------------------------


@transaction.atomic
def case_share(
    *,
    actor,
    case: Case,
    agency: Agency,
    reason: str,
    lawful_basis: str,
    agreement: InformationSharingAgreement | None = None,
    statutory_basis: str = "",
) -> CaseShare:
    """Share the case with a further agency, recording why and on what lawful basis."""
    access.ensure(
        access.can_change(actor, case), "Only the lead agency's officers can share this case."
    )
    if agency.pk == case.lead_agency_id:
        raise ValidationError({"agency": "The lead agency always sees its own cases."})
    current = case.shares.filter(agency=agency, revoked_at__isnull=True).first()
    if current is not None and current.has_lapsed:
        raise ValidationError(
            {"agency": f"The share with {agency.name} lapsed with its agreement: renew it."}
        )
    if current is not None:
        raise ValidationError({"agency": f"The case is already shared with {agency.name}."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case is being shared."})
    if agreement is not None and not agreement.is_in_force(timezone.localdate()):
        raise ValidationError({"agreement": "That agreement is not in force today."})
    share = CaseShare(
        case=case,
        agency=agency,
        reason=reason,
        lawful_basis=lawful_basis,
        agreement=agreement if lawful_basis == LawfulBasis.AGREEMENT else None,
        statutory_basis=statutory_basis if lawful_basis == LawfulBasis.STATUTORY else "",
        shared_by=actor,
        lapses_on=agreement.ends_on
        if agreement and lawful_basis == LawfulBasis.AGREEMENT
        else None,
    )
    _save(share, actor)
    event_record(
        case=case,
        kind=CaseEvent.Kind.SHARED,
        actor=actor,
        agency=agency.slug,
        lawful_basis=lawful_basis,
        reason=reason,
    )
    return share


@transaction.atomic
def share_renew(
    *, actor, share: CaseShare, agreement: InformationSharingAgreement, reason: str = ""
) -> CaseShare:
    """Carry a share over to a new agreement in force today, before or after the old one
    ends; the share's history and the case's events record the change."""
    case = share.case
    access.ensure(
        access.can_change(actor, case), "Only the lead agency's officers can renew a share."
    )
    if not share.is_active:
        raise ValidationError("This share was revoked: share the case again instead.")
    if not agreement.is_in_force(timezone.localdate()):
        raise ValidationError({"agreement": "That agreement is not in force today."})
    previous = share.agreement
    share.lawful_basis, share.agreement = LawfulBasis.AGREEMENT, agreement
    share.statutory_basis, share.lapses_on = "", agreement.ends_on
    share._change_reason = reason.strip() or f"Renewed under {agreement.reference}"
    _save(share, actor)
    event_record(
        case=case,
        kind=CaseEvent.Kind.SHARED,
        actor=actor,
        agency=share.agency.slug,
        lawful_basis=LawfulBasis.AGREEMENT,
        renewed_from=previous.reference if previous else "",
        agreement=agreement.reference,
    )
    return share


def shares_agreement_dates_changed(agreement: InformationSharingAgreement) -> int:
    """Keep the active shares made under ``agreement`` lapsing with it."""
    return CaseShare.objects.filter(agreement=agreement, revoked_at__isnull=True).update(
        lapses_on=agreement.ends_on
    )


@transaction.atomic
def case_share_revoke(*, actor, share: CaseShare, reason: str) -> CaseShare:
    access.ensure(
        access.can_change(actor, share.case), "Only the lead agency's officers can revoke a share."
    )
    if not share.is_active:
        raise ValidationError("This share has already been revoked.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the share is being revoked."})
    share.revoked_at, share.revoked_by, share.revoke_reason = timezone.now(), actor, reason
    _save(share, actor)
    event_record(
        case=share.case,
        kind=CaseEvent.Kind.SHARE_REVOKED,
        actor=actor,
        agency=share.agency.slug,
        reason=reason,
    )
    return share


# --- Cases reported by the public -------------------------------------------------------


@transaction.atomic
def case_receive(
    *,
    lead_agency: Agency,
    summary: str,
    channel: str,
    address: str = "",
    reported_at: datetime | None = None,
    reporter: dict[str, Any] | None = None,
    reporter_is_victim: bool = False,
) -> Case:
    """Log a case that a member of the public reported through ``channel``.

    No staff member acts: the case starts as new, of type "other", led by the
    agency that runs triage, with the reporter (unless anonymous) as a new
    person. A public report is never merged into an existing person record;
    triage links it to one if it is the same person. A reporter who is the
    victim gets their contact plan and its deadlines now, as any victim does.
    """
    now = timezone.now()
    year = timezone.localdate(now).year
    case = Case(
        reference=reference_format(year, reference_allocate(year=year)),
        case_type=CaseType.OTHER,
        status=CaseStatus.NEW,
        summary=summary,
        address=address,
        lead_agency=lead_agency,
        reported_at=reported_at or now,
    )
    _save(case, None)
    event_record(
        case=case, kind=CaseEvent.Kind.OPENED, actor=None, status=CaseStatus.NEW, channel=channel
    )
    if reporter is not None:
        person = Person(**reporter)
        _save(person, None)
        roles = [ParticipantRole.REPORTER] + (
            [ParticipantRole.VICTIM] if reporter_is_victim else []
        )
        for role in roles:
            participant = CaseParticipant(case=case, person=person, role=role)
            participant.full_clean(exclude=["added_by"])  # added by the public, not staff
            participant.save()
            event_record(
                case=case, kind=CaseEvent.Kind.PERSON_ADDED, actor=None, person=person.pk, role=role
            )
            hooks.participant_added(participant=participant, actor=None)
    return case


@transaction.atomic
def case_triage(
    *,
    actor,
    case: Case,
    case_type: str,
    risk_level: str,
    lead_agency: Agency,
    lead_officer=None,
    detail: dict[str, Any] | None = None,
) -> Case:
    """Accept a new case from triage: set its type, risk and owner; it becomes triaged.

    The lead agency may change here (a hand-over from the triage desk); the
    type-specific detail, where given, is created when the type changes.
    """
    access.ensure(
        access.can_change(actor, case), "Only the lead agency's officers can triage this case."
    )
    case = _lock(case, None)
    if case.status != CaseStatus.NEW:
        raise ValidationError({"status": "Only a new case can be triaged."})
    _check_lead_officer(lead_officer, lead_agency)
    previous = {"case_type": case.case_type, "lead_agency": case.lead_agency_id}
    case.case_type, case.risk_level = case_type, risk_level
    case.next_review_on = reviews.review_date_after_risk_change(risk_level, case.next_review_on)
    case.lead_agency, case.lead_officer = lead_agency, lead_officer
    case.status = CaseStatus.TRIAGED
    _bump(case, actor)
    if case_type != previous["case_type"] and detail:
        kind_of(case_type).create_detail(case=case, actor=actor, detail=dict(detail or {}))
    event_record(
        case=case,
        kind=CaseEvent.Kind.TRANSITIONED,
        actor=actor,
        from_status=CaseStatus.NEW,
        to_status=CaseStatus.TRIAGED,
        case_type=case_type,
        risk_level=risk_level,
        from_agency=previous["lead_agency"],
        to_agency=lead_agency.pk,
        lead_officer=getattr(lead_officer, "pk", None),
    )
    return case


# --- Type-specific detail ------------------------------------------------------------


def _require_type(case: Case, case_type: str) -> None:
    if case.case_type != case_type:
        raise ValidationError(f"This is not a {CaseType(case_type).label.lower()} case.")


@transaction.atomic
def asb_risk_assess(*, actor, case: Case, answers: dict[str, bool]) -> AsbRiskAssessment:
    """Score the victim questionnaire; the latest result sets the victim's risk."""
    access.ensure(access.can_contribute(actor, case), "Your role cannot assess risk on this case.")
    _require_type(case, CaseType.ASB)
    score, level = score_answers(answers)
    assessment = AsbRiskAssessment.objects.create(
        case=case, answers=answers, score=score, level=level, assessed_by=actor
    )
    detail = case.asb
    detail.victim_risk = level
    _save(detail, actor)
    event_record(
        case=case, kind=CaseEvent.Kind.RISK_ASSESSED, actor=actor, score=score, level=level
    )
    return assessment


@transaction.atomic
def missing_person_grade(*, actor, case: Case, grade: str, rationale: str) -> MissingPersonDetail:
    """Regrade a missing person; every grading needs its rationale."""
    access.ensure(access.can_change(actor, case), "Only the lead agency can regrade.")
    _require_type(case, CaseType.MISSING_PERSON)
    detail = case.missing_person
    detail.risk_grade, detail.grade_rationale = grade, rationale
    detail.graded_by, detail.graded_at = actor, timezone.now()
    _save(detail, actor)
    event_record(case=case, kind=CaseEvent.Kind.GRADED, actor=actor, grade=grade)
    return detail


@transaction.atomic
def missing_person_information_record(
    *, actor, case: Case, information: str, supplied_by: str, supplied_at: datetime
) -> MissingPersonInformation:
    access.ensure(
        access.can_contribute(actor, case), "Your role cannot add information to this case."
    )
    _require_type(case, CaseType.MISSING_PERSON)
    item = MissingPersonInformation(
        case=case,
        information=information,
        supplied_by=supplied_by,
        supplied_at=supplied_at,
        recorded_by=actor,
    )
    item.full_clean()
    item.save()
    event_record(case=case, kind=CaseEvent.Kind.INFORMATION_RECORDED, actor=actor)
    return item


@transaction.atomic
def missing_person_returned(*, actor, case: Case, returned_at: datetime) -> MissingPersonDetail:
    """Record the return; a child is owed a return home interview within 72 hours."""
    access.ensure(access.can_change(actor, case), "Only the lead agency can record a return.")
    _require_type(case, CaseType.MISSING_PERSON)
    detail = case.missing_person
    detail.returned_at = returned_at
    detail.return_interview_due_at = (
        returned_at + RETURN_HOME_INTERVIEW_WITHIN if detail.is_child else None
    )
    _save(detail, actor)
    event_record(case=case, kind=CaseEvent.Kind.RETURNED, actor=actor, at=returned_at.isoformat())
    return detail


@transaction.atomic
def return_interview_record(*, actor, case: Case, done_at: datetime) -> MissingPersonDetail:
    access.ensure(access.can_contribute(actor, case), "Your role cannot record the interview.")
    _require_type(case, CaseType.MISSING_PERSON)
    detail = case.missing_person
    if detail.returned_at is None:
        raise ValidationError("The person has not been recorded as returned.")
    detail.return_interview_done_at = done_at
    _save(detail, actor)
    event_record(case=case, kind=CaseEvent.Kind.RETURN_INTERVIEW_DONE, actor=actor)
    return detail


@transaction.atomic
def family_needs_set(*, actor, case: Case, needs: list[str]) -> TroubledFamilyDetail:
    access.ensure(
        access.can_change(actor, case), "Only the lead agency can change the family's needs."
    )
    _require_type(case, CaseType.TROUBLED_FAMILY)
    detail = case.troubled_family
    detail.needs = sorted(set(needs))
    _save(detail, actor)
    event_record(case=case, kind=CaseEvent.Kind.DETAIL_UPDATED, actor=actor, needs=detail.needs)
    return detail


# --- People --------------------------------------------------------------------------


def _same_person(given_name: str, family_name: str, date_of_birth: date | None, postcode: str):
    matches = Person.objects.filter(
        given_name__iexact=given_name.strip(), family_name__iexact=family_name.strip()
    )
    if date_of_birth:
        return matches.filter(date_of_birth=date_of_birth).first()
    if postcode:
        return matches.filter(postcode__iexact=postcode.strip()).first()
    return None


@transaction.atomic
def person_find_or_create(
    *, actor, given_name: str, family_name: str, date_of_birth: date | None = None, **details: Any
) -> tuple[Person, bool]:
    """The person already on the index (same name and date of birth, or same name
    and postcode), or a new one: so one person is not entered twice."""
    access.ensure(can_work_cases(actor), "Your role cannot add people.")
    existing = _same_person(given_name, family_name, date_of_birth, details.get("postcode", ""))
    if existing is not None:
        return existing, False
    person = Person(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        **details,
    )
    _save(person, actor)
    return person, True


# --- Vulnerability flags ------------------------------------------------------------------


def _ensure_may_flag(actor, person: Person) -> None:
    from .selectors import can_record_vulnerabilities

    access.ensure(
        can_record_vulnerabilities(actor, person),
        "Only staff working one of this person's cases can record their vulnerabilities.",
    )


@transaction.atomic
def vulnerability_flag_add(
    *,
    actor,
    person: Person,
    kind: str,
    justification: str,
    noted_on: date | None = None,
    review_by: date | None = None,
) -> VulnerabilityFlag:
    """Record a vulnerability, with why and from when; it stands until ended, and is
    listed for review after ``review_by`` (by default some months on). A victim on an
    open case gains enhanced rights under the Victims' Code."""
    from dateutil.relativedelta import relativedelta
    from django.conf import settings

    _ensure_may_flag(actor, person)
    if person.vulnerability_flags.filter(kind=kind, ended_on__isnull=True).exists():
        raise ValidationError(
            {"kind": "This vulnerability is already recorded; review it instead."}
        )
    noted_on = noted_on or timezone.localdate()
    if noted_on > timezone.localdate():
        raise ValidationError({"noted_on": "The date it was identified cannot be in the future."})
    flag = VulnerabilityFlag(
        person=person,
        kind=kind,
        justification=justification.strip(),
        noted_on=noted_on,
        review_by=review_by
        or noted_on + relativedelta(months=settings.VULNERABILITY_REVIEW_MONTHS),
        recorded_by=actor,
    )
    _save(flag, actor)
    hooks.vulnerability_recorded(person=person, actor=actor)
    return flag


@transaction.atomic
def vulnerability_flag_review(
    *, actor, flag: VulnerabilityFlag, review_by: date, note: str = ""
) -> VulnerabilityFlag:
    """Confirm a flag still applies: a new review date, and what was found (kept on the
    flag's history row)."""
    _ensure_may_flag(actor, flag.person)
    _ensure_open(flag)
    if review_by <= timezone.localdate():
        raise ValidationError({"review_by": "The next review date must be in the future."})
    flag.review_by = review_by
    flag._change_reason = f"Reviewed: {note.strip()}" if note.strip() else "Reviewed"
    _save(flag, actor)
    return flag


@transaction.atomic
def vulnerability_flag_end(*, actor, flag: VulnerabilityFlag, reason: str) -> VulnerabilityFlag:
    """The vulnerability no longer applies. The flag and its history stay on record."""
    _ensure_may_flag(actor, flag.person)
    _ensure_open(flag)
    flag.ended_on, flag.ended_by, flag.end_reason = timezone.localdate(), actor, reason.strip()
    _save(flag, actor)
    return flag


def _ensure_open(flag: VulnerabilityFlag) -> None:
    if not flag.is_open:
        raise ValidationError(f"This flag was ended on {flag.ended_on:%d %B %Y}.")


@transaction.atomic
def participant_add(*, actor, case: Case, person: Person, role: str) -> CaseParticipant:
    access.ensure(access.can_contribute(actor, case), "Your role cannot add people to this case.")
    if CaseParticipant.objects.filter(case=case, person=person, role=role).exists():
        raise ValidationError(
            {"role": f"{person} is already recorded with that part in this case."}
        )
    participant = CaseParticipant(case=case, person=person, role=role, added_by=actor)
    _save(participant, actor)
    event_record(
        case=case, kind=CaseEvent.Kind.PERSON_ADDED, actor=actor, person=person.pk, role=role
    )
    hooks.participant_added(participant=participant, actor=actor)
    return participant


@transaction.atomic
def participant_remove(*, actor, participant: CaseParticipant, reason: str) -> None:
    case = participant.case
    access.ensure(
        access.can_change(actor, case), "Only the lead agency can remove people from a case."
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why this person is being removed from the case."})
    participant._history_user = actor
    participant.delete()
    event_record(
        case=case,
        kind=CaseEvent.Kind.PERSON_REMOVED,
        actor=actor,
        person=participant.person_id,
        role=participant.role,
        reason=reason,
    )
    hooks.participant_removed(participant=participant)


# --- Timeline and actions --------------------------------------------------------------


@transaction.atomic
def entry_add(
    *,
    actor,
    case: Case,
    body: str,
    kind: str = EntryKind.NOTE,
    sensitivity: str = Sensitivity.STANDARD,
) -> TimelineEntry:
    """Append a note, contact or decision. Authors may only mark what they may read."""
    access.ensure(
        access.can_contribute(actor, case), "Your role can read this case but not add to it."
    )
    if sensitivity not in access.readable_sensitivities(actor):
        raise ValidationError(
            {"sensitivity": "You can only record entries at a sensitivity you are cleared to read."}
        )
    entry = TimelineEntry(
        case=case,
        kind=kind,
        body=body,
        sensitivity=sensitivity,
        author=actor,
        author_agency=membership_of(actor).agency,
    )
    entry.full_clean()
    entry.save()
    event_record(case=case, kind=CaseEvent.Kind.ENTRY_ADDED, actor=actor, entry=entry.pk)
    return entry


@transaction.atomic
def entry_amend(*, actor, entry: TimelineEntry, body: str) -> TimelineEntry:
    """Correct an entry by appending a new one that amends it; the original stays."""
    case = entry.case
    access.ensure(access.can_read_entry(actor, entry), "You cannot amend an entry you cannot read.")
    access.ensure(
        access.can_contribute(actor, case), "Your role can read this case but not add to it."
    )
    amendment = TimelineEntry(
        case=case,
        kind=entry.kind,
        body=body,
        sensitivity=entry.sensitivity,
        author=actor,
        author_agency=membership_of(actor).agency,
        amends=entry,
    )
    amendment.full_clean()
    amendment.save()
    event_record(
        case=case,
        kind=CaseEvent.Kind.ENTRY_AMENDED,
        actor=actor,
        entry=amendment.pk,
        amends=entry.pk,
    )
    return amendment


@transaction.atomic
def action_add(
    *,
    actor,
    case: Case,
    description: str,
    assigned_agency: Agency,
    due_on: date,
    assigned_to=None,
) -> Action:
    access.ensure(
        access.can_contribute(actor, case), "Your role can read this case but not add actions."
    )
    if not access.agency_holds(assigned_agency.pk, case):
        raise ValidationError(
            {
                "assigned_agency": f"{assigned_agency.name} does not hold {case.reference}, so "
                "its staff could see neither the case nor the action. Share the case with "
                "them first, or choose an agency that holds it."
            }
        )
    if assigned_to is not None:
        membership = membership_of(assigned_to)
        if membership is None or membership.agency_id != assigned_agency.pk:
            raise ValidationError({"assigned_to": "Assign the action to someone in that agency."})
    action = Action(
        case=case,
        description=description,
        assigned_agency=assigned_agency,
        assigned_to=assigned_to,
        due_on=due_on,
        created_by=actor,
    )
    _save(action, actor)
    event_record(case=case, kind=CaseEvent.Kind.ACTION_ADDED, actor=actor, action=action.pk)
    return action


@transaction.atomic
def action_complete(*, actor, action: Action, outcome: str) -> Action:
    case = action.case
    access.ensure(access.can_contribute(actor, case), "Your role cannot complete actions.")
    if action.is_done:
        raise ValidationError("This action is already complete.")
    if not outcome.strip():
        raise ValidationError({"outcome": "Record the outcome of the action."})
    action.completed_at, action.completed_by, action.outcome = timezone.now(), actor, outcome
    _save(action, actor)
    event_record(case=case, kind=CaseEvent.Kind.ACTION_COMPLETED, actor=actor, action=action.pk)
    return action


# --- Break-glass access ------------------------------------------------------------------


def _break_glass_window(emergency: bool) -> timedelta:
    from django.conf import settings

    hours = (
        settings.BREAK_GLASS_EMERGENCY_HOURS if emergency else settings.BREAK_GLASS_APPROVED_HOURS
    )
    return timedelta(hours=hours)


@transaction.atomic
def break_glass_request(
    *, actor, case: Case, reason: str, emergency: bool = False
) -> BreakGlassRequest:
    """Ask for access to a case the actor cannot see; an emergency grants it at once.

    The requester learns only that the record exists and which agencies hold it.
    """
    access.ensure(membership_of(actor) is not None, "Only staff can ask for access.")
    if access.can_view(actor, case):
        raise ValidationError("You can already open this case.")
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Explain why you need access (at least 10 characters)."})
    now = timezone.now()
    request = BreakGlassRequest(case=case, requester=actor, reason=reason.strip())
    if emergency:
        request.status = BreakGlassRequest.Status.EMERGENCY
        request.access_until = now + _break_glass_window(emergency=True)
    _save(request, actor)
    event_record(
        case=case,
        kind=CaseEvent.Kind.BREAK_GLASS,
        actor=actor,
        request=request.pk,
        status=request.status,
        reason=request.reason,
    )
    hooks.break_glass_requested(request=request)
    return request


@transaction.atomic
def break_glass_decide(
    *, actor, request: BreakGlassRequest, approve: bool, reason: str = ""
) -> BreakGlassRequest:
    """The lead agency's manager approves (time-limited) or refuses a pending request."""
    access.ensure(
        access.can_decide_break_glass(actor, request.case),
        "Only the lead agency's manager can decide access requests.",
    )
    if request.status != BreakGlassRequest.Status.PENDING:
        raise ValidationError("This request has already been decided.")
    if not approve and not reason.strip():
        raise ValidationError({"reason": "Say why the request is refused."})
    now = timezone.now()
    request.status = (
        BreakGlassRequest.Status.APPROVED if approve else BreakGlassRequest.Status.REFUSED
    )
    request.access_until = now + _break_glass_window(emergency=False) if approve else None
    request.decided_by, request.decided_at, request.decision_reason = actor, now, reason
    _save(request, actor)
    event_record(
        case=request.case,
        kind=CaseEvent.Kind.BREAK_GLASS,
        actor=actor,
        request=request.pk,
        status=request.status,
        reason=reason,
    )
    return request


@transaction.atomic
def break_glass_review(
    *, actor, request: BreakGlassRequest, revoke: bool, reason: str = ""
) -> BreakGlassRequest:
    """The lead agency's manager reviews an emergency override, and may end it now."""
    access.ensure(
        access.can_decide_break_glass(actor, request.case),
        "Only the lead agency's manager can review an override.",
    )
    if request.status != BreakGlassRequest.Status.EMERGENCY or request.reviewed_at:
        raise ValidationError("Only an unreviewed emergency override can be reviewed.")
    now = timezone.now()
    request.reviewed_at, request.decided_by, request.decision_reason = now, actor, reason
    if revoke:
        request.access_until = min(request.access_until, now)
    _save(request, actor)
    event_record(
        case=request.case,
        kind=CaseEvent.Kind.BREAK_GLASS,
        actor=actor,
        request=request.pk,
        reviewed=True,
        revoked=revoke,
        reason=reason,
    )
    return request


# --- Referral to another lead agency ---------------------------------------------------

REFERRABLE_STATUSES = frozenset({CaseStatus.TRIAGED, CaseStatus.OPEN, CaseStatus.UNDER_REVIEW})


def referral_answer_due(proposed_at: datetime) -> datetime:
    return add_working_hours(proposed_at, settings.ICST_REFERRAL_ANSWER_WORKING_HOURS)


@transaction.atomic
def referral_propose(
    *,
    actor,
    case: Case,
    agency: Agency,
    reason: str,
    lawful_basis: str,
    agreement: InformationSharingAgreement | None = None,
    statutory_basis: str = "",
) -> CaseReferral:
    """The lead agency proposes handing the case to ``agency``, which sees it meanwhile."""
    access.ensure(
        access.can_change(actor, case), "Only the lead agency's officers can refer this case."
    )
    case = _lock(case, None)
    if case.status not in REFERRABLE_STATUSES:
        raise ValidationError(
            {"status": "Only a case past triage and not closed can be referred to another agency."}
        )
    if case.is_restricted:
        raise ValidationError(
            "A restricted case is seen only by named people: lift the restriction before "
            "referring it."
        )
    if case.referrals.filter(status=CaseReferral.Status.PENDING).exists():
        raise ValidationError("This case already has a referral waiting for an answer.")
    if agency.pk == case.lead_agency_id:
        raise ValidationError({"agency": "The case is already led by that agency."})
    if not agency.is_active:
        raise ValidationError({"agency": f"{agency.name} no longer takes cases."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case should move to that agency."})
    share = None
    if not access.agency_holds(agency.pk, case):
        share = case_share(
            actor=actor,
            case=case,
            agency=agency,
            reason=f"Referred for handover: {reason}",
            lawful_basis=lawful_basis,
            agreement=agreement,
            statutory_basis=statutory_basis,
        )
    now = timezone.now()
    referral = CaseReferral(
        case=case,
        from_agency=case.lead_agency,
        to_agency=agency,
        reason=reason,
        lawful_basis=lawful_basis,
        agreement=agreement if lawful_basis == LawfulBasis.AGREEMENT else None,
        statutory_basis=statutory_basis if lawful_basis == LawfulBasis.STATUTORY else "",
        proposed_by=actor,
        answer_due_at=referral_answer_due(now),
        share=share,
    )
    _save(referral, actor)
    event_record(
        case=case,
        kind=CaseEvent.Kind.REFERRED,
        actor=actor,
        referral=referral.pk,
        from_agency=case.lead_agency.slug,
        to_agency=agency.slug,
        reason=reason,
    )
    return referral


def _pending(referral: CaseReferral) -> CaseReferral:
    current = CaseReferral.objects.select_for_update().get(pk=referral.pk)
    if not current.is_pending:
        raise ValidationError(f"This referral was already {current.get_status_display().lower()}.")
    return current


def _end_referral_share(referral: CaseReferral, actor, reason: str) -> None:
    share = referral.share
    if share is not None and share.is_active:
        share.revoked_at, share.revoked_by, share.revoke_reason = timezone.now(), actor, reason
        _save(share, actor)


@transaction.atomic
def referral_accept(*, actor, referral: CaseReferral, lead_officer=None) -> CaseReferral:
    """The receiving agency takes the case: it leads from now, and the agency that
    referred it keeps a share on the referral's lawful basis."""
    access.ensure(
        access.can_answer_referral(actor, referral),
        "Only the receiving agency's officers can accept this referral.",
    )
    referral = _pending(referral)
    case = _lock(referral.case, None)
    new_lead = referral.to_agency
    lead_officer = lead_officer or actor
    _check_lead_officer(lead_officer, new_lead)
    previous_agency, previous_officer = case.lead_agency, case.lead_officer_id
    for share in case.shares.filter(agency=new_lead, revoked_at__isnull=True):
        share.revoked_at, share.revoked_by = timezone.now(), actor
        share.revoke_reason = "Now the lead agency, after accepting a referral."
        _save(share, actor)
    case.lead_agency, case.lead_officer = new_lead, lead_officer
    _bump(case, actor)
    kept = CaseShare(
        case=case,
        agency=previous_agency,
        reason=f"Led the case until it was referred to {new_lead.name}.",
        lawful_basis=referral.lawful_basis,
        agreement=referral.agreement,
        statutory_basis=referral.statutory_basis,
        shared_by=actor,
        lapses_on=referral.agreement.ends_on if referral.agreement else None,
    )
    _save(kept, actor)
    referral.status, referral.answered_by, referral.answered_at = (
        CaseReferral.Status.ACCEPTED,
        actor,
        timezone.now(),
    )
    referral.lead_officer = lead_officer
    _save(referral, actor)
    event_record(
        case=case,
        kind=CaseEvent.Kind.REFERRAL_ACCEPTED,
        actor=actor,
        referral=referral.pk,
        from_agency=previous_agency.slug,
        to_agency=new_lead.slug,
        from_officer=previous_officer,
        to_officer=lead_officer.pk,
    )
    return referral


@transaction.atomic
def referral_decline(*, actor, referral: CaseReferral, reason: str) -> CaseReferral:
    """The receiving agency says no, and why; the case stays with its lead agency."""
    access.ensure(
        access.can_answer_referral(actor, referral),
        "Only the receiving agency's officers can decline this referral.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is declined."})
    referral = _pending(referral)
    referral.status, referral.decline_reason = CaseReferral.Status.DECLINED, reason
    referral.answered_by, referral.answered_at = actor, timezone.now()
    _save(referral, actor)
    _end_referral_share(referral, actor, f"Referral declined: {reason}")
    event_record(
        case=referral.case,
        kind=CaseEvent.Kind.REFERRAL_DECLINED,
        actor=actor,
        referral=referral.pk,
        to_agency=referral.to_agency.slug,
        reason=reason,
    )
    return referral


@transaction.atomic
def referral_withdraw(*, actor, referral: CaseReferral, reason: str) -> CaseReferral:
    """The referring agency takes its proposal back before it is answered."""
    access.ensure(
        access.can_change(actor, referral.case),
        "Only the lead agency's officers can withdraw this referral.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the referral is withdrawn."})
    referral = _pending(referral)
    referral.status = CaseReferral.Status.WITHDRAWN
    referral.answered_by, referral.answered_at = actor, timezone.now()
    referral._change_reason = reason
    _save(referral, actor)
    _end_referral_share(referral, actor, f"Referral withdrawn: {reason}")
    event_record(
        case=referral.case,
        kind=CaseEvent.Kind.REFERRAL_WITHDRAWN,
        actor=actor,
        referral=referral.pk,
        to_agency=referral.to_agency.slug,
        reason=reason,
    )
    return referral
