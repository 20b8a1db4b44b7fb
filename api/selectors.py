"""Reads the API needs beyond casework.selectors, each built on casework.access."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from casework import access
from casework.models import Action, Case, CaseParticipant, CaseShare, Person, TimelineEntry
from partners.models import Agency


def people_visible(user, text: str = "") -> QuerySet[Person]:
    """People who appear in at least one case ``user`` may see."""
    in_reach = access.visible_cases(user).filter(participants__person_id=OuterRef("pk"))
    people = Person.objects.filter(Exists(in_reach))
    for term in text.split():
        people = people.filter(Q(given_name__icontains=term) | Q(family_name__icontains=term))
    return people.prefetch_related("vulnerability_flags").order_by(
        "family_name", "given_name", "pk"
    )


def actions_visible(user) -> QuerySet[Action]:
    """Actions on cases ``user`` may see."""
    return (
        Action.objects.filter(case__in=access.visible_cases(user).values("pk"))
        .select_related("case", "assigned_agency", "assigned_to", "created_by", "completed_by")
        .order_by("due_on", "id")
    )


def case_actions(case: Case) -> QuerySet[Action]:
    return (
        Action.objects.filter(case=case)
        .select_related("case", "assigned_agency", "assigned_to", "created_by", "completed_by")
        .order_by("due_on", "id")
    )


def case_shares(case: Case) -> QuerySet[CaseShare]:
    return (
        CaseShare.objects.filter(case=case)
        .select_related("agency", "agreement", "shared_by", "revoked_by")
        .order_by("shared_at", "id")
    )


def case_participants(case: Case) -> QuerySet[CaseParticipant]:
    return (
        CaseParticipant.objects.filter(case=case)
        .select_related("person", "added_by")
        .prefetch_related("person__vulnerability_flags")
        .order_by("person__family_name", "person__given_name", "role", "id")
    )


def readable_entries(user, case: Case) -> QuerySet[TimelineEntry]:
    """The case's timeline entries ``user`` may read (their sensitivity, or their own)."""
    return (
        TimelineEntry.objects.filter(case=case)
        .filter(access.readable_entries(user, case))
        .select_related("author", "author_agency", "case")
        .order_by("-created_at", "-id")
    )


def entry_for_reading(user, case: Case, pk: int) -> TimelineEntry:
    """An entry of ``case`` the user may read; 404 otherwise, as if it did not exist."""
    try:
        return readable_entries(user, case).get(pk=pk)
    except TimelineEntry.DoesNotExist:
        raise Http404("No timeline entry found.") from None


def agencies_active() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).select_related("kind").order_by("name")
