"""Three-way matching of many supplier invoices (``comptoir.trade.three_way_match.match``).

Orders, receipts and invoices are generated in memory (seeded): each invoice bills an order of
1 to 20 lines; most are clean, some bill more than was received (a shortage), some carry a
price above the order (within or beyond the tolerances), a few come in another currency or
with shorter terms. The pure core alone is run over all of them: the in-memory variant.
The figure the issue names, with the database reads (about seven queries per invoice by
``supplier_invoices.selectors.match_of``, a few grouped queries for all of them by
``match_many``), is printed by ``benchmarks/purchasing.py``.
Prints the time and the share of invoices matched.

    python benchmarks/purchasing_match.py --invoices 10000
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from decimal import Decimal

from comptoir.trade import three_way_match as twm

D = Decimal


def _generate(
    n: int, seed: int
) -> list[tuple[twm.OrderHeader, list[twm.OrderLine], twm.InvoiceHeader, list[twm.InvoiceLine]]]:
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        currency = rng.choice(["USD", "USD", "EUR", "CNY", "INR"])
        order = twm.OrderHeader(currency, rng.choice([30, 60, 90]), False, "FOB", "Ningbo")
        lines = []
        invoice_lines = []
        for j in range(rng.randint(1, 20)):
            ordered = D(rng.randint(10, 5000))
            price = D(rng.randint(50, 50_000)) / 100
            roll = rng.random()
            received = (
                ordered if roll > 0.01 else ordered - D(rng.randint(1, int(ordered) // 2 + 1))
            )
            lines.append(twm.OrderLine((i, j), ordered, price, received))
            invoiced_price = price
            if rng.random() < 0.012:
                invoiced_price = price * (1 + D(rng.randint(1, 60)) / 1000)
                invoiced_price = invoiced_price.quantize(D("0.0001"))
            invoice_lines.append(twm.InvoiceLine((i, j), ordered, invoiced_price, j + 1))
        header_roll = rng.random()
        invoice = twm.InvoiceHeader(
            currency if header_roll > 0.01 else "EUR" if currency != "EUR" else "USD",
            order.payment_days if header_roll > 0.02 or header_roll <= 0.01 else 30,
            False,
            "FOB",
            "Ningbo",
        )
        cases.append((order, lines, invoice, invoice_lines))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    cases = _generate(args.invoices, args.seed)
    lines = sum(len(c[3]) for c in cases)
    tolerance = twm.Tolerance(price_pct=D("2"), price_amount=D("50"))
    times = []
    results: list[twm.MatchResult] = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        results = [twm.match(o, ol, inv, il, tolerance) for o, ol, inv, il in cases]
        times.append(time.perf_counter() - start)
    matched = sum(1 for r in results if r.matched)
    kinds = Counter(d.kind for r in results for d in r.blocking)
    print(f"invoices: {args.invoices} ({lines} lines), generated in memory, seed {args.seed}")
    print(
        f"three-way match: median {statistics.median(times):.2f} s over {args.rounds} rounds (target < 10 s)"
    )
    print(f"matched: {matched} of {len(results)} ({100 * matched / len(results):.1f} %)")
    print(
        "differences beyond tolerance: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )


if __name__ == "__main__":
    main()
