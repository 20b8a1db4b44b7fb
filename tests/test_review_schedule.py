"""Review dates follow the case risk unless set by hand; a high-risk missing person's
grade left unreviewed is flagged on the home page and the daily briefing."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from briefings import services as briefings
from casework import services
from casework.models import CaseType

DAY = timezone.localdate


def opened(cast, risk_level, **extra):
    return services.case_open(
        actor=cast.owner,
        case_type=CaseType.OTHER,
        summary="Neighbour dispute.",
        risk_level=risk_level,
        **extra,
    )


@pytest.mark.parametrize("risk, days", [("medium", 28), ("high", 14)])
def test_a_case_opened_without_a_date_is_reviewed_as_its_risk_calls_for(cast, risk, days):
    assert opened(cast, risk).next_review_on == DAY() + timedelta(days=days)


def test_a_standard_case_has_no_set_review_and_a_date_by_hand_stands(cast):
    assert opened(cast, "standard").next_review_on is None
    chosen = DAY() + timedelta(days=60)
    assert opened(cast, "high", next_review_on=chosen).next_review_on == chosen


def test_the_periods_are_configurable(cast, settings):
    settings.CASE_REVIEW_DAYS = {"medium": 7}
    assert opened(cast, "medium").next_review_on == DAY() + timedelta(days=7)
    assert opened(cast, "high").next_review_on is None


def test_raising_the_risk_brings_the_review_forward_never_back(cast):
    case = opened(cast, "medium")
    case = services.case_update(
        actor=cast.owner, case=case, expected_version=None, risk_level="high"
    )
    assert case.next_review_on == DAY() + timedelta(days=14)
    case = services.case_update(
        actor=cast.owner, case=case, expected_version=None, risk_level="medium"
    )
    assert case.next_review_on == DAY() + timedelta(days=14)  # lowering it does not defer


def test_the_edit_form_derives_a_blank_date_and_keeps_a_typed_one(client, cast):
    case = opened(cast, "standard")
    client.force_login(cast.owner)
    url = reverse("casework:case_edit", args=[case.reference])
    form = {
        "version": case.version,
        "summary": case.summary,
        "risk_level": "high",
        "next_review_on_0": "",
        "next_review_on_1": "",
        "next_review_on_2": "",
    }
    assert client.post(url, form).status_code == 302
    case.refresh_from_db()
    assert case.next_review_on == DAY() + timedelta(days=14)
    typed = DAY() + timedelta(days=40)
    form |= {
        "version": case.version,
        "next_review_on_0": typed.day,
        "next_review_on_1": typed.month,
        "next_review_on_2": typed.year,
    }
    assert client.post(url, form).status_code == 302
    case.refresh_from_db()
    assert case.next_review_on == typed


# --- Missing persons graded high -----------------------------------------------------------


@pytest.fixture
def missing_high(cast):
    return services.case_open(
        actor=cast.owner,
        case_type=CaseType.MISSING_PERSON,
        summary="Man, 34, missing after a crisis call.",
        status="open",
        detail={
            "risk_grade": "high",
            "grade_rationale": "Threatened to harm himself.",
            "last_seen_at": timezone.now() - timedelta(hours=1),
            "last_seen_place": "Railway bridge",
        },
    )


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_a_high_grade_unreviewed_for_hours_is_flagged_until_regraded(client, cast, missing_high):
    assert "grade not reviewed" not in _home(client, cast.owner)
    with time_machine.travel(timezone.now() + timedelta(hours=7)):
        page = _home(client, cast.owner)
        assert "High-risk missing persons: grade not reviewed" in page
        assert missing_high.reference in page[page.index('id="grade-reviews"') :]
        assert 'id="grade-reviews"' not in _home(client, cast.fire_officer)  # cannot see it
        sheet = briefings.briefing_build(day=timezone.localdate())
        high_risk = sheet.sections.get(key="high_risk")
        text = repr([item.cells for item in high_risk.items.all()])
        assert "Grade not reviewed for 7 hours: review overdue" in text
        services.missing_person_grade(
            actor=cast.owner, case=missing_high, grade="high", rationale="Still at risk."
        )
        assert 'id="grade-reviews"' not in _home(client, cast.owner)


def test_the_review_hours_are_configurable(client, cast, missing_high, settings):
    settings.MISSING_PERSON_HIGH_REVIEW_HOURS = 2
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert 'id="grade-reviews"' in _home(client, cast.owner)
