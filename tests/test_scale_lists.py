"""The case list at scale: a fixed number of queries, bounded counts, both search paths."""

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework import selectors
from casework.models import Case, CaseParticipant, CaseShare, LawfulBasis
from common import paging

from .factories import CaseFactory, PersonFactory

LIST = reverse("casework:case_list")
# Session, user, a verified second factor's device, membership, and the page with its
# bounded count; the filter options are cached and the session refreshed once a minute.
MAX_LIST_QUERIES = 6


def _cases(agency, count, *, shared_with=(), officer=None):
    cases = CaseFactory.create_batch(count, lead_agency=agency, lead_officer=officer)
    CaseShare.objects.bulk_create(
        CaseShare(
            case=case,
            agency=partner,
            reason="Partnership.",
            lawful_basis=LawfulBasis.CONSENT,
            shared_by=officer,
        )
        for case in cases
        for partner in shared_with
    )
    return cases


def _sign_in(client, user):
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.mark.parametrize("who", ["owner", "council_partner", "police_manager", "admin"])
@pytest.mark.parametrize("count", [0, 3, 30, 80])
@pytest.mark.parametrize("page", [1, 2, 4])
def test_the_list_page_needs_a_fixed_number_of_queries(
    client, cast, who, count, page, django_assert_max_num_queries
):
    partners = [cast.fire, cast.childrens, cast.health][: count % 4]
    _cases(cast.police, count, shared_with=[cast.council, *partners], officer=cast.owner)
    page = min(page, max(1, -(-count // 25)))  # past the end costs a count: tested below
    _sign_in(client, getattr(cast, who))
    client.get(LIST)  # the first page view refreshes the session and caches the options
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        response = client.get(LIST, {"page": page})
    assert response.status_code == 200


def test_filters_and_sorting_do_not_add_queries(client, cast, django_assert_max_num_queries):
    _cases(cast.police, 40, shared_with=[cast.council], officer=cast.owner)
    _sign_in(client, cast.owner)
    params = {"status": "open", "case_type": "other", "sort": "risk", "page": 2}
    client.get(LIST)
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        assert client.get(LIST, params).status_code == 200


def test_a_short_list_is_counted_exactly(client, cast):
    _cases(cast.police, 27, officer=cast.owner)
    client.force_login(cast.owner)
    page = client.get(LIST, {"page": 2}).content.decode()
    assert "<strong>27</strong> cases" in page
    assert "page 2 of 2" in page


def test_a_long_list_says_more_than_the_limit_instead_of_counting_everything(
    client, cast, monkeypatch
):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 30)
    _cases(cast.police, 40, officer=cast.owner)
    client.force_login(cast.owner)
    page = client.get(LIST).content.decode()
    assert "<strong>More than 30</strong> cases" in page
    assert "page=2" in page  # the next page is still offered


def test_a_page_past_the_end_shows_the_last_page(client, cast):
    cases = _cases(cast.police, 30, officer=cast.owner)
    client.force_login(cast.owner)
    page = client.get(LIST, {"page": 9}).content.decode()
    oldest = min(cases, key=lambda case: (case.reported_at, case.pk))
    assert oldest.reference in page
    assert "page 2 of 2" in page


@pytest.mark.parametrize("raw", ["x", "-3", "0", ""])
def test_a_nonsense_page_number_shows_the_first_page(client, cast, raw):
    _cases(cast.police, 3, officer=cast.owner)
    client.force_login(cast.owner)
    assert client.get(LIST, {"page": raw}).status_code == 200


def test_paging_stops_at_the_deepest_page_and_says_so(cast, monkeypatch):
    monkeypatch.setattr(paging, "MAX_PAGE", 2)
    _cases(cast.police, 12, officer=cast.owner)
    page = paging.bounded_page(Case.objects.order_by("-id"), "5", per_page=5)
    assert page.number == 2 and not page.has_next and page.at_page_limit


def test_a_bounded_count_is_exact_below_its_limit(cast):
    _cases(cast.police, 5, officer=cast.owner)
    assert paging.bounded_count(Case.objects.all(), 10) == (5, True)
    assert paging.bounded_count(Case.objects.all(), 3) == (3, False)


# --- Search: resolved to ids when the term is rare, matched row by row when common ----------


@pytest.fixture(params=["rare", "common"])
def search_path(request, monkeypatch):
    if request.param == "common":
        monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 0)
    return request.param


def _person_in(case, given, family, role="victim"):
    person = PersonFactory(given_name=given, family_name=family)
    CaseParticipant.objects.create(case=case, person=person, role=role)
    return person


def test_search_finds_by_name_reference_and_address_on_either_path(cast, search_path):
    mine, hidden = _cases(cast.police, 2, officer=cast.owner)
    hidden.lead_agency = cast.fire
    hidden.save()
    _person_in(mine, "Zebedee", "Quill")
    _person_in(hidden, "Zebedee", "Quill")
    mine.address = "7 Ropewalk Yard"
    mine.save()

    def found(text):
        filters = selectors.CaseFilters(text=text)
        listed = set(selectors.case_list(cast.council_officer, filters))
        # The page the web list and the API serve, branch by branch, finds the same.
        paged = selectors.case_list_page(cast.council_officer, filters, per_page=50)
        assert set(paged.object_list) == listed and paged.count == len(listed), text
        return listed

    # The council has no share yet: nothing, even though the people exist.
    assert found("zebedee quill") == set()
    CaseShare.objects.create(
        case=mine,
        agency=cast.council,
        reason="Partnership.",
        lawful_basis=LawfulBasis.CONSENT,
        shared_by=cast.owner,
    )
    assert found("zebedee quill") == {mine}
    assert found("QUILL") == {mine}
    assert found(mine.reference.lower()) == {mine}
    assert found("ropewalk") == {mine}
    assert found("zebedee smith") == set()


def test_search_keeps_other_filters_on_either_path(cast, search_path):
    first, second = _cases(cast.police, 2, officer=cast.owner)
    _person_in(first, "Ada", "Lovelace")
    _person_in(second, "Ada", "Lovelace")
    second.status = "closed"
    second.closed_at = second.reported_at
    second.save()
    filters = selectors.CaseFilters(text="lovelace", status="open")
    assert list(selectors.case_list(cast.owner, filters)) == [first]


@pytest.mark.parametrize("matches, says", [(3, "<strong>3</strong> cases"), (30, "More than 25")])
def test_a_common_term_is_counted_as_far_as_its_page(client, cast, monkeypatch, matches, says):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 0)  # every term is common
    for case in _cases(cast.police, matches, officer=cast.owner):
        _person_in(case, "Ada", "Lovelace")
    _cases(cast.police, 5, officer=cast.owner)  # not matching
    client.force_login(cast.owner)

    first = client.get(LIST, {"q": "lovelace"}).content.decode()
    assert says in first
    if matches > 25:
        second = client.get(LIST, {"q": "lovelace", "page": 2}).content.decode()
        assert "More than 25" in second
        assert second.count('class="govuk-table__row"') == 1 + matches - 25


