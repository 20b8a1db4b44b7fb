"""'Who viewed this record' for managers and data-protection officers."""

import pytest
from django.urls import reverse

from audit.models import AccessLog
from casework import services


def open_case_page(client, user, case):
    client.force_login(user)
    client.get(reverse("casework:case_detail", args=[case.reference]))
    client.logout()


def test_a_manager_sees_every_look_at_their_agencys_case(cast, case, client):
    open_case_page(client, cast.council_officer, case)
    open_case_page(client, cast.colleague, case)
    client.force_login(cast.police_manager)
    page = client.get(reverse("audit:who_viewed_case", args=[case.reference])).content.decode()
    assert cast.council.name in page
    assert page.count("Viewed case") == 2


def test_the_report_exports_as_csv_and_the_export_is_itself_logged(cast, case, client):
    open_case_page(client, cast.council_officer, case)
    client.force_login(cast.police_manager)
    response = client.get(
        reverse("audit:who_viewed_case", args=[case.reference]), {"format": "csv"}
    )
    rows = response.content.decode().strip().splitlines()
    assert rows[0].startswith("When,User,Agency")
    assert any("council_officer,Council agency,Viewed case" in row for row in rows[1:])
    assert AccessLog.objects.filter(
        action=AccessLog.Action.EXPORT, user=cast.police_manager
    ).exists()


@pytest.mark.parametrize("who", ["owner", "council_partner", "police_lead"])
def test_officers_partners_and_leads_cannot_see_the_report(cast, case, client, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("audit:who_viewed_case", args=[case.reference]))
    assert response.status_code == 403


def test_a_manager_outside_the_case_gets_404(cast, case, client):
    client.force_login(cast.fire_manager)
    assert client.get(reverse("audit:who_viewed_case", args=[case.reference])).status_code == 404


def test_a_persons_report_lists_looks_at_their_page(cast, case, client):
    person, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones"
    )
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    client.force_login(cast.council_officer)
    client.get(reverse("casework:person_detail", args=[person.pk]))
    client.force_login(cast.police_manager)
    page = client.get(reverse("audit:who_viewed_person", args=[person.pk])).content.decode()
    assert "Viewed person" in page and cast.council.name in page
