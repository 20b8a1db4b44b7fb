"""Routes under /api/: the versioned API, its OpenAPI schema and its docs.

The viewsets are registered on DRF routers, with ``@action`` for the routes beyond list
and detail. Another app adds endpoints by writing its own viewsets (permission and
pagination come from the REST_FRAMEWORK defaults; see ``api/__init__.py``), registering
them on its own router and including its urls in ``config/urls.py`` as
``path("api/v1/<thing>/", include(...))``.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

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

CASE = "cases/<str:reference>"

# Path converters, not regexes: each viewset names its lookup's converter
# (``lookup_value_converter``), so the routes match as <int:pk> and <str:reference> do.
router = SimpleRouter(use_regex_path=False)
router.register("cases", CaseViewSet, basename="case")
router.register(f"{CASE}/shares", ShareViewSet, basename="case-share")
router.register(f"{CASE}/referrals", ReferralViewSet, basename="case-referral")
router.register(f"{CASE}/grants", GrantViewSet, basename="case-grant")
router.register(f"{CASE}/people", ParticipantViewSet, basename="case-person")
router.register(f"{CASE}/entries", EntryViewSet, basename="case-entry")
router.register(f"{CASE}/actions", CaseActionViewSet, basename="case-action")
router.register("access-requests", AccessRequestViewSet, basename="access-request")
router.register("people", PersonViewSet, basename="person")
router.register(
    "people/<int:pk>/vulnerabilities", VulnerabilityFlagViewSet, basename="person-vulnerability"
)
router.register("actions", ActionViewSet, basename="action")
router.register("agencies", AgencyViewSet, basename="agency")

# The work particular to each type of case hangs off the case too and is named like the
# case's own routes (case-missing-person-grade, ...); a router takes each basename once.
case_work = SimpleRouter(use_regex_path=False)
case_work.register("cases", CaseWorkViewSet, basename="case")

v1 = [
    # Not resources: the caller's token (issued and revoked) and the caller.
    path("auth/token/", TokenView.as_view(), name="token"),
    path("me/", MeView.as_view(), name="me"),
    *router.urls,
    *case_work.urls,
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(v1)),
]
