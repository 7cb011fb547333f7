"""Property tests: whatever the order, every plan the solver produces passes the checker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.trade.packing import BoxType, Container, Options, check, solve

sizes = st.integers(min_value=5, max_value=60)
flags = st.sampled_from(
    [(True, True, True), (False, False, True), (True, False, False), (False, True, True)]
)


@st.composite
def problems(draw: st.DrawFn) -> tuple[Container, list[BoxType], Options]:
    container = Container(
        draw(st.integers(60, 150)),
        draw(st.integers(40, 100)),
        draw(st.integers(30, 100)),
        max_payload=draw(st.sampled_from([float("inf"), 200.0, 60.0])),
    )
    n = draw(st.integers(1, 4))
    boxes = [
        BoxType(
            id=f"T{i}",
            l=draw(sizes),
            w=draw(sizes),
            h=draw(sizes),
            quantity=draw(st.integers(0, 25)),
            weight=draw(st.sampled_from([0.0, 1.0, 2.5, 7.0])),
            allowed_vertical=draw(flags),
            max_load_on_top=draw(st.sampled_from([None, None, 0.0, 10.0])),
        )
        for i in range(n)
    ]
    options = Options(
        min_support_ratio=draw(st.sampled_from([0.0, 0.5, 0.8, 1.0])),
        max_stack_weight=draw(st.sampled_from([None, None, 15.0])),
        time_limit_s=0.15,
    )
    return container, boxes, options


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(problems())
def test_every_plan_passes_the_checker(problem: tuple[Container, list[BoxType], Options]) -> None:
    container, boxes, options = problem
    plan = solve(container, boxes, options)
    assert check(container, boxes, plan, options) == []
    # Every box is either placed or reported as left out.
    counts = plan.counts()
    for b in boxes:
        assert counts.get(b.id, 0) + plan.unplaced.get(b.id, 0) == b.quantity
    assert 0.0 <= plan.volume_utilisation <= 1.0 + 1e-9


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    st.integers(1, 4),
    st.integers(1, 4),
    st.integers(1, 4),
    sizes,
    sizes,
    sizes,
)
def test_exact_tilings_are_found(nx: int, ny: int, nz: int, a: int, b: int, c: int) -> None:
    container = Container(nx * a, ny * b, nz * c)
    boxes = [BoxType("A", a, b, c, quantity=nx * ny * nz)]
    options = Options(time_limit_s=1.0)
    plan = solve(container, boxes, options)
    assert plan.unplaced == {}
    assert check(container, boxes, plan, options) == []
