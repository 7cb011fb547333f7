"""SQLite writers queue briskly for the write lock (comptoir/db/sqlite3): they get it as soon
as it frees, give up with "database is locked" after the timeout, and the other statements
keep SQLite's own busy timeout."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from comptoir.parties.models import Zone

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock"),
    pytest.mark.django_db(transaction=True),
]


def other_writer() -> sqlite3.Connection:
    other = sqlite3.connect(
        connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False
    )
    other.execute("BEGIN IMMEDIATE")
    return other


def busy_timeout_ms() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        return int(cursor.fetchone()[0])


def test_a_write_transaction_waits_for_the_lock_and_gets_it_when_it_frees():
    assert type(connections["default"]).__module__ == "comptoir.db.sqlite3.base"
    other = other_writer()
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    with transaction.atomic():
        Zone.objects.create(name="Waited")
    other.close()
    assert Zone.objects.filter(name="Waited").exists()
    # SQLite's own wait is back for the statements outside a transaction.
    timeout = connection.settings_dict["OPTIONS"]["timeout"]
    assert busy_timeout_ms() == int(timeout * 1000)


def test_past_the_timeout_the_write_fails_as_locked_and_nothing_is_written():
    options = connection.settings_dict["OPTIONS"]
    saved = options["timeout"]
    connection.close()
    options["timeout"] = 0.2
    other = other_writer()
    try:
        with pytest.raises(OperationalError, match="locked"):
            with transaction.atomic():
                Zone.objects.create(name="Never")
        assert busy_timeout_ms() == 200
    finally:
        other.execute("ROLLBACK")
        other.close()
        connection.close()
        options["timeout"] = saved
    assert not Zone.objects.filter(name="Never").exists()
