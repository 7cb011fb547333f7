"""The demo's two earlier years (``demo/history.py``): the deals written, and what the demo
built from them (checked on the demo built by ``test_demo``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from comptoir.demo import data, history


def _revenue(deals: list[data.DealSpec], client: str, year: int) -> Decimal:
    prices = {row[0]: row[15] for row in data.PRODUCTS}
    start = history.HISTORY_START.replace(year=history.HISTORY_START.year + year)
    end = start.replace(year=start.year + 1)
    return sum(
        (
            prices[ref] * qty
            for deal in deals
            if deal["client"] == client
            and "order" in deal
            and start <= dt.date.fromisoformat(deal["order"]) < end
            for ref, qty in deal["lines"]
        ),
        Decimal(0),
    )


def test_the_history_deals_are_the_same_for_the_same_seed_and_differ_for_another() -> None:
    assert history.sales_deals() == history.sales_deals()
    assert history.sales_deals() != history.sales_deals(seed=history.SEED + 1)


def test_the_history_deals_fill_two_years_before_the_demo_year() -> None:
    deals = history.sales_deals()
    orders = [d for d in deals if "order" in d]
    years = Counter(
        0 if dt.date.fromisoformat(d["order"]) < dt.date(2024, 12, 1) else 1 for d in orders
    )
    assert years[0] >= 35 and years[1] >= 35, years
    known = {c["name"] for c in data.COMPANIES}
    for deal in deals:
        assert deal["client"] in known and deal.get("history") is True
        days = [deal.get("offer"), deal.get("order")] + [s for s, _q in deal.get("lots", [])]
        for day in filter(None, days):
            assert history.HISTORY_START <= dt.date.fromisoformat(day) < history.DEMO_YEAR_START
        if "offer" in deal and "order" in deal:  # ordered within the offer's validity
            offered = dt.date.fromisoformat(deal["offer"])
            assert offered <= dt.date.fromisoformat(deal["order"])
            assert (dt.date.fromisoformat(deal["order"]) - offered).days <= deal["valid"]
    # the earlier years' price lists: 6 % and 3 % below today's
    assert {d["tariff"] for d in orders} == set(history.TARIFFS)
    # some late payers, credit notes and declined offers
    assert sum(1 for d in deals if "pay" in d) >= 5
    assert sum(1 for d in deals if "credit" in d) >= 2
    assert sum(1 for d in deals if "declined" in d) >= 3


def test_the_history_shows_a_growing_country_and_a_falling_client() -> None:
    deals = history.sales_deals()
    us = "Chef's Table Imports Inc."
    italy = "Casa Cucina S.r.l."
    assert _revenue(deals, us, 1) > _revenue(deals, us, 0) * Decimal("1.3")
    assert _revenue(deals, italy, 1) < _revenue(deals, italy, 0)


def test_the_history_ends_before_each_clients_demo_year() -> None:
    """A client's history invoices are due before its first deal of the demo year, so the
    demo year's credit control finds the account the demo year's table expects."""
    for deal in history.sales_deals():
        first = history._first_demo_order(deal["client"])
        for ship, _q in deal.get("lots", []):
            assert dt.date.fromisoformat(ship) < first
