"""The service navigation offers each user exactly the sections they may open."""

import re

import pytest
from django.urls import reverse

from .test_authorization_sweep import STAFF


def offered(client, user) -> dict[str, str]:
    client.force_login(user)
    page = client.get(reverse("home")).text
    nav = page[page.index('id="navigation"') : page.index("</nav>")]
    links = re.findall(r'href="([^"]+)"[^>]*>(?:<strong[^>]*>)?([^<]+)<', nav)
    return {label: url for url, label in links}


def test_an_officer_of_the_triage_agency_is_offered_casework_and_triage(cast, client):
    assert list(offered(client, cast.owner)) == [
        "Home", "Cases", "Log a case", "Triage", "Briefings", "Notifications",
    ]  # fmt: skip


def test_a_partner_cannot_log_cases_or_triage(cast, client):
    labels = offered(client, cast.council_partner)
    assert "Log a case" not in labels and "Triage" not in labels


def test_an_officer_of_another_agency_does_not_triage(cast, client):
    assert "Triage" not in offered(client, cast.fire_officer)


def test_managers_are_offered_access_requests_and_retention(cast, client):
    labels = offered(client, cast.council_manager)
    assert {"Access requests", "Retention"} <= set(labels)
    assert "Access requests" not in offered(client, cast.council_officer)
    assert "Retention" not in offered(client, cast.police_lead)


@pytest.mark.parametrize("who", sorted(STAFF))
def test_every_section_offered_opens_for_its_reader(cast, client, who):
    for label, url in offered(client, getattr(cast, who)).items():
        assert client.get(url, follow=True).status_code == 200, label


def test_the_current_section_is_marked_for_screen_readers(cast, client):
    client.force_login(cast.owner)
    page = client.get(reverse("casework:case_list")).text
    assert re.search(r'href="/cases/" aria-current="page"', page)
