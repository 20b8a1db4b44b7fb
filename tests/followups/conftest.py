import pytest

from casework import services as casework_services
from followups.channels import LocmemEmailBackend, LocmemSmsBackend


@pytest.fixture(autouse=True)
def empty_provider_outboxes():
    def empty():
        for backend in (LocmemSmsBackend, LocmemEmailBackend):
            backend.outbox.clear()
            backend.statuses.clear()

    empty()
    yield
    empty()


@pytest.fixture
def victim(cast, case):
    """Amy Jones, a victim on the cast's case, reachable by email and text."""
    person, _ = casework_services.person_find_or_create(
        actor=cast.owner,
        given_name="Amy",
        family_name="Jones",
        email="amy@example.org",
        phone="07700900123",
    )
    casework_services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    return person


@pytest.fixture
def eager_retries():
    """Let eager tasks run their retries (Celery re-raises Retry when eager errors propagate)."""
    from config.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what would run at commit (tests run inside a transaction that never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
