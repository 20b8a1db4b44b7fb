"""Each standard section's selection rules, read back from the stored sheet."""

from datetime import date, datetime, timedelta

import pytest

from briefings import services
from casework import services as casework
from casework.models import CaseType

from .conftest import AFTER_WINDOW, BEFORE_WINDOW, DAY, IN_WINDOW, LONDON, at, references, rows


def missing(grade="high", *, last_seen=BEFORE_WINDOW, child=False):
    return {
        "risk_grade": grade,
        "grade_rationale": "Vulnerable and without medication.",
        "last_seen_at": last_seen,
        "last_seen_place": "Eastbridge bus station",
        "is_child": child,
    }


def crisis(presentation="crisis"):
    return {
        "presentation": presentation,
        "rcrp_threshold": "risk_to_life",
        "decision_rationale": "Threatening to jump from the bridge.",
    }


# --- New cases -----------------------------------------------------------------------------


def test_new_cases_are_those_logged_in_the_window(cast, open_case, build):
    before = open_case(BEFORE_WINDOW)
    inside = open_case(IN_WINDOW)
    after = open_case(AFTER_WINDOW)
    got = references(cast.owner, build(), "new_cases")
    assert inside.reference in got
    assert before.reference not in got
    assert after.reference not in got


def test_mondays_new_cases_include_the_weekend(cast, open_case, build):
    saturday = open_case(datetime(2026, 11, 21, 22, 0, tzinfo=LONDON))
    friday_morning = open_case(datetime(2026, 11, 20, 7, 0, tzinfo=LONDON))
    got = references(cast.owner, build(date(2026, 11, 23)), "new_cases")
    assert got == [saturday.reference]
    assert friday_morning.reference not in got


# --- High risk -----------------------------------------------------------------------------


def test_high_risk_takes_medium_and_high_missing_persons_with_hours_missing(cast, open_case, build):
    last_seen = datetime(2026, 11, 24, 19, 30, tzinfo=LONDON)
    high = open_case(case_type=CaseType.MISSING_PERSON, detail=missing("high", last_seen=last_seen))
    medium = open_case(case_type=CaseType.MISSING_PERSON, detail=missing("medium"))
    low = open_case(case_type=CaseType.MISSING_PERSON, detail=missing("low"))
    got = {row.reference: row for row in rows(cast.owner, build(), "high_risk")}
    assert high.reference in got and medium.reference in got
    assert low.reference not in got
    assert "Missing 12 hours" in got[high.reference].cells[2]


def test_a_returned_missing_person_is_no_longer_high_risk(cast, open_case, build):
    case = open_case(case_type=CaseType.MISSING_PERSON, detail=missing("high"))
    with at(IN_WINDOW):
        casework.missing_person_returned(actor=cast.owner, case=case, returned_at=IN_WINDOW)
    assert case.reference not in references(cast.owner, build(), "high_risk")


def test_high_risk_takes_high_risk_asb_and_mental_health_crises(cast, open_case, build):
    asb_high = open_case(
        case_type=CaseType.ASB, detail={"category": "personal", "victim_risk": "high"}
    )
    asb_case_high = open_case(
        case_type=CaseType.ASB, risk_level="high", detail={"category": "nuisance"}
    )
    asb_medium = open_case(
        case_type=CaseType.ASB, detail={"category": "personal", "victim_risk": "medium"}
    )
    in_crisis = open_case(case_type=CaseType.MENTAL_HEALTH, detail=crisis())
    concern = open_case(case_type=CaseType.MENTAL_HEALTH, detail=crisis("concern"))
    got = references(cast.police_lead, build(), "high_risk")
    assert {asb_high.reference, asb_case_high.reference, in_crisis.reference} <= set(got)
    assert asb_medium.reference not in got
    assert concern.reference not in got


def test_closed_cases_are_not_high_risk(cast, open_case, build):
    case = open_case(case_type=CaseType.ASB, risk_level="high", detail={"category": "nuisance"})
    with at(IN_WINDOW):
        casework.case_transition(
            actor=cast.owner, case=case, to_status="closed", reason="Resolved."
        )
    assert case.reference not in references(cast.owner, build(), "high_risk")


# --- Missing persons and return home interviews ----------------------------------------------


def test_open_missing_persons_are_everyone_not_yet_returned(cast, open_case, build):
    still_missing = open_case(case_type=CaseType.MISSING_PERSON, detail=missing("low"))
    back = open_case(case_type=CaseType.MISSING_PERSON, detail=missing("high"))
    with at(IN_WINDOW):
        casework.missing_person_returned(actor=cast.owner, case=back, returned_at=IN_WINDOW)
    got = {row.reference: row for row in rows(cast.owner, build(), "open_missing")}
    assert list(got) == [still_missing.reference]
    assert got[still_missing.reference].cells[4] == "39"  # hours since Monday 16:00


