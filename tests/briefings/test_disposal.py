"""A case disposed of under the retention rules leaves no trace on stored sheets or their
PDFs: rows about it, linking it or naming it go, and the PDFs of those sheets are prepared
again from what is left when next asked for."""

import json
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from briefings import services
from briefings.models import BriefingDocument, BriefingItem
from casework import retention
from casework import services as casework
from casework.models import Case

from .conftest import AFTER_WINDOW, BEFORE_WINDOW, IN_WINDOW, at, references

TUESDAY = date(2026, 11, 24)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def dispose(cast, case: Case) -> None:
    with at(AFTER_WINDOW):
        casework.case_transition(
            actor=cast.owner, case=case, to_status="closed", reason="Resolved."
        )
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=365 * 7))
    case.refresh_from_db()
    retention.case_dispose(actor=cast.police_manager, case=case, reason="Past retention.")


@pytest.fixture
def disposed(cast, open_case):
    """A case new on Tuesday's sheet and linked from Wednesday's by a repeat and a nomination."""
    return open_case(BEFORE_WINDOW, address="9 Kiln Road", summary="Fly-tipping by the garages.")


@pytest.fixture
def kept(cast, open_case, disposed):
    case = open_case(IN_WINDOW, address="9 Kiln Road", summary="Noise from the flats.")
    with at(IN_WINDOW):
        services.nomination_add(
            actor=cast.owner, case=case, reason=f"Same address as {disposed.reference}."
        )
    return case


@pytest.fixture
def sheets(build, kept):
    return build(TUESDAY), build()


@pytest.fixture
def documents(cast, sheets, django_capture_on_commit_callbacks):
    tuesday, wednesday = sheets
    with django_capture_on_commit_callbacks(execute=True):
        single = services.document_request(actor=cast.police_manager, briefing=wednesday)
        export = services.document_export(
            actor=cast.police_manager, first_day=tuesday.day, last_day=wednesday.day
        )
    return [BriefingDocument.objects.get(pk=d.pk) for d in (single, export)]


def test_no_stored_row_names_the_disposed_case(cast, disposed, kept, sheets):
    reference = disposed.reference
    assert any(reference in json.dumps(item.cells) for item in BriefingItem.objects.all())
    dispose(cast, disposed)
    for item in BriefingItem.objects.all():
        assert reference not in json.dumps(item.cells) and item.case_reference != reference
    tuesday, wednesday = sheets
    assert references(cast.police_manager, wednesday, "new_cases") == [kept.reference]
    assert references(cast.police_manager, wednesday, "repeats") == []
    assert references(cast.police_manager, wednesday, "nominations") == []


def test_the_sheet_page_no_longer_shows_the_disposed_case(cast, disposed, sheets, client):
    reference = disposed.reference
    dispose(cast, disposed)
    client.force_login(cast.police_manager)
    for sheet in sheets:
        page = client.get(sheet.get_absolute_url()).content.decode()
        assert reference not in page and "Fly-tipping" not in page


def test_stored_pdfs_are_withdrawn_and_prepared_again_without_the_case(
    cast, disposed, kept, documents, client, django_capture_on_commit_callbacks
):
    reference = disposed.reference
    assert all(reference in pdf_text(bytes(d.content)) for d in documents)
    dispose(cast, disposed)
    client.force_login(cast.police_manager)
    for document in documents:
        document.refresh_from_db()
        assert document.content is None and reference not in document.case_references
        download = reverse("briefings:download", args=[document.pk])
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(download).url == reverse("briefings:document", args=[document.pk])
        response = client.get(download)
        assert response.status_code == 200
        text = pdf_text(response.content)
        assert reference not in text and "Fly-tipping" not in text
        assert kept.reference in text


def test_the_api_prepares_a_withdrawn_pdf_again(
    cast, disposed, documents, client, django_capture_on_commit_callbacks
):
    dispose(cast, disposed)
    client.force_login(cast.police_manager)
    document = documents[0]
    with django_capture_on_commit_callbacks(execute=True):
        pending = client.get(reverse("briefings-api:document-detail", args=[document.pk]))
    assert pending.json()["status"] == "preparing"
    download = reverse("briefings-api:document-download", args=[document.pk])
    response = client.get(download, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert disposed.reference not in pdf_text(response.content)


def test_a_pdf_still_being_prepared_at_disposal_is_not_kept_with_the_case(
    cast, disposed, sheets, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        document = services.document_request(actor=cast.police_manager, briefing=sheets[1])
    dispose(cast, disposed)
    for callback in pending:
        callback()
    document.refresh_from_db()
    assert document.status == BriefingDocument.Status.OUTDATED and document.content is None
    client.force_login(cast.police_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("briefings:document", args=[document.pk]))
    response = client.get(reverse("briefings:download", args=[document.pk]))
    assert disposed.reference not in pdf_text(response.content)
