"""Roles that must use two factors (TWO_FACTOR_REQUIRED_ROLES) get a token only with
a current authenticator code; a session user of such a role must have verified it."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from .conftest import problem

TOKEN_URL = "/api/v1/auth/token/"
CREDENTIALS = {"username": "police_manager", "password": "correct-horse-battery"}


@pytest.fixture(autouse=True)
def managers_need_two_factors(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["manager", "administrator"]


@pytest.fixture
def device(cast):
    return TOTPDevice.objects.create(user=cast.police_manager, name="app", confirmed=True)


def test_a_manager_without_a_code_is_asked_for_one(cast, api, device):
    response = api.post(TOKEN_URL, CREDENTIALS)
    assert response.status_code == 401
    assert problem(response)["code"] == "otp_required"
    assert not AuthToken.objects.exists()


def test_a_wrong_code_gets_no_token(cast, api, device):
    response = api.post(TOKEN_URL, {**CREDENTIALS, "otp": "000000"})
    assert response.status_code == 401
    assert problem(response)["code"] == "otp_invalid"
    assert not AuthToken.objects.exists()


def test_a_current_code_gets_a_token_that_works(cast, api, device):
    code = f"{totp(device.bin_key):06d}"
    response = api.post(TOKEN_URL, {**CREDENTIALS, "otp": code})
    assert response.status_code == 201
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = api.get("/api/v1/me/").json()
    assert me["role"] == "manager" and me["two_factor_required"] is True


def test_a_manager_who_never_enrolled_is_told_to_enrol_first(cast, api):
    response = api.post(TOKEN_URL, CREDENTIALS)
    assert response.status_code == 403
    assert "authenticator app" in problem(response)["detail"]


def test_an_officer_needs_no_code(cast, api):
    body = {**CREDENTIALS, "username": "owner"}
    assert api.post(TOKEN_URL, body).status_code == 201


def test_a_session_user_who_has_not_verified_is_refused(cast):
    client = APIClient()
    client.force_login(cast.police_manager)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 403
    assert "second factor" in problem(response)["detail"]
    officer = APIClient()
    officer.force_login(cast.owner)
    assert officer.get("/api/v1/cases/").status_code == 200
