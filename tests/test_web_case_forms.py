"""Logging, editing and moving a case through the web pages."""

import pytest
from django.urls import reverse

from casework import services
from casework.asb import QUESTIONS
from casework.models import AsbRiskAssessment, Case, CaseStatus, CaseType, FamilyNeed


def _post(client, user, name, data, *args):
    client.force_login(user)
    return client.post(reverse(f"casework:{name}", args=args), data)


ASB = {
    "case_type": CaseType.ASB,
    "summary": "Loud parties every weekend.",
    "address": "4 Mill Lane",
    "ward": "Castle",
    "risk_level": "standard",
    "status": "new",
    "asb_category": "nuisance",
}


def test_an_officer_logs_an_asb_case_with_the_risk_questionnaire(client, cast):
    answers = {f"risk_{q.key}": "yes" for q in QUESTIONS}
    response = _post(client, cast.owner, "case_create", {**ASB, **answers})
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert case.lead_agency == cast.police
    assert case.asb.category == "nuisance"
    assert AsbRiskAssessment.objects.get(case=case).level == "high"
    assert case.asb.victim_risk == "high"
    page = client.get(response["Location"]).content.decode()
    assert f"Case {case.reference} logged" in page


def test_a_half_answered_questionnaire_is_refused_naming_the_questions(client, cast):
    response = _post(client, cast.owner, "case_create", {**ASB, "risk_targeted": "yes"})
    assert response.status_code == 200
    assert not Case.objects.exists()
    page = response.content.decode()
    assert "There is a problem" in page
    assert f"Answer: {QUESTIONS[1].text}" in page
    assert 'href="#id_risk_repeat_0"' in page
    assert "Loud parties every weekend." in page  # nothing typed is lost


def test_an_asb_case_needs_its_category(client, cast):
    data = {k: v for k, v in ASB.items() if k != "asb_category"}
    response = _post(client, cast.owner, "case_create", data)
    assert "Choose the ASB category." in response.content.decode()
    assert not Case.objects.exists()


def test_a_missing_person_needs_a_grade_rationale(client, cast):
    data = {
        **ASB,
        "case_type": CaseType.MISSING_PERSON,
        "mp_grade": "high",
        "mp_rationale": "  ",
        "mp_last_seen_on_0": "1",
        "mp_last_seen_on_1": "3",
        "mp_last_seen_on_2": "2026",
        "mp_last_seen_place": "Bus station",
    }
    response = _post(client, cast.owner, "case_create", data)
    assert "Give the rationale for the grade." in response.content.decode()
    assert not Case.objects.exists()
    data["mp_rationale"] = "Child, first time missing, no phone."
    data["mp_last_seen_time"] = "21:15"
    response = _post(client, cast.owner, "case_create", data)
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.missing_person.grade_rationale == "Child, first time missing, no phone."
    assert case.missing_person.last_seen_at.hour in (21, 20)  # stored in UTC


def test_a_missing_person_date_must_be_real(client, cast):
    data = {
        **ASB,
        "case_type": CaseType.MISSING_PERSON,
        "mp_grade": "low",
        "mp_rationale": "Known to return.",
        "mp_last_seen_on_0": "31",
        "mp_last_seen_on_1": "2",
        "mp_last_seen_on_2": "2026",
        "mp_last_seen_place": "Home",
    }
    page = _post(client, cast.owner, "case_create", data).content.decode()
    assert "Date last seen must be a real date." in page
    assert 'href="#id_mp_last_seen_on_0"' in page


def test_a_mental_health_case_not_meeting_the_threshold_names_the_agency(client, cast):
    data = {
        **ASB,
        "case_type": CaseType.MENTAL_HEALTH,
        "mh_presentation": "concern",
        "mh_threshold": "not_met",
        "mh_rationale": "No crime, no immediate risk.",
    }
    page = _post(client, cast.owner, "case_create", data).content.decode()
    assert "Choose the agency that takes it." in page
    data["mh_responsible_agency"] = cast.health.pk
    response = _post(client, cast.owner, "case_create", data)
    assert response.status_code == 302
    assert Case.objects.get().mental_health.responsible_agency == cast.health


