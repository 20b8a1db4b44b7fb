"""The private status page: the right token shows the public fields and nothing
else; expired, revoked and forged tokens show nothing at all."""

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from casework import services as casework_services
from followups import services
from followups.models import ContactRequest, Notification, StaffAlert, StatusLink
from partners.models import Sensitivity

INVALID = "This link is not valid"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def link_path(cast, case, victim):
    return services.status_link_issue(case=case, person=victim, actor=cast.owner)


@pytest.fixture
def secret_note(cast, case):
    return casework_services.entry_add(
        actor=cast.owner,
        case=case,
        body="Informant says the suspect stores knives at the garage.",
        sensitivity=Sensitivity.POLICE_INTELLIGENCE,
    )


def test_the_right_token_shows_the_reference_status_contact_and_latest_update(
    client, cast, case, victim, link_path, secret_note
):
    Notification.objects.create(
        case=case,
        person=victim,
        channel="email",
        address=victim.email,
        subject="Officers visited",
        body="We visited the street on Tuesday evening.",
        event_key="t1",
        idempotency_key="k1",
        status=Notification.Status.SENT,
        sent_at=timezone.now(),
        next_attempt_at=timezone.now(),
    )
    page = client.get(link_path)
    text = page.content.decode()
    assert page.status_code == 200
    assert case.reference in text
    assert "Being worked on" in text
    assert cast.owner.get_full_name() in text
    assert "We visited the street on Tuesday evening." in text
    # Nothing else: no summary, address, notes, other people, or internal status words.
    for hidden in (
        case.summary,
        case.address,
        "knives",
        "Council",
        "OFFICIAL-SENSITIVE",
        "Sign out",
    ):
        assert hidden not in text
    assert page["Cache-Control"].startswith("max-age=0")


def test_a_message_still_waiting_to_send_is_not_shown_as_the_latest_update(
    client, case, victim, link_path
):
    Notification.objects.create(
        case=case,
        person=victim,
        channel="email",
        subject="Draft",
        body="Not sent yet.",
        event_key="t2",
        idempotency_key="k2",
        next_attempt_at=timezone.now(),
    )
    assert "Not sent yet." not in client.get(link_path).content.decode()


def test_an_expired_link_shows_nothing(client, case, link_path):
    with time_machine.travel(timezone.now() + timedelta(days=181)):
        page = client.get(link_path)
    assert page.status_code == 404
    assert INVALID in page.content.decode()
    assert case.reference not in page.content.decode()


def test_a_revoked_link_shows_nothing(client, cast, case, victim, link_path):
    assert client.get(link_path).status_code == 200
    assert services.status_link_revoke(actor=cast.owner, case=case, person=victim) == 1
    page = client.get(link_path)
    assert page.status_code == 404
    assert case.reference not in page.content.decode()


def test_forged_and_tampered_tokens_show_nothing(client, case, link_path):
    token = link_path.split("/")[2]
    link = StatusLink.objects.get()
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        signing.dumps([link.pk, "guessed-secret"], salt="followups.status-link"),  # right key
        signing.dumps([link.pk, "guessed"], salt="another-salt"),
        "not-a-token",
        case.reference,
    ]
    for bad in forged:
        page = client.get(f"/track/{bad}/")
        assert page.status_code == 404, bad
        assert case.reference not in page.content.decode()


def test_only_a_hash_of_the_secret_is_stored(link_path):
    link = StatusLink.objects.get()
    _, secret = signing.loads(link_path.split("/")[2], salt="followups.status-link")
    assert secret not in link.secret_hash
    assert len(link.secret_hash) == 64


def test_a_person_removed_from_the_case_loses_their_link(client, cast, case, victim, link_path):
    participant = case.participants.get(person=victim)
    casework_services.participant_remove(actor=cast.owner, participant=participant, reason="Error")
    assert client.get(link_path).status_code == 404


@override_settings(FOLLOWUPS_STATUS_LINK_RATE="3/h")
def test_guessing_is_rate_limited(client, link_path):
    for _ in range(3):
        client.get("/track/guess/")
    page = client.get(link_path)
    assert page.status_code == 429
    assert "Too many attempts" in page.content.decode()


def test_asking_for_contact_alerts_the_contact_officer_and_raises_an_action(
    client, cast, case, victim, link_path
):
    page = client.post(link_path, {"message": "Evenings are best."})
    assert page.status_code == 302
    assert "We have your request" in client.get(page["Location"]).content.decode()
    request = ContactRequest.objects.get()
    assert (request.case, request.person, request.message) == (case, victim, "Evenings are best.")
    assert StaffAlert.objects.filter(user=cast.owner, kind="contact_request").exists()
    action = case.actions.get(description__contains="asked for contact")
    assert action.assigned_to == cast.owner


def test_links_are_only_for_victims_and_reporters_on_the_case(cast, case):
    stranger, _ = casework_services.person_find_or_create(
        actor=cast.owner, given_name="Sam", family_name="Stranger"
    )
    with pytest.raises(ValidationError):
        services.status_link_issue(case=case, person=stranger)
    casework_services.participant_add(actor=cast.owner, case=case, person=stranger, role="subject")
    with pytest.raises(ValidationError):
        services.status_link_issue(case=case, person=stranger)


def test_only_staff_who_work_the_case_issue_or_revoke_links(cast, case, victim):
    for outsider in (cast.fire_officer, cast.police_partner):
        with pytest.raises(PermissionDenied):
            services.status_link_issue(case=case, person=victim, actor=outsider)
    services.status_link_issue(case=case, person=victim, actor=cast.council_officer)
    with pytest.raises(PermissionDenied):
        services.status_link_revoke(actor=cast.fire_officer, case=case, person=victim)


def test_the_public_view_is_on_the_access_log(client, case, link_path):
    from audit.models import AccessLog

    client.get(link_path)
    entry = AccessLog.objects.get(object_id=str(case.pk), action="view_case")
    assert entry.user is None
    assert entry.detail["via"] == "status link"
