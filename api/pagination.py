"""Pagination for the API lists, with a bounded page size.

Case lists use ``BoundedCasePagination``: the page is fetched branch by branch of the
access policy (``casework.selectors.case_list_page``) and counted only up to a limit,
as on the web list, so a page costs the same over a million cases as over a hundred.
``count_is_exact`` says whether ``count`` is the whole total or a floor ("more than").
"""

from rest_framework import pagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from casework.pagination import COUNT_LIMIT, MAX_PAGE, BoundedPage


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class BoundedCasePagination(pagination.BasePagination):
    page_size = PageNumberPagination.page_size
    max_page_size = PageNumberPagination.max_page_size
    page_query_param = "page"
    page_size_query_param = "page_size"

    def page_size_for(self, request) -> int:
        try:
            size = int(request.query_params[self.page_size_query_param])
        except (KeyError, ValueError):
            return self.page_size
        return min(size, self.max_page_size) if size > 0 else self.page_size

    def page_number_for(self, request) -> str | None:
        return request.query_params.get(self.page_query_param)

    def use(self, page: BoundedPage, request) -> BoundedPage:
        self.page, self.request = page, request
        return page

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "count": self.page.count,
                "count_is_exact": self.page.count_is_exact,
                "next": self._link(self.page.next_page_number() if self.page.has_next else None),
                "previous": self._link(
                    self.page.previous_page_number() if self.page.has_previous else None
                ),
                "results": data,
            }
        )

    def _link(self, number: int | None) -> str | None:
        if number is None:
            return None
        url = self.request.build_absolute_uri()
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
                    "description": f"Matching cases, counted up to {COUNT_LIMIT:,} "
                    "(fewer for a search).",
                },
                "count_is_exact": {
                    "type": "boolean",
                    "description": "False when more cases match than were counted: "
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
                "description": f"Cases per page, at most {self.max_page_size}.",
                "schema": {"type": "integer"},
            },
        ]