def test_a_family_needs_at_least_three_needs(client, cast):
    data = {
        **ASB,
        "case_type": CaseType.TROUBLED_FAMILY,
        "family_needs": [FamilyNeed.EDUCATION, FamilyNeed.HOUSING],
    }
    page = _post(client, cast.owner, "case_create", data).content.decode()
    assert "Select at least 3 needs" in page
    data["family_needs"].append(FamilyNeed.FINANCES)
    assert _post(client, cast.owner, "case_create", data).status_code == 302
    assert len(Case.objects.get().troubled_family.needs) == 3


def test_the_lead_officer_must_come_from_the_officers_agency(client, cast):
    response = _post(
        client, cast.owner, "case_create", {**ASB, "lead_officer": cast.council_officer.pk}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("who", ["police_partner", "council_partner", "admin"])
def test_read_only_roles_cannot_log_cases(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("casework:case_create")).status_code == 403
    assert _post(client, getattr(cast, who), "case_create", ASB).status_code == 403
    assert not Case.objects.exists()


# --- Edit ---------------------------------------------------------------------------------


def _edit(case, **changes):
    data = {
        "version": case.version,
        "summary": case.summary,
        "address": case.address,
        "ward": case.ward,
        "risk_level": case.risk_level,
    }
    return {**data, **changes}


def test_the_lead_agency_edits_a_case(client, cast, case):
    response = _post(
        client, cast.colleague, "case_edit", _edit(case, ward="Harbour"), case.reference
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.ward == "Harbour"


def test_a_stale_edit_shows_what_changed_and_keeps_what_was_typed(client, cast, case):
    form = _edit(case, summary="My careful rewrite of the summary.")
    services.case_update(
        actor=cast.colleague, case=case, expected_version=case.version, risk_level="high"
    )
    response = _post(client, cast.owner, "case_edit", form, case.reference)
    page = response.content.decode()
    case.refresh_from_db()
    assert response.status_code == 200
    assert "Someone else changed this case" in page
    assert "Standard → High" in page
    assert "My careful rewrite of the summary." in page
    assert case.summary != "My careful rewrite of the summary."
    assert f'name="version" value="{case.version}"' in page


@pytest.mark.parametrize(
    "who, status", [("council_officer", 403), ("council_partner", 403), ("fire_officer", 404)]
)
def test_only_the_lead_agency_edits(client, cast, case, who, status):
    client.force_login(getattr(cast, who))
    url = reverse("casework:case_edit", args=[case.reference])
    assert client.get(url).status_code == status
    assert client.post(url, _edit(case, ward="X")).status_code == status
    case.refresh_from_db()
    assert case.ward == "Castle"


# --- Status --------------------------------------------------------------------------------


def test_status_moves_along_the_workflow(client, cast, case):
    data = {"version": case.version, "to_status": "under_review", "reason": ""}
    response = _post(client, cast.owner, "case_status", data, case.reference)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW


def test_an_illegal_move_shows_the_services_message(client, cast, case):
    data = {"version": case.version, "to_status": "triaged", "reason": ""}
    page = _post(client, cast.owner, "case_status", data, case.reference).content.decode()
    assert "cannot move to triaged." in page
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_closing_needs_a_reason(client, cast, case):
    data = {"version": case.version, "to_status": "closed", "reason": ""}
    page = _post(client, cast.owner, "case_status", data, case.reference).content.decode()
    assert "Give the reason for closing the case." in page
    assert 'href="#id_reason"' in page


def test_the_status_page_offers_only_allowed_moves(client, cast, case):
    client.force_login(cast.owner)
    page = client.get(reverse("casework:case_status", args=[case.reference])).content.decode()
    assert 'value="under_review"' in page
    assert 'value="closed"' in page
    assert 'value="triaged"' not in page


def test_a_manager_reassigns_and_an_officer_cannot(client, cast, case):
    data = {"version": case.version, "lead_officer": cast.colleague.pk}
    assert _post(client, cast.owner, "case_reassign", data, case.reference).status_code == 403
    assert (
        _post(client, cast.police_manager, "case_reassign", data, case.reference).status_code == 302
    )
    case.refresh_from_db()
    assert case.lead_officer == cast.colleague
