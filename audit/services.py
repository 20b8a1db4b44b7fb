from typing import Any

from django.http import HttpRequest

from common.paging import BoundedPage
from partners.rules import membership_of

from .models import AccessLog


def client_address(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: a forwarded header is set by the client unless a trusted
    # proxy rewrites it, and the proxy is expected to set REMOTE_ADDR itself.
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_record(
    *,
    user,
    action: str,
    request: HttpRequest | None = None,
    obj: Any = None,
    label: str = "",
    detail: dict | None = None,
) -> AccessLog:
    """Write one access-log entry: who consulted or disclosed what, and when."""
    membership = membership_of(user)
    return AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        agency_name=membership.agency.name if membership else "",
        ip_address=client_address(request),
        action=action,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=(label or _label(obj))[:200],
        detail=detail or {},
    )


def _label(obj) -> str:
    """A case's reference, or the model and id: never a person's name, which the
    log must not keep once the person's record is disposed of."""
    if obj is None:
        return ""
    reference = getattr(obj, "reference", None)
    return reference or f"{obj._meta.verbose_name} {obj.pk}"


def log_search(request: HttpRequest, resource: str, terms: dict, page: BoundedPage) -> None:
    """A search through the API goes to the access log with what was searched for and how
    much it found, as in the web list; browsing without search terms (empty ``terms``) is
    not logged."""
    if not any(terms.values()):
        return
    access_record(
        user=request.user,
        action=AccessLog.Action.SEARCH,
        request=request,
        detail={
            **terms,
            "results": page.count,
            "exact": page.count_is_exact,
            "via": "api",
            "resource": resource,
        },
    )


def log_read(request: HttpRequest, obj, resource: str, **detail) -> None:
    """Every detail read through the API goes to the access log, as in the web pages."""
    access_record(
        user=request.user,
        action=AccessLog.Action.API_READ,
        request=request,
        obj=obj,
        detail={"via": "api", "resource": resource, "path": request.path, **detail},
    )
