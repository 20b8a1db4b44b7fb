from django.urls import path

from . import views

app_name = "followups"

plan = "cases/<str:reference>/followups/<int:pk>/"

urlpatterns = [
    path("track/<str:token>/", views.track, name="track"),
    path(plan + "plan/", views.plan_edit, name="plan_edit"),
    path(plan + "update/", views.update_send, name="update_send"),
    path(plan + "contact/", views.contact_record, name="contact_record"),
    path(plan + "referral/", views.referral_record, name="referral_record"),
    path(plan + "link/", views.status_link_send, name="status_link_send"),
    path("cases/<str:reference>/followups/key-event/", views.key_event_record, name="key_event"),
    path("followups/alerts/", views.alert_list, name="alerts"),
    path("followups/alerts/<int:pk>/read/", views.alert_read, name="alert_read"),
]
