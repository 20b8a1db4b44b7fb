"""Case types come from the registry: a type registered in the settings alone (the
test-only "child welfare" type of tests/example_case_type, cleared for children's
safeguarding) gets the form, the API section, the history and access filtering."""

from django.urls import reverse

from casework import retention, selectors, services
from casework.models import Case
from casework.types import case_kinds, kind_of

CASES = "/api/v1/cases/"
WELFARE = {
    "case_type": "child_welfare",
    "summary": "A pupil says there is no food at home.",
    "risk_level": "standard",
    "status": "new",
}


def _welfare_case(cast):
    return services.case_open(
        actor=cast.owner,
        case_type="child_welfare",
        summary="Pupil not collected from school for a week.",
        detail={"school": "Eastbridge Primary", "concern": "Not collected."},
    )


def test_the_test_type_is_registered_after_the_built_in_ones():
    values = [kind.value for kind in case_kinds()]
    assert values[:5] == ["asb", "missing_person", "mental_health", "troubled_family", "other"]
    assert values[-1] == "child_welfare"
    assert ("child_welfare", "Child welfare") in Case._meta.get_field("case_type").choices


def test_the_log_a_case_form_asks_the_types_own_questions(client, cast):
    client.force_login(cast.owner)
    page = client.get(reverse("casework:case_create")).content.decode()
    assert 'id="section-child_welfare"' in page
    assert 'name="cw_school"' in page

    refused = client.post(reverse("casework:case_create"), WELFARE)
    assert refused.status_code == 200
    assert "Enter the school." in refused.content.decode()
    assert not Case.objects.exists()

    logged = client.post(
        reverse("casework:case_create"),
        {**WELFARE, "cw_school": "Mill Lane", "cw_concern": "No food."},
    )
    assert logged.status_code == 302
    assert Case.objects.get().child_welfare.school == "Mill Lane"


def test_the_case_page_shows_the_details_only_to_those_cleared(client, cast):
    case = _welfare_case(cast)
    client.force_login(cast.police_lead)
    assert 'id="child-welfare"' in client.get(case.get_absolute_url()).content.decode()
    client.force_login(cast.owner)
    page = client.get(case.get_absolute_url()).content.decode()
    assert page.count(case.reference) and 'id="child-welfare"' not in page


def test_the_api_takes_the_section_and_shows_it_only_to_those_cleared(cast, as_user):
    body = {**WELFARE, "child_welfare": {"school": "Mill Lane", "concern": "No food."}}
    created = as_user(cast.owner).post(CASES, body, format="json")
    assert created.status_code == 201, created.content
    url = f"{CASES}{created.json()['reference']}/"
    assert as_user(cast.police_lead).get(url).json()["child_welfare"]["school"] == "Mill Lane"
    assert "child_welfare" not in as_user(cast.owner).get(url).json()

    unknown = as_user(cast.owner).post(
        CASES, {**body, "child_welfare": {"school": "x", "concern": "y", "extra": 1}}, format="json"
    )
    assert unknown.status_code == 400


def test_the_history_names_the_types_changes_for_those_cleared_only(cast):
    case = _welfare_case(cast)
    cleared = {item.what for item in selectors.case_history(cast.police_lead, case)}
    uncleared = {item.what for item in selectors.case_history(cast.owner, case)}
    assert "Child welfare details created" in cleared
    assert "Child welfare details created" not in uncleared


def test_the_type_sets_its_own_retention(cast, settings):
    case = services.case_open(
        actor=cast.council_officer,
        case_type="child_welfare",
        summary="Pupil at risk.",
        detail={"school": "Eastbridge Primary", "concern": "At risk."},
    )
    assert retention.retention_years(case) == 25
    settings.RETENTION_YEARS = {"child_welfare": 30}
    assert retention.retention_years(case) == 30
    assert kind_of("asb").retention_years == 3
