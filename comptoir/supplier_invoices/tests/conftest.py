"""A supplier, two products, a purchase order in USD and its receipt (with a shortage)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.purchasing.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
)

D = Decimal
TODAY = dt.date.today()


def make_product(reference: str, weight: str) -> Product:
    return Product.objects.create(
        reference=reference,
        name_fr=reference,
        name_en=reference,
        hs_code="732394",
        origin_country="CN",
        net_weight_kg=D(weight),
        gross_weight_kg=D(weight),
        cost_price=D("2.00"),
    )


def make_purchase(supplier: Company, lids: Product, handles: Product) -> SimpleNamespace:
    order = PurchaseOrder.objects.create(
        number=f"PO-T-{PurchaseOrder.objects.count() + 1:05d}",
        supplier=supplier,
        order_date=TODAY - dt.timedelta(days=60),
        currency="USD",
        incoterm="FOB",
        named_place="Ningbo",
        payment_days=60,
        status="received",
    )
    l1 = PurchaseOrderLine.objects.create(
        order=order, position=1, product=lids, quantity=D("1000"), unit_price=D("2.40")
    )
    l2 = PurchaseOrderLine.objects.create(
        order=order, position=2, product=handles, quantity=D("500"), unit_price=D("2.40")
    )
    receipt = Receipt.objects.create(
        order=order,
        number=f"REC-T-{Receipt.objects.count() + 1:05d}",
        received_on=TODAY - dt.timedelta(days=5),
    )
    r1 = ReceiptLine.objects.create(
        receipt=receipt, line=l1, quantity_received=D("960"), quantity_accepted=D("960")
    )
    r2 = ReceiptLine.objects.create(
        receipt=receipt, line=l2, quantity_received=D("500"), quantity_accepted=D("500")
    )
    return SimpleNamespace(order=order, l1=l1, l2=l2, receipt=receipt, r1=r1, r2=r2)


@pytest.fixture
def buy(db):  # type: ignore[no-untyped-def]
    ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=D("0.92")
    )
    supplier = Company.objects.create(name="Ningbo Enamel Co.", country="CN", roles=",supplier,")
    other = Company.objects.create(name="Mumbai Metals", country="IN", roles=",supplier,")
    lids = make_product("LID-24", "0.46")
    handles = make_product("HDL-01", "1.48")
    world = make_purchase(supplier, lids, handles)
    world.supplier = supplier
    world.other = other
    world.lids = lids
    world.handles = handles
    return world
