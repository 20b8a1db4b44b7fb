"""Reads of briefings, each reader's copy cut down by the access policy.

The snapshot stores every row with its case and the sensitivity of each piece;
here a row is kept only if the reader may see its case now (a restricted case
only for its grantees) and may read the row's sensitivity, and each piece the
reader is not cleared for is replaced by ``WITHHELD``.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from casework import access
from casework.models import Case
from partners.rules import membership_of

from .models import Briefing, BriefingDocument, BriefingItem, BriefingSection, Discussion

WITHHELD = "Withheld"


@dataclass(frozen=True)
class ReaderCaseLink:
    case_id: int
    reference: str


class CaseLinkList(list):
    """The cases a cell refers to that the reader may see (``ReaderCaseLink`` items)."""

    is_links = True


@dataclass
class ReaderRow:
    case_id: int
    reference: str
    group: str
    # One entry per column: text, or a CaseLinkList for a "cases" cell.
    cells: list
    keys: list[str] = field(default_factory=list)

    @property
    def keyed(self) -> list[tuple[str, object]]:
        return list(zip(self.keys, self.cells, strict=True))


@dataclass
class ReaderSection:
    key: str
    title: str
    description: str
    columns: list[tuple[str, str, float]]
    rows: list[ReaderRow] = field(default_factory=list)
    # The sheet kept only this many rows of the section (across all agencies), or None.
    row_limit: int | None = None

    @property
    def limit_note(self) -> str:
        if self.row_limit is None:
            return ""
        return (
            f"The sheet holds {self.row_limit:,} rows of this section, the most pressing "
            "first; there were more when it was built. Find the rest in the case list."
        )


@dataclass
class ReaderSheet:
    briefing: Briefing
    sections: list[ReaderSection]

    @property
    def counts(self) -> list[tuple[str, int]]:
        return [(section.title, len(section.rows)) for section in self.sections]

    @property
    def case_references(self) -> list[str]:
        return sorted({row.reference for section in self.sections for row in section.rows})


def briefing_list() -> QuerySet[Briefing]:
    """Every sheet, newest first. That a sheet exists reveals nothing about cases."""
    return Briefing.objects.select_related("built_by").order_by("-day")


def _stored_sections(briefing: Briefing) -> list[BriefingSection]:
    items = BriefingItem.objects.order_by("position")
    return list(
        briefing.sections.order_by("order", "key").prefetch_related(
            Prefetch("items", queryset=items)
        )
    )


def _case_ids(sections: list[BriefingSection]) -> set[int]:
    ids = set()
    for section in sections:
        for item in section.items.all():
            if item.case_id:
                ids.add(item.case_id)
            ids |= _cell_ids(item, "cases") | _cell_ids(item, "count")
    return ids


def _visible_ids(user, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    visible = access.visible_cases(user, Case.objects.filter(pk__in=ids))
    return set(visible.values_list("pk", flat=True))


def _cut_cell(cell: dict | None, readable: set[str], visible: set[int]):
    if cell is None:
        return ""
    if cell.get("s", "standard") not in readable:
        return WITHHELD
    if cell.get("t") == "cases":
        return CaseLinkList(ReaderCaseLink(pk, ref) for pk, ref in cell["v"] if pk in visible)
    if cell.get("t") == "count":
        count = sum(1 for pk, _ in cell["v"] if pk in visible)
        if "notes" in cell:
            return next((text for least, text in cell["notes"] if count >= least), "")
        return f"{count} {cell.get('label', '')}".strip()
    return cell["v"]


def _cell_ids(item: BriefingItem, kind: str) -> set[int]:
    """The cases named by the row's cells of ``kind`` ("cases" for links, "count")."""
    ids = set()
    for cell in item.cells.values():
        if cell.get("t") == kind:
            ids.update(pair[0] for pair in cell["v"])
    return ids


def _linked_ids(item: BriefingItem) -> set[int]:
    return _cell_ids(item, "cases")


def _row_visible(item: BriefingItem, readable: set[str], visible: set[int]) -> bool:
    """The reader may read the row's sensitivity and see its case, or, for a row
    about several cases (a repeat victim), at least one of them."""
    if item.sensitivity not in readable:
        return False
    return item.case_id in visible or bool(_linked_ids(item) & visible)


def _cut_section(section: BriefingSection, readable: set[str], visible: set[int]):
    keys = [column[0] for column in section.columns]
    cut = ReaderSection(
        key=section.key,
        title=section.title,
        description=section.description,
        columns=[tuple(column) for column in section.columns],
        row_limit=section.row_limit,
    )
    for item in section.items.all():
        if not _row_visible(item, readable, visible):
            continue
        cells = [_cut_cell(item.cells.get(key), readable, visible) for key in keys]
        case_id, reference = _named_case(item, visible)
        cut.rows.append(ReaderRow(case_id, reference, item.group, cells, keys))
    return cut


def _named_case(item: BriefingItem, visible: set[int]) -> tuple[int, str]:
    """The case a row is filed under for this reader: its own, or, when a repeat row is
    about a case they may not see, the first of its other cases that they may."""
    if item.case_id in visible:
        return item.case_id, item.case_reference
    for cell in item.cells.values():
        if cell.get("t") == "cases":
            for pk, reference in cell["v"]:
                if pk in visible:
                    return pk, reference
    raise ValueError("A row with no case the reader may see is never shown.")


def discussions_for_reader(user, meeting) -> QuerySet:
    """The meeting's discussions of cases ``user`` may see now: the decisions about a case
    are no more open than the case."""
    if meeting is None:
        return Discussion.objects.none()
    return meeting.discussions.filter(
        case__in=access.visible_cases(user).values("pk")
    ).prefetch_related("actions__assigned_agency")


def sheet_for_reader(user, briefing: Briefing) -> ReaderSheet:
    """The sheet as ``user`` may read it now: two queries for the snapshot, one for access."""
    sections = _stored_sections(briefing)
    if membership_of(user) is None:
        return ReaderSheet(briefing=briefing, sections=[])
    visible = _visible_ids(user, _case_ids(sections))
    readable = access.readable_sensitivities(user)
    return ReaderSheet(
        briefing=briefing,
        sections=[_cut_section(section, readable, visible) for section in sections],
    )


def sheets_for_reader(user, first_day: date, last_day: date) -> list[ReaderSheet]:
    briefings = Briefing.objects.filter(day__gte=first_day, day__lte=last_day).order_by("day")
    return [sheet_for_reader(user, briefing) for briefing in briefings]


def document_for_reader(user, pk: int) -> BriefingDocument:
    """A PDF is its requester's alone: anyone else gets 404."""

    try:
        return BriefingDocument.objects.get(pk=pk, requested_by=user)
    except BriefingDocument.DoesNotExist:
        raise Http404("No such document.") from None
