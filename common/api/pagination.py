"""Pagination for API lists, with a bounded page size.

Lists that grow with the table are counted only up to a limit, as on the web lists, so
a page costs the same over a million rows as over a hundred: ``BoundedPagination`` pages
a queryset with ``common.paging.bounded_page``. ``count_is_exact`` says whether
``count`` is the whole total or a floor ("more than").
"""

from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from common import paging as bounded
from common.paging import MAX_PAGE, BoundedPage, bounded_page


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class BoundedPagination(pagination.BasePagination):
    """Pages an ordered queryset, counting at most COUNT_LIMIT rows."""

    noun = "rows"
    count_note = ""
    page_size = PageNumberPagination.page_size
    max_page_size = PageNumberPagination.max_page_size
    page_query_param = "page"
    page_size_query_param = "page_size"
    after_query_param = "after"

    def page_size_for(self, request) -> int:
        try:
            size = int(request.query_params[self.page_size_query_param])
        except (KeyError, ValueError):
            return self.page_size
        return min(size, self.max_page_size) if size > 0 else self.page_size

    def page_number_for(self, request) -> str | None:
        return request.query_params.get(self.page_query_param)

    def after_for(self, request) -> str | None:
        return request.query_params.get(self.after_query_param)

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        page = bounded_page(
            queryset,
            self.page_number_for(request),
            per_page=self.page_size_for(request),
            after=self.after_for(request),
        )
        return list(self.use(page, request))

    def use(self, page: BoundedPage, request) -> BoundedPage:
        self.page, self.request = page, request
        return page

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "count": self.page.count,
                "count_is_exact": self.page.count_is_exact,
                "next": self._link(
                    self.page.next_page_number() if self.page.has_next else None,
                    after=self.page.next_after,
                ),
                "previous": self._link(
                    self.page.previous_page_number() if self.page.has_previous else None
                ),
                "results": data,
            }
        )

    def _link(self, number: int | None, after: str = "") -> str | None:
        """The page's address; a next page's also says where it starts (``after``), so
        that it is read from there rather than by skipping every row before it."""
        if number is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.after_query_param)
        if after:
            url = replace_query_param(url, self.after_query_param, after)
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "count_is_exact", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "example": 123,
                    "description": f"Matching {self.noun}, counted up to {bounded.COUNT_LIMIT:,}"
                    f"{self.count_note}.",
                },
                "count_is_exact": {
                    "type": "boolean",
                    "description": f"False when more {self.noun} match than were counted: "
                    "narrow the filters to see an exact total.",
                },
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": f"Page number, 1 to {MAX_PAGE}; past the end, the last page.",
                "schema": {"type": "integer"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"{self.noun.capitalize()} per page, at most {self.max_page_size}.",
                "schema": {"type": "integer"},
            },
            {
                "name": self.after_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts, as given in the `next` link: follow "
                "`next` rather than counting pages. A value that is not one given is ignored.",
                "schema": {"type": "string"},
            },
        ]
