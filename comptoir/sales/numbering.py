"""Gapless document numbers: one counter per kind and year, taken inside the caller's
transaction under a row lock.

French invoices carry "un numéro unique basé sur une séquence chronologique et continue"
(CGI, annexe II, art. 242 nonies A, I-7°): no gap, no duplicate. The number is taken in
the transaction that issues the document, after every check has passed, and the counter
row stays locked (``SELECT ... FOR UPDATE``) until that transaction commits; if anything
fails later in the transaction, the increment rolls back with it, so no number is lost.
On SQLite the whole write transaction is serialised (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from .models import NumberSequence

PREFIXES = {
    "invoice": "FA",
    "credit_note": "AV",
    "offer": "OF",
    "order": "CC",
    "delivery": "BL",
}


def take_number(kind: str, year: int) -> str:
    """The next number of ``kind`` for ``year``, e.g. ``FA2026-00042``. Call inside
    ``transaction.atomic()``: the number is final only if that transaction commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction that uses the number")
    try:
        with transaction.atomic():  # a savepoint: a concurrent first insert may win
            NumberSequence.objects.get_or_create(kind=kind, year=year)
    except IntegrityError:
        pass
    sequence = NumberSequence.objects.select_for_update().get(kind=kind, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{PREFIXES[kind]}{year}-{sequence.last:05d}"


def peek_number(kind: str, year: int) -> str:
    """The number :func:`take_number` should give next, read without a lock: a document is
    rendered with it, then kept only if ``take_number`` gives that very number."""
    last = (
        NumberSequence.objects.filter(kind=kind, year=year).values_list("last", flat=True).first()
    )
    return f"{PREFIXES[kind]}{year}-{(last or 0) + 1:05d}"


#: How long an issue waits for another one being issued before saying "busy" (seconds).
ISSUING_WAIT_S = 60.0
_ISSUING_LOCK_KEY = 0x434F4D50  # "COMP": the advisory lock of issuing on PostgreSQL


@contextmanager
def issuing_turn() -> Iterator[None]:
    """One document issued at a time, held *outside* any database transaction.

    Issuing renders the PDF (a few hundred milliseconds) with the number the sequence should
    give, then takes that number in a short transaction. Two issues at once would render with
    the same number and one would have to render again; under load that is wasted work for
    every waiting issue. This turn makes them queue instead, without holding the database's
    write lock (on SQLite, the whole database) while a PDF renders: a PostgreSQL advisory
    lock (shared by every app server), else a file lock in ``var/`` (every process of the
    machine). The number is still checked under the row lock, so correctness never depends
    on this turn (another machine on SQLite cannot happen: SQLite is one machine).
    """
    deadline = time.monotonic() + ISSUING_WAIT_S
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [_ISSUING_LOCK_KEY])
                if cursor.fetchone()[0]:
                    break
                _wait(deadline)
            try:
                yield
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_ISSUING_LOCK_KEY])
        return
    path = Path(settings.VAR_DIR) / "issuing.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                _wait(deadline)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _wait(deadline: float) -> None:
    if time.monotonic() > deadline:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(
            _("Another document is being issued and takes long: try again in a moment.")
        )
    time.sleep(0.01)
