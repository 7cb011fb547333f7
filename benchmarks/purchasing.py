"""Purchasing speed on a scratch database (issue 15): both figures the issue names.

Target (issue 15): "the comparison of 20 answers of 50 lines each renders in < 300 ms;
three-way matching of 10,000 supplier invoices in < 10 s".

**Comparison part.** A call for tender of ``--lines`` products (default 50) answered by
``--answers`` suppliers (default 20) in USD, EUR and CNY under different Incoterms, with
their route costs, the tariff table's duty and the day's rates, seeded through the services.
Prints the median and p95 time of the comparison alone (``tenders.selectors.comparison``:
delivery of every answer to our warehouse, grades and weighted score) and of the tender page
with its comparison table, rendered by the view (test client), in English and in French.

**Three-way matching part, on the database.** ``--invoices`` supplier invoices (default
10,000) billing purchase orders of 1 to 20 lines, received in one or two goods receipts; about
one order in twenty is billed in two invoices. Most are clean; some lines were short-delivered
or partly refused and billed in full anyway, some carry a price above the order (within or
beyond the tolerances), a few come in another currency, with shorter or longer terms or
another Incoterm. For speed the rows are written with ``bulk_create``, not through the
services, but they are the rows ``purchasing.services`` (issue_order, record_receipt) and
``supplier_invoices.services.save_invoice`` write and the match reads: orders numbered
PO-YYYY-NNNNN with currency, Incoterm, place, terms and status; lines with product,
description, quantity and price; receipts GR-YYYY-NNNNN with lines received / accepted and
their condition; invoices with the rate of the company's table, due date, totals, stored
match (status, owed, differences, computed by the same core at save time, earlier invoices
of the order counted) and lines with their amount. Not written: what the match does not read
(history rows, revisions, payments due, supplier claims, supplier performance). Then times:

* invoice by invoice as the screens and the API do (``selectors.match_of``: about seven
  queries per invoice), over ``--per-invoice`` invoices (default: all);
* all of them in grouped queries (``selectors.match_many``), ``--rounds`` times, split into
  the reading (``selectors.match_inputs``) and the pure core
  (``comptoir.trade.three_way_match.match``) on those inputs;
* checks that both give the same result for every invoice timed both ways.

``benchmarks/purchasing_match.py`` times the pure core on invoices generated in memory.

    python benchmarks/purchasing.py
    python benchmarks/purchasing.py --answers 5 --lines 10 --runs 10 --invoices 1000  # quick
    python benchmarks/purchasing.py --skip-comparison --database-url postgres://...
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
D = Decimal


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    # a scratch database: a throwaway key (a fresh worktree has no var/secret_key yet)
    os.environ.setdefault("COMPTOIR_SECRET_KEY", "purchasing-benchmark-only-not-a-secret")
    os.environ.setdefault("COMPTOIR_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0) if "postgres" in database_url else None
    call_command("migrate", verbosity=0)


def bench_user() -> Any:
    """The benchmark's manager (made once) and the company's EUR rates of the currencies."""
    from django.contrib.auth import get_user_model

    from comptoir.accounts.models import UserProfile
    from comptoir.calculators.models import ExchangeRate

    user, created = get_user_model().objects.get_or_create(username="bench")
    if created:
        user.set_password("bench-pass-123")
        user.save()
        UserProfile.objects.update_or_create(
            user=user, defaults={"role": "manager", "language": "en"}
        )
        for currency, rate in RATES.items():
            ExchangeRate.objects.create(
                from_currency=currency,
                to_currency="EUR",
                valid_from=dt.date(2020, 1, 1),
                rate=D(rate),
            )
    return user


#: The company's own rates (EUR per unit), valid from 2020.
RATES = {"USD": "0.92", "CNY": "0.128", "INR": "0.0109"}


def seed_tender(n_lines: int, n_answers: int, rng: random.Random) -> dict[str, Any]:
    from comptoir.catalog.models import Product
    from comptoir.customs.models import TariffRate
    from comptoir.parties.models import Company
    from comptoir.tenders import services
    from comptoir.tenders.inputs import (
        AnswerValues,
        CostValues,
        LineValues,
        PriceValues,
        TenderValues,
    )

    user = bench_user()
    today = dt.date.today()
    TariffRate.objects.create(code="7323", kind="third_country", ad_valorem_pct=D("3.2"))
    TariffRate.objects.create(code="8215", kind="third_country", ad_valorem_pct=D("4.7"))
    products = [
        Product.objects.create(
            reference=f"BX-{i:03d}",
            name_fr=f"Article {i}",
            name_en=f"Item {i}",
            hs_code="732394" if i % 2 else "821591",
            cn_code="73239400" if i % 2 else "82159100",
            origin_country="CN",
            net_weight_kg=D("0.5"),
            gross_weight_kg=D("0.6"),
            length_cm=D(20),
            width_cm=D(20),
            height_cm=D(5),
            cost_price=D(3),
        )
        for i in range(n_lines)
    ]
    countries = ["CN", "IN", "VN", "TR", "PT", "IT"]
    suppliers = []
    for i in range(n_answers):
        company = Company(name=f"Supplier {i:02d}", country=countries[i % len(countries)])
        company.role_list = ["supplier"]
        company.save()
        suppliers.append(company)
    tender = services.create_tender(
        values=TenderValues(
            title="Benchmark tender",
            reply_by=today + dt.timedelta(days=10),
            delivery_date=today + dt.timedelta(days=90),
            delivery_place="Thiers",
            lines=tuple(
                LineValues(product=p, quantity=D(rng.randint(100, 5000))) for p in products
            ),
            suppliers=tuple(suppliers),
        ),
        user=user,
    )
    services.send_tender(tender=tender, user=user, email=False)
    rules = ["EXW", "FCA", "FOB", "CFR", "CIF", "DAP"]
    for i, invitation in enumerate(tender.invitations.order_by("pk")):
        services.set_route_costs(
            invitation=invitation,
            costs=(
                CostValues(kind="pre_carriage", basis="shipment", amount=D(rng.randint(100, 300))),
                CostValues(kind="export_clearance", basis="shipment", amount=D(95)),
                CostValues(kind="main_freight", basis="m3", amount=D(rng.randint(40, 90))),
                CostValues(kind="insurance", basis="percent", amount=D("0.3")),
                CostValues(kind="destination_charges", basis="shipment", amount=D(380)),
                CostValues(kind="on_carriage", basis="kg", amount=D("0.05")),
            ),
            user=user,
        )
        currency = ["USD", "EUR", "CNY"][i % 3]
        scale = {"USD": D(1), "EUR": D("0.9"), "CNY": D("7.2")}[currency]
        services.save_answer(
            invitation=invitation,
            values=AnswerValues(
                received_on=today,
                currency=currency,
                incoterm=rules[i % len(rules)],
                incoterm_place="Port",
                lead_time_days=rng.randint(15, 90),
                payment_days=rng.choice([0, 30, 60]),
                valid_until=today + dt.timedelta(days=30),
                quality_grade=rng.randint(4, 9),
                prices=tuple(
                    PriceValues(
                        line=position,
                        unit_price=(D(rng.randint(150, 900)) / 100 * scale).quantize(D("0.0001")),
                        moq=D(500),
                    )
                    for position in range(1, n_lines + 1)
                ),
            ),
            user=user,
        )
    return {"user": user, "tender": tender}


def timed(function: Any, runs: int) -> list[float]:
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        values.append(time.perf_counter() - start)
    return values


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def report(label: str, values: list[float], target_ms: float | None = None) -> None:
    med, high = statistics.median(values) * 1000, p95(values) * 1000
    target = ""
    if target_ms is not None:
        target = f"   target < {target_ms:.0f} ms: {'ok' if high < target_ms else 'MISSED'}"
    print(f"{label:<52} median {med:7.1f} ms   p95 {high:7.1f} ms{target}")


def comparison(args: argparse.Namespace) -> None:
    rng = random.Random(15)
    started = time.perf_counter()
    data = seed_tender(args.lines, args.answers, rng)
    print(
        f"seeded a tender of {args.lines} lines answered by {args.answers} suppliers in "
        f"{time.perf_counter() - started:.1f} s"
    )
    from django.test import Client

    from comptoir.tenders import selectors

    tender = data["tender"]
    client = Client(HTTP_HOST="localhost")
    client.force_login(data["user"])
    client.cookies["comptoir_language"] = "en"
    url = tender.get_absolute_url()
    first = client.get(url)  # warm up templates and caches
    from comptoir.web.server import freeze_startup_objects

    freeze_startup_objects()  # as the server does before forking its workers
    assert first.status_code == 200, first.status_code
    assert b"answers-table" in first.content
    report("comparison (selector)", timed(lambda: selectors.comparison(tender), args.runs))
    report(
        f"tender page with the comparison ({args.answers} x {args.lines})",
        timed(lambda: client.get(url), args.runs),
        300,
    )
    client.cookies["comptoir_language"] = "fr"
    report("the same page in French", timed(lambda: client.get(url), args.runs), 300)


# --- three-way matching on the database -------------------------------------------------

#: Suppliers: (country, currencies they invoice in, usual Incoterm and place).
SUPPLIERS = (
    ("CN", ("USD", "USD", "CNY"), "FOB", "Ningbo"),
    ("CN", ("USD",), "FOB", "Shanghai"),
    ("IN", ("USD", "INR"), "FCA", "Pune"),
    ("VN", ("USD",), "FOB", "Hai Phong"),
    ("TR", ("EUR", "USD"), "CIF", "Fos-sur-Mer"),
    ("IT", ("EUR",), "DAP", "Thiers"),
    ("PT", ("EUR",), "EXW", "Porto"),
)
BATCH = 2000


def _bulk(model: Any, rows: list[Any]) -> list[Any]:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def seed_invoices(n_invoices: int, rng: random.Random) -> dict[str, int]:
    """Orders, receipts and invoices as the services leave them (see the module)."""
    from django.db import transaction
    from django.utils import timezone

    from comptoir.catalog.models import Product
    from comptoir.parties.models import Company
    from comptoir.purchasing.models import (
        PurchaseOrder,
        PurchaseOrderLine,
        Receipt,
        ReceiptLine,
    )
    from comptoir.supplier_invoices import selectors
    from comptoir.supplier_invoices.models import (
        MatchSettings,
        SupplierInvoice,
        SupplierInvoiceLine,
    )
    from comptoir.supplier_invoices.services import _difference_rows, _rate
    from comptoir.trade import three_way_match as twm

    user = bench_user()
    today = dt.date.today()
    now = timezone.now()
    settings = MatchSettings.get()
    rates = {c: _rate(c, today, None) for c in ("EUR", *RATES)}
    tolerances = {c: selectors.tolerance(rates[c][0], settings) for c in rates}
    counts: dict[str, int] = {}
    with transaction.atomic():
        suppliers = []
        for i in range(200):
            country, currencies, incoterm, place = SUPPLIERS[i % len(SUPPLIERS)]
            company = Company(name=f"Match supplier {i:03d}", country=country)
            company.role_list = ["supplier"]
            company.save()
            suppliers.append((company, currencies, incoterm, place))
        products = _bulk(
            Product,
            [
                Product(
                    reference=f"MX-{i:04d}",
                    name_fr=f"Article {i}",
                    name_en=f"Item {i}",
                    hs_code="732394",
                    cn_code="73239400",
                    origin_country="CN",
                    net_weight_kg=D("0.5"),
                    gross_weight_kg=D("0.6"),
                    cost_price=D(3),
                )
                for i in range(1000)
            ],
        )
        # Orders: one in twenty is billed in two invoices (two receipts, one invoice each).
        plans: list[tuple[Any, int]] = []  # (order, invoices)
        invoices_left = n_invoices
        orders: list[Any] = []
        year_counter: dict[int, int] = {}
        while invoices_left > 0:
            company, currencies, incoterm, place = rng.choice(suppliers)
            split = invoices_left >= 2 and rng.random() < 0.05
            order_date = today - dt.timedelta(days=rng.randint(40, 330))
            year_counter[order_date.year] = year_counter.get(order_date.year, 0) + 1
            order = PurchaseOrder(
                number=f"PO-{order_date.year}-{year_counter[order_date.year]:05d}",
                supplier=company,
                order_date=order_date,
                currency=rng.choice(currencies),
                incoterm=incoterm,
                named_place=place,
                payment_days=rng.choice([30, 60, 60, 90]),
                language="en",
                status=PurchaseOrder.Status.RECEIVED,
                issued_at=now,
                created_by=user,
            )
            orders.append(order)
            plans.append((order, 2 if split else 1))
            invoices_left -= 2 if split else 1
        _bulk(PurchaseOrder, orders)
        lines: list[Any] = []
        lines_of: dict[int, list[Any]] = {}
        for order in orders:
            for position in range(1, rng.randint(1, 20) + 1):
                product = rng.choice(products)
                line = PurchaseOrderLine(
                    order=order,
                    position=position,
                    product=product,
                    description=product.name_en,
                    quantity=D(rng.randint(10, 5000)),
                    unit_price=D(rng.randint(50, 50_000)) / 100,
                    requested_date=order.order_date + dt.timedelta(days=45),
                )
                lines.append(line)
                lines_of.setdefault(order.pk, []).append(line)
        _bulk(PurchaseOrderLine, lines)
        # Receipts: one per invoice planned (a split order arrives in two shipments).
        receipts: list[Any] = []
        received: list[tuple[Any, list[tuple[Any, D, D]]]] = []
        receipt_counter: dict[int, int] = {}
        for order, n in plans:
            parts = []
            for k in range(n):
                day = order.order_date + dt.timedelta(days=30 + 10 * k)
                receipt_counter[day.year] = receipt_counter.get(day.year, 0) + 1
                receipt = Receipt(
                    order=order,
                    number=f"GR-{day.year}-{receipt_counter[day.year]:05d}",
                    received_on=day,
                    delivery_note=f"DN-{order.pk}-{k + 1}",
                    created_by=user,
                )
                receipts.append(receipt)
                parts.append(receipt)
            rows: list[tuple[Any, D, D]] = []
            for line in lines_of[order.pk]:
                ordered = line.quantity
                roll = rng.random()
                got = ordered
                if roll < 0.01:  # a shortage
                    got = ordered - D(rng.randint(1, int(ordered) // 2 + 1))
                accepted = got
                if 0.01 <= roll < 0.015:  # part refused at the receipt
                    accepted = got - D(rng.randint(1, max(1, int(got) // 10)))
                rows.append((line, got, accepted))
            received.append((order, rows))
            if any(got < line.quantity for line, got, _ in rows):
                order.status = PurchaseOrder.Status.PARTLY_RECEIVED
        _bulk(Receipt, receipts)
        PurchaseOrder.objects.filter(
            pk__in=[o.pk for o in orders if o.status == PurchaseOrder.Status.PARTLY_RECEIVED]
        ).update(status=PurchaseOrder.Status.PARTLY_RECEIVED)
        receipt_lines: list[Any] = []
        by_order = {}
        i_receipt = 0
        for (order, n), (_, rows) in zip(plans, received, strict=True):
            parts = receipts[i_receipt : i_receipt + n]
            i_receipt += n
            by_order[order.pk] = (parts, rows)
            for line, got, accepted in rows:
                # a split order: the first shipment brings about half of each line
                first = (got // 2) if n == 2 else got
                first_accepted = min(first, accepted)
                for receipt, qty, acc in (
                    (parts[0], first, first_accepted),
                    *(((parts[1], got - first, accepted - first_accepted),) if n == 2 else ()),
                ):
                    if qty <= 0:
                        continue
                    receipt_lines.append(
                        ReceiptLine(
                            receipt=receipt,
                            line=line,
                            quantity_received=qty,
                            quantity_accepted=acc,
                            condition="nonconforming" if acc < qty else "good",
                        )
                    )
        _bulk(ReceiptLine, receipt_lines)
        # Invoices, matched at save time as save_invoice does (earlier invoices counted).
        invoices: list[Any] = []
        invoice_lines: list[list[Any]] = []
        number = 0
        for order, n in plans:
            parts, rows = by_order[order.pk]
            billed_before: dict[int, D] = {}
            for k in range(n):
                billing = []
                for line, got, accepted in rows:
                    if n == 2:
                        qty = (got // 2) if k == 0 else got - got // 2
                    else:
                        qty = accepted
                        if accepted < line.quantity and rng.random() < 0.5:
                            qty = line.quantity  # billed as ordered, not as received
                    if qty <= 0:
                        continue
                    price = line.unit_price
                    roll = rng.random()
                    if roll < 0.004:  # a rounding or a small surcharge: within the tolerances
                        price += D(rng.randint(1, 100)) / 10_000
                    elif roll < 0.008:  # a price raised by 0.1 to 6 %
                        price = (price * (1 + D(rng.randint(1, 60)) / 1000)).quantize(D("0.0001"))
                    billing.append((line, qty, price))
                if not billing:
                    continue
                roll = rng.random()
                currency = order.currency
                if roll < 0.01:
                    currency = "EUR" if currency != "EUR" else "USD"
                days = order.payment_days
                if 0.01 <= roll < 0.02:
                    days = 30 if days > 30 else 15
                elif 0.02 <= roll < 0.025:
                    days = days + 30
                incoterm, place = order.incoterm, order.named_place
                if 0.025 <= roll < 0.03:
                    incoterm, place = "CIF", "Le Havre"
                accepted_of = {}
                for line, _got, accepted in rows:
                    # what the receipts up to this invoice brought (split orders: in two)
                    accepted_of[line.pk] = (
                        accepted if n == 1 or k == 1 else min(line.quantity // 2, accepted)
                    )
                # save_invoice matches against everything received when the invoice is saved:
                # the invoices of split orders are recorded after each receipt
                result = twm.match(
                    twm.OrderHeader(
                        order.currency, order.payment_days, False, order.incoterm, order.named_place
                    ),
                    [
                        twm.OrderLine(
                            line.pk,
                            line.quantity,
                            line.unit_price,
                            _accepted_until(line, rows, n, k),
                            billed_before.get(line.pk, D(0)),
                            line.description,
                        )
                        for line, _got, _acc in rows
                    ],
                    twm.InvoiceHeader(currency, days, False, incoterm, place),
                    [
                        twm.InvoiceLine(line.pk, qty, price, i)
                        for i, (line, qty, price) in enumerate(billing, start=1)
                    ],
                    tolerances[currency],
                )
                for line, qty, _price in billing:
                    billed_before[line.pk] = billed_before.get(line.pk, D(0)) + qty
                number += 1
                rate, rate_date, source = rates[currency]
                invoice_date = min(parts[k].received_on + dt.timedelta(days=2), today)
                total = result.billed
                invoices.append(
                    SupplierInvoice(
                        kind=SupplierInvoice.Kind.INVOICE,
                        supplier=order.supplier,
                        order=order,
                        number=f"INV-{number:06d}",
                        invoice_date=invoice_date,
                        received_on=invoice_date,
                        currency=currency,
                        eur_rate=rate,
                        rate_date=rate_date,
                        rate_source=source,
                        incoterm=incoterm,
                        named_place=place,
                        payment_days=days,
                        due_date=twm.invoice_due_date(invoice_date, days, False, None),
                        total=total,
                        total_eur=(total * rate).quantize(D("0.01")),
                        owed=result.owed,
                        differences=_difference_rows(result),
                        status=(
                            SupplierInvoice.Status.MATCHED
                            if result.matched
                            else SupplierInvoice.Status.TO_CHECK
                        ),
                        balance_due=total,
                        created_by=user,
                    )
                )
                invoice_lines.append(
                    [
                        SupplierInvoiceLine(
                            position=i,
                            order_line=line,
                            quantity=qty,
                            unit_price=price,
                            amount=checked.billed,
                        )
                        for i, ((line, qty, price), checked) in enumerate(
                            zip(billing, result.lines, strict=True), start=1
                        )
                    ]
                )
        _bulk(SupplierInvoice, invoices)
        flat = []
        for invoice, rows_ in zip(invoices, invoice_lines, strict=True):
            for row in rows_:
                row.invoice = invoice
                flat.append(row)
        _bulk(SupplierInvoiceLine, flat)
    counts.update(
        orders=len(orders),
        order_lines=len(lines),
        receipts=len(receipts),
        receipt_lines=len(receipt_lines),
        invoices=len(invoices),
        invoice_lines=len(flat),
    )
    return counts


def _accepted_until(line: Any, rows: list[tuple[Any, D, D]], n: int, k: int) -> D:
    """Accepted on the receipts made before invoice ``k`` of the order was recorded."""
    for row_line, got, accepted in rows:
        if row_line is line:
            if n == 1 or k == 1:
                return accepted
            return min(got // 2, accepted)
    return D(0)


def matching(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comptoir.supplier_invoices import selectors
    from comptoir.supplier_invoices.models import SupplierInvoice
    from comptoir.trade import three_way_match as twm

    rng = random.Random(2026)
    started = time.perf_counter()
    counts = seed_invoices(args.invoices, rng)
    print(
        f"\nthree-way matching on the database ({connection.vendor}): seeded "
        f"{counts['invoices']:,} invoices ({counts['invoice_lines']:,} lines) on "
        f"{counts['orders']:,} orders ({counts['order_lines']:,} lines), "
        f"{counts['receipts']:,} receipts ({counts['receipt_lines']:,} lines) "
        f"in {time.perf_counter() - started:.1f} s (bulk_create)"
    )
    ids = list(
        SupplierInvoice.objects.filter(kind=SupplierInvoice.Kind.INVOICE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    n = len(ids)
    target = 10.0 * n / 10_000  # the 10 s for 10,000, in proportion

    # the application's way: the invoice (with its order) then match_of, one by one
    one_by_one: dict[int, twm.MatchResult] = {}
    sample = n if args.per_invoice < 0 else min(args.per_invoice, n)
    if sample:
        with CaptureQueriesContext(connection) as queries:
            for invoice in SupplierInvoice.objects.select_related("order").filter(pk__in=ids[:20]):
                selectors.match_of(invoice)
        per_invoice_queries = len(queries) / min(20, n)
        start = time.perf_counter()
        for chunk in range(0, sample, 1000):
            for invoice in SupplierInvoice.objects.select_related("order").filter(
                pk__in=ids[chunk : min(chunk + 1000, sample)]
            ):
                one_by_one[invoice.pk] = selectors.match_of(invoice)
        spent = time.perf_counter() - start
        whole = spent * n / sample
        label = f"invoice by invoice (match_of, {per_invoice_queries:.1f} queries each)"
        extra = "" if sample == n else f"  ({sample:,} timed, {n:,} extrapolated)"
        print(
            f"{label:<52} total {whole:7.2f} s   {sample / spent:7.0f} invoices/s"
            f"   target < {target:g} s: {'ok' if whole < target else 'MISSED'}{extra}"
        )

    # grouped: match_many, reading and core apart
    totals, reads, cores = [], [], []
    results: dict[int, twm.MatchResult] = {}
    query_count = 0
    for _ in range(args.rounds):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            inputs = selectors.match_inputs(ids)
            read = time.perf_counter()
            results = {pk: twm.match(*values) for pk, values in inputs.items()}
            done = time.perf_counter()
        query_count = len(queries)
        reads.append(read - start)
        cores.append(done - read)
        start = time.perf_counter()
        selectors.match_many(ids)
        totals.append(time.perf_counter() - start)
    med, high = statistics.median(totals), p95(totals)
    label = f"all at once (match_many, {query_count} queries)"
    print(
        f"{label:<52} median {med:6.2f} s   p95 {high:6.2f} s   {n / med:7.0f} invoices/s"
        f"   target < {target:g} s: {'ok' if high < target else 'MISSED'}"
    )
    print(
        f"{'  of which reading (match_inputs)':<52} median {statistics.median(reads):6.2f} s"
        f"\n{'  of which the core (three_way_match.match)':<52} median "
        f"{statistics.median(cores):6.2f} s   over {args.rounds} rounds"
    )
    if one_by_one:
        same = sum(1 for pk, r in one_by_one.items() if repr(results[pk]) == repr(r))
        print(f"same result both ways: {same:,} of {len(one_by_one):,} invoices")
        assert same == len(one_by_one), "match_many differs from match_of"
    matched = sum(1 for r in results.values() if r.matched)
    blocking = Counter(d.kind for r in results.values() for d in r.blocking)
    tolerated = Counter(d.kind for r in results.values() for d in r.tolerated)
    print(f"matched: {matched:,} of {n:,} ({100 * matched / max(n, 1):.1f} %)")
    print("differences beyond tolerance: " + _kinds(blocking))
    print("differences within tolerance: " + _kinds(tolerated))


def _kinds(counter: Counter[str]) -> str:
    return ", ".join(f"{kind} {count:,}" for kind, count in sorted(counter.items())) or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=50, help="lines of the call for tender")
    parser.add_argument("--answers", type=int, default=20, help="suppliers answering")
    parser.add_argument("--runs", type=int, default=30, help="requests measured per figure")
    parser.add_argument("--invoices", type=int, default=10_000, help="supplier invoices matched")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the grouped match")
    parser.add_argument(
        "--per-invoice",
        type=int,
        default=-1,
        help="invoices timed one by one with match_of (default all; 0: skip)",
    )
    parser.add_argument("--database-url", default="", help="default: a scratch SQLite file")
    parser.add_argument("--skip-comparison", action="store_true")
    parser.add_argument("--skip-match", action="store_true")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="comptoir-bench-")
    started = time.perf_counter()
    setup(args.database_url or f"sqlite:///{scratch}/bench.sqlite3")
    print(f"scratch database migrated in {time.perf_counter() - started:.1f} s")
    if not args.skip_comparison:
        comparison(args)
    if not args.skip_match:
        matching(args)


if __name__ == "__main__":
    main()
