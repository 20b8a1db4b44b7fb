"""The briefings API: sheets and sections cut per caller, PDFs prepared in the background."""

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from audit.models import AccessLog
from briefings import services
from briefings.models import BriefingDocument
from tests.api.conftest import problem

from .conftest import IN_WINDOW, at


@pytest.fixture
def as_user():
    """A client carrying a real API token for ``user`` (None: anonymous)."""

    def sign_in(user):
        client = APIClient()
        if user is not None:
            _, token = AuthToken.objects.create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return sign_in


@pytest.fixture
def sheet(cast, case, open_case, build):
    open_case(IN_WINDOW, summary="Shared with the council.", share_with=[cast.council])
    open_case(IN_WINDOW, summary="Police eyes only.")
    with at(IN_WINDOW):
        services.nomination_add(
            actor=cast.owner, case=case, reason="Weapon seen.", sensitivity="police_intelligence"
        )
    return build()


def section(data, key):
    return next(s for s in data if s["key"] == key)


def test_anonymous_callers_are_refused(as_user, sheet):
    response = as_user(None).get(reverse("briefings-api:briefing-list"))
    assert response.status_code == 401


def test_the_list_is_paginated(as_user, cast, sheet):
    body = as_user(cast.council_officer).get(reverse("briefings-api:briefing-list")).json()
    assert body["count"] == 1
    assert body["results"][0]["id"] == sheet.pk


def test_a_briefing_reads_with_counts_of_what_the_caller_may_see(as_user, cast, sheet):
    url = reverse("briefings-api:briefing-detail", args=[sheet.pk])
    police = as_user(cast.owner).get(url).json()
    council = as_user(cast.council_officer).get(url).json()
    assert section(police["sections"], "new_cases")["count"] == 2
    assert section(council["sections"], "new_cases")["count"] == 1


def test_sections_are_cut_and_the_read_is_logged(as_user, cast, sheet):
    url = reverse("briefings-api:briefing-sections", args=[sheet.pk])
    data = as_user(cast.council_officer).get(url).json()
    summaries = [row["cells"]["summary"] for row in section(data, "new_cases")["rows"]]
    assert summaries == ["Shared with the council."]
    (nomination,) = section(data, "nominations")["rows"]
    assert nomination["cells"]["reason"] == "Withheld"
    log = AccessLog.objects.get(user=cast.council_officer, action=AccessLog.Action.API_READ)
    assert len(log.detail["cases"]) == 2


def test_one_section_and_an_unknown_one(as_user, cast, sheet):
    client = as_user(cast.owner)
    one = client.get(
        reverse("briefings-api:briefing-section", args=[sheet.pk, "nominations"])
    ).json()
    assert one["rows"][0]["cells"]["reason"] == "Weapon seen."
    missing = client.get(
        reverse("briefings-api:briefing-section", args=[sheet.pk, "no-such-section"])
    )
    assert missing.status_code == 404
    problem(missing)


def test_a_pdf_is_requested_then_downloaded_by_its_requester_only(
    as_user, cast, sheet, django_capture_on_commit_callbacks
):
    client = as_user(cast.council_officer)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        response = client.post(reverse("briefings-api:briefing-pdf", args=[sheet.pk]))
    assert response.status_code == 202
    assert response.json()["status"] == "preparing" and response.json()["download"] is None
    document = BriefingDocument.objects.get()
    download = reverse("briefings-api:document-download", args=[document.pk])
    assert problem(client.get(download))["status"] == 409
    for callback in pending:
        callback()
    status = client.get(reverse("briefings-api:document-detail", args=[document.pk])).json()
    assert status["status"] == "ready" and status["download"].endswith(download)
    pdf = client.get(download, HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD).count() == 1
    assert as_user(cast.owner).get(download).status_code == 404


def test_a_pdf_of_a_missing_briefing_is_a_404(as_user, cast, db):
    response = as_user(cast.owner).post(reverse("briefings-api:briefing-pdf", args=[999]))
    assert problem(response)["status"] == 404
