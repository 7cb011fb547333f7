"""Issue thousands of random invoices and credit notes through both schematrons.

Runs the property test of ``comptoir/sales/tests/test_invoice_properties.py`` (the mapping
issuing uses: stored tax facts -> Factur-X) with many more examples than the suite does, and
prints how many documents were checked and how long it took. Every example must pass the
Factur-X XSD, the CEN EN 16931 schematron and the French CTC schematron (BR-FR); the first
one that does not is printed by hypothesis, shrunk to its simplest form.

    python benchmarks/invoice_schematrons.py --examples 3000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000)
    args = parser.parse_args()
    env = dict(os.environ, COMPTOIR_EINVOICE_EXAMPLES=str(args.examples))
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "comptoir/sales/tests/test_invoice_properties.py::"
            "test_every_invoice_the_screens_accept_passes_both_schematrons",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    verdict = "all passed" if done.returncode == 0 else "FAILED"
    print(f"{args.examples} random invoices and credit notes: {verdict} in {elapsed:.0f} s")
    if done.returncode:
        print(done.stdout[-4000:])
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
