"""OpenAPI: every operation documents the problem-details errors it can answer, and every
case it returns carries its ETag."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "pointer": {"type": "string"},
                    "detail": {"type": "string"},
                },
                "required": ["field", "pointer", "detail"],
            },
        },
        "current_version": {"type": "integer"},
        "current_etag": {"type": "string"},
        "your_version": {"type": "integer"},
    },
    "required": ["type", "title", "status", "detail", "code", "instance"],
}

COMMON_ERRORS = {
    "400": "Malformed JSON, wrong types, unknown fields or invalid values.",
    "401": "No credentials, or a wrong or expired token.",
    "403": "Signed in, but your role may not do this (or CSRF failed on a session request).",
    "404": "No such record, or it is beyond your reach (the two look the same).",
    "405": "Method not allowed.",
    "406": "Only JSON responses are offered.",
    "413": "The request body is too large.",
    "415": "Send JSON (Content-Type: application/json).",
    "429": "Too many requests.",
}
WRITE_ERRORS = {
    "409": "Conflicts with the record as it now stands; nothing was saved.",
    "412": "If-Match names an old version (or only weak tags, which never match): "
    "the record changed since you read it.",
    "428": "If-Match is required to change this record.",
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


CASE_DETAIL = "#/components/schemas/CaseDetail"
ETAG_HEADER = {
    "description": "The case's version, for If-Match on the next change.",
    "schema": {"type": "string", "example": '"42-3"'},
}


def _returns_a_case(response: dict) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("$ref") == CASE_DETAIL


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the shared error responses everywhere, and
    the ETag header to every response that carries a case."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                if _returns_a_case(response):
                    response.setdefault("headers", {})["ETag"] = ETAG_HEADER
            errors = dict(COMMON_ERRORS)
            if method in {"post", "patch", "put", "delete"}:
                errors.update(WRITE_ERRORS)
            for status_code, description in errors.items():
                responses.setdefault(status_code, _problem(description))
    return result


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """Documents ``Authorization: Token <token>`` for our knox token class."""

    target_class = "api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Token",  # noqa: S106  (a scheme name)
        )
