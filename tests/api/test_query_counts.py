"""A list page costs the same number of queries whatever its size: related rows are
joined, never fetched per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework import services
from casework.models import CaseType

# Every list: token + user's other tokens (2), membership (1), count (1), page (1).
BASE = 5
LISTS = {
    "/api/v1/cases/": BASE,
    "/api/v1/cases/{ref}/shares/": BASE + 1,  # the case, through the access policy
    "/api/v1/cases/{ref}/people/": BASE + 3,  # the case, the access-log row, the flags
    "/api/v1/cases/{ref}/entries/": BASE + 2,  # the case, and the access-log row
    "/api/v1/cases/{ref}/actions/": BASE + 1,  # the case
    "/api/v1/people/": BASE,  # the count rides on the page query; their vulnerability flags
    "/api/v1/actions/": BASE - 1,  # the bounded count rides on the page's query
    "/api/v1/agencies/": BASE - 1,  # no membership needed
}
ROWS = 12


@pytest.fixture
def busy_case(cast, case):
    for agency in (cast.fire, cast.childrens, cast.health):
        services.case_share(
            actor=cast.owner, case=case, agency=agency, reason="Partner", lawful_basis="consent"
        )
    for number in range(ROWS):
        services.case_open(actor=cast.owner, case_type=CaseType.OTHER, summary=f"Case {number}")
        person, _ = services.person_find_or_create(
            actor=cast.owner, given_name=f"Person{number}", family_name="Smith"
        )
        services.participant_add(actor=cast.owner, case=case, person=person, role="witness")
        services.entry_add(actor=cast.owner, case=case, body=f"Note {number}")
        services.action_add(
            actor=cast.owner,
            case=case,
            description=f"Action {number}",
            assigned_agency=cast.council,
            assigned_to=cast.council_officer,
            due_on=timezone.localdate(),
        )
    return case


def queries_for(client, url: str, page_size: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("path", sorted(LISTS))
def test_list_queries_do_not_grow_with_page_size(
    cast, busy_case, as_user, path, django_assert_max_num_queries
):
    client = as_user(cast.owner)
    url = path.format(ref=busy_case.reference)
    assert queries_for(client, url, 2) == queries_for(client, url, ROWS)
    with django_assert_max_num_queries(LISTS[path]):
        response = client.get(url, {"page_size": 50})
    assert len(response.json()["results"]) > 2
