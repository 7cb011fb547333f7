"""The checker catches every kind of broken plan (and accepts a good one)."""

from __future__ import annotations

from comptoir.trade.packing import BoxType, Container, Options, Placement, check
from comptoir.trade.packing.model import summarise

C = Container(100, 100, 100, max_payload=50)
A = BoxType("A", 50, 40, 30, quantity=4, weight=10)
UP = BoxType("UP", 50, 40, 30, quantity=2, weight=5, allowed_vertical=(False, False, True))


def kinds(placements: list[Placement], options: Options | None = None) -> list[str]:
    plan = summarise(C, [A, UP], tuple(placements))
    return sorted(v.kind for v in check(C, [A, UP], plan, options))


def test_valid_plan_passes() -> None:
    ps = [
        Placement("A", 0, 0, 0, 50, 40, 30),
        Placement("A", 50, 0, 0, 50, 40, 30),
        Placement("A", 0, 0, 30, 50, 40, 30),  # fully on the first box
        Placement("UP", 0, 40, 0, 40, 50, 30),  # turned about the vertical axis
    ]
    assert kinds(ps) == []


def test_overlap_caught() -> None:
    ps = [Placement("A", 0, 0, 0, 50, 40, 30), Placement("A", 49, 39, 0, 50, 40, 30)]
    assert kinds(ps) == ["overlap"]


def test_touching_faces_are_no_overlap() -> None:
    ps = [Placement("A", 0, 0, 0, 50, 40, 30), Placement("A", 50, 0, 0, 50, 40, 30)]
    assert kinds(ps) == []


def test_out_of_bounds_caught() -> None:
    assert kinds([Placement("A", 60, 0, 0, 50, 40, 30)]) == ["outside"]
    assert kinds([Placement("A", -1, 0, 0, 50, 40, 30)]) == ["outside"]


def test_wrong_orientation_caught() -> None:
    # "This side up" box lying on its side.
    assert kinds([Placement("UP", 0, 0, 0, 50, 30, 40)]) == ["orientation"]
    # A size that is no rotation of the box at all.
    assert kinds([Placement("A", 0, 0, 0, 50, 40, 31)]) == ["orientation"]
    # The free box may lie on its side.
    assert kinds([Placement("A", 0, 0, 0, 50, 30, 40)]) == []


def test_lack_of_support_caught() -> None:
    floating = [Placement("A", 0, 0, 10, 50, 40, 30)]
    assert kinds(floating) == ["support"]
    assert kinds(floating, Options(min_support_ratio=0)) == []
    half = [Placement("A", 0, 0, 0, 50, 40, 30), Placement("A", 25, 0, 30, 50, 40, 30)]
    assert kinds(half) == ["support"]
    assert kinds(half, Options(min_support_ratio=0.5)) == []
    assert kinds(half, Options(min_support_ratio=0.51)) == ["support"]


def test_support_by_several_boxes() -> None:
    ps = [
        Placement("A", 0, 0, 0, 50, 40, 30),
        Placement("A", 50, 0, 0, 50, 40, 30),
        Placement("A", 25, 0, 30, 50, 40, 30),
    ]
    assert kinds(ps) == []


def test_overweight_caught() -> None:
    heavy = BoxType("H", 10, 10, 10, quantity=6, weight=10)
    ps = tuple(Placement("H", 10 * i, 0, 0, 10, 10, 10) for i in range(6))
    plan = summarise(C, [heavy], ps)
    assert [v.kind for v in check(C, [heavy], plan)] == ["payload"]


def test_stacking_weight_caught() -> None:
    fragile = BoxType("F", 50, 50, 20, quantity=3, weight=4, max_load_on_top=4)
    ps = tuple(Placement("F", 0, 0, 20 * k, 50, 50, 20) for k in range(3))
    plan = summarise(C, [fragile], ps)
    found = check(C, [fragile], plan)
    assert [v.kind for v in found] == ["stacking"]
    assert found[0].boxes == (0,)  # the bottom box carries 8
    assert check(C, [fragile], summarise(C, [fragile], ps[:2])) == []
    # The option caps every box.
    plain = BoxType("F", 50, 50, 20, quantity=3, weight=4)
    assert [v.kind for v in check(C, [plain], plan, Options(max_stack_weight=7))] == ["stacking"]


def test_stacking_weight_splits_by_contact_area() -> None:
    base = BoxType("B", 50, 100, 20, quantity=2, weight=1, max_load_on_top=5)
    top = BoxType("T", 100, 100, 20, quantity=1, weight=10)
    ps = (
        Placement("B", 0, 0, 0, 50, 100, 20),
        Placement("B", 50, 0, 0, 50, 100, 20),
        Placement("T", 0, 0, 20, 100, 100, 20),
    )
    plan = summarise(C, [base, top], ps)
    assert check(C, [base, top], plan) == []  # 5 on each
    ps2 = (ps[0], ps[1], Placement("T", 20, 0, 20, 80, 100, 20))
    boxes = [base, BoxType("T", 80, 100, 20, quantity=1, weight=10)]
    found = check(C, boxes, summarise(C, boxes, ps2))
    # 30/80 of 10 on the first box, 50/80 = 6.25 on the second: too much.
    assert [(v.kind, v.boxes) for v in found] == [("stacking", (1,))]


def test_unknown_type_and_quantity_caught() -> None:
    ps = (
        [Placement("Z", 0, 90, 0, 10, 10, 10)]
        + [Placement("UP", 50 * i, 0, 0, 50, 40, 30) for i in range(2)]
        + [Placement("UP", 0, 40, 0, 50, 40, 30)]
    )
    assert kinds(ps) == ["quantity", "unknown_type"]
