"""The briefing PDF: what each reader may see, and nothing else, read back from the file."""

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefings import services
from briefings.documents import BriefingPdf
from briefings.models import BriefingDocument
from briefings.selectors import sheet_for_reader
from casework.models import CaseType

from .conftest import BEFORE_WINDOW, IN_WINDOW, at

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def briefing(cast, open_case, build):
    """A sheet with a case shared with the council, a police-only case, a health
    crisis and a nomination whose reason is police intelligence."""
    shared = open_case(
        IN_WINDOW, summary="Graffiti on the community centre.", share_with=[cast.council]
    )
    open_case(IN_WINDOW, summary="Police-only burglary series.")
    open_case(
        IN_WINDOW,
        case_type=CaseType.MENTAL_HEALTH,
        summary="Man on the footbridge.",
        detail={
            "presentation": "crisis",
            "rcrp_threshold": "risk_to_life",
            "decision_rationale": "Immediate risk.",
        },
        share_with=[cast.council],
    )
    with at(IN_WINDOW):
        services.nomination_add(
            actor=cast.owner,
            case=shared,
            reason="Informant names the tagger.",
            sensitivity="police_intelligence",
        )
    for number in range(60):  # enough rows to run over several pages
        open_case(
            BEFORE_WINDOW,
            summary=f"Older matter {number} " + "with a long description " * 4,
            next_review_on=BEFORE_WINDOW.date(),
        )
    return build()


def pdf_text(user, briefing) -> tuple[str, int]:
    content = BriefingPdf(sheets=[sheet_for_reader(user, briefing)], recipient=user).render()
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_a_council_partner_sees_shared_cases_and_nothing_else(cast, briefing):
    text, _ = pdf_text(cast.council_partner, briefing)
    assert "Graffiti on the community centre." in text
    assert "Police-only burglary series." not in text
    assert "Mental-health crisis" not in text
    assert "Informant names the tagger." not in text
    assert "Withheld" in text


def test_the_police_lead_sees_everything_they_are_cleared_for(cast, briefing):
    text, _ = pdf_text(cast.police_lead, briefing)
    for expected in (
        "Graffiti on the community centre.",
        "Police-only burglary series.",
        "Mental-health crisis",
        "Informant names the tagger.",
    ):
        assert expected in text


def test_an_agency_without_a_share_gets_an_empty_sheet(cast, briefing):
    text, _ = pdf_text(cast.fire_officer, briefing)
    assert "Graffiti" not in text and "burglary" not in text
    assert "Nothing to report." in text


def test_every_page_carries_the_classification_page_numbers_and_the_reader(cast, briefing):
    content = BriefingPdf(sheets=[sheet_for_reader(cast.owner, briefing)], recipient=cast.owner)
    reader = PdfReader(BytesIO(content.render()))
    total = len(reader.pages)
    assert total > 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count("OFFICIAL-SENSITIVE") >= 2
        assert f"Page {number} of {total}" in text
        assert cast.owner.get_full_name() in text
    first = reader.pages[0].extract_text()
    assert "Summary" in first and "New cases" in first
    assert reader.metadata.title == "Daily briefing"


def test_the_table_header_repeats_on_a_continued_page(cast, briefing):
    reader = PdfReader(
        BytesIO(
            BriefingPdf(
                sheets=[sheet_for_reader(cast.owner, briefing)], recipient=cast.owner
            ).render()
        )
    )
    pages_with_header = [p for p in reader.pages if "Review due" in p.extract_text()]
    assert len(pages_with_header) >= 2


def test_a_requested_pdf_is_rendered_after_commit_for_its_reader(
    cast, briefing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(actor=cast.council_partner, briefing=briefing)
        assert document.status == BriefingDocument.Status.PREPARING
    document.refresh_from_db()
    assert document.status == BriefingDocument.Status.READY
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(bytes(document.content))).pages)
    assert "Graffiti on the community centre." in text
    assert "Police-only burglary series." not in text


def test_the_first_page_as_an_image_for_a_person_to_check(cast, briefing):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no PNG of the briefing made")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "briefing.pdf"
    pdf.write_bytes(
        BriefingPdf(
            sheets=[sheet_for_reader(cast.police_lead, briefing)], recipient=cast.police_lead
        ).render()
    )
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "2",
            str(pdf),
            str(ARTIFACTS / "briefing-page"),
        ],
        check=True,
        timeout=60,
    )
    assert (ARTIFACTS / "briefing-page-1.png").stat().st_size > 10_000
