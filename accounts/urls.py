from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/recovery-codes/", views.recovery_codes_renew, name="recovery_codes"),
    path("sessions/", views.sessions, name="sessions"),
]
