"""Routes under /api/: the versioned API, its OpenAPI schema and its docs.

Another app adds endpoints by writing its own viewsets (permission and
pagination come from the REST_FRAMEWORK defaults; see ``api/__init__.py``) and
including its urls in ``config/urls.py`` as ``path("api/v1/<thing>/", include(...))``.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from .views.access_requests import AccessRequestViewSet
from .views.auth import MeView, TokenView
from .views.case_parts import (
    CaseActionViewSet,
    EntryViewSet,
    GrantViewSet,
    ParticipantViewSet,
    ReferralViewSet,
    ShareViewSet,
)
from .views.case_work import CaseWorkViewSet
from .views.cases import CaseViewSet
from .views.directory import ActionViewSet, AgencyViewSet, PersonViewSet
from .views.docs import DocsView
from .views.vulnerabilities import VulnerabilityFlagViewSet

app_name = "api"

CASE = "cases/<str:reference>/"
LIST_CREATE = {"get": "list", "post": "create"}
READ = {"get": "retrieve"}

v1 = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("me/", MeView.as_view(), name="me"),
    path("cases/", CaseViewSet.as_view({"get": "list", "post": "create"}), name="case-list"),
    path(
        CASE,
        CaseViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="case-detail",
    ),
    path(
        CASE + "transitions/",
        CaseViewSet.as_view({"post": "transition"}),
        name="case-transition",
    ),
    path(CASE + "reassign/", CaseViewSet.as_view({"post": "reassign"}), name="case-reassign"),
    path(
        CASE + "restriction/",
        CaseViewSet.as_view({"post": "restriction"}),
        name="case-restriction",
    ),
    path(CASE + "shares/", ShareViewSet.as_view(LIST_CREATE), name="case-share-list"),
    path(CASE + "shares/<int:pk>/", ShareViewSet.as_view(READ), name="case-share-detail"),
    path(
        CASE + "shares/<int:pk>/revoke/",
        ShareViewSet.as_view({"post": "revoke"}),
        name="case-share-revoke",
    ),
    path(
        CASE + "shares/<int:pk>/renew/",
        ShareViewSet.as_view({"post": "renew"}),
        name="case-share-renew",
    ),
    path(CASE + "referrals/", ReferralViewSet.as_view(LIST_CREATE), name="case-referral-list"),
    path(
        CASE + "referrals/<int:pk>/",
        ReferralViewSet.as_view(READ),
        name="case-referral-detail",
    ),
    *(
        path(
            CASE + f"referrals/<int:pk>/{answer}/",
            ReferralViewSet.as_view({"post": answer}),
            name=f"case-referral-{answer}",
        )
        for answer in ("accept", "decline", "withdraw")
    ),
    path(CASE + "grants/", GrantViewSet.as_view(LIST_CREATE), name="case-grant-list"),
    path(
        CASE + "grants/<int:user_id>/",
        GrantViewSet.as_view({"delete": "destroy"}),
        name="case-grant-detail",
    ),
    path(CASE + "people/", ParticipantViewSet.as_view(LIST_CREATE), name="case-person-list"),
    path(CASE + "people/<int:pk>/", ParticipantViewSet.as_view(READ), name="case-person-detail"),
    path(
        CASE + "people/<int:pk>/remove/",
        ParticipantViewSet.as_view({"post": "remove"}),
        name="case-person-remove",
    ),
    path(CASE + "entries/", EntryViewSet.as_view(LIST_CREATE), name="case-entry-list"),
    path(CASE + "entries/<int:pk>/", EntryViewSet.as_view(READ), name="case-entry-detail"),
    path(
        CASE + "entries/<int:pk>/amend/",
        EntryViewSet.as_view({"post": "amend"}),
        name="case-entry-amend",
    ),
    path(CASE + "actions/", CaseActionViewSet.as_view(LIST_CREATE), name="case-action-list"),
    path(CASE + "actions/<int:pk>/", CaseActionViewSet.as_view(READ), name="case-action-detail"),
    path(
        CASE + "actions/<int:pk>/complete/",
        CaseActionViewSet.as_view({"post": "complete"}),
        name="case-action-complete",
    ),
    path(
        CASE + "missing-person/grade/",
        CaseWorkViewSet.as_view({"post": "grade"}),
        name="case-missing-person-grade",
    ),
    path(
        CASE + "missing-person/information/",
        CaseWorkViewSet.as_view({"post": "information"}),
        name="case-missing-person-information",
    ),
    path(
        CASE + "missing-person/return/",
        CaseWorkViewSet.as_view({"post": "returned"}),
        name="case-missing-person-return",
    ),
    path(
        CASE + "missing-person/return-interview/",
        CaseWorkViewSet.as_view({"post": "interview"}),
        name="case-missing-person-interview",
    ),
    path(
        CASE + "asb/assessments/",
        CaseWorkViewSet.as_view({"get": "assessments", "post": "assessment"}),
        name="case-asb-assessment",
    ),
    path(
        CASE + "family/needs/",
        CaseWorkViewSet.as_view({"put": "needs"}),
        name="case-family-needs",
    ),
    path("access-requests/", AccessRequestViewSet.as_view(LIST_CREATE), name="access-request-list"),
    path(
        "access-requests/<int:pk>/decision/",
        AccessRequestViewSet.as_view({"post": "decide"}),
        name="access-request-decision",
    ),
    path("people/", PersonViewSet.as_view({"get": "list"}), name="person-list"),
    path("people/<int:pk>/", PersonViewSet.as_view(READ), name="person-detail"),
    path(
        "people/<int:pk>/vulnerabilities/",
        VulnerabilityFlagViewSet.as_view(LIST_CREATE),
        name="person-vulnerability-list",
    ),
    path(
        "people/<int:pk>/vulnerabilities/<int:flag_id>/review/",
        VulnerabilityFlagViewSet.as_view({"post": "review"}),
        name="person-vulnerability-review",
    ),
    path(
        "people/<int:pk>/vulnerabilities/<int:flag_id>/end/",
        VulnerabilityFlagViewSet.as_view({"post": "end"}),
        name="person-vulnerability-end",
    ),
    path("actions/", ActionViewSet.as_view({"get": "list"}), name="action-list"),
    path("agencies/", AgencyViewSet.as_view({"get": "list"}), name="agency-list"),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(v1)),
]
