"""Pages reached by "Next" start after the last case shown, not at an offset: the same
cases as numbered pages, none repeated or skipped when a case is logged meanwhile."""

import re
from html import unescape

import pytest
from django.urls import reverse

from casework.models import RiskLevel
from common import paging

from .factories import CaseFactory

LIST = reverse("casework:case_list")
NEXT_LINK = re.compile(r'href="\?([^"]*)" rel="next"')
CASE_LINK = re.compile(r'href="/cases/([A-Z]+-[^/"]+)/"')


def _walk(client, params: dict, pages: int) -> tuple[list[list[str]], list[str]]:
    """The references on each page reached by following "Next", and the links followed."""
    url, seen, followed = LIST + "?" + "&".join(f"{k}={v}" for k, v in params.items()), [], []
    for _ in range(pages):
        body = client.get(url).content.decode()
        seen.append(CASE_LINK.findall(body))
        found = NEXT_LINK.search(body)
        if not found:
            break
        url = LIST + "?" + unescape(found.group(1))
        followed.append(url)
    return seen, followed


@pytest.mark.parametrize("sort", ["-reported", "reported", "risk", "status", "reference"])
def test_following_next_shows_the_same_cases_as_numbered_pages(client, cast, sort):
    # Risk and status repeat from case to case: the position must also hold the id.
    CaseFactory.create_batch(
        60, lead_agency=cast.police, risk_level=RiskLevel.HIGH, lead_officer=cast.owner
    )
    CaseFactory.create_batch(12, lead_agency=cast.police, risk_level=RiskLevel.STANDARD)
    client.force_login(cast.owner)

    walked, followed = _walk(client, {"sort": sort}, pages=5)

    assert [len(page) for page in walked] == [25, 25, 22]
    assert all("after=" in url for url in followed)
    for number, references in enumerate(walked, start=1):
        numbered = client.get(LIST, {"sort": sort, "page": number}).content.decode()
        assert CASE_LINK.findall(numbered) == references
    everything = [reference for page in walked for reference in page]
    assert len(set(everything)) == 72


def test_a_case_logged_meanwhile_does_not_repeat_a_case_on_the_next_page(client, cast):
    CaseFactory.create_batch(30, lead_agency=cast.police)
    client.force_login(cast.owner)
    first = client.get(LIST).content.decode()
    next_url = LIST + "?" + unescape(NEXT_LINK.search(first).group(1))

    CaseFactory(lead_agency=cast.police)  # newest: heads the list, pushing the rest down
    second = client.get(next_url).content.decode()

    assert set(CASE_LINK.findall(first)).isdisjoint(CASE_LINK.findall(second))
    assert len(CASE_LINK.findall(second)) == 5


@pytest.mark.parametrize(
    ("sort", "after"),
    [
        ("-reported", "nonsense"),
        ("-reported", "~"),
        ("-reported", "2026-13-45T99:00~12"),
        ("-reported", "~abc"),
        ("-reported", "x" * 500),
        ("-reported", "0001-01-01T00:00:00+05:00~5"),
        ("-reported", "9999-12-31T23:59:59-05:00~5"),
        ("-reported", "2026-01-01T00:00:00+00:00~99999999999999999999999"),
        ("-reported", "2026-01-01T00:00:00+00:00~-4"),
        ("risk", "high\x00~5"),
        ("reference", "ICST\x00~5"),
    ],
)
def test_a_position_that_is_not_ours_falls_back_to_the_page_number(client, cast, sort, after):
    CaseFactory.create_batch(30, lead_agency=cast.police)
    client.force_login(cast.owner)
    expected = CASE_LINK.findall(client.get(LIST, {"page": 2, "sort": sort}).content.decode())

    response = client.get(LIST, {"page": 2, "sort": sort, "after": after})

    assert response.status_code == 200
    assert CASE_LINK.findall(response.content.decode()) == expected


def test_a_position_is_no_way_past_the_access_policy(client, cast):
    hidden = CaseFactory(lead_agency=cast.fire)  # not shared with the police
    CaseFactory.create_batch(3, lead_agency=cast.police)
    client.force_login(cast.owner)
    after = f"{hidden.reported_at.isoformat()}~{hidden.pk + 1}"

    body = client.get(LIST, {"page": 2, "after": after}).content.decode()

    assert hidden.reference not in body


def test_an_order_by_a_field_that_may_be_empty_pages_by_number(cast):
    from casework import selectors

    CaseFactory.create_batch(30, lead_agency=cast.police)
    page = selectors.case_list_page(cast.owner, sort="review", page=1)
    assert page.has_next and page.next_after == ""
    assert paging.Keyset.of(selectors.case_list(cast.owner, sort="review")) is None


def test_a_page_after_a_position_needs_no_more_queries(client, cast, django_assert_max_num_queries):
    CaseFactory.create_batch(60, lead_agency=cast.police)
    client.force_login(cast.owner)
    _walked, followed = _walk(client, {}, pages=2)
    # Session, user, membership, and the page with its bounded count.
    with django_assert_max_num_queries(4):
        assert client.get(followed[-1]).status_code == 200


def test_a_single_queryset_pages_after_a_position_too(cast):
    from casework.models import Case

    CaseFactory.create_batch(7, lead_agency=cast.police)
    cases = Case.objects.order_by("-reported_at", "-id")
    numbered = [list(paging.bounded_page(cases, n, per_page=3)) for n in (1, 2, 3)]

    first = paging.bounded_page(cases, 1, per_page=3)
    second = paging.bounded_page(cases, 2, per_page=3, after=first.next_after)
    third = paging.bounded_page(cases, 3, per_page=3, after=second.next_after)

    assert [list(first), list(second), list(third)] == numbered
    assert third.count == 7 and third.count_is_exact and not third.has_next
