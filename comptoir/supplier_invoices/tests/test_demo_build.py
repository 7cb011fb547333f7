"""The demo part of supplier invoices, built on two generated orders (the purchasing demo
gives the real ones): one invoice approved and paid, one disputed for its price, the
container's landed cost applied."""

from __future__ import annotations

import pytest

from comptoir.demo import supplier_invoices as demo
from comptoir.supplier_invoices.models import LandedCost, SupplierInvoice

from .factories import make_purchase

pytestmark = pytest.mark.django_db


def test_demo_build(buy):  # type: ignore[no-untyped-def]
    second = make_purchase(buy.supplier, buy.lids, buy.handles)
    done = demo.build({}, orders=[buy.order, second.order], container_receipt=buy.receipt)
    for invoice in done:
        invoice.refresh_from_db()
    assert [i.status for i in done] == [
        SupplierInvoice.Status.PAID,
        SupplierInvoice.Status.DISPUTED,
    ]
    assert LandedCost.objects.get().status == LandedCost.Status.APPLIED
