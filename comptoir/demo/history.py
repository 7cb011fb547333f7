"""Two earlier years of the demo company's business, so the dashboards' charts show trends.

Maison Ferrand's demo year (``demo/sales.py``, :data:`data.SALES_DEALS`) is the last twelve
months. This module writes the two years before it the way the desk lived them, and plays
them through the same services:

- **sales** (:func:`sales_deals`): offers, orders, deliveries, invoices, payments, a few
  credit notes, a few invoices paid late after dunning letters, a few offers declined.
  The deals are written in the demo year's table format and played on the sales demo's
  simulated clock *before* the demo year's deals (one event queue in date order), so every
  document is issued at its historical date by ``billing.issue`` and the gapless numbers of
  each year stay chronological. Trends: seasonality (a summer dip, the autumn peak before
  Christmas), the United States growing each year (Chef's Table), Casa Cucina (Italy)
  falling each year, the other clients steady; prices 6 % and 3 % below today's price list.
- **shipments** (:func:`build`): the earlier years' export deliveries shipped with their
  milestones (planned and actual: a few arrive late), the carrier or forwarder and the freight
  cost agreed, through ``shipping.services``.
- **purchasing** (:func:`build`): purchase orders to the component suppliers, received
  (one delivery short, a few late), invoiced by the supplier, approved and paid, through
  ``purchasing.services`` and ``supplier_invoices.services``; the aluminium discs' price rises
  8 % at the start of the last year (the supplier's letter). A short delivery closes the
  order (no claim left open), so nothing of the history waits for action today.

Deterministic: one seeded ``random.Random``. Dates are written on the sales demo's reference
calendar (:data:`sales.REFERENCE_TODAY`) and shifted like the demo year's. Cost is bounded
(about 50 invoices a year, about as many as the demo year, few lines each: each is issued
with its PDF): the demo is loaded by ``make run`` and by the tests that build it.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import random
import zoneinfo
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from unittest import mock

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.purchasing import selectors as purchasing_selectors
from comptoir.purchasing import services as purchasing
from comptoir.purchasing.inputs import LineValues, OrderValues, ReceiptLineValues, ReceiptValues
from comptoir.sales.models import Delivery
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import EventValues, MilestonePlan, ShipmentDetails
from comptoir.shipping.models import Shipment
from comptoir.supplier_invoices import services as supplier_invoices
from comptoir.supplier_invoices.inputs import InvoiceLineValues, InvoiceValues, PaymentValues

from . import data

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

#: The first day of the demo year on the reference calendar: the history ends the day before.
DEMO_YEAR_START = dt.date(2025, 12, 1)
#: The history's first day: two years before the demo year.
HISTORY_START = dt.date(2023, 12, 1)
SEED = 1724

#: Share of a year's orders placed in each calendar month (January first): cookware sells
#: before Christmas, little in August.
SEASON = (0.8, 0.75, 1.0, 1.0, 0.95, 0.85, 0.7, 0.45, 1.25, 1.4, 1.3, 0.75)

#: Per client: revenue in EUR of the year two years ago and of last year (the demo year comes
#: after), deals a year, and lots per deal (1 or 2). Chef's Table grows (the United States),
#: Casa Cucina falls (a cheaper non-stick range from China, the demo year's declined offer).
PROFILES: dict[str, tuple[int, int, int, int]] = {
    "Chef's Table Imports Inc.": (80_000, 135_000, 6, 2),
    "Casa Cucina S.r.l.": (330_000, 170_000, 7, 2),
    "Küchenhaus Berger GmbH": (85_000, 80_000, 6, 1),
    "Maison Gourmet Québec inc.": (40_000, 45_000, 3, 1),
    "Outback Kitchenware Pty Ltd": (28_000, 38_000, 2, 1),
    "Harcourt Kitchen Supplies Ltd": (36_000, 38_000, 4, 1),
    "Kitchen Art Tokyo K.K.": (24_000, 27_000, 3, 1),
    "Gulf Hospitality Trading LLC": (22_000, 26_000, 1, 1),
    "Alpenküche AG": (30_000, 31_000, 3, 1),
    "Cozinha Nobre Comércio Ltda": (0, 20_000, 1, 1),
    "Cuisine Plaisir SPRL": (21_000, 22_000, 4, 1),
    "Comptoir Atlantique Export SAS": (12_000, 16_000, 2, 1),
    "Arts Culinaires du Maroc SARL": (12_000, 15_000, 1, 1),
    "Cuisines Lyonnaises SARL": (7_000, 7_000, 2, 1),
}
#: Price list of each earlier year, in % of today's (the oldest first).
TARIFFS = (94, 97)
#: Clients who sometimes pay late (after dunning letters), and how often.
SLOW_PAYERS = {
    "Casa Cucina S.r.l.": 0.3,
    "Maison Gourmet Québec inc.": 0.35,
    "Harcourt Kitchen Supplies Ltd": 0.25,
    "Cuisine Plaisir SPRL": 0.25,
}
#: Days from the order to the first shipment, by the client's Incoterm (road, sea, air).
LEAD_DAYS = {"road": (12, 20), "sea": (25, 38), "air": (12, 16)}
CREDIT_REASONS = (
    "{n} pieces {ref} damaged in transit (carton crushed, reserves on the delivery note): "
    "credited, not replaced.",
    "{n} pieces {ref} with an enamel defect found at the client's goods-in check: credited.",
    "{n} pieces {ref} invoiced but not loaded (picking error): credited.",
)
DECLINE_REASONS = (
    "Budget frozen until the next season.",
    "Quantities too small for a container: to be grouped with the next order.",
    "A local supplier's price is 10 % lower on the stainless range.",
    "The buyer left; the new buyer reviews the ranges first.",
)


def _mode(client: str) -> str:
    incoterm = next(c["incoterm"] for c in data.COMPANIES if c["name"] == client)
    return (
        "sea"
        if incoterm in ("FAS", "FOB", "CFR", "CIF")
        else "air"
        if incoterm == "CIP"
        else "road"
    )


def _terms(client: str) -> tuple[int, bool]:
    spec = next(c for c in data.COMPANIES if c["name"] == client)
    return spec["days"], spec["eom"]


def _ranges() -> dict[str, list[str]]:
    """The products each client buys in the demo year (its usual range)."""
    found: dict[str, list[str]] = {}
    for deal in data.SALES_DEALS:
        refs = found.setdefault(deal["client"], [])
        refs.extend(ref for ref, _qty in deal["lines"] if ref not in refs)
    return found


def _first_demo_order(client: str) -> dt.date:
    """The client's first offer or order of the demo year (reference calendar)."""
    days = [
        dt.date.fromisoformat(day)
        for deal in data.SALES_DEALS
        if deal["client"] == client
        for day in (deal.get("offer"), deal.get("order"))
        if day
    ]
    return min(days, default=DEMO_YEAR_START + dt.timedelta(days=60))


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _months() -> Iterator[tuple[int, dt.date]]:
    """(year index 0 or 1, first day) of each month of the history."""
    day = HISTORY_START
    while day < DEMO_YEAR_START:
        yield (0 if day < HISTORY_START.replace(year=HISTORY_START.year + 1) else 1), day
        day = (day + dt.timedelta(days=32)).replace(day=1)


