"""JSON bodies only, and never larger than DATA_UPLOAD_MAX_MEMORY_SIZE."""

from io import BytesIO

from django.conf import settings
from rest_framework.parsers import JSONParser

from .exceptions import PayloadTooLarge


def body_limit() -> int:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440


class BoundedJSONParser(JSONParser):
    """DRF reads the request stream directly, bypassing Django's size check: check here."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = body_limit()
        request = (parser_context or {}).get("request")
        declared = _declared_length(request)
        if declared is not None and declared > limit:
            raise PayloadTooLarge(limit)
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise PayloadTooLarge(limit)

        return super().parse(BytesIO(body), media_type, parser_context)


def _declared_length(request) -> int | None:
    if request is None:
        return None
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
