"""Across cases: people, actions and agencies, each within the caller's reach."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from audit.services import log_read, log_search
from casework import selectors

from .. import selectors as api_selectors
from ..filters import ActionFilter, AgencyFilter, PersonFilter
from ..pagination import BoundedActionPagination, BoundedPeoplePagination
from ..serializers import (
    ActionSerializer,
    AgencySerializer,
    PersonDetailSerializer,
    PersonSerializer,
)
from .base import valid_filterset


@extend_schema(tags=["people"])
@extend_schema_view(list=extend_schema(summary="List people in your cases"))
class PersonViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """People who appear in at least one case the caller may see; anyone else is a 404."""

    serializer_class = PersonSerializer
    lookup_value_converter = "int"
    filterset_class = PersonFilter
    pagination_class = BoundedPeoplePagination

    def get_queryset(self):
        return api_selectors.people_visible(self.request.user)

    def list(self, request):
        filterset = valid_filterset(self, request, self.get_queryset())
        people = self.paginate_queryset(filterset.qs)
        log_search(request, "people", filterset.search_terms(), self.paginator.page)
        return self.get_paginated_response(self.get_serializer(people, many=True).data)

    @extend_schema(responses=PersonDetailSerializer, summary="Read a person and their parts")
    def retrieve(self, request, pk: int):
        person = selectors.person_for_viewing(request.user, pk)
        person.visible_parts = selectors.person_parts(
            person, selectors.person_cases(request.user, person)
        )
        log_read(request, person, "person")
        return Response(PersonDetailSerializer(person).data)


@extend_schema(tags=["actions"])
@extend_schema_view(list=extend_schema(summary="List actions on your cases"))
class ActionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Actions on the cases the caller may see."""

    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    pagination_class = BoundedActionPagination

    def get_queryset(self):
        return api_selectors.actions_visible(self.request.user)


@extend_schema(tags=["agencies"])
@extend_schema_view(list=extend_schema(summary="List agencies"))
class AgencyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Active agencies: the slugs shares and actions name."""

    serializer_class = AgencySerializer
    filterset_class = AgencyFilter

    def get_queryset(self):
        return api_selectors.agencies_active()
