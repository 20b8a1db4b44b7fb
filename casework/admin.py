"""Admin pages. Non-administrators see only what the access policy lets them see."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partners.rules import is_administrator

from . import access
from .models import (
    Action,
    AsbDetail,
    AsbRiskAssessment,
    Case,
    CaseEvent,
    CaseParticipant,
    CaseShare,
    MentalHealthDetail,
    MissingPersonDetail,
    MissingPersonInformation,
    Person,
    TimelineEntry,
    TroubledFamilyDetail,
)


def sees_everything(user) -> bool:
    """Administrators (and a bare superuser made at the command line) run the system."""
    return is_administrator(user) or (user.is_superuser and not hasattr(user, "membership"))


def _scoped(request, queryset, case_path: str):
    if sees_everything(request.user):
        return queryset
    visible = access.visible_cases(request.user).values("pk")
    return queryset.filter(**{f"{case_path}__in": visible})


class CaseScopedAdmin(SimpleHistoryAdmin):
    case_path = "case"

    def get_queryset(self, request):
        return _scoped(request, super().get_queryset(request), self.case_path)


class ReadOnlyMixin:
    """Append-only records: viewable, never edited or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "case_type", "status", "risk_level", "lead_agency", "reported_at"]
    list_filter = ["case_type", "status", "risk_level", "lead_agency", "is_restricted"]
    search_fields = ["reference", "address"]
    readonly_fields = ["reference", "version", "created_by"]
    raw_id_fields = ["lead_officer"]

    def get_queryset(self, request):
        return _scoped(request, super().get_queryset(request), "pk")


@admin.register(CaseShare)
class CaseShareAdmin(CaseScopedAdmin):
    list_display = ["case", "agency", "lawful_basis", "shared_at", "revoked_at"]
    raw_id_fields = ["case", "shared_by", "revoked_by"]


@admin.register(CaseParticipant)
class CaseParticipantAdmin(CaseScopedAdmin):
    list_display = ["case", "person", "role"]
    raw_id_fields = ["case", "person", "added_by"]


@admin.register(Action)
class ActionAdmin(CaseScopedAdmin):
    list_display = ["case", "description", "assigned_agency", "due_on", "completed_at"]
    raw_id_fields = ["case", "assigned_to", "created_by", "completed_by"]


@admin.register(AsbDetail, MissingPersonDetail, TroubledFamilyDetail)
class DetailAdmin(CaseScopedAdmin):
    raw_id_fields = ["case"]


@admin.register(MentalHealthDetail)
class MentalHealthDetailAdmin(CaseScopedAdmin):
    raw_id_fields = ["case"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_everything(request.user):
            return queryset
        if MentalHealthDetail.SENSITIVITY not in access.readable_sensitivities(request.user):
            return queryset.none()
        return queryset


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["case", "kind", "sensitivity", "author", "created_at"]

    def get_queryset(self, request):
        queryset = _scoped(request, super().get_queryset(request), "case")
        if sees_everything(request.user):
            return queryset
        return queryset.filter(sensitivity__in=access.readable_sensitivities(request.user))


@admin.register(CaseEvent, AsbRiskAssessment, MissingPersonInformation)
class CaseRecordAdmin(ReadOnlyMixin, admin.ModelAdmin):
    def get_queryset(self, request):
        return _scoped(request, super().get_queryset(request), "case")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "date_of_birth", "postcode"]
    search_fields = ["family_name", "given_name", "postcode"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_everything(request.user):
            return queryset
        visible = access.visible_cases(request.user).values("pk")
        return queryset.filter(participations__case__in=visible).distinct()
