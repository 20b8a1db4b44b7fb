"""The briefing asks for an answer to every referral still waiting at briefing time."""

from datetime import datetime

from casework import services as casework
from casework.models import LawfulBasis

from .conftest import AFTER_WINDOW, BEFORE_WINDOW, LONDON, at, references, rows

# Monday 23 November 16:00 plus eight working hours: due Tuesday 16:00, late by Wednesday.
REFERRED = BEFORE_WINDOW


def refer(cast, case, when=REFERRED):
    with at(when):
        return casework.referral_propose(
            actor=cast.owner,
            case=case,
            agency=cast.fire,
            reason="The fire risk at the flat leads now.",
            lawful_basis=LawfulBasis.CONSENT,
        )


def test_an_unanswered_referral_is_on_the_sheet_with_its_hours_overdue(cast, open_case, build):
    case = open_case()
    refer(cast, case)
    got = {row.reference: dict(row.keyed) for row in rows(cast.owner, build(), "referrals")}
    assert got[case.reference]["to_agency"] == cast.fire.name
    assert got[case.reference]["state"] == "Unanswered, 15 hours overdue"


def test_a_referral_made_after_briefing_time_waits_for_tomorrow(cast, open_case, build):
    case = open_case()
    refer(cast, case, when=AFTER_WINDOW)
    assert case.reference not in references(cast.owner, build(), "referrals")


def test_a_referral_answered_before_the_meeting_is_off_the_sheet(cast, open_case, build):
    answered, waiting = open_case(), open_case()
    referral = refer(cast, answered)
    refer(cast, waiting)
    with at(datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)):
        casework.referral_accept(actor=cast.fire_officer, referral=referral)
    assert references(cast.owner, build(), "referrals") == [waiting.reference]


def test_the_sheet_keeps_a_referral_from_those_who_cannot_see_the_case(cast, open_case, build):
    case = open_case()
    refer(cast, case)
    briefing = build()
    assert case.reference in references(cast.fire_officer, briefing, "referrals")
    assert case.reference not in references(cast.health_officer, briefing, "referrals")