def test_a_search_is_logged_with_its_bounded_count(client, cast, monkeypatch):
    from audit.models import AccessLog

    monkeypatch.setattr(selectors, "SEARCH_COUNT_LIMIT", 2)
    for case in _cases(cast.police, 3, officer=cast.owner):
        _person_in(case, "Ada", "Lovelace")
    client.force_login(cast.owner)
    page = client.get(LIST, {"q": "lovelace"}).content.decode()
    assert "More than 2" in page
    log = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert log.detail == {"query": "lovelace", "results": 2, "exact": False}


# --- The list's branches are the access policy, split -------------------------------------


def test_the_branches_and_the_partition_are_exactly_the_access_policy(cast, case):
    from casework import access, services

    council_led = services.case_open(
        actor=cast.council_officer, case_type="other", summary="Council case."
    )
    services.case_share(
        actor=cast.council_officer,
        case=council_led,
        agency=cast.police,
        reason="Police involvement.",
        lawful_basis=LawfulBasis.CONSENT,
    )
    fire_led = services.case_open(actor=cast.fire_officer, case_type="other", summary="Fire.")
    hidden = services.case_open(
        actor=cast.owner, case_type="other", summary="Restricted.", lead_officer=cast.owner
    )
    services.case_restrict(actor=cast.owner, case=hidden, restricted=True, reason="Sensitive.")
    services.break_glass_request(
        actor=cast.council_officer, case=fire_led, reason="Urgent risk.", emergency=True
    )
    # The council now sees the fire service's case twice over: by override and by share.
    services.case_share(
        actor=cast.fire_officer,
        case=fire_led,
        agency=cast.council,
        reason="Council involvement.",
        lawful_basis=LawfulBasis.CONSENT,
    )
    # And a case the council saw until its share was revoked, still shared with the police:
    # the council now sees it by override alone.
    revoked = services.case_open(actor=cast.fire_officer, case_type="other", summary="Fire 2.")
    for agency in (cast.council, cast.police):
        services.case_share(actor=cast.fire_officer, case=revoked, agency=agency,
                            reason="Joint work.", lawful_basis=LawfulBasis.CONSENT)  # fmt: skip
    services.case_share_revoke(
        actor=cast.fire_officer, share=revoked.shares.get(agency=cast.council), reason="Done."
    )
    services.break_glass_request(
        actor=cast.council_officer, case=revoked, reason="Urgent risk again.", emergency=True
    )
    for user in cast.everyone().values():
        expected = set(access.visible_cases(user))
        page = selectors.case_list_page(user, per_page=50)
        assert set(page.object_list) == expected, user.username
        assert page.count == len(expected)
        ids = set()
        for condition in access.visibility_branches(user):
            ids |= set(Case.objects.filter(condition).values_list("pk", flat=True))
        assert ids == {c.pk for c in expected}, user.username
        parts = [
            list(Case.objects.filter(condition).values_list("pk", flat=True))
            for condition in access.visibility_partition(user)
        ]
        assert sorted(sum(parts, [])) == sorted(c.pk for c in expected), user.username
        counted = sum(row["total"] for row in selectors.counts_by_type_and_risk(user))
        assert counted == sum(c.status != "closed" for c in expected), user.username


def test_the_far_future_as_a_date_bound_is_an_empty_filter_not_an_error(client, cast, case):
    client.force_login(cast.owner)
    response = client.get(LIST, {"reported_from": "9999-12-31", "reported_to": "9999-12-31"})
    assert response.status_code == 200 and "<strong>0</strong> cases" in response.content.decode()
    widest = client.get(LIST, {"reported_to": "9999-12-31"})
    assert case.reference in widest.content.decode()


def test_someone_with_no_agency_learns_nothing_even_from_paging_past_the_end(client, cast, case):
    from django.contrib.auth import get_user_model

    CaseFactory.create_batch(30, lead_agency=cast.police, case_type="other")
    stranger = get_user_model().objects.create_user("no.agency", password="x" * 16)
    page = selectors.case_list_page(stranger, selectors.CaseFilters(case_type="other"), page=400)
    # Not even the page number it falls back to may follow how many cases match.
    assert page.count == 0 and list(page.object_list) == [] and page.number == 1
