"""The triage forms take a service's ValidationError as every officers' form does
(``add_service_error``): a message for one of the form's fields goes on that field,
anything else on the form as a whole, and the page shows it without saving."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from intake import forms, services

from .factories import answers


@pytest.fixture
def report(cast):
    return services.report_submit(channel="online_form", answers=answers())


@pytest.mark.parametrize(
    "form_class, field",
    [(forms.AcceptForm, "lead_officer"), (forms.LinkForm, "reason"), (forms.CloseForm, "reason")],
)
def test_a_service_error_lands_on_its_field_or_on_the_form(db, form_class, field):
    form = form_class(data={})
    form.is_valid()
    form.add_service_error(ValidationError({field: "Not that.", "elsewhere": "Not now."}))
    form.add_service_error(ValidationError("Not at all."))
    assert "Not that." in form.errors[field]
    assert form.non_field_errors() == ["Not now.", "Not at all."]


def test_the_close_page_shows_the_services_refusal_and_closes_nothing(
    cast, report, client, monkeypatch
):
    def refuse(**_):
        raise ValidationError({"reason": "Write the reason for the reporter."})

    monkeypatch.setattr(services, "report_close", refuse)
    client.force_login(cast.owner)
    response = client.post(reverse("intake:close", args=[report.pk]), {"reason": "x"})
    assert response.status_code == 200
    assert "Write the reason for the reporter." in response.content.decode()
    report.refresh_from_db()
    assert not report.is_triaged
