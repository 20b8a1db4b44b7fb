"""Property-based testing of the whole API from its own OpenAPI schema (schemathesis).

For every operation, a bounded number of generated requests, valid and invalid,
sent with a real token against the WSGI application: none may cause a 5xx, and
every response must match the schema (status, content type, headers, body).
Run on its own by .ci/run (``-m schemathesis``); SCHEMATHESIS_EXAMPLES sets the
examples per operation and mode (default 15).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import open_shared_case

pytestmark = pytest.mark.schemathesis

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def load_schema():
    # The schema view is public and reads no database, so it can load at collection.
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    schema.config.generation.update(
        modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
        max_examples=EXAMPLES,
        deterministic=True,
    )
    # Generated examples only: the coverage phase's boundary cases are not bounded by
    # max_examples and would make the run many times longer.
    schema.config.phases.update(phases=["examples", "fuzzing"])
    return schema


schema = load_schema()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The test's transaction lives on its connection: do not let the WSGI request cycle
    close it, as Django's own test client does not."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def real_case(cast):
    """A case the token's holder leads, so generated requests reach past the 404."""
    return open_shared_case(cast)


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_generated_request_breaks_the_api(case, cast, real_case):
    if case.path_parameters and "reference" in case.path_parameters:
        case.path_parameters["reference"] = real_case.reference
    # A fresh token each time: one generated request may be the token's own revocation.
    _, token = AuthToken.objects.create(user=cast.owner)
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
