"""A write that finds the database locked answers 503 with Retry-After; nothing is saved."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from comptoir.parties.models import Company
from comptoir.web.busy import DatabaseBusyMiddleware

COMPANY = {
    "name": "Casa Cucina S.r.l.",
    "roles_field": ["client"],
    "country": "IT",
    "city": "Milan",
    "language": "en",
    "currency": "EUR",
    "payment_days": "60",
    "credit_limit": "0",
    "is_active": "on",
}


@contextmanager
def database_locked_by_another_writer(wait_s: float = 0.2) -> Iterator[None]:
    """Another process's write transaction holds SQLite's write lock; ours waits ``wait_s``
    (instead of the 20 s of production) and then meets "database is locked"."""
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("timeout")
    connection.close()
    options["timeout"] = wait_s
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
        connection.close()
        options["timeout"] = saved


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the write lock of a SQLite file"
)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_screen_whose_write_finds_the_database_locked_says_busy_try_again(assistant_client):
    assistant_client.get("/")  # the session is read before the lock is taken
    with database_locked_by_another_writer():
        response = assistant_client.post(reverse("parties:company_create"), COMPANY)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b'id="database-busy"' in response.content
    assert "Rien n'a été perdu" in response.content.decode()  # the assistant reads French
    assert not Company.objects.exists()
    # Sent again once the lock is gone, the same form goes through.
    response = assistant_client.post(reverse("parties:company_create"), COMPANY)
    assert response.status_code == 302 and Company.objects.count() == 1


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_an_api_write_that_finds_the_database_locked_answers_json_503(assistant_client):
    body = {
        "name": "Casa",
        "roles": ["client"],
        "country": "IT",
        "currency": "EUR",
        "language": "en",
        "payment_days": 30,
        "credit_limit": "0",
    }
    with database_locked_by_another_writer():
        response = assistant_client.post("/api/companies/", body, content_type="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("application/json")
    assert "Réessayez" in response.json()["detail"]
    assert not Company.objects.exists()


def test_the_busy_page_is_translated(rf: RequestFactory):
    request = rf.post("/parties/companies/new/")
    request.user = AnonymousUser()
    middleware = DatabaseBusyMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
    with translation.override("fr"):
        response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response is not None and response.status_code == 503
    assert "Rien n'a été perdu" in response.content.decode()
    # Any other database error stays an error.
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
