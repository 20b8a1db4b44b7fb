"""Helpers for briefing tests: cases made at a chosen moment, and sheets read back."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from briefings import selectors, services
from casework import services as casework
from casework.models import CaseType, LawfulBasis

LONDON = ZoneInfo("Europe/London")
# Wednesday 25 November 2026: its window runs from Tuesday 07:30 to Wednesday 07:30.
DAY = date(2026, 11, 25)
IN_WINDOW = datetime(2026, 11, 24, 16, 0, tzinfo=LONDON)
BEFORE_WINDOW = datetime(2026, 11, 23, 16, 0, tzinfo=LONDON)
AFTER_WINDOW = datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def open_case(cast):
    """Open a case as ``actor`` (the police owner by default) at ``when``."""

    def make(
        when: datetime = BEFORE_WINDOW,
        *,
        actor=None,
        case_type: str = CaseType.OTHER,
        share_with=None,
        **fields,
    ):
        actor = actor or cast.owner
        fields.setdefault("summary", f"{case_type} case opened {when:%d %b %H:%M}")
        fields.setdefault("status", "open")
        with at(when):
            case = casework.case_open(actor=actor, case_type=case_type, **fields)
            for agency in share_with or []:
                casework.case_share(
                    actor=actor,
                    case=case,
                    agency=agency,
                    reason="Working it together.",
                    lawful_basis=LawfulBasis.CONSENT,
                )
        return case

    return make


@pytest.fixture
def build(db):
    """Build the sheet for ``day`` as the scheduler would, at its briefing time."""

    def make(day: date = DAY):
        with at(datetime.combine(day, time(7, 30), LONDON)):
            return services.briefing_build(day=day)

    return make


def rows(user, briefing, key: str) -> list:
    """The rows of one section as ``user`` reads them."""
    sheet = selectors.sheet_for_reader(user, briefing)
    return next(section.rows for section in sheet.sections if section.key == key)


def references(user, briefing, key: str) -> list[str]:
    return [row.reference for row in rows(user, briefing, key)]
