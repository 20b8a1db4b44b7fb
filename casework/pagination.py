"""Paging long lists without counting millions of rows.

Django's Paginator counts every matching row to know the number of pages; over a
million cases that count costs more than the page itself. A ``BoundedPage``
fetches one row more than it shows (so it knows whether a next page exists) and
counts at most ``count_limit`` matches: the list says "more than 1,000 cases"
rather than the exact total, which nobody needs when the answer is to filter.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import RawSQL

PAGE_SIZE = 25
COUNT_LIMIT = 1000
# Deep offsets cost a scan of every row before them; past this page, filter instead.
MAX_PAGE = 400


@dataclass
class BoundedPage:
    object_list: list
    number: int
    per_page: int
    has_next: bool
    count: int
    count_is_exact: bool
    at_page_limit: bool = False

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def num_pages(self) -> int | None:
        """The number of pages when the count is exact, else None."""
        if not self.count_is_exact:
            return None
        return max(1, -(-self.count // self.per_page))


def _page_number(raw) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def bounded_count(queryset: QuerySet, limit: int | None = None) -> tuple[int, bool]:
    """How many rows match, counting at most ``limit`` + 1; and whether that is exact."""
    limit = COUNT_LIMIT if limit is None else limit
    counted = queryset.order_by().values("pk")[: limit + 1].count()
    return min(counted, limit), counted <= limit


def _with_bounded_total(queryset: QuerySet, limit: int) -> QuerySet:
    """``queryset`` with the bounded count of its rows on each row: one query, not two.

    The count is an uncorrelated subquery, which the database evaluates once.
    """
    counted = queryset.order_by().values("pk")[: limit + 1]
    try:
        sql, params = counted.query.sql_with_params()  # compiled by Django, values as params
    except EmptyResultSet:  # a filter that can match nothing, such as pk__in=[]
        return queryset.annotate(bounded_total=Value(0))
    total = f"SELECT COUNT(*) FROM ({sql}) AS bounded"  # noqa: S608
    return queryset.annotate(bounded_total=RawSQL(total, params))  # noqa: S611


def bounded_page(
    queryset: QuerySet,
    page: object,
    *,
    per_page: int = PAGE_SIZE,
    count_limit: int | None = None,
    branches: list[Q] | None = None,
) -> BoundedPage:
    """Page ``page`` (1-based, clamped) of ``queryset``, which must already be ordered.

    With ``branches``, the rows are those of ``queryset`` meeting any of the conditions:
    each branch is paged and counted on its own (so each can walk an index in list
    order and stop early) and the results are combined.
    """
    limit = COUNT_LIMIT if count_limit is None else count_limit
    fetch = _union_rows if branches is not None else _rows
    number = _page_number(page)
    rows = fetch(queryset, branches, number, per_page, limit)
    if not rows and number > 1:
        # Past the end (an old link, say): show the last page, as far as the count goes.
        count = _count(queryset, branches, limit)
        number = min(max(1, -(-count // per_page)), MAX_PAGE)
        rows = fetch(queryset, branches, number, per_page, limit) if count else []
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    counted = rows[0].bounded_total if rows else 0
    count, exact = min(counted, limit), counted <= limit
    # Rows added between the count and the page cannot make the page exceed the total.
    count = max(count, (number - 1) * per_page + len(rows)) if exact else count
    return BoundedPage(
        object_list=rows,
        number=number,
        per_page=per_page,
        has_next=has_next and number < MAX_PAGE,
        count=count,
        count_is_exact=exact,
        at_page_limit=has_next and number >= MAX_PAGE,
    )


def _rows(queryset: QuerySet, _branches, number: int, per_page: int, limit: int) -> list:
    """The page's rows and one more (to know whether another page follows)."""
    start = (number - 1) * per_page
    return list(_with_bounded_total(queryset, limit)[start : start + per_page + 1])


def first_rows(queryset: QuerySet, branches: list[Q], limit: int) -> list:
    """The first ``limit`` rows of ``queryset`` (already ordered) meeting any of ``branches``."""
    ids, params = _union(queryset, branches, ordered=True, limit=limit)
    if not ids:
        return []
    return list(queryset.filter(pk__in=RawSQL(ids, params))[:limit])  # noqa: S611


def _union(queryset: QuerySet, branches: list[Q], *, ordered: bool, limit: int):
    """SQL and parameters for the ids of the first ``limit`` rows of each branch, combined."""
    parts, params = [], []
    for condition in branches:
        branch = queryset.filter(condition)
        branch = branch if ordered else branch.order_by()
        try:
            sql, branch_params = branch.values("pk")[:limit].query.sql_with_params()
        except EmptyResultSet:
            continue
        # Each branch as a derived table: SQLite takes no parentheses around UNION's parts.
        parts.append(f"SELECT * FROM ({sql}) AS branch_{len(parts)}")  # noqa: S608
        params.extend(branch_params)
    return " UNION ".join(parts), params


def _union_rows(queryset: QuerySet, branches, number: int, per_page: int, limit: int) -> list:
    start = (number - 1) * per_page
    ids, id_params = _union(queryset, branches, ordered=True, limit=start + per_page + 1)
    counted, count_params = _union(queryset, branches, ordered=False, limit=limit + 1)
    if not ids:
        return []
    total = f"SELECT COUNT(*) FROM ({counted}) AS bounded"  # noqa: S608
    page = queryset.filter(pk__in=RawSQL(ids, id_params)).annotate(  # noqa: S611
        bounded_total=RawSQL(total, count_params)  # noqa: S611
    )
    return list(page[start : start + per_page + 1])


def _count(queryset: QuerySet, branches: list[Q] | None, limit: int) -> int:
    if branches is None:
        return bounded_count(queryset, limit)[0]
    counted, params = _union(queryset, branches, ordered=False, limit=limit + 1)
    if not counted:
        return 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({counted}) AS bounded", params)  # noqa: S608
        return min(cursor.fetchone()[0], limit)
