"""Send heavy reads to a read replica when one is configured.

Only code that asks for it reads from the replica (briefings, exports, figures),
inside ``replica_reads()``; everything else, and every write, uses the primary,
so nobody reads their own change back from a replica that has not caught up.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[str]:
    """Within this block, reads go to the replica if there is one; yields the alias used."""
    token = _use_replica.set(True)
    try:
        yield REPLICA if replica_configured() else "default"
    finally:
        _use_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
