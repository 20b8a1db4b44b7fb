"""The one intake service: a report becomes a new case in the triage queue, verbatim."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.models import CaseEvent, CaseStatus, CaseType, ParticipantRole
from intake.models import Report
from intake.services import report_submit

from .factories import answers, png_bytes

MONDAY_10 = timezone.make_aware(datetime(2026, 11, 23, 10, 0))


def test_a_report_becomes_a_new_case_led_by_the_triage_agency(cast):
    report = report_submit(channel="online_form", answers=answers(), received_at=MONDAY_10)
    case = report.case
    assert case.status == CaseStatus.NEW
    assert case.lead_agency == cast.police  # INTAKE_TRIAGE_AGENCY defaults to police
    assert case.case_type == CaseType.OTHER
    assert case.address == "14 Mill Lane, Eastbridge"
    assert "Youths kicking a ball" in case.summary
    assert report.answers == answers()
    assert report.channel == "online_form"
    opened = case.events.get(kind=CaseEvent.Kind.OPENED)
    assert opened.actor is None and opened.data["channel"] == "online_form"


def test_the_reporter_is_a_person_with_reporter_and_victim_roles(cast):
    case = report_submit(channel="online_form", answers=answers()).case
    roles = {(p.person.full_name, p.role) for p in case.participants.select_related("person")}
    assert roles == {
        ("Amira Khan", ParticipantRole.REPORTER),
        ("Amira Khan", ParticipantRole.VICTIM),
    }
    person = case.participants.first().person
    assert person.email == "amira@example.org" and person.contact_preference == "email"


def test_a_reporter_who_is_not_the_victim_is_only_the_reporter(cast):
    case = report_submit(channel="webchat", answers=answers(is_victim=False)).case
    assert list(case.participants.values_list("role", flat=True)) == [ParticipantRole.REPORTER]


def test_an_anonymous_report_adds_no_person(cast):
    report = report_submit(
        channel="online_form",
        answers=answers(is_anonymous=True, given_name="", family_name="", email=""),
    )
    assert report.is_anonymous and not report.case.participants.exists()


def test_triage_is_due_after_four_working_hours(cast):
    report = report_submit(channel="online_form", answers=answers(), received_at=MONDAY_10)
    assert timezone.localtime(report.triage_due_at).hour == 14


def test_triage_is_due_within_an_hour_when_it_is_still_happening(cast):
    friday_night = timezone.make_aware(datetime(2026, 11, 27, 23, 30))
    report = report_submit(
        channel="online_form", answers=answers(is_ongoing=True), received_at=friday_night
    )
    assert report.triage_due_at == timezone.make_aware(datetime(2026, 11, 28, 0, 30))


def test_the_triage_agency_is_a_setting(cast, settings):
    settings.INTAKE_TRIAGE_AGENCY = "council"
    assert report_submit(channel="online_form", answers=answers()).case.lead_agency == cast.council


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "burglary"}, "category"),
        ({"what_happened": "  "}, "what_happened"),
        ({"where": ""}, "where"),
        ({"when": None}, "when"),
        ({"is_victim": "maybe"}, "is_victim"),
        ({"given_name": ""}, "given_name"),
        ({"contact_preference": "sms", "phone": ""}, "contact_preference"),
        ({"email": "not-an-address"}, "email"),
        ({"what_happened": "x" * 5001}, "what_happened"),
    ],
)
def test_missing_or_bad_answers_are_refused_and_nothing_is_saved(cast, changes, field):
    with pytest.raises(ValidationError) as refused:
        report_submit(channel="online_form", answers=answers(**changes))
    assert field in refused.value.message_dict
    assert not Report.objects.exists()


def test_an_unknown_channel_is_refused(cast):
    with pytest.raises(ValidationError):
        report_submit(channel="carrier_pigeon", answers=answers())


def test_a_photo_is_stored_privately_under_a_new_name(cast, uploads):
    photo = SimpleUploadedFile("../../etc/passwd.png", png_bytes(), content_type="image/png")
    report = report_submit(channel="online_form", answers=answers(), photo=photo)
    assert report.photo_content_type == "image/png"
    assert report.photo.name.startswith("intake/") and "passwd" not in report.photo.name
    assert (uploads / report.photo.name).exists()
    with pytest.raises(ValueError):
        report.photo.url  # noqa: B018 - no public address


def test_a_fake_photo_is_refused(cast):
    fake = SimpleUploadedFile("cat.jpg", b"<?php echo 'hi'; ?>", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="must be a photo"):
        report_submit(channel="online_form", answers=answers(), photo=fake)
    assert not Report.objects.exists()
