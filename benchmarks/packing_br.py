"""Benchmark of the load planner on the Bischoff & Ratcliff / Davies & Bischoff instances.

Runs :func:`comptoir.trade.packing.solve` on the chosen classes (BR0-BR15) and instances of
``shared/data/br`` (OR-Library thpack format), checks every plan with the independent
checker and prints, per class, the mean volume utilisation, the mean time and the number
of plans that pass; side by side with the ``py3dbp`` package (``pip install py3dbp``) on
the same instances. py3dbp turns boxes freely (it ignores the "may stand vertical" flags,
so it solves an easier problem) and knows no support rule: its "pass" column checks its
plans with every orientation allowed and no support rule, its "flags" column counts the
plans that also keep the instances' orientation flags.

    python benchmarks/packing_br.py --classes 1-7 --instances 1-10 --time-limit 10
    python benchmarks/packing_br.py --classes 8-15 --instances 1-5 --support 1 --no-py3dbp
    python benchmarks/packing_br.py --classes 1-15 --instances 1-5 --workers 2 --no-py3dbp

The search is budgeted in work units (``--time-limit`` seconds become ``time_limit_s`` x
800,000 units, ``WORK_PER_SECOND``, about a second of processor time each on this
project's machine, or ``--work-limit`` units): the figures are the same on any machine and
under any load. The "clock" column counts the plans the wall-clock safety stop cut short
(10 x the time limit): 0 means every figure printed is reproducible.

Published means for the best algorithms, without the support constraint, are about
94-96 % on BR1-BR7 and 90-94 % on BR8-BR15 (see docs/load-planning.md).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comptoir.trade.packing import (  # noqa: E402
    BoxType,
    Options,
    Placement,
    check,
)
from comptoir.trade.packing.model import summarise  # noqa: E402
from comptoir.trade.packing.solver import solve  # noqa: E402
from comptoir.trade.packing.thpack import Instance, load_thpack  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "br"


def parse_range(text: str) -> list[int]:
    """'1-7' -> [1..7]; '1,3,5-6' -> [1, 3, 5, 6]."""
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out


@dataclass(frozen=True)
class Run:
    """One instance solved: utilisation, seconds, plan valid, and (py3dbp) flags kept."""

    utilisation: float
    seconds: float
    ok: bool
    flags_ok: bool = True
    work: int = 0
    clock_stop: bool = False
    cpu: float = 0.0


#: The issue's targets (issue 18), mean volume loaded per half, by support rule.
TARGETS = {
    0.0: {"BR1-BR7": 96.0, "BR8-BR15": 95.0},
    1.0: {"BR1-BR7": 94.5, "BR8-BR15": 92.5},
}
HALVES = {"BR1-BR7": range(1, 8), "BR8-BR15": range(8, 16)}


def run_ours(inst: Instance, opts: Options) -> Run:
    t = time.monotonic()
    cpu = time.process_time()  # this process's processor time: what the load does not change
    plan = solve(inst.container, inst.boxes, opts)
    cpu = time.process_time() - cpu
    dt = time.monotonic() - t
    ok = not check(inst.container, inst.boxes, plan, opts)
    return Run(
        plan.volume_utilisation,
        dt,
        ok,
        work=plan.work,
        clock_stop=plan.stopped_by_clock,
        cpu=cpu,
    )


def _run_ours_job(job: tuple[Path, int, int, Options]) -> tuple[int, int, Run]:
    folder, c, n, opts = job
    return c, n, run_ours(load_thpack(folder / f"br{c}.txt")[n - 1], opts)


def run_ours_all(
    folder: Path, classes: list[int], numbers: list[int], opts: Options, jobs: int
) -> dict[tuple[int, int], Run]:
    """Every instance solved, ``jobs`` at a time (the plans do not depend on it)."""
    todo = [(folder, c, n, opts) for c in classes for n in numbers]
    if jobs <= 1:
        return {(c, n): r for c, n, r in map(_run_ours_job, todo)}
    with mp.get_context("spawn").Pool(jobs) as pool:
        return {(c, n): r for c, n, r in pool.imap_unordered(_run_ours_job, todo)}


def run_py3dbp(inst: Instance) -> Run:
    from py3dbp import Bin, Item, Packer

    c = inst.container
    t = time.monotonic()
    packer = Packer()
    # py3dbp's (width, height, depth) -> our (x, z, y); sizes are integers here.
    packer.add_bin(Bin("c", c.length, c.height, c.width, 1e12))
    for b in inst.boxes:
        for k in range(b.quantity):
            packer.add_item(Item(f"{b.id}#{k}", b.l, b.h, b.w, 1))
    packer.pack(bigger_first=True, number_of_decimals=0)
    dt = time.monotonic() - t
    placements = []
    for item in packer.bins[0].items:
        w, h, d = (float(v) for v in item.get_dimension())
        px, py, pz = (float(v) for v in item.position)
        placements.append(Placement(item.name.split("#")[0], px, pz, py, w, d, h))
    # Valid: no overlap, inside, with every orientation allowed (py3dbp ignores the
    # "may stand vertical" flags) and no support rule; flags_ok: the flags kept too.
    free = [BoxType(b.id, b.l, b.w, b.h, b.quantity, 0.0, (True, True, True)) for b in inst.boxes]
    loose = Options(min_support_ratio=0.0)
    plan = summarise(c, free, tuple(placements), dt)
    ok = not check(c, free, plan, loose)
    flags_ok = ok and not check(c, inst.boxes, plan, loose)
    return Run(plan.volume_utilisation, dt, ok, flags_ok)


def _py3dbp_worker(inst: Instance, q: Any) -> None:
    q.put(run_py3dbp(inst))


def run_py3dbp_limited(inst: Instance, limit: float) -> Run | None:
    """py3dbp in a child process, stopped after ``limit`` seconds (None then)."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_py3dbp_worker, args=(inst, q))
    p.start()
    p.join(limit)
    if p.is_alive():
        p.terminate()
        p.join()
        return None
    result: Run = q.get()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--classes", default="1-7", help="BR classes, e.g. 1-7 or 8-15 (0-15)")
    ap.add_argument("--instances", default="1-10", help="instances per class, e.g. 1-10 (1-100)")
    ap.add_argument(
        "--time-limit", type=float, default=10.0, help="seconds per instance (as work units)"
    )
    ap.add_argument("--work-limit", type=int, default=None, help="work units per instance")
    ap.add_argument("--jobs", type=int, default=1, help="instances solved at once (same figures)")
    ap.add_argument(
        "--workers",
        type=int,
        default=1,
        help="searches per instance (Options.workers, 1-16; with --jobs > 1 they run in turn)",
    )
    ap.add_argument(
        "--support", type=float, default=0.0, help="min support ratio: 0 (benchmark) or 1"
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of brN.txt")
    ap.add_argument("--no-py3dbp", action="store_true", help="skip the py3dbp comparison")
    ap.add_argument(
        "--py3dbp-limit", type=float, default=120.0, help="stop py3dbp after this many seconds"
    )
    ap.add_argument("--skip-ours", action="store_true", help="run py3dbp only")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per instance")
    args = ap.parse_args(argv)

    classes = parse_range(args.classes)
    numbers = parse_range(args.instances)
    opts = Options(
        min_support_ratio=args.support,
        time_limit_s=args.time_limit,
        work_limit=args.work_limit,
        workers=args.workers,
    )
    py3dbp_ok = not args.no_py3dbp
    if py3dbp_ok:
        try:
            import py3dbp  # noqa: F401
        except ImportError:
            print("py3dbp is not installed (pip install py3dbp): comparison skipped")
            py3dbp_ok = False

    print(
        f"work budget {opts.effective_work_limit():,} units (time limit {args.time_limit:g} s, "
        f"safety stop {opts.safety_stop_s():g} s), workers {opts.workers}, "
        f"support {100 * args.support:.0f} %, "
        f"instances {args.instances}"
    )
    solved: dict[tuple[int, int], Run] = {}
    if not args.skip_ours:
        solved = run_ours_all(args.data, classes, numbers, opts, args.jobs)
    header = f"{'class':>5} {'n':>3}"
    if not args.skip_ours:
        header += (
            f" | {'ours %':>7} {'min %':>6} {'max %':>6} {'time s':>6} {'max s':>5}"
            f" {'cpu s':>5} {'max':>5}"
            f" {'Mwork':>5} {'clock':>5} {'pass':>5}"
        )
    if py3dbp_ok:
        header += f" | {'py3dbp %':>8} {'time s':>6} {'pass':>5} {'flags':>5}"
    print(header)
    all_ours: list[float] = []
    all_theirs: list[float] = []
    for c in classes:
        data = load_thpack(args.data / f"br{c}.txt")
        ours: list[Run] = []
        theirs: list[Run] = []
        for n in numbers:
            inst = data[n - 1]
            line = f"  BR{c} #{n}:"
            if not args.skip_ours:
                r = solved[(c, n)]
                ours.append(r)
                line += f" ours {100 * r.utilisation:.2f} % {r.seconds:.1f} s"
                line += " ok" if r.ok else " FAIL"
            if py3dbp_ok:
                r2 = run_py3dbp_limited(inst, args.py3dbp_limit)
                if r2 is not None:
                    theirs.append(r2)
                    line += f" | py3dbp {100 * r2.utilisation:.2f} % {r2.seconds:.1f} s"
                    line += "" if r2.flags_ok else " (orientation flags broken)"
                else:
                    line += " | py3dbp timed out"
            if args.verbose:
                print(line, flush=True)
        row = f"{'BR' + str(c):>5} {max(len(ours), len(theirs)):>3}"
        if ours:
            all_ours.extend(r.utilisation for r in ours)
            row += (
                f" | {100 * statistics.fmean(r.utilisation for r in ours):7.2f} "
                f"{100 * min(r.utilisation for r in ours):6.2f} "
                f"{100 * max(r.utilisation for r in ours):6.2f} "
                f"{statistics.fmean(r.seconds for r in ours):6.2f} "
                f"{max(r.seconds for r in ours):5.1f} "
                f"{statistics.fmean(r.cpu for r in ours):5.1f} "
                f"{max(r.cpu for r in ours):5.1f} "
                f"{statistics.fmean(r.work for r in ours) / 1e6:5.1f} "
                f"{sum(r.clock_stop for r in ours):>5} "
                f"{sum(r.ok for r in ours):>2}/{len(ours):<2}"
            )
        if py3dbp_ok:
            if theirs:
                all_theirs.extend(r.utilisation for r in theirs)
                row += (
                    f" | {100 * statistics.fmean(r.utilisation for r in theirs):8.2f} "
                    f"{statistics.fmean(r.seconds for r in theirs):6.2f} "
                    f"{sum(r.ok for r in theirs):>2}/{len(theirs):<2} "
                    f"{sum(r.flags_ok for r in theirs):>2}/{len(theirs):<2}"
                )
            else:
                row += " |  (timed out)"
        print(row, flush=True)
    tail = f"{'all':>5} {max(len(all_ours), len(all_theirs)):>3}"
    if all_ours:
        tail += (
            f" | {100 * statistics.fmean(all_ours):7.2f} {100 * min(all_ours):6.2f} "
            f"{100 * max(all_ours):6.2f}{'':44}"
        )
    if all_theirs:
        tail += f" | {100 * statistics.fmean(all_theirs):8.2f}"
    print(tail)
    if solved:
        print_targets(solved, args.support, args.time_limit)
    return 0


def print_targets(solved: dict[tuple[int, int], Run], support: float, time_limit: float) -> None:
    """Each half's mean against the issue's target for this support rule, and the
    processor time against the time limit."""
    targets = TARGETS.get(support, {})
    for half, classes in HALVES.items():
        runs = [r for (c, _n), r in solved.items() if c in classes]
        if not runs:
            continue
        mean = 100 * statistics.fmean(r.utilisation for r in runs)
        target = targets.get(half)
        verdict = (
            f"target {target:.1f} %: {'met' if mean >= target else 'MISSED'}"
            if target is not None
            else "no target for this support rule"
        )
        print(f"{half}: mean {mean:.2f} % over {len(runs)} plans, {verdict}")
    cpu = [r.cpu for r in solved.values()]
    over = sum(c > time_limit for c in cpu)
    print(
        f"processor time per plan: mean {statistics.fmean(cpu):.1f} s, max {max(cpu):.1f} s; "
        f"{over} of {len(cpu)} over the {time_limit:g} s limit"
    )


if __name__ == "__main__":
    raise SystemExit(main())
