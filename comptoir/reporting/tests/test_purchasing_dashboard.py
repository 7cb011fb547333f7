"""The purchasing dashboard on hand-made supplier invoices, deliveries and landed costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.purchasing.models import PurchaseOrder, PurchaseOrderLine, Receipt, ReceiptLine
from comptoir.reporting import registry
from comptoir.reporting.dashboard import Dashboard, Figure, Table
from comptoir.reporting.dashboards import purchasing
from comptoir.reporting.filters import Period, ReportFilters
from comptoir.supplier_invoices.models import (
    LandedCost,
    LandedCostLine,
    SupplierInvoice,
    SupplierInvoiceLine,
)
from comptoir.suppliers.models import Delivery, SupplierFile

pytestmark = pytest.mark.django_db
D = Decimal
FEB_MAR = Period(dt.date(2026, 2, 1), dt.date(2026, 3, 31))


def figure(board: Dashboard, key: str) -> Figure:
    return next(f for s in board.sections for f in s.figures if f.key == key)


def table(board: Dashboard, key: str) -> Table:
    return next(t for t in board.tables() if t.key == key)


def rows(board: Dashboard, key: str) -> list[tuple[Any, ...]]:
    return [r.values for r in table(board, key).rows]


def _product(reference: str, hs: str) -> Product:
    return Product.objects.create(
        reference=reference,
        name_fr=f"{reference} fr",
        name_en=f"{reference} en",
        hs_code=hs,
        origin_country="CN",
        net_weight_kg=D("1"),
        gross_weight_kg=D("1"),
        cost_price=D("2"),
    )


def _order(supplier: Company, currency: str, *lines: tuple[Product, str]) -> PurchaseOrder:
    order = PurchaseOrder.objects.create(
        number=f"PO-{PurchaseOrder.objects.count() + 1}",
        supplier=supplier,
        order_date=dt.date(2025, 1, 5),
        currency=currency,
        incoterm="FOB",
        named_place="Ningbo",
        status="received",
    )
    for position, (product, quantity) in enumerate(lines, start=1):
        PurchaseOrderLine.objects.create(
            order=order, position=position, product=product, quantity=D(quantity), unit_price=D(2)
        )
    return order


def _invoice(
    order: PurchaseOrder,
    number: str,
    day: dt.date,
    rate: str,
    lines: list[tuple[int, str, str]],
    *,
    kind: str = SupplierInvoice.Kind.INVOICE,
    status: str = SupplierInvoice.Status.APPROVED,
) -> SupplierInvoice:
    """``lines``: (position of the order line, quantity, amount)."""
    total = sum((D(a) for _p, _q, a in lines), D(0))
    invoice = SupplierInvoice.objects.create(
        kind=kind,
        supplier=order.supplier,
        order=order,
        number=number,
        invoice_date=day,
        currency=order.currency,
        eur_rate=D(rate),
        due_date=day,
        total=total,
        status=status,
    )
    order_lines = {line.position: line for line in order.lines.all()}
    for i, (position, quantity, amount) in enumerate(lines, start=1):
        SupplierInvoiceLine.objects.create(
            invoice=invoice,
            position=i,
            order_line=order_lines[position],
            quantity=D(quantity),
            unit_price=D(amount) / D(quantity),
            amount=D(amount),
        )
    return invoice


@pytest.fixture
def world() -> SimpleNamespace:
    """Supplier invoices (EUR = amount x the invoice's rate):
    Ningbo (CN, USD): 10 Feb 2026 at 0.95: 500 lids 1,000 -> 950; 5 March at 0.90: 1,000 lids
      2,400 -> 2,160 and 500 handles 1,200 -> 1,080; credit note 20 March at 0.90: 100 lids
      240 -> -216; 15 March 2025 at 0.80: 100 handles 500 -> 400 (the year before).
    Mumbai (IN, EUR): 10 March: 100 lids 300; a cancelled invoice of 999 left out.
    Spend Feb-Mar 2026 = 950 + 2,160 + 1,080 - 216 + 300 = 4,274; a year earlier 400.
    """
    ningbo = Company.objects.create(name="Ningbo Enamel", country="CN", roles=",supplier,")
    mumbai = Company.objects.create(name="Mumbai Metals", country="IN", roles=",supplier,")
    lid, handle = _product("LID", "732394"), _product("HDL", "392410")
    po_n = _order(ningbo, "USD", (lid, "1500"), (handle, "600"))
    po_m = _order(mumbai, "EUR", (lid, "200"))
    _invoice(po_n, "N2", dt.date(2026, 2, 10), "0.95", [(1, "500", "1000")])
    _invoice(po_n, "N1", dt.date(2026, 3, 5), "0.90", [(1, "1000", "2400"), (2, "500", "1200")])
    _invoice(
        po_n,
        "CN1",
        dt.date(2026, 3, 20),
        "0.90",
        [(1, "100", "240")],
        kind=SupplierInvoice.Kind.CREDIT_NOTE,
    )
    _invoice(po_n, "N3", dt.date(2025, 3, 15), "0.80", [(2, "100", "500")])
    _invoice(po_m, "M1", dt.date(2026, 3, 10), "1", [(1, "100", "300")])
    _invoice(
        po_m,
        "M0",
        dt.date(2026, 3, 12),
        "1",
        [(1, "100", "999")],
        status=SupplierInvoice.Status.CANCELLED,
    )
    return SimpleNamespace(ningbo=ningbo, mumbai=mumbai, lid=lid, handle=handle, po_n=po_n)


def build(**filters: Any) -> Dashboard:
    return purchasing.build(ReportFilters(period=FEB_MAR, **filters), None)


def test_registered_with_its_filters() -> None:
    spec = registry.get("purchasing")
    assert spec is not None
    assert spec.filters == ("period", "compare", "supplier_id", "country", "product_id")


def test_spend_by_supplier_country_family_and_month(world: SimpleNamespace) -> None:
    board = build()
    assert figure(board, "spend").value == D("4274.00")
    assert figure(board, "spend").previous == D("400.00")
    assert figure(board, "suppliers").value == 2
    assert rows(board, "spend_by_supplier") == [
        ("Ningbo Enamel", "CN", 3, D("3974.00"), D("93.0")),
        ("Mumbai Metals", "IN", 1, D("300.00"), D("7.0")),
    ]
    assert rows(board, "spend_by_country") == [
        ("CN", 1, D("3974.00"), D("93.0")),
        ("IN", 1, D("300.00"), D("7.0")),
    ]
    # chapter 73 (lids): 950 + 2,160 - 216 + 300; chapter 39 (handles): 1,080
    assert rows(board, "spend_by_family") == [
        ("73", D("3194.00"), D("74.7")),
        ("39", D("1080.00"), D("25.3")),
    ]
    months = table(board, "spend_by_month")
    assert [r.values[1:] for r in months.rows] == [
        (D("950.00"), D("0")),
        (D("3324.00"), D("400.00")),
    ]
    assert months.total is not None and months.total.values[1:] == (D("4274.00"), D("400.00"))


def test_price_trend_index_against_the_first_month(world: SimpleNamespace) -> None:
    trend = rows(build(), "price_trends")
    # lids: February 950 / 500 = 1.90; March (2,160 + 300) / 1,100 = 2.2364 -> index 117.7;
    # handles: March 1,080 / 500 = 2.16 -> 100 (the credit note is left out)
    assert [(r[0], r[2], r[3]) for r in trend] == [
        ("LID LID en", D("1.9000"), D("100.0")),
        ("LID LID en", D("2.2364"), D("117.7")),
        ("HDL HDL en", D("2.1600"), D("100.0")),
    ]


def test_filters_supplier_country_product(world: SimpleNamespace) -> None:
    assert figure(build(supplier_id=world.ningbo.pk), "spend").value == D("3974.00")
    assert figure(build(country="IN"), "spend").value == D("300.00")
    assert figure(build(country="IN"), "spend").previous == D("0.00")
    assert figure(build(product_id=world.handle.pk), "spend").value == D("1080.00")
    assert figure(build(product_id=world.handle.pk), "spend").previous == D("400.00")
    later = purchasing.build(
        ReportFilters(period=Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), compare=False),
        None,
    )
    assert figure(later, "spend").value == D("3324.00")
    assert figure(later, "spend").previous is None


def _delivery(file: SupplierFile, ref: str, day: dt.date, on_time: bool, in_full: bool) -> None:
    Delivery.objects.create(
        supplier=file,
        order_ref=ref,
        promised_date=day,
        delivered_date=day,
        quantity_ordered=D(10),
        quantity_received=D(10),
        quantity_accepted=D(10),
        on_time=on_time,
        in_full=in_full,
    )


def test_otif_per_supplier(world: SimpleNamespace) -> None:
    ningbo = SupplierFile.objects.create(company=world.ningbo)
    mumbai = SupplierFile.objects.create(company=world.mumbai)
    march = dt.date(2026, 3, 10)
    for ref, on_time, in_full in (("a", True, True), ("b", False, True), ("c", True, False)):
        _delivery(ningbo, ref, march, on_time, in_full)
    _delivery(ningbo, "d", dt.date(2026, 2, 10), True, True)
    _delivery(mumbai, "e", march, True, True)
    _delivery(ningbo, "old", dt.date(2025, 3, 10), False, False)
    board = build()
    assert rows(board, "otif_by_supplier") == [
        ("Mumbai Metals", 1, D("100.0"), D("100.0"), D("100.0")),
        ("Ningbo Enamel", 4, D("75.0"), D("75.0"), D("50.0")),
    ]
    assert figure(board, "otif").value == D("60.0")  # 3 of 5
    assert figure(board, "otif").previous == D("0.0")
    assert table(board, "otif_by_supplier").rows[1].link == f"/suppliers/{ningbo.pk}/performance/"
    assert figure(build(country="IN"), "otif").value == D("100.0")


def test_landed_cost_uplift(world: SimpleNamespace) -> None:
    receipt = Receipt.objects.create(
        order=world.po_n, number="REC-1", received_on=dt.date(2026, 3, 8)
    )
    draft_receipt = Receipt.objects.create(
        order=world.po_n, number="REC-2", received_on=dt.date(2026, 3, 9)
    )
    applied = LandedCost.objects.create(receipt=receipt, status=LandedCost.Status.APPLIED)
    draft = LandedCost.objects.create(receipt=draft_receipt)
    for cost, position, product, goods, total in (
        (applied, 1, world.lid, "2160", "2592"),
        (applied, 2, world.handle, "1080", "1188"),
        (draft, 1, world.lid, "100", "500"),
    ):
        line = world.po_n.lines.get(position=position)
        received = ReceiptLine.objects.create(
            receipt=cost.receipt, line=line, quantity_received=D(1), quantity_accepted=D(1)
        )
        LandedCostLine.objects.create(
            landed_cost=cost,
            receipt_line=received,
            product=product,
            quantity=D(1),
            goods_eur=D(goods),
            total_eur=D(total),
        )
    board = build()
    # (2,592 + 1,188 - 3,240) / 3,240
    assert figure(board, "landed_uplift").value == D("16.7")
    assert rows(board, "landed_by_product") == [
        ("LID LID en", "Ningbo Enamel", 1, D("2160.00"), D("2592.00"), D("20.0")),
        ("HDL HDL en", "Ningbo Enamel", 1, D("1080.00"), D("1188.00"), D("10.0")),
    ]
    assert figure(build(product_id=world.handle.pk), "landed_uplift").value == D("10.0")
    assert figure(build(country="IN"), "landed_uplift").value is None


def test_query_count_is_bounded(world: SimpleNamespace, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(16):
        build()
