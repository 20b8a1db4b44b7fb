"""Subject access export: the person's own data, third parties and exempt entries kept out."""

import json

import pytest
from django.urls import reverse

from audit.models import AccessLog
from casework import services
from followups import services as followups_services
from followups.models import ContactPlan
from followups.tasks import deliver_notification


@pytest.fixture
def amy(cast, case, notes):
    amy, _ = services.person_find_or_create(
        actor=cast.owner,
        given_name="Amy",
        family_name="Jones",
        date_of_birth="1990-02-03",
        email="amy@example.org",
    )
    bob, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Bob", family_name="Hart", date_of_birth="1970-05-06"
    )
    services.participant_add(actor=cast.owner, case=case, person=amy, role="victim")
    services.participant_add(actor=cast.owner, case=case, person=bob, role="subject")
    services.entry_add(actor=cast.owner, case=case, body="Bob Hart shouted at Amy Jones again.")
    return amy


def export(client, user, person):
    client.force_login(user)
    return client.get(reverse("audit:subject_access", args=[person.pk]))


def test_the_export_holds_the_persons_data_and_their_cases(cast, case, amy, client):
    data = json.loads(export(client, cast.police_manager, amy).content)
    assert data["person"]["family_name"] == "Jones"
    assert data["person"]["date_of_birth"] == "1990-02-03"
    assert [c["reference"] for c in data["cases"]] == [case.reference]
    assert data["cases"][0]["role"] == "Victim"


def test_third_parties_are_redacted_and_exempt_entries_withheld(cast, case, amy, client):
    text = export(client, cast.police_manager, amy).content.decode()
    assert "Hart" not in text and "Bob" not in text
    assert "[third party] shouted at Amy Jones again." in text
    assert "police_intelligence note body" not in text
    assert "health note body" not in text
    assert "Police intelligence entry withheld" in text
    assert "standard note body" in text


def test_the_disclosure_is_logged(cast, case, amy, client):
    export(client, cast.police_manager, amy)
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.detail["report"] == "subject access"
    assert entry.detail["cases"] == [case.reference]


@pytest.mark.parametrize("who", ["owner", "council_partner"])
def test_only_managers_and_administrators_export(cast, case, amy, client, who):
    assert export(client, getattr(cast, who), amy).status_code == 403


def test_a_manager_without_reach_gets_404(cast, case, amy, client):
    assert export(client, cast.fire_manager, amy).status_code == 404


def pdf_text(response) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_the_pdf_discloses_the_same_as_the_json_and_no_more(cast, case, amy, client):
    client.force_login(cast.police_manager)
    text = pdf_text(client.get(reverse("audit:subject_access_pdf", args=[amy.pk])))
    assert "Subject access disclosure" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert case.reference in text
    assert "[third party] shouted at Amy Jones again." in text
    assert "Hart" not in text and "Bob" not in text
    assert "police_intelligence note body" not in text
    assert "Police intelligence entry withheld" in text


def test_the_pdf_disclosure_is_logged_with_its_format(cast, case, amy, client):
    client.force_login(cast.police_manager)
    client.get(reverse("audit:subject_access_pdf", args=[amy.pk]))
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.detail["format"] == "pdf"


@pytest.mark.parametrize("who", ["owner", "council_partner"])
def test_only_managers_and_administrators_get_the_pdf(cast, case, amy, client, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("audit:subject_access_pdf", args=[amy.pk]))
    assert response.status_code == 403


def test_the_person_page_offers_the_reports_to_managers_only(cast, case, amy, client):
    page = reverse("casework:person_detail", args=[amy.pk])
    client.force_login(cast.police_manager)
    assert reverse("audit:subject_access_pdf", args=[amy.pk]) in client.get(page).text
    client.force_login(cast.owner)
    assert reverse("audit:subject_access_pdf", args=[amy.pk]) not in client.get(page).text


@pytest.fixture
def followed_up(cast, case, amy):
    """Amy's contact plan (enhanced, by email, with a named contact) and a message sent to her
    that names a third party; and a message to another victim on the case."""
    cast.colleague.first_name, cast.colleague.last_name = "Priya", "Shah"
    cast.colleague.save()
    plan = ContactPlan.objects.get(case=case, person=amy)
    followups_services.plan_update(
        actor=cast.owner,
        plan=plan,
        entitlement="enhanced",
        channel="email",
        update_every_working_days=7,
        single_point_of_contact=cast.colleague,
    )
    cara, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Cara", family_name="Lowe", email="cara@example.org"
    )
    services.participant_add(actor=cast.owner, case=case, person=cara, role="victim")
    for person, body in [
        (amy, "Dear Amy Jones, officers spoke to Bob about the noise."),
        (cara, "Dear Cara, your own update about the garden wall."),
    ]:
        message = followups_services.notification_queue(
            case=case,
            person=person,
            channel="email",
            subject="Patrols on your street",
            body=body,
            actor=cast.owner,
            event_key="patrols",
        )
        deliver_notification.delay(message.pk)
    return plan


