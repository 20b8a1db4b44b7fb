from django.contrib import admin

from .models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the access log cannot be edited or deleted through the application."""

    list_display = ["at", "user", "agency_name", "action", "object_label", "ip_address"]
    list_filter = ["action"]
    search_fields = ["user__username", "object_label", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
