"""Heavy goods low: the centre of gravity with the solver's weight ranking on and off.

BR instances get a weight per box type (a density drawn between 50 and 500 kg/m3, seeded
by class and instance, so the same every run) and, with ``--fragile``, one type in five
that may carry nothing (``max_load_on_top`` 0). Each load is solved with each ``GRADE_W``
(0 = the ranking off) and the mean volume loaded, height of the centre of gravity, its
height above the centre of the loaded volume (negative: the weight sits low) and number of
boxes resting on a lighter box (``checker.heavy_on_light``) are printed.

    python benchmarks/packing_cog.py --classes 2,6,10,13 --instances 2 --work 500000
    python benchmarks/packing_cog.py --classes 2,6,10,13 --instances 2 --fragile
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comptoir.trade.packing import BoxType, Options, check, solve  # noqa: E402
from comptoir.trade.packing import solver as solver_module  # noqa: E402
from comptoir.trade.packing.checker import heavy_on_light  # noqa: E402
from comptoir.trade.packing.thpack import Instance, load_thpack  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "br"


def weighted(inst: Instance, seed: int, fragile: bool) -> list[BoxType]:
    rng = random.Random(seed)
    out = []
    for b in inst.boxes:
        density = rng.uniform(50, 500)  # kg/m3, sizes in cm
        weight = round(b.l * b.w * b.h * 1e-6 * density, 2)
        mlt = 0.0 if fragile and rng.random() < 0.2 else None
        out.append(replace(b, weight=weight, max_load_on_top=mlt))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--classes", default="2,6,10,13")
    ap.add_argument("--instances", type=int, default=2, help="instances 1..N of each class")
    ap.add_argument("--work", type=int, default=500_000, help="work units per plan")
    ap.add_argument("--support", type=float, default=1.0)
    ap.add_argument("--fragile", action="store_true", help="one type in five fragile")
    ap.add_argument("--grade", default="0,0.05", help="GRADE_W values to compare")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)
    grades = [float(g) for g in args.grade.split(",")]
    rows: dict[float, list[tuple[float, float, float, int, bool]]] = {g: [] for g in grades}
    opts = Options(min_support_ratio=args.support, work_limit=args.work)
    for c in (int(x) for x in args.classes.split(",")):
        instances = load_thpack(args.data / f"br{c}.txt")
        for n in range(1, args.instances + 1):
            inst = instances[n - 1]
            boxes = weighted(inst, 1000 * c + n, args.fragile)
            for g in grades:
                solver_module.GRADE_W = g
                plan = solve(inst.container, boxes, opts)
                ok = check(inst.container, boxes, plan, opts) == []
                ps = plan.placements
                vol_z = sum(p.volume * (p.z + p.dz / 2) for p in ps) / sum(p.volume for p in ps)
                assert plan.centre_of_gravity is not None
                cog_z = plan.centre_of_gravity[2]
                hol = len(heavy_on_light(inst.container, boxes, plan))
                rows[g].append((plan.volume_utilisation, cog_z, cog_z - vol_z, hol, ok))
                print(
                    f"BR{c} #{n} GRADE_W {g:g}: {100 * plan.volume_utilisation:.2f} % "
                    f"CoG z {cog_z:.1f} ({cog_z - vol_z:+.1f}) heavy on light {hol} "
                    f"{'ok' if ok else 'FAIL'}",
                    flush=True,
                )
    for g in grades:
        r = rows[g]
        print(
            f"GRADE_W {g:g}: volume {100 * statistics.fmean(x[0] for x in r):.2f} %, "
            f"CoG z {statistics.fmean(x[1] for x in r):.1f} cm "
            f"({statistics.fmean(x[2] for x in r):+.1f} from the volume's centre), "
            f"heavy on light {statistics.fmean(x[3] for x in r):.1f}, "
            f"valid {sum(x[4] for x in r)}/{len(r)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
