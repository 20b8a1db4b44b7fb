"""Retention: how long closed cases are kept, the review queue, retain and dispose.

Police-owned information is kept at least six years (Management of Police
Information); other agencies' periods come from settings. Disposal removes the
personal data and its history and keeps an anonymised stub and the decision.

Other apps' rows about a case go with it (their foreign keys cascade). What the
database cannot remove, such as an uploaded file, an app erases with a function
given to ``register_eraser`` from its ``AppConfig.ready()``; each is called with
the case, inside the disposal's transaction, before the case is deleted.
"""

from collections.abc import Callable
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from . import access
from .models import (
    Action,
    BreakGlassRequest,
    Case,
    CaseParticipant,
    CaseReferral,
    CaseShare,
    CaseStatus,
    DisposedCaseStub,
    Person,
    RetentionDecision,
    VulnerabilityFlag,
)
from .types import CaseKind, case_kinds, kind_of

_erasers: list[Callable[[Case], None]] = []


def register_eraser(eraser: Callable[[Case], None]) -> None:
    if eraser not in _erasers:
        _erasers.append(eraser)


POLICE_MINIMUM_YEARS = 6


def retention_years(case: Case) -> int:
    """Years a closed case is kept before review; never under six for police-led cases."""
    years = _years_for(kind_of(case.case_type))
    if case.lead_agency.kind.code == "police":
        years = max(years, POLICE_MINIMUM_YEARS)
    return years


def review_due_on(case: Case) -> date | None:
    if case.status != CaseStatus.CLOSED or case.closed_at is None:
        return None
    due = timezone.localtime(case.closed_at).date() + relativedelta(years=retention_years(case))
    retained = case.retention_decisions.filter(outcome=RetentionDecision.Outcome.RETAIN).first()
    if retained and retained.retain_until and retained.retain_until > due:
        return retained.retain_until
    return due


def review_queue(user, today: date | None = None) -> list[Case]:
    """Closed cases whose retention review is due, of those ``access.retention_reviewable``
    gives ``user`` (empty, and asking the database nothing, for those who review none)."""
    today = today or timezone.localdate()
    reviewable = access.retention_reviewable(user)
    retained = RetentionDecision.objects.filter(
        case=OuterRef("pk"), outcome=RetentionDecision.Outcome.RETAIN, retain_until__gt=today
    )
    # The earliest any rule could make a case due; the exact date is checked per case.
    earliest = today - relativedelta(years=min([POLICE_MINIMUM_YEARS, *_configured_years()]))
    candidates: QuerySet[Case] = (
        reviewable.filter(status=CaseStatus.CLOSED, closed_at__date__lte=earliest)
        .exclude(Exists(retained))
        .select_related("lead_agency__kind")
        .order_by("closed_at")
    )
    return [case for case in candidates[:500] if review_due_on(case) <= today]


def _years_for(kind: CaseKind) -> int:
    default = kind.retention_years or settings.RETENTION_DEFAULT_YEARS
    return settings.RETENTION_YEARS.get(kind.value, default)


def _configured_years() -> list[int]:
    return [_years_for(kind) for kind in case_kinds()]


@transaction.atomic
def case_retain(*, actor, case: Case, reason: str, until: date) -> RetentionDecision:
    """Keep a closed case to a new review date, with the reason (MoPI: every retention recorded)."""
    if not access.may_decide_retention(actor, case):
        raise PermissionDenied("Only the lead agency's manager decides retention.")
    if not reason.strip():
        raise ValidationError({"reason": "Record why the case is kept."})
    if until <= timezone.localdate():
        raise ValidationError({"until": "The new review date must be in the future."})
    return RetentionDecision.objects.create(
        case=case,
        case_reference=case.reference,
        outcome=RetentionDecision.Outcome.RETAIN,
        reason=reason,
        retain_until=until,
        decided_by=actor,
    )


@transaction.atomic
def case_dispose(*, actor, case: Case, reason: str) -> DisposedCaseStub:
    """Remove the case's personal data and history; keep an anonymised stub and the decision."""
    if not access.may_decide_retention(actor, case):
        raise PermissionDenied("Only the lead agency's manager decides retention.")
    if not reason.strip():
        raise ValidationError({"reason": "Record why the case is disposed of."})
    due = review_due_on(case)
    if due is None or due > timezone.localdate():
        raise ValidationError("This case is not yet due for a retention review.")
    decision = RetentionDecision.objects.create(
        case=case,
        case_reference=case.reference,
        outcome=RetentionDecision.Outcome.DISPOSE,
        reason=reason,
        decided_by=actor,
    )
    stub = DisposedCaseStub.objects.create(
        reference=case.reference,
        case_type=case.case_type,
        risk_level=case.risk_level,
        lead_agency=case.lead_agency,
        ward=case.ward,
        reported_month=case.reported_at.date().replace(day=1),
        closed_month=case.closed_at.date().replace(day=1) if case.closed_at else None,
    )
    _erase(case)
    decision.refresh_from_db()
    return stub


def _erase(case: Case) -> None:
    # Deleting writes "deleted" history rows, so history is erased afterwards.
    case_id = case.pk
    for eraser in _erasers:
        eraser(case)
    people = list(
        Person.objects.filter(participations__case=case).values_list("pk", flat=True).distinct()
    )
    case.delete()
    _erase_history(case_id)
    orphans = Person.objects.filter(pk__in=people).exclude(
        Exists(CaseParticipant.objects.filter(person=OuterRef("pk")))
    )
    orphan_ids = list(orphans.values_list("pk", flat=True))
    orphans.delete()
    Person.history.filter(id__in=orphan_ids).delete()
    VulnerabilityFlag.history.filter(person_id__in=orphan_ids).delete()


def _erase_history(case_id: int) -> None:
    Case.history.filter(id=case_id).delete()
    for kind in case_kinds():
        history = getattr(kind.detail_model, "history", None)
        if history is not None:
            history.filter(case_id=case_id).delete()
    for model in (CaseParticipant, CaseShare, CaseReferral, Action, BreakGlassRequest):
        model.history.filter(case_id=case_id).delete()
