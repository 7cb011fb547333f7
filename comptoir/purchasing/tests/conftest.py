"""Shared data of the purchasing tests: a Chinese supplier, two products, a draft order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.purchasing import services
from comptoir.purchasing.inputs import LineValues, OrderValues
from comptoir.purchasing.models import PurchaseOrder
from comptoir.tenders.tests.conftest import (  # noqa: F401 (the tender fixtures, for orders from a tender)
    answered,
    lid,
    seller,
    suppliers,
    tariff,
    usd,
)

ORDER_DAY = dt.date(2026, 3, 2)


@pytest.fixture
def supplier(db):  # type: ignore[no-untyped-def]
    company = Company(
        name="Ningbo Enamel Works Co., Ltd",
        country="CN",
        city="Ningbo",
        currency="USD",
        language="en",
        email="sales@ningbo-enamel.example",
    )
    company.role_list = ["supplier"]
    company.save()
    return company


def _product(reference: str, name: str) -> Product:
    return Product.objects.create(
        reference=reference,
        name_fr=f"Couvercle émaillé {name}",
        name_en=f"Enamelled lid {name}",
        hs_code="732394",
        origin_country="CN",
        net_weight_kg=Decimal("0.8"),
        gross_weight_kg=Decimal("0.9"),
        cost_price=Decimal("2.40"),
    )


@pytest.fixture
def lids(db):  # type: ignore[no-untyped-def]
    return [_product("LID-24", "24 cm"), _product("LID-28", "28 cm")]


def order_values(supplier: Company, **changes: Any) -> OrderValues:
    base: dict[str, Any] = {
        "supplier": supplier,
        "order_date": ORDER_DAY,
        "currency": "USD",
        "incoterm": "FOB",
        "named_place": "Ningbo",
        "payment_instrument": "deposit",
        "deposit_pct": Decimal("30"),
        "balance_trigger": "bl_copy",
        "requested_date": dt.date(2026, 4, 15),
    }
    base.update(changes)
    return OrderValues(**base)


def line_values(lids: list[Product]) -> list[LineValues]:
    return [
        LineValues(
            product=lids[0],
            quantity=Decimal("5000"),
            unit_price=Decimal("1.85"),
            supplier_reference="NB-EL-24",
        ),
        LineValues(product=lids[1], quantity=Decimal("3000"), unit_price=Decimal("2.10")),
    ]


@pytest.fixture
def draft(supplier, lids, assistant) -> PurchaseOrder:  # type: ignore[no-untyped-def]
    return services.create_order(
        values=order_values(supplier), lines=line_values(lids), user=assistant
    )


@pytest.fixture
def issued(draft, assistant) -> PurchaseOrder:  # type: ignore[no-untyped-def]
    return services.issue_order(order=draft, user=assistant)
