"""A purchase order in USD and its goods receipt, built directly for the tests (the
purchasing area's services are another branch's work)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.purchasing.models import PurchaseOrder, PurchaseOrderLine, Receipt, ReceiptLine

D = Decimal
TODAY = dt.date.today()


def usd_rate() -> None:
    ExchangeRate.objects.get_or_create(
        from_currency="USD",
        to_currency="EUR",
        valid_from=dt.date(2020, 1, 1),
        defaults={"rate": D("0.92")},
    )


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
    """1,000 lids and 500 handles at USD 2.40 FOB Ningbo, 60 days; 960 lids and 500 handles
    received and accepted (a shortage of 40 lids)."""
    n = PurchaseOrder.objects.count() + 1
    order = PurchaseOrder.objects.create(
        number=f"PO-T-{n:05d}",
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
        order=order, number=f"REC-T-{n:05d}", received_on=TODAY - dt.timedelta(days=5)
    )
    r1 = ReceiptLine.objects.create(
        receipt=receipt, line=l1, quantity_received=D("960"), quantity_accepted=D("960")
    )
    r2 = ReceiptLine.objects.create(
        receipt=receipt, line=l2, quantity_received=D("500"), quantity_accepted=D("500")
    )
    return SimpleNamespace(order=order, l1=l1, l2=l2, receipt=receipt, r1=r1, r2=r2)


def make_world() -> SimpleNamespace:
    usd_rate()
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
