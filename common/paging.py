"""Paging long lists without counting millions of rows.

Django's Paginator counts every matching row to know the number of pages; over a
million cases that count costs more than the page itself. A ``BoundedPage``
fetches one row more than it shows (so it knows whether a next page exists) and
counts at most ``count_limit`` matches: the list says "more than 1,000 cases"
rather than the exact total, which nobody needs when the answer is to filter.

Pages reached by "Next" carry the position of the last row shown (``after``), so
the next page starts there through the index (keyset paging) instead of walking
every earlier row to skip it: page 40 costs what page 1 costs.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ValidationError
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
    # Where the next page starts, for its link; empty when the order has no keyset.
    next_after: str = ""

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


CURSOR_SEPARATOR = "~"


@dataclass(frozen=True)
class Keyset:
    """A list ordered by one non-null field, then by id descending, and a position in it."""

    field: str
    descending: bool

    @classmethod
    def of(cls, queryset: QuerySet) -> "Keyset | None":
        """The keyset of ``queryset``'s order, or None when it cannot have one (a nullable
        field, whose nulls each database sorts its own way, or any other order)."""
        order = list(queryset.query.order_by)
        if len(order) != 2 or order[1] != "-id" or not isinstance(order[0], str):
            return None
        name = order[0].lstrip("-")
        try:
            field = queryset.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if field.null or not field.concrete or field.is_relation:
            return None
        return cls(field=name, descending=order[0].startswith("-"))

    def cursor(self, row) -> str:
        value = self._field(row).value_to_string(row)
        return f"{value}{CURSOR_SEPARATOR}{row.pk}"

    def after(self, model, cursor: str) -> Q | None:
        """The condition for rows after ``cursor``, or None when it is not one of ours
        (or names a value or id no database column could hold)."""
        value, _, pk = (cursor or "").rpartition(CURSOR_SEPARATOR)
        try:
            parsed = model._meta.get_field(self.field).to_python(value)
            pk = int(pk)
            if isinstance(parsed, datetime):
                parsed.astimezone(UTC)  # a date at the edge of the calendar overflows here
        except (ValidationError, ValueError, OverflowError):
            return None
        if not value or parsed is None or "\x00" in value or not 0 < pk < 2**63:
            return None
        beyond = "lt" if self.descending else "gt"
        return Q(**{f"{self.field}__{beyond}": parsed}) | Q(**{self.field: parsed, "pk__lt": pk})

    def _field(self, row):
        return row._meta.get_field(self.field)


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
    after: str | None = None,
) -> BoundedPage:
    """Page ``page`` (1-based, clamped) of ``queryset``, which must already be ordered.

    With ``branches`` (conditions no row meets two of), the rows are those of
    ``queryset`` meeting any of them: each branch is paged and counted on its own (so
    each can walk an index in list order and stop early) and the results are combined;
    the count stops at the limit, so once the first branch reaches it the others are
    not counted at all. With ``after`` (the previous
    page's ``next_after``), the page starts after that row instead of at an offset; a
    cursor that is not one of ours is ignored and the page number used instead.
    """
    limit = COUNT_LIMIT if count_limit is None else count_limit
    fetch = _union_rows if branches is not None else _rows
    number = _page_number(page)
    keyset = Keyset.of(queryset)
    beyond = keyset.after(queryset.model, after) if keyset and after and number > 1 else None
    rows = fetch(queryset, branches, _Slice(number, per_page, beyond), limit)
    if not rows and number > 1:
        # Past the end (an old link, say): show the last page, as far as the count goes.
        count = _count(queryset, branches, limit)
        number = min(max(1, -(-count // per_page)), MAX_PAGE)
        rows = fetch(queryset, branches, _Slice(number, per_page), limit) if count else []
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
        next_after=keyset.cursor(rows[-1]) if keyset and has_next else "",
    )


@dataclass(frozen=True)
class _Slice:
    """Which rows a page holds: those after ``beyond`` when given, else from an offset."""

    number: int
    per_page: int
    beyond: Q | None = None

    @property
    def start(self) -> int:
        return 0 if self.beyond is not None else (self.number - 1) * self.per_page

    @property
    def stop(self) -> int:
        """One row more than the page, to know whether another page follows."""
        return self.start + self.per_page + 1

    def narrow(self, queryset: QuerySet) -> QuerySet:
        return queryset if self.beyond is None else queryset.filter(self.beyond)


def _rows(queryset: QuerySet, _branches, part: _Slice, limit: int) -> list:
    return list(part.narrow(_with_bounded_total(queryset, limit))[part.start : part.stop])


def first_rows(queryset: QuerySet, branches: list[Q], limit: int) -> list:
    """The first ``limit`` rows of ``queryset`` (already ordered) meeting any of ``branches``."""
    ids, params = _union(_ids_of(queryset, branches), ordered=True, limit=limit)
    if not ids:
        return []
    return list(queryset.filter(pk__in=RawSQL(ids, params))[:limit])  # noqa: S611


def _ids_of(queryset: QuerySet, branches: list[Q]) -> list[QuerySet]:
    """Each branch's ids, built once for both the page and the count."""
    ids = queryset.values("pk")
    return [ids.filter(condition) for condition in branches]


def _union(branches: list[QuerySet], *, ordered: bool, limit: int, disjoint: bool = False):
    """SQL and parameters for the ids of the first ``limit`` rows of each branch, combined
    (without looking for duplicates when the branches are ``disjoint``)."""
    parts, params = [], []
    for branch in branches:
        branch = branch if ordered else branch.order_by()
        try:
            sql, branch_params = branch[:limit].query.sql_with_params()
        except EmptyResultSet:
            continue
        # Each branch as a derived table: SQLite takes no parentheses around UNION's parts.
        parts.append(f"SELECT * FROM ({sql}) AS branch_{len(parts)}")  # noqa: S608
        params.extend(branch_params)
    return (" UNION ALL " if disjoint else " UNION ").join(parts), params


def _union_rows(queryset: QuerySet, branches: list[Q], part: _Slice, limit: int) -> list:
    each = _ids_of(queryset, branches)
    ids, id_params = _union(
        [part.narrow(ids) for ids in each], ordered=True, limit=part.stop, disjoint=True
    )
    if not ids:
        return []
    page = queryset.filter(pk__in=RawSQL(ids, id_params))  # noqa: S611
    if part.beyond is None and limit < part.stop:
        return _counted_by_page(list(page[part.start : part.stop]), part.start, limit)
    total, count_params = _bounded_total(each, limit)
    page = page.annotate(bounded_total=RawSQL(total, count_params))  # noqa: S611
    return list(page[part.start : part.stop])


def _counted_by_page(rows: list, start: int, limit: int) -> list:
    """When the count stops no further than the page does (a search for a common term),
    the page's own rows say all the count would: no second walk to count them."""
    for row in rows:
        row.bounded_total = min(start + len(rows), limit + 1)
    return rows


def _bounded_total(branches: list[QuerySet], limit: int) -> tuple[str, list]:
    """SQL counting the rows of disjoint ``branches`` up to ``limit`` + 1: the database
    reads the branches in turn and stops at the limit, leaving the rest unread."""
    counted, params = _union(branches, ordered=False, limit=limit + 1, disjoint=True)
    if not counted:
        return "SELECT 0", []
    return f"SELECT COUNT(*) FROM ({counted} LIMIT {limit + 1:d}) AS bounded", params  # noqa: S608


def _count(queryset: QuerySet, branches: list[Q] | None, limit: int) -> int:
    if branches is None:
        return bounded_count(queryset, limit)[0]
    total, params = _bounded_total(_ids_of(queryset, branches), limit)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(total, params)
        return min(cursor.fetchone()[0], limit)
