from django.urls import path

from . import views_access, views_retention

urlpatterns = [
    path("access-requests/new/", views_access.access_request, name="access_request"),
    path("access-requests/", views_access.access_requests_queue, name="access_requests"),
    path(
        "access-requests/<int:pk>/decide/",
        views_access.access_request_decide,
        name="access_request_decide",
    ),
    path("retention/", views_retention.retention_queue, name="retention_queue"),
    path(
        "retention/<str:reference>/decide/",
        views_retention.retention_decide,
        name="retention_decide",
    ),
]
