"""One person index across cases; a person's page shows only cases within reach."""

from django.urls import reverse

from casework import selectors, services
from casework.models import CaseType


def test_find_or_create_returns_the_existing_person_instead_of_a_duplicate(cast):
    first, created = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones", date_of_birth="1990-02-03"
    )
    again, created_again = services.person_find_or_create(
        actor=cast.council_officer,
        given_name=" amy ",
        family_name="JONES",
        date_of_birth="1990-02-03",
    )
    assert created and not created_again
    assert again == first


def test_same_name_different_birth_date_is_a_different_person(cast):
    first, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones", date_of_birth="1990-02-03"
    )
    other, created = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones", date_of_birth="1971-07-08"
    )
    assert created and other != first


def test_a_repeat_victim_shows_across_cases_but_only_those_within_reach(cast, case, client):
    person, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones", date_of_birth="1990-02-03"
    )
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    fire_case = services.case_open(
        actor=cast.fire_officer, case_type=CaseType.OTHER, summary="Hoarding fire risk."
    )
    services.participant_add(actor=cast.fire_officer, case=fire_case, person=person, role="victim")

    assert set(selectors.person_cases(cast.fire_officer, person)) == {fire_case}
    assert set(selectors.person_cases(cast.owner, person)) == {case}

    client.force_login(cast.council_officer)
    page = client.get(reverse("casework:person_detail", args=[person.pk]))
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    assert fire_case.reference not in page.content.decode()


def test_a_person_known_only_from_unreachable_cases_is_not_found(cast, client):
    fire_case = services.case_open(
        actor=cast.fire_officer, case_type=CaseType.OTHER, summary="Hoarding fire risk."
    )
    person, _ = services.person_find_or_create(
        actor=cast.fire_officer, given_name="Bob", family_name="Hart"
    )
    services.participant_add(actor=cast.fire_officer, case=fire_case, person=person, role="victim")
    client.force_login(cast.owner)
    assert client.get(reverse("casework:person_detail", args=[person.pk])).status_code == 404
