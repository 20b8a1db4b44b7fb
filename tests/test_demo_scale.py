"""The in-database demo generator (PostgreSQL only): shape of the data, indexes kept, refusals."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from casework.models import (
    Case,
    CaseParticipant,
    CaseShare,
    CaseUserObjectPermission,
    Person,
    TimelineEntry,
)
from demo.scale import DUE_OBLIGATIONS, ScaleSeedRefused, seed_scale
from demo.seed import seed_organisation
from followups.models import ContactPlan, Obligation
from partners.models import Membership, Role

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the scale generator runs inside PostgreSQL"
    ),
]


def _schema() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'casework_%%'"
        )
        indexes = set(cursor.fetchall())
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text LIKE 'casework_%%'"
        )
        return indexes | set(cursor.fetchall())


def test_it_loads_every_kind_of_row_and_keeps_every_index():
    org = seed_organisation()
    before = _schema()
    report = seed_scale(600, org, staff=80)
    assert _schema() == before
    assert Case.objects.count() == 600 == report.cases
    assert Person.objects.count() == 1200
    assert CaseParticipant.objects.count() >= 1200
    assert TimelineEntry.objects.count() == 3000
    assert len(set(Case.objects.values_list("reference", flat=True))) == 600
    assert set(Case.objects.values_list("case_type", flat=True)) == {
        "asb", "missing_person", "mental_health", "troubled_family", "other"
    }  # fmt: skip
    shared = Case.objects.filter(shares__isnull=False).distinct().count()
    assert 0.8 < shared / 600 < 0.97  # most cases shared with one to three agencies
    assert (
        CaseShare.objects.filter(case__lead_agency=org["agencies"]["police"])
        .exclude(agency=org["agencies"]["police"])
        .count()
        == CaseShare.objects.filter(case__lead_agency=org["agencies"]["police"]).count()
    )
    restricted = Case.objects.filter(is_restricted=True)
    assert CaseUserObjectPermission.objects.filter(content_object__in=restricted).count() >= (
        restricted.count()
    )
    assert Case.history.count() == 600 and Person.history.count() == 1200
    assert not Case.objects.filter(status="closed", closed_at__isnull=True).exists()
    # The extra staff work in teams, each with a manager to escalate to.
    teamed = Membership.objects.filter(team__isnull=False)
    managed = Membership.objects.filter(role=Role.MANAGER).values("team")
    assert teamed.exists() and not teamed.exclude(team__in=managed).exists()
    # Victims of ASB have contact plans; a thousand updates fall due as the load ends.
    victims = Case.objects.filter(case_type__in=["asb", "other"])
    assert ContactPlan.objects.count() == victims.count() > 0
    owed = Obligation.objects.filter(met_at__isnull=True)
    assert owed.count() == victims.exclude(status="closed").count()
    now = timezone.now()
    assert owed.filter(Q(due_at__lte=now) | Q(remind_at__lte=now)).count() == min(
        DUE_OBLIGATIONS, owed.count()
    )
    assert Obligation.objects.filter(met_at__isnull=False).count() >= victims.count() - 60
    # New cases after the load continue the year's reference numbers.
    from casework import services

    fresh = services.case_open(
        actor=org["users"]["police.officer"], case_type="other", summary="After the load."
    )
    assert not Case.objects.exclude(pk=fresh.pk).filter(reference=fresh.reference).exists()


def test_it_refuses_a_database_with_cases_unless_told_to_wipe():
    org = seed_organisation()
    seed_scale(50, org, staff=40)
    with pytest.raises(ScaleSeedRefused, match="--wipe"):
        seed_scale(50, org, staff=40)
    with pytest.raises(CommandError, match="--wipe"):
        call_command("seed_demo", "--cases", "50", "--scale", "--staff", "40")
    seed_scale(70, org, staff=40, wipe=True)
    assert Case.objects.count() == 70
