"""A partner system works a case from start to finish over the API alone."""

from rest_framework.test import APIClient

from audit.models import AccessLog
from casework.models import Case, CaseEvent


def test_a_case_worked_end_to_end_with_a_token(cast):
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "owner", "password": "correct-horse-battery"}
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    opened = client.post(
        "/api/v1/cases/",
        {"case_type": "asb", "summary": "Loud music nightly.", "asb": {"category": "personal"}},
    )
    assert opened.status_code == 201, opened.content
    case_url = f"/api/v1/cases/{opened.json()['reference']}/"

    victim = client.post(
        case_url + "people/",
        {"role": "victim", "new_person": {"given_name": "Ann", "family_name": "Cole"}},
    )
    assert victim.status_code == 201
    assert client.post(case_url + "entries/", {"body": "Spoke to Ann."}).status_code == 201
    shared = client.post(
        case_url + "shares/",
        {"agency": "council", "reason": "Tenancy.", "lawful_basis": "consent"},
    )
    assert shared.status_code == 201
    action = client.post(
        case_url + "actions/",
        {"description": "Warning letter", "assigned_agency": "council", "due_on": "2030-01-01"},
    ).json()
    done = client.post(case_url + f"actions/{action['id']}/complete/", {"outcome": "Sent."})
    assert done.json()["is_done"] is True

    etag = client.get(case_url)["ETag"]
    assert client.patch(case_url, {"risk_level": "high"}, HTTP_IF_MATCH=etag).status_code == 200
    for status in ("triaged", "open"):
        assert client.post(case_url + "transitions/", {"status": status}).status_code == 200
    closed = client.post(case_url + "transitions/", {"status": "closed", "reason": "Resolved."})
    assert closed.json()["status"] == "closed"

    council = APIClient()
    council.force_authenticate(cast.council_officer)
    assert council.get(case_url).json()["risk_level"] == "high"

    assert client.delete("/api/v1/auth/token/").status_code == 204
    assert client.get(case_url).status_code == 401
    case = Case.objects.get()
    assert case.events.filter(kind=CaseEvent.Kind.SHARED).exists()
    assert AccessLog.objects.filter(object_id=str(case.pk), action="api_read").count() >= 2
