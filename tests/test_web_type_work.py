"""Type-specific work: missing-person grading, information and return; ASB risk;
family needs; removing a person."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.asb import QUESTIONS
from casework.models import CaseParticipant, CaseType, FamilyNeed, LawfulBasis

from .factories import PersonFactory


def _post(client, user, name, data, *args):
    client.force_login(user)
    return client.post(reverse(f"casework:{name}", args=args), data)


def _day(moment, prefix):
    return {f"{prefix}_0": moment.day, f"{prefix}_1": moment.month, f"{prefix}_2": moment.year}


@pytest.fixture
def missing(cast):
    case = services.case_open(
        actor=cast.owner,
        case_type=CaseType.MISSING_PERSON,
        summary="Girl, 14, missing from home.",
        detail={
            "risk_grade": "medium",
            "grade_rationale": "First episode.",
            "is_child": True,
            "last_seen_at": timezone.now() - timedelta(days=2),
            "last_seen_place": "School gates",
        },
    )
    services.case_share(
        actor=cast.owner,
        case=case,
        agency=cast.council,
        reason="Children's services to offer the return home interview.",
        lawful_basis=LawfulBasis.STATUTORY,
        statutory_basis="Children Act 1989",
    )
    return case


def test_regrading_needs_a_rationale_and_is_for_the_lead_agency(client, cast, missing):
    data = {"grade": "high", "rationale": ""}
    page = _post(client, cast.owner, "mp_regrade", data, missing.reference).content.decode()
    assert 'href="#id_rationale"' in page
    data["rationale"] = "Seen with older men in a car."
    assert (
        _post(client, cast.council_officer, "mp_regrade", data, missing.reference).status_code
        == 403
    )
    assert _post(client, cast.owner, "mp_regrade", data, missing.reference).status_code == 302
    missing.refresh_from_db()
    assert missing.missing_person.risk_grade == "high"


def test_information_records_who_supplied_it_and_when(client, cast, missing):
    data = {
        "information": "Seen at the bus station.",
        "supplied_by": "Bus driver",
        **_day(timezone.localdate(), "supplied_on"),
        "supplied_time": "00:01",
    }
    response = _post(client, cast.council_officer, "mp_information", data, missing.reference)
    assert response.status_code == 302
    item = missing.mp_information.get()
    assert item.supplied_by == "Bus driver" and item.recorded_by == cast.council_officer
    page = client.get(response["Location"]).content.decode()
    assert "Seen at the bus station." in page


def test_information_from_the_future_is_refused(client, cast, missing):
    data = {
        "information": "x",
        "supplied_by": "y",
        **_day(timezone.localdate() + timedelta(days=2), "supplied_on"),
    }
    page = _post(client, cast.owner, "mp_information", data, missing.reference).content.decode()
    assert "cannot be in the future" in page
    assert not missing.mp_information.exists()


def test_a_return_then_the_return_home_interview(client, cast, missing):
    data = _day(timezone.localdate(), "returned_on") | {"returned_time": "00:00"}
    assert _post(client, cast.owner, "mp_returned", data, missing.reference).status_code == 302
    missing.refresh_from_db()
    assert missing.missing_person.return_interview_due_at is not None
    page = client.get(missing.get_absolute_url()).content.decode()
    assert "Due by" in page
    done = _day(timezone.localdate(), "done_on") | {"done_time": "00:00"}
    response = _post(client, cast.council_officer, "mp_interview", done, missing.reference)
    assert response.status_code == 302
    missing.refresh_from_db()
    assert missing.missing_person.return_interview_done_at is not None


def test_an_interview_before_a_return_shows_the_services_message(client, cast, missing):
    done = _day(timezone.localdate(), "done_on")
    page = _post(client, cast.owner, "mp_interview", done, missing.reference).content.decode()
    assert "The person has not been recorded as returned." in page


def test_missing_person_pages_do_not_exist_for_other_case_types(client, cast, case):
    client.force_login(cast.owner)
    assert client.get(reverse("casework:mp_regrade", args=[case.reference])).status_code == 404


def test_assessing_asb_risk_needs_every_answer_and_sets_the_level(client, cast, case):
    partial = {QUESTIONS[0].key: "yes"}
    page = _post(client, cast.council_officer, "asb_assess", partial, case.reference)
    assert f"Answer: {QUESTIONS[1].text}" in page.content.decode()
    answers = {q.key: "no" for q in QUESTIONS}
    response = _post(client, cast.council_officer, "asb_assess", answers, case.reference)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.asb.victim_risk == "standard"
    assert (
        "Victim risk assessed: standard (0)." in client.get(response["Location"]).content.decode()
    )


def test_family_needs_keep_the_three_need_rule(client, cast):
    family = services.case_open(
        actor=cast.council_officer,
        case_type=CaseType.TROUBLED_FAMILY,
        summary="Family at risk of eviction.",
        detail={"needs": [FamilyNeed.HOUSING, FamilyNeed.FINANCES, FamilyNeed.EDUCATION]},
    )
    data = {"needs": [FamilyNeed.HOUSING]}
    page = _post(client, cast.council_officer, "family_needs", data, family.reference)
    assert "at least 3" in page.content.decode()
    data = {"needs": [FamilyNeed.HOUSING, FamilyNeed.CRIME, FamilyNeed.HEALTH, FamilyNeed.FINANCES]}
    assert (
        _post(client, cast.council_officer, "family_needs", data, family.reference).status_code
        == 302
    )
    family.refresh_from_db()
    assert FamilyNeed.CRIME in family.troubled_family.needs


def test_removing_a_person_needs_a_reason_and_the_lead_agency(client, cast, case):
    part = services.participant_add(
        actor=cast.owner, case=case, person=PersonFactory(), role="witness"
    )
    assert (
        _post(
            client, cast.council_officer, "person_remove", {"reason": "x"}, case.reference, part.pk
        ).status_code
        == 403
    )
    page = _post(client, cast.owner, "person_remove", {"reason": ""}, case.reference, part.pk)
    assert "There is a problem" in page.content.decode()
    response = _post(
        client, cast.owner, "person_remove", {"reason": "Added in error."}, case.reference, part.pk
    )
    assert response.status_code == 302
    assert not CaseParticipant.objects.filter(pk=part.pk).exists()
