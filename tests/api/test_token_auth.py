"""Getting, using and revoking a token."""

import pytest
from django.test import override_settings
from knox.models import AuthToken
from rest_framework.throttling import ScopedRateThrottle

from .conftest import problem

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct-horse-battery"


def test_a_token_is_issued_for_the_right_password_and_stored_only_as_a_digest(cast, api):
    response = api.post(TOKEN_URL, {"username": "owner", "password": PASSWORD}, format="json")
    assert response.status_code == 201
    token = response.json()["token"]
    stored = AuthToken.objects.get(user=cast.owner)
    assert token not in {stored.digest, stored.token_key}
    assert len(stored.digest) == 128


def test_a_token_lets_its_holder_in_and_revoking_it_shuts_them_out(cast, api):
    token = api.post(TOKEN_URL, {"username": "owner", "password": PASSWORD}).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").json()["username"] == "owner"
    assert api.delete(TOKEN_URL).status_code == 204
    refused = api.get("/api/v1/me/")
    assert refused.status_code == 401
    assert problem(refused)["detail"] == "Invalid token."


def test_a_wrong_password_gets_401_and_no_token(cast, api):
    response = api.post(TOKEN_URL, {"username": "owner", "password": "nope"})
    assert response.status_code == 401
    assert problem(response)["detail"] == "Wrong username or password."
    assert not AuthToken.objects.exists()


def test_anonymous_requests_get_401_with_the_token_scheme_named(api):
    response = api.get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    problem(response)


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token not-a-real-token"])
def test_a_malformed_or_unknown_token_gets_401(cast, api, header):
    api.credentials(HTTP_AUTHORIZATION=header)
    assert problem(api.get("/api/v1/me/"))["status"] == 401


def test_a_token_header_that_is_not_text_gets_401_not_500(cast, api):
    response = api.get("/api/v1/me/", HTTP_AUTHORIZATION=b"Token \xff\xfe".decode("latin-1"))
    assert response.status_code == 401


def test_deleting_without_a_token_says_what_to_send(cast, client):
    client.force_login(cast.owner)
    response = client.delete(TOKEN_URL, HTTP_X_CSRFTOKEN="x")
    assert response.status_code in (400, 403)
    problem(response)


def test_token_requests_refuse_unknown_fields(cast, api):
    response = api.post(TOKEN_URL, {"username": "owner", "password": PASSWORD, "admin": True})
    assert response.status_code == 400
    assert problem(response)["errors"][0]["field"] == "admin"


def test_token_requests_are_throttled(cast, api, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"api_token": "3/minute"})
    statuses = [
        api.post(TOKEN_URL, {"username": "owner", "password": "wrong"}).status_code
        for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    assert "Retry-After" in api.post(TOKEN_URL, {"username": "owner", "password": PASSWORD})


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_failed_token_requests_count_towards_the_sign_in_lockout(cast, api):
    for _ in range(3):
        api.post(TOKEN_URL, {"username": "owner", "password": "wrong"})
    locked = api.post(TOKEN_URL, {"username": "owner", "password": PASSWORD})
    assert locked.status_code == 429
    assert problem(locked)["code"] == "locked_out"
    assert not AuthToken.objects.exists()
