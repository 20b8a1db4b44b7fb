"""A partner developer opens /api/docs/ in a real browser: Swagger UI renders the
casebook API with no Content Security Policy violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_under_the_content_security_policy(browser_page, live_server):
    console = []
    browser_page.on("console", lambda message: console.append(message.text))
    browser_page.goto(f"{live_server.url}/api/docs/")
    title = browser_page.locator(".swagger-ui .info .title")
    title.wait_for()
    assert "ICST casebook API" in title.inner_text()
    browser_page.locator(".opblock-summary-path", has_text="/api/v1/cases/").first.wait_for()
    violations = [text for text in console if "Content Security Policy" in text]
    assert not violations, violations
