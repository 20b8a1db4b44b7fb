"""The service navigation: which sections each signed-in user is offered.

Each entry names the access rule that decides whether the user sees it, so a
link never leads to a page its reader would be refused.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from casework import access
from partners.rules import can_triage, can_work_cases


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    shown_to: Callable[[object], bool]
    # The page is "current" when the request resolves to one of these app or url names.
    matches: tuple[str, ...]


def _everyone(user) -> bool:
    return True


SECTIONS = (
    Section("Home", "home", _everyone, ("home",)),
    Section("Cases", "casework:case_list", _everyone, ("case_list", "case_detail")),
    Section("Log a case", "casework:case_create", can_work_cases, ("case_create",)),
    Section("Triage", "intake:queue", can_triage, ("intake",)),
    Section("Briefings", "briefings:list", _everyone, ("briefings",)),
    Section("Notifications", "followups:alerts", _everyone, ("alerts",)),
    Section(
        "Access requests",
        "access_requests",
        access.can_decide_access_requests,
        ("access_requests",),
    ),
    Section(
        "Retention", "retention_queue", access.can_see_management_reports, ("retention_queue",)
    ),
)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = request.resolver_match
    here = {match.url_name, match.app_name} if match else set()
    items = [
        {
            "label": section.label,
            "url": reverse(section.url_name),
            "current": bool(here & set(section.matches)),
        }
        for section in SECTIONS
        if section.shown_to(user)
    ]
    return {"navigation_items": items}
