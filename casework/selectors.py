"""Reads of the casebook, each built on the access policy."""

import operator
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.lookups import IsNull
from django.utils import timezone

from common.names import STRAIGHT_APOSTROPHES
from common.paging import PAGE_SIZE, BoundedPage, bounded_page, first_rows
from partners.models import Agency, Role
from partners.rules import WORKING_ROLES, can_work_cases, membership_of

from . import access, reviews
from .asb import QUESTIONS
from .models import (
    Action,
    AsbRiskAssessment,
    BreakGlassRequest,
    Case,
    CaseParticipant,
    CaseReferral,
    CaseShare,
    CaseStatus,
    Person,
    TimelineEntry,
    VulnerabilityFlag,
)
from .types import case_kinds


@dataclass(frozen=True)
class CaseFilters:
    case_type: str = ""
    status: str = ""
    risk_level: str = ""
    ward: str = ""
    lead_agency: int | None = None
    lead_officer: int | None = None
    reported_from: date | None = None
    reported_to: date | None = None
    text: str = ""


SORTABLE = {
    "reported": "reported_at",
    "-reported": "-reported_at",
    "reference": "reference",
    "-reference": "-reference",
    "risk": "risk_level",
    "-risk": "-risk_level",
    "status": "status",
    "-status": "-status",
    "review": "next_review_on",
    "-review": "-next_review_on",
}


# A search term matching at most this many cases (or people) is resolved to their ids
# through the trigram indexes; a commoner term is matched row by row while walking
# the list in its order, where matches are dense enough to fill a page at once.
# Listing costs grow with the matches and walking shrinks with them; they cross near here
# at a million cases.
SEARCH_CANDIDATES = 5000
# Search results are counted up to this many ("more than 100 cases match"); a common
# term, matched row by row, only up to what the page itself walks past.
SEARCH_COUNT_LIMIT = 100


def _name_terms(text: str, prefix: str = "person__") -> Q:
    """Every word of ``text`` in the person's given or family name."""
    condition = Q()
    for term in text.split():
        condition &= Q(**{f"{prefix}given_name__icontains": term}) | Q(
            **{f"{prefix}family_name__icontains": term}
        )
    return condition


def _direct_match(text: str) -> Q:
    return Q(reference__icontains=text) | Q(address__icontains=text)


def _matching_case_ids(text: str) -> set[int] | None:
    """Ids of every case matching ``text``, or None when there are too many to list."""
    direct = list(
        Case.objects.filter(_direct_match(text)).values_list("pk", flat=True)[
            : SEARCH_CANDIDATES + 1
        ]
    )
    if len(direct) > SEARCH_CANDIDATES:
        return None
    people = list(
        Person.objects.filter(_name_terms(text, prefix=""))
        .order_by()
        .values_list("pk", flat=True)[: SEARCH_CANDIDATES + 1]
    )
    if len(people) > SEARCH_CANDIDATES:
        return None
    by_person = (
        CaseParticipant.objects.filter(person_id__in=_id_set(people))
        .order_by()
        .values_list("case_id", flat=True)
    )
    return {*direct, *(by_person if people else [])}


def _text_match(text: str) -> Q:
    """Reference, address or a person's name, tested case by case.

    The name test is a scalar subquery rather than EXISTS: PostgreSQL may answer an
    EXISTS by first listing every matching participant (tens of thousands for a
    common surname), where a list page needs only the few cases it walks past.
    """
    first_match = CaseParticipant.objects.filter(_name_terms(text), case=OuterRef("pk")).order_by()
    by_person = IsNull(Subquery(first_match.values("pk")[:1]), False)
    return _direct_match(text) | Q(by_person)


def _search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    text = text.strip()
    matching = _matching_case_ids(text)
    if matching is None:
        return cases.filter(_text_match(text)).annotate(common_term=Value(True))
    if not matching:
        return cases.none()
    return cases.filter(pk__in=_id_set(sorted(matching)))


def _id_set(ids: list[int]):
    """Thousands of ids as one array parameter on PostgreSQL (not thousands of literals
    for Django to compile and PostgreSQL to parse and plan); a plain list elsewhere."""
    if connection.vendor != "postgresql":
        return ids
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])  # noqa: S611


