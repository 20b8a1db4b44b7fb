"""The OpenAPI schema and the Swagger UI, served under the Content Security Policy."""

import re

from django.contrib.staticfiles import finders


def test_the_schema_is_public_and_documents_problem_responses(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    patch = schema["paths"]["/api/v1/cases/{reference}/"]["patch"]
    assert {"400", "404", "412", "428"} <= set(patch["responses"])
    assert "application/problem+json" in patch["responses"]["412"]["content"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_docs_page_has_no_inline_script_or_style(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert "<style" not in html and " style=" not in html
    for asset in re.findall(r'(?:src|href)="/static/([^"?]+)"', html):
        assert finders.find(asset), f"{asset} is not among the static files"


def test_the_docs_start_up_script_is_served_as_its_own_file(client):
    response = client.get("/api/docs/?script=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert b"/api/schema/" in response.content


def test_every_response_carrying_a_case_declares_its_etag(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    case_ref = "#/components/schemas/CaseDetail"
    carrying = [
        (path, method, code, response)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict)
        for code, response in operation.get("responses", {}).items()
        if response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
        == case_ref
    ]
    assert len(carrying) >= 10  # read, open, change, transitions, the type-specific work...
    for path, method, code, response in carrying:
        assert "ETag" in response.get("headers", {}), (path, method, code)
