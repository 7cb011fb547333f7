"""Dashboards, pivot and XLSX speed on three years of facts (issue 17).

Seeds a scratch database with three years of consistent facts (at ``--scale 1``: 200,000
issued invoice lines with credit notes, in EUR, USD, GBP and JPY at their own rates, for
clients in 25 countries and 6 zones; 50,000 order lines, many from offers with their
costs; 20,000 shipments with their departure; 20,000 purchase lines; the company's monthly
exchange rates), with ``bulk_create`` (the services would take hours), the invoices' sales
facts written by the function the issuing service calls (``sales.facts.write_facts``, in
batches) and the day each invoice was settled (``sales.settlement``), then prints:

* the seed time,
* median and p95 of every registered dashboard page (``registry.specs()``), rendered by the
  real view with the test client, under several filter sets (target p95 < 500 ms),
* median and p95 of the pivot country x month, revenue and margin, through the pivot page
  (target < 1 s), and of the engine alone,
* the time of an XLSX export of 100,000 lines (the pivot's drill-down; target < 10 s).

It runs on a scratch SQLite file, then, when ``DATABASE_URL`` names PostgreSQL, on it too
(emptied first: give it a scratch database, e.g. the one ``.ci/run`` starts; a local one on
port 55434 keeps clear of the others).

    python benchmarks/dashboards.py                 # full size
    python benchmarks/dashboards.py --scale 0.01    # a quick check
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_PAGE_MS = 500
TARGET_PIVOT_MS = 1000
TARGET_XLSX_MS = 10_000
COUNTRIES = [
    ("DE", "EUR", 0), ("FR", "EUR", 0), ("IT", "EUR", 0), ("ES", "EUR", 0), ("BE", "EUR", 0),
    ("NL", "EUR", 0), ("AT", "EUR", 0), ("PT", "EUR", 0), ("IE", "EUR", 0), ("FI", "EUR", 0),
    ("GB", "GBP", 1), ("SE", "EUR", 1), ("CH", "EUR", 1), ("NO", "EUR", 1), ("PL", "EUR", 1),
    ("US", "USD", 2), ("CA", "USD", 2), ("MX", "USD", 2), ("BR", "USD", 2),
    ("JP", "JPY", 3), ("KR", "USD", 3), ("SG", "USD", 3),
    ("AE", "USD", 4), ("SA", "USD", 4), ("MA", "EUR", 5),
]  # fmt: skip
ZONES = ["Europe", "Northern Europe", "Americas", "Asia", "Middle East", "Africa"]
RATES = {"USD": Decimal("0.92"), "GBP": Decimal("1.17"), "JPY": Decimal("0.0062")}


def setup(database_url: str, migrate: bool = False) -> None:
    """Django on the scratch database, its tables made from the models (``run_syncdb``: the
    same tables and indexes as the migrations give, in seconds instead of the minutes the
    ~700 migrations take on a busy machine), or by the migrations with ``migrate``."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    os.environ.setdefault("COMPTOIR_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    if "postgres" in database_url:
        from django.db import connection

        with connection.cursor() as cursor:  # a scratch database: start from nothing
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    if not migrate:
        from django.apps import apps

        settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", verbosity=0, run_syncdb=not migrate)


