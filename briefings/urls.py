from django.urls import path

from . import views

app_name = "briefings"

sheet = "briefings/<int:pk>/"

urlpatterns = [
    path("briefings/", views.briefing_list, name="list"),
    path("briefings/today/", views.briefing_today, name="today"),
    path("briefings/build/", views.briefing_build, name="build"),
    path("briefings/export/", views.briefing_export, name="export"),
    path(sheet, views.briefing_sheet, name="sheet"),
    path(sheet + "pdf/", views.pdf_request, name="pdf_request"),
    path(sheet + "meeting/", views.meeting, name="meeting"),
    path(sheet + "meeting/acknowledge/", views.meeting_acknowledge, name="meeting_acknowledge"),
    path(sheet + "meeting/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path(sheet + "meeting/discussions/", views.meeting_discussion, name="meeting_discussion"),
    path("briefings/documents/<int:pk>/", views.document_status, name="document"),
    path("briefings/documents/<int:pk>/download/", views.document_download, name="download"),
    path("briefings/nominate/<str:reference>/", views.nominate, name="nominate"),
]
