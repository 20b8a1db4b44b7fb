"""The people and actions lists are paged like the case list: the count stops at a limit
and says whether it is exact, so a page costs the same over a million cases."""

import pytest
from django.utils import timezone

from casework import services
from common import paging

LISTS = ["/api/v1/people/", "/api/v1/actions/"]


@pytest.fixture
def crowded_case(cast, case):
    for number in range(5):
        person, _ = services.person_find_or_create(
            actor=cast.owner, given_name=f"Person{number}", family_name="Smith"
        )
        services.participant_add(actor=cast.owner, case=case, person=person, role="witness")
        services.action_add(
            actor=cast.owner,
            case=case,
            description=f"Action {number}",
            assigned_agency=cast.council,
            due_on=timezone.localdate(),
        )
    return case


@pytest.mark.parametrize("url", LISTS)
def test_a_long_list_is_counted_only_up_to_the_limit(cast, crowded_case, as_user, url, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 3)
    client = as_user(cast.owner)
    first = client.get(url, {"page_size": 2}).json()
    assert first["count"] == 3 and first["count_is_exact"] is False
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"]
    last = client.get(url, {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    assert "page=2" in last["previous"]


@pytest.mark.parametrize("url", LISTS)
def test_a_short_list_has_an_exact_count(cast, crowded_case, as_user, url):
    page = as_user(cast.owner).get(url, {"page_size": 2}).json()
    assert set(page) == {"count", "count_is_exact", "next", "previous", "results"}
    assert page["count"] == 5 and page["count_is_exact"] is True


def test_an_empty_list_is_an_exact_zero(cast, as_user):
    page = as_user(cast.owner).get("/api/v1/people/", {"q": "Nobody"}).json()
    assert page == {
        "count": 0, "count_is_exact": True, "next": None, "previous": None, "results": [],
    }  # fmt: skip


@pytest.mark.parametrize("path", ["/api/v1/people/", "/api/v1/actions/"])
def test_the_schema_documents_the_bounded_count(client, path):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    page = schema["components"]["schemas"][ok["schema"]["$ref"].rsplit("/", 1)[-1]]
    assert {"count", "count_is_exact", "results"} <= set(page["required"])
    assert page["properties"]["count_is_exact"]["type"] == "boolean"
    assert "1,000" in page["properties"]["count"]["description"]
