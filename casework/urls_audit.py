from django.urls import path

from . import views_audit as views

app_name = "audit"  # the audit trail's reports keep their names: audit:who_viewed_case

urlpatterns = [
    path("who-viewed/case/<str:key>/", views.who_viewed, {"kind": "case"}, name="who_viewed_case"),
    path(
        "who-viewed/person/<int:key>/",
        views.who_viewed,
        {"kind": "person"},
        name="who_viewed_person",
    ),
    path("subject-access/<int:key>/", views.subject_access, name="subject_access"),
    path(
        "subject-access/<int:key>/pdf/",
        views.subject_access,
        {"as_pdf": True},
        name="subject_access_pdf",
    ),
]
