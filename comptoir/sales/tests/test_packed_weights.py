"""The delivery note, the invoice and the order documents print the same packed weights."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.sales import billing, selectors, services

from .conftest import make_order

pytestmark = pytest.mark.django_db


def test_the_invoice_weighs_what_the_delivery_weighs(seller, clients, product) -> None:  # type: ignore[no-untyped-def]
    order = services.confirm_order(order=make_order(clients["fr"], product, "9", "79"), user=None)
    delivery = services.create_delivery(
        order=order,
        user=None,
        planned_date=dt.date(2026, 12, 10),
        quantities={order.lines.get().pk: Decimal("9")},
    )
    packages = selectors.delivery_packages(delivery)
    # 9 casseroles, 2 per carton: 5 cartons of 10.4 kg (the last one half full), not 9 x 4.9
    assert (packages["cartons"], packages["gross"]) == (5, Decimal("52.000"))
    invoice = billing.draft_from_delivery(delivery=delivery, user=None)
    line = invoice.lines.get()
    assert line.gross_weight_kg == packages["gross"] == Decimal("52.000")
    assert line.net_weight_kg == packages["net"] == Decimal("38.700")


def test_a_product_without_packaging_weighs_its_units(product) -> None:  # type: ignore[no-untyped-def]
    product.units_per_carton = None
    assert selectors.packed_weights(product, Decimal("3")) == (
        None,
        Decimal("12.900"),
        Decimal("14.700"),
    )
