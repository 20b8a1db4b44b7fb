"""Routes under /api/: the versioned API, its OpenAPI schema and its docs.

Another app adds endpoints by writing its own viewsets (permission and
pagination come from the REST_FRAMEWORK defaults; see ``api/__init__.py``) and
including its urls in ``config/urls.py`` as ``path("api/v1/<thing>/", include(...))``.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from .views.auth import MeView, TokenView
from .views.cases import CaseViewSet
from .views.docs import DocsView

app_name = "api"

CASE = "cases/<str:reference>/"

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
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(v1)),
]
