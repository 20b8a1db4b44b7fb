"""The daily briefing as a printed document, on the casebook's base document
(``casework.documents.OfficialDocument``)."""

from datetime import datetime

from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from casework.documents import OfficialDocument

# --- The daily briefing ------------------------------------------------------------------------


def _plain(value) -> str:
    if isinstance(value, list):
        return ", ".join(link.reference for link in value) or "None you may see"
    return value


class BriefingPdf(OfficialDocument):
    """One or more sheets, each as its reader may see it (``selectors.ReaderSheet``)."""

    def __init__(self, *, sheets, recipient, generated_at: datetime | None = None):
        super().__init__(recipient=recipient, generated_at=generated_at)
        self.sheets = list(sheets)
        first, last = self.sheets[0].briefing.day, self.sheets[-1].briefing.day
        self.title = "Daily briefing" if first == last else "Daily briefings"
        self._dates = (
            f"{first:%A %d %B %Y}" if first == last else f"{first:%d %B %Y} to {last:%d %B %Y}"
        )

    def subtitle(self) -> str:
        return self._dates

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, sheet in enumerate(self.sheets):
            if index:
                story.append(PageBreak())
            story.extend(self._sheet(sheet))
        return story

    def _sheet(self, sheet) -> list[Flowable]:
        briefing = sheet.briefing
        start = timezone.localtime(briefing.window_start)
        end = timezone.localtime(briefing.window_end)
        story = [
            self.text(f"Daily briefing: {briefing.day:%A %d %B %Y}", "title"),
            self.text(f"Covers {start:%A %d %B %H:%M} to {end:%A %d %B %H:%M}", "subtitle"),
            self.text(
                "This copy shows only the cases and details your role may see; "
                "other readers' copies may differ. Do not copy or pass it on.",
                "note",
            ),
            self.heading("Summary", 2),
            self.table(
                [("Section", 4), ("Items", 1)],
                [(title, str(count)) for title, count in sheet.counts],
                share=0.5,
            ),
        ]
        for section in sheet.sections:
            story.extend(self._section(section))
        return story

    def _section(self, section) -> list[Flowable]:
        heading = [self.heading(f"{section.title} ({len(section.rows)})")]
        if section.description:
            heading.append(self.text(section.description, "note"))
        if section.limit_note:
            heading.append(self.text(section.limit_note, "note"))
        if not section.rows:
            return [KeepTogether([*heading, self.text("Nothing to report.", "note")])]
        columns = [(title, width) for _, title, width in section.columns]
        rows = [[_plain(value) for value in row.cells] for row in section.rows]
        groups = [row.group for row in section.rows] if any(r.group for r in section.rows) else None
        return [*heading, Spacer(1, 2 * mm), self.table(columns, rows, groups=groups)]
