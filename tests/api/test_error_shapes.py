"""Every 4xx answers RFC 9457 problem details; bad input never causes a 500."""

import pytest
from django.test import override_settings

from casework.models import Case

from .conftest import problem

CASES = "/api/v1/cases/"
NEW_CASE = {"case_type": "other", "summary": "Abandoned car on the green."}


def test_an_unknown_api_url_answers_problem_json(cast, as_user):
    response = as_user(cast.owner).get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert problem(response)["code"] == "not_found"


def test_malformed_json_is_a_400(cast, as_user):
    response = as_user(cast.owner).post(CASES, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in problem(response)["detail"]


def test_a_body_that_is_not_an_object_is_a_400(cast, as_user):
    response = as_user(cast.owner).post(CASES, "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    problem(response)


def test_form_bodies_are_refused_with_415(cast, as_user):
    form = "application/x-www-form-urlencoded"
    response = as_user(cast.owner).post(CASES, "a=b", content_type=form)
    assert response.status_code == 415
    problem(response)


def test_wrong_types_name_the_field(cast, as_user):
    response = as_user(cast.owner).post(CASES, {**NEW_CASE, "reported_at": 12}, format="json")
    assert response.status_code == 400
    errors = problem(response)["errors"]
    assert [e["pointer"] for e in errors] == ["/reported_at"]


def test_nested_field_errors_carry_a_json_pointer(cast, as_user):
    body = {"case_type": "asb", "summary": "Noise.", "asb": {"category": "loud"}}
    response = as_user(cast.owner).post(CASES, body, format="json")
    assert response.status_code == 400
    assert problem(response)["errors"][0]["pointer"] == "/asb/category"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_body_is_a_413_and_nothing_is_saved(cast, as_user):
    body = {**NEW_CASE, "summary": "x" * 2000}
    response = as_user(cast.owner).post(CASES, body, format="json")
    assert response.status_code == 413
    assert problem(response)["code"] == "payload_too_large"
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/cases/%00/", "/api/v1/cases/" + "9" * 40 + "/", "/api/v1/cases/ICST-%F0%9F%92%A9/"],
)
def test_bad_references_are_404(cast, as_user, url):
    assert problem(as_user(cast.owner).get(url))["status"] == 404


def test_session_writes_need_the_csrf_token(cast, case):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.owner)
    response = client.post(CASES, NEW_CASE, format="json")
    assert response.status_code == 403
    assert "CSRF" in problem(response)["detail"]
