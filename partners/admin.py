from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agency, AgencyKind, InformationSharingAgreement, Membership, Team


@admin.register(AgencyKind)
class AgencyKindAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "reads_police_intelligence",
        "reads_health",
        "reads_childrens_safeguarding",
    ]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "slug"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "agency"]
    list_filter = ["agency"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "agency", "role", "job_title"]
    list_filter = ["agency", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(InformationSharingAgreement)
class InformationSharingAgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "reference", "starts_on", "ends_on"]
    filter_horizontal = ["parties"]
