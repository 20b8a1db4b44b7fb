"""A reporter who asks for contact before triage: the report goes to the front of the triage
queue, flagged; they see their request is waiting; asking again makes no second request; and
whoever takes the case at triage is asked to phone them."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from casework import services as casework_services
from casework.models import CaseType
from followups.models import ContactRequest, StaffAlert
from intake import selectors, services

from ..followups.test_obligations import LONDON
from .factories import answers

RECEIVED = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)  # a Monday


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=False) as traveller:
        yield traveller


@pytest.fixture
def reports(cast, clock):
    """Two reports, the first received an hour before the second."""
    first = services.report_submit(channel="online_form", answers=answers(given_name="First"))
    clock.shift(timedelta(hours=1))
    second = services.report_submit(channel="online_form", answers=answers(given_name="Second"))
    clock.shift(timedelta(minutes=10))
    return first, second


def path_of(report) -> str:
    return report.status_url.split("127.0.0.1:8000", 1)[-1]


def ask(client, report, message=""):
    response = client.post(path_of(report), {"message": message})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_the_report_jumps_the_triage_queue_flagged(client, cast, reports):
    first, second = reports
    assert list(selectors.triage_queue(cast.owner)) == [first, second]
    ask(client, second, "Please ring after six.")
    assert list(selectors.triage_queue(cast.owner)) == [second, first]
    client.force_login(cast.owner)
    queue = client.get(reverse("intake:queue")).content.decode()
    assert queue.count('data-testid="contact-requested"') == 1
    page = client.get(reverse("intake:report", args=[second.pk])).content.decode()
    assert "The reporter asked to be contacted" in page


def test_the_reporter_sees_their_request_is_waiting_for_triage(client, reports):
    _first, second = reports
    page = client.get(path_of(second)).content.decode()
    assert "Ask us to contact you" in page and "contact-request-pending" not in page
    page = ask(client, second)
    assert "Our team will look at your report first" in page
    assert "Your request is waiting for our team" in page
    assert "Your contact will get in touch" not in page


def test_asking_again_adds_to_the_waiting_request(client, reports):
    _first, second = reports
    ask(client, second, "Please ring after six.")
    ask(client, second, "Please ring after six.")
    ask(client, second, "Or text me.")
    request = ContactRequest.objects.get()
    assert request.message == "Please ring after six.\n\nOr text me."
    assert not StaffAlert.objects.exists()  # no officer yet: the queue has it


def test_the_lead_officer_chosen_at_triage_is_asked_to_phone(client, cast, reports):
    _first, second = reports
    ask(client, second)
    services.report_accept(
        actor=cast.owner,
        report=second,
        case_type=CaseType.OTHER,
        lead_agency=cast.police,
        lead_officer=cast.colleague,
    )
    assert StaffAlert.objects.filter(user=cast.colleague, kind="contact_request").count() == 1
    request = ContactRequest.objects.get()
    assert request.action.assigned_to == cast.colleague
    ask(client, second, "Still waiting.")  # pending until the action is done: no second
    assert ContactRequest.objects.count() == 1 and second.case.actions.count() == 1
    casework_services.action_complete(
        actor=cast.colleague, action=request.action, outcome="Phoned them."
    )
    page = client.get(path_of(second)).content.decode()
    assert "Ask us to contact you" in page and "contact-request-pending" not in page


def test_a_linked_report_asks_the_officer_of_the_case_it_joins(client, cast, case, reports):
    _first, second = reports
    ask(client, second)
    services.report_link(actor=cast.owner, report=second, target=case, reason="Same youths.")
    assert StaffAlert.objects.filter(user=cast.owner, kind="contact_request", case=case).exists()
    assert ContactRequest.objects.get().action.case == case


def test_the_queue_keeps_its_order_without_a_request(client, cast, reports):
    first, second = reports
    client.get(path_of(second))  # only looking at the page
    assert list(selectors.triage_queue(cast.owner)) == [first, second]
    assert selectors.triage_queue(cast.owner).get(pk=second.pk).contact_requested_at is None
