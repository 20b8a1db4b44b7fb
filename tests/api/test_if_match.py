"""If-Match as RFC 9110 reads it: ``*`` matches any current version of a case that
exists, and entity tags are compared strongly, so a weak tag never matches."""

from casework.models import CaseStatus

from .conftest import problem

CASES = "/api/v1/cases/"


def test_if_match_star_changes_a_case_that_exists(cast, case, as_user):
    response = as_user(cast.owner).patch(
        f"{CASES}{case.reference}/", {"ward": "Harbour"}, HTTP_IF_MATCH="*"
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert (case.ward, case.version) == ("Harbour", 2)


def test_if_match_star_moves_a_case_along_its_workflow(cast, case, as_user):
    url = f"{CASES}{case.reference}/transitions/"
    response = as_user(cast.owner).post(url, {"status": "under_review"}, HTTP_IF_MATCH="*")
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW


def test_if_match_star_on_a_case_out_of_reach_is_a_404(cast, case, as_user):
    response = as_user(cast.fire_officer).patch(
        f"{CASES}{case.reference}/", {"ward": "Harbour"}, HTTP_IF_MATCH="*"
    )
    assert response.status_code == 404


def test_a_weak_etag_never_matches_even_for_the_current_version(cast, case, as_user):
    response = as_user(cast.owner).patch(
        f"{CASES}{case.reference}/", {"ward": "Harbour"}, HTTP_IF_MATCH=f"W/{case.etag}"
    )
    assert response.status_code == 412
    assert problem(response)["current_etag"] == case.etag
    case.refresh_from_db()
    assert (case.ward, case.version) == ("Castle", 1)


def test_a_weak_etag_in_a_transition_is_a_412(cast, case, as_user):
    url = f"{CASES}{case.reference}/transitions/"
    response = as_user(cast.owner).post(
        url, {"status": "under_review"}, HTTP_IF_MATCH=f"W/{case.etag}"
    )
    assert response.status_code == 412
    case.refresh_from_db()
    assert case.status != CaseStatus.UNDER_REVIEW


def test_a_strong_tag_in_a_list_matches_beside_a_weak_one(cast, case, as_user):
    tags = f'W/"{case.pk}-7", {case.etag}'
    response = as_user(cast.owner).patch(
        f"{CASES}{case.reference}/", {"ward": "Harbour"}, HTTP_IF_MATCH=tags
    )
    assert response.status_code == 200, response.content