def sales_deals(seed: int = SEED) -> list[data.DealSpec]:
    """The deals of the two earlier years, in the demo year's table format (dates on the
    reference calendar). Pure: reads :mod:`data` only, the same list for the same seed."""
    rng = random.Random(seed)
    prices = {row[0]: Decimal(row[15]) for row in data.PRODUCTS}
    ranges = _ranges()
    months = list(_months())
    deals: list[data.DealSpec] = []
    for client, (first_year, last_year, per_year, max_lots) in PROFILES.items():
        days, eom = _terms(client)
        mode = _mode(client)
        # The demo year's credit control must see the account as the demo year's table
        # expects: no history invoice overdue at its first deal (late payers well before),
        # and a long-term client's history invoices due before it (its credit limit).
        term = days + (31 if eom else 0)
        first_demo = _first_demo_order(client)
        latest_ship = min(
            first_demo - dt.timedelta(days=60 if term >= 90 else 10),
            DEMO_YEAR_START - dt.timedelta(days=3),
        )
        latest_late = first_demo - dt.timedelta(days=term + 75)
        latest_order = latest_ship - dt.timedelta(days=LEAD_DAYS[mode][1] + 2)
        for year, revenue in enumerate((first_year, last_year)):
            in_year = [m for y, m in months if y == year and m <= latest_order]
            if not revenue or not in_year:
                continue
            for month in _spread(rng, in_year, per_year):
                value = revenue / per_year * rng.uniform(0.75, 1.25)
                deal = _deal(
                    rng, client, month, value, year, mode, max_lots, ranges, prices, latest_order
                )
                if _last_ship(deal) > latest_ship:
                    deal["lots"] = deal["lots"][:1]  # the rest with the first lot
                    deal["lots"][0] = (deal["lots"][0][0], None)
                _late_or_credit(rng, deal, client, _last_ship(deal) <= latest_late)
                deals.append(deal)
                if "offer" in deal and rng.random() < 0.2:
                    deals.append(_declined(rng, client, month, ranges[client], TARIFFS[year]))
    return deals


