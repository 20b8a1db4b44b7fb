"""Repeat victims, subjects and locations: two reports in six months, and three for
an ASB Case Review."""

from datetime import datetime
from importlib import import_module

import pytest
from django.apps import apps as django_apps

from briefings.models import BriefingItem
from casework import services as casework
from casework.models import CaseType

from .conftest import BEFORE_WINDOW, IN_WINDOW, LONDON, at, rows

SEVEN_MONTHS_AGO = datetime(2026, 4, 20, 12, 0, tzinfo=LONDON)
FIVE_MONTHS_AGO = datetime(2026, 6, 26, 12, 0, tzinfo=LONDON)


@pytest.fixture
def report(cast, open_case):
    """An ASB report about ``person`` (in ``role``) at ``address``, logged at ``when``."""

    def make(when=IN_WINDOW, *, person=None, role="victim", address="", reported_at=None):
        case = open_case(
            when,
            case_type=CaseType.ASB,
            detail={"category": "personal"},
            address=address,
            reported_at=reported_at or when,
        )
        if person is not None:
            with at(when):
                casework.participant_add(actor=cast.owner, case=case, person=person, role=role)
        return case

    return make


@pytest.fixture
def amy(cast):
    person, _ = casework.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones", postcode="EB1 2AA"
    )
    return person


def repeat_rows(cast, briefing):
    return [
        dict(zip(("kind", "who", "reports", "cases", "review"), row.cells, strict=True))
        for row in rows(cast.owner, briefing, "repeats")
    ]


def test_a_second_report_about_a_victim_in_six_months_is_a_repeat(cast, report, amy, build):
    first = report(BEFORE_WINDOW, person=amy, reported_at=FIVE_MONTHS_AGO)
    second = report(IN_WINDOW, person=amy)
    (row,) = repeat_rows(cast, build())
    assert row["kind"] == "Repeat victim" and row["who"] == "Amy Jones"
    assert row["reports"] == "2 in six months"
    assert [link.reference for link in row["cases"]] == [first.reference, second.reference]
    assert row["review"] == "Second ASB report: explain the ASB Case Review"


def test_a_third_report_in_six_months_makes_the_victim_eligible_for_a_case_review(
    cast, report, amy, build
):
    report(BEFORE_WINDOW, person=amy, reported_at=FIVE_MONTHS_AGO)
    report(BEFORE_WINDOW, person=amy)
    report(IN_WINDOW, person=amy)
    (row,) = repeat_rows(cast, build())
    assert row["reports"] == "3 in six months"
    assert row["review"] == "Eligible for an ASB Case Review"


def test_a_report_older_than_six_months_does_not_count(cast, report, amy, build):
    report(BEFORE_WINDOW, person=amy, reported_at=SEVEN_MONTHS_AGO)
    report(IN_WINDOW, person=amy)
    assert repeat_rows(cast, build()) == []


def test_repeats_appear_when_a_new_report_arrives_in_the_window(cast, report, amy, build):
    report(BEFORE_WINDOW, person=amy, reported_at=FIVE_MONTHS_AGO)
    report(BEFORE_WINDOW, person=amy)
    assert repeat_rows(cast, build()) == []


def test_a_repeat_subject_is_named_as_such(cast, report, amy, build):
    report(BEFORE_WINDOW, person=amy, role="subject")
    report(IN_WINDOW, person=amy, role="subject")
    (row,) = repeat_rows(cast, build())
    assert row["kind"] == "Repeat subject"


def test_a_second_report_about_the_same_place_is_a_repeat_location(cast, report, build):
    report(BEFORE_WINDOW, address="4 Mill Lane, Eastbridge")
    report(IN_WINDOW, address=" 4 mill lane, Eastbridge")
    report(IN_WINDOW, address="5 Mill Lane, Eastbridge")
    (row,) = repeat_rows(cast, build())
    assert row["kind"] == "Repeat location"
    assert row["reports"] == "2 in six months"


@pytest.fixture
def kiln_road(cast, open_case, build):
    """A repeat location on three cases, one of them the police's alone."""
    open_case(BEFORE_WINDOW, address="9 Kiln Road", share_with=[cast.council])
    open_case(BEFORE_WINDOW, address="9 Kiln Road")
    open_case(IN_WINDOW, address="9 Kiln Road", share_with=[cast.council])
    return build()


def test_a_repeats_count_is_of_the_cases_the_reader_may_see(cast, kiln_road):
    briefing = kiln_road
    (police_row,) = rows(cast.owner, briefing, "repeats")
    (council_row,) = rows(cast.council_officer, briefing, "repeats")
    assert police_row.cells[2] == "3 in six months"
    assert council_row.cells[2] == "2 in six months"
    assert len(council_row.cells[3]) == 2


def test_a_count_stored_as_text_before_the_change_is_cut_per_reader_too(cast, kiln_road):
    migration = import_module("briefings.migrations.0004_repeat_counts_per_reader")
    item = BriefingItem.objects.get(section__key="repeats")
    item.cells["reports"] = {"v": "3 in six months", "s": "standard"}
    item.save()
    migration.forwards(django_apps, None)
    assert rows(cast.owner, kiln_road, "repeats")[0].cells[2] == "3 in six months"
    assert rows(cast.council_officer, kiln_road, "repeats")[0].cells[2] == "2 in six months"


@pytest.fixture
def kiln_road_asb(cast, open_case, build):
    """Three ASB reports at one address, two of them the police's alone."""
    asb = {"case_type": CaseType.ASB, "detail": {"category": "personal"}, "address": "9 Kiln Road"}
    open_case(BEFORE_WINDOW, **asb)
    open_case(BEFORE_WINDOW, **asb)
    open_case(IN_WINDOW, share_with=[cast.council], **asb)
    return build()


def test_the_case_review_note_counts_only_the_reports_the_reader_may_see(cast, kiln_road_asb):
    (police_row,) = rows(cast.owner, kiln_road_asb, "repeats")
    (council_row,) = rows(cast.council_officer, kiln_road_asb, "repeats")
    assert police_row.cells[4] == "Eligible for an ASB Case Review"
    assert council_row.cells[2] == "1 in six months"
    assert council_row.cells[4] == ""


def test_a_note_stored_as_text_before_the_change_is_worked_out_per_reader_too(cast, kiln_road_asb):
    migration = import_module("briefings.migrations.0006_case_review_notes_per_reader")
    item = BriefingItem.objects.get(section__key="repeats")
    item.cells["case_review"] = {"v": "Eligible for an ASB Case Review", "s": "standard"}
    item.save()
    migration.forwards(django_apps, None)
    assert rows(cast.owner, kiln_road_asb, "repeats")[0].cells[4] == (
        "Eligible for an ASB Case Review"
    )
    assert rows(cast.council_officer, kiln_road_asb, "repeats")[0].cells[4] == ""
