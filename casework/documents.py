"""Printed documents: a base class for the page furniture every ICST PDF carries (the
daily briefing in ``briefings.documents`` is built on it), and the subject access
disclosure.

A subclass sets ``title`` and writes ``story()`` from content a selector has
already cut down for the reader; the base draws the classification in header
and footer, the title, "page X of Y", when it was generated and for whom, and
offers helpers for headings, wrapped text and tables whose header row repeats
on every page. For example, a subject-access pack::

    class SubjectAccessPdf(OfficialDocument):
        title = "Subject access disclosure"

        def __init__(self, *, export, recipient):
            super().__init__(recipient=recipient)
            self.export = export

        def story(self):
            return [self.heading("Cases"), self.table(columns, rows)]

    pdf_bytes = SubjectAccessPdf(export=data, recipient=request.user).render()
"""

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from partners.rules import membership_of

CLASSIFICATION = "OFFICIAL-SENSITIVE"
INK = colors.HexColor("#0b0c0c")
BRAND = colors.HexColor("#1d70b8")
RULE = colors.HexColor("#b1b4b6")
STRIPE = colors.HexColor("#f3f2f1")
SECONDARY = colors.HexColor("#505a5f")
CELL_FONT, CELL_SIZE, CELL_PADDING = "Helvetica", 8.5, 8


def _style(name: str, **overrides) -> ParagraphStyle:
    base = {"fontName": "Helvetica", "fontSize": 9, "leading": 11.5, "textColor": INK}
    return ParagraphStyle(name, **{**base, **overrides})


STYLES = {
    "title": _style("title", fontName="Helvetica-Bold", fontSize=20, leading=24, spaceAfter=4),
    "subtitle": _style("subtitle", fontSize=11, leading=14, textColor=SECONDARY, spaceAfter=10),
    "h1": _style("h1", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=10,
                 keepWithNext=1),
    "h2": _style("h2", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6),
    "body": _style("body", fontSize=10, leading=13, spaceAfter=4),
    "note": _style("note", fontSize=9, leading=11.5, textColor=SECONDARY, spaceAfter=4),
    "cell": _style("cell", fontSize=8.5, leading=10.5),
    "head": _style("head", fontName="Helvetica-Bold", fontSize=8.5, leading=10.5,
                   textColor=colors.white),
    "group": _style("group", fontName="Helvetica-Bold", fontSize=8.5, leading=10.5),
}  # fmt: skip


class _PagedCanvas(Canvas):
    """Holds every page back until the end, so each can say "page X of Y"."""

    def __init__(self, *args, furniture, **kwargs):
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held_pages)
        for number, page in enumerate(self._held_pages, start=1):
            self.__dict__.update(page)
            self._furniture(self, number, total)
            super().showPage()
        super().save()


