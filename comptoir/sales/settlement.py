"""When an invoice was settled: ``Invoice.settled_on``, the day its balance reached zero (null
while something is still due), kept so that the receivables figures of a period read only the
invoices still open at its start (``settled_on IS NULL OR settled_on >= first day``) rather
than every invoice since the start of history.

The day is recomputed from the invoice's events, never moved by hand: the payments allocated
to it (on the day received) and the credit notes issued on it (on their date), counted from
the invoice's date, by the rule of the trade core (:func:`comptoir.trade.receivables.
settled_on`) -- the same events, counted on the same days, as the ageing of
:mod:`comptoir.sales.figures` reads, so an invoice settled before a day adds nothing to any
balance from that day on. Every service that changes those events calls
:func:`refresh_settled_on` in its transaction: issuing (the document itself and the invoice a
credit note credits) and recording a payment. A credit note owes nothing: it is settled on its
own date. A draft is not settled (null); the figures read issued documents only.

:func:`settled_days` takes the models as arguments, so that the data migration that filled
the column for the invoices issued before it existed computes them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Max, Sum

from comptoir.trade import receivables as receivable_rules

from .models import Invoice, PaymentAllocation

#: Invoices recomputed per round of queries (three grouped reads per round).
CHUNK = 2000


def settled_days(
    pks: Iterable[int], *, invoices: Any = Invoice, allocations: Any = PaymentAllocation
) -> dict[int, dt.date | None]:
    """The settlement day of each document in ``pks`` from its events (None: open or draft),
    in three grouped queries per :data:`CHUNK` documents."""
    wanted = sorted(set(pks))
    found: dict[int, dt.date | None] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        reductions: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        for invoice_id, amount, last in (
            allocations.objects.filter(invoice_id__in=chunk)
            .values_list("invoice_id")
            .annotate(s=Sum("amount"), last=Max("payment__received_on"))
            .order_by()
        ):
            reductions[invoice_id].append((last, amount))
        for invoice_id, amount, last in (
            invoices.objects.filter(credited_invoice_id__in=chunk, status="issued")
            .values_list("credited_invoice_id")
            .annotate(s=Sum("gross_total"), last=Max("issue_date"))
            .order_by()
        ):
            reductions[invoice_id].append((last, amount))
        for pk, kind, status, issued_on, gross in invoices.objects.filter(pk__in=chunk).values_list(
            "pk", "kind", "status", "issue_date", "gross_total"
        ):
            if status != "issued" or issued_on is None:
                found[pk] = None
            elif kind != "invoice":  # a credit note owes nothing
                found[pk] = issued_on
            else:
                found[pk] = receivable_rules.settled_on(issued_on, gross, reductions[pk])
    return found


def store_settled_days(
    pks: Iterable[int], *, invoices: Any = Invoice, allocations: Any = PaymentAllocation
) -> int:
    """Recompute and store ``settled_on`` for these documents; how many changed."""
    days = settled_days(pks, invoices=invoices, allocations=allocations)
    changed = 0
    stored = dict(invoices.objects.filter(pk__in=list(days)).values_list("pk", "settled_on"))
    by_day: dict[dt.date | None, list[int]] = defaultdict(list)
    for pk, day in days.items():
        if stored.get(pk) != day:
            by_day[day].append(pk)
    for day, ids in by_day.items():
        for start in range(0, len(ids), CHUNK):  # one UPDATE per day (issued rows are never saved)
            changed += invoices.objects.filter(pk__in=ids[start : start + CHUNK]).update(
                settled_on=day
            )
    return changed


def refresh_settled_on(invoice_pks: Iterable[int]) -> None:
    """Recompute ``settled_on`` of these invoices from their events: called by the services
    that change them (issue, credit note, payment), inside their transaction."""
    store_settled_days(invoice_pks)
