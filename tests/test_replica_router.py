"""Heavy reads go to the read replica when one is configured; writes never do."""

import os

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from casework.models import Case
from config import db_router
from config.db_router import ReplicaRouter, replica_reads


def test_without_a_replica_everything_uses_the_primary(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: False)
    with replica_reads() as alias:
        assert alias == "default"
        assert ReplicaRouter().db_for_read(Case) == "default"


def test_reads_route_to_the_replica_only_inside_the_block(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    router = ReplicaRouter()
    assert router.db_for_read(Case) == "default"
    with replica_reads():
        assert router.db_for_read(Case) == "replica"
        assert router.db_for_write(Case) == "default"
    assert router.db_for_read(Case) == "default"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_REPLICA_URL"),
    reason="set DATABASE_REPLICA_URL (CI points it at the same PostgreSQL server)",
)
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_real_second_connection_serves_the_reads(cast, case):
    try:
        with CaptureQueriesContext(connections["replica"]) as on_replica, replica_reads():
            assert Case.objects.filter(pk=case.pk).exists()
        assert len(on_replica.captured_queries) == 1
    finally:
        connections["replica"].close()