class OfficialDocument:
    """A classified PDF for one named reader. Subclasses set ``title`` and ``story()``."""

    title = "Document"
    classification = CLASSIFICATION
    pagesize = landscape(A4)
    margin = 15 * mm

    def __init__(self, *, recipient, generated_at: datetime | None = None):
        self.recipient = recipient
        self.generated_at = timezone.localtime(generated_at or timezone.now())

    # --- For subclasses --------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def subtitle(self) -> str:
        return ""

    # --- Building blocks -------------------------------------------------------------------

    @staticmethod
    def text(value: str, style: str = "body") -> Paragraph:
        """Wrapped text; what the user wrote is escaped, never read as markup."""
        return Paragraph(escape(str(value)).replace("\n", "<br/>"), STYLES[style])

    def heading(self, value: str, level: int = 1) -> Paragraph:
        return self.text(value, "h1" if level == 1 else "h2")

    def title_block(self) -> list[Flowable]:
        blocks = [self.text(self.title, "title")]
        if self.subtitle():
            blocks.append(self.text(self.subtitle(), "subtitle"))
        return blocks

    @property
    def frame_width(self) -> float:
        # The frame keeps 6pt of padding on each side inside the margins.
        return self.pagesize[0] - 2 * self.margin - 12

    def _cell(self, value, width: float) -> Paragraph | str:
        """Text that fits the column stays a plain string: paragraphs are only for
        wrapping, and drawing thousands of them is the slow part of a long document."""
        value = "" if value is None else str(value)
        fits = stringWidth(value, CELL_FONT, CELL_SIZE) <= width - CELL_PADDING
        if fits and "\n" not in value:
            return value
        return self.text(value, "cell")

    def table(
        self,
        columns: Sequence[tuple[str, float]],
        rows: Sequence[Sequence],
        *,
        groups: Sequence[str] | None = None,
        share: float = 1.0,
    ) -> Table:
        """A table of ``(title, relative width)`` columns whose header repeats on each page.

        ``groups`` (one label per row) adds a sub-heading row where the label changes;
        ``share`` is the fraction of the page width the table takes.
        """
        total = sum(width for _, width in columns) or 1
        widths = [self.frame_width * share * width / total for _, width in columns]
        data = [[self.text(title, "head") for title, _ in columns]]
        commands = []
        previous = None
        for index, row in enumerate(rows):
            label = groups[index] if groups else None
            if label is not None and label != previous:
                commands.append(("SPAN", (0, len(data)), (-1, len(data))))
                commands.append(("BACKGROUND", (0, len(data)), (-1, len(data)), STRIPE))
                data.append([self.text(label, "group")] + [""] * (len(columns) - 1))
                previous = label
            data.append([self._cell(value, w) for value, w in zip(row, widths, strict=True)])
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(self._table_style() + commands))
        return table

    @staticmethod
    def _table_style() -> list[tuple]:
        return [
            ("BACKGROUND", (0, 0), (-1, 0), BRAND),
            ("FONTNAME", (0, 1), (-1, -1), CELL_FONT),
            ("FONTSIZE", (0, 1), (-1, -1), CELL_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]

    # --- Page furniture --------------------------------------------------------------------

    def recipient_name(self) -> str:
        name = self.recipient.get_full_name() or self.recipient.get_username()
        membership = membership_of(self.recipient)
        return f"{name}, {membership.agency.name}" if membership else name

    def _furniture(self, canvas: Canvas, number: int, total: int) -> None:
        width, height = self.pagesize
        left, right = self.margin + 6, width - self.margin - 6  # in line with the frame
        canvas.saveState()
        canvas.setFillColor(INK)
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawCentredString(width / 2, height - 9 * mm, self.classification)
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(SECONDARY)
        canvas.drawString(left, height - 9 * mm, self.title)
        canvas.drawRightString(width - left, height - 9 * mm, self.subtitle())
        canvas.setStrokeColor(BRAND)
        canvas.setLineWidth(1.5)
        canvas.line(left, height - 11 * mm, width - left, height - 11 * mm)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, 12 * mm, right, 12 * mm)
        generated = f"Generated {self.generated_at:%d %B %Y %H:%M} for {self.recipient_name()}"
        canvas.drawString(left, 8 * mm, generated)
        canvas.drawRightString(right, 8 * mm, f"Page {number} of {total}")
        canvas.setFillColor(INK)
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawCentredString(width / 2, 8 * mm, self.classification)
        canvas.restoreState()

    def render(self) -> bytes:
        buffer = BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin + 3 * mm,
            bottomMargin=self.margin + 2 * mm,
            title=self.title,
            subject=self.classification,
            author="ICST casebook",
            creator="ICST casebook",
        )
        canvasmaker = partial(_PagedCanvas, furniture=self._furniture)
        document.build(self.story(), canvasmaker=canvasmaker)
        return buffer.getvalue()


# --- The subject access disclosure ------------------------------------------------------


