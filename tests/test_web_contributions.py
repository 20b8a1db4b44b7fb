"""Notes, actions, people, sharing and named access through the web pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Action, CaseParticipant, CaseShare, Person, TimelineEntry
from partners.models import Sensitivity

from .factories import PersonFactory


def _post(client, user, name, data, *args):
    client.force_login(user)
    return client.post(reverse(f"casework:{name}", args=args), data)


def _get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(f"casework:{name}", args=args))


# --- Timeline ------------------------------------------------------------------------------


def test_a_partner_agency_officer_adds_a_note(client, cast, case):
    data = {"kind": "contact", "body": "Spoke to the tenant.", "sensitivity": "standard"}
    response = _post(client, cast.council_officer, "entry_add", data, case.reference)
    assert response.status_code == 302
    entry = TimelineEntry.objects.get()
    assert (entry.kind, entry.author, entry.author_agency) == (
        "contact",
        cast.council_officer,
        cast.council,
    )
    assert "Contact added." in client.get(response["Location"]).content.decode()


def test_the_sensitivity_choice_is_limited_to_what_the_author_may_read(client, cast, case):
    page = _get(client, cast.council_officer, "entry_add", case.reference).content.decode()
    assert 'value="standard"' in page
    assert 'value="police_intelligence"' not in page
    data = {"kind": "note", "body": "Sneaky", "sensitivity": Sensitivity.POLICE_INTELLIGENCE}
    response = _post(client, cast.council_officer, "entry_add", data, case.reference)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not TimelineEntry.objects.exists()


def test_the_police_officer_may_record_police_intelligence(client, cast, case):
    data = {"kind": "note", "body": "Intel", "sensitivity": Sensitivity.POLICE_INTELLIGENCE}
    assert _post(client, cast.owner, "entry_add", data, case.reference).status_code == 302
    assert TimelineEntry.objects.get().sensitivity == Sensitivity.POLICE_INTELLIGENCE


def test_an_empty_note_shows_the_error_summary(client, cast, case):
    data = {"kind": "note", "body": "", "sensitivity": "standard"}
    page = _post(client, cast.owner, "entry_add", data, case.reference).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_body"' in page
    assert "<title>Error: " in page


@pytest.mark.parametrize(
    "who, status", [("council_partner", 403), ("police_partner", 403), ("fire_officer", 404)]
)
def test_readers_and_outsiders_cannot_add_notes(client, cast, case, who, status):
    data = {"kind": "note", "body": "x", "sensitivity": "standard"}
    assert _get(client, getattr(cast, who), "entry_add", case.reference).status_code == status
    assert (
        _post(client, getattr(cast, who), "entry_add", data, case.reference).status_code == status
    )
    assert not TimelineEntry.objects.exists()


def test_amending_a_note_keeps_the_original(client, cast, case, notes):
    original = notes[Sensitivity.STANDARD]
    response = _post(
        client,
        cast.council_officer,
        "entry_amend",
        {"body": "Corrected."},
        case.reference,
        original.pk,
    )
    assert response.status_code == 302
    amendment = TimelineEntry.objects.get(amends=original)
    assert amendment.body == "Corrected."
    original.refresh_from_db()
    assert original.body == "standard note body"


def test_a_note_the_user_cannot_read_cannot_be_amended_or_even_seen(client, cast, case, notes):
    intel = notes[Sensitivity.POLICE_INTELLIGENCE]
    response = _get(client, cast.council_officer, "entry_amend", case.reference, intel.pk)
    assert response.status_code == 404
    assert "police_intelligence note body" not in response.content.decode()


# --- Actions -------------------------------------------------------------------------------


def _due(days=3):
    day = timezone.localdate() + timedelta(days=days)
    return {"due_on_0": day.day, "due_on_1": day.month, "due_on_2": day.year}


def test_an_action_is_added_for_an_agency_on_the_case(client, cast, case):
    data = {"description": "Visit the victim", "assigned_agency": cast.council.pk, **_due()}
    response = _post(client, cast.owner, "action_add", data, case.reference)
    assert response.status_code == 302
    assert Action.objects.get().assigned_agency == cast.council


def test_an_action_cannot_go_to_an_agency_outside_the_case(client, cast, case):
    data = {"description": "Fire check", "assigned_agency": cast.fire.pk, **_due()}
    page = _post(client, cast.owner, "action_add", data, case.reference).content.decode()
    assert "Select a valid choice" in page
    assert not Action.objects.exists()


def test_the_assignee_must_belong_to_the_agency(client, cast, case):
    data = {
        "description": "Visit",
        "assigned_agency": cast.council.pk,
        "assigned_to": cast.colleague.pk,
        **_due(),
    }
    page = _post(client, cast.owner, "action_add", data, case.reference).content.decode()
    assert "Assign the action to someone in that agency." in page
    assert not Action.objects.exists()


def test_a_due_date_in_the_past_is_refused(client, cast, case):
    data = {"description": "Visit", "assigned_agency": cast.police.pk, **_due(-1)}
    page = _post(client, cast.owner, "action_add", data, case.reference).content.decode()
    assert "The due date must be today or in the future." in page
    assert 'href="#id_due_on_0"' in page


def test_completing_an_action_needs_an_outcome(client, cast, case):
    action = services.action_add(
        actor=cast.owner,
        case=case,
        description="Visit",
        assigned_agency=cast.police,
        due_on=timezone.localdate(),
    )
    page = _post(client, cast.owner, "action_complete", {"outcome": ""}, case.reference, action.pk)
    assert "There is a problem" in page.content.decode()
    response = _post(
        client, cast.owner, "action_complete", {"outcome": "Visited."}, case.reference, action.pk
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_done and action.outcome == "Visited."
    again = _post(
        client, cast.owner, "action_complete", {"outcome": "x"}, case.reference, action.pk
    )
    assert "This action is already complete." in again.content.decode()


# --- People ----------------------------------------------------------------------------------


PERSON = {
    "role": "victim",
    "given_name": "Alice",
    "family_name": "Smith",
    "date_of_birth_0": "2",
    "date_of_birth_1": "4",
    "date_of_birth_2": "1970",
    "postcode": "EB1 2AA",
}


def test_a_new_person_is_added_to_the_case(client, cast, case):
    response = _post(client, cast.owner, "person_add", PERSON, case.reference)
    assert response.status_code == 302
    part = CaseParticipant.objects.get()
    assert (part.person.full_name, part.role) == ("Alice Smith", "victim")


def test_likely_matches_the_user_can_see_are_offered_first(client, cast, case):
    existing = PersonFactory(given_name="Alicia", family_name="Smith")
    services.participant_add(actor=cast.owner, case=case, person=existing, role="witness")
    page = _post(client, cast.owner, "person_add", PERSON, case.reference).content.decode()
    assert "Is this someone already on the system?" in page
    assert "Alicia Smith" in page
    assert CaseParticipant.objects.count() == 1
    chosen = {**PERSON, "match": existing.pk}
    assert _post(client, cast.owner, "person_add", chosen, case.reference).status_code == 302
    assert CaseParticipant.objects.filter(person=existing, role="victim").exists()
    assert Person.objects.count() == 1


def test_people_only_in_cases_the_user_cannot_see_are_not_offered(client, cast, case):
    hidden_case = services.case_open(actor=cast.fire_officer, case_type="other", summary="Fire")
    hidden = PersonFactory(given_name="Alison", family_name="Smith")
    services.participant_add(
        actor=cast.fire_officer, case=hidden_case, person=hidden, role="victim"
    )
    response = _post(client, cast.owner, "person_add", PERSON, case.reference)
    assert response.status_code == 302  # no match offered: a new person was added
    assert CaseParticipant.objects.get(case=case).person != hidden
    forged = {**PERSON, "role": "witness", "match": hidden.pk}
    page = _post(client, cast.owner, "person_add", forged, case.reference).content.decode()
    assert "Choose one of the people listed" in page
    assert not CaseParticipant.objects.filter(case=case, person=hidden).exists()


def test_none_of_these_adds_a_new_person(client, cast, case):
    existing = PersonFactory(given_name="Alicia", family_name="Smith")
    services.participant_add(actor=cast.owner, case=case, person=existing, role="witness")
    response = _post(client, cast.owner, "person_add", {**PERSON, "match": "new"}, case.reference)
    assert response.status_code == 302
    assert Person.objects.count() == 2


# --- Sharing and named access -------------------------------------------------------------------


def test_sharing_records_the_lawful_basis(client, cast, case):
    data = {"agency": cast.fire.pk, "reason": "Home fire safety visit.", "lawful_basis": "consent"}
    response = _post(client, cast.owner, "share_add", data, case.reference)
    assert response.status_code == 302
    share = CaseShare.objects.get(agency=cast.fire)
    assert share.lawful_basis == "consent"
    assert _get(client, cast.fire_officer, "case_detail", case.reference).status_code == 200


def test_a_statutory_share_names_its_statute(client, cast, case):
    data = {"agency": cast.fire.pk, "reason": "Arson risk.", "lawful_basis": "statutory"}
    page = _post(client, cast.owner, "share_add", data, case.reference).content.decode()
    assert "Name the statutory basis for sharing." in page
    assert not CaseShare.objects.filter(agency=cast.fire).exists()


def test_an_agency_already_sharing_is_not_offered(client, cast, case):
    page = _get(client, cast.owner, "share_add", case.reference).content.decode()
    assert cast.fire.name in page
    assert f">{cast.council.name}<" not in page


def test_revoking_a_share_ends_the_agencys_access(client, cast, case):
    share = CaseShare.objects.get(agency=cast.council)
    data = {"reason": "Tenancy ended."}
    assert (
        _post(client, cast.owner, "share_revoke", data, case.reference, share.pk).status_code == 302
    )
    assert _get(client, cast.council_officer, "case_detail", case.reference).status_code == 404


@pytest.mark.parametrize("who, status", [("council_officer", 403), ("fire_officer", 404)])
def test_only_the_lead_agency_shares(client, cast, case, who, status):
    data = {"agency": cast.fire.pk, "reason": "x", "lawful_basis": "consent"}
    assert (
        _post(client, getattr(cast, who), "share_add", data, case.reference).status_code == status
    )
    assert not CaseShare.objects.filter(agency=cast.fire).exists()


def test_restricting_then_naming_a_person(client, cast, case):
    data = {"restrict": "1", "restricted": "yes", "reason": "Witness intimidation risk."}
    assert _post(client, cast.owner, "case_access", data, case.reference).status_code == 302
    assert _get(client, cast.colleague, "case_detail", case.reference).status_code == 404
    grant = {"grant": "1", "user": cast.colleague.pk, "reason": "Covers the lead's leave."}
    assert _post(client, cast.owner, "case_access", grant, case.reference).status_code == 302
    assert _get(client, cast.colleague, "case_detail", case.reference).status_code == 200
    client.force_login(cast.owner)
    revoke = reverse("casework:access_revoke", args=[case.reference, cast.colleague.pk])
    assert client.post(revoke).status_code == 302
    assert _get(client, cast.colleague, "case_detail", case.reference).status_code == 404


def test_granting_needs_a_reason(client, cast, case):
    grant = {"grant": "1", "user": cast.colleague.pk, "reason": ""}
    page = _post(client, cast.owner, "case_access", grant, case.reference).content.decode()
    assert 'href="#grant_reason"' in page


@pytest.mark.parametrize(
    "who, status", [("colleague", 403), ("council_manager", 403), ("fire_manager", 404)]
)
def test_only_the_lead_officer_or_manager_manages_access(client, cast, case, who, status):
    assert _get(client, getattr(cast, who), "case_access", case.reference).status_code == status
