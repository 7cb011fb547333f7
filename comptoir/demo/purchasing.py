"""The demo's purchase orders, built through the purchasing services:

- enamelled cast-iron lids from the Chinese supplier, FOB Ningbo in USD, 30 % deposit at
  order and the balance against a copy of the B/L: confirmed with a price difference
  (accepted), produced, inspected, shipped in one inbound container, then received with a
  shortage of 200 lids that opens a supplier claim with its 8-day deadline;
- stainless-steel blanks from the Indian supplier, FOB Mumbai in USD, paid by a
  documentary credit at 60 days: confirmed as ordered, in production, due next month;
- olive-wood handles from the Portuguese supplier, FCA Porto in EUR, open account 30 days
  after the invoice: sent, awaiting the supplier's confirmation, already late.

Input: ``users`` (the demo's users by name; "julien" is the buyer). Needs the companies
with the supplier role (China, India, Portugal) and creates the lid products when the
catalogue has none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.catalog import services as catalog
from comptoir.catalog.models import Product
from comptoir.catalog.values import ProductValues
from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.purchasing import from_tender, selectors, services
from comptoir.purchasing.inputs import (
    ConfirmationValues,
    ConfirmedLineValues,
    InspectionValues,
    LineValues,
    MilestoneValues,
    OrderValues,
    ReceiptLineValues,
    ReceiptValues,
)
from comptoir.purchasing.models import Receipt, SupplierClaim
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import EventValues, MilestonePlan
from comptoir.tenders import selectors as tenders

D = Decimal
LIDS = [
    ("CMP-LID-24", "Couvercle fonte émaillée 24 cm", "Enamelled cast-iron lid 24 cm", "1.6"),
    ("CMP-LID-28", "Couvercle fonte émaillée 28 cm", "Enamelled cast-iron lid 28 cm", "2.1"),
]


def _supplier(country: str) -> Company | None:
    return Company.objects.with_role("supplier").filter(country=country).order_by("pk").first()


def _lids(user: User | None) -> list[Product]:
    """The enamelled lids (the tenders demo may have created them already)."""
    found = list(
        Product.objects.filter(name_en__icontains="enamel")
        .filter(name_en__icontains="lid")
        .order_by("pk")[:2]
    )
    if len(found) == 2:
        return found
    products = []
    for reference, name_fr, name_en, weight in LIDS:
        existing = Product.objects.filter(reference=reference).first()
        products.append(
            existing
            or catalog.save_product(
                product=None,
                values=ProductValues(
                    reference=reference,
                    name_fr=name_fr,
                    name_en=name_en,
                    hs_code="732394",
                    cn_code="73239400",
                    origin_country="CN",
                    net_weight_kg=D(weight),
                    gross_weight_kg=D(weight) + D("0.15"),
                    cost_price=D("2.40"),
                ),
                user=user,
            )
        )
    return products


def _lid_order(buyer: User, start: dt.date) -> dict[str, int]:
    supplier = _supplier("CN")
    if supplier is None:
        return {}
    lids = _lids(None)
    order = services.create_order(
        values=OrderValues(
            supplier=supplier,
            supplier_reference="PI-2026-118",
            order_date=start,
            currency="USD",
            incoterm="FOB",
            named_place="Ningbo",
            payment_instrument="deposit",
            deposit_pct=D("30"),
            balance_trigger="bl_copy",
            requested_date=start + dt.timedelta(days=35),
            terms="Packing: 6 lids per export carton, cartons palletised and stretch-wrapped.",
        ),
        lines=[
            LineValues(
                product=lids[0],
                quantity=D("5000"),
                unit_price=D("1.85"),
                supplier_reference="HL-EL-24",
            ),
            LineValues(
                product=lids[1],
                quantity=D("3000"),
                unit_price=D("2.10"),
                supplier_reference="HL-EL-28",
            ),
        ],
        user=buyer,
    )
    services.issue_order(order=order, user=buyer)
    first, second = selectors.order_lines(order)
    confirmation = services.record_confirmation(
        order=order,
        values=ConfirmationValues(
            received_on=start + dt.timedelta(days=2),
            reference="SC-26-0412",
            currency="USD",
            incoterm="FOB",
            named_place="Ningbo",
            ready_date=start + dt.timedelta(days=38),
        ),
        lines=[
            ConfirmedLineValues(line=first, quantity=D("5000"), unit_price=D("1.85")),
            ConfirmedLineValues(line=second, quantity=D("3000"), unit_price=D("2.15")),
        ],
        user=buyer,
    )
    services.decide_confirmation(
        confirmation=confirmation,
        accept=True,
        note="Enamel price rise accepted for the 28 cm lids (their letter of 3 March).",
        user=buyer,
    )
    order.refresh_from_db()
    deposit = order.payments.get(kind="deposit")
    services.mark_paid(
        payment=deposit, paid_on=start + dt.timedelta(days=3), reference="SWIFT 118", user=buyer
    )
    for kind, planned, done in (
        ("production_start", 7, 8),
        ("production_end", 32, 34),
        ("packing", 35, 36),
    ):
        services.save_milestone(
            order=order,
            values=MilestoneValues(
                kind=kind,
                planned_on=start + dt.timedelta(days=planned),
                actual_on=start + dt.timedelta(days=done),
            ),
            user=buyer,
        )
    services.record_inspection(
        order=order,
        values=InspectionValues(
            inspector="QIMA Ningbo",
            inspection_date=start + dt.timedelta(days=36),
            result="pass",
            remarks="AQL 2.5 general level II: 0 critical, 2 minor (enamel specks).",
        ),
        user=buyer,
    )
    services.set_ready(order=order, ready_on=start + dt.timedelta(days=37), user=buyer)
    shipment = services.create_inbound_shipment(order=order, user=buyer)
    departure = start + dt.timedelta(days=40)
    arrival = start + dt.timedelta(days=72)
    shipping.plan_milestones(
        shipment=shipment,
        plans=[
            MilestonePlan(step="departure", planned_on=departure, location="Ningbo"),
            MilestonePlan(step="arrival", planned_on=arrival, location="Le Havre"),
            MilestonePlan(step="delivery", planned_on=arrival + dt.timedelta(days=4)),
        ],
        user=buyer,
    )
    for step, day, place in (
        ("departure", departure, "Ningbo"),
        ("arrival", arrival, "Le Havre"),
        ("delivery", arrival + dt.timedelta(days=4), "Thiers"),
    ):
        shipping.record_event(
            shipment=shipment,
            event=EventValues(
                occurred_at=dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC),
                description=f"{step} {place}",
                step=step,
                location=place,
            ),
            user=buyer,
        )
    services.set_payment_event(order=order, event="bl_copy", day=departure, user=buyer)
    received_on = arrival + dt.timedelta(days=4)
    services.record_receipt(
        order=order,
        values=ReceiptValues(
            received_on=received_on,
            delivery_note="CMR HAV-5521",
            quality_result="conditional",
            remarks="Container seal intact; 34 cartons short against the packing list.",
        ),
        lines=[
            ReceiptLineValues(
                line=first,
                quantity_expected=D("5000"),
                quantity_received=D("4800"),
                note="200 lids (34 cartons) missing against the packing list.",
            ),
            ReceiptLineValues(line=second, quantity_received=D("3000")),
        ],
        user=buyer,
    )
    return {"purchase_orders": 1, "receipts": 1, "supplier_claims": order.claims.count()}


def _lc_order(buyer: User, start: dt.date) -> int:
    supplier = _supplier("IN")
    # the enamelled lid the Pune supplier quotes FOB Mumbai on the supplier panel
    product = Product.objects.filter(reference="CMP-COUV-24").first()
    if supplier is None or product is None:
        return 0
    order = services.create_order(
        values=OrderValues(
            supplier=supplier,
            order_date=start,
            currency="USD",
            incoterm="FOB",
            named_place="Mumbai (Nhava Sheva)",
            payment_instrument="lc",
            balance_trigger="documents",
            payment_days=60,
            requested_date=today() + dt.timedelta(days=25),
            terms="Payment by irrevocable documentary credit, 60 days after the B/L date.",
        ),
        lines=[
            LineValues(
                product=product,
                quantity=D("2400"),
                unit_price=D("4.40"),
                supplier_reference="PSW-LD240",
            )
        ],
        user=buyer,
    )
    services.issue_order(order=order, user=buyer)
    line = selectors.order_lines(order)[0]
    services.record_confirmation(
        order=order,
        values=ConfirmationValues(
            received_on=start + dt.timedelta(days=3),
            currency="USD",
            incoterm="FOB",
            named_place="Mumbai (Nhava Sheva)",
            ready_date=today() + dt.timedelta(days=25),
        ),
        lines=[
            ConfirmedLineValues(
                line=line,
                quantity=line.quantity,
                unit_price=line.unit_price,
                date=today() + dt.timedelta(days=25),
            )
        ],
        user=buyer,
    )
    services.save_milestone(
        order=order,
        values=MilestoneValues(
            kind="production_start",
            planned_on=today() - dt.timedelta(days=5),
            actual_on=today() - dt.timedelta(days=4),
        ),
        user=buyer,
    )
    return 1


def _late_order(buyer: User) -> int:
    supplier = _supplier("PT")
    product = Product.objects.filter(origin_country="PT").order_by("pk").first()
    if supplier is None or product is None:
        return 0
    order = services.create_order(
        values=OrderValues(
            supplier=supplier,
            order_date=today() - dt.timedelta(days=30),
            currency="EUR",
            incoterm="FCA",
            named_place="Porto",
            transport_mode="road",
            payment_instrument="open_account",
            balance_trigger="invoice",
            payment_days=30,
            requested_date=today() - dt.timedelta(days=3),
            language="fr",
        ),
        lines=[LineValues(product=product, quantity=D("6000"), unit_price=D("0.62"))],
        user=buyer,
    )
    services.issue_order(order=order, user=buyer)
    return 1


def _disc_order(buyer: User, start: dt.date) -> int:
    """Aluminium discs from Italy, DAP our warehouse by road, received in full."""
    supplier = _supplier("IT")
    product = Product.objects.filter(reference="CMP-DISC").first()
    if supplier is None or product is None:
        return 0
    order = services.create_order(
        values=OrderValues(
            supplier=supplier,
            supplier_reference="OF-26-0412",
            order_date=start,
            currency="EUR",
            incoterm="DAP",
            named_place="Thiers",
            transport_mode="road",
            payment_instrument="open_account",
            balance_trigger="invoice",
            payment_days=60,
            requested_date=start + dt.timedelta(days=21),
        ),
        lines=[
            LineValues(
                product=product,
                quantity=D("3000"),
                unit_price=D("2.20"),
                supplier_reference="AB-D300-2.5",
            )
        ],
        user=buyer,
    )
    services.issue_order(order=order, user=buyer)
    line = selectors.order_lines(order)[0]
    services.record_receipt(
        order=order,
        values=ReceiptValues(
            received_on=start + dt.timedelta(days=20),
            delivery_note="CMR AB-77120",
            quality_result="pass",
        ),
        lines=[ReceiptLineValues(line=line, quantity_received=D("3000"))],
        user=buyer,
    )
    return 1


def _from_tender(buyer: User) -> int:
    """The draft order of the decided tender for enamelled lids, left for the buyer to check
    and issue."""
    tender = tenders.decided_tenders().first()
    if tender is None:
        return 0
    return len(from_tender.create_orders_from_tender(tender=tender, order_date=today(), user=buyer))


def build(users: dict[str, User]) -> dict[str, int]:
    """The purchasing demo; how many orders, receipts and claims were made."""
    buyer = users.get("julien") or next(iter(users.values()))
    made = _lid_order(buyer, today() - dt.timedelta(days=80))
    orders = made.get("purchase_orders", 0)
    orders += _lc_order(buyer, today() - dt.timedelta(days=20))
    orders += _late_order(buyer)
    orders += _disc_order(buyer, today() - dt.timedelta(days=45))
    orders += _from_tender(buyer)
    return {
        "purchase_orders": orders,
        "receipts": Receipt.objects.count(),
        "supplier_claims": SupplierClaim.objects.count(),
    }