def _months(start: date, end: date) -> list[date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def seed(scale: float, rng: random.Random) -> dict[str, Any]:  # noqa: PLR0915 - one seed, read top-down
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from comptoir.accounts.models import UserProfile
    from comptoir.calculators.models import ExchangeRate
    from comptoir.catalog.models import Product
    from comptoir.parties.models import Company, Zone
    from comptoir.purchasing.models import PurchaseOrder, PurchaseOrderLine
    from comptoir.sales.facts import refresh_invoiced_on, write_facts
    from comptoir.sales.models import (
        AgentContract,
        Invoice,
        InvoiceLine,
        Offer,
        OfferLine,
        Order,
        OrderLine,
        SellerProfile,
    )
    from comptoir.sales.settlement import store_settled_days
    from comptoir.shipping.models import Milestone, Shipment

    n_invoice_lines = max(int(200_000 * scale), 400)
    n_order_lines = max(int(50_000 * scale), 100)
    n_shipments = max(int(20_000 * scale), 40)
    n_purchase_lines = max(int(20_000 * scale), 40)
    today = date.today()
    first = date(today.year - 2, 1, 1)
    span = (today - first).days

    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    UserProfile.objects.update_or_create(user=user, defaults={"role": "manager", "language": "en"})
    started = time.perf_counter()
    with transaction.atomic():
        SellerProfile.objects.create(
            legal_name="Maison Ferrand SAS", street="12 rue de la Coutellerie", postcode="63300",
            city="Thiers", siren="552100554", vat_number="FR96552100554",
            iban="FR7630006000011234567890189", bic="AGRIFRPP", email="adv@maison-ferrand.example",
        )  # fmt: skip
        for month in _months(first, today):
            for currency, base in RATES.items():
                ExchangeRate.objects.create(
                    from_currency=currency,
                    to_currency="EUR",
                    valid_from=month,
                    rate=(base * Decimal(1 + rng.uniform(-0.04, 0.04))).quantize(
                        Decimal("0.000001")
                    ),
                )
        zones = [Zone.objects.create(name=name) for name in ZONES]
        n_clients = max(int(2_000 * scale), 30)
        clients = Company.objects.bulk_create(
            [
                Company(
                    name=f"Client {i:05d}", country=COUNTRIES[i % len(COUNTRIES)][0],
                    currency=COUNTRIES[i % len(COUNTRIES)][1], roles=",client,",
                    zone=zones[COUNTRIES[i % len(COUNTRIES)][2]], credit_limit=Decimal("50000"),
                )
                for i in range(n_clients)
            ],
            batch_size=2000,
        )  # fmt: skip
        suppliers = Company.objects.bulk_create(
            [
                Company(name=f"Supplier {i:04d}", country=rng.choice(["CN", "IN", "VN", "TR", "DE", "IT"]),
                        currency="USD" if i % 2 else "EUR", roles=",supplier,")
                for i in range(max(int(200 * scale), 5))
            ]
        )  # fmt: skip
        agents = Company.objects.bulk_create(
            [
                Company(name=f"Agent {c}", country=c, roles=",agent,")
                for c in ("US", "AE", "JP", "BR")
            ]
        )
        for agent, countries in zip(
            agents, ("US, CA, MX", "AE, SA", "JP, KR, SG", "BR"), strict=True
        ):
            AgentContract.objects.create(
                agent=agent, countries=countries, rate_pct=Decimal("5"), valid_from=first
            )
        hs = ["732392", "732393", "821510", "821191", "691200", "701337", "392410", "940360"]
        products = Product.objects.bulk_create(
            [
                Product(
                    reference=f"P-{i:05d}", name_fr=f"Produit {i}", name_en=f"Product {i}",
                    hs_code=hs[i % len(hs)], origin_country="FR",
                    net_weight_kg=Decimal("1.5") + i % 7, gross_weight_kg=Decimal("2") + i % 7,
                    cost_price=Decimal("20") + i % 50,
                )
                for i in range(max(int(500 * scale), 10))
            ]
        )  # fmt: skip

        # orders of 4 lines, 60 % from an accepted offer giving the costs
        n_orders = n_order_lines // 4
        offers, orders = [], []
        for i in range(n_orders):
            client = clients[rng.randrange(len(clients))]
            day = first + timedelta(days=rng.randrange(span))
            offer = None
            if i % 5 < 3:
                offer = Offer(
                    number=f"OF-{i:06d}", client=client, status=Offer.Status.ACCEPTED,
                    offer_date=day - timedelta(days=10), valid_until=day + timedelta(days=20),
                    lead_time="4 weeks", incoterm_place="Thiers", currency=client.currency,
                )  # fmt: skip
                offers.append(offer)
            orders.append(
                Order(
                    number=f"CO-{i:06d}", client=client, offer=offer, client_reference=f"PO {i}",
                    order_date=day, status=Order.Status.DELIVERED, currency=client.currency,
                    incoterm="FCA", incoterm_place="Thiers",
                    transport_mode=rng.choice(["road", "sea", "air"]),
                )
            )  # fmt: skip
        Offer.objects.bulk_create(offers, batch_size=2000)
        Order.objects.bulk_create(orders, batch_size=2000)
        order_lines, offer_lines = [], []
        for order in orders:
            for product in rng.sample(products, 4):
                price = Decimal(rng.randrange(40, 400))
                quantity = Decimal(rng.randrange(4, 200))
                order_lines.append(
                    OrderLine(order=order, product=product, quantity=quantity, unit_price=price,
                              discount_pct=Decimal(rng.choice([0, 0, 5, 10])))
                )  # fmt: skip
                if order.offer is not None:
                    offer_lines.append(
                        OfferLine(offer=order.offer, product=product, quantity=quantity,
                                  unit_price=price, unit_cost_eur=(price * Decimal("0.6")).quantize(Decimal("0.01")))
                    )  # fmt: skip
        OrderLine.objects.bulk_create(order_lines, batch_size=5000)
        OfferLine.objects.bulk_create(offer_lines, batch_size=5000)

        # invoices: each order invoiced in several deliveries (its 4 lines each time)
        per_order = max(1, n_invoice_lines // (4 * n_orders))
        invoices, lines_of = [], []
        number = 0
        for k, order in enumerate(orders):
            mine = order_lines[4 * k : 4 * k + 4]
            for part in range(per_order):
                day = min(order.order_date + timedelta(days=15 + 20 * part), today)
                number += 1
                rate = Decimal(1) if order.currency == "EUR" else RATES[order.currency]
                net = sum((_net(line, _quantity(line, per_order)) for line in mine), Decimal(0))
                vat = (net * Decimal("0.2")).quantize(Decimal("0.01")) if order.client.country == "FR" else Decimal(0)  # fmt: skip
                invoices.append(
                    Invoice(
                        kind="invoice", status="issued", number=f"FA-{number:07d}",
                        client=order.client, order=order, issue_date=day,
                        due_date=day + timedelta(days=30), currency=order.currency, eur_rate=rate,
                        net_total=net, vat_total=vat, gross_total=net + vat, balance_due=net + vat,
                    )
                )  # fmt: skip
                lines_of.append(mine)
        # 5 % credited: one line, a quarter of its quantity, a week later
        credit_notes = []
        for i in range(0, len(invoices), 20):
            original = invoices[i]
            net = _net(lines_of[i][0], Decimal(1))
            vat = (net * Decimal("0.2")).quantize(Decimal("0.01")) if original.vat_total else Decimal(0)  # fmt: skip
            credit_notes.append(
                Invoice(
                    kind="credit_note", status="issued", number=f"AV-{i:07d}",
                    client=original.client, order=original.order, credited_invoice=original,
                    issue_date=min(original.issue_date + timedelta(days=7), today),
                    currency=original.currency, eur_rate=original.eur_rate,
                    net_total=net, vat_total=vat, gross_total=net + vat,
                )
            )  # fmt: skip
            original.balance_due -= net + vat
        collection = _plan_collection(invoices, today, rng)
        Invoice.objects.bulk_create(invoices, batch_size=2000)
        Invoice.objects.bulk_create(credit_notes, batch_size=2000)
        invoice_lines = []
        for invoice, mine in zip(invoices, lines_of, strict=True):
            for line in mine:
                invoice_lines.append(_invoice_line(InvoiceLine, invoice, line, _quantity(line, per_order)))  # fmt: skip
        for i, note in enumerate(credit_notes):
            line = lines_of[20 * i][0]
            invoice_lines.append(_invoice_line(InvoiceLine, note, line, Decimal(1)))
        InvoiceLine.objects.bulk_create(invoice_lines, batch_size=5000)
        # their sales facts, by the function the issuing service calls, in batches
        facts_started = time.perf_counter()
        n_facts = write_facts([i.pk for i in invoices + credit_notes])
        refresh_invoiced_on([o.pk for o in orders])  # each order's "fully invoiced on"
        facts_s = time.perf_counter() - facts_started
        n_payments, n_letters = _save_collection(*collection)
        # the day each one was settled, as the services keep it (and the migration filled it)
        store_settled_days([i.pk for i in invoices + credit_notes])

        modes = ["road_groupage", "road_full", "sea_fcl", "sea_lcl", "air", "express"]
        shipments = []
        for i in range(n_shipments):
            client = clients[rng.randrange(len(clients))]
            shipments.append(
                Shipment(
                    number=f"EXP-{i:06d}", mode=rng.choice(modes), status="delivered",
                    partner=client, incoterm="FCA", origin_country="FR",
                    destination_country=client.country, value=Decimal(rng.randrange(500, 90_000)),
                    currency=client.currency, gross_weight_kg=Decimal(rng.randrange(20, 18_000)),
                    freight_cost=Decimal(rng.randrange(80, 6_000)) if i % 10 < 7 else None,
                    freight_currency="EUR" if i % 10 < 7 else "",
                )
            )  # fmt: skip
        Shipment.objects.bulk_create(shipments, batch_size=2000)
        # the journey: pick-up, departure, arrival, delivery, each planned and (but one
        # shipment in five, not picked up yet) happened a few days late or early
        milestones = []
        for i, shipment in enumerate(shipments):
            planned = first + timedelta(days=rng.randrange(span))
            transit = {"air": 3, "express": 2, "sea_fcl": 30, "sea_lcl": 35}.get(shipment.mode, 5)
            offsets = {"pickup": -1, "departure": 0, "arrival": transit, "delivery": transit + 2}
            for step, offset in offsets.items():
                day = planned + timedelta(days=offset)
                happened = i % 5 and day + timedelta(days=3) < today
                actual = (
                    datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
                    + timedelta(days=rng.randrange(-1, 4))
                    if happened
                    else None
                )
                milestones.append(
                    Milestone(shipment=shipment, step=step, planned_on=day, actual_at=actual)
                )
        Milestone.objects.bulk_create(milestones, batch_size=5000)

        purchase_orders = []
        for i in range(max(n_purchase_lines // 4, 1)):
            supplier = suppliers[rng.randrange(len(suppliers))]
            purchase_orders.append(
                PurchaseOrder(
                    number=f"PO-{i:06d}", supplier=supplier, status="received",
                    order_date=first + timedelta(days=rng.randrange(span)),
                    currency=supplier.currency, incoterm="FOB", named_place="Shanghai",
                )
            )  # fmt: skip
        PurchaseOrder.objects.bulk_create(purchase_orders, batch_size=2000)
        PurchaseOrderLine.objects.bulk_create(
            [
                PurchaseOrderLine(order=po, position=p + 1, product=product,
                                  quantity=Decimal(rng.randrange(50, 2000)),
                                  unit_price=Decimal(rng.randrange(5, 120)))
                for po in purchase_orders
                for p, product in enumerate(rng.sample(products, 4))
            ],
            batch_size=5000,
        )  # fmt: skip
    from django.db import connection

    with connection.cursor() as cursor:  # statistics for the planner, as after a day's use
        cursor.execute("ANALYZE")
    return {
        "user": user,
        "zones": zones,
        "clients": clients,
        "seed_s": time.perf_counter() - started,
        "facts_s": facts_s,
        "counts": {
            "sales facts": n_facts,
            "invoice lines": len(invoice_lines),
            "invoices and credit notes": len(invoices) + len(credit_notes),
            "order lines": len(order_lines),
            "payments": n_payments,
            "dunning letters": n_letters,
            "shipments": len(shipments),
            "milestones": len(milestones),
            "purchase lines": len(purchase_orders) * 4,
        },
    }


def _quantity(line: Any, per_order: int) -> Decimal:
    return max(Decimal(1), (line.quantity / per_order).quantize(Decimal(1)))


def _net(line: Any, quantity: Decimal) -> Decimal:
    return (quantity * line.unit_price * (100 - line.discount_pct) / 100).quantize(Decimal("0.01"))


def _plan_collection(invoices: list[Any], today: date, rng: random.Random) -> tuple[list[Any], ...]:
    """Payments of the invoices (nine in ten paid in one go, from ten days early to two
    months late, when that day has come; the invoices' balances set accordingly) and a
    level-1 dunning letter on the invoices paid or still open over 15 days late."""
    from comptoir.sales.models import DunningLetter, DunningLevel, Payment

    level, _created = DunningLevel.objects.get_or_create(
        level=1, defaults={"name_fr": "Relance", "name_en": "Reminder", "days_after_due": 15,
                           "text_fr": "Relance", "text_en": "Reminder"},
    )  # fmt: skip
    payments, paid, letters, dunned = [], [], [], []
    for i, invoice in enumerate(invoices):
        received = invoice.due_date + timedelta(days=rng.randrange(-10, 60))
        if i % 10 and received <= today and invoice.balance_due > 0:
            payments.append(
                Payment(client=invoice.client, received_on=received, amount=invoice.balance_due,
                        currency=invoice.currency, eur_rate=invoice.eur_rate)
            )  # fmt: skip
            paid.append(invoice)
            invoice.paid_total, invoice.balance_due = invoice.balance_due, Decimal(0)
        else:
            received = today + timedelta(days=1)
        reminder = invoice.due_date + timedelta(days=15)
        if reminder < min(received, today):
            letters.append(
                DunningLetter(client=invoice.client, level=level, sent_on=reminder, language="en",
                              total_due=invoice.gross_total, currency=invoice.currency)
            )  # fmt: skip
            dunned.append(invoice)
    return payments, paid, letters, dunned


def _save_collection(payments: list[Any], paid: list[Any], letters: list[Any], dunned: list[Any]) -> tuple[int, int]:  # fmt: skip
    from comptoir.sales.models import DunningLetter, Payment, PaymentAllocation

    Payment.objects.bulk_create(payments, batch_size=5000)
    PaymentAllocation.objects.bulk_create(
        [PaymentAllocation(payment=p, invoice=inv, amount=p.amount) for p, inv in zip(payments, paid, strict=True)],
        batch_size=5000,
    )  # fmt: skip
    DunningLetter.objects.bulk_create(letters, batch_size=5000)
    DunningLetter.invoices.through.objects.bulk_create(
        [DunningLetter.invoices.through(dunningletter_id=letter.pk, invoice_id=inv.pk)
         for letter, inv in zip(letters, dunned, strict=True)],
        batch_size=5000,
    )  # fmt: skip
    return len(payments), len(letters)


def _invoice_line(model: Any, invoice: Any, line: Any, quantity: Decimal) -> Any:
    net = _net(line, quantity)
    return model(
        invoice=invoice, order_line=line, product=line.product, reference=line.product.reference,
        description=line.product.name_en, hs_code=line.product.hs_code, origin_country="FR",
        quantity=quantity, unit_price=line.unit_price, discount_pct=line.discount_pct,
        net_amount=net, net_weight_kg=quantity * line.product.net_weight_kg,
        gross_weight_kg=quantity * line.product.gross_weight_kg,
    )  # fmt: skip


# --------------------------------------------------------------------------- measuring


def timed_get(client: Any, url: str, runs: int) -> tuple[list[float], int, int]:
    times, status, size = [], 0, 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        status, size = response.status_code, len(response.content)
    return times, status, size


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def report(label: str, values: list[float], target_ms: float, extra: str = "") -> bool:
    med, high = statistics.median(values) * 1000, p95(values) * 1000
    met = high < target_ms
    print(
        f"  {label:<58} median {med:8.1f} ms  p95 {high:8.1f} ms  "
        f"target < {target_ms:.0f} ms: {'met' if met else 'MISSED'}{extra}"
    )
    return met


def dashboard_url(key: str) -> str:
    from django.urls import NoReverseMatch, reverse

    for name in ("reporting:dashboard", "reporting:dashboard_detail", "reporting:detail"):
        try:
            return reverse(name, args=[key])
        except NoReverseMatch:
            continue
    return f"/reporting/{key}/"


def measure(
    data: dict[str, Any], runs: int, label: str, pages: frozenset[str] = frozenset()
) -> bool:
    from urllib.parse import urlencode

    from django.test import Client

    from comptoir.reporting import registry
    from comptoir.reporting.pivot import engine
    from comptoir.reporting.pivot.spec import parse_spec

    client = Client(HTTP_HOST="localhost")
    client.force_login(data["user"])
    client.cookies["comptoir_language"] = "en"
    today = date.today()
    all_met = True
    print(f"\n{label}")

    # -- every registered dashboard, several filter sets
    specs = [s for s in registry.specs() if not pages or s.key in pages]
    if not specs:
        print("  no dashboard registered yet")
    year = {"start": date(today.year, 1, 1).isoformat(), "end": today.isoformat()}
    filter_sets = [
        ("this year", {}),
        ("last year", {"start": date(today.year - 1, 1, 1).isoformat(), "end": date(today.year - 1, 12, 31).isoformat()}),
        ("country DE", year | {"country": "DE"}),
        ("zone", year | {"zone": str(data["zones"][2].pk), "zone_id": str(data["zones"][2].pk)}),
        ("client", year | {"client": str(data["clients"][3].pk), "client_id": str(data["clients"][3].pk)}),
        ("no comparison", year | {"compare": "0"}),
    ]  # fmt: skip
    for spec in specs:
        url = dashboard_url(spec.key)
        client.get(url)  # warm up templates
        for name, params in filter_sets:
            asked = f"{url}?{urlencode(params)}" if params else url
            times, status, _size = timed_get(client, asked, runs)
            extra = "" if status == 200 else f"  (answered {status})"
            all_met &= (
                report(f"{spec.key} · {name}", times, TARGET_PAGE_MS, extra) and status == 200
            )
    if pages:  # only those dashboards: no pivot, no XLSX
        return all_met

    # -- the pivot: country x month, revenue and margin
    pivot: dict[str, Any] = {"source": "invoice_lines", "rows": "country", "columns": "month", "measures": ["revenue", "margin"]}  # fmt: skip
    for name, extra in (
        ("last 12 months", {"period": "last_12_months"}),
        ("last 12 months, compared", {"period": "last_12_months", "compare": "1"}),
        (
            "this year, filtered on a zone",
            {"period": "this_year", "f_zone": str(data["zones"][0].pk)},
        ),
    ):
        url = "/reporting/pivot/?" + urlencode(pivot | extra, doseq=True)
        client.get(url)
        times, status, _size = timed_get(client, url, runs)
        all_met &= (
            report(f"pivot page country x month · {name}", times, TARGET_PIVOT_MS) and status == 200
        )
    asked = parse_spec(pivot | {"period": "last_12_months", "compare": True})
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = engine.compute(asked, today=today)
        times.append(time.perf_counter() - started)
    report(
        "pivot engine alone (compared)",
        times,
        TARGET_PIVOT_MS,
        f"  ({len(result.rows)} rows x {len(result.columns)} columns)",
    )
    for source, rows, measures in (
        ("order_lines", "country", ["intake"]),
        ("shipments", "transport_mode", ["count", "value", "freight"]),
        ("purchase_lines", "supplier", ["spend"]),
        ("invoice_lines", "agent", ["revenue"]),
    ):
        url = "/reporting/pivot/?" + urlencode({"source": source, "rows": rows, "columns": "month", "measures": measures, "period": "last_12_months"}, doseq=True)  # fmt: skip
        client.get(url)
        times, status, _size = timed_get(client, url, max(3, runs // 4))
        all_met &= (
            report(f"pivot page {source}: {rows} x month", times, TARGET_PIVOT_MS) and status == 200
        )

    # -- XLSX of 100,000 lines: the drill-down of the invoice lines over the period that holds them
    from comptoir.sales.selectors import issued_invoice_lines

    lines = (
        issued_invoice_lines()
        .order_by("-invoice__issue_date")
        .values_list("invoice__issue_date", flat=True)
    )
    total = lines.count()
    wanted = min(100_000, total)
    last_day: date = lines[wanted - 1] if total > wanted else date(today.year - 3, 1, 1)
    start = last_day + timedelta(days=1)
    url = "/reporting/pivot/drill/?" + urlencode(
        {"source": "invoice_lines", "rows": "country", "period": "custom", "start": start.isoformat(), "end": today.isoformat(), "format": "xlsx"}
    )  # fmt: skip
    times, status, size = timed_get(client, url, 2)
    period = {"period": "custom", "start": start.isoformat(), "end": today.isoformat()}
    count = engine.drill(parse_spec({"rows": "country"} | period), today=today).count()
    all_met &= report(
        f"XLSX of the pivot's lines ({count:,} rows)", times, TARGET_XLSX_MS,
        f"  ({size / 1e6:.1f} MB, status {status})",
    ) and status == 200  # fmt: skip
    return all_met


def run(
    database_url: str,
    scale: float,
    runs: int,
    label: str,
    migrate: bool,
    pages: frozenset[str] = frozenset(),
) -> bool:
    started = time.perf_counter()
    setup(database_url, migrate)
    print(f"{label}: tables made in {time.perf_counter() - started:.1f} s")
    data = seed(scale, random.Random(17))
    counts = ", ".join(f"{n:,} {what}" for what, n in data["counts"].items())
    print(f"{label}: seeded {counts} in {data['seed_s']:.1f} s")
    print(f"{label}: the sales facts written in {data['facts_s']:.1f} s (write_facts, in batches)")
    print(f"{label}: load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    met = measure(data, runs, label, pages)
    print(f"{label}: load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 200,000 invoice lines")
    parser.add_argument("--runs", type=int, default=20, help="requests per page measured")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    parser.add_argument(
        "--migrate", action="store_true", help="make the tables by the migrations (slow)"
    )
    parser.add_argument(
        "--pages",
        default="",
        help="only these dashboards, keys separated by commas (no pivot nor XLSX then)",
    )
    args = parser.parse_args()
    pages = frozenset(k.strip() for k in args.pages.split(",") if k.strip())
    database_url = os.environ.get("DATABASE_URL", "")
    if args.only == "sqlite":
        scratch = tempfile.mkdtemp(prefix="comptoir-bench-")
        ok = run(
            f"sqlite:///{scratch}/bench.sqlite3",
            args.scale,
            args.runs,
            "SQLite",
            args.migrate,
            pages,
        )
        raise SystemExit(0 if ok else 1)
    if args.only == "postgresql":
        ok = run(database_url, args.scale, args.runs, "PostgreSQL", args.migrate, pages)
        raise SystemExit(0 if ok else 1)
    # each database in its own process (Django is set up once per process)
    command = [sys.executable, __file__, "--scale", str(args.scale), "--runs", str(args.runs)]
    command += ["--migrate"] if args.migrate else []
    command += ["--pages", args.pages] if pages else []
    results = [subprocess.call([*command, "--only", "sqlite"])]
    if database_url.startswith(("postgres://", "postgresql://")):
        results.append(subprocess.call([*command, "--only", "postgresql"]))
    else:
        print("\n(DATABASE_URL names no PostgreSQL database: SQLite only)")
    print("\nall targets met" if not any(results) else "\nsome targets MISSED")


if __name__ == "__main__":
    main()
