"""The solver's speed-ups change no plan (issue 18).

The hot paths of the search were made faster (block ranking, availability, smallest sizes
left) on the promise that the same input and work budget give the very same plan, box by
box. These plans were recorded with the solver before those changes (commit 87e75e0):
BR1 #1 and BR8 #1 (Bischoff & Ratcliff), without and with full support, and a load with
weights of three densities (heavy goods low), at small work budgets. A change of the
search that is meant to change plans must record them again
(``benchmarks/packing_calib.py --compare`` does it on whole classes).
"""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from comptoir.trade.packing import Options, Plan, check, solve
from comptoir.trade.packing.thpack import Instance, parse_thpack

# BR1 #1 and BR8 #1 of the OR-Library thpack files (container 587 x 233 x 220).
BR1_1 = """ 1
 1 2502505
 587 233 220
 3
 1 108 0 76 0 30 1 40
 2 110 0 43 1 25 1 33
 3 92 1 81 1 55 1 39
"""
BR8_1 = """ 1
 1 2502505
 587 233 220
 30
 1 108 0 76 0 30 1 7
 2 110 0 43 1 25 1 4
 3 92 1 81 1 55 1 5
 4 81 0 33 1 28 1 5
 5 120 1 99 1 73 1 2
 6 111 0 70 1 48 1 4
 7 98 0 72 1 46 1 5
 8 95 0 66 0 31 1 5
 9 85 0 84 0 30 1 5
 10 71 0 32 1 25 1 7
 11 36 1 34 1 25 1 8
 12 97 1 67 1 62 1 6
 13 33 1 25 1 23 1 4
 14 95 0 27 1 26 1 4
 15 94 0 81 1 44 1 4
 16 41 1 39 1 38 1 3
 17 104 1 74 1 65 1 5
 18 52 1 41 1 36 1 4
 19 104 0 78 0 34 1 3
 20 83 1 77 1 46 1 3
 21 74 0 56 1 30 1 6
 22 95 1 80 1 63 1 5
 23 56 1 35 1 33 1 6
 24 96 1 95 1 49 1 3
 25 88 0 68 0 30 1 3
 26 80 0 65 0 29 1 3
 27 60 1 55 1 41 1 5
 28 113 0 56 0 20 1 8
 29 93 0 31 1 31 1 3
 30 87 0 83 0 26 1 7
"""


def _instance(text: str) -> Instance:
    return parse_thpack(text)[0]


def _weighted(inst: Instance) -> Instance:
    """The same boxes with weights of three densities (no load limit: no stacking rule)."""
    boxes = tuple(
        dataclasses.replace(b, weight=round(b.l * b.w * b.h / 1000 * (1 + k % 3) / 10, 1))
        for k, b in enumerate(inst.boxes)
    )
    return dataclasses.replace(inst, boxes=boxes)


def fingerprint(plan: Plan) -> str:
    """A short hash of every placement of the plan, in order."""
    return hashlib.sha256(repr(plan.placements).encode()).hexdigest()[:16]


CASES = {
    "br1-free": (lambda: _instance(BR1_1), 0.0, 200_000),
    "br1-support": (lambda: _instance(BR1_1), 1.0, 150_000),
    "br8-free": (lambda: _instance(BR8_1), 0.0, 200_000),
    "br8-support": (lambda: _instance(BR8_1), 1.0, 150_000),
    "br8-weights": (lambda: _weighted(_instance(BR8_1)), 0.0, 150_000),
}
# ---- recorded plans
#: name -> (plan fingerprint, work done, volume utilisation) of the solver before the
#: speed-ups.
RECORDED = {
    "br1-free": ("25fe9e3a2606f3f0", 200004, 0.906533),
    "br1-support": ("155df160d241b4e1", 150033, 0.898565),
    "br8-free": ("6d4cc7a37a53f178", 200001, 0.889997),
    "br8-support": ("0accdfe350d315e6", 150023, 0.858622),
    "br8-weights": ("d7b3e1c2409fe9eb", 150044, 0.899079),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_same_plan_as_before_the_speed_ups(name: str) -> None:
    make, support, work = CASES[name]
    inst = make()
    opts = Options(min_support_ratio=support, time_limit_s=60.0, work_limit=work)
    plan = solve(inst.container, inst.boxes, opts)
    expected_hash, expected_work, expected_util = RECORDED[name]
    assert not plan.stopped_by_clock
    assert check(inst.container, inst.boxes, plan, opts) == []
    assert (fingerprint(plan), plan.work) == (expected_hash, expected_work)
    assert plan.volume_utilisation == pytest.approx(expected_util, abs=1e-6)
