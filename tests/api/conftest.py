import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.test_web_case_detail import health_case  # noqa: F401  (a shared fixture)
from tests.test_web_type_work import missing  # noqa: F401  (a shared fixture)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_user(api):
    """A client carrying a real token for ``user`` (None: anonymous)."""

    def sign_in(user):
        client = APIClient()
        if user is not None:
            _, token = AuthToken.objects.create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return sign_in


def problem(response) -> dict:
    assert response["Content-Type"].startswith("application/problem+json"), response.content
    body = response.json()
    assert body["status"] == response.status_code
    assert {"type", "title", "detail", "code", "instance"} <= set(body)
    return body
