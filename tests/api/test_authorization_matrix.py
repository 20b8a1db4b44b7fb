"""Every API operation, tried by every member of the cast with a real token.

Exactly the allowed people succeed; the rest get 404 when the case is beyond
their reach and 403 when they see it but their role lacks the power. Each try that
changes something starts from a fresh case, so one success cannot change the next try.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from casework import services
from tests.conftest import open_shared_case

ANYONE = {
    "owner", "colleague", "police_lead", "police_manager", "police_partner",
    "council_officer", "council_partner", "council_manager", "fire_officer", "fire_manager",
    "childrens_lead", "health_officer", "admin",
}  # fmt: skip
SEES_CASE = {
    "owner", "colleague", "police_lead", "police_manager", "police_partner",
    "council_officer", "council_partner", "council_manager", "admin",
}  # fmt: skip
WORKS_CASE = {
    "owner", "colleague", "police_lead", "police_manager", "council_officer", "council_manager",
}  # fmt: skip
LEAD_AGENCY = {"owner", "colleague", "police_lead", "police_manager"}
GRANTS_ACCESS = {"owner", "police_manager"}  # the lead officer and the lead agency's manager
OPENS_CASES = ANYONE - {"police_partner", "council_partner", "admin"}


@dataclass
class Operation:
    method: str
    path: str  # formatted with the objects made by setup()
    allowed: set[str]
    success: int
    body: dict | None = None
    if_match: bool = False
    case_scoped: bool = True


def objects_for(cast) -> dict:
    """A fresh shared case with one of everything on it."""
    case = open_shared_case(cast)
    person, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones"
    )
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    services.case_grant_access(actor=cast.owner, case=case, user=cast.colleague, reason="Cover")
    entry = services.entry_add(actor=cast.owner, case=case, body="Visited.")
    action = services.action_add(
        actor=cast.owner,
        case=case,
        description="Letter to the tenant.",
        assigned_agency=cast.police,
        due_on=timezone.localdate(),
    )
    return {
        "case": case,
        "ref": case.reference,
        "share": case.shares.get().pk,
        "person": person.pk,
        "entry": entry.pk,
        "action": action.pk,
        "colleague": cast.colleague.pk,
    }


C = "/api/v1/cases/{ref}/"
REASON = {"reason": "Recorded for the test."}
OPERATIONS = {
    "read case": Operation("get", C, SEES_CASE, 200),
    "update case": Operation("patch", C, LEAD_AGENCY, 200, {"ward": "Harbour"}, if_match=True),
    "delete case": Operation("delete", C, set(), 405),
    "replace case": Operation("put", C, set(), 405, {"ward": "Harbour"}),
    "transition": Operation(
        "post", C + "transitions/", LEAD_AGENCY, 200, {"status": "under_review"}
    ),
    "reassign": Operation(
        "post", C + "reassign/", {"police_manager"}, 200, {"lead_officer": "colleague"}
    ),
    "restrict": Operation(
        "post", C + "restriction/", GRANTS_ACCESS, 200, {"restricted": True, **REASON}
    ),
    "list shares": Operation("get", C + "shares/", SEES_CASE, 200),
    "read share": Operation("get", C + "shares/{share}/", SEES_CASE, 200),
    "share": Operation(
        "post", C + "shares/", LEAD_AGENCY, 201,
        {"agency": "fire", "reason": "Fire crew visit.", "lawful_basis": "consent"},
    ),
    "revoke share": Operation("post", C + "shares/{share}/revoke/", LEAD_AGENCY, 200, REASON),
    "list grants": Operation("get", C + "grants/", GRANTS_ACCESS, 200),
    "grant": Operation("post", C + "grants/", GRANTS_ACCESS, 201, {"user": 0, **REASON}),
    "revoke grant": Operation("delete", C + "grants/{colleague}/", GRANTS_ACCESS, 204, REASON),
    "list people": Operation("get", C + "people/", SEES_CASE, 200),
    "read person in case": Operation("get", C + "people/{person}/", SEES_CASE, 200),
    "add person": Operation(
        "post", C + "people/", WORKS_CASE, 201,
        {"role": "witness", "new_person": {"given_name": "Bo", "family_name": "Lee"}},
    ),
    "remove person": Operation(
        "post", C + "people/{person}/remove/", LEAD_AGENCY, 204, {"role": "victim", **REASON}
    ),
    "list entries": Operation("get", C + "entries/", SEES_CASE, 200),
    "read entry": Operation("get", C + "entries/{entry}/", SEES_CASE, 200),
    "add entry": Operation("post", C + "entries/", WORKS_CASE, 201, {"body": "Called round."}),
    "amend entry": Operation(
        "post", C + "entries/{entry}/amend/", WORKS_CASE, 201, {"body": "Fix"}
    ),
    "edit entry": Operation("patch", C + "entries/{entry}/", set(), 405, {"body": "Changed"}),
    "delete entry": Operation("delete", C + "entries/{entry}/", set(), 405),
    "list actions": Operation("get", C + "actions/", SEES_CASE, 200),
    "read action": Operation("get", C + "actions/{action}/", SEES_CASE, 200),
    "add action": Operation(
        "post", C + "actions/", WORKS_CASE, 201,
        {"description": "Visit", "assigned_agency": "police", "due_on": "2030-01-01"},
    ),
    "complete action": Operation(
        "post", C + "actions/{action}/complete/", WORKS_CASE, 200, {"outcome": "Sent."}
    ),
    "read person": Operation("get", "/api/v1/people/{person}/", SEES_CASE, 200),
    "open case": Operation(
        "post", "/api/v1/cases/", OPENS_CASES, 201,
        {"case_type": "other", "summary": "Fly-tipping."}, case_scoped=False,
    ),
}  # fmt: skip


def expected_status(operation: Operation, who: str) -> int:
    if operation.success == 405:
        return 405
    if who in operation.allowed:
        return operation.success
    if operation.case_scoped and who not in SEES_CASE:
        return 404
    return 403


def changes_state(operation: Operation) -> bool:
    return operation.method != "get" and operation.success != 405


def attempt(as_user, cast, operation: Operation, who: str, objects: dict) -> int:
    url = operation.path.format(**objects)
    body = dict(operation.body or {})
    if body.get("user") == 0:
        body["user"] = cast.council_officer.pk
    if body.get("lead_officer") == "colleague":
        body["lead_officer"] = cast.colleague.pk
    headers = {}
    if operation.if_match:
        headers["HTTP_IF_MATCH"] = objects["case"].etag
    client: Callable = getattr(as_user(getattr(cast, who)), operation.method)
    response = client(url, body, format="json", **headers) if body else client(url, **headers)
    return response.status_code


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_each_member_of_the_cast_gets_exactly_what_the_policy_allows(cast, as_user, name):
    operation = OPERATIONS[name]
    shared = None if changes_state(operation) else objects_for(cast)
    got = {
        who: attempt(as_user, cast, operation, who, shared or objects_for(cast))
        for who in sorted(ANYONE)
    }
    expected = {who: expected_status(operation, who) for who in sorted(ANYONE)}
    assert got == expected


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_anonymous_callers_get_401_everywhere(cast, api, name):
    operation = OPERATIONS[name]
    url = operation.path.format(**objects_for(cast))
    response = getattr(api, operation.method)(url, operation.body, format="json")
    assert response.status_code == 401
