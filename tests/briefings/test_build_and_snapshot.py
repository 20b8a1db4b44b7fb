"""One sheet per day, stored as it was presented, cut per reader by the access policy."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from briefings import sections, services
from briefings.models import Briefing, BriefingItem
from briefings.selectors import WITHHELD, sheet_for_reader
from casework import services as casework
from casework.models import CaseType

from .conftest import AFTER_WINDOW, DAY, IN_WINDOW, at, references, rows


def test_building_twice_for_a_day_makes_one_sheet(cast, open_case, build):
    open_case(IN_WINDOW)
    first = build()
    second = build()
    assert first.pk == second.pk
    assert Briefing.objects.count() == 1
    assert BriefingItem.objects.filter(section__key="new_cases").count() == 1


def test_a_sheet_is_built_on_demand_only_by_leads_and_managers(cast):
    with at(AFTER_WINDOW):
        assert services.briefing_build(day=DAY, actor=cast.police_lead).built_by == cast.police_lead
        with pytest.raises(PermissionDenied):
            services.briefing_build(day=DAY, actor=cast.owner)


def test_every_registered_section_is_stored_in_order(build):
    briefing = build()
    stored = list(briefing.sections.values_list("key", flat=True))
    assert stored == [section.key for section in sections.registered()]


def test_a_past_sheet_shows_what_was_presented_after_the_case_changes(cast, open_case, build):
    case = open_case(IN_WINDOW, summary="Shouting at the bus stop.")
    briefing = build()
    with at(IN_WINDOW.replace(day=26)):
        casework.case_update(
            actor=cast.owner, case=case, expected_version=case.version, summary="Changed later."
        )
        casework.case_transition(actor=cast.owner, case=case, to_status="closed", reason="Done.")
    (row,) = rows(cast.owner, Briefing.objects.get(pk=briefing.pk), "new_cases")
    assert row.cells[-1] == "Shouting at the bus stop."


def test_another_app_registers_a_section_and_it_is_stored(cast, open_case, build):
    case = open_case(IN_WINDOW)

    def owed_an_update(window):
        yield sections.Row(case=case, cells={"reference": case.reference, "due": "Today"})

    owed = sections.Section(
        key="test_owed_update",
        title="Victims owed an update",
        order=75,
        columns=(sections.Column("reference", "Case"), sections.Column("due", "Due")),
        select=owed_an_update,
    )
    sections.register(owed)
    try:
        assert references(cast.owner, build(), "test_owed_update") == [case.reference]
    finally:
        sections.unregister("test_owed_update")


def test_a_second_app_cannot_take_a_registered_key():
    clash = sections.Section(
        key="new_cases", title="Clash", order=1, columns=(), select=lambda window: []
    )
    with pytest.raises(ImproperlyConfigured):
        sections.register(clash)


# --- Each reader's copy --------------------------------------------------------------------


def test_an_agency_without_a_share_sees_none_of_the_cases(cast, case, open_case, build):
    open_case(IN_WINDOW)
    sheet = sheet_for_reader(cast.fire_officer, build())
    assert all(section.rows == [] for section in sheet.sections)


def test_a_partner_agency_sees_shared_cases_only(cast, open_case, build):
    shared = open_case(IN_WINDOW, share_with=[cast.council])
    police_only = open_case(IN_WINDOW)
    briefing = build()
    assert references(cast.council_partner, briefing, "new_cases") == [shared.reference]
    assert set(references(cast.owner, briefing, "new_cases")) == {
        shared.reference,
        police_only.reference,
    }


def test_a_restricted_case_appears_only_to_those_granted_it(cast, open_case, build):
    case = open_case(IN_WINDOW, lead_officer=cast.owner)
    with at(IN_WINDOW):
        casework.case_restrict(actor=cast.owner, case=case, restricted=True, reason="Witness.")
        casework.case_grant_access(actor=cast.owner, case=case, user=cast.owner, reason="Lead.")
    briefing = build()
    assert references(cast.owner, briefing, "new_cases") == [case.reference]
    assert references(cast.colleague, briefing, "new_cases") == []
    assert references(cast.police_manager, briefing, "new_cases") == []


def test_a_mental_health_crisis_row_needs_health_clearance(cast, open_case, build):
    detail = {
        "presentation": "crisis",
        "rcrp_threshold": "risk_to_life",
        "decision_rationale": "Immediate risk.",
    }
    case = open_case(
        IN_WINDOW, case_type=CaseType.MENTAL_HEALTH, detail=detail, share_with=[cast.council]
    )
    briefing = build()
    assert case.reference in references(cast.police_lead, briefing, "high_risk")
    assert case.reference not in references(cast.council_officer, briefing, "high_risk")
    # The case itself is still listed as new for the council: only the crisis is withheld.
    assert case.reference in references(cast.council_officer, briefing, "new_cases")


def test_a_reason_a_reader_is_not_cleared_for_is_withheld(cast, case, build):
    with at(IN_WINDOW):
        services.nomination_add(
            actor=cast.owner,
            case=case,
            reason="Intelligence: weapon seen.",
            sensitivity="police_intelligence",
        )
    briefing = build()
    assert rows(cast.colleague, briefing, "nominations")[0].cells[2] == "Intelligence: weapon seen."
    assert rows(cast.council_officer, briefing, "nominations")[0].cells[2] == WITHHELD


def test_other_cases_in_a_repeat_are_listed_only_if_the_reader_may_see_them(cast, open_case, build):
    shared = open_case(IN_WINDOW, address="9 Kiln Road", share_with=[cast.council])
    hidden = open_case(IN_WINDOW, address="9 Kiln Road")
    briefing = build()
    (police_row,) = rows(cast.owner, briefing, "repeats")
    (council_row,) = rows(cast.council_officer, briefing, "repeats")
    assert {link.reference for link in police_row.cells[3]} == {shared.reference, hidden.reference}
    assert [link.reference for link in council_row.cells[3]] == [shared.reference]
    # The row is filed under a case the council may see, never the hidden one.
    assert council_row.reference == shared.reference
    assert hidden.reference not in str(council_row)


def test_a_long_section_stops_at_the_limit_and_every_copy_says_so(
    cast, open_case, build, settings, client
):
    settings.BRIEFING_SECTION_LIMIT = 2
    made = [open_case(IN_WINDOW.replace(minute=minute)) for minute in (1, 2, 3)]
    briefing = build()
    stored = briefing.sections.get(key="new_cases")
    assert stored.row_limit == 2
    assert references(cast.owner, briefing, "new_cases") == [c.reference for c in made[:2]]
    assert briefing.sections.get(key="nominations").row_limit is None
    client.force_login(cast.owner)
    page = client.get(briefing.get_absolute_url()).content.decode()
    assert "The sheet holds 2 rows of this section" in page
