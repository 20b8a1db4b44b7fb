"""Logging a case shows the cases it may duplicate before it is saved."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casework import selectors, services
from casework.models import Case, CaseStatus, CaseType, ParticipantRole
from casework.selectors import PersonNamed

from .factories import PersonFactory

URL = reverse("casework:case_create")

NEW = {
    "case_type": CaseType.ASB,
    "summary": "Music played loudly late at night.",
    "address": "12 High Street, Eastbridge",
    "ward": "Riverside",
    "risk_level": "standard",
    "status": "new",
    "asb_category": "nuisance",
}


def _log(client, user, data):
    client.force_login(user)
    return client.post(URL, data)


def _new_cases(case):
    return Case.objects.exclude(pk=case.pk)


def test_the_first_submit_shows_a_case_at_the_same_address_and_saves_nothing(client, cast, case):
    response = _log(client, cast.owner, NEW)
    assert response.status_code == 200
    assert not _new_cases(case).exists()
    page = response.content.decode()
    assert "There may already be a case for this" in page
    assert case.reference in page and "Same address" in page
    assert f'name="similar_seen" value="{case.pk}"' in page
    assert "Save anyway" in page


def test_the_matches_page_keeps_every_value_entered(client, cast, case):
    data = {**NEW, "risk_level": "medium", "reported_on_0": "2", "reported_on_1": "3"}
    data["reported_on_2"] = str(timezone.localdate().year - 1)
    page = _log(client, cast.owner, data).content.decode()
    assert "Music played loudly late at night." in page
    assert 'value="12 High Street, Eastbridge"' in page and 'value="Riverside"' in page
    assert 'value="medium" checked' in page and 'value="nuisance" checked' in page
    assert f'value="{data["reported_on_2"]}"' in page


def test_save_anyway_logs_the_case_once_the_matches_were_seen(client, cast, case):
    response = _log(client, cast.owner, {**NEW, "similar_seen": str(case.pk)})
    assert response.status_code == 302
    logged = _new_cases(case).get()
    assert response["Location"] == logged.get_absolute_url()
    assert logged.address == "12 High Street, Eastbridge"


def test_a_match_not_seen_before_is_shown_again_instead_of_saving(client, cast, case):
    other = services.case_open(
        actor=cast.colleague,
        case_type=CaseType.OTHER,
        summary="Parked cars blocking the road.",
        address="12 High Street, Eastbridge",
    )
    response = _log(client, cast.owner, {**NEW, "similar_seen": str(case.pk)})
    assert response.status_code == 200
    assert other.reference in response.content.decode()
    assert Case.objects.count() == 2


@pytest.mark.parametrize("seen", ["not-a-number", "0,,x", "9" * 40, ""])
def test_a_tampered_confirmation_shows_the_matches_again_not_an_error(client, cast, case, seen):
    response = _log(client, cast.owner, {**NEW, "similar_seen": seen})
    assert response.status_code == 200
    assert "There may already be a case for this" in response.content.decode()
    assert not _new_cases(case).exists()


def test_a_case_the_officer_cannot_see_is_never_suggested(client, cast):
    hidden = services.case_open(
        actor=cast.fire_officer,
        case_type=CaseType.OTHER,
        summary="Fire safety visit.",
        address="12 High Street, Eastbridge",
        ward="Riverside",
    )
    response = _log(client, cast.owner, NEW)
    assert response.status_code == 302  # nothing the officer may see looks alike
    assert hidden.reference not in client.get(response["Location"]).content.decode()


def test_a_case_shared_with_the_officers_agency_is_suggested_with_ways_to_add_to_it(
    client, cast, case
):
    page = _log(client, cast.council_officer, NEW).content.decode()
    assert case.reference in page
    assert reverse("casework:person_add", args=[case.reference]) in page
    assert reverse("casework:entry_add", args=[case.reference]) in page


def test_a_person_named_in_the_summary_matches_their_case(client, cast, case):
    person = PersonFactory(given_name="Amina", family_name="Khan")
    services.participant_add(
        actor=cast.owner, case=case, person=person, role=ParticipantRole.VICTIM
    )
    data = {**NEW, "address": "", "ward": ""}
    page = _log(client, cast.owner, {**data, "summary": "Mrs Amina Khan was shouted at."})
    assert "Same person" in page.content.decode()
    assert _log(client, cast.owner, {**data, "summary": "Amina was shouted at."}).status_code == 302


def test_a_recent_case_in_the_same_ward_is_suggested_but_an_old_one_is_not(client, cast):
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        old = services.case_open(
            actor=cast.colleague, case_type=CaseType.OTHER, summary="Old.", ward="Riverside"
        )
    recent = services.case_open(
        actor=cast.colleague, case_type=CaseType.OTHER, summary="Recent.", ward="riverside"
    )
    found = selectors.similar_cases(cast.owner, ward="Riverside")
    assert [s.case for s in found] == [recent]
    assert found[0].reasons == ["Same ward or nearby, reported in the 28 days before"]
    assert old.pk not in {s.case.pk for s in found}


def test_closed_cases_are_not_suggested(cast, case):
    services.case_transition(
        actor=cast.owner, case=case, to_status=CaseStatus.CLOSED, reason="Resolved."
    )
    assert selectors.similar_cases(cast.owner, address="12 High Street, Eastbridge") == []


def test_cases_matching_on_more_grounds_come_first(cast, case):
    same_ward = services.case_open(
        actor=cast.colleague, case_type=CaseType.OTHER, summary="Litter.", ward="Castle"
    )
    found = selectors.similar_cases(cast.owner, address="12 High Street, Eastbridge", ward="Castle")
    assert [s.case for s in found] == [case, same_ward]
    assert found[0].can_add and len(found[0].reasons) == 2


def test_a_named_person_with_a_date_of_birth_must_share_it(cast, case):
    person = PersonFactory(given_name="Amina", family_name="Khan")
    services.participant_add(
        actor=cast.owner, case=case, person=person, role=ParticipantRole.VICTIM
    )
    same = PersonNamed("Amina", "Khan", person.date_of_birth)
    other = PersonNamed("Amina", "Khan", person.date_of_birth - timedelta(days=400))
    assert [s.case for s in selectors.similar_cases(cast.owner, people=[same])] == [case]
    assert selectors.similar_cases(cast.owner, people=[other]) == []


def test_names_in_text_are_pairs_of_capitalised_words():
    assert selectors.names_in("Mrs Amina Khan saw O\u2019Brien-Smith Jones. then left") == [
        PersonNamed("Mrs", "Amina"),
        PersonNamed("Amina", "Khan"),
        PersonNamed("O'Brien-Smith", "Jones"),
    ]