def _start_of(day: date | None, days_after: int = 0) -> datetime | None:
    """Local midnight at the start of ``day`` (plus ``days_after`` days)."""
    if day is None:
        return None
    # Dates beyond any case (9999-12-31, say) stop at the last one Python can add a day to.
    day = min(day, date.max - timedelta(days=days_after + 1))
    return timezone.make_aware(datetime.combine(day + timedelta(days=days_after), time.min))


def _filtered(cases: QuerySet[Case], filters: CaseFilters, sort: str) -> QuerySet[Case]:
    exact = {
        "case_type": filters.case_type,
        "status": filters.status,
        "risk_level": filters.risk_level,
        "ward__iexact": filters.ward,
        "lead_agency_id": filters.lead_agency,
        "lead_officer_id": filters.lead_officer,
        # Bounds on the timestamp itself, so the (-reported_at) index serves them.
        "reported_at__gte": _start_of(filters.reported_from),
        "reported_at__lt": _start_of(filters.reported_to, days_after=1),
    }
    cases = cases.filter(**{field: value for field, value in exact.items() if value})
    if filters.text.strip():
        cases = _search(cases, filters.text)
    return cases.order_by(SORTABLE.get(sort, "-reported_at"), "-id")


def case_list(
    user, filters: CaseFilters = CaseFilters(), sort: str = "-reported"
) -> QuerySet[Case]:
    """Cases ``user`` may see, filtered and sorted, ready for a list page."""
    cases = access.visible_cases(user).select_related("lead_agency", "lead_officer")
    return _filtered(cases, filters, sort)


def case_list_page(
    user,
    filters: CaseFilters = CaseFilters(),
    sort: str = "-reported",
    page: object = 1,
    *,
    per_page: int = PAGE_SIZE,
    after: str | None = None,
) -> BoundedPage:
    """One page of ``case_list`` with a bounded count, fetched branch by branch of the
    access policy so that it costs the same at a million cases as at a hundred; ``after``
    is the previous page's ``next_after``."""
    cases = _filtered(Case.objects.select_related("lead_agency", "lead_officer"), filters, sort)
    return bounded_page(
        cases,
        page,
        per_page=per_page,
        branches=access.visibility_partition(user),
        count_limit=_count_limit(cases, filters, per_page),
        after=after,
    )


def _count_limit(cases: QuerySet[Case], filters: CaseFilters, per_page: int) -> int | None:
    if not filters.text.strip():
        return None
    if "common_term" in cases.query.annotations:
        return per_page
    return SEARCH_COUNT_LIMIT


def case_detail(user, reference: str) -> Case:
    """The case with everything its detail page shows; 404 when out of reach."""
    queryset = Case.objects.select_related(
        "lead_agency",
        "lead_officer",
        "created_by",
        *(path for kind in case_kinds() for path in kind.relations()),
    ).prefetch_related(
        Prefetch(
            "participants",
            queryset=CaseParticipant.objects.select_related("person").order_by("role"),
        ),
        Prefetch(
            "shares",
            queryset=CaseShare.objects.select_related(
                "agency", "agreement", "shared_by", "revoked_by"
            ).order_by("shared_at"),
        ),
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("assigned_agency", "assigned_to").order_by(
                "completed_at", "due_on"
            ),
        ),
    )
    return access.case_for_viewing(user, reference, queryset)


@dataclass(frozen=True)
class Timeline:
    entries: list[TimelineEntry]
    withheld_count: int


def timeline_for(user, case: Case) -> Timeline:
    """Entries ``user`` may read, newest first, and how many were withheld from them."""
    entries = (
        TimelineEntry.objects.filter(case=case)
        .select_related("author", "author_agency", "amends")
        .order_by("-created_at", "-id")
    )
    allowed = access.readable_entries(user, case)
    visible = list(entries.filter(allowed))
    withheld = entries.exclude(allowed).count()
    return Timeline(entries=visible, withheld_count=withheld)


def readable_sections(user, case: Case) -> set[str]:
    return access.readable_sections(user, case)


@dataclass(frozen=True)
class AnswerChange:
    question: str
    before: bool | None  # None: not asked before (a question added since)
    after: bool | None


@dataclass(frozen=True)
class RiskAssessmentRow:
    assessment: AsbRiskAssessment
    previous: AsbRiskAssessment | None
    changes: list[AnswerChange]  # answers that differ from the assessment before


