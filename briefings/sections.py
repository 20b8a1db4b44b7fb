"""The registry of briefing sections.

A section is a small object that says what it is called, where it goes on the
sheet, its columns, and how to select its rows for a window of time. The
builder asks every registered section for its rows and stores them as the
snapshot; readers' copies are cut down later by the access policy, so a
section selects across all cases and never filters by user itself.

Registering a section from another app
--------------------------------------
In that app's ``AppConfig.ready()``::

    from briefings.sections import Column, Row, Section, register

    def _owed_an_update(window):
        for case in ...:  # a plain query over all cases, as at window.as_of
            yield Row(case=case, cells={"reference": case.reference, "due": "..."})

    register(Section(
        key="victims_owed_update",          # unique slug, stored with the snapshot
        title="Victims owed an update",
        order=75,                            # sections sort by order (standard ones: 10..90)
        columns=(Column("reference", "Case"), Column("due", "Update due")),
        select=_owed_an_update,
    ))

Contract of ``select(window) -> Iterable[Row]``:

- ``window`` is a :class:`briefings.windows.Window` (``day``, ``start``, ``end``,
  ``as_of``); describe the state of things at ``window.as_of``.
- Every row names the ``case`` it is about: the row is shown only to readers who
  may see that case (a restricted case only to its grantees).
- A cell is a plain value (standard sensitivity) or ``Cell(value, sensitivity)``:
  a reader not cleared for that sensitivity sees "Withheld" in its place.
  ``CaseLinks`` lists further cases; each is shown only to readers who may see it,
  and a row with links is shown to readers who may see its case or any linked one
  (a repeat victim is news to every agency holding one of the reports).
  ``CaseCount`` is a number of cases: each reader sees how many of them they may see;
  with ``notes`` ((at least, text), highest first) the reader sees instead the text
  for the highest threshold their count meets, so a note never counts hidden cases.
- ``Row.sensitivity`` hides the whole row from readers not cleared for it; use
  it when the row's presence itself reveals the sensitive fact.
- Values are stored as text (dates and numbers are formatted by the section).
- The sheet keeps at most ``BRIEFING_SECTION_LIMIT`` rows of a section, in the order
  they are yielded, and says so when it stops: yield the most pressing first, and pass
  each query through ``limited(queryset)`` so that rows past the limit are never fetched.

Registering the same key twice from the same module replaces the entry (so a
reloaded module is harmless); a second module claiming a key is an error.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from casework.models import Case
from partners.models import Sensitivity


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: float = 1.0  # relative width in the PDF


@dataclass(frozen=True)
class Cell:
    value: Any
    sensitivity: str = Sensitivity.STANDARD.value


@dataclass(frozen=True)
class CaseLinks:
    """Other cases a row refers to: ``[(case id, reference), ...]``."""

    cases: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class CaseCount:
    """How many of ``cases`` (``[(case id, reference), ...]``) the reader may see, followed by
    ``label``; a count of them all would tell a reader of cases kept from them."""

    cases: tuple[tuple[int, str], ...]
    label: str = ""
    notes: tuple[tuple[int, str], ...] = ()


@dataclass
class Row:
    case: Case
    cells: dict[str, Any]
    sensitivity: str = Sensitivity.STANDARD.value
    group: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    columns: tuple[Column, ...]
    select: Callable[..., Iterable[Row]] = field(compare=False)
    description: str = ""


_REGISTRY: dict[str, Section] = {}


def limited(queryset: QuerySet) -> QuerySet:
    """``queryset`` (ordered) cut to one row more than a sheet holds of a section: enough for
    the builder to know the section is longer, and no more for the database to find."""
    return queryset[: settings.BRIEFING_SECTION_LIMIT + 1]


def register(section: Section) -> Section:
    existing = _REGISTRY.get(section.key)
    if existing is not None and existing.select.__module__ != section.select.__module__:
        raise ImproperlyConfigured(
            f"Briefing section {section.key!r} is already registered by "
            f"{existing.select.__module__}."
        )
    _REGISTRY[section.key] = section
    return section


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def registered() -> list[Section]:
    """Every registered section, in sheet order."""
    return sorted(_REGISTRY.values(), key=lambda section: (section.order, section.key))
