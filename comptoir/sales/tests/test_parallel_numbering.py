"""Gapless invoice numbers under concurrent issuing, on PostgreSQL (row lock on the counter)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from comptoir.sales import billing
from comptoir.sales.models import Invoice, InvoiceLine

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 6
INVOICES = 24


def test_parallel_issuing_gives_no_duplicate_and_no_gap(seller, clients, product):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency test needs PostgreSQL (CI runs the suite on both databases)")
    drafts = []
    for _ in range(INVOICES):
        invoice = Invoice.objects.create(client=clients["us"], currency="EUR", language="en")
        InvoiceLine.objects.create(
            invoice=invoice,
            product=product,
            reference=product.reference,
            description="Casserole",
            quantity=Decimal("1"),
            unit_price=Decimal("79"),
            net_amount=Decimal("79.00"),
        )
        drafts.append(invoice.pk)
    queue = list(drafts)
    lock = threading.Lock()
    errors: list[BaseException] = []
    barrier = threading.Barrier(WORKERS)

    def worker() -> None:
        try:
            barrier.wait()
            while True:
                with lock:
                    if not queue:
                        return
                    pk = queue.pop()
                billing.issue(
                    invoice=Invoice.objects.get(pk=pk), user=None, issue_date=dt.date(2026, 11, 20)
                )
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(Invoice.objects.filter(pk__in=drafts).values_list("number", flat=True))
    assert numbers == [f"FA2026-{n:05d}" for n in range(1, INVOICES + 1)]
