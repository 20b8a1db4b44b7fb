"""The reporter hears back: an acknowledgement with a private status link, and triage's outcome."""

import pytest
from django.core import mail
from django.urls import reverse

from casework.models import CaseType
from followups.models import Notification
from intake import services

from .factories import ANONYMOUS, answers


def submit(captured, **changes):
    with captured(execute=True):
        return services.report_submit(channel="online_form", answers=answers(**changes))


@pytest.fixture
def captured(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def status_path(report) -> str:
    return report.status_url.split("127.0.0.1:8000", 1)[-1]


def test_the_reporter_gets_the_reference_and_a_private_link_by_email(cast, captured, client):
    report = submit(captured)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amira@example.org"]
    assert report.case.reference in message.subject and report.status_url in message.body
    page = client.get(status_path(report)).content.decode()
    assert report.case.reference in page and "Received" in page


def test_an_anonymous_reporter_gets_no_link_and_no_message(cast, captured):
    report = submit(captured, **ANONYMOUS)
    assert report.status_url == "" and not Notification.objects.exists() and not mail.outbox


def test_do_not_contact_means_a_link_on_screen_but_no_message(cast, captured):
    report = submit(captured, contact_preference="none")
    assert report.status_url and not Notification.objects.exists()


def test_the_status_page_changes_when_the_report_is_accepted(cast, captured, client):
    report = submit(captured)
    path = status_path(report)
    assert "We will tell you who your contact is" in client.get(path).content.decode()
    with captured(execute=True):
        services.report_accept(
            actor=cast.owner,
            report=report,
            case_type=CaseType.OTHER,
            lead_agency=cast.council,
            lead_officer=cast.council_officer,
        )
    page = client.get(path).content.decode()
    assert cast.council_officer.get_full_name() in page
    assert "passed it to Council agency" in page  # the update, sent by email
    assert mail.outbox[-1].subject == f"Your report {report.case.reference} has been picked up"


def test_the_close_reason_is_sent_to_the_reporter(cast, captured, client):
    report = submit(captured)
    with captured(execute=True):
        services.report_close(
            actor=cast.owner, report=report, reason="The housing provider is dealing with it."
        )
    assert "The housing provider is dealing with it." in mail.outbox[-1].body
    page = client.get(status_path(report)).content.decode()
    assert "Closed" in page and "The housing provider is dealing with it." in page


def test_a_linked_report_gives_the_reporter_a_link_to_the_existing_case(cast, case, captured):
    report = submit(captured)
    with captured(execute=True):
        services.report_link(actor=cast.owner, report=report, target=case, reason="Same youths.")
    assert case.reference in mail.outbox[-1].body and "/track/" in mail.outbox[-1].body


def test_a_phone_reporter_becomes_a_task_for_the_lead_officer_on_accept(cast, captured):
    report = submit(captured, contact_preference="phone", phone="07700 900123", email="")
    assert not Notification.objects.exists()  # nobody to phone yet: the link is on screen
    services.report_accept(
        actor=cast.owner,
        report=report,
        case_type=CaseType.OTHER,
        lead_agency=cast.police,
        lead_officer=cast.colleague,
    )
    assert report.case.actions.filter(assigned_to=cast.colleague).exists()


def test_the_confirmation_page_shows_the_private_link(cast, client):
    session = client.session
    session.update(
        {"intake_reference": "ICST-2026-00001", "intake_status_url": "http://x/track/abc/"}
    )
    session.save()
    page = client.get(reverse("intake:sent")).content.decode()
    assert "http://x/track/abc/" in page and "ICST-2026-00001" in page
