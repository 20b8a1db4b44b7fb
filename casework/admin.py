"""Case records in the Django admin: read-only, scoped by the access policy, logged.

Off unless ``ICST_ADMIN_CASEWORK`` is set: the staff pages already show an administrator
every case the policy lets them see, with its history. When on, these pages list only
those cases, never a sensitive entry or section outside the reader's clearances, and
write each record opened to the access log as a view of its case (or person).
Changes to cases go through the services on the staff pages, never through here.
"""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.db.models.functions import Cast

from accounts.admin_site import CaseDataAdmin
from audit.models import AccessLog
from audit.services import access_record

from . import access, selectors
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


class CaseRecordAdmin(CaseDataAdmin):
    """A record belonging to a case, shown only when its case is visible to the reader."""

    case_path = "case"

    def get_queryset(self, request) -> QuerySet:
        return self.scoped(request.user, super().get_queryset(request))

    def scoped(self, user, queryset: QuerySet) -> QuerySet:
        visible = access.visible_cases(user).values("pk")
        return queryset.filter(**{f"{self.case_path}__in": visible})

    def case_of(self, obj) -> Case:
        return obj.case

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            self.record_view(request, obj)
        return obj

    def record_view(self, request, obj) -> None:
        access_record(
            user=request.user,
            action=AccessLog.Action.VIEW_CASE,
            request=request,
            obj=self.case_of(obj),
            detail={"via": "admin", "record": obj._meta.model_name, "id": obj.pk},
        )

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            access_record(
                user=request.user,
                action=AccessLog.Action.SEARCH,
                request=request,
                detail={
                    "via": "admin",
                    "record": self.model._meta.model_name,
                    "query": search_term,
                },
            )
        return results, may_have_duplicates


@admin.register(Case)
class CaseAdmin(CaseRecordAdmin):
    case_path = "pk"
    list_display = ["reference", "case_type", "status", "risk_level", "lead_agency", "reported_at"]
    list_filter = ["case_type", "status", "risk_level", "lead_agency"]
    search_fields = ["reference"]

    def case_of(self, obj) -> Case:
        return obj


@admin.register(CaseShare)
class CaseShareAdmin(CaseRecordAdmin):
    list_display = ["case", "agency", "lawful_basis", "shared_at", "revoked_at"]


@admin.register(CaseParticipant)
class CaseParticipantAdmin(CaseRecordAdmin):
    list_display = ["case", "person", "role"]


@admin.register(Action)
class ActionAdmin(CaseRecordAdmin):
    list_display = ["case", "description", "assigned_agency", "due_on", "completed_at"]


@admin.register(
    AsbDetail,
    AsbRiskAssessment,
    CaseEvent,
    MissingPersonDetail,
    MissingPersonInformation,
    TroubledFamilyDetail,
)
class CaseDetailAdmin(CaseRecordAdmin):
    pass


@admin.register(MentalHealthDetail)
class MentalHealthDetailAdmin(CaseRecordAdmin):
    def scoped(self, user, queryset: QuerySet) -> QuerySet:
        if MentalHealthDetail.SENSITIVITY not in access.readable_sensitivities(user):
            return queryset.none()
        return super().scoped(user, queryset)


@admin.register(TimelineEntry)
class TimelineEntryAdmin(CaseRecordAdmin):
    list_display = ["case", "kind", "sensitivity", "author", "created_at"]

    def scoped(self, user, queryset: QuerySet) -> QuerySet:
        readable = Q(sensitivity__in=access.readable_sensitivities(user)) | Q(author_id=user.pk)
        return super().scoped(user, queryset).filter(readable)


@admin.register(Person)
class PersonAdmin(CaseRecordAdmin):
    list_display = ["family_name", "given_name", "date_of_birth", "postcode"]
    search_fields = ["family_name", "given_name", "postcode"]

    def scoped(self, user, queryset: QuerySet) -> QuerySet:
        return selectors.visible_people(user, queryset)

    def record_view(self, request, obj) -> None:
        access_record(
            user=request.user,
            action=AccessLog.Action.VIEW_PERSON,
            request=request,
            obj=obj,
            detail={"via": "admin"},
        )


# --- The access log -----------------------------------------------------------------------
# Read-only and, like case data, off unless ICST_ADMIN_CASEWORK is set. An entry about a
# case names it by reference, so entries about cases the reader may not see are left out.


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
