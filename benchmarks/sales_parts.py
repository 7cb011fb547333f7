"""The sales dashboard part by part (issue 17): median and p95 of each figure function and of
the whole builder, with the load of the machine, on a scratch database seeded as
``benchmarks/dashboards.py`` seeds it (kept between runs: give ``--db`` a file path).

    python benchmarks/sales_parts.py --scale 0.1 --db /tmp/sales-parts.sqlite3
    python benchmarks/sales_parts.py --queries    # also the slowest queries of one build
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def timed(fn: Any, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    return statistics.median(times), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", default="/tmp/sales-parts.sqlite3")
    parser.add_argument("--queries", action="store_true")
    parser.add_argument("--part", default="", help="only the parts whose name holds this")
    parser.add_argument("--scope", default="", help="only this scope (all, DE, zone, client)")
    args = parser.parse_args()
    import dashboards as bench  # the seed of the dashboards benchmark

    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith(("postgres://", "postgresql://"))
    fresh = postgres or not Path(args.db).exists()
    if postgres:
        bench.setup(url)
    else:
        bench.setup(f"sqlite:///{args.db}")
    if fresh:
        data = bench.seed(args.scale, random.Random(17))
        print("seeded", data["counts"])

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from comptoir.parties.models import Company, Zone
    from comptoir.reporting.dashboards import sales
    from comptoir.reporting.filters import Period, ReportFilters
    from comptoir.sales import figures
    from comptoir.sales.figures import Scope

    today = date.today()
    period = Period(date(today.year, 1, 1), today)
    before = period.previous_year()
    actor: Any = None  # the builder does not read the reader
    zone = Zone.objects.order_by("pk")[2].pk
    client = Company.objects.order_by("pk")[3].pk
    print(f"load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} ({connection.vendor})")
    for label, scope in (("all", Scope()), ("DE", Scope(country="DE")),
                         ("zone", Scope(zone_id=zone)), ("client", Scope(client_id=client))):  # fmt: skip
        parts = {
            "intake_by_month": lambda s=scope: figures.intake_by_month(period.start, period.end, s),
            "intake x2 (+eur)": lambda s=scope: (sales._intake_total(period, s), sales._intake_total(before, s)),
            "backlog": lambda s=scope: sales._backlog(period.end, s),
            "offer_counts x2": lambda s=scope: (figures.offer_counts(period.start, period.end, s), figures.offer_counts(before.start, before.end, s)),
            "revenue_by place": lambda s=scope: figures.revenue_by([(period.start, period.end), (before.start, before.end)], s, ["client_id", "country", "zone_id"]),
            "revenue_by month": lambda s=scope: figures.revenue_by([(period.start, period.end), (before.start, before.end)], s, ["month"]),
            "margin x2": lambda s=scope: (figures.margin_by_product(period.start, period.end, s), figures.margin_by_product(before.start, before.end, s)),
            "discount": lambda s=scope: figures.discount_figures(period.start, period.end, s),
            "agents": lambda s=scope: figures.revenue_by_agent([(period.start, period.end), (before.start, before.end)], s, figures.agent_contracts()),
            "objectives": lambda: sales.objectives_table(period),
            "whole builder": lambda s=scope: sales.build_sales(
                ReportFilters(period=period, compare=True, country=s.country, zone_id=s.zone_id, client_id=s.client_id), actor),
        }  # fmt: skip
        if args.scope and label != args.scope:
            continue
        print(f"-- scope {label}")
        for name, fn in parts.items():
            if args.part not in name:
                continue
            fn()
            med, high = timed(fn, args.runs)
            print(
                f"  {name:<20} median {med:7.1f} ms  p95 {high:7.1f} ms  load {os.getloadavg()[0]:.2f}"
            )
        if args.queries:
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                parts["whole builder"]()
            print(f"  {len(ctx.captured_queries)} queries; slowest:")
            for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:6]:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
