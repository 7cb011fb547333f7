"""Shared data of the shipping tests: the order-to-cash fixtures and a delivery to ship."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.sales import services as sales
from comptoir.sales.tests import conftest as sales_fixtures

# the order-to-cash fixtures, shared with this directory's tests
seller = sales_fixtures.seller
clients = sales_fixtures.clients
product = sales_fixtures.product
usd_rate = sales_fixtures.usd_rate
make_order = sales_fixtures.make_order


def make_delivery(client, product, quantity="10"):  # type: ignore[no-untyped-def]
    order = sales.confirm_order(order=make_order(client, product, "40", "79"), user=None)
    return sales.create_delivery(
        order=order,
        user=None,
        planned_date=dt.date(2026, 12, 10),
        quantities={order.lines.get().pk: Decimal(quantity)},
    )


@pytest.fixture
def delivery(seller, clients, product, usd_rate):  # type: ignore[no-untyped-def]
    return make_delivery(clients["us"], product)
