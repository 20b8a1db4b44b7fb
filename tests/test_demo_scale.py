"""The in-database demo generator (PostgreSQL only): shape of the data, indexes kept, refusals."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from casework.demo import seed_organisation
from casework.demo_scale import ScaleSeedRefused, seed_scale
from casework.models import (
    Case,
    CaseParticipant,
    CaseShare,
    CaseUserObjectPermission,
    Person,
    TimelineEntry,
)

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
