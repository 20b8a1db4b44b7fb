from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from common.govuk_forms import ChangePasswordForm, SignInForm

from . import home

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("casework.urls_audit")),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("casework.urls")),
    path("", include("casework.urls_governance")),
    path("", include("followups.urls")),
    path("api/v1/followups/", include("followups.api_urls")),
    # Online reporting and triage
    path("", include("intake.urls")),
    path("api/v1/intake/", include("intake.api_urls")),
    # Briefings: the daily sheet, the meeting and the PDFs.
    path("", include("briefings.urls")),
    path("api/v1/briefings/", include("briefings.api_urls")),
]

# --- REST API: JSON problem details for unknown /api/ URLs and server errors ---------
handler404 = "api.views.errors.not_found"
handler500 = "api.views.errors.server_error"
