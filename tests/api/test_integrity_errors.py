"""Only a unique constraint broken by a duplicate (two requests creating the same thing at
once) is a 409 Conflict; any other integrity error is a bug, answered 500 and logged."""

import logging

import pytest
from django.db import transaction

from casework import services
from casework.models import Case, CaseShare

from .conftest import problem

SHARE = {"agency": "fire", "reason": "Fire safety visit.", "lawful_basis": "consent"}


def rival_share_first(*, actor, case, agency, **_):
    """The service as a race leaves it: another request's share lands between our check
    and our insert."""
    with transaction.atomic():
        CaseShare.objects.create(case=case, agency=agency, reason="Rival.", shared_by=actor)
        return CaseShare.objects.create(case=case, agency=agency, reason="Ours.", shared_by=actor)


def null_reason(*, actor, case, agency, **_):
    with transaction.atomic():
        return CaseShare.objects.create(case=case, agency=agency, reason=None, shared_by=actor)


def closed_without_a_date(*, case, **_):
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status="closed", closed_at=None)


def post_share(as_user, cast, case):
    client = as_user(cast.owner)
    client.raise_request_exception = False
    return client.post(f"/api/v1/cases/{case.reference}/shares/", SHARE, format="json")


def test_a_duplicate_made_by_a_concurrent_request_is_a_409(cast, case, as_user, monkeypatch):
    monkeypatch.setattr(services, "case_share", rival_share_first)
    response = post_share(as_user, cast, case)
    assert response.status_code == 409
    assert problem(response)["code"] == "conflict"
    assert not CaseShare.objects.filter(agency=cast.fire).exists()


@pytest.mark.parametrize("broken", [null_reason, closed_without_a_date])
def test_any_other_integrity_error_is_a_logged_500_not_a_conflict(
    cast, case, as_user, monkeypatch, caplog, broken
):
    monkeypatch.setattr(services, "case_share", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = post_share(as_user, cast, case)
    assert response.status_code == 500
    assert problem(response)["code"] == "server_error"
    assert any(record.exc_info for record in caplog.records if record.name == "django.request")
    case.refresh_from_db()
    assert case.status != "closed"
