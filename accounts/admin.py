"""Accounts in the Django admin: people, their sessions and sign-in devices.

Authenticator keys and recovery codes are never shown or edited here; an administrator
resets a user's two-factor through ``accounts.services.two_factor_reset``. Superuser
status, groups and model permissions grant nothing in the casebook (roles come from
``partners.Membership``), so they are not offered.
"""

import django_otp.plugins.otp_static.admin  # noqa: F401  registers first, replaced below
import django_otp.plugins.otp_totp.admin  # noqa: F401
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .admin_site import ViewOnlyAdmin
from .models import UserSession

User = get_user_model()

for model in (User, Group, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.action(description="Reset two-factor (the user enrols again at next sign-in)")
def two_factor_reset(modeladmin, request, queryset) -> None:
    users = User.objects.filter(pk__in=queryset.values(modeladmin.user_path))
    for user in users:
        services.two_factor_reset(user)
        modeladmin.log_change(request, user, "Reset two-factor authentication.")
    modeladmin.message_user(
        request, f"Two-factor reset for {len(users)} user(s).", messages.SUCCESS
    )


@admin.register(User)
class CasebookUserAdmin(UserAdmin):
    user_path = "pk"
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active"]
    filter_horizontal = []
    actions = [two_factor_reset]


class DeviceAdmin(ViewOnlyAdmin):
    """A user's authenticator or recovery codes: that they exist and when they were used."""

    user_path = "user"
    list_display = ["user", "name", "created_at", "last_used_at", "confirmed"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    actions = [two_factor_reset]


admin.site.register(TOTPDevice, DeviceAdmin)
admin.site.register(StaticDevice, DeviceAdmin)


@admin.action(description="Sign these users out everywhere")
def sign_out_everywhere(modeladmin, request, queryset) -> None:
    users = User.objects.filter(pk__in=queryset.values("user"))
    for user in users:
        services.sessions_end_all(user)
        modeladmin.log_change(request, user, "Signed out of every session.")
    modeladmin.message_user(request, f"Signed out {len(users)} user(s).", messages.SUCCESS)


@admin.register(UserSession)
class UserSessionAdmin(ViewOnlyAdmin):
    actions = [sign_out_everywhere]
    list_display = ["user", "signed_in_at", "ip_address", "user_agent"]
    search_fields = ["user__username"]
    fields = ["user", "signed_in_at", "ip_address", "user_agent"]
