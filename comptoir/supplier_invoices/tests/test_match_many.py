"""The bulk three-way match (``selectors.match_many``) gives exactly what ``match_of`` gives
invoice by invoice, in a few grouped queries: several invoices on one order (what the others
billed counts), a cancelled invoice and a credit note (they bill nothing), another currency,
shorter terms, a price beyond the tolerance, the company's own tolerances."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from comptoir.purchasing.models import PurchaseOrderLine
from comptoir.supplier_invoices import selectors, services
from comptoir.supplier_invoices.inputs import (
    CreditNoteValues,
    InvoiceLineValues,
    InvoiceValues,
    SettingsValues,
)
from comptoir.supplier_invoices.models import SupplierInvoice

from .factories import make_purchase

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date.today()
SYSTEM = None


def _invoice(
    buy: SimpleNamespace,
    order: SimpleNamespace,
    number: str,
    lines: list[tuple[PurchaseOrderLine, str, str]],
    **changes: Any,
) -> SupplierInvoice:
    values: dict[str, Any] = {
        "supplier": buy.supplier,
        "order": order.order,
        "number": number,
        "invoice_date": TODAY - dt.timedelta(days=3),
        "currency": "USD",
        "incoterm": "FOB",
        "named_place": "Ningbo",
        "payment_days": 60,
        "lines": tuple(
            InvoiceLineValues(order_line_id=line.pk, quantity=D(qty), unit_price=D(price))
            for line, qty, price in lines
        ),
    }
    values.update(changes)
    return services.save_invoice(invoice=None, values=InvoiceValues(**values), user=SYSTEM)


def _world(buy: SimpleNamespace) -> None:
    """Two orders of the same supplier and seven invoices or credit notes on them."""
    second = make_purchase(buy.supplier, buy.lids, buy.handles)
    first = _invoice(buy, buy, "A-1", [(buy.l1, "600", "2.40"), (buy.l2, "500", "2.40")])
    # bills the rest of the lids: 600 + 400 = 1,000 > 960 accepted (the shortage)
    _invoice(buy, buy, "A-2", [(buy.l1, "400", "2.40")])
    cancelled = _invoice(buy, buy, "A-3", [(buy.l1, "960", "2.40")])
    services.cancel(invoice=cancelled, reason="Replaced by A-2", user=SYSTEM)
    services.record_credit_note(
        invoice=first,
        values=CreditNoteValues(
            number="CN-1", invoice_date=TODAY, amount=D("100"), reason="Freight rebate"
        ),
        user=SYSTEM,
    )
    # the same order line twice on one invoice, a price beyond the tolerance, shorter terms
    _invoice(
        buy,
        second,
        "B-1",
        [(second.l1, "500", "2.40"), (second.l1, "460", "2.60"), (second.l2, "500", "2.45")],
        payment_days=30,
    )
    # another currency and Incoterm
    _invoice(
        buy,
        second,
        "B-2",
        [(second.l2, "10", "2.20")],
        currency="EUR",
        incoterm="CIF",
        named_place="Le Havre",
    )
    disputed = _invoice(buy, second, "B-3", [(second.l1, "40", "2.40")])
    services.dispute(invoice=disputed, reason="Not delivered", user=SYSTEM)


def _one_by_one() -> dict[int, str]:
    return {
        invoice.pk: repr(selectors.match_of(invoice))
        for invoice in SupplierInvoice.objects.order_by("pk")
    }


def test_match_many_gives_match_of_invoice_by_invoice(buy, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    _world(buy)
    expected = _one_by_one()
    assert len(expected) == 7
    # the world is not trivial: differences of several kinds, and clean invoices
    kinds = {
        d.kind
        for pk in expected
        for d in selectors.match_of(SupplierInvoice.objects.get(pk=pk)).differences
    }
    assert {"quantity_over_received", "price", "terms", "currency", "incoterm"} <= kinds
    with django_assert_max_num_queries(8):
        results = selectors.match_many(list(expected) + [10**9])  # an unknown id is left out
    assert {pk: repr(result) for pk, result in results.items()} == expected


def test_match_many_in_small_chunks_and_with_the_company_tolerances(buy, monkeypatch):  # type: ignore[no-untyped-def]
    services.save_settings(
        values=SettingsValues(
            price_tolerance_pct=D("10"),
            price_tolerance_eur=D("20"),
            quantity_tolerance_pct=D("5"),
            approval_threshold_eur=None,
        ),
        user=SYSTEM,
    )
    _world(buy)
    expected = _one_by_one()
    monkeypatch.setattr(selectors, "MATCH_CHUNK", 2)
    results = selectors.match_many(reversed(list(expected)))
    assert {pk: repr(result) for pk, result in results.items()} == expected
    assert any(d.within_tolerance for r in results.values() for d in r.differences)
