"""The OR-Library thpack reader used by the benchmark."""

from __future__ import annotations

from comptoir.trade.packing import Options, check, solve
from comptoir.trade.packing.thpack import parse_thpack

TEXT = """ 1
 1 2502505
 587 233 220
 3
 1 108 0 76 0 30 1 40
 2 110 0 43 1 25 1 33
 3 92 1 81 1 55 1 39
"""


def test_parse_and_solve_a_br1_instance() -> None:
    [inst] = parse_thpack(TEXT)
    assert inst.container.length == 587
    assert [b.quantity for b in inst.boxes] == [40, 33, 39]
    assert inst.boxes[0].allowed_vertical == (False, False, True)
    opts = Options(min_support_ratio=0.0, time_limit_s=1.0)
    plan = solve(inst.container, inst.boxes, opts)
    assert check(inst.container, inst.boxes, plan, opts) == []
    assert plan.volume_utilisation > 0.85
