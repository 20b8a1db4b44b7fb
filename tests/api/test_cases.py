"""Cases through the API: lists scoped by the access policy, detail with its
type-specific section only for those cleared, 404 out of reach, every read logged."""

import pytest

from audit.models import AccessLog
from casework import services
from casework.models import CaseType
from common import paging

from .conftest import problem


def references(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["reference"] for row in response.json()["results"]}


def test_the_list_holds_only_cases_the_caller_may_see(cast, case, as_user):
    hidden = services.case_open(
        actor=cast.fire_officer, case_type=CaseType.OTHER, summary="Fire-only concern."
    )
    assert references(as_user(cast.council_officer).get("/api/v1/cases/")) == {case.reference}
    assert references(as_user(cast.fire_officer).get("/api/v1/cases/")) == {hidden.reference}


def test_a_case_out_of_reach_answers_404_exactly_like_a_missing_one(cast, case, as_user):
    client = as_user(cast.fire_officer)
    hidden = client.get(f"/api/v1/cases/{case.reference}/")
    missing = client.get("/api/v1/cases/ICST-1999-00001/")
    assert hidden.status_code == missing.status_code == 404
    assert problem(hidden)["detail"] == problem(missing)["detail"]


def test_reading_a_case_is_written_to_the_access_log(cast, case, as_user):
    response = as_user(cast.council_officer).get(f"/api/v1/cases/{case.reference}/")
    assert response.status_code == 200
    entry = AccessLog.objects.get(object_id=str(case.pk), user=cast.council_officer)
    assert entry.action == AccessLog.Action.API_READ
    assert entry.detail["via"] == "api"


def test_the_detail_carries_its_version_as_an_etag(cast, case, as_user):
    response = as_user(cast.owner).get(f"/api/v1/cases/{case.reference}/")
    assert response["ETag"] == case.etag
    body = response.json()
    assert body["version"] == case.version
    assert body["asb"] == {"category": "personal", "victim_risk": "standard"}
    assert body["powers"] == {
        "change": True,
        "contribute": True,
        "reassign": False,
        "grant_access": True,
    }


def test_health_details_are_absent_for_those_not_cleared(cast, health_case, as_user):
    url = f"/api/v1/cases/{health_case.reference}/"
    police_officer = as_user(cast.owner).get(url).json()
    police_lead = as_user(cast.police_lead).get(url).json()
    # The police read their own Right Care, Right Person decision, not the clinical details.
    assert police_officer["mental_health"]["rcrp_threshold"] == "not_met"
    assert police_officer["mental_health"]["responsible_agency"]["slug"] == cast.health.slug
    assert "presentation" not in police_officer["mental_health"]
    assert "services_involved" not in police_officer["mental_health"]
    assert police_lead["mental_health"]["presentation"] == "crisis"
    services.case_share(
        actor=cast.owner,
        case=health_case,
        agency=cast.council,
        reason="Housing.",
        lawful_basis="consent",
    )
    assert "mental_health" not in as_user(cast.council_officer).get(url).json()


def test_searching_is_logged_with_the_query(cast, case, as_user):
    response = as_user(cast.owner).get("/api/v1/cases/", {"q": "High Street"})
    assert references(response) == {case.reference}
    entry = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert entry.detail["query"] == "High Street"


def test_filters_and_ordering(cast, case, as_user):
    services.case_open(actor=cast.owner, case_type=CaseType.OTHER, summary="Other thing.")
    client = as_user(cast.owner)
    assert references(client.get("/api/v1/cases/", {"case_type": "asb"})) == {case.reference}
    rows = client.get("/api/v1/cases/", {"ordering": "reference"}).json()["results"]
    assert [r["reference"] for r in rows] == sorted(r["reference"] for r in rows)


@pytest.mark.parametrize(
    "params",
    [{"case_type": "nonsense"}, {"reported_from": "yesterday"}, {"ordering": "summary"},
     {"lead_agency": "x"}, {"q": "a\x00b"}],
)  # fmt: skip
def test_bad_filters_get_400_saying_which(cast, as_user, params):
    response = as_user(cast.owner).get("/api/v1/cases/", params)
    assert response.status_code == 400
    assert problem(response)["errors"][0]["field"] == next(iter(params))


