"""ASB victim risk over time: every assessment, what changed and who made it."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from knox.models import AuthToken
from rest_framework.test import APIClient

from audit.models import AccessLog
from casework import services
from casework.asb import QUESTIONS

NO_ANSWERS = {question.key: False for question in QUESTIONS}
VIOLENCE = next(q for q in QUESTIONS if q.key == "violence")
TARGETED = next(q for q in QUESTIONS if q.key == "targeted")


def api_as(user) -> APIClient:
    client = APIClient()
    _, token = AuthToken.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def reassessed(cast, case):
    services.asb_risk_assess(actor=cast.owner, case=case, answers=NO_ANSWERS)
    services.asb_risk_assess(
        actor=cast.council_officer,
        case=case,
        answers={**NO_ANSWERS, "violence": True, "targeted": True},
    )
    return case


def test_the_case_page_shows_each_assessment_and_the_answers_that_changed(client, cast, reassessed):
    client.force_login(cast.council_partner)
    page = client.get(reverse("casework:case_detail", args=[reassessed.reference]))
    html = page.content.decode()
    table = html[html.index('id="risk-history"') :]
    table = table[: table.index("</table>")]
    assert table.count('<tr class="govuk-table__row">') == 3  # a header and two assessments
    assert "First assessment" in table
    assert f"{VIOLENCE.text} No &rarr; Yes" in table
    assert f"{TARGETED.text} No &rarr; Yes" in table
    assert "(was 0)" in table and "(was standard)" in table
    newest = table.index(escape(cast.council_officer.get_full_name()))  # "O'Brien" is escaped
    oldest = table.index("First assessment")
    assert newest < oldest  # newest first


def test_the_api_lists_assessments_newest_first_with_changes(cast, reassessed):
    url = f"/api/v1/cases/{reassessed.reference}/asb/assessments/"
    response = api_as(cast.council_partner).get(url)
    assert response.status_code == 200, response.content
    newest, first = response.json()
    assert newest["score"] == VIOLENCE.weight + TARGETED.weight and newest["level"] == "medium"
    assert (newest["previous_score"], newest["previous_level"]) == (0, "standard")
    assert newest["assessed_by"] == "council_officer"
    assert {c["question"] for c in newest["answers_changed"]} == {VIOLENCE.text, TARGETED.text}
    assert all(c["before"] is False and c["after"] is True for c in newest["answers_changed"])
    assert first["answers_changed"] == [] and first["previous_score"] is None
    assert AccessLog.objects.filter(
        user=cast.council_partner, action=AccessLog.Action.API_READ, object_id=str(reassessed.pk)
    ).exists()


def test_risk_history_is_not_shown_beyond_the_cases_reach(client, cast, reassessed):
    url = f"/api/v1/cases/{reassessed.reference}/asb/assessments/"
    assert api_as(cast.fire_officer).get(url).status_code == 404
    client.force_login(cast.fire_officer)
    page = client.get(reverse("casework:case_detail", args=[reassessed.reference]))
    assert page.status_code == 404


def test_a_case_never_assessed_says_so(client, cast, case):
    client.force_login(cast.owner)
    html = client.get(reverse("casework:case_detail", args=[case.reference])).content.decode()
    assert "questionnaire not completed" in html and 'id="risk-history"' not in html
