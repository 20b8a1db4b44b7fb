"""Every URL in the project, requested by every member of the cast.

The table below is the written-down expectation: for each route, the status
each person gets on a GET. A route missing from the table fails the test, so a
new page cannot arrive without someone deciding who may see it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from casework import services
from followups.services import status_link_issue

from .intake.factories import ANONYMOUS, report_with_photo

CAST = [
    "anonymous", "owner", "colleague", "police_lead", "police_manager", "police_partner",
    "council_officer", "council_partner", "council_manager", "fire_officer", "fire_manager",
    "childrens_lead", "health_officer", "admin",
]  # fmt: skip
STAFF = set(CAST) - {"anonymous"}
# The police lead the case; the council holds a share; the rest do not see it.
SEES_CASE = {
    "owner", "colleague", "police_lead", "police_manager", "police_partner",
    "council_officer", "council_partner", "council_manager", "admin",
}  # fmt: skip
MANAGERS = {"police_manager", "council_manager", "fire_manager"}
REPORTERS = MANAGERS | {"admin"}  # managers and data-protection officers (administrators)

LOGIN = 302  # anonymous users are sent to sign in
# Who may add to the case: its agencies' officers, leads and managers, not partners.
WORKS_CASE = {
    "owner", "colleague", "police_lead", "police_manager", "council_officer", "council_manager",
}  # fmt: skip
LEAD_AGENCY = {"owner", "colleague", "police_lead", "police_manager"}
OPENS_CASES = STAFF - {"police_partner", "council_partner", "admin"}
RUNS_BRIEFINGS = MANAGERS | {"police_lead", "childrens_lead"}


def rule(default: int, anonymous: int = LOGIN, **exceptions: int) -> dict[str, int]:
    expected = {who: default for who in CAST}
    expected["anonymous"] = anonymous
    expected.update(exceptions)
    return expected


def only(allowed: set[str], status: int, otherwise: int, anonymous: int = LOGIN) -> dict:
    expected = {who: status if who in allowed else otherwise for who in CAST}
    expected["anonymous"] = anonymous
    return expected


def reports(seen_by: set[str]) -> dict[str, int]:
    """Managers' reports: other roles 403; managers outside the record's reach 404."""
    expected = only(REPORTERS & seen_by, 200, 403)
    expected.update({who: 404 for who in REPORTERS - seen_by})
    return expected


def case_page(allowed: set[str], status: int = 200) -> dict[str, int]:
    """A page of the case: 404 to whoever cannot see it, 403 to those who see but may not act."""
    expected = only(allowed, status, 403)
    expected.update({who: 404 for who in STAFF - SEES_CASE})
    return expected


def other_type_page(allowed: set[str]) -> dict[str, int]:
    """A page for another case type (the sweep's case is ASB): 404 once the role may act."""
    return case_page(allowed, status=404)


CASE = "cases/<str:reference>/"

# A public report waits in the police-led triage queue: police staff and admin see it.
TRIAGERS = {"owner", "colleague", "police_lead", "police_manager"}
SEES_REPORT = TRIAGERS | {"police_partner", "admin"}


def triage_page() -> dict[str, int]:
    """A report's triage pages: 404 to everyone but triagers, even those who see its case
    (a 403 would tell them the report exists)."""
    return only(TRIAGERS, 200, 404)


EXPECTED: dict[str, dict[str, int]] = {
    "": rule(200),
    "accounts/login/": rule(200, anonymous=200),
    "accounts/logout/": rule(405, anonymous=405),
    "accounts/password/": rule(200),
    "accounts/password/done/": rule(200),
    "accounts/two-factor/": rule(200),
    "accounts/two-factor/recovery-codes/": rule(405),
    "accounts/sessions/": rule(200),
    "audit/who-viewed/case/<str:key>/": reports(SEES_CASE),
    "audit/who-viewed/person/<int:key>/": reports(SEES_CASE),
    "audit/subject-access/<int:key>/": reports(SEES_CASE),
    "audit/subject-access/<int:key>/pdf/": reports(SEES_CASE),
    "access-requests/new/": rule(200),
    "access-requests/": only(MANAGERS, 200, 403),
    "access-requests/<int:pk>/decide/": rule(405),
    "retention/": only(REPORTERS, 200, 403),
    "retention/<str:reference>/decide/": rule(405),
    "cases/": rule(200),
    "cases/<str:reference>/": only(SEES_CASE, 200, 404),
    "people/<int:pk>/": only(SEES_CASE, 200, 404),
    # A person's flags are kept by staff working one of their cases.
    "people/<int:pk>/vulnerabilities/new/": case_page(WORKS_CASE),
    "people/<int:pk>/vulnerabilities/<int:flag_id>/review/": case_page(WORKS_CASE),
    "people/<int:pk>/vulnerabilities/<int:flag_id>/end/": case_page(WORKS_CASE),
    "vulnerabilities/review/": rule(200),
    "cases/new/": only(OPENS_CASES, 200, 403),
    CASE + "edit/": case_page(LEAD_AGENCY),
    CASE + "status/": case_page(LEAD_AGENCY),
    CASE + "reassign/": case_page({"police_manager"}),
    CASE + "access/": case_page({"owner", "police_manager"}),
    CASE + "access/<int:user_id>/revoke/": rule(405),
    CASE + "entries/new/": case_page(WORKS_CASE),
    CASE + "entries/<int:pk>/amend/": case_page(WORKS_CASE),
    CASE + "actions/new/": case_page(WORKS_CASE),
    CASE + "actions/<int:pk>/complete/": case_page(WORKS_CASE),
    CASE + "people/new/": case_page(WORKS_CASE),
    CASE + "people/<int:pk>/remove/": case_page(LEAD_AGENCY),
    CASE + "shares/new/": case_page(LEAD_AGENCY),
    CASE + "shares/<int:pk>/revoke/": case_page(LEAD_AGENCY),
    CASE + "shares/<int:pk>/renew/": case_page(LEAD_AGENCY),
    "shares/lapsing/": only(MANAGERS, 200, 403),
    # The case is referred to the council, which already holds a share: its officers answer.
    CASE + "referrals/new/": case_page(LEAD_AGENCY),
    CASE + "referrals/<int:pk>/answer/": case_page({"council_officer", "council_manager"}),
    CASE + "referrals/<int:pk>/withdraw/": case_page(LEAD_AGENCY),
    "referrals/": rule(200),
    CASE + "asb/assess/": case_page(WORKS_CASE),
    CASE + "missing/grade/": other_type_page(LEAD_AGENCY),
    CASE + "missing/returned/": other_type_page(LEAD_AGENCY),
    CASE + "missing/information/": other_type_page(WORKS_CASE),
    CASE + "missing/interview/": other_type_page(WORKS_CASE),
    CASE + "family/needs/": other_type_page(LEAD_AGENCY),
    # Unverified sessions (force_login) go to sign-in or the second factor first.
    "admin/": rule(302, anonymous=302),
    # Victim follow-ups: the status page is public, its token the only key.
    "track/<str:token>/": rule(200, anonymous=200),
    CASE + "followups/<int:pk>/plan/": case_page(WORKS_CASE),
    CASE + "followups/<int:pk>/update/": case_page(WORKS_CASE),
    CASE + "followups/<int:pk>/contact/": case_page(WORKS_CASE),
    CASE + "followups/<int:pk>/referral/": case_page(WORKS_CASE),
    CASE + "followups/<int:pk>/link/": rule(405),
    CASE + "followups/key-event/": case_page(WORKS_CASE),
    "followups/alerts/": rule(200),
    "followups/alerts/<int:pk>/read/": rule(405),
    "followups/figures/": only(REPORTERS, 200, 403),
    # Online reporting (public) and triage: the triage agency is the police in tests.
    "report/": rule(200, anonymous=200),
    "report/form/": rule(200, anonymous=200),
    "report/emergency/": rule(200, anonymous=200),
    "report/sent/": rule(302, anonymous=302),  # nothing sent in this session
    "triage/": only(TRIAGERS, 200, 404),
    "triage/figures/": only(REPORTERS, 200, 403),
    "triage/<int:pk>/": triage_page(),
    "triage/<int:pk>/accept/": triage_page(),
    "triage/<int:pk>/link/": triage_page(),
    "triage/<int:pk>/close/": triage_page(),
    "triage/<int:pk>/photo/": only(SEES_REPORT, 200, 404),
    # Briefings: every member of staff reads the sheet (cut to what they may see);
    # leads and managers run the meeting; a PDF is its requester's alone.
    "briefings/": rule(200),
    "briefings/today/": rule(302),
    "briefings/build/": rule(405),
    "briefings/export/": rule(405),
    "briefings/<int:pk>/": rule(200),
    "briefings/<int:pk>/pdf/": rule(405),
    "briefings/<int:pk>/meeting/": only(RUNS_BRIEFINGS, 200, 403),
    "briefings/<int:pk>/meeting/acknowledge/": rule(405),
    "briefings/<int:pk>/meeting/attendance/": rule(405),
    "briefings/<int:pk>/meeting/discussions/": rule(405),
    "briefings/documents/<int:pk>/": only({"police_manager"}, 200, 404),
    "briefings/documents/<int:pk>/download/": only({"police_manager"}, 200, 404),
    "briefings/nominate/<str:reference>/": case_page(WORKS_CASE),
}

# --- REST API (api/) ------------------------------------------------------------------
# The sweep signs in with a session, as a browser using the API would. A JSON API never
# redirects to the sign-in page: anonymous callers get 401 (with "WWW-Authenticate:
# Token"); the schema and docs are public. A GET on a route that only takes POST,
# PATCH or DELETE answers 405 once signed in.
API_ANONYMOUS = 401
API_CASE = "api/v1/" + CASE


def api_rule(default: int) -> dict[str, int]:
    return rule(default, anonymous=API_ANONYMOUS)


def api_case(allowed: set[str] = SEES_CASE, status: int = 200) -> dict[str, int]:
    expected = case_page(allowed, status)
    expected["anonymous"] = API_ANONYMOUS
    return expected


EXPECTED.update(
    {
        "api/schema/": rule(200, anonymous=200),
        "api/docs/": rule(200, anonymous=200),
        "api/v1/auth/token/": api_rule(405),
        "api/v1/me/": api_rule(200),
        "api/v1/cases/": api_rule(200),
        API_CASE: api_case(),
        API_CASE + "transitions/": api_rule(405),
        API_CASE + "reassign/": api_rule(405),
        API_CASE + "restriction/": api_rule(405),
        API_CASE + "shares/": api_case(),
        API_CASE + "shares/<int:pk>/": api_case(),
        API_CASE + "shares/<int:pk>/revoke/": api_rule(405),
        API_CASE + "shares/<int:pk>/renew/": api_rule(405),
        API_CASE + "referrals/": api_case(),
        API_CASE + "referrals/<int:pk>/": api_case(),
        API_CASE + "referrals/<int:pk>/accept/": api_rule(405),
        API_CASE + "referrals/<int:pk>/decline/": api_rule(405),
        API_CASE + "referrals/<int:pk>/withdraw/": api_rule(405),
        # Named access: the lead agency's manager and the lead officer; other insiders 403.
        API_CASE + "grants/": api_case({"owner", "police_manager"}),
        API_CASE + "grants/<int:user_id>/": api_rule(405),
        API_CASE + "people/": api_case(),
        API_CASE + "people/<int:pk>/": api_case(),
        API_CASE + "people/<int:pk>/remove/": api_rule(405),
        API_CASE + "entries/": api_case(),
        API_CASE + "entries/<int:pk>/": api_case(),
        API_CASE + "entries/<int:pk>/amend/": api_rule(405),
        API_CASE + "actions/": api_case(),
        API_CASE + "actions/<int:pk>/": api_case(),
        API_CASE + "actions/<int:pk>/complete/": api_rule(405),
        API_CASE + "missing-person/grade/": api_rule(405),
        API_CASE + "missing-person/information/": api_rule(405),
        API_CASE + "missing-person/return/": api_rule(405),
        API_CASE + "missing-person/return-interview/": api_rule(405),
        API_CASE + "asb/assessments/": api_case(),
        API_CASE + "family/needs/": api_rule(405),
        # Each member of staff lists their own requests (and a manager those they decide).
        "api/v1/access-requests/": api_rule(200),
        "api/v1/access-requests/<int:pk>/decision/": api_rule(405),
        "api/v1/people/": api_rule(200),
        "api/v1/people/<int:pk>/": only(SEES_CASE, 200, 404, anonymous=API_ANONYMOUS),
        "api/v1/people/<int:pk>/vulnerabilities/": only(
            SEES_CASE, 200, 404, anonymous=API_ANONYMOUS
        ),
        "api/v1/people/<int:pk>/vulnerabilities/<int:flag_id>/review/": api_rule(405),
        "api/v1/people/<int:pk>/vulnerabilities/<int:flag_id>/end/": api_rule(405),
        "api/v1/actions/": api_rule(200),
        "api/v1/agencies/": api_rule(200),
        "api/v1/intake/figures/": only(REPORTERS, 200, 403, anonymous=API_ANONYMOUS),
        # Briefings API: every member of staff reads sheets (cut to what they may see);
        # a PDF is its requester's alone.
        "api/v1/briefings/": api_rule(200),
        "api/v1/briefings/<int:pk>/": api_rule(200),
        "api/v1/briefings/<int:pk>/sections/": api_rule(200),
        "api/v1/briefings/<int:pk>/sections/<slug:section>/": api_rule(200),
        "api/v1/briefings/<int:pk>/pdf/": api_rule(405),
        "api/v1/briefings/documents/<int:pk>/": only(
            {"police_manager"}, 200, 404, anonymous=API_ANONYMOUS
        ),
        "api/v1/briefings/documents/<int:pk>/download/": only(
            {"police_manager"}, 200, 404, anonymous=API_ANONYMOUS
        ),
        "api/v1/followups/figures/": only(REPORTERS, 200, 403, anonymous=API_ANONYMOUS),
    }
)
# --- end of REST API block ------------------------------------------------------------

# The admin's own pages have their sweep, over every registered model: test_admin_site.py.
NOT_SWEPT_PREFIXES = ("admin/",)


def project_routes(resolver=None, prefix: str = "") -> list[str]:
    routes = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(NOT_SWEPT_PREFIXES) and route != "admin/":
                continue
            if route == "admin/":
                routes.append(route)
                continue
            routes.extend(project_routes(entry, route))
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


@pytest.fixture
def objects(cast, case, settings, tmp_path):
    person, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones"
    )
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    request = services.break_glass_request(
        actor=cast.fire_officer, case=case, reason="Fire crew attending tonight."
    )
    entry = services.entry_add(actor=cast.owner, case=case, body="Visited the address.")
    action = services.action_add(
        actor=cast.owner,
        case=case,
        description="Letter to the tenant.",
        assigned_agency=cast.council,
        due_on=timezone.localdate(),
    )
    return {
        "reference": case.reference,
        "key": case.reference,
        "person": person.pk,
        "request": request.pk,
        "entry": entry.pk,
        "action": action.pk,
        "share": case.shares.get().pk,
        "referral": services.referral_propose(
            actor=cast.owner,
            case=case,
            agency=cast.council,
            reason="The council's tenancy team should lead.",
            lawful_basis="consent",
        ).pk,
        "user_id": cast.colleague.pk,
        "token": status_link_issue(case=case, person=person).split("/")[2],
        "plan": case.contact_plans.get(person=person).pk,
        "participant": case.participants.get(person=person).pk,
        "flag": services.vulnerability_flag_add(
            actor=cast.owner, person=person, kind="intimidated", justification="Afraid to go out."
        ).pk,
        # Anonymous, so it adds no person: the people routes' ids stay as they were.
        "report": report_with_photo(settings, tmp_path, **ANONYMOUS).pk,
        **_briefing_objects(cast),
    }


