"""The same input gives the same plan on any machine and under any load (issue 18).

The search is budgeted in work units; the wall clock is only a safety stop that the plan
reports. These tests solve a heterogeneous load (BR8-like: 30 box types) several ways and
compare the placements box by box.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from comptoir.trade.packing import BoxType, Container, Options, check, solve
from comptoir.trade.packing import solver as solver_module

CONTAINER = Container(587, 233, 220)
#: about 0.3 s of search on the machine the units were measured on
BUDGET = Options(min_support_ratio=0.0, time_limit_s=10.0, work_limit=300_000)


def _mixed_load(seed: int, types: int = 30) -> list[BoxType]:
    rng = random.Random(seed)
    return [
        BoxType(
            f"T{i}",
            rng.randint(25, 115),
            rng.randint(25, 75),
            rng.randint(25, 70),
            quantity=rng.randint(2, 12),
            allowed_vertical=(rng.random() < 0.7, rng.random() < 0.7, True),
        )
        for i in range(types)
    ]


def _spin(stop_at: float) -> None:  # pragma: no cover - runs in another process
    x = 0
    while time.monotonic() < stop_at:
        x += 1


@contextmanager
def _busy_processors(seconds: float) -> Iterator[None]:
    """Every processor of the machine kept busy by another process meanwhile."""
    stop_at = time.monotonic() + seconds
    ctx = mp.get_context("spawn")
    workers = [ctx.Process(target=_spin, args=(stop_at,)) for _ in range(mp.cpu_count() + 1)]
    for w in workers:
        w.start()
    try:
        yield
    finally:
        for w in workers:
            w.terminate()
            w.join()


def test_same_input_same_plan_twice() -> None:
    boxes = _mixed_load(1)
    first = solve(CONTAINER, boxes, BUDGET)
    second = solve(CONTAINER, boxes, BUDGET)
    assert first.placements == second.placements
    assert first.work == second.work
    assert first.work >= BUDGET.work_limit  # the budget, not the clock, ended the search
    assert not first.stopped_by_clock
    assert check(CONTAINER, boxes, first, BUDGET) == []


def test_same_plan_under_cpu_load() -> None:
    boxes = _mixed_load(2)
    quiet = solve(CONTAINER, boxes, BUDGET)
    with _busy_processors(20.0):
        loaded = solve(CONTAINER, boxes, BUDGET)
    assert loaded.placements == quiet.placements
    assert loaded.work == quiet.work
    assert not loaded.stopped_by_clock


def test_a_slower_clock_does_not_change_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    # A machine four times slower sees four times as many seconds pass for the same work:
    # past the nominal time limit (1 s for about 0.4 s of work here) but not the safety
    # stop (10 s), it must give the same plan, where a wall-clock limit would have cut it.
    boxes = _mixed_load(3)
    opts = Options(min_support_ratio=0.0, time_limit_s=1.0, work_limit=300_000)
    normal = solve(CONTAINER, boxes, opts)
    # The fake clock runs on this process's processor time, so that other processes on a
    # busy test machine do not move it.
    origin, cpu_start = time.monotonic(), time.process_time()
    monkeypatch.setattr(
        solver_module.time,
        "monotonic",
        lambda: origin + 4 * (time.process_time() - cpu_start),
    )
    slow = solve(CONTAINER, boxes, opts)
    assert slow.elapsed_s > opts.time_limit_s
    assert slow.placements == normal.placements
    assert not slow.stopped_by_clock


def test_the_safety_stop_is_reported_and_the_plan_stays_valid() -> None:
    boxes = _mixed_load(1)
    # A huge budget for a tiny time limit: only the wall clock can stop the search.
    opts = Options(min_support_ratio=0.0, time_limit_s=0.02, work_limit=40_000_000)
    plan = solve(CONTAINER, boxes, opts)
    assert plan.stopped_by_clock
    assert plan.placements
    assert check(CONTAINER, boxes, plan, opts) == []


def test_time_limit_gives_the_default_budget() -> None:
    assert Options(time_limit_s=2.5).effective_work_limit() == 2_000_000  # 2.5 x 800 000
    assert Options(time_limit_s=2.5, work_limit=7).effective_work_limit() == 7
    assert Options(time_limit_s=2.5).safety_stop_s() == pytest.approx(25.0)
    assert Options(time_limit_s=60).safety_stop_s() == pytest.approx(300.0)


# ------------------------------------------------------------------ workers (issue 18)
#: two searches side by side, each with about 0.15 s of work
TWO = Options(min_support_ratio=0.0, time_limit_s=10.0, work_limit=150_000, workers=2)


def test_workers_one_is_the_single_search() -> None:
    boxes = _mixed_load(4)
    single = solve(CONTAINER, boxes, Options(min_support_ratio=0.0, work_limit=150_000))
    one = solve(CONTAINER, boxes, Options(min_support_ratio=0.0, work_limit=150_000, workers=1))
    assert one.placements == single.placements
    assert one.work == single.work


def test_two_workers_give_the_same_plan_twice() -> None:
    boxes = _mixed_load(5)
    first = solve(CONTAINER, boxes, TWO)
    second = solve(CONTAINER, boxes, TWO)
    assert first.placements == second.placements
    assert first.work == second.work
    # Both searches ran with the whole budget.
    assert first.work >= 2 * TWO.effective_work_limit()
    assert not first.stopped_by_clock
    assert check(CONTAINER, boxes, first, TWO) == []


def test_two_workers_same_plan_under_cpu_load() -> None:
    boxes = _mixed_load(6)
    quiet = solve(CONTAINER, boxes, TWO)
    with _busy_processors(30.0):
        loaded = solve(CONTAINER, boxes, TWO)
    assert loaded.placements == quiet.placements
    assert not loaded.stopped_by_clock


def test_workers_do_not_depend_on_the_processors(monkeypatch: pytest.MonkeyPatch) -> None:
    # One processor: the searches run one after the other in this process, same plan.
    boxes = _mixed_load(7)
    pooled = solve(CONTAINER, boxes, TWO)
    monkeypatch.setattr(solver_module.os, "cpu_count", lambda: 1)
    serial = solve(CONTAINER, boxes, TWO)
    assert serial.placements == pooled.placements
    assert serial.work == pooled.work


def test_more_workers_never_load_less() -> None:
    boxes = _mixed_load(8)
    one = solve(CONTAINER, boxes, Options(min_support_ratio=0.0, work_limit=150_000))
    two = solve(CONTAINER, boxes, TWO)
    # Strategy 0 is one of the two searches: the best of both is at least as good.
    assert two.volume_utilisation >= one.volume_utilisation


@pytest.mark.parametrize("workers", [0, 17, -1, 2.5, True, "2"])
def test_workers_out_of_bounds_are_refused(workers: object) -> None:
    from comptoir.trade.packing.model import PackingInputError

    with pytest.raises(PackingInputError) as err:
        Options(workers=workers)  # type: ignore[arg-type]
    assert err.value.field == "workers"
    assert "workers" in str(err.value)
