"""API tokens in the Django admin: seen and revoked, never issued here.

A token made here would let its holder act as any user without their second factor;
users create their own through the API's sign-in.
"""

import knox.admin  # noqa: F401  registers first, replaced below
from django.contrib import admin
from knox.models import AuthToken

admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created", "expiry"]
    search_fields = ["user__username"]
    fields = ["user", "created", "expiry"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
