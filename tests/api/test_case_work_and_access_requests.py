"""Type-specific work and break-glass through the API: the same rules as the web pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework import access
from casework.asb import QUESTIONS
from casework.models import BreakGlassRequest, CaseType, FamilyNeed

from .conftest import problem

NO_ANSWERS = {question.key: False for question in QUESTIONS}


def url(case, tail: str) -> str:
    return f"/api/v1/cases/{case.reference}/{tail}"


def test_the_lead_agency_regrades_with_a_rationale_and_partners_cannot(cast, as_user, missing):
    body = {"grade": "high", "rationale": "Seen with older men in a car."}
    refused = as_user(cast.council_officer).post(url(missing, "missing-person/grade/"), body)
    assert refused.status_code == 403
    blank = as_user(cast.owner).post(url(missing, "missing-person/grade/"), {"grade": "high"})
    assert problem(blank)["errors"][0]["field"] == "rationale"
    done = as_user(cast.owner).post(url(missing, "missing-person/grade/"), body)
    assert done.status_code == 200, done.content
    assert done.json()["missing_person"]["risk_grade"] == "high"


def test_information_and_the_return_home_interview_follow_the_return(cast, as_user, missing):
    council = as_user(cast.council_officer)
    given = council.post(
        url(missing, "missing-person/information/"),
        {
            "information": "Friend says she is at a flat on Mill Lane.",
            "supplied_by": "School friend",
            "supplied_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        },
    )
    assert given.status_code == 201, given.content
    interview = {"done_at": timezone.now().isoformat()}
    early = council.post(url(missing, "missing-person/return-interview/"), interview)
    assert "not been recorded as returned" in problem(early)["detail"]
    back = {"returned_at": timezone.now().isoformat()}
    assert council.post(url(missing, "missing-person/return/"), back).status_code == 403
    returned = as_user(cast.owner).post(url(missing, "missing-person/return/"), back)
    assert returned.json()["missing_person"]["return_interview_due_at"]
    done = council.post(url(missing, "missing-person/return-interview/"), interview)
    assert done.status_code == 200 and done.json()["missing_person"]["return_interview_done_at"]


def test_the_asb_questionnaire_needs_every_answer_and_sets_the_victims_risk(cast, as_user, case):
    client = as_user(cast.council_officer)
    partial = client.post(
        url(case, "asb/assessments/"), {"answers": {QUESTIONS[0].key: True}}, format="json"
    )
    assert partial.status_code == 400
    answers = {**NO_ANSWERS, **{question.key: True for question in QUESTIONS}}
    scored = client.post(url(case, "asb/assessments/"), {"answers": answers}, format="json")
    assert scored.status_code == 201, scored.content
    assert scored.json()["asb"]["victim_risk"] == "high"
    partner = as_user(cast.council_partner)
    refused = partner.post(url(case, "asb/assessments/"), {"answers": answers}, format="json")
    assert refused.status_code == 403


def test_work_of_another_type_or_beyond_reach_is_refused(cast, as_user, case):
    grade = {"grade": "high", "rationale": "Because."}
    wrong_type = as_user(cast.owner).post(url(case, "missing-person/grade/"), grade)
    assert "not a missing person case" in problem(wrong_type)["detail"]
    outsider = as_user(cast.fire_officer).post(url(case, "missing-person/grade/"), grade)
    assert outsider.status_code == 404


def test_a_family_needs_three_headline_needs(cast, as_user):
    from casework import services

    family = services.case_open(
        actor=cast.council_officer,
        case_type=CaseType.TROUBLED_FAMILY,
        summary="Family at risk of eviction.",
        detail={"needs": [FamilyNeed.HOUSING, FamilyNeed.FINANCES, FamilyNeed.EDUCATION]},
    )
    client = as_user(cast.council_officer)
    too_few = client.put(url(family, "family/needs/"), {"needs": ["housing"]}, format="json")
    assert too_few.status_code == 400
    needs = ["housing", "finances", "health", "crime"]
    done = client.put(url(family, "family/needs/"), {"needs": needs}, format="json")
    assert done.status_code == 200, done.content
    assert sorted(done.json()["troubled_family"]["needs"]) == sorted(needs)


def test_break_glass_asked_decided_and_used_through_the_api(cast, as_user, case):
    fire, manager = as_user(cast.fire_officer), as_user(cast.police_manager)
    body = {"reference": case.reference.lower(), "reason": "Fire crew attending tonight."}
    asked = fire.post("/api/v1/access-requests/", body)
    assert asked.status_code == 201, asked.content
    made = asked.json()
    assert made["status"] == "pending" and made["holding_agencies"] == access.holding_agencies(case)
    assert "summary" not in made
    assert fire.get(f"/api/v1/cases/{case.reference}/").status_code == 404
    decision = f"/api/v1/access-requests/{made['id']}/decision/"
    # Nobody but the lead agency's manager decides; others do not even find the request.
    assert as_user(cast.council_manager).post(decision, {"decision": "approve"}).status_code == 404
    assert as_user(cast.owner).post(decision, {"decision": "approve"}).status_code == 404
    refused_blank = manager.post(decision, {"decision": "refuse"})
    assert problem(refused_blank)["errors"][0]["field"] == "reason"
    approved = manager.post(decision, {"decision": "approve"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert fire.get(f"/api/v1/cases/{case.reference}/").status_code == 200
    again = manager.post(decision, {"decision": "approve"})
    assert "already been decided" in problem(again)["detail"]
    listed = {row["id"] for row in manager.get("/api/v1/access-requests/").json()["results"]}
    assert made["id"] in listed
    others = as_user(cast.council_manager).get("/api/v1/access-requests/").json()["results"]
    assert others == []


def test_an_emergency_override_opens_at_once_and_the_manager_can_end_it(cast, as_user, case):
    fire = as_user(cast.fire_officer)
    body = {"reference": case.reference, "reason": "Person trapped at the address.",
            "emergency": True}  # fmt: skip
    made = fire.post("/api/v1/access-requests/", body, format="json").json()
    assert made["status"] == "emergency"
    assert fire.get(f"/api/v1/cases/{case.reference}/").status_code == 200
    decision = f"/api/v1/access-requests/{made['id']}/decision/"
    ended = as_user(cast.police_manager).post(decision, {"decision": "revoke", "reason": "Over."})
    assert ended.json()["reviewed_at"]
    assert fire.get(f"/api/v1/cases/{case.reference}/").status_code == 404
    assert BreakGlassRequest.objects.get(pk=made["id"]).access_until <= timezone.now()


@pytest.mark.parametrize(
    "body",
    [{"reference": "ICST-1999-99999", "reason": "Long enough reason."},
     {"reference": "x", "reason": "Long enough reason.", "case": 1}],
)  # fmt: skip
def test_a_bad_access_request_says_what_was_wrong(cast, as_user, body):
    response = as_user(cast.fire_officer).post("/api/v1/access-requests/", body, format="json")
    assert response.status_code == 400
    assert problem(response)["errors"]


def test_reading_by_break_glass_adds_no_one_and_leaves_no_person_behind(cast, as_user, case):
    from casework import services
    from casework.models import Person

    services.break_glass_request(
        actor=cast.fire_officer, case=case, reason="Crew attending tonight.", emergency=True
    )
    before = Person.objects.count()
    body = {"role": "witness", "new_person": {"given_name": "Zed", "family_name": "Quill"}}
    response = as_user(cast.fire_officer).post(url(case, "people/"), body, format="json")
    assert response.status_code == 403
    assert Person.objects.count() == before


def test_the_lead_officer_cannot_revoke_their_own_access_to_a_restricted_case(cast, as_user, case):
    from casework import services

    services.case_restrict(actor=cast.owner, case=case, restricted=True, reason="Sensitive.")
    response = as_user(cast.owner).delete(url(case, f"grants/{cast.owner.pk}/"))
    assert response.status_code == 403
    assert as_user(cast.owner).get(url(case, "")).status_code == 200
