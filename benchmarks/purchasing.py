"""Purchasing speed on a scratch database (issue 15).

Comparison part: a call for tender of ``--lines`` products (default 50) answered by
``--answers`` suppliers (default 20) in USD, EUR and CNY under different Incoterms, with
their route costs, the tariff table's duty and the day's rates. Seeded through the services
in a scratch SQLite file (or the database named by ``--database-url``), then prints the
median and p95 time of:

* the comparison alone (``tenders.selectors.comparison``: delivery of every answer to our
  warehouse, grades and weighted score),
* the tender page with its comparison table, rendered by the view (test client).

Target (issue 15): the comparison of 20 answers of 50 lines each renders in < 300 ms.

    python benchmarks/purchasing.py
    python benchmarks/purchasing.py --answers 5 --lines 10 --runs 10     # quick
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
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
D = Decimal


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    os.environ.setdefault("COMPTOIR_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0) if "postgres" in database_url else None
    call_command("migrate", verbosity=0)


def seed_tender(n_lines: int, n_answers: int, rng: random.Random) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from comptoir.accounts.models import UserProfile
    from comptoir.calculators.models import ExchangeRate
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

    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    UserProfile.objects.update_or_create(user=user, defaults={"role": "manager", "language": "en"})
    today = dt.date.today()
    for currency, rate in (("USD", "0.92"), ("CNY", "0.128")):
        ExchangeRate.objects.create(
            from_currency=currency, to_currency="EUR", valid_from=dt.date(2020, 1, 1), rate=D(rate)
        )
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--answers", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30, help="requests measured per figure")
    parser.add_argument("--database-url", default="", help="default: a scratch SQLite file")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="comptoir-bench-")
    setup(args.database_url or f"sqlite:///{scratch}/bench.sqlite3")
    comparison(args)


if __name__ == "__main__":
    main()
