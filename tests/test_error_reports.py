"""Personal data never reaches an error report."""

import sys

from django.test import RequestFactory

from audit.redaction import PersonalDataExceptionReporter, personal_field_names


def report_for(request) -> str:
    given_name = "Zelda"  # noqa: F841 - a local a real view might hold when it fails
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter = PersonalDataExceptionReporter(request, *sys.exc_info())
        return reporter.get_traceback_text()


def test_declared_personal_fields_are_collected_from_the_models():
    assert {"given_name", "family_name", "date_of_birth", "body", "summary"} <= set(
        personal_field_names()
    )


def test_posted_personal_fields_query_and_locals_are_masked(settings):
    settings.DEBUG = False
    request = RequestFactory().post(
        "/cases/new/?q=Quixley",
        {
            "given_name": "Zelda",
            "family_name": "Quixley",
            "summary": "Lives alone",
            "ward": "Abbey",
        },
    )
    text = report_for(request)
    assert "Zelda" not in text
    assert "Quixley" not in text
    assert "Lives alone" not in text
    assert "Abbey" in text  # not personal: left for the engineer
    assert "RuntimeError" in text
