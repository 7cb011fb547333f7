"""The API against its own OpenAPI schema: a bounded, reproducible schemathesis run.

Each operation gets a few generated requests (fixed seed), sent in process through the WSGI
application as an assistant, and writes again as a read-only user. Every answer must be no
server error, have a status code, content type and body that the schema documents.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from comptoir.accounts.tokens import issue_token

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: Operations left out, each with its reason.
EXCLUDED = {
    # Starts a packing computation sized by the request; bounded by its own limits and
    # tested in comptoir/logistics, not something to fuzz in the unit-test run.
    ("POST", "/api/load-plans/{id}/compute/"),
    ("POST", "/api/pack"),
}
WRITES = ("POST", "PUT", "PATCH", "DELETE")
#: Operations a read-only user may call: they compute, log in or revoke a token.
READ_ONLY_ALLOWED = {
    "/api/calc/{topic}",
    "/api/token/",
    "/api/token/revoke/",
    "/api/lc/check",
    "/api/intelligence/matches/read/",  # marking one's own matches read changes no record
}
#: A few minutes at most in CI; raise it locally for a deeper search, e.g.
#: COMPTOIR_SCHEMATHESIS_EXAMPLES=200 pytest comptoir/api/tests/test_schemathesis.py
EXAMPLES_PER_OPERATION = int(os.environ.get("COMPTOIR_SCHEMATHESIS_EXAMPLES", "12"))

pytestmark = pytest.mark.django_db


@pytest.fixture
def _connection_kept_open() -> Any:
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction: keep it open, as Django's test client does."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def _load_schema() -> Any:
    """The schema the API serves, generated in process (the same generator as /api/schema/),
    its requests sent to the WSGI application: no server, no network."""
    from drf_spectacular.generators import SchemaGenerator

    from comptoir.wsgi import application

    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(document, default=str)))
    loaded.app = application
    return loaded.exclude(
        func=lambda ctx: (ctx.operation.method.upper(), ctx.operation.path) in EXCLUDED
    )


schema = _load_schema()


def _token_for(user: Any) -> dict[str, str]:
    secret, _ = issue_token(user=user)
    return {"Authorization": f"Token {secret}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_schema_says(
    case: Any, _connection_kept_open: Any, assistant: Any, clients: Any, product: Any
) -> None:
    case.call_and_validate(headers=_token_for(assistant), checks=CHECKS)


@schema.include(method=list(WRITES)).parametrize()
@settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_read_only_writes_are_refused_as_the_schema_says(
    case: Any, _connection_kept_open: Any, reader: Any, clients: Any, product: Any
) -> None:
    response = case.call_and_validate(headers=_token_for(reader), checks=CHECKS)
    if case.method.upper() in WRITES and case.path not in READ_ONLY_ALLOWED:
        assert response.status_code in (400, 401, 403, 404, 415), response.text
