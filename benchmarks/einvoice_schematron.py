"""Speed of the e-invoice checks: writer, XSD, EN 16931 and French CTC schematrons.

Draws random invoices with the strategy of the property test
(``comptoir/trade/tests/test_einvoice_properties.py``), then times each step per invoice
and prints median and p95 in milliseconds, plus the one-off compilation of the two
stylesheets (SaxonC-HE, in the first call).

    python benchmarks/einvoice_schematron.py            # 300 invoices
    python benchmarks/einvoice_schematron.py --count 2000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    count = parser.parse_args().count

    from hypothesis.errors import NonInteractiveExampleWarning

    from comptoir.trade import einvoice
    from comptoir.trade.tests.test_einvoice_properties import invoices

    if not einvoice.SCHEMATRON_AVAILABLE:
        sys.exit(f"The schematrons cannot run: {einvoice.SCHEMATRON_UNAVAILABLE_REASON}")
    started = time.perf_counter()
    einvoice._schematrons()
    print(f"compile both stylesheets: {time.perf_counter() - started:.2f} s")

    strategy = invoices()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        drawn = [strategy.example() for _ in range(count)]
    xmls = [einvoice.facturx_xml(invoice) for invoice in drawn]
    steps: dict[str, Callable[[int], object]] = {
        "writer (check_invoice + XML)": lambda i: einvoice.facturx_xml(drawn[i]),
        "XSD": lambda i: einvoice.xsd_errors(xmls[i]),
        "EN 16931 schematron": lambda i: einvoice.schematron_errors(xmls[i]),
        "French CTC schematron": lambda i: einvoice.french_ctc_errors(xmls[i]),
    }
    print(f"{count} random invoices, ms per invoice (median / p95):")
    for name, step in steps.items():
        times = []
        for index in range(count):
            started = time.perf_counter()
            step(index)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"  {name:30} {statistics.median(times):7.2f} / {p95:7.2f}")


if __name__ == "__main__":
    main()
