"""What multi-drop costs in volume: BR instances as one stop, then split into stops.

Each Bischoff & Ratcliff instance (``shared/data/br``) is solved as it is, then with its
box types dealt round-robin to ``--stops`` delivery stops (type 1 to stop 1, type 2 to stop
2, ...), by :func:`comptoir.trade.packing.solve_stops` (the last stop loaded first, no goods
of a later stop between an earlier stop's goods and the doors). Both plans are checked by
the independent checker, stop order included. The search is budgeted in work units, so the
figures are the same on any machine.

    python benchmarks/packing_stops.py --classes 1,8 --instances 1-5 --stops 3 --support 1

The BR loads fill the container (about 99 % of its volume in boxes): the cost of
multi-drop shows here at its worst, since the stops loaded first may take the room the
last one needs. A real multi-drop load that fits shows it as the length the plan needs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from packing_br import DEFAULT_DATA, parse_range  # noqa: E402  (run as a script beside it)

from comptoir.trade.packing import Options, check, solve, solve_stops  # noqa: E402
from comptoir.trade.packing.thpack import load_thpack  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--classes", default="1,8", help="BR classes, e.g. 1,8 or 1-15")
    ap.add_argument("--instances", default="1-5", help="instances per class, e.g. 1-5")
    ap.add_argument("--stops", type=int, default=3, help="delivery stops (2 or more)")
    ap.add_argument("--support", type=float, default=0.0, help="min_support_ratio (0..1)")
    ap.add_argument("--work-limit", type=int, default=1_000_000, help="work units per plan")
    ap.add_argument(
        "--share",
        type=float,
        default=1.0,
        help="load this share of each box type (e.g. 0.7: a round that fits the vehicle)",
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of brN.txt")
    args = ap.parse_args(argv)
    opts = Options(min_support_ratio=args.support, time_limit_s=10, work_limit=args.work_limit)
    print(
        f"{args.stops} stops vs 1, support {args.support:g}, {args.work_limit:,} work units "
        f"per plan, {100 * args.share:g} % of the boxes\n"
        "class  n  one stop %  stops %  cost (points)  boxes loaded 1 / stops %  all valid  "
        "seconds"
    )
    rows = []
    for c in parse_range(args.classes):
        instances = load_thpack(args.data / f"br{c}.txt")
        one, many, valid, secs = [], [], True, 0.0
        loaded_one, loaded_many = [], []
        for n in parse_range(args.instances):
            inst = instances[n - 1]
            started = time.monotonic()
            boxes = [replace(b, quantity=max(1, int(b.quantity * args.share))) for b in inst.boxes]
            single = solve(inst.container, boxes, opts)
            split = [replace(b, stop=i % args.stops + 1) for i, b in enumerate(boxes)]
            multi = solve_stops(inst.container, split, opts)
            secs += time.monotonic() - started
            valid = valid and not check(inst.container, boxes, single, opts)
            valid = valid and not check(inst.container, split, multi, opts)
            one.append(100 * single.volume_utilisation)
            many.append(100 * multi.volume_utilisation)
            total = sum(b.quantity for b in boxes)
            loaded_one.append(100 * single.placed_count / total)
            loaded_many.append(100 * multi.placed_count / total)
        a, b = statistics.mean(one), statistics.mean(many)
        rows.append((a, b))
        print(
            f"BR{c:<3} {len(one):2d}  {a:10.2f}  {b:7.2f}  {a - b:13.2f}  "
            f"{statistics.mean(loaded_one):13.1f} / {statistics.mean(loaded_many):5.1f}   "
            f"{'yes' if valid else 'NO':>9}  {secs:7.1f}",
            flush=True,
        )
    if len(rows) > 1:
        a = statistics.mean(r[0] for r in rows)
        b = statistics.mean(r[1] for r in rows)
        print(f"all         {a:10.2f}  {b:7.2f}  {a - b:13.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
