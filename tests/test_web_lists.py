"""Home, the case list and the person page: only what the access policy allows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from casework import services
from casework.models import CaseType

from .factories import PersonFactory


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


@pytest.fixture
def fire_case(cast):
    return services.case_open(
        actor=cast.fire_officer,
        case_type=CaseType.OTHER,
        summary="Hoarding fire risk",
        address="9 Fire Lane",
        lead_officer=cast.fire_officer,
    )


def test_the_list_shows_only_cases_within_reach(client, cast, case, fire_case):
    page = _get(client, cast.council_officer, reverse("casework:case_list")).content.decode()
    assert case.reference in page
    assert fire_case.reference not in page


def test_searching_by_person_name_finds_the_case_and_is_logged(client, cast, case, fire_case):
    person = PersonFactory(given_name="Zebedee", family_name="Quill")
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    services.participant_add(actor=cast.fire_officer, case=fire_case, person=person, role="victim")
    page = _get(
        client, cast.owner, reverse("casework:case_list"), q="zebedee quill"
    ).content.decode()
    assert case.reference in page
    assert fire_case.reference not in page
    log = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert log.user == cast.owner and log.detail["query"] == "zebedee quill"


def test_browsing_without_a_search_is_not_logged_as_a_search(client, cast, case):
    _get(client, cast.owner, reverse("casework:case_list"), status="open")
    assert not AccessLog.objects.filter(action=AccessLog.Action.SEARCH).exists()


@pytest.mark.parametrize(
    "params, found",
    [
        ({"case_type": "asb"}, True),
        ({"case_type": "missing_person"}, False),
        ({"status": "open"}, True),
        ({"status": "closed"}, False),
        ({"risk_level": "high"}, False),
        ({"ward": "castle"}, True),
        ({"ward": "Harbour"}, False),
        ({"q": "High Street"}, True),
        ({"q": "Nowhere Road"}, False),
    ],
)
def test_each_filter_narrows_the_list(client, cast, case, params, found):
    page = _get(client, cast.owner, reverse("casework:case_list"), **params).content.decode()
    assert (case.reference in page) == found


def test_lead_agency_officer_and_date_filters(client, cast, case):
    url = reverse("casework:case_list")
    today = timezone.localdate()
    assert (
        case.reference in _get(client, cast.owner, url, lead_agency=cast.police.pk).content.decode()
    )
    assert (
        case.reference in _get(client, cast.owner, url, lead_officer=cast.owner.pk).content.decode()
    )
    later = (today + timedelta(days=1)).isoformat()
    assert case.reference not in _get(client, cast.owner, url, reported_from=later).content.decode()
    assert case.reference in _get(client, cast.owner, url, reported_to=later).content.decode()


def test_a_backwards_date_range_is_explained(client, cast, case):
    page = _get(
        client,
        cast.owner,
        reverse("casework:case_list"),
        reported_from="2026-05-01",
        reported_to="2026-04-01",
    ).content.decode()
    assert "Reported to must be the same as or after reported from." in page


def test_the_list_pages_and_keeps_filters(client, cast):
    for n in range(27):
        services.case_open(actor=cast.owner, case_type="other", summary=f"Case {n}", ward="Castle")
    page = _get(client, cast.owner, reverse("casework:case_list"), ward="Castle").content.decode()
    assert "27</strong> cases" in page
    assert "ward=Castle&amp;page=2" in page
    second = _get(client, cast.owner, reverse("casework:case_list"), ward="Castle", page=2)
    assert second.content.decode().count('class="govuk-table__row"') == 3  # header + 2


def test_home_shows_my_cases_actions_triage_and_counts(client, cast, case):
    services.action_add(
        actor=cast.owner,
        case=case,
        description="Call the victim back",
        assigned_agency=cast.police,
        assigned_to=cast.owner,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    triage = services.case_open(actor=cast.colleague, case_type="other", summary="New one")
    services.case_update(
        actor=cast.owner,
        case=case,
        expected_version=case.version,
        next_review_on=timezone.localdate() - timedelta(days=2),
    )
    page = _get(client, cast.owner, reverse("home")).content.decode()
    assert "Call the victim back" in page and "Overdue" in page
    assert triage.reference in page
    assert "Anti-social behaviour" in page  # readable label in the counts
    assert page.count(case.reference) >= 3  # my cases, needing review, action


def test_home_for_an_outsider_shows_nothing_of_the_case(client, cast, case):
    page = _get(client, cast.fire_officer, reverse("home")).content.decode()
    assert case.reference not in page
    assert "No open cases." in page


def test_the_person_page_lists_only_cases_within_reach(client, cast, case, fire_case):
    person = PersonFactory(given_name="Zebedee", family_name="Quill")
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    services.participant_add(actor=cast.fire_officer, case=fire_case, person=person, role="subject")
    url = reverse("casework:person_detail", args=[person.pk])
    page = _get(client, cast.council_officer, url).content.decode()
    assert "Zebedee Quill" in page and case.reference in page
    assert fire_case.reference not in page
    assert AccessLog.objects.filter(action=AccessLog.Action.VIEW_PERSON).exists()


def test_a_person_only_in_hidden_cases_is_a_404(client, cast, fire_case):
    person = PersonFactory()
    services.participant_add(actor=cast.fire_officer, case=fire_case, person=person, role="victim")
    url = reverse("casework:person_detail", args=[person.pk])
    assert _get(client, cast.council_officer, url).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    response = client.get(reverse("casework:case_detail", args=[case.reference]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sorting_by_risk_puts_the_highest_first(client, cast):
    for level in ("standard", "high", "medium"):
        services.case_open(actor=cast.owner, case_type="other", summary=level, risk_level=level)
    page = _get(client, cast.owner, reverse("casework:case_list"), sort="risk").content.decode()
    body = page[page.index("<tbody") :]
    assert body.index(">High<") < body.index(">Medium<") < body.index(">Standard<")


def _cases_with_work(cast, count):
    for n in range(count):
        case = services.case_open(
            actor=cast.owner, case_type="other", summary=f"Case {n}", lead_officer=cast.owner
        )
        services.participant_add(actor=cast.owner, case=case, person=PersonFactory(), role="victim")


def test_the_case_list_costs_the_same_queries_for_few_or_many_cases(
    client, cast, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.owner)
    url = reverse("casework:case_list")
    _cases_with_work(cast, 2)
    client.get(url)  # the first page view refreshes the session and caches filter options
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "Case"})
    _cases_with_work(cast, 10)
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"q": "Case"})
    assert len(many) == len(few)


def test_the_case_page_costs_the_same_queries_for_a_small_or_busy_case(client, cast, case, notes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.owner)
    url = reverse("casework:case_detail", args=[case.reference])
    client.get(url)  # the first page view refreshes the session
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(5):
        services.participant_add(
            actor=cast.owner, case=case, person=PersonFactory(), role="witness"
        )
        services.entry_add(actor=cast.owner, case=case, body=f"Note {n}")
        services.action_add(
            actor=cast.owner,
            case=case,
            description=f"Action {n}",
            assigned_agency=cast.police,
            due_on=timezone.localdate(),
        )
        services.case_update(
            actor=cast.owner, case=case, expected_version=case.version, ward=f"W{n}"
        )
        case.refresh_from_db()
    with CaptureQueriesContext(connection) as busy:
        client.get(url)
    assert len(busy) == len(small)
