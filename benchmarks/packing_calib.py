"""Work-unit calibration and plan fingerprints of the load planner (issue 18).

Solves the chosen BR instances one at a time in this process (single search,
``workers`` 1) with a fixed work budget and prints, per instance, the work done, the
processor time (``time.process_time``: other processes' load affects it far less than
the wall clock), the processor seconds per million units, the volume loaded and a
fingerprint of the plan (every placement). ``--save FILE`` writes them as JSON and
``--compare FILE`` checks that the plans are the very same as in a saved run (exit 1 if
not): the way to prove that a speed-up changed no plan.

    python benchmarks/packing_calib.py --classes 1,8,12 --instances 1-3 \\
        --work-limit 1000000 --save /tmp/before.json
    python benchmarks/packing_calib.py --classes 1,8,12 --instances 1-3 \\
        --work-limit 1000000 --compare /tmp/before.json
    python benchmarks/packing_calib.py --classes 1-15 --instances 1 --work-limit 3000000

``--profile N`` prints the N costliest functions (cProfile) over the whole run.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comptoir.trade.packing import Options  # noqa: E402
from comptoir.trade.packing.limits import WORK_PER_SECOND  # noqa: E402
from comptoir.trade.packing.solver import solve  # noqa: E402
from comptoir.trade.packing.thpack import load_thpack  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from packing_br import DEFAULT_DATA, parse_range  # noqa: E402  # the BR benchmark's own


def fingerprint(plan: object) -> str:
    """A short hash of every placement of the plan, in order."""
    text = repr(plan.placements)  # type: ignore[attr-defined]
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--classes", default="1,8,12")
    ap.add_argument("--instances", default="1-3")
    ap.add_argument("--work-limit", type=int, default=1_000_000)
    ap.add_argument("--support", type=float, default=0.0)
    ap.add_argument(
        "--weights",
        action="store_true",
        help="give the boxes weights (three densities) and every fourth type a load limit "
        "on top: exercises heavy goods low, fragile on top and the stacking checks",
    )
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--profile", type=int, default=0)
    args = ap.parse_args(argv)
    opts = Options(
        min_support_ratio=args.support,
        time_limit_s=min(60.0, 10 * args.work_limit / WORK_PER_SECOND),
        work_limit=args.work_limit,
    )
    rows: dict[str, dict[str, object]] = {}
    prof = cProfile.Profile() if args.profile else None
    print(f"work limit {args.work_limit:,} units, support {args.support:g}")
    print(f"{'instance':10} {'work':>10} {'cpu s':>7} {'s/Munit':>8} {'util %':>7}  plan")
    for c in parse_range(args.classes):
        insts = load_thpack(args.data / f"br{c}.txt")
        for i in parse_range(args.instances):
            inst = insts[i - 1]
            boxes = list(inst.boxes)
            if args.weights:
                boxes = [
                    dataclasses.replace(
                        b,
                        weight=round(b.l * b.w * b.h / 1000 * (1 + k % 3) / 10, 1),
                        max_load_on_top=(50.0 if k % 4 == 3 else None),
                    )
                    for k, b in enumerate(boxes)
                ]
            t0 = time.process_time()
            if prof:
                prof.enable()
            plan = solve(inst.container, boxes, opts)
            if prof:
                prof.disable()
            cpu = time.process_time() - t0
            name = f"BR{c}#{i}"
            fp = fingerprint(plan)
            rows[name] = {
                "work": plan.work,
                "cpu": round(cpu, 3),
                "util": round(plan.volume_utilisation, 4),
                "plan": fp,
                "clock": plan.stopped_by_clock,
            }
            rate = cpu / (plan.work / 1e6) if plan.work else 0.0
            print(
                f"{name:10} {plan.work:>10,} {cpu:>7.2f} {rate:>8.3f} "
                f"{100 * plan.volume_utilisation:>7.2f}  {fp}{' CLOCK' if plan.stopped_by_clock else ''}",
                flush=True,
            )
    cpus = [float(r["cpu"]) for r in rows.values()]  # type: ignore[arg-type]
    works = [int(r["work"]) for r in rows.values()]  # type: ignore[call-overload]
    rates = [c / (w / 1e6) for c, w in zip(cpus, works, strict=True) if w]
    if rates:
        print(
            f"cpu s per M units: mean {statistics.mean(rates):.3f}, min {min(rates):.3f}, "
            f"max {max(rates):.3f}; total cpu {sum(cpus):.1f} s"
        )
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    if args.save:
        args.save.write_text(json.dumps(rows, indent=1))
    if args.compare:
        old = json.loads(args.compare.read_text())
        diff = [
            n
            for n in rows
            if n in old and (old[n]["plan"], old[n]["work"]) != (rows[n]["plan"], rows[n]["work"])
        ]
        missing = [n for n in rows if n not in old]
        print(
            f"compared with {args.compare}: {len(rows) - len(diff) - len(missing)} identical, "
            f"{len(diff)} different {diff}, {len(missing)} not in the saved run"
        )
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