def _briefing_objects(cast) -> dict:
    """Today's sheet, and a PDF of it prepared for the police manager."""
    from briefings import services as briefings

    briefing = briefings.briefing_build(day=timezone.localdate())
    document = briefings.document_request(actor=cast.police_manager, briefing=briefing)
    briefings.document_render(document_id=document.pk)
    return {"briefing": briefing.pk, "document": document.pk}


PK_OWNERS = {
    "access-requests/": "request",
    "briefings/documents/": "document",
    "briefings/": "briefing",
    "/entries/": "entry",
    "/actions/": "action",
    "/shares/": "share",
    "/referrals/": "referral",
    "/followups/": "plan",
    "people/<int:pk>/remove/": "participant",  # the page names the part, not the person
    "triage/": "report",
}


def _object_named_by(route: str) -> str:
    """Which of the sweep's objects a route's <int:pk> names (a person unless said)."""
    for fragment, name in PK_OWNERS.items():
        if fragment in route:
            return name
    return "person"


def url_for(route: str, objects: dict) -> str:
    """Fill a route's parameters with the sweep's objects (the case, the person...)."""
    values = {
        "<str:reference>": objects["reference"],
        "<str:key>": objects["key"],
        "<int:key>": objects["person"],
        "<int:user_id>": objects["user_id"],
        "<int:flag_id>": objects["flag"],
        "<slug:section>": "new_cases",
        "<int:pk>": objects[_object_named_by(route)],
        "<str:token>": objects["token"],
    }
    url = route
    for placeholder, value in values.items():
        url = url.replace(placeholder, str(value))
    assert "<" not in url, f"no object to fill {route}: add one to url_for"
    return "/" + url


def test_every_route_has_a_written_down_expectation():
    missing = sorted(set(project_routes()) - set(EXPECTED))
    assert not missing, f"routes with no entry in the sweep table: {missing}"
    stale = sorted(set(EXPECTED) - set(project_routes()))
    assert not stale, f"sweep entries for routes that no longer exist: {stale}"


@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_each_member_of_the_cast_gets_the_expected_status(cast, objects, client, route):
    url = url_for(route, objects)
    got = {}
    for who in CAST:
        client.logout()
        if who != "anonymous":
            client.force_login(getattr(cast, who))
        got[who] = client.get(url).status_code
    assert got == EXPECTED[route]
