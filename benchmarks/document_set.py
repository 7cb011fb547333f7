"""Time to render the whole export document set of one shipment (issue 12: under 3 s).

Builds the demo company in a scratch folder (a minute or two), then, for the demo's sea
shipment to Casablanca (reference with CASA) and the same shipment with ``--lines`` goods
lines, prints:

* the time of the first document of the process (WeasyPrint loading Pango and the fonts;
  ``comptoir serve`` pays it once per worker at start-up, see ``documents.pdf.warm_up``);
* the median and the worst, over ``--rounds`` rounds, of rendering every document we print
  for the shipment from one dataset (packing list, shipping instructions, B/L instructions,
  EUR.1 data, insurance request...), and of issuing them all through the service (dataset,
  checks, numbering, snapshot, PDF stored; rolled back after each round).

    python benchmarks/document_set.py                # demo shipment + one of 50 lines
    python benchmarks/document_set.py --rounds 3 --lines 200
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(folder: str) -> None:
    os.environ["COMPTOIR_VAR_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
    os.environ.setdefault("COMPTOIR_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    from comptoir import instance

    instance.prepare()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print("building the demo company...", flush=True)
    call_command("demo", verbosity=0)


def kinds_to_print(shipment: object) -> list[str]:
    from comptoir.documents import shipping_documents as printing
    from comptoir.shipping_documents import selectors

    return [
        item.kind
        for item in selectors.checklist(shipment)  # type: ignore[arg-type]
        if item.ours and printing.printable(item.kind)
    ]


def render_set(shipment: object) -> tuple[float, int, int]:
    """Seconds to build the dataset and render every document; documents and bytes."""
    from comptoir.common.dates import today
    from comptoir.documents import shipping_documents as printing
    from comptoir.shipping_documents import dataset, services

    start = time.perf_counter()
    data = dataset.build(shipment)  # type: ignore[arg-type]
    size = 0
    kinds = kinds_to_print(shipment)
    for kind in kinds:
        context = services.render_context(data, kind=kind, number="BENCH", day=today(), version=1)
        size += len(printing.document_pdf(kind, context, data.language))
    return time.perf_counter() - start, len(kinds), size


def issue_set(shipment: object) -> float:
    from django.db import transaction

    from comptoir.shipping_documents import services

    class Rollback(Exception):
        pass

    start = time.perf_counter()
    try:
        with transaction.atomic():
            for kind in kinds_to_print(shipment):
                services.issue_document(shipment=shipment, kind=kind, user=None)  # type: ignore[arg-type]
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    return elapsed


def with_many_lines(shipment: object, count: int) -> object:
    from comptoir.shipping import selectors as shipping_selectors
    from comptoir.shipping import services as shipping
    from comptoir.shipping.inputs import ShipmentLineValues

    first = shipping_selectors.lines(shipment).first()  # type: ignore[arg-type]
    assert first is not None
    lines = [
        ShipmentLineValues(
            product=first.product,
            description=f"{first.description} — variant {n + 1}",
            hs_code=first.hs_code,
            origin_country=first.origin_country,
            quantity=Decimal(10),
            packages=2,
            package_kind=first.package_kind,
            net_weight_kg=Decimal("20.000"),
            gross_weight_kg=Decimal("24.000"),
            value=Decimal("500.00"),
        )
        for n in range(count)
    ]
    shipping.save_lines(shipment=shipment, lines=lines, user=None)  # type: ignore[arg-type]
    return shipment


def report(name: str, shipment: object, rounds: int) -> None:
    renders, issues = [], []
    for _ in range(rounds):
        seconds, count, size = render_set(shipment)
        renders.append(seconds)
        issues.append(issue_set(shipment))
    print(
        f"{name}: {count} documents, {size // 1024} KiB; render the set: median "
        f"{statistics.median(renders):.2f} s, worst {max(renders):.2f} s; issue the set "
        f"(dataset, checks, numbers, snapshots, PDFs stored): median "
        f"{statistics.median(issues):.2f} s, worst {max(issues):.2f} s (target < 3 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lines", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="comptoir-docset-") as folder:
        setup(folder)
        from comptoir.common.dates import today
        from comptoir.shipping import selectors as shipping_selectors

        shipment = shipping_selectors.shipment_list({"q": "CASA"}, today()).get()
        start = time.perf_counter()
        render_set(shipment)
        print(f"first set of the process (fonts loading): {time.perf_counter() - start:.2f} s")
        report(f"{shipment} (demo, {shipment.lines.count()} lines)", shipment, args.rounds)
        if args.lines:
            with_many_lines(shipment, args.lines)
            report(f"{shipment} with {args.lines} lines", shipment, args.rounds)


if __name__ == "__main__":
    main()