def _spread(rng: random.Random, months: list[dt.date], count: int) -> list[dt.date]:
    """``count`` months drawn one in each equal share of the year's seasonal weight, so the
    deals follow the season without clustering by chance."""
    bounds = list(itertools.accumulate(SEASON[m.month - 1] for m in months))
    total = bounds[-1]
    return [
        months[min(bisect.bisect_left(bounds, (k + rng.random()) / count * total), len(months) - 1)]
        for k in range(count)
    ]


def _iso(day: dt.date) -> str:
    return _weekday(day).isoformat()


def _deal(
    rng: random.Random,
    client: str,
    month: dt.date,
    value: float,
    year: int,
    mode: str,
    max_lots: int,
    ranges: dict[str, list[str]],
    prices: dict[str, Decimal],
    latest_order: dt.date,
) -> data.DealSpec:
    refs = rng.sample(ranges[client], k=min(len(ranges[client]), rng.choice((2, 3, 3, 4))))
    share = value / len(refs)
    lines = []
    for ref in refs:
        quantity = max(6, round(share / float(prices[ref]) / 6) * 6)  # whole cartons of 6
        lines.append((ref, quantity))
    ordered = month + dt.timedelta(days=rng.randint(0, 24))
    while ordered > latest_order or ordered.weekday() >= 5:
        ordered -= dt.timedelta(days=1)
    first_ship = _weekday(ordered + dt.timedelta(days=rng.randint(*LEAD_DAYS[mode])))
    deal: data.DealSpec = {
        "client": client,
        "lines": lines,
        "order": ordered.isoformat(),
        "ref": f"{client[:3].upper()}-{ordered:%y%m}-{rng.randint(100, 999)}",
        "requested": _iso(first_ship + dt.timedelta(days=3)),
        "history": True,
        "tariff": TARIFFS[year],
    }
    if rng.random() < 0.6:  # quoted first
        offered = _weekday(ordered - dt.timedelta(days=rng.randint(7, 20)))
        if offered >= HISTORY_START:
            deal["offer"] = offered.isoformat()
            deal["valid"] = 30
    if max_lots > 1 and len(lines) > 1 and rng.random() < 0.6:
        half = {ref: qty for ref, qty in lines[: len(lines) // 2]}
        deal["lots"] = [
            (first_ship.isoformat(), half),
            (_iso(first_ship + dt.timedelta(days=rng.randint(21, 35))), None),
        ]
    else:
        deal["lots"] = [(first_ship.isoformat(), None)]
    if client == "Arts Culinaires du Maroc SARL":
        deal["advance"] = True  # paid in advance, invoiced when confirmed
    return deal


def _last_ship(deal: data.DealSpec) -> dt.date:
    return max(dt.date.fromisoformat(ship) for ship, _q in deal.get("lots", []))


def _late_or_credit(
    rng: random.Random, deal: data.DealSpec, client: str, may_be_late: bool
) -> None:
    """Now and then the first lot is paid late (after dunning) or partly credited."""
    if deal.get("advance"):
        return
    if rng.random() < SLOW_PAYERS.get(client, 0.0) and may_be_late:
        deal["pay"] = {0: ("after_due", rng.randint(24, 50))}
    elif rng.random() < 0.08 and _terms(client)[0] >= 30:  # credited before it is paid
        ship, quantities = deal["lots"][0]
        ref, qty = next(
            (r, q) for r, q in deal["lines"] if quantities is None or quantities.get(r, 0)
        )
        n = max(1, min(qty // 20, 12))
        day = _iso(dt.date.fromisoformat(ship) + dt.timedelta(days=rng.randint(9, 18)))
        reason = rng.choice(CREDIT_REASONS).format(n=n, ref=ref)
        deal["credit"] = (0, day, {ref: n}, reason)


def _declined(
    rng: random.Random, client: str, month: dt.date, products: list[str], tariff: int
) -> data.DealSpec:
    offered = _weekday(month + dt.timedelta(days=rng.randint(0, 20)))
    refs = rng.sample(products, k=min(len(products), 2))
    return {
        "client": client,
        "offer": offered.isoformat(),
        "valid": 30,
        "lines": [(ref, rng.choice((48, 96, 120))) for ref in refs],
        "declined": (
            _iso(offered + dt.timedelta(days=rng.randint(6, 20))),
            rng.choice(DECLINE_REASONS),
        ),
        "history": True,
        "tariff": tariff,
    }


# --------------------------------------------------------------------------- shipments

#: Days from our door to the client's, by destination (the demo's lanes), and the usual port
#: or airport of arrival.
TRANSIT_DAYS = {
    "DE": (2, "München"),
    "BE": (1, "Liège"),
    "IT": (3, "Milano"),
    "CH": (3, "Zürich"),
    "GB": (3, "London"),
    "FR": (1, "Lyon"),
    "US": (13, "Port Newark"),
    "CA": (12, "Montréal"),
    "AU": (38, "Sydney"),
    "AE": (22, "Jebel Ali"),
    "BR": (20, "Santos"),
    "MA": (5, "Casablanca"),
    "JP": (2, "Narita"),
}
#: Freight agreed, EUR: (per kg, minimum) by transport mode; a full container at a flat price.
FREIGHT_RATES = {
    "road_groupage": (Decimal("0.21"), Decimal("160")),
    "road_full": (Decimal("0.09"), Decimal("1150")),
    "sea_lcl": (Decimal("0.14"), Decimal("380")),
    "air": (Decimal("3.10"), Decimal("250")),
}
#: A 20-foot container from Le Havre, EUR, by destination.
FCL_PRICES = {
    "US": Decimal("2150"),
    "CA": Decimal("2300"),
    "AU": Decimal("3400"),
    "AE": Decimal("2600"),
    "BR": Decimal("2900"),
    "MA": Decimal("1400"),
}
#: Freight prices of each earlier year against the first (sea rates rose in the last one).
FREIGHT_TREND = {"road": (Decimal("1"), Decimal("1.03")), "sea": (Decimal("1"), Decimal("1.12"))}
LATE_CAUSES = (
    "Vessel delayed by weather, arrival rescheduled",
    "Held at the border for a documentary check",
    "Roll-over to the next sailing (vessel full)",
    "Carrier's truck broke down, delivered the next days",
)


def _shipping_mode(transport_mode: str, gross_kg: Decimal) -> str:
    if transport_mode == "sea":
        return "sea_fcl" if gross_kg > 7000 else "sea_lcl"
    if transport_mode == "air":
        return "air"
    return "road_full" if gross_kg > 9000 else "road_groupage"


def _freight(mode: str, country: str, weight: Decimal, year: int) -> Decimal:
    trend = FREIGHT_TREND["sea" if mode.startswith("sea") else "road"][year]
    if mode == "sea_fcl":
        price = FCL_PRICES.get(country, Decimal("2500"))
    else:
        per_kg, minimum = FREIGHT_RATES[mode]
        price = max(minimum, weight * per_kg)
    return (price * trend).quantize(Decimal("1"))


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


class _Moment:
    """A fixed wall clock for the records made at a past moment (their creation stamps)."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)


def _at(moment: dt.datetime) -> Any:
    return mock.patch.object(timezone, "now", _Moment(min(moment, _real_now())))


def _real_now() -> dt.datetime:
    """The real clock (``datetime.now``: never patched)."""
    return dt.datetime.now(dt.UTC)


def _history_deliveries(start: dt.date) -> list[Delivery]:
    """The earlier years' deliveries we carry (not collected by the buyer), oldest first."""
    return list(
        Delivery.objects.filter(
            planned_date__lt=start,
            shipped_on__isnull=False,
            shipment_link__isnull=True,
            order__client__name__in=list(PROFILES),
        )
        .exclude(order__incoterm__in=("EXW", "FCA", "FOB"))
        .select_related("order__client")
        .order_by("shipped_on", "pk")
    )


def _ship(
    rng: random.Random, delivery: Delivery, year: int, providers: dict[str, Company | None]
) -> bool:
    """One delivery's shipment: created the day it left, its milestones planned and dated
    (one in eight late), the carrier or forwarder and the freight agreed."""
    order = delivery.order
    client = order.client
    shipped = delivery.shipped_on
    assert shipped is not None
    with _at(_moment(shipped - dt.timedelta(days=1), 9)):
        shipment = shipping.create_from_deliveries(
            deliveries=[delivery], mode=_shipping_mode(order.transport_mode, Decimal(0)), user=None
        )
        weight = shipment.gross_weight_kg or Decimal(0)
        mode = _shipping_mode(order.transport_mode, weight)
        if mode != shipment.mode:
            shipment = shipping.save_shipment(
                shipment=shipment,
                details=dataclasses.replace(_details(shipment), mode=mode),
                user=None,
            )
    transit, place = TRANSIT_DAYS.get(client.country, (5, client.city))
    sea_or_air = mode.startswith("sea") or mode == "air"
    departure = shipped + dt.timedelta(days=2 if mode.startswith("sea") else 0)
    arrival = departure + dt.timedelta(days=transit)
    delivered = arrival + dt.timedelta(days=2 if sea_or_air else 0)
    late = rng.random() < 0.125
    delay = dt.timedelta(days=rng.randint(2, 6) if late else 0)
    steps = {m.step for m in shipment.milestones.all()}
    shipping.plan_milestones(
        shipment=shipment,
        plans=[
            MilestonePlan(
                step="ready", planned_on=shipped - dt.timedelta(days=1), location="Thiers"
            ),
            MilestonePlan(step="pickup", planned_on=shipped, location="Thiers"),
            MilestonePlan(step="departure", planned_on=departure),
            MilestonePlan(step="arrival", planned_on=arrival, location=place),
            MilestonePlan(step="delivery", planned_on=delivered, location=client.city),
        ],
        user=None,
    )
    road = "road" in mode
    events = [
        ("ready", _moment(shipped - dt.timedelta(days=1), 15), "Thiers", "Goods packed"),
        ("pickup", _moment(shipped, 10), "Thiers", "Collected at our warehouse"),
    ]
    if "export_clearance" in steps:
        events.append(
            ("export_clearance", _moment(departure, 13), "", "Export declaration released")
        )
    events.append(("departure", _moment(departure, 18), "", "Left"))
    if late:
        events.append(("", _moment(arrival, 9), "", rng.choice(LATE_CAUSES)))
    events.append(("arrival", _moment(arrival + delay, 8), place, "Arrived"))
    if "import_clearance" in steps:
        events.append(
            ("import_clearance", _moment(arrival + delay, 11), place, "Cleared by the broker")
        )
    events.append(
        ("delivery", _moment(delivered + delay, 15), client.city, "Delivered to the consignee")
    )
    for step, when, location, text in events:
        shipping.record_event(
            shipment=shipment,
            event=EventValues(occurred_at=when, step=step, location=location, description=text),
            user=None,
        )
    shipping.set_providers(
        shipment=shipment,
        user=None,
        carrier=providers["carrier"] if road else None,
        forwarder=None if road else providers["forwarder"],
        freight_cost=_freight(mode, client.country, weight, year),
        freight_currency="EUR",
        reason="freight agreed",
    )
    return True


def _details(shipment: Shipment) -> ShipmentDetails:
    names = {f.name for f in dataclasses.fields(ShipmentDetails)} - {"notify_steps"}
    values = {name: getattr(shipment, name) for name in names}
    return ShipmentDetails(**values, notify_steps=tuple(shipment.steps_to_notify))


# --------------------------------------------------------------------------- purchasing

#: Per supplier country: component, order quantities, unit price of each earlier year,
#: currency, Incoterm and place, transport, payment days, lead time in days, orders a year.
PURCHASES: dict[
    str, tuple[str, tuple[int, ...], tuple[str, str], str, str, str, str, int, int, int]
] = {
    # aluminium discs: the price rises 8 % at the start of the last year (the supplier's
    # letter: aluminium on the LME), then as the supplier panel's price history says
    "IT": (
        "CMP-DISC",
        (2000, 2500, 3000),
        ("2.04", "2.20"),
        "EUR",
        "DAP",
        "Thiers",
        "road",
        60,
        21,
        6,
    ),
    "PT": (
        "CMP-MANCHE",
        (4000, 5000, 6000),
        ("0.90", "0.93"),
        "EUR",
        "FCA",
        "Braga",
        "road",
        30,
        25,
        4,
    ),
    "CN": ("CMP-BTN", (10000, 15000), ("0.55", "0.56"), "USD", "FOB", "Ningbo", "sea", 30, 60, 3),
}


def _purchase(
    rng: random.Random,
    buyer: User,
    supplier: Company,
    spec: tuple[str, tuple[int, ...], tuple[str, str], str, str, str, str, int, int, int],
    ordered: dt.date,
    year: int,
    serial: int,
) -> None:
    """One purchase order: issued, received (sometimes late or short), invoiced, approved
    and paid on its due date (when that date has come)."""
    ref, quantities, prices, currency, incoterm, place, transport, days, lead, _n = spec
    product = Product.objects.get(reference=ref)
    quantity = Decimal(rng.choice(quantities))
    requested = ordered + dt.timedelta(days=lead)
    with _at(_moment(ordered, 10)):
        order = purchasing.create_order(
            values=OrderValues(
                supplier=supplier,
                order_date=ordered,
                currency=currency,
                incoterm=incoterm,
                named_place=place,
                transport_mode=transport,
                payment_instrument="open_account",
                balance_trigger="invoice",
                payment_days=days,
                requested_date=requested,
            ),
            lines=[
                LineValues(product=product, quantity=quantity, unit_price=Decimal(prices[year]))
            ],
            user=buyer,
        )
        order = purchasing.issue_order(order=order, user=buyer)
    roll = rng.random()
    received_on = _weekday(
        requested + dt.timedelta(days=rng.randint(4, 12) if roll < 0.15 else rng.randint(-3, 1))
    )
    short = rng.random() < 0.1
    received = quantity - (Decimal(rng.choice((100, 200, 300))) if short else 0)
    line = purchasing_selectors.order_lines(order)[0]
    with _at(_moment(received_on, 11)):
        purchasing.record_receipt(
            order=order,
            values=ReceiptValues(
                received_on=received_on,
                delivery_note=f"BL {supplier.name[:3].upper()}-{serial:04d}",
                quality_result="pass",
                remarks="Short-shipped against the order." if short else "",
            ),
            lines=[
                ReceiptLineValues(
                    line=line,
                    # the delivery note announced what came: no claim, the rest given up
                    quantity_expected=received if short else None,
                    quantity_received=received,
                )
            ],
            user=buyer,
        )
    order.refresh_from_db()
    accepted = purchasing_selectors.accepted_quantities(order).get(line.pk, received)
    invoiced_on = received_on
    with _at(_moment(invoiced_on + dt.timedelta(days=2), 9)):
        invoice = supplier_invoices.save_invoice(
            invoice=None,
            values=InvoiceValues(
                supplier=supplier,
                order=order,
                number=f"{supplier.name[:3].upper()}-{invoiced_on:%Y}-{serial:04d}",
                invoice_date=invoiced_on,
                received_on=invoiced_on + dt.timedelta(days=2),
                currency=currency,
                incoterm=incoterm,
                named_place=place,
                payment_days=days,
                lines=(
                    InvoiceLineValues(
                        order_line_id=line.pk, quantity=accepted, unit_price=line.unit_price
                    ),
                ),
            ),
            user=buyer,
        )
        invoice = supplier_invoices.approve(invoice=invoice, user=buyer)
    if invoice.due_date is not None and invoice.due_date <= _real_now().date():
        with _at(_moment(invoice.due_date, 9)):
            supplier_invoices.record_payment(
                invoice=invoice,
                values=PaymentValues(
                    paid_on=invoice.due_date,
                    amount=invoice.balance_due,
                    reference=f"VIR {invoice.number}",
                ),
                user=buyer,
            )
    if short:  # invoiced and paid as received; the balance is given up
        with _at(_moment(received_on + dt.timedelta(days=3), 9)):
            purchasing.close_order(
                order=order,
                reason=f"Short-shipped by {quantity - received} pcs; the balance is not needed.",
                user=buyer,
            )


def _purchases(rng: random.Random, buyer: User, shift: dt.timedelta) -> int:
    made = 0
    for country, spec in PURCHASES.items():
        supplier = (
            Company.objects.with_role("supplier").filter(country=country).order_by("pk").first()
        )
        if supplier is None or not Product.objects.filter(reference=spec[0]).exists():
            continue
        for year in (0, 1):
            first = HISTORY_START.replace(year=HISTORY_START.year + year) + shift
            gap = 365 // spec[9]
            for n in range(spec[9]):
                ordered = _weekday(first + dt.timedelta(days=n * gap + rng.randint(0, 10)))
                made += 1
                _purchase(rng, buyer, supplier, spec, ordered, year, made)
    return made


def _shift() -> dt.timedelta:
    from .sales import REFERENCE_TODAY

    return timezone.localdate() - REFERENCE_TODAY


def demo_year_start() -> dt.date:
    """The first day of the demo year on today's calendar (the history ends the day before)."""
    return DEMO_YEAR_START + _shift()


def build_shipments(users: dict[str, User]) -> dict[str, int]:
    """Right after the sales demo (before the parts that add export controls and screening):
    the earlier years' deliveries shipped; how many shipments."""
    rng = random.Random(SEED + 1)
    year_two = HISTORY_START.replace(year=HISTORY_START.year + 1) + _shift()
    providers = {
        "carrier": Company.objects.filter(name="Transports Chabrier").first(),
        "forwarder": Company.objects.filter(name="Rhône Logistique Internationale").first(),
    }
    shipments = 0
    for delivery in _history_deliveries(demo_year_start()):
        assert delivery.shipped_on is not None
        year = 1 if delivery.shipped_on >= year_two else 0
        shipments += _ship(rng, delivery, year, providers)
    return {"history_shipments": shipments}


def build_purchases(users: dict[str, User]) -> dict[str, int]:
    """After the purchasing and supplier-invoice demos (they read every received order):
    the earlier years' purchase orders, received, invoiced and paid; how many orders."""
    rng = random.Random(SEED + 2)
    buyer = users.get("julien") or next(iter(users.values()))
    made = _purchases(rng, User.objects.get(pk=buyer.pk), _shift())
    return {"history_purchase_orders": made}
