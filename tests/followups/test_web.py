"""The officer's pages: follow-ups on the home page and the case, sending an
update from a template, recording a phone call, and the notifications list."""

import re

import pytest
from django.core import mail

from casework import services as casework_services
from followups.messages import TEMPLATES
from followups.models import ContactPlan, Notification, Obligation, StaffAlert


@pytest.fixture
def plan(victim):
    plan = ContactPlan.objects.get(person=victim)
    plan.channel = "email"
    plan.save()
    return plan


def case_url(case, suffix=""):
    return f"/cases/{case.reference}/{suffix}"


def test_the_home_page_lists_the_victims_owed_an_update_by_me(client, cast, case, plan):
    client.force_login(cast.owner)
    text = client.get("/").content.decode()
    assert "Victims owed an update by you" in text
    assert "Amy Jones" in text and case.reference in text
    client.force_login(cast.colleague)
    assert "Amy Jones" not in client.get("/").content.decode()


def test_the_case_page_shows_each_victims_plan_and_what_is_owed(client, cast, case, plan):
    client.force_login(cast.council_officer)
    text = client.get(case_url(case)).content.decode()
    assert "Victim follow-up" in text
    assert "Referral to victim support" in text
    assert "Send an update" in text
    client.force_login(cast.council_partner)  # reads the case, may not act
    text = client.get(case_url(case)).content.decode()
    assert "Victim follow-up" in text and "Send an update" not in text


def test_an_update_is_written_from_a_template_edited_and_sent_once(
    client, cast, case, plan, django_capture_on_commit_callbacks
):
    client.force_login(cast.owner)
    url = case_url(case, f"followups/{plan.pk}/update/?template=suspect_arrested")
    page = client.get(url).content.decode()
    assert "a person has been arrested" in page
    send_key = re.search(r'name="send_key" value="([^"]+)"', page).group(1)
    form = {
        "template_key": "suspect_arrested",
        "send_key": send_key,
        "subject": f"An update on {case.reference}",
        "body": "Dear Amy, a person has been arrested. I will call you on Friday.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, form)
        client.post(url, form)  # a double click
    assert first.status_code == 302
    assert len(mail.outbox) == 1
    assert Notification.objects.get().status == "sent"
    assert not Obligation.objects.filter(
        plan=plan,
        kind__in=["key_event", "regular"],
        met_at__isnull=True,
        created_at__lt=Notification.objects.get().sent_at,
    ).exists()


def test_square_bracket_placeholders_must_be_replaced(client, cast, case, plan):
    client.force_login(cast.owner)
    url = case_url(case, f"followups/{plan.pk}/update/")
    page = client.post(
        url,
        {
            "template_key": "regular",
            "send_key": "k",
            "subject": "Update",
            "body": "Dear Amy, [What has been done.]",
        },
    )
    assert page.status_code == 200
    assert "Replace the parts in square brackets" in page.content.decode()
    assert Notification.objects.count() == 0


def test_restricted_content_is_refused_with_a_message_not_an_error_page(client, cast, case, plan):
    casework_services.entry_add(
        actor=cast.owner,
        case=case,
        body="Source reports the suspect keeps a knife in his car.",
        sensitivity="police_intelligence",
    )
    client.force_login(cast.owner)
    page = client.post(
        case_url(case, f"followups/{plan.pk}/update/"),
        {
            "template_key": "regular",
            "send_key": "k",
            "subject": "Update",
            "body": "We believe the suspect keeps a knife in his car.",
        },
    )
    assert page.status_code == 200
    assert "restricted case information" in page.content.decode()


def test_a_phone_call_recorded_meets_the_updates_owed(client, cast, case, plan):
    client.force_login(cast.owner)
    page = client.post(
        case_url(case, f"followups/{plan.pk}/contact/"),
        {"how": "Phone call", "summary": "Explained the patrol plan."},
    )
    assert page.status_code == 302
    assert case.timeline.filter(kind="contact", body__contains="Explained the patrol plan").exists()
    met = plan.obligations.filter(met_at__isnull=False)
    assert set(met.values_list("kind", flat=True)) == {"key_event", "regular"}


def test_an_empty_contact_summary_is_a_form_error(client, cast, case, plan):
    client.force_login(cast.owner)
    page = client.post(case_url(case, f"followups/{plan.pk}/contact/"), {"how": "Phone call"})
    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()


def test_a_key_event_recorded_owes_every_victim_an_update(client, cast, case, plan):
    client.force_login(cast.council_officer)
    page = client.post(case_url(case, "followups/key-event/"), {"event": "suspect_charged"})
    assert page.status_code == 302
    assert plan.obligations.filter(reason="Suspect charged", met_at__isnull=True).exists()


def test_a_status_link_is_sent_to_the_victim(
    client, cast, case, plan, django_capture_on_commit_callbacks
):
    client.force_login(cast.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(case_url(case, f"followups/{plan.pk}/link/"))
    assert "/track/" in mail.outbox[0].body


def test_sending_a_status_link_is_not_an_update_but_sending_an_update_is(
    cast, case, plan, django_capture_on_commit_callbacks
):
    from followups import services as followups

    owed = plan.obligations.filter(met_at__isnull=True)
    before = owed.count()
    assert before > 0
    with django_capture_on_commit_callbacks(execute=True):
        followups.status_link_send(actor=cast.owner, plan=plan)
    assert owed.count() == before  # a link to follow the case tells the victim nothing new
    with django_capture_on_commit_callbacks(execute=True):
        followups.update_send(
            actor=cast.owner, plan=plan, template_key=next(iter(TEMPLATES)),
            subject="Your case", body="Officers visited the address today.", send_key="k1",
        )  # fmt: skip
    assert owed.count() < before


def test_a_phone_victims_status_link_is_shown_to_the_officer(client, cast, case, plan):
    plan.channel = "phone"
    plan.save()
    client.force_login(cast.owner)
    page = client.post(case_url(case, f"followups/{plan.pk}/link/"))
    assert "/track/" in page.content.decode()


def test_the_plan_page_changes_the_plan(client, cast, case, plan):
    client.force_login(cast.owner)
    page = client.post(
        case_url(case, f"followups/{plan.pk}/plan/"),
        {
            "entitlement": "enhanced",
            "channel": "sms",
            "update_every_working_days": "5",
            "single_point_of_contact": cast.colleague.pk,
        },
    )
    assert page.status_code == 302
    plan.refresh_from_db()
    assert (plan.entitlement, plan.channel, plan.update_every_working_days) == (
        "enhanced",
        "sms",
        5,
    )
    assert plan.single_point_of_contact == cast.colleague


def test_a_plan_on_another_case_is_not_found(client, cast, case, plan):
    other = casework_services.case_open(
        actor=cast.owner, case_type="other", summary="Another matter.", lead_officer=cast.owner
    )
    client.force_login(cast.owner)
    assert client.get(case_url(other, f"followups/{plan.pk}/plan/")).status_code == 404


def test_notifications_list_shows_only_my_alerts_and_marks_them_read(client, cast, case):
    mine = StaffAlert.objects.create(
        user=cast.owner, kind="reminder", message="Call Amy", case=case
    )
    StaffAlert.objects.create(user=cast.colleague, kind="reminder", message="Call Bob", case=case)
    client.force_login(cast.owner)
    text = client.get("/followups/alerts/").content.decode()
    assert "Call Amy" in text and "Call Bob" not in text
    client.post(f"/followups/alerts/{mine.pk}/read/")
    mine.refresh_from_db()
    assert mine.read_at is not None
    client.force_login(cast.colleague)
    assert client.post(f"/followups/alerts/{mine.pk}/read/").status_code == 404