def test_page_size_is_bounded(cast, as_user):
    for number in range(3):
        services.case_open(actor=cast.owner, case_type=CaseType.OTHER, summary=f"Case {number}")
    client = as_user(cast.owner)
    page = client.get("/api/v1/cases/", {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    huge = client.get("/api/v1/cases/", {"page_size": 10_000})
    assert huge.status_code == 200 and len(huge.json()["results"]) == 3


def test_a_page_never_holds_more_than_the_largest_page_size(cast, as_user, monkeypatch):
    from api.pagination import BoundedCasePagination

    monkeypatch.setattr(BoundedCasePagination, "max_page_size", 2)
    for number in range(3):
        services.case_open(actor=cast.owner, case_type=CaseType.OTHER, summary=f"Case {number}")
    huge = as_user(cast.owner).get("/api/v1/cases/", {"page_size": 10_000}).json()
    assert len(huge["results"]) == 2 and huge["next"]


def test_a_long_list_is_counted_only_up_to_the_limit(cast, as_user, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 4)
    for number in range(6):
        services.case_open(actor=cast.owner, case_type=CaseType.OTHER, summary=f"Case {number}")
    client = as_user(cast.owner)
    long = client.get("/api/v1/cases/", {"page_size": 2}).json()
    assert long["count"] == 4 and long["count_is_exact"] is False
    assert len(long["results"]) == 2 and long["previous"] is None
    assert "page=2" in long["next"]
    last = client.get("/api/v1/cases/", {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 2 and last["next"] is None
    assert "page=2" in last["previous"]
    short = client.get("/api/v1/cases/", {"case_type": CaseType.ASB}).json()
    assert short == {
        "count": 0, "count_is_exact": True, "next": None, "previous": None, "results": [],
    }  # fmt: skip


def test_people_and_actions_lists_hold_nothing_from_cases_out_of_reach(cast, as_user, case):
    from django.utils import timezone

    hidden = services.case_open(actor=cast.fire_officer, case_type=CaseType.OTHER, summary="Fire.")
    person, _ = services.person_find_or_create(
        actor=cast.fire_officer, given_name="Zed", family_name="Hiddenson"
    )
    services.participant_add(actor=cast.fire_officer, case=hidden, person=person, role="victim")
    services.action_add(actor=cast.fire_officer, case=hidden, description="Fire-only visit.",
                        assigned_agency=cast.fire, due_on=timezone.localdate())  # fmt: skip
    council = as_user(cast.council_officer)
    people = council.get("/api/v1/people/").json()["results"]
    actions = council.get("/api/v1/actions/").json()["results"]
    assert all(row["family_name"] != "Hiddenson" for row in people)
    assert all(row["description"] != "Fire-only visit." for row in actions)
    fire = as_user(cast.fire_officer)
    assert any(
        row["family_name"] == "Hiddenson" for row in fire.get("/api/v1/people/").json()["results"]
    )
    assert any(
        r["description"] == "Fire-only visit."
        for r in fire.get("/api/v1/actions/").json()["results"]
    )


def test_following_next_starts_each_page_after_the_last_case_of_the_one_before(cast, as_user):
    from tests.factories import CaseFactory

    CaseFactory.create_batch(7, lead_agency=cast.police)
    client = as_user(cast.owner)
    numbered = [
        [case["reference"] for case in client.get("/api/v1/cases/", {"page_size": 3, "page": n})
         .json()["results"]]
        for n in (1, 2, 3)
    ]  # fmt: skip

    followed, url = [], "/api/v1/cases/?page_size=3"
    while url:
        page = client.get(url).json()
        followed.append([case["reference"] for case in page["results"]])
        if page["next"]:
            assert "after=" in page["next"]
        if page["previous"]:
            assert "after=" not in page["previous"]
        url = page["next"]

    assert followed == numbered
    next_link = client.get("/api/v1/cases/?page_size=3").json()["next"]
    CaseFactory(lead_agency=cast.police)  # newest: heads the list, pushing the rest down
    second = client.get(next_link).json()
    assert [case["reference"] for case in second["results"]] == numbered[1]  # none repeated