def test_the_export_holds_the_persons_contact_plan(cast, case, amy, followed_up, client):
    data = json.loads(export(client, cast.police_manager, amy).content)
    assert data["cases"][0]["contact_plan"] == {
        "entitlement": "Enhanced (Victims' Code)",
        "channel": "Email",
        "working_days_between_updates": 7,
        "status": "Receiving updates",
        "victim_support_referral": "Not declined",
        "contact_officer": "Priya Shah",
    }


def test_the_export_holds_the_messages_sent_to_the_person_as_sent(
    cast, case, amy, followed_up, client
):
    data = json.loads(export(client, cast.police_manager, amy).content)
    [message] = data["cases"][0]["messages"]
    assert message["channel"] == "Email"
    assert message["to"] == "amy@example.org"
    assert message["status"] == "Sent"
    assert message["sent_at"] and message["queued_at"]
    assert message["subject"] == "Patrols on your street"
    assert message["body"] == "Dear Amy Jones, officers spoke to [third party] about the noise."


def test_messages_to_others_on_the_case_are_not_disclosed(cast, case, amy, followed_up, client):
    text = export(client, cast.police_manager, amy).content.decode()
    assert "garden wall" not in text and "cara@example.org" not in text
    assert "Bob" not in text and "Cara" not in text


def test_a_person_without_a_plan_or_messages_has_none_listed(cast, case, amy, client):
    bob = case.participants.get(role="subject").person
    data = json.loads(export(client, cast.police_manager, bob).content)
    assert data["cases"][0]["contact_plan"] is None
    assert data["cases"][0]["messages"] == []


def test_the_pdf_shows_the_contact_plan_and_the_messages(cast, case, amy, followed_up, client):
    client.force_login(cast.police_manager)
    text = pdf_text(client.get(reverse("audit:subject_access_pdf", args=[amy.pk])))
    assert "Contact plan" in text
    assert "Enhanced (Victims' Code)" in text and "Priya Shah" in text
    assert "Messages sent" in text
    assert "Patrols on your street" in text
    assert "officers spoke to [third party] about the noise." in text
    assert "Bob" not in text and "garden wall" not in text


def test_the_export_holds_the_persons_status_links_and_requests_for_contact(
    cast, case, amy, client
):
    from followups.models import StatusLink

    followups_services.status_link_issue(case=case, person=amy, actor=cast.owner)
    link = StatusLink.objects.get(case=case, person=amy)
    followups_services.contact_request_make(link=link, message="Please ring me, Bob is back.")

    data = json.loads(export(client, cast.police_manager, amy).content)
    [issued] = data["cases"][0]["status_links"]
    assert issued["issued_at"] and issued["expires_at"] and issued["revoked_at"] is None
    assert "secret" not in json.dumps(issued)
    [asked] = data["cases"][0]["contact_requests"]
    assert asked["message"] == "Please ring me, [third party] is back."

    client.force_login(cast.police_manager)
    text = pdf_text(client.get(reverse("audit:subject_access_pdf", args=[amy.pk])))
    assert "Status page links" in text and "Requests for contact" in text
    assert "Please ring me, [third party] is back." in text and "Bob" not in text


def test_third_parties_are_redacted_however_their_names_are_written(cast, case, amy, client):
    from followups.models import StatusLink

    for given, family in [("Siobhan", "O'Brien"), ("Kay", "Smith-Jones")]:
        other, _ = services.person_find_or_create(
            actor=cast.owner, given_name=given, family_name=family
        )
        services.participant_add(actor=cast.owner, case=case, person=other, role="witness")
    followups_services.status_link_issue(case=case, person=amy, actor=cast.owner)
    link = StatusLink.objects.get(case=case, person=amy)
    followups_services.contact_request_make(
        link=link,
        message="O\u2019Brien and OBrien's dog, then smith jones, then Smith\u2013Jones again.",
    )

    data = json.loads(export(client, cast.police_manager, amy).content)
    [asked] = data["cases"][0]["contact_requests"]
    assert asked["message"] == (
        "[third party] and [third party]'s dog, then [third party], then [third party] again."
    )