def risk_history(case: Case) -> list[RiskAssessmentRow]:
    """The case's ASB victim risk assessments, newest first, each with what changed
    since the one before (score, level and the answers that differ)."""
    assessments = list(
        AsbRiskAssessment.objects.filter(case=case)
        .select_related("assessed_by")
        .order_by("assessed_at", "id")
    )
    rows = []
    previous = None
    for assessment in assessments:
        rows.append(RiskAssessmentRow(assessment, previous, _answer_changes(previous, assessment)))
        previous = assessment
    return rows[::-1]


def _answer_changes(previous, current) -> list[AnswerChange]:
    if previous is None:
        return []
    return [
        AnswerChange(
            question.text, previous.answers.get(question.key), current.answers.get(question.key)
        )
        for question in QUESTIONS
        if previous.answers.get(question.key) != current.answers.get(question.key)
    ]


def person_cases(user, person: Person) -> QuerySet[Case]:
    """The person's cases within ``user``'s reach, so repeats show without leaking others."""
    return (
        access.visible_cases(user)
        .filter(participants__person=person)
        .annotate(parts=Count("participants", filter=Q(participants__person=person)))
        .select_related("lead_agency")
        .distinct()
        .order_by("-reported_at")
    )


def visible_people(user, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People who appear in at least one case ``user`` may see."""
    queryset = Person.objects.all() if queryset is None else queryset
    visible = access.visible_cases(user).filter(participants__person_id=OuterRef("pk"))
    return queryset.filter(Exists(visible))


def person_for_viewing(user, pk: int) -> Person:
    """A person is visible when they appear in at least one case ``user`` may see."""
    from django.http import Http404

    try:
        return visible_people(user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404("No person found.") from None


def can_record_vulnerabilities(user, person: Person) -> bool:
    """Working staff who may add to at least one of the person's cases keep their flags."""
    if not can_work_cases(user):
        return False
    cases = access.visible_cases(user).filter(participants__person=person).distinct()
    return any(access.can_contribute(user, case) for case in cases)


def vulnerability_flags_of(person: Person) -> list[VulnerabilityFlag]:
    """The person's flags, those still standing first, each newest first."""
    flags = person.vulnerability_flags.select_related("recorded_by", "ended_by")
    return sorted(flags, key=lambda flag: not flag.is_open)


def vulnerability_flags_to_review(user, today: date | None = None) -> QuerySet[VulnerabilityFlag]:
    """Flags still standing whose review date has passed, on people ``user`` may see."""
    return (
        VulnerabilityFlag.objects.filter(
            ended_on__isnull=True,
            review_by__lt=today or timezone.localdate(),
            person__in=visible_people(user),
        )
        .select_related("person")
        .order_by("review_by", "id")
    )


def person_parts(person: Person, cases: QuerySet[Case]) -> list[CaseParticipant]:
    return list(
        CaseParticipant.objects.filter(person=person, case__in=cases.values("pk"))
        .select_related("case")
        .order_by("-case__reported_at")
    )


HOME_LIST_LENGTH = 20


def _first_visible(user, cases: QuerySet[Case], limit: int) -> list[Case]:
    """The first ``limit`` of ``cases`` (ordered) that ``user`` may see, branch by branch."""
    cases = cases.select_related("lead_agency", "lead_officer")
    return first_rows(cases, access.visibility_branches(user), limit)


def missing_grades_to_review(user, limit: int = HOME_LIST_LENGTH) -> list[Case]:
    """People still missing, graded high, whose grade is overdue a review, that ``user``
    may see (``casework.reviews``)."""
    return _first_visible(user, reviews.missing_grades_unreviewed(), limit)


def my_open_cases(user, limit: int = HOME_LIST_LENGTH) -> list[Case]:
    cases = Case.objects.filter(lead_officer=user).exclude(status=CaseStatus.CLOSED)
    return _first_visible(user, cases.order_by("-reported_at", "-id"), limit)


def actions_due_for(user, on: date | None = None) -> QuerySet[Action]:
    """Open actions assigned to ``user`` on cases they can see, due by ``on`` (today)."""
    on = on or timezone.localdate()
    return (
        Action.objects.filter(
            assigned_to=user,
            completed_at__isnull=True,
            due_on__lte=on,
            case__in=access.visible_cases(user).values("pk"),
        )
        .select_related("case", "assigned_agency")
        .order_by("due_on")
    )


def triage_queue(user, limit: int = HOME_LIST_LENGTH) -> list[Case]:
    cases = Case.objects.filter(status=CaseStatus.NEW).order_by("reported_at", "id")
    return _first_visible(user, cases, limit)


def cases_needing_review(user, on: date | None = None, limit: int = HOME_LIST_LENGTH) -> list[Case]:
    on = on or timezone.localdate()
    cases = (
        Case.objects.filter(next_review_on__lt=on)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("next_review_on", "id")
    )
    return _first_visible(user, cases, limit)


def counts_by_type_and_risk(user) -> list[dict]:
    """Open cases ``user`` may see, counted by type and risk level.

    Exact, because open cases are a small share of the casebook: counted part by part of
    the access policy (the parts do not overlap), each from the index of open cases.
    """
    open_cases = Case.objects.exclude(status=CaseStatus.CLOSED)
    totals: Counter = Counter()
    for condition in access.visibility_partition(user):
        grouped = (
            open_cases.filter(condition)
            .values_list("case_type", "risk_level")
            .annotate(total=Count("id"))
            .order_by()
        )
        for case_type, risk_level, total in grouped:
            totals[case_type, risk_level] += total
    return [
        {"case_type": case_type, "risk_level": risk_level, "total": total}
        for (case_type, risk_level), total in sorted(totals.items())
    ]


# --- Reads for the web pages ---------------------------------------------------------------


def case_agencies(case: Case) -> list:
    """The lead agency and every agency with an active share: who may take an action."""
    from partners.models import Agency

    shared = CaseShare.objects.filter(CaseShare.granting(), case=case).values("agency_id")
    return list(Agency.objects.filter(Q(pk=case.lead_agency_id) | Q(pk__in=shared)))


def shares_lapsing(user, today: date | None = None) -> QuerySet[CaseShare]:
    """For a manager: active shares made under an agreement that ends within
    ``ICST_SHARE_LAPSE_WARNING_DAYS`` or has ended, on cases their agency leads or
    receives, that they may see. Soonest first."""
    from django.conf import settings

    if not access.role_in(user, {Role.MANAGER}):
        return CaseShare.objects.none()
    today = today or timezone.localdate()
    agency_id = membership_of(user).agency_id
    horizon = today + timedelta(days=settings.ICST_SHARE_LAPSE_WARNING_DAYS)
    return (
        CaseShare.objects.filter(
            Q(case__lead_agency_id=agency_id) | Q(agency_id=agency_id),
            revoked_at__isnull=True,
            lapses_on__lte=horizon,
            case__in=access.visible_cases(user).values("pk"),
        )
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case", "agency", "agreement")
        .order_by("lapses_on", "id")
    )


def share_candidates(case: Case) -> QuerySet:
    """Active agencies the case could still be shared with."""
    from partners.models import Agency

    shared = CaseShare.objects.filter(case=case, revoked_at__isnull=True).values("agency_id")
    return (
        Agency.objects.filter(is_active=True).exclude(pk=case.lead_agency_id).exclude(pk__in=shared)
    )


def named_access(case: Case) -> list:
    """People granted access to ``case`` by name (the restricted-case grants)."""
    from .models import CaseUserObjectPermission

    grants = CaseUserObjectPermission.objects.filter(
        content_object=case, permission__codename=access.RESTRICTED_PERMISSION
    ).select_related("user__membership__agency")
    return [grant.user for grant in grants]


@dataclass(frozen=True)
class FilterChoices:
    """Options for the list's lead agency and lead officer filters, and what validates them."""

    agencies: QuerySet
    officers: QuerySet
    agency_options: list[tuple[int, str]]
    officer_options: list[tuple[int, str]]


# Staff and agencies change rarely; their options are kept this long between reads.
FILTER_CHOICES_SECONDS = 300


def working_staff(agencies) -> QuerySet:
    """Active officers, safeguarding leads and managers of ``agencies``, by name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, membership__agency__in=agencies, membership__role__in=WORKING_ROLES
        )
        .select_related("membership__agency")
        .order_by("last_name", "first_name")
    )


def filter_choices(user) -> FilterChoices:
    """Every active agency, and the working staff of the user's own agency.

    Both are cheap to find (where the lead officers of every case the user can see
    would mean scanning those cases) and are cached briefly, so a list page does
    not query them each time.
    """
    from django.core.cache import cache

    from partners.models import Agency

    agency_id = getattr(membership_of(user), "agency_id", None)
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    officers = working_staff([agency_id])

    def options() -> tuple[list, list]:
        return (
            [(agency.pk, agency.name) for agency in agencies],
            [
                (officer.pk, f"{officer.get_full_name() or officer.username} "
                 f"({officer.membership.agency.name})")
                for officer in officers
            ],
        )  # fmt: skip

    agency_options, officer_options = cache.get_or_set(
        f"casework:filter-choices:{agency_id}", options, FILTER_CHOICES_SECONDS
    )
    return FilterChoices(agencies, officers, agency_options, officer_options)


def people_like(user, *, given_name: str, family_name: str, date_of_birth=None) -> list[Person]:
    """Likely matches for a person being added, among people ``user`` may already see.

    Same family name and a first name starting alike, or the same date of birth, so
    an officer can pick the existing record instead of entering someone twice.
    """
    visible = access.visible_cases(user).filter(participants__person_id=OuterRef("pk"))
    similar = Q(family_name__iexact=family_name.strip()) & (
        Q(given_name__istartswith=given_name.strip()[:2])
        | (Q(date_of_birth=date_of_birth) if date_of_birth else Q(pk__in=[]))
    )
    return list(Person.objects.filter(similar).filter(Exists(visible)).order_by("given_name")[:10])


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryItem:
    at: object
    who: str
    what: str
    changes: list[Change]


HIDDEN_HISTORY_FIELDS = {"version", "updated_at", "created_at", "id", "case"}


def _shown(record, field_name: str, value) -> str:
    from django.contrib.auth import get_user_model

    if value in (None, ""):
        return "(blank)"
    field = record.instance_type._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        model = field.related_model
        if model is get_user_model():
            person = model.objects.filter(pk=value).first()
            return (person.get_full_name() or person.username) if person else "(removed)"
        target = model.objects.filter(pk=value).first()
        return str(target) if target else "(removed)"
    if isinstance(value, list):
        choices = getattr(record.instance_type, "LIST_CHOICES", {}).get(field_name)
        labels = dict(choices.choices) if choices else {}
        return ", ".join(str(labels.get(item, item)) for item in value) or "(none)"
    return str(value)


def _history_items(records, what: str, fields: tuple[str, ...] | None = None) -> list[HistoryItem]:
    items = []
    records = list(records)
    for newer, older in zip(records, [*records[1:], None], strict=True):
        who = newer.history_user.get_full_name() if newer.history_user else "System"
        if older is None:
            items.append(HistoryItem(newer.history_date, who, f"{what} created", []))
            continue
        delta = newer.diff_against(older)
        changes = [
            Change(
                newer.instance_type._meta.get_field(c.field).verbose_name.capitalize(),
                _shown(newer, c.field, c.old),
                _shown(newer, c.field, c.new),
            )
            for c in delta.changes
            if c.field not in HIDDEN_HISTORY_FIELDS and (fields is None or c.field in fields)
        ]
        if changes:
            items.append(HistoryItem(newer.history_date, who, f"{what} changed", changes))
    return items


def case_history(user, case: Case) -> list[HistoryItem]:
    """Field changes to the case and the type-specific sections ``user`` may read, newest first."""
    items = _history_items(
        case.history.select_related("history_user").order_by("-history_date", "-history_id"), "Case"
    )
    readable = access.readable_sections(user, case)
    for kind in case_kinds():
        fields = kind.readable_fields(readable)
        detail = getattr(case, kind.section, None) if fields else None
        if detail is None:
            continue
        records = detail.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )
        items += _history_items(records, kind.history_label, fields)
    items += _event_items(case)
    return sorted(items, key=lambda item: item.at, reverse=True)


# Field changes already show these; the rest (shares, notes added, grants...) are events.
EVENTS_SHOWN_AS_CHANGES = {
    "opened",
    "updated",
    "detail_updated",
    "graded",
    "reassigned",
    "transitioned",
    "restricted",
}


def _event_items(case: Case) -> list[HistoryItem]:
    from .models import CaseEvent

    events = (
        CaseEvent.objects.filter(case=case)
        .exclude(kind__in=EVENTS_SHOWN_AS_CHANGES)
        .select_related("actor")
    )
    items = []
    for event in events:
        who = (event.actor.get_full_name() or event.actor.username) if event.actor else "System"
        what = event.get_kind_display()
        agency = event.data.get("agency") or event.data.get("to_agency")
        if agency:
            what += f": {agency}"
        items.append(HistoryItem(event.at, who, what, []))
    return items


def stale_changes(current: Case, expected_version: int) -> list[Change]:
    """What changed on ``current`` since the version the user was editing."""
    old = current.history.filter(version=expected_version).order_by("-history_date").first()
    now = current.history.order_by("-history_date", "-history_id").first()
    if old is None or now is None:
        return []
    return [
        Change(
            now.instance_type._meta.get_field(c.field).verbose_name.capitalize(),
            _shown(now, c.field, c.old),
            _shown(now, c.field, c.new),
        )
        for c in now.diff_against(old).changes
        if c.field not in HIDDEN_HISTORY_FIELDS
    ]


def case_to_request(reference: str) -> Case | None:
    """The case a break-glass request names, whoever may see it: asking reveals only that
    it exists (and, once asked, which agencies hold it)."""
    return (
        Case.objects.select_related("lead_agency")
        .filter(reference=reference.strip().upper())
        .first()
    )


def access_requests_for(user) -> QuerySet[BreakGlassRequest]:
    """Break-glass requests ``user`` made, and those they decide: requests for the cases
    their agency leads, when they are its manager."""
    mine = Q(requester=user) | Q(pk__in=access_requests_to_decide(user).values("pk"))
    return (
        BreakGlassRequest.objects.filter(mine)
        .select_related("case__lead_agency", "requester", "decided_by")
        .order_by("-requested_at", "-id")
    )


def access_requests_to_decide(user) -> QuerySet[BreakGlassRequest]:
    """Requests for the cases ``user``'s agency leads, when they are its manager (the one
    who decides them: ``access.can_decide_break_glass``); none for anyone else."""
    if not access.can_decide_access_requests(user):
        return BreakGlassRequest.objects.none()
    return BreakGlassRequest.objects.filter(case__lead_agency_id=membership_of(user).agency_id)


# --- Cases like one being logged ------------------------------------------------------------

SIMILAR_LIMIT = 8
SIMILAR_RECENT_DAYS = 28
SIMILAR_NAME_PAIRS = 10
_WORD = re.compile(r"[^\W\d_][\w'\u2018\u2019\-]*")


@dataclass(frozen=True)
class PersonNamed:
    given_name: str
    family_name: str
    date_of_birth: date | None = None


@dataclass(frozen=True)
class SimilarCase:
    case: Case
    reasons: list[str]
    can_add: bool  # ``access.can_contribute``: the user may add notes and people to it


def names_in(text: str, limit: int = SIMILAR_NAME_PAIRS) -> list[PersonNamed]:
    """Pairs of capitalised words next to each other in ``text``: the people it may name
    ("Mrs Amina Khan" gives Mrs Amina and Amina Khan), at most ``limit`` of them."""
    words = list(_WORD.finditer(text.translate(STRAIGHT_APOSTROPHES)))
    pairs: list[PersonNamed] = []
    for first, second in zip(words, words[1:], strict=False):
        adjacent = not text[first.end() : second.start()].strip()
        if adjacent and first.group()[0].isupper() and second.group()[0].isupper():
            pair = PersonNamed(first.group(), second.group())
            if pair not in pairs:
                pairs.append(pair)
    return pairs[:limit]


def similar_cases(
    user,
    *,
    people: list[PersonNamed] = (),
    address: str = "",
    ward: str = "",
    reported_at: datetime | None = None,
    exclude: Case | None = None,
) -> list[SimilarCase]:
    """Open cases ``user`` may see that look like the one being logged or triaged: one of
    the same ``people``, the same address, or reported in the weeks before in the same ward
    or nearby. Most reasons first, then the most recent. Only ``access.visible_cases`` is
    searched, so nothing hidden from the user is hinted at."""
    candidates = access.visible_cases(user).exclude(status=CaseStatus.CLOSED)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    reasons: dict[int, list[str]] = {}
    for label, condition in _similarity_conditions(people, address, ward, reported_at):
        for case_id in candidates.filter(condition).values_list("pk", flat=True)[:20]:
            reasons.setdefault(case_id, []).append(label)
    if not reasons:
        return []
    cases = Case.objects.select_related("lead_agency").in_bulk(list(reasons)[: SIMILAR_LIMIT * 2])
    ranked = sorted(cases.values(), key=lambda c: (-len(reasons[c.pk]), -c.reported_at.timestamp()))
    found = []
    for case in ranked[:SIMILAR_LIMIT]:
        case._visible_to_user_id = user.pk  # found through visible_cases
        found.append(SimilarCase(case, reasons[case.pk], access.can_contribute(user, case)))
    return found


def _similarity_conditions(
    people: list[PersonNamed], address: str, ward: str, reported_at: datetime | None
) -> list[tuple[str, Q]]:
    conditions = []
    if people:
        in_case = CaseParticipant.objects.filter(_any_of(_person_named(n) for n in people))
        conditions.append(("Same person", Exists(in_case.filter(case=OuterRef("pk")))))
    address, ward = address.strip(), ward.strip()
    if len(address) >= 5:
        conditions.append(("Same address", Q(address__icontains=address)))
    nearby = [Q(ward__iexact=ward)] if ward else []
    if address:
        nearby.append(Q(address__icontains=address[:20]))
    if nearby:
        until = reported_at or timezone.now()
        recent = Q(reported_at__gte=until - timedelta(days=SIMILAR_RECENT_DAYS))
        recent &= Q(reported_at__lte=until)
        label = "Same ward or nearby" if ward else "Nearby"
        label = f"{label}, reported in the {SIMILAR_RECENT_DAYS} days before"
        conditions.append((label, recent & _any_of(nearby)))
    return conditions


def _person_named(named: PersonNamed) -> Q:
    person = Q(
        person__given_name__iexact=named.given_name.strip(),
        person__family_name__iexact=named.family_name.strip(),
    )
    if named.date_of_birth:
        person &= Q(person__date_of_birth=named.date_of_birth)
    return person


def _any_of(conditions) -> Q:
    return reduce(operator.or_, conditions)


# --- Referrals -------------------------------------------------------------------------


def _referrals_seen_by(user) -> QuerySet[CaseReferral]:
    return CaseReferral.objects.filter(
        status=CaseReferral.Status.PENDING,
        case__in=access.visible_cases(user).values("pk"),
    ).select_related("case", "from_agency", "to_agency", "proposed_by")


def referrals_awaiting_answer(user) -> QuerySet[CaseReferral]:
    """Referrals to the user's agency still to be answered, the most overdue first."""
    membership = membership_of(user)
    if membership is None or not can_work_cases(user):
        return CaseReferral.objects.none()
    return (
        _referrals_seen_by(user)
        .filter(to_agency_id=membership.agency_id)
        .order_by("answer_due_at", "id")
    )


