"""The case page against the whole cast: who sees it, and what each of them reads."""

import pytest
from django.urls import reverse

from audit.models import AccessLog
from casework import services
from casework.models import CaseType, RcrpThreshold
from partners.models import Sensitivity

SEES_CASE = {
    "owner", "colleague", "police_lead", "police_manager", "police_partner",
    "council_officer", "council_partner", "council_manager", "admin",
}  # fmt: skip
OUTSIDERS = {"fire_officer", "fire_manager", "childrens_lead", "health_officer"}


def _open(client, user, case):
    client.force_login(user)
    return client.get(reverse("casework:case_detail", args=[case.reference]))


@pytest.mark.parametrize("who", sorted(SEES_CASE | OUTSIDERS))
def test_the_case_page_opens_for_its_agencies_and_is_a_404_for_everyone_else(
    client, cast, case, who
):
    response = _open(client, getattr(cast, who), case)
    assert response.status_code == (200 if who in SEES_CASE else 404)
    if who in OUTSIDERS:
        assert case.summary not in response.content.decode()


def test_every_opening_of_the_case_is_logged(client, cast, case):
    _open(client, cast.council_officer, case)
    log = AccessLog.objects.get(action=AccessLog.Action.VIEW_CASE, user=cast.council_officer)
    assert log.object_label == case.reference


def test_the_council_officer_never_reads_police_intelligence(client, cast, case, notes):
    page = _open(client, cast.council_officer, case).content.decode()
    assert "standard note body" in page
    assert "police_intelligence note body" not in page
    assert "restricted entries are not shown" in page


def test_the_police_officer_reads_intelligence_but_not_health_notes(client, cast, case, notes):
    page = _open(client, cast.owner, case).content.decode()
    assert "police_intelligence note body" in page
    assert "health note body" not in page
    assert "childrens_safeguarding note body" not in page


def test_the_safeguarding_lead_reads_every_sensitivity(client, cast, case, notes):
    page = _open(client, cast.police_lead, case).content.decode()
    for sensitivity in Sensitivity.values:
        assert f"{sensitivity} note body" in page
    assert "not shown" not in page


@pytest.mark.parametrize(
    "who, buttons",
    [
        (
            "owner",
            {"Edit case", "Change status", "Add a note", "Share with an agency", "Manage access"},
        ),
        ("police_manager", {"Edit case", "Reassign", "Manage access"}),
        ("council_officer", {"Add a note", "Add an action", "Add a person"}),
    ],
)
def test_each_role_is_offered_what_it_may_do(client, cast, case, who, buttons):
    page = _open(client, getattr(cast, who), case).content.decode()
    for button in buttons:
        assert button in page


@pytest.mark.parametrize(
    "who, hidden",
    [
        (
            "council_officer",
            {"Edit case", "Change status", "Share with an agency", "Manage access"},
        ),
        ("council_partner", {"Edit case", "Add a note", "Add an action", "Add a person"}),
        ("colleague", {"Reassign", "Manage access"}),
    ],
)
def test_each_role_is_not_offered_what_it_may_not_do(client, cast, case, who, hidden):
    page = _open(client, getattr(cast, who), case).content.decode()
    for button in hidden:
        assert button not in page


def test_the_page_shows_sharing_with_its_lawful_basis(client, cast, case):
    page = _open(client, cast.owner, case).content.decode()
    assert "Council ASB team holds the tenancy." in page
    assert "Crime and Disorder Act 1998 s.115" in page


def test_the_history_tab_shows_field_changes_with_who(client, cast, case):
    services.case_update(
        actor=cast.colleague, case=case, expected_version=case.version, ward="Harbour"
    )
    page = _open(client, cast.owner, case).content.decode()
    assert "Castle → Harbour" in page
    assert cast.colleague.get_full_name() in page


@pytest.fixture
def health_case(cast):
    return services.case_open(
        actor=cast.owner,
        case_type=CaseType.MENTAL_HEALTH,
        summary="Man in distress on the bridge.",
        detail={
            "presentation": "crisis",
            "rcrp_threshold": RcrpThreshold.NOT_MET,
            "responsible_agency": cast.health,
            "decision_rationale": "Secret health rationale",
            "services_involved": "Crisis team visits daily",
        },
    )


def test_the_police_read_their_rcrp_decision_but_not_the_clinical_details(
    client, cast, health_case
):
    page = _open(client, cast.owner, health_case).content.decode()
    assert "Threshold not met" in page and "Secret health rationale" in page
    assert cast.health.name in page  # the agency taking it
    assert "Crisis team visits daily" not in page and "Crisis</dd>" not in page
    assert "Clinical details are recorded but not shown" in page


def test_a_partner_outside_the_decision_reads_no_health_section(client, cast, health_case):
    services.case_share(
        actor=cast.owner,
        case=health_case,
        agency=cast.council,
        reason="Housing support.",
        lawful_basis="consent",
    )
    page = _open(client, cast.council_officer, health_case).content.decode()
    assert "Secret health rationale" not in page and "Threshold not met" not in page
    assert "Health details are recorded but not shown" in page


def test_health_details_show_to_a_safeguarding_lead(client, cast, health_case):
    page = _open(client, cast.police_lead, health_case).content.decode()
    assert "Secret health rationale" in page
    assert "Threshold not met" in page and "Crisis team visits daily" in page


def test_every_page_carries_the_marking_and_the_user(client, cast, case):
    page = _open(client, cast.council_officer, case).content.decode()
    assert "OFFICIAL-SENSITIVE" in page
    assert cast.council_officer.get_full_name() in page
    assert cast.council.name in page
    assert "Officer" in page
    assert f"<title>Case {case.reference}" in page


@pytest.mark.parametrize(
    "path", ["/cases/%00/", "/cases/A%00B/edit/", "/audit/who-viewed/case/%00/", "/track/%00/"]
)
def test_a_nul_byte_in_the_address_names_no_record(cast, client, path):
    client.force_login(cast.police_manager)
    assert client.get(path).status_code == 404


def test_the_history_shows_the_police_rcrp_changes_but_not_clinical_ones(cast, health_case):
    from casework import selectors

    detail = health_case.mental_health
    detail.services_involved = "Now under the early intervention team"
    detail.rcrp_threshold = RcrpThreshold.RISK_TO_LIFE
    detail.save()

    def changed(user) -> str:
        items = selectors.case_history(user, health_case)
        return repr([change for item in items for change in item.changes])

    police = changed(cast.owner)
    assert "Real and immediate risk to life" in police
    assert "early intervention" not in police
    assert "early intervention" in changed(cast.police_lead)
