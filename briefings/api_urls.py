"""Routes under /api/v1/briefings/ (see ``briefings.api``)."""

from django.urls import path

from .api import BriefingViewSet, DocumentViewSet

app_name = "briefings-api"

urlpatterns = [
    path("", BriefingViewSet.as_view({"get": "list"}), name="list"),
    path("<int:pk>/", BriefingViewSet.as_view({"get": "retrieve"}), name="detail"),
    path("<int:pk>/sections/", BriefingViewSet.as_view({"get": "sections"}), name="sections"),
    path(
        "<int:pk>/sections/<slug:section>/",
        BriefingViewSet.as_view({"get": "section"}),
        name="section",
    ),
    path("<int:pk>/pdf/", BriefingViewSet.as_view({"post": "pdf"}), name="pdf"),
    path("documents/<int:pk>/", DocumentViewSet.as_view({"get": "retrieve"}), name="document"),
    path(
        "documents/<int:pk>/download/",
        DocumentViewSet.as_view({"get": "download"}),
        name="download",
    ),
]
