"""The public form, page by page, as a member of the public uses it (no sign-in)."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intake.models import Report

from .factories import png_bytes

FORM = reverse("intake:form")
START = reverse("intake:start")
PAGES = [
    ("emergency", {"is_emergency": "no"}),
    ("about", {"category": "asb"}),
    ("what", {"what_happened": "Youths kicking a ball against my window."}),
    ("when", {"when": "Every evening about 9pm"}),
    ("where", {"where": "14 Mill Lane, Eastbridge"}),
    ("ongoing", {"is_ongoing": "no"}),
    ("photo", {}),
    ("anonymous", {"is_anonymous": "no"}),
    ("details", {"given_name": "Amira", "family_name": "Khan", "email": "amira@example.org"}),
    ("contact", {"contact_preference": "email"}),
    ("victim", {"is_victim": "yes"}),
    ("consent", {"consent_to_share": "yes"}),
]


def post_page(client, step, data, files=None):
    payload = {"report_wizard-current_step": step, **data, **(files or {})}
    return client.post(FORM, payload)


def fill_up_to_check(client, overrides=None):
    client.get(FORM)
    for step, data in PAGES:
        response = post_page(client, step, (overrides or {}).get(step, data))
        assert response.status_code == 200, step
    return response


def run_id(client) -> str:
    return client.session["wizard_report_wizard"]["extra_data"]["run"]


def send(client, **extra):
    return post_page(client, "check", {"run": run_id(client), "website": "", **extra})


@pytest.fixture
def public(client, cast):
    return client


def test_the_start_page_says_call_999_first(public):
    page = public.get(reverse("intake:start")).content.decode()
    assert "Call 999 now if someone is in danger" in page
    assert page.index("999") < page.index("Start now")
    assert 'href="tel:101"' in page
    assert "OFFICIAL-SENSITIVE" not in page and "Sign out" not in page


def test_saying_it_is_an_emergency_stops_the_form(public):
    public.get(FORM)
    response = post_page(public, "emergency", {"is_emergency": "yes"})
    assert response.status_code == 302 and response.url == reverse("intake:emergency")
    assert "Call 999 now" in public.get(response.url).content.decode()


def test_the_whole_form_saves_the_report_before_the_confirmation(public):
    check = fill_up_to_check(public)
    page = check.content.decode()
    assert "Check your answers" in page and "Youths kicking a ball" in page
    response = send(public)
    assert response.status_code == 302 and response.url == reverse("intake:sent")
    report = Report.objects.get()  # saved before the confirmation page is even requested
    confirmation = public.get(response.url).content.decode()
    assert report.case.reference in confirmation
    assert report.answers["what_happened"] == "Youths kicking a ball against my window."


def test_a_missing_answer_is_explained_on_the_same_page(public):
    public.get(FORM)
    post_page(public, "emergency", {"is_emergency": "no"})
    response = post_page(public, "about", {})
    page = response.content.decode()
    assert "There is a problem" in page and "Select what your report is about" in page
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: " in page


def test_an_anonymous_reporter_skips_the_details_pages(public):
    public.get(FORM)
    for step, data in PAGES[:7]:
        post_page(public, step, data)
    response = post_page(public, "anonymous", {"is_anonymous": "yes"})
    assert "Are you the victim?" in response.content.decode()
    post_page(public, "victim", {"is_victim": "no"})
    post_page(public, "consent", {"consent_to_share": "no"})
    send(public)
    report = Report.objects.get()
    assert report.is_anonymous and not report.case.participants.exists()


def test_a_contact_choice_without_the_detail_is_refused(public):
    response = None
    public.get(FORM)
    for step, data in PAGES[:9]:
        post_page(public, step, data)
    response = post_page(public, "contact", {"contact_preference": "sms"})
    assert "You did not give a phone number" in response.content.decode()


def test_script_in_free_text_is_shown_as_text(public):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    check = fill_up_to_check(public, {"what": {"what_happened": script}})
    page = check.content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    send(public)
    assert Report.objects.get().answers["what_happened"] == script  # kept verbatim


def test_change_links_return_to_check_your_answers(public):
    fill_up_to_check(public)
    page = public.get(FORM + "?change=where").content.decode()
    assert "Where did it happen?" in page and "14 Mill Lane" in page
    response = post_page(public, "where", {"where": "The park behind Mill Lane shops"})
    page = response.content.decode()
    assert "Check your answers" in page and "The park behind Mill Lane shops" in page


def test_a_replayed_submission_is_refused_and_saves_nothing_more(public):
    fill_up_to_check(public)
    run = run_id(public)
    send(public)
    replay = post_page(public, "check", {"run": run, "website": ""})
    assert replay.status_code == 400
    assert "could not be sent" in replay.content.decode()
    assert Report.objects.count() == 1


def test_a_tampered_step_or_run_is_refused(public):
    fill_up_to_check(public)
    bogus = post_page(public, "no-such-step", {})
    assert bogus.status_code == 400 and "could not be sent" in bogus.content.decode()
    forged = post_page(public, "check", {"run": "forged", "website": ""})
    assert "already sent or has expired" in forged.content.decode()
    assert not Report.objects.exists()


def test_a_post_without_the_form_state_is_refused(public):
    response = public.post(FORM, {"category": "asb"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_the_honeypot_refuses_a_bot_and_saves_nothing(public):
    fill_up_to_check(public)
    response = send(public, website="http://spam.example")
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_real_photo_is_kept_with_the_report(public):
    fill_up_to_check(public)
    public.get(FORM + "?change=photo")
    photo = SimpleUploadedFile("garden.png", png_bytes(), content_type="image/png")
    post_page(public, "photo", {}, {"photo": photo})
    send(public)
    report = Report.objects.get()
    assert report.photo and report.photo_content_type == "image/png"


def test_a_fake_photo_is_refused_with_a_message(public):
    fill_up_to_check(public)
    public.get(FORM + "?change=photo")
    fake = SimpleUploadedFile("evil.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    page = post_page(public, "photo", {}, {"photo": fake}).content.decode()
    assert "must be a photo in JPG, PNG or WebP format" in page


def test_an_oversized_photo_is_refused_with_a_message(public, settings):
    settings.INTAKE_PHOTO_MAX_BYTES = 1000
    fill_up_to_check(public)
    public.get(FORM + "?change=photo")
    big = SimpleUploadedFile("big.png", png_bytes((400, 400)) + b"\0" * 2000, "image/png")
    page = post_page(public, "photo", {}, {"photo": big}).content.decode()
    assert "The photo must be smaller than 1000" in page


def test_a_flood_of_reports_gets_a_429_and_keeps_the_answers(public, settings):
    settings.INTAKE_SUBMIT_RATE = "2/h"
    for _ in range(2):
        fill_up_to_check(public)
        assert send(public).status_code == 302
    fill_up_to_check(public)
    limited = send(public)
    assert limited.status_code == 429
    assert "Too many reports" in limited.content.decode()
    assert Report.objects.count() == 2  # the accepted ones are all kept
    assert public.session["wizard_report_wizard"]["step_data"]["what"]  # answers kept


def test_too_many_page_posts_get_a_429(public, settings):
    settings.INTAKE_STEP_RATE = "3/m"
    public.get(FORM)
    # The limiter counts in fixed windows of the clock (a minute here): held still, the four
    # posts cannot fall either side of a window's edge however slowly they run.
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [
            post_page(public, "emergency", {"is_emergency": "no"}).status_code for _ in range(4)
        ]
    assert statuses == [200, 200, 200, 429]


def test_the_confirmation_page_needs_a_sent_report(public):
    assert public.get(reverse("intake:sent")).status_code == 302


def test_jumping_to_check_your_answers_before_answering_is_refused(public):
    public.get(FORM)
    post_page(public, "emergency", {"is_emergency": "False"})
    jump = post_page(public, "about", {"wizard_goto_step": "check"})
    assert jump.status_code == 400 and "could not be sent" in jump.content.decode()
    assert not Report.objects.exists()


def test_the_promised_triage_times_follow_the_settings(public, settings):
    assert "within four working hours, and within an hour if" in public.get(START).content.decode()
    settings.INTAKE_TRIAGE_WORKING_HOURS, settings.INTAKE_TRIAGE_URGENT_HOURS = 8, 2
    page = public.get(START).content.decode()
    assert "within eight working hours, and within two hours if" in page
