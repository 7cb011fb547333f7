"""Speed of the documentary-credit document checker (issue 14: < 50 ms per presentation).

Checks ``--count`` generated presentations (seeded, so the same run every time) plus the
bundled examples (``docs/examples/lc/*.json``, the demo's two drawings among them), each through
``comptoir.trade.lc_check.check_presentation`` as the CLI, the API and the page call it,
the texts rendered in English or, for one presentation in three, in French. The generated
presentations start from a compliant CIF set and change what goes wrong in practice:
dates (shipment, presentation, expiry on weekends and holidays in six countries), amounts
and quantities around the tolerances, ports, clauses, originals, insurance cover and risks,
a missing document, an extra one, two bills of lading, up to 20 packing lists.

Prints the mean, median and 95th percentile in milliseconds per presentation, and the share
found compliant.

    .venv/bin/python benchmarks/lc_check.py --count 1000 --seed 14
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from comptoir.trade import lc_check

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples" / "lc"
BASE = json.loads((EXAMPLES / "compliant-cif-casablanca.json").read_text(encoding="utf-8"))


def _day(text: str, shift: int) -> str:
    return (date.fromisoformat(text) + timedelta(days=shift)).isoformat()


def generate(rng: random.Random) -> dict[str, Any]:
    """One presentation: the compliant base with a few seeded changes."""
    data = copy.deepcopy(BASE)
    credit, docs = data["credit"], data["presentation"]["documents"]
    by_type = {doc["type"]: doc for doc in docs}
    credit["expiry_country"] = rng.choice(["FR", "MA", "AE", "SA", "DE", "CN"])
    credit["expiry_date"] = _day(credit["expiry_date"], rng.randint(-10, 30))
    shipped = rng.randint(-20, 6)
    bill = by_type["bill_of_lading"]
    bill["on_board_date"] = bill["date"] = _day(bill["on_board_date"], shipped)
    data["presentation"]["date"] = _day(bill["on_board_date"], rng.randint(1, 28))
    for kind in ("commercial_invoice", "insurance", "packing_list", "certificate_of_origin"):
        by_type[kind]["date"] = _day(bill["on_board_date"], rng.randint(-6, 0))
    factor = Decimal(rng.choice(["0.90", "0.95", "0.97", "1", "1", "1", "1.03", "1.05", "1.06"]))
    invoice = by_type["commercial_invoice"]
    invoice["amount"] = str((Decimal(invoice["amount"]) * factor).quantize(Decimal("0.01")))
    if rng.random() < 0.3:
        invoice["quantity"] = str(rng.choice([380, 396, 400, 404, 420]))
    cover = Decimal(invoice["amount"]) * Decimal(rng.choice(["1.05", "1.1", "1.1", "1.2"]))
    by_type["insurance"]["amount"] = str(cover.quantize(Decimal("0.01")))
    if rng.random() < 0.2:
        by_type["insurance"]["risks"] = rng.choice(["ICC (C)", "ICC (B)", "All risks", "ICC A"])
    if rng.random() < 0.2:
        bill["clauses"] = rng.choice(
            ["2 pallets broken", "Packaging may not be sufficient", "SLAC", "No visible damage"]
        )
    if rng.random() < 0.15:
        bill["originals_presented"] = 2
    if rng.random() < 0.15:
        bill["port_of_discharge"] = rng.choice(["Tanger Med", "CASABLANCA (MA)"])
    if rng.random() < 0.15:
        bill["transhipment"], bill["containerised"] = True, rng.random() < 0.5
    if rng.random() < 0.15:
        by_type["packing_list"]["gross_weight_kg"] = str(rng.choice([9650, 9651, 9700]))
    if rng.random() < 0.1:
        invoice["goods_description"] = rng.choice(
            ["Steel kitchen equipment", "STAINLESS STEEL KITCHEN EQUIPMENT, model KX"]
        )
    if rng.random() < 0.1:
        docs.remove(by_type[rng.choice(["certificate_of_origin", "packing_list", "insurance"])])
    if rng.random() < 0.1:
        half = dict(bill, reference="B", on_board_date=_day(bill["on_board_date"], 1))
        half["date"] = half["on_board_date"]
        docs.append(half)
    if rng.random() < 0.05:
        docs.extend(dict(by_type["packing_list"], reference=f"PL{i}") for i in range(20))
    rng.shuffle(docs)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    payloads = [generate(rng) for _ in range(args.count)]
    payloads += [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
    lc_check.check_presentation(payloads[0], language="fr")  # load the catalogue once
    timings: list[float] = []
    compliant = 0
    for index, payload in enumerate(payloads):
        start = time.perf_counter()
        result = lc_check.check_presentation(payload, language="fr" if index % 3 == 0 else "en")
        timings.append((time.perf_counter() - start) * 1000)
        compliant += result["compliant"]
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"{len(payloads)} presentations ({args.count} generated, seed {args.seed}, + examples)")
    print(
        f"per presentation: mean {statistics.fmean(timings):.2f} ms, "
        f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, max {timings[-1]:.2f} ms"
    )
    print(f"compliant: {compliant} ({100 * compliant / len(payloads):.1f} %)")


if __name__ == "__main__":
    main()
