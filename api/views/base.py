"""Helpers shared by the viewsets: input parsing and If-Match (access logging is
``audit.services.log_read`` and ``log_search``)."""

import re

from django_filters import FilterSet
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework.request import Request

from casework.models import Case
from common.api.exceptions import PreconditionFailed

from ..exceptions import PreconditionRequired

# Strong tags only: If-Match compares strongly (RFC 9110 13.1.1), so W/"..." never matches.
STRONG_ETAG = re.compile(r'^"(\d+)-(\d+)"$')


def valid_input(serializer_class, request: Request, **context) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def valid_filterset(view, request: Request, queryset) -> FilterSet:
    """The list's query parameters, checked: 400 with the field errors when wrong."""
    filterset = DjangoFilterBackend().get_filterset(request, queryset, view)
    if not filterset.is_valid():
        raise translate_validation(filterset.errors)
    return filterset


def expected_version(request: Request, case: Case, *, required: bool) -> int | None:
    """The case version the client's If-Match names, or None for any version (``*``, which
    an existing case always matches, or no header where none is required): 428 when
    required and absent, 412 when it names no version of this case by a strong tag."""
    header = request.headers.get("If-Match", "").strip()
    if header == "*":
        return None
    if not header:
        if required:
            raise PreconditionRequired()
        return None
    for tag in (part.strip() for part in header.split(",")):
        match = STRONG_ETAG.match(tag)
        if match and int(match.group(1)) == case.pk:
            return int(match.group(2))
    stale = PreconditionFailed(
        f"If-Match does not name a version of case {case.reference}. Nothing was saved."
    )
    stale.extra = {"current_version": case.version, "current_etag": case.etag}
    raise stale
