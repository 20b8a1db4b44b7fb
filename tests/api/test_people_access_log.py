"""Looking people up through the API is logged as the case list's searches are: a search
with what was searched for, a person opened as a read; browsing without a search is not."""

from datetime import date

import pytest

from audit.models import AccessLog
from casework import services

PEOPLE = "/api/v1/people/"


@pytest.fixture
def person(cast, case):
    person, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Zebedee", family_name="Quill", date_of_birth=date(1980, 5, 1)
    )
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    return person


def test_a_search_by_name_is_logged_with_its_terms(cast, person, as_user):
    response = as_user(cast.council_officer).get(PEOPLE, {"q": " zebedee quill "})
    assert [row["id"] for row in response.json()["results"]] == [person.pk]
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action) == (cast.council_officer, AccessLog.Action.SEARCH)
    assert entry.detail["query"] == "zebedee quill"
    assert entry.detail["via"] == "api" and entry.detail["resource"] == "people"
    assert (entry.detail["results"], entry.detail["exact"]) == (1, True)


def test_a_search_by_date_of_birth_is_logged_with_it(cast, person, as_user):
    response = as_user(cast.owner).get(PEOPLE, {"date_of_birth": "1980-05-01"})
    assert response.json()["count"] == 1
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert entry.user == cast.owner
    assert entry.detail["date_of_birth"] == "1980-05-01" and entry.detail["query"] == ""


def test_a_search_that_finds_nobody_is_logged_too(cast, person, as_user):
    as_user(cast.fire_officer).get(PEOPLE, {"q": "Quill"})
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert entry.user == cast.fire_officer and entry.detail["results"] == 0


def test_browsing_people_without_a_search_is_not_logged_as_the_case_list_is_not(
    cast, person, as_user
):
    client = as_user(cast.owner)
    assert client.get("/api/v1/cases/").status_code == 200
    assert client.get(PEOPLE, {"page_size": 5}).json()["count"] == 1
    assert not AccessLog.objects.exists()


def test_a_refused_search_is_not_logged(cast, person, as_user):
    response = as_user(cast.owner).get(PEOPLE, {"q": "Quill", "date_of_birth": "1st May"})
    assert response.status_code == 400
    assert not AccessLog.objects.exists()


def test_opening_a_person_is_logged_as_a_read_of_that_person(cast, person, as_user):
    response = as_user(cast.council_officer).get(f"{PEOPLE}{person.pk}/")
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action) == (cast.council_officer, AccessLog.Action.API_READ)
    assert (entry.object_type, entry.object_id) == ("person", str(person.pk))
    assert entry.detail["resource"] == "person" and entry.detail["via"] == "api"
