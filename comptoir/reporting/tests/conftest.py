"""Hand-made facts for the pivot tests, whose answers were computed by hand.

2026: invoice I1 (DE client, EUR, March) 10 x P1 = 1 000 EUR, P1 cost 50 EUR on the offer;
invoice I2 (US client, USD at 0.9, April) 5 x P2 = 1 000 USD = 900 EUR, no offer;
credit note C1 on I1 (April) 2 x P1 = 200 EUR; a draft (5 000 EUR) that never counts.
2025: invoice I0 (DE, EUR, March) 500 EUR.
Orders: O1 (DE, EUR, March 2026) 1 000 EUR; O2 (US, USD, April 2026) 1 000 USD.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from comptoir.calculators.models import ExchangeRate
from comptoir.catalog.models import Product
from comptoir.parties.models import Company, Zone
from comptoir.sales.facts import write_facts
from comptoir.sales.models import Invoice, InvoiceLine, Offer, OfferLine, Order, OrderLine
from comptoir.shipping.models import Milestone, Shipment

D = Decimal


def _product(reference: str, hs: str) -> Product:
    return Product.objects.create(
        reference=reference,
        name_fr=f"Produit {reference}",
        name_en=f"Product {reference}",
        hs_code=hs,
        origin_country="FR",
        net_weight_kg=D("2"),
        gross_weight_kg=D("2.5"),
        cost_price=D("40"),
    )


def _invoice(
    number: str,
    client: Company,
    day: dt.date,
    currency: str,
    rate: str,
    lines: list[tuple[Product, str, str, OrderLine | None]],
    *,
    kind: str = "invoice",
    status: str = "issued",
    order: Order | None = None,
) -> Invoice:
    invoice = Invoice.objects.create(
        kind=kind,
        status=status,
        number=number if status == "issued" else None,
        client=client,
        order=order,
        issue_date=day,
        currency=currency,
        eur_rate=D(rate),
    )
    for product, quantity, amount, order_line in lines:
        InvoiceLine.objects.create(
            invoice=invoice,
            order_line=order_line,
            product=product,
            reference=product.reference,
            description=product.name_en,
            quantity=D(quantity),
            unit_price=D(amount) / D(quantity),
            net_amount=D(amount),
            net_weight_kg=D(quantity) * 2,
        )
    write_facts([invoice.pk])  # as the issuing service does (nothing for a draft)
    return invoice


def _order(number: str, client: Company, day: dt.date, offer: Offer | None = None) -> Order:
    return Order.objects.create(
        number=number,
        client=client,
        offer=offer,
        client_reference="PO",
        order_date=day,
        status=Order.Status.CONFIRMED,
        currency=client.currency,
        incoterm="FCA",
        incoterm_place="Thiers",
        transport_mode="sea" if client.country == "US" else "road",
    )


@pytest.fixture
def facts(db: Any) -> SimpleNamespace:
    europe = Zone.objects.create(name="Europe")
    americas = Zone.objects.create(name="Americas")
    de = Company.objects.create(
        name="Berger GmbH", country="DE", currency="EUR", roles=",client,", zone=europe
    )
    us = Company.objects.create(
        name="Chef's Table", country="US", currency="USD", roles=",client,", zone=americas
    )
    p1, p2 = _product("P1", "732392"), _product("P2", "820551")
    ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=D("0.9")
    )
    offer = Offer.objects.create(
        number="OF-1",
        client=de,
        status=Offer.Status.ACCEPTED,
        offer_date=dt.date(2026, 2, 1),
        valid_until=dt.date(2026, 3, 1),
        lead_time="4 weeks",
        incoterm_place="Thiers",
    )
    OfferLine.objects.create(
        offer=offer, product=p1, quantity=D(10), unit_price=D(100), unit_cost_eur=D(50)
    )
    o1 = _order("OR-1", de, dt.date(2026, 3, 5), offer)
    l1 = OrderLine.objects.create(order=o1, product=p1, quantity=D(10), unit_price=D(100))
    o2 = _order("OR-2", us, dt.date(2026, 4, 10))
    l2 = OrderLine.objects.create(order=o2, product=p2, quantity=D(5), unit_price=D(200))
    i1 = _invoice("IN-1", de, dt.date(2026, 3, 10), "EUR", "1", [(p1, "10", "1000", l1)], order=o1)
    i2 = _invoice("IN-2", us, dt.date(2026, 4, 15), "USD", "0.9", [(p2, "5", "1000", l2)], order=o2)
    c1 = _invoice(
        "AV-1",
        de,
        dt.date(2026, 4, 20),
        "EUR",
        "1",
        [(p1, "2", "200", l1)],
        kind="credit_note",
        order=o1,
    )
    _invoice("", de, dt.date(2026, 3, 12), "EUR", "1", [(p1, "50", "5000", None)], status="draft")
    i0 = _invoice("IN-0", de, dt.date(2025, 3, 10), "EUR", "1", [(p1, "5", "500", None)])
    shipment = Shipment.objects.create(
        number="SH-1",
        mode="sea_fcl",
        partner=us,
        incoterm="FOB",
        origin_country="FR",
        destination_country="US",
        value=D("1000"),
        currency="USD",
        gross_weight_kg=D("120"),
        freight_cost=D("300"),
        freight_currency="EUR",
    )
    Milestone.objects.create(shipment=shipment, step="departure", planned_on=dt.date(2026, 4, 16))
    return SimpleNamespace(
        de=de, us=us, europe=europe, americas=americas, p1=p1, p2=p2, i0=i0, i1=i1, i2=i2,
        c1=c1, o1=o1, o2=o2, shipment=shipment,
    )  # fmt: skip


# the shell's fake dashboard (shell_fakes.py), as a fixture for every test of this folder
# the sales and receivables dashboards' hand-made worlds (sales_facts.py)
from .sales_facts import receivables_world, sales_world  # noqa: E402, F401
from .shell_fakes import fake_dashboard  # noqa: E402, F401
