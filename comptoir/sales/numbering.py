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

from django.db import IntegrityError, transaction

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
