"""One error shape for the whole API: RFC 9457 problem details.

Every 4xx (and the rare 5xx) answers ``application/problem+json``::

    {"type": "about:blank", "title": "Bad Request", "status": 400,
     "detail": "The request has errors: see 'errors'.", "code": "invalid",
     "instance": "/api/v1/cases/",
     "errors": [{"field": "summary", "pointer": "/summary", "detail": "This field is required."}]}

Services raise Django's ValidationError and PermissionDenied, access functions
Http404, and an update from an old version ``common.errors.StaleObject``; they are
translated here, so viewsets never catch them themselves.
"""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from common.errors import StaleObject

PROBLEM_CONTENT_TYPE = "application/problem+json"
POSTGRES_UNIQUE_VIOLATION = "23505"
SQLITE_UNIQUE_VIOLATION = "UNIQUE constraint failed"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self, limit: int | None = None):
        limit_text = f" ({limit} bytes)" if limit else ""
        super().__init__(f"The request body is larger than the API accepts{limit_text}.")


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale_version"
    default_detail = "The record changed since you read it. Nothing was saved."


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "The request conflicts with the record as it now stands. Nothing was saved."


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) or None)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, IntegrityError) and is_unique_violation(exc):
        return Conflict()
    if isinstance(exc, StaleObject):
        stale = PreconditionFailed(str(exc))
        stale.extra = {
            "current_version": exc.current.version,
            "current_etag": exc.current.etag,
            "your_version": exc.expected_version,
        }
        return stale
    return exc


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether a unique constraint refused a duplicate: the one integrity error a client
    can cause (by creating the same thing twice at once). NOT NULL, check and foreign-key
    failures are bugs, left to surface as a logged 500."""
    driver_error = error.__cause__
    sqlstate = getattr(driver_error, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate == POSTGRES_UNIQUE_VIOLATION
    return str(error).startswith(SQLITE_UNIQUE_VIOLATION)


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    body = problem_body(
        response.status_code,
        response.data,
        instance=request.path if request is not None else "",
        code=_code_of(exc),
        **getattr(exc, "extra", {}),
    )
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _code_of(exc: Exception) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    code = getattr(getattr(exc, "detail", None), "code", None)
    return code or getattr(exc, "default_code", "error")


def problem_body(status_code: int, data, *, instance: str = "", code: str = "", **extra) -> dict:
    title = HTTPStatus(status_code).phrase
    body = {"type": "about:blank", "title": title, "status": status_code}
    if isinstance(data, dict) and set(data) == {"detail"}:
        body["detail"] = str(data["detail"])
    else:
        errors = list(field_errors(data))
        body["detail"] = _summary(errors)
        body["errors"] = errors
    body["code"] = code or "error"
    body["instance"] = instance
    body.update(extra)
    return body


def _summary(errors: list[dict]) -> str:
    if len(errors) == 1:
        error = errors[0]
        return f"{error['field']}: {error['detail']}" if error["field"] else error["detail"]
    return "The request has errors: see 'errors'."


def field_errors(data, path: tuple = ()):
    """Flatten DRF's nested error structure into one entry per message, with a JSON pointer."""
    if isinstance(data, dict):
        for key, value in data.items():
            step = () if key in ("non_field_errors", "__all__") else (str(key),)
            yield from field_errors(value, path + step)
    elif isinstance(data, list):
        if all(isinstance(item, str) for item in data):
            for item in data:
                yield _entry(path, item)
        else:
            for index, item in enumerate(data):
                yield from field_errors(item, path + (str(index),))
    else:
        yield _entry(path, data)


def _entry(path: tuple, message) -> dict:
    return {
        "field": ".".join(path) if path else None,
        "pointer": "/" + "/".join(path) if path else "",
        "detail": str(message),
    }


def problem_response(request, status_code: int, detail: str, code: str) -> JsonResponse:
    """A problem response outside DRF (Django's 404 and 500 handlers under /api/)."""
    body = problem_body(status_code, {"detail": detail}, instance=request.path, code=code)
    return JsonResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)