def referrals_sent_waiting(user) -> QuerySet[CaseReferral]:
    """Referrals the user's agency made that the receiving agency has not answered."""
    membership = membership_of(user)
    if membership is None:
        return CaseReferral.objects.none()
    return (
        _referrals_seen_by(user)
        .filter(from_agency_id=membership.agency_id)
        .order_by("answer_due_at", "id")
    )


@dataclass(frozen=True)
class ReferralCounts:
    awaiting: int = 0
    awaiting_overdue: int = 0
    sent_overdue: int = 0

    def __bool__(self) -> bool:
        return bool(self.awaiting or self.sent_overdue)


def referral_counts(user) -> ReferralCounts:
    """For the home page: referrals waiting on the user's agency, and its own unanswered
    past their deadline."""
    now = timezone.now()
    awaiting = referrals_awaiting_answer(user).aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(answer_due_at__lt=now))
    )
    return ReferralCounts(
        awaiting=awaiting["total"],
        awaiting_overdue=awaiting["overdue"],
        sent_overdue=referrals_sent_waiting(user).filter(answer_due_at__lt=now).count(),
    )


def referral_candidates(case: Case) -> QuerySet[Agency]:
    """Active agencies a case could be handed to: any but its lead."""
    return Agency.objects.filter(is_active=True).exclude(pk=case.lead_agency_id).order_by("name")


def case_referrals(case: Case) -> list[CaseReferral]:
    """Every referral of a case the reader may already see, newest first."""
    return list(
        case.referrals.select_related("from_agency", "to_agency", "proposed_by", "answered_by")
    )