def test_return_home_interviews_due_today_or_overdue(cast, open_case, build):
    def returned_child(returned_at):
        last_seen = datetime(2026, 11, 20, 9, 0, tzinfo=LONDON)
        case = open_case(
            last_seen,
            case_type=CaseType.MISSING_PERSON,
            detail=missing(child=True, last_seen=last_seen),
        )
        with at(returned_at):
            casework.missing_person_returned(actor=cast.owner, case=case, returned_at=returned_at)
        return case

    overdue = returned_child(datetime(2026, 11, 21, 20, 0, tzinfo=LONDON))  # due Tue 20:00
    due_today = returned_child(datetime(2026, 11, 22, 18, 0, tzinfo=LONDON))  # due Wed 18:00
    not_yet = returned_child(datetime(2026, 11, 23, 18, 0, tzinfo=LONDON))  # due Thu
    done = returned_child(datetime(2026, 11, 21, 20, 0, tzinfo=LONDON))
    with at(IN_WINDOW):
        casework.return_interview_record(actor=cast.owner, case=done, done_at=IN_WINDOW)
    got = {row.reference: row.cells[3] for row in rows(cast.owner, build(), "return_interviews")}
    assert got == {overdue.reference: "Overdue", due_today.reference: "Due today"}
    assert not_yet.reference not in got


# --- Actions -------------------------------------------------------------------------------


def test_actions_overdue_and_due_today_grouped_by_agency(cast, case, build):
    def action(text, due_on, agency):
        with at(BEFORE_WINDOW):
            return casework.action_add(
                actor=cast.owner, case=case, description=text, assigned_agency=agency, due_on=due_on
            )

    action("Overdue visit", DAY - timedelta(days=2), cast.police)
    action("Letter due today", DAY, cast.council)
    action("Next week's visit", DAY + timedelta(days=7), cast.police)
    done = action("Already done", DAY - timedelta(days=1), cast.police)
    with at(BEFORE_WINDOW):
        casework.action_complete(actor=cast.owner, action=done, outcome="Visited.")
    got = [(row.group, row.cells[1], row.cells[4]) for row in rows(cast.owner, build(), "actions")]
    assert got == [
        ("Council agency", "Letter due today", "Due today"),
        ("Police agency", "Overdue visit", "Overdue by 2 days"),
    ]


def test_a_long_backlog_leaves_every_agency_its_share_of_the_sheet(cast, case, build, settings):
    settings.BRIEFING_SECTION_LIMIT = 4
    with at(BEFORE_WINDOW):
        for days in range(1, 7):  # the council's backlog, oldest first on the sheet
            casework.action_add(
                actor=cast.owner,
                case=case,
                description=f"Council {days}",
                assigned_agency=cast.council,
                due_on=DAY - timedelta(days=days),
            )
        casework.action_add(actor=cast.owner, case=case, description="Police visit",
                            assigned_agency=cast.police, due_on=DAY)  # fmt: skip
    briefing = build()
    got = [(row.group, row.cells[1]) for row in rows(cast.owner, briefing, "actions")]
    assert got == [("Council agency", "Council 6"), ("Council agency", "Council 5"),
                   ("Council agency", "Council 4"), ("Police agency", "Police visit")]  # fmt: skip
    assert briefing.sections.get(key="actions").row_limit == 4


@pytest.mark.parametrize(
    "counts, budget, expected",
    [({1: 10, 2: 10}, 5, {1: 3, 2: 2}), ({1: 1, 2: 10}, 5, {1: 1, 2: 4}),
     ({1: 2, 2: 2}, 9, {1: 2, 2: 2}), ({}, 5, {}), ({1: 0}, 3, {1: 0})],
)  # fmt: skip
def test_fair_shares(counts, budget, expected):
    from briefings.standard_sections import fair_shares

    assert fair_shares(counts, budget) == expected


# --- Reviews -------------------------------------------------------------------------------


def test_cases_past_their_review_date(cast, open_case, build):
    late = open_case(next_review_on=DAY - timedelta(days=3))
    today = open_case(next_review_on=DAY)
    got = {row.reference: row.cells[3] for row in rows(cast.owner, build(), "past_review")}
    assert got == {late.reference: "3 days"}
    assert today.reference not in got


# --- Nominations ---------------------------------------------------------------------------


def test_nominations_made_in_the_window_with_their_reason(cast, case, build):
    with at(IN_WINDOW):
        services.nomination_add(actor=cast.council_officer, case=case, reason="Tenant threatened.")
    with at(AFTER_WINDOW):
        services.nomination_add(actor=cast.owner, case=case, reason="For tomorrow.")
    got = rows(cast.owner, build(), "nominations")
    assert [row.cells[2] for row in got] == ["Tenant threatened."]
    assert got[0].cells[1].endswith("Council agency")
