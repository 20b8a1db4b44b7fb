"""Referrals over the API: the same rules as the browser, answered with problem details."""

import pytest
from django.urls import reverse

from casework.models import Case, CaseReferral

from .conftest import problem


def url(case, name="case-referral-list", **kwargs):
    return reverse(f"api:{name}", kwargs={"reference": case.reference, **kwargs})


PROPOSAL = {
    "agency": "fire",
    "reason": "The fire risk at the flat leads now.",
    "lawful_basis": "consent",
}


@pytest.fixture
def proposed(as_user, cast, case):
    response = as_user(cast.owner).post(url(case), PROPOSAL, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_the_lead_agency_refers_and_the_receiving_agency_accepts(as_user, cast, case, proposed):
    assert proposed["status"] == "pending" and proposed["to_agency"]["slug"] == "fire"
    fire = as_user(cast.fire_officer)
    listed = fire.get(url(case)).json()["results"]
    assert [item["id"] for item in listed] == [proposed["id"]]
    accepted = fire.post(url(case, "case-referral-accept", pk=proposed["id"]), {}, format="json")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    case = Case.objects.get(pk=case.pk)
    assert case.lead_agency == cast.fire and case.lead_officer == cast.fire_officer


def test_a_decline_needs_a_reason_and_loses_nothing(as_user, cast, case, proposed):
    fire = as_user(cast.fire_officer)
    declined = fire.post(url(case, "case-referral-decline", pk=proposed["id"]), {}, format="json")
    assert declined.status_code == 400
    assert "reason" in str(problem(declined))
    assert CaseReferral.objects.get(pk=proposed["id"]).is_pending
    declined = fire.post(
        url(case, "case-referral-decline", pk=proposed["id"]),
        {"reason": "No fire risk found at the visit."},
        format="json",
    )
    assert declined.json()["status"] == "declined"
    assert fire.get(url(case)).status_code == 404  # the share ended with the answer


def test_a_second_pending_referral_is_refused(as_user, cast, case, proposed):
    again = as_user(cast.owner).post(url(case), {**PROPOSAL, "agency": "council"}, format="json")
    assert again.status_code == 400
    assert "waiting for an answer" in problem(again)["detail"].lower()


def test_only_the_receiving_agency_answers_and_only_the_lead_withdraws(
    as_user, cast, case, proposed
):
    accept = url(case, "case-referral-accept", pk=proposed["id"])
    assert as_user(cast.owner).post(accept, {}, format="json").status_code == 403
    assert as_user(cast.health_officer).post(accept, {}, format="json").status_code == 404
    withdraw = url(case, "case-referral-withdraw", pk=proposed["id"])
    reason = {"reason": "Mine now."}
    assert as_user(cast.fire_officer).post(withdraw, reason, format="json").status_code == 403
    withdrawn = as_user(cast.owner).post(withdraw, {"reason": "Resolved."}, format="json")
    assert withdrawn.json()["status"] == "withdrawn"


def test_an_unknown_referral_is_a_404(as_user, cast, case):
    response = as_user(cast.owner).get(url(case, "case-referral-detail", pk=999))
    assert problem(response)["status"] == 404
