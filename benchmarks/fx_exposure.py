"""The currency exposure's arithmetic (``comptoir.trade.fx_exposure.exposure``) and its chart
(``comptoir.fx_exposure.report.chart``, drawn by
``comptoir.documents.charts``) on a large book: ``--flows`` receipts and payments in five
currencies over 18 months and ``--hedges`` open forwards. Prints the median time of the
computation and of drawing every currency's chart, and the size of the SVG.

    python benchmarks/fx_exposure.py --flows 10000 --hedges 200 --rounds 20
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from decimal import Decimal

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flows", type=int, default=10_000)
    parser.add_argument("--hedges", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    django.setup()
    from comptoir.fx_exposure.report import chart
    from comptoir.trade import fx_exposure as core

    rng = random.Random(2026)
    today = dt.date(2026, 12, 5)
    currencies = ["USD", "GBP", "JPY", "CHF", "CAD"]
    flows = [
        core.Flow(
            rng.choice(currencies),
            Decimal(rng.randint(100, 500_000)) / 100,
            today + dt.timedelta(days=rng.randint(-60, 540)),
            rng.choice(["receive", "receive", "pay"]),
        )
        for _ in range(args.flows)
    ]
    hedges = [
        core.Hedge(
            rng.choice(currencies),
            Decimal(rng.randint(1000, 100_000)),
            rng.choice(["sell", "buy"]),
            Decimal("1.08") + Decimal(rng.randint(-500, 500)) / 10_000,
            today + dt.timedelta(days=rng.randint(1, 360)),
        )
        for _ in range(args.hedges)
    ]
    spot = {c: Decimal("0.9") for c in currencies}
    budget = {c: Decimal("0.88") for c in currencies}
    compute, draw, size = [], [], 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        result = core.exposure(flows, hedges, today, spot, budget)
        compute.append(time.perf_counter() - start)
        start = time.perf_counter()
        svgs = [chart(cur) for cur in result]
        draw.append(time.perf_counter() - start)
        size = sum(len(s) for s in svgs)
    print(
        f"{args.flows} flows, {args.hedges} hedges, {len(result)} currencies x "
        f"{max(len(c.months) for c in result)} months: exposure median "
        f"{statistics.median(compute) * 1000:.1f} ms, charts median "
        f"{statistics.median(draw) * 1000:.1f} ms, {size // 1024} KiB of SVG"
    )


if __name__ == "__main__":
    main()
