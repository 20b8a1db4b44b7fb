from django.contrib import admin

from .models import UserSession


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "signed_in_at", "ip_address", "user_agent"]
    search_fields = ["user__username"]
