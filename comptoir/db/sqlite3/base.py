"""Django's SQLite backend, with writers that queue briskly for the write lock.

SQLite lets one writer at a time in; the others wait in its busy handler, which sleeps
longer and longer (up to 100 ms a try). Under many writers that wastes the moments the lock
is free, and a writer that waited long polls least often, so it may wait for many seconds
while newcomers pass. Here a write transaction asks for the lock itself: ``BEGIN IMMEDIATE``
without waiting, retried every few milliseconds until the usual timeout, so the lock is
taken again at once when it frees and every waiter has the same chance. Other statements
keep SQLite's own busy timeout.
"""

from __future__ import annotations

import random
import sqlite3
import time

from django.db.backends.sqlite3 import base

RETRY_EVERY_S = (0.001, 0.004)


class DatabaseWrapper(base.DatabaseWrapper):  # type: ignore[misc]
    def _start_transaction_under_autocommit(self) -> None:
        if self.transaction_mode != "IMMEDIATE":
            super()._start_transaction_under_autocommit()
            return
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        cursor = self.connection.cursor()
        deadline = time.monotonic() + timeout
        cursor.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() >= deadline:
                        raise
                time.sleep(random.uniform(*RETRY_EVERY_S))
        except sqlite3.OperationalError as exc:
            from django.db.utils import OperationalError

            raise OperationalError(*exc.args) from exc
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            cursor.close()
