"""When a case is next reviewed, and which missing persons' grades are due a review.

A review date set by hand stands. Otherwise it follows the case risk
(``CASE_REVIEW_DAYS``: by default medium every 28 days, high every 14), and a change of
risk brings a derived date forward, never back.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Case, CaseStatus, CaseType, MissingPersonGrade


def review_period(risk_level: str) -> timedelta | None:
    days = settings.CASE_REVIEW_DAYS.get(risk_level)
    return timedelta(days=days) if days else None


def review_date_for(risk_level: str, *, today: date | None = None) -> date | None:
    """The review date a case at ``risk_level`` gets from today, or None for no set review."""
    period = review_period(risk_level)
    return (today or timezone.localdate()) + period if period else None


def review_date_after_risk_change(risk_level: str, current: date | None) -> date | None:
    """A new risk brings the review forward when its period ends sooner; never later."""
    derived = review_date_for(risk_level)
    if current is None or derived is None:
        return current or derived
    return min(current, derived)


def grade_review_due_since(now: datetime | None = None) -> datetime:
    """A high-risk grade made before this moment is due a review."""
    hours = settings.MISSING_PERSON_HIGH_REVIEW_HOURS
    return (now or timezone.now()) - timedelta(hours=hours)


def missing_grades_unreviewed(now: datetime | None = None) -> QuerySet[Case]:
    """Open cases of people still missing, graded high, whose grade has not been reviewed
    within ``MISSING_PERSON_HIGH_REVIEW_HOURS`` (longest unreviewed first). Callers scope
    them to the reader through the access policy."""
    since = grade_review_due_since(now)
    graded_long_ago = Q(missing_person__graded_at__lt=since) | Q(
        missing_person__graded_at__isnull=True, created_at__lt=since
    )
    return (
        Case.objects.filter(
            case_type=CaseType.MISSING_PERSON,
            missing_person__risk_grade=MissingPersonGrade.HIGH,
            missing_person__returned_at__isnull=True,
        )
        .exclude(status=CaseStatus.CLOSED)
        .filter(graded_long_ago)
        .select_related("missing_person", "lead_agency")
        .order_by("missing_person__graded_at", "id")
    )
