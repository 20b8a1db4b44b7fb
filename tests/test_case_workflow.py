"""Opening cases, moving them through the workflow, and the type-specific rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework import services
from casework.errors import StaleCaseError
from casework.models import (
    Case,
    CaseEvent,
    CaseStatus,
    CaseType,
    MissingPersonGrade,
    RcrpThreshold,
)


def open_case(actor, case_type=CaseType.OTHER, **kwargs):
    return services.case_open(actor=actor, case_type=case_type, summary="A concern.", **kwargs)


def test_a_case_gets_a_yearly_human_reference_and_is_led_by_the_openers_agency(cast):
    first, second = open_case(cast.owner), open_case(cast.council_officer)
    year = timezone.localdate().year
    assert first.reference == f"ICST-{year}-00001"
    assert second.reference == f"ICST-{year}-00002"
    assert first.lead_agency == cast.police
    assert second.lead_agency == cast.council
    assert first.events.get().kind == CaseEvent.Kind.OPENED


@pytest.mark.parametrize("who", ["police_partner", "council_partner", "admin"])
def test_partners_and_administrators_cannot_log_cases(cast, who):
    with pytest.raises(PermissionDenied):
        open_case(getattr(cast, who))
    assert not Case.objects.exists()


def test_the_lead_officer_must_work_for_the_lead_agency(cast):
    with pytest.raises(ValidationError, match="lead officer"):
        open_case(cast.owner, lead_officer=cast.council_officer)


LEGAL = [
    ("new", "triaged"),
    ("new", "closed"),
    ("triaged", "open"),
    ("open", "under_review"),
    ("under_review", "open"),
    ("under_review", "closed"),
    ("open", "closed"),
    ("closed", "open"),
]


@pytest.mark.parametrize(("start", "end"), LEGAL)
def test_legal_transitions_are_made_and_recorded(cast, start, end):
    case = open_case(cast.owner, status="open" if start != "new" else "new")
    case.status = start
    case.closed_at = timezone.now() if start == "closed" else None
    case.save()
    moved = services.case_transition(actor=cast.owner, case=case, to_status=end, reason="Done.")
    assert moved.status == end
    assert moved.version == case.version + 1
    event = moved.events.filter(kind=CaseEvent.Kind.TRANSITIONED).get()
    assert event.data["from_status"] == start and event.data["to_status"] == end


@pytest.mark.parametrize(
    ("start", "end"),
    [("new", "open"), ("new", "under_review"), ("triaged", "under_review"), ("closed", "new")],
)
def test_illegal_transitions_are_refused_with_a_clear_message(cast, start, end):
    case = open_case(cast.owner)
    Case.objects.filter(pk=case.pk).update(
        status=start, closed_at=timezone.now() if start == "closed" else None
    )
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot move to"):
        services.case_transition(actor=cast.owner, case=case, to_status=end, reason="x")
    case.refresh_from_db()
    assert case.status == start


def test_closing_needs_a_reason_and_reopening_clears_it(cast, case):
    with pytest.raises(ValidationError, match="reason"):
        services.case_transition(actor=cast.owner, case=case, to_status=CaseStatus.CLOSED)
    closed = services.case_transition(
        actor=cast.owner, case=case, to_status=CaseStatus.CLOSED, reason="Resolved."
    )
    assert closed.closed_at is not None
    reopened = services.case_transition(actor=cast.owner, case=closed, to_status=CaseStatus.OPEN)
    assert reopened.closed_at is None and reopened.closure_reason == ""


def test_a_partner_agency_cannot_move_the_case(cast, case):
    with pytest.raises(PermissionDenied):
        services.case_transition(actor=cast.council_officer, case=case, to_status="under_review")


# --- Optimistic locking --------------------------------------------------------------


def test_a_stale_update_is_refused_and_the_first_change_is_kept(cast, case):
    read_by_owner = Case.objects.get(pk=case.pk)
    read_by_colleague = Case.objects.get(pk=case.pk)
    services.case_update(
        actor=cast.owner,
        case=read_by_owner,
        expected_version=read_by_owner.version,
        summary="Owner's update.",
    )
    with pytest.raises(StaleCaseError) as conflict:
        services.case_update(
            actor=cast.colleague,
            case=read_by_colleague,
            expected_version=read_by_colleague.version,
            summary="Colleague's update.",
        )
    assert "changed by someone else" in str(conflict.value)
    assert conflict.value.current.summary == "Owner's update."
    case.refresh_from_db()
    assert case.summary == "Owner's update."
    assert case.version == read_by_owner.version + 1


def test_fields_outside_the_editable_set_cannot_be_changed(cast, case):
    with pytest.raises(ValidationError):
        services.case_update(
            actor=cast.owner, case=case, expected_version=case.version, lead_agency=cast.fire
        )


# --- Type-specific rules ---------------------------------------------------------------


def test_a_missing_person_grading_needs_a_rationale(cast):
    detail = {
        "risk_grade": MissingPersonGrade.HIGH,
        "grade_rationale": "  ",
        "last_seen_at": timezone.now() - timedelta(hours=3),
        "last_seen_place": "Bus station",
    }
    with pytest.raises(ValidationError, match="rationale"):
        open_case(cast.owner, CaseType.MISSING_PERSON, detail=detail)
    assert not Case.objects.exists()  # the whole opening rolled back


def test_regrading_records_who_and_requires_the_reason(cast):
    case = open_case(
        cast.owner,
        CaseType.MISSING_PERSON,
        detail={
            "risk_grade": MissingPersonGrade.LOW,
            "grade_rationale": "Often stays with a friend.",
            "last_seen_at": timezone.now() - timedelta(hours=3),
            "last_seen_place": "Bus station",
        },
    )
    with pytest.raises(ValidationError):
        services.missing_person_grade(actor=cast.owner, case=case, grade="high", rationale="")
    detail = services.missing_person_grade(
        actor=cast.colleague, case=case, grade="high", rationale="Phone off, no contact for 12h."
    )
    assert detail.graded_by == cast.colleague
    assert detail.history.first().history_user == cast.colleague


def test_a_returned_child_is_owed_a_return_home_interview_within_72_hours(cast):
    case = open_case(
        cast.owner,
        CaseType.MISSING_PERSON,
        detail={
            "risk_grade": MissingPersonGrade.MEDIUM,
            "grade_rationale": "Child, first time missing.",
            "is_child": True,
            "last_seen_at": timezone.now() - timedelta(hours=20),
            "last_seen_place": "School gates",
        },
    )
    returned_at = timezone.now()
    detail = services.missing_person_returned(actor=cast.owner, case=case, returned_at=returned_at)
    assert detail.return_interview_due_at == returned_at + timedelta(hours=72)


def test_a_troubled_family_needs_at_least_three_headline_needs(cast):
    with pytest.raises(ValidationError, match="at least 3"):
        open_case(
            cast.council_officer,
            CaseType.TROUBLED_FAMILY,
            detail={"needs": ["education", "housing"]},
        )
    case = open_case(
        cast.council_officer,
        CaseType.TROUBLED_FAMILY,
        detail={"needs": ["education", "housing", "finances"]},
    )
    assert case.troubled_family.needs == ["education", "housing", "finances"]


def test_mental_health_below_the_police_threshold_names_the_agency_that_takes_it(cast):
    with pytest.raises(ValidationError, match="which agency"):
        open_case(
            cast.owner,
            CaseType.MENTAL_HEALTH,
            detail={
                "presentation": "concern",
                "rcrp_threshold": RcrpThreshold.NOT_MET,
                "decision_rationale": "No crime, no immediate risk.",
            },
        )
    case = open_case(
        cast.owner,
        CaseType.MENTAL_HEALTH,
        detail={
            "presentation": "concern",
            "rcrp_threshold": RcrpThreshold.NOT_MET,
            "responsible_agency": cast.health,
            "decision_rationale": "No crime, no immediate risk.",
        },
    )
    assert case.mental_health.responsible_agency == cast.health


def test_asb_risk_questionnaire_scores_and_reassessment_keeps_history(cast, case):
    from casework.asb import QUESTIONS

    nothing = {q.key: False for q in QUESTIONS}
    everything = {q.key: True for q in QUESTIONS}
    services.asb_risk_assess(actor=cast.owner, case=case, answers=nothing)
    services.asb_risk_assess(actor=cast.owner, case=case, answers=everything)
    assessments = list(case.asb_assessments.all())
    assert [a.level for a in assessments] == ["high", "standard"]
    case.asb.refresh_from_db()
    assert case.asb.victim_risk == "high"
    with pytest.raises(ValidationError, match="Answer every question"):
        services.asb_risk_assess(actor=cast.owner, case=case, answers={"targeted": True})
