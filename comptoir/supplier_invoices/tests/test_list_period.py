"""The supplier invoice list filtered by invoice date, supplier and the supplier's country
(the purchasing dashboard's spend opens it with its period); a wrong date is refused
naming the field, on screen and in the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from comptoir.supplier_invoices.models import SupplierInvoice

pytestmark = pytest.mark.django_db


def _invoice(supplier: Any, number: str, day: dt.date, order: Any) -> SupplierInvoice:
    return SupplierInvoice.objects.create(
        supplier=supplier,
        order=order,
        number=number,
        invoice_date=day,
        currency="USD",
        eur_rate=Decimal("0.9"),
        due_date=day + dt.timedelta(days=30),
        total=Decimal("100"),
    )


def test_dated_from_to_supplier_and_country(buy, assistant_client) -> None:  # type: ignore[no-untyped-def]
    _invoice(buy.supplier, "S-FEB", dt.date(2026, 2, 28), buy.order)
    _invoice(buy.supplier, "S-MAR", dt.date(2026, 3, 1), buy.order)
    _invoice(buy.other, "O-MAR", dt.date(2026, 3, 31), buy.order)

    def listed(params: dict[str, str]) -> set[str]:
        answer = assistant_client.get("/supplier-invoices/", params)
        assert answer.status_code == 200
        return {i.number for i in answer.context["page"]}

    march = {"dated_from": "2026-03-01", "dated_to": "2026-03-31"}
    assert listed(march) == {"S-MAR", "O-MAR"}
    assert listed(march | {"supplier": str(buy.supplier.pk)}) == {"S-MAR"}
    assert listed(march | {"country": "IN"}) == {"O-MAR"}
    assert listed({}) >= {"S-FEB", "S-MAR", "O-MAR"}
    answer = assistant_client.get("/supplier-invoices/", {"dated_to": "2026-02-29"})
    assert answer.status_code == 400 and 'id="filter-error"' in answer.content.decode()
    assert not list(answer.context["page"])
    api = assistant_client.get("/api/supplier-invoices/", {"dated_from": "2026-02-30"})
    assert api.status_code == 400 and "dated_from" in api.json()
