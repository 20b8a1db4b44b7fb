"""Query parameters for the lists. Cases are filtered by the same selector as the web
list (``casework.selectors.case_list``), so the API cannot drift from it."""

import django_filters
from django.db.models import Q

from casework import selectors
from casework.models import CaseStatus, RiskLevel
from casework.types import RegisteredCaseTypes

ORDERING_CHOICES = [(key, key) for key in selectors.SORTABLE]


class CaseFilter(django_filters.FilterSet):
    case_type = django_filters.ChoiceFilter(choices=RegisteredCaseTypes())
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices)
    risk_level = django_filters.ChoiceFilter(choices=RiskLevel.choices)
    ward = django_filters.CharFilter(max_length=100, help_text="Exact ward, any case.")
    lead_agency = django_filters.NumberFilter(
        min_value=1, max_value=2**53, help_text="Lead agency id."
    )
    lead_officer = django_filters.NumberFilter(
        min_value=1, max_value=2**53, help_text="Lead officer's user id."
    )
    reported_from = django_filters.DateFilter(help_text="Reported on or after (YYYY-MM-DD).")
    reported_to = django_filters.DateFilter(help_text="Reported on or before (YYYY-MM-DD).")
    q = django_filters.CharFilter(
        max_length=200, help_text="Search: reference, address or a person's name."
    )
    ordering = django_filters.ChoiceFilter(
        choices=ORDERING_CHOICES, help_text="Sort key; a leading '-' reverses it."
    )

    def case_filters(self) -> selectors.CaseFilters:
        data = self.form.cleaned_data
        return selectors.CaseFilters(
            case_type=data.get("case_type") or "",
            status=data.get("status") or "",
            risk_level=data.get("risk_level") or "",
            ward=data.get("ward") or "",
            lead_agency=_int_or_none(data.get("lead_agency")),
            lead_officer=_int_or_none(data.get("lead_officer")),
            reported_from=data.get("reported_from"),
            reported_to=data.get("reported_to"),
            text=data.get("q") or "",
        )

    def sort(self) -> str:
        return self.form.cleaned_data.get("ordering") or "-reported"

    def filter_queryset(self, queryset):
        return selectors.case_list(self.request.user, self.case_filters(), self.sort())


def _int_or_none(value) -> int | None:
    return int(value) if value is not None else None


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(max_length=200, method="by_name", help_text="Name contains.")
    date_of_birth = django_filters.DateFilter()

    def search_terms(self) -> dict[str, str]:
        """What was searched for, for the access log: the name and the date of birth."""
        data = self.form.cleaned_data
        born = data.get("date_of_birth")
        return {
            "query": (data.get("q") or "").strip(),
            "date_of_birth": born.isoformat() if born else "",
        }

    def by_name(self, queryset, name, value):
        for term in value.split():
            queryset = queryset.filter(
                Q(given_name__icontains=term) | Q(family_name__icontains=term)
            )
        return queryset


class ActionFilter(django_filters.FilterSet):
    case = django_filters.CharFilter(field_name="case__reference", max_length=30)
    assigned_agency = django_filters.CharFilter(field_name="assigned_agency__slug", max_length=40)
    mine = django_filters.BooleanFilter(method="assigned_to_me", help_text="Assigned to me.")
    open = django_filters.BooleanFilter(
        field_name="completed_at", lookup_expr="isnull", help_text="Not yet complete."
    )
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    def assigned_to_me(self, queryset, name, value):
        mine = Q(assigned_to=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)


class AgencyFilter(django_filters.FilterSet):
    kind = django_filters.CharFilter(field_name="kind__code", max_length=40)
