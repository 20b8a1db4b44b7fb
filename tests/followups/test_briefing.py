"""The daily briefing lists victims owed an update, as at the briefing time,
to readers who may see the case."""

from datetime import datetime, time

from briefings import services as briefings
from casework import services as casework_services
from casework.models import CaseType
from followups import services

from ..briefings.conftest import DAY, LONDON, at, references, rows


def _case_with_victim(cast, when, *, enhanced: bool):
    with at(when):
        case = casework_services.case_open(
            actor=cast.owner,
            case_type=CaseType.OTHER,
            summary="Criminal damage to a car.",
            lead_officer=cast.owner,
            status="open",
            risk_level="high" if enhanced else "standard",
        )
        person, _ = casework_services.person_find_or_create(
            actor=cast.owner, given_name="Amy", family_name=f"Jones{case.pk}"
        )
        casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    return case


def _build():
    with at(datetime.combine(DAY, time(7, 30), LONDON)):
        return briefings.briefing_build(day=DAY)


def test_victims_owed_an_update_soon_are_on_the_sheet(cast):
    # Monday 23 November: the enhanced victim's update is due by the end of Tuesday
    # (overdue by Wednesday's sheet); the standard one's not until Monday 30th.
    monday = datetime(2026, 11, 23, 11, 0, tzinfo=LONDON)
    overdue = _case_with_victim(cast, monday, enhanced=True)
    later = _case_with_victim(cast, monday, enhanced=False)
    sheet = _build()
    owed = rows(cast.owner, sheet, "victims_owed_update")
    first = [r.cells for r in owed if r.reference == overdue.reference]
    assert any("Overdue" in cells and "Recorded as a victim" in cells[2] for cells in first)
    # The standard victim's key-event update is not due yet; only the referral (Wednesday).
    second = [r.cells[2] for r in owed if r.reference == later.reference]
    assert second == ["Referral to victim support: Referral to victim support"]
    assert references(cast.fire_officer, sheet, "victims_owed_update") == []


def test_an_update_given_before_the_briefing_is_off_the_sheet(cast):
    monday = datetime(2026, 11, 23, 11, 0, tzinfo=LONDON)
    case = _case_with_victim(cast, monday, enhanced=True)
    with at(monday.replace(hour=15)):
        services.contact_record(
            actor=cast.owner, plan=case.contact_plans.get(), summary="Called her."
        )
    sheet = _build()
    owed = [
        r for r in rows(cast.owner, sheet, "victims_owed_update") if r.reference == case.reference
    ]
    # Only the referral to victim support (due Wednesday) is left.
    assert [r.cells[2] for r in owed] == ["Referral to victim support: Referral to victim support"]
