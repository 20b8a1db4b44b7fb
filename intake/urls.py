from django.urls import path

from . import views, views_triage

app_name = "intake"

urlpatterns = [
    path("report/", views.start, name="start"),
    path("report/form/", views.ReportWizard.as_view(), name="form"),
    path("report/emergency/", views.emergency, name="emergency"),
    path("report/sent/", views.sent, name="sent"),
    path("triage/", views_triage.queue, name="queue"),
    path("triage/figures/", views_triage.figures, name="figures"),
    path("triage/<int:pk>/", views_triage.report_detail, name="report"),
    path("triage/<int:pk>/accept/", views_triage.accept, name="accept"),
    path("triage/<int:pk>/link/", views_triage.link, name="link"),
    path("triage/<int:pk>/close/", views_triage.close, name="close"),
    path("triage/<int:pk>/photo/", views_triage.photo, name="photo"),
]