class SubjectAccessPdf(OfficialDocument):
    """What ``casework.subject_access.subject_access_export`` allows to be disclosed."""

    title = "Subject access disclosure"

    def __init__(self, *, export: dict, recipient):
        super().__init__(recipient=recipient)
        self.export = export

    def subtitle(self) -> str:
        person = self.export["person"]
        name = " ".join(filter(None, [person.get("given_name"), person.get("family_name")]))
        cases = len(self.export["cases"])
        return f"{name}: {cases} case{'s' if cases != 1 else ''} held"

    def story(self):
        blocks = [
            *self.title_block(),
            self.text(
                "Third parties are shown as [third party]. Entries withheld under an "
                "exemption are listed for the reviewer and must not be disclosed without review.",
                "note",
            ),
            self.heading("Personal details"),
            self.table(
                [("Detail", 1), ("Held", 3)],
                [(self._label(key), value or "") for key, value in self.export["person"].items()],
                share=0.6,
            ),
            *self._flags(self.export.get("vulnerability_flags") or []),
        ]
        for case in self.export["cases"]:
            blocks += self._case(case)
        return blocks

    def _flags(self, flags: list[dict]) -> list:
        if not flags:
            return []
        rows = [
            (
                flag["vulnerability"],
                flag["noted_on"],
                f"Ended {flag['ended_on']}: {flag['end_reason']}"
                if flag["ended_on"]
                else f"Review by {flag['review_by']}",
                flag["justification"],
            )
            for flag in flags
        ]
        return [
            self.heading("Vulnerabilities recorded", level=2),
            self.table(
                [("Vulnerability", 1.5), ("Identified", 1), ("State", 1.5), ("Why", 3)], rows
            ),
        ]

    def _case(self, case: dict) -> list:
        facts = (
            f"{case['type']}, led by {case['lead_agency']}. Part: {case['role']}. "
            f"Status: {case['status']}. Reported {case['reported_at'][:10]}."
        )
        rows = [
            (entry["at"][:16].replace("T", " "), entry.get("kind", "Withheld"), self._said(entry))
            for entry in case["entries"]
        ]
        return [
            self.heading(f"Case {case['reference']}"),
            self.text(facts),
            self.text(case["summary"]),
            self.table([("When", 1.2), ("Kind", 1), ("Entry", 6)], rows),
            *self._contact_plan(case.get("contact_plan")),
            *self._messages(case.get("messages") or []),
            *self._status_links(case.get("status_links") or []),
            *self._contact_requests(case.get("contact_requests") or []),
        ]

    def _contact_plan(self, plan: dict | None) -> list:
        if not plan:
            return []
        rows = [(self._label(key), value) for key, value in plan.items()]
        return [
            self.heading("Contact plan", level=2),
            self.table([("Detail", 1), ("Held", 3)], rows, share=0.6),
        ]

    def _messages(self, messages: list[dict]) -> list:
        if not messages:
            return []
        rows = [
            (
                (message["sent_at"] or message["queued_at"])[:16].replace("T", " "),
                f"{message['channel']} to {message['to']}" if message["to"] else message["channel"],
                message["status"],
                f"{message['subject']}\n{message['body']}",
            )
            for message in messages
        ]
        columns = [("When", 1.2), ("Sent by", 1.6), ("Status", 1), ("Message", 5)]
        return [self.heading("Messages sent", level=2), self.table(columns, rows)]

    def _status_links(self, links: list[dict]) -> list:
        if not links:
            return []
        rows = [
            (_when(link["issued_at"]), _when(link["expires_at"]), _when(link["revoked_at"]))
            for link in links
        ]
        columns = [("Issued", 1), ("Expires", 1), ("Revoked", 1)]
        return [self.heading("Status page links", level=2), self.table(columns, rows, share=0.6)]

    def _contact_requests(self, requests: list[dict]) -> list:
        if not requests:
            return []
        rows = [(_when(asked["at"]), asked["message"] or "(no message)") for asked in requests]
        return [
            self.heading("Requests for contact", level=2),
            self.table([("When", 1.2), ("Message", 6)], rows),
        ]

    @staticmethod
    def _said(entry: dict) -> str:
        return entry.get("text") or entry.get("withheld", "")

    @staticmethod
    def _label(key: str) -> str:
        return key.replace("_", " ").capitalize()


def _when(moment: str | None) -> str:
    return moment[:16].replace("T", " ") if moment else ""
