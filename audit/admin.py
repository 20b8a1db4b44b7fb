"""The access log in the Django admin: read-only, and like case data, off unless
``ICST_ADMIN_CASEWORK`` is set. An entry about a case names it by reference, so entries
about cases the reader may not see are left out (restricted references stay hidden)."""

from django.contrib import admin
from django.db.models import Q
from django.db.models.functions import Cast

from casework import access
from config.admin_site import CaseDataAdmin

from .models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(CaseDataAdmin):
    list_display = ["at", "user", "agency_name", "action", "object_label", "ip_address"]
    list_filter = ["action"]
    search_fields = ["user__username", "object_label", "object_id"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        visible_ids = access.visible_cases(request.user).annotate(
            key=Cast("pk", output_field=AccessLog._meta.get_field("object_id"))
        )
        about_visible_case = Q(object_id__in=visible_ids.values("key"))
        return super().get_queryset(request).filter(~Q(object_type="case") | about_visible_case)
