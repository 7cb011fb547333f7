"""Fleet choice: the cheapest containers and trucks for a load, and identical pallets.

Capacities asserted below, EUR pallets (120 x 80 cm) standing on the floor, not stacked:

* 20' dry (589.8 x 235.2): 11, seven crosswise (7 x 80 = 560 along the length) beside
  four lengthwise (4 x 120 = 480), 120 + 80 = 200 <= 235.2 across. Twelve do not fit. A
  line across the floor meets at most two pallets (3 x 80 > 235.2) and at most one
  crosswise pallet (2 x 120 > 235.2), so a crosswise and b lengthwise pallets cover
  80 a + 120 b <= 2 x 589.8 = 1179.6 of "line length", with a <= 7: twelve means a = 7,
  b = 5, leaving 19.6 for lines meeting fewer than two pallets. A lengthwise pallet
  beside a crosswise one lies at the bottom (y <= 35.2) or the top (y >= 120) of the
  width; one beside none would need 120 cm free of crosswise pallets (only 29.8 are).
  Pallets of one band never share a line, and a crosswise pallet beside a bottom one
  cannot share a line with a top one. With t lengthwise pallets on top and l crosswise
  pallets beside them, covering the length needs 80 l <= 120 t - 10.2 and
  80 (7 - l) <= 120 (5 - t) - 10.2, which no t in 1..4 allows.
* 40' dry (1203.2 x 235.2): 25 = 15 crosswise (1 200 cm) beside 10 lengthwise (1 200
  cm); 26 would need 80 a + 120 b <= 2406.4 with a <= 15, i.e. b <= 10.
* 13.6 m trailer (1360 x 245): 33 in 11 rows of 3 (the trade's figure), 34 crosswise in
  17 rows of 2 (17 x 80 = 1 360); the C 745 swap body (730 x 245): 18 in 6 rows of 3.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import comptoir.trade.packing.fleet as fleet_module
import comptoir.trade.packing.pallets as pallets_module
from comptoir.trade.packing import (
    EUR_PALLET,
    STANDARD_VEHICLES,
    BoxType,
    Container,
    Options,
    PackingInputError,
    Plan,
    Shipment,
    Vehicle,
    VehicleOffer,
    check,
    choose_vehicles,
    palletise,
    solve,
)

OPTS = Options(time_limit_s=0.2)
V = {v.code: v for v in STANDARD_VEHICLES}


def eur(
    n: int, h: float = 150, weight: float = 400, pid: str = "P", stack: bool = False
) -> BoxType:
    return BoxType(
        pid,
        120,
        80,
        h,
        quantity=n,
        weight=weight,
        allowed_vertical=(False, False, True),
        max_load_on_top=None if stack else 0.0,
    )


def offers(**prices: int) -> list[VehicleOffer]:
    return [VehicleOffer(V[code], Decimal(p), "EUR") for code, p in prices.items()]


def assert_valid(shipment: Shipment, items: list[BoxType], options: Options = OPTS) -> None:
    """Every unit passes the checker and the doors; together they carry every item."""
    total: dict[str, int] = {}
    for unit in shipment.units:
        v = unit.vehicle
        assert check(v.container(), items, unit.plan, options) == []
        assert unit.plan.unplaced == {}
        assert unit.plan.placements
        for p in unit.plan.placements:
            if v.door_height is not None:
                assert p.dz <= v.door_height + 1e-6
            if v.door_width is not None:
                assert min(p.dx, p.dy) <= v.door_width + 1e-6
        for k, n in unit.plan.counts().items():
            total[k] = total.get(k, 0) + n
    assert total == {b.id: b.quantity for b in items if b.quantity > 0}
    assert shipment.total_cost == sum((u.price for u in shipment.units), Decimal(0))
    assert shipment.candidates[0].cost == shipment.total_cost
    assert shipment.candidates[0].codes == tuple(u.vehicle.code for u in shipment.units)
    costs = [c.cost for c in shipment.candidates]
    assert costs == sorted(costs)


# ----------------------------------------------------------------- the vehicles


def test_standard_vehicles() -> None:
    assert list(V) == ["20DV", "40DV", "40HC", "TRAILER136", "SWAP72"]
    hc = V["40HC"]
    assert (hc.length, hc.width, hc.height, hc.door_height, hc.door_width) == (
        1203.2,
        235.2,
        269.8,
        258.5,
        234.0,
    )
    assert V["20DV"].max_payload == 28200
    assert V["TRAILER136"].door_height is None
    c = V["SWAP72"].container()
    assert (c.name, c.max_payload) == ("7.45 m swap body (C 745)", 12000)
    for v in STANDARD_VEHICLES:
        if v.door_height is not None:
            assert v.door_height < v.height


@pytest.mark.parametrize(
    ("code", "capacity"), [("20DV", 11), ("40DV", 25), ("SWAP72", 18), ("TRAILER136", 34)]
)
def test_floor_capacity_in_eur_pallets(code: str, capacity: int) -> None:
    container = V[code].container()
    pallets = [eur(capacity + 1, weight=100)]
    plan = solve(container, pallets, OPTS)
    assert plan.placed_count == capacity
    assert all(p.z == 0 for p in plan.placements)
    assert check(container, pallets, plan, OPTS) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"length": 0}, "length must be positive"),
        ({"max_payload": -1}, "max_payload must be positive"),
        ({"door_height": 300}, "exceeds the inner height"),
        ({"door_width": 240}, "exceeds the inner width"),
        ({"code": ""}, "code must be a non-empty string"),
    ],
)
def test_vehicle_validation(kwargs: dict[str, Any], message: str) -> None:
    base: dict[str, Any] = {
        "code": "X",
        "name": "x",
        "length": 600,
        "width": 235,
        "height": 239,
        "max_payload": 20000,
    }
    with pytest.raises(PackingInputError, match=message):
        Vehicle(**(base | kwargs))


def test_offer_validation() -> None:
    with pytest.raises(PackingInputError, match="decimal.Decimal"):
        VehicleOffer(V["20DV"], 1200.0, "EUR")  # type: ignore[arg-type]
    with pytest.raises(PackingInputError, match="must not be negative"):
        VehicleOffer(V["20DV"], Decimal("-1"), "EUR")
    with pytest.raises(PackingInputError, match="ISO 4217"):
        VehicleOffer(V["20DV"], Decimal("1200"), "EURO")
    assert VehicleOffer(V["20DV"], Decimal("0"), "EUR").price == 0


# ------------------------------------------------------------- choosing vehicles


def test_33_eur_pallets_take_one_trailer() -> None:
    items = [eur(33)]
    s = choose_vehicles(items, offers(TRAILER136=1200, **{"40HC": 2500}), OPTS)
    assert [u.vehicle.code for u in s.units] == ["TRAILER136"]
    assert s.total_cost == Decimal("1200")
    assert s.currency == "EUR"
    assert s.units[0].plan.counts() == {"P": 33}
    assert all(p.z == 0 for p in s.units[0].plan.placements)  # not stackable
    assert s.units[0].plan.total_weight == pytest.approx(33 * 400)
    assert_valid(s, items)


def test_twenty_foot_capacity_decides() -> None:
    # 22 pallets = 2 x 11 fill two 20' exactly: 2 x 700 beats one 40' at 1500 ...
    items = [eur(22)]
    s = choose_vehicles(items, offers(**{"20DV": 700, "40DV": 1500}), OPTS)
    assert [u.vehicle.code for u in s.units] == ["20DV", "20DV"]
    assert [u.plan.placed_count for u in s.units] == [11, 11]
    assert s.total_cost == Decimal("1400")
    assert_valid(s, items)
    # ... 23 do not fit two 20' (12 never fit one): one 40' (1500) beats three 20' (2100).
    items = [eur(23)]
    s = choose_vehicles(items, offers(**{"20DV": 700, "40DV": 1500}), OPTS)
    assert [u.vehicle.code for u in s.units] == ["40DV"]
    assert s.total_cost == Decimal("1500")
    assert ("20DV", "20DV", "20DV") in [c.codes for c in s.candidates]
    assert_valid(s, items)


def test_forty_plus_twenty_beats_two_forties() -> None:
    # 30 pallets: 25 fit a 40' dry, 11 a 20' dry. 2 x 40' = 4000, 3 x 20' = 3600,
    # 40' + 20' = 3200.
    items = [eur(30)]
    s = choose_vehicles(items, offers(**{"40DV": 2000, "20DV": 1200}), OPTS)
    assert sorted(u.vehicle.code for u in s.units) == ["20DV", "40DV"]
    assert s.total_cost == Decimal("3200")
    listed = {c.codes: c.cost for c in s.candidates}
    assert listed[("40DV", "40DV")] == Decimal("4000")
    assert listed[("20DV", "20DV", "20DV")] == Decimal("3600")
    assert_valid(s, items)


def test_pallet_taller_than_the_door_forces_high_cube_or_trailer() -> None:
    # 255 cm: above the door (228) and the inner height (239.3) of the dry containers and
    # the inner height of the swap body (250), below the 40' HC door (258.5) and the
    # trailer's inner height (270, loaded from the side).
    items = [eur(3, h=255, pid="TALL")]
    s = choose_vehicles(items, offers(**{"20DV": 500, "40DV": 800, "40HC": 2000}, SWAP72=400), OPTS)
    assert [u.vehicle.code for u in s.units] == ["40HC"]
    assert_valid(s, items)
    s = choose_vehicles(
        items, offers(**{"20DV": 500, "40HC": 2000}, TRAILER136=1500, SWAP72=400), OPTS
    )
    assert [u.vehicle.code for u in s.units] == ["TRAILER136"]
    assert_valid(s, items)


def test_door_not_inner_height_limits_a_dry_container() -> None:
    # 230 cm tall fits inside a 40' dry (239.3) but not through its door (228).
    items = [eur(2, h=230, pid="T230")]
    with pytest.raises(PackingInputError, match=r"'T230'.*does not pass the door"):
        choose_vehicles(items, offers(**{"20DV": 500, "40DV": 800}), OPTS)
    s = choose_vehicles(items, offers(**{"40DV": 800, "40HC": 900}), OPTS)
    assert [u.vehicle.code for u in s.units] == ["40HC"]
    assert_valid(s, items)


def test_mixed_load_tall_pallets_go_in_the_high_cube() -> None:
    items = [eur(30), eur(2, h=250, pid="TALL")]
    s = choose_vehicles(items, offers(**{"20DV": 1200, "40DV": 2000, "40HC": 2300}), OPTS)
    # 20' (11 low) + 40' HC (19 low and the 2 tall) = 3500; 2 x 40' HC = 4600; the 40'
    # dry can only lead (it cannot take the tall pallets): 40' + 40' HC = 4300.
    assert s.total_cost == Decimal("3500")
    assert sorted(u.vehicle.code for u in s.units) == ["20DV", "40HC"]
    for unit in s.units:
        if "TALL" in unit.plan.counts():
            assert unit.vehicle.code == "40HC"
    assert_valid(s, items)


def test_a_vehicle_that_cannot_take_everything_leads_the_load() -> None:
    # The 40' dry is cheap but cannot take the tall pallet: it carries the 25 low ones and
    # the 40' HC finishes with the tall one (26 pallets do not fit one 40' floor). The
    # other way round (40' HC with the tall one and 24 low, then a 40' dry for the last)
    # costs the same 4000 with 2 units: the tie goes to the higher mean volume
    # utilisation, (36 / 67.7 + 2.4 / 76.3) / 2 = 0.28 against 0.25.
    items = [eur(25), eur(1, h=250, pid="TALL")]
    s = choose_vehicles(items, offers(**{"40DV": 1000, "40HC": 3000}), OPTS)
    assert [u.vehicle.code for u in s.units] == ["40DV", "40HC"]
    assert s.units[0].plan.counts() == {"P": 25}
    assert s.units[1].plan.counts() == {"TALL": 1}
    assert s.total_cost == Decimal("4000")
    assert ("40HC", "40HC") in [c.codes for c in s.candidates]  # 6000, evaluated first
    assert_valid(s, items)


def test_heavy_load_is_limited_by_the_payload() -> None:
    # 20 pallets of 1 400 kg = 28 t fit a 40' floor (25) but not its 26.7 t payload (19
    # pallets): two 20' (11 + 9, 15.4 t and 12.6 t) at 2 x 1000 beat 40' + 20' at 2500.
    items = [eur(20, weight=1400)]
    s = choose_vehicles(items, offers(**{"40DV": 1500, "20DV": 1000}), OPTS)
    assert s.total_cost == Decimal("2000")
    assert [u.vehicle.code for u in s.units] == ["20DV", "20DV"]
    assert ("40DV",) not in [c.codes for c in s.candidates]
    for unit in s.units:
        assert unit.plan.total_weight <= unit.vehicle.max_payload
    assert_valid(s, items)
    # Alone, the 40' dry needs a second unit for the 20th pallet.
    s = choose_vehicles(items, offers(**{"40DV": 1500}), OPTS)
    assert [u.plan.placed_count for u in s.units] == [19, 1]


def test_identical_units_are_solved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting(container: Container, boxes: list[BoxType], options: Options) -> Plan:
        calls.append(sum(b.quantity for b in boxes))
        return solve(container, boxes, options)

    monkeypatch.setattr(fleet_module, "solve", counting)
    items = [eur(60, weight=300)]
    s = choose_vehicles(items, offers(**{"20DV": 1000}), OPTS)
    assert [u.plan.placed_count for u in s.units] == [11, 11, 11, 11, 11, 5]
    assert calls == [60, 5]  # the first unit, reused four times, then the rest
    first = s.units[0].plan.placements
    assert all(u.plan.placements == first for u in s.units[1:5])
    assert s.total_cost == Decimal("6000")
    assert_valid(s, items)


# ------------------------------------------------------------------------ errors


def test_box_too_large_for_every_vehicle_is_named() -> None:
    items = [eur(2), BoxType("CRATE-9", 1400, 250, 100, quantity=1, weight=500)]
    with pytest.raises(PackingInputError, match=r"box 'CRATE-9'.*fits in none") as e:
        choose_vehicles(items, offers(**{"40HC": 2500}, TRAILER136=1200), OPTS)
    assert "larger than the load space" in e.value.message
    heavy = [BoxType("ANVIL", 100, 100, 100, quantity=1, weight=30000)]
    with pytest.raises(PackingInputError, match=r"'ANVIL'.*heavier \(30000 kg\)"):
        choose_vehicles(heavy, offers(**{"20DV": 1000, "40HC": 2500}), OPTS)
    # 234.5 cm wide standing up: inside a container (235.2) but not through its door (234).
    wide = [BoxType("WIDE", 300, 234.5, 100, quantity=1, allowed_vertical=(False, False, True))]
    with pytest.raises(PackingInputError, match=r"'WIDE'.*does not pass the door \(234 wide"):
        choose_vehicles(wide, offers(**{"40HC": 2500}), OPTS)
    assert choose_vehicles(wide, offers(TRAILER136=1200), OPTS).total_cost == Decimal("1200")


def test_bad_offers() -> None:
    items = [eur(3)]
    mixed = [
        VehicleOffer(V["20DV"], Decimal("1000"), "EUR"),
        VehicleOffer(V["40DV"], Decimal("1500"), "USD"),
    ]
    with pytest.raises(PackingInputError, match="different currencies"):
        choose_vehicles(items, mixed, OPTS)
    with pytest.raises(PackingInputError, match="no vehicle offered"):
        choose_vehicles(items, [], OPTS)
    twice = [
        VehicleOffer(V["20DV"], Decimal("1000"), "EUR"),
        VehicleOffer(V["20DV"], Decimal("900"), "EUR"),
    ]
    with pytest.raises(PackingInputError, match="'20DV' is offered twice"):
        choose_vehicles(items, twice, OPTS)
    with pytest.raises(PackingInputError, match="nothing to load"):
        choose_vehicles([eur(0)], offers(**{"20DV": 1000}), OPTS)
    with pytest.raises(PackingInputError, match="used twice"):
        choose_vehicles([eur(1), eur(2)], offers(**{"20DV": 1000}), OPTS)


def test_max_units() -> None:
    with pytest.raises(PackingInputError, match="at most 2 units"):
        choose_vehicles([eur(30)], offers(**{"20DV": 1000}), OPTS, max_units=2)


# ---------------------------------------------------------------------- progress


def test_progress_is_reported_and_ends_at_one() -> None:
    seen: list[tuple[float, str]] = []
    items = [eur(30), eur(2, h=250, pid="TALL")]
    choose_vehicles(
        items,
        offers(**{"20DV": 1200, "40DV": 2000, "40HC": 2300}),
        OPTS,
        progress=lambda f, m: seen.append((f, m)),
    )
    fractions = [f for f, _ in seen]
    assert len(seen) >= 5
    assert fractions == sorted(fractions)
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert seen[-1] == (1.0, "done")
    assert "40' high cube: unit 1" in [m for _, m in seen]


# ---------------------------------------------------------------------- property

SPECS = [
    ("20DV", 800, 2000),
    ("40HC", 1200, 3200),
    ("TRAILER136", 1000, 2600),
    ("SWAP72", 700, 1500),
]


@st.composite
def loads(draw: st.DrawFn) -> tuple[list[BoxType], list[VehicleOffer]]:
    n = draw(st.integers(1, 3))
    items = [
        BoxType(
            f"G{i}",
            120,
            draw(st.sampled_from([80, 100])),
            draw(st.sampled_from([100, 150, 200, 250])),
            quantity=draw(st.integers(1, 22)),
            weight=draw(st.sampled_from([200.0, 600.0, 1000.0])),
            allowed_vertical=(False, False, True),
            max_load_on_top=0.0,
        )
        for i in range(n)
    ]
    prices = [
        VehicleOffer(V[code], Decimal(draw(st.integers(lo // 100, hi // 100)) * 100), "EUR")
        for code, lo, hi in SPECS
    ]
    return items, prices


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(loads())
def test_never_dearer_than_the_best_single_type(
    monkeypatch: pytest.MonkeyPatch, problem: tuple[list[BoxType], list[VehicleOffer]]
) -> None:
    # The solver stops at a deadline: cache its answers so that the single-type runs see
    # the very plans the mixed run saw, and the comparison tests the fleet logic only.
    cache: dict[tuple[Container, tuple[BoxType, ...], Options], Plan] = {}

    def cached(container: Container, boxes: list[BoxType], options: Options) -> Plan:
        key = (container, tuple(boxes), options)
        if key not in cache:
            cache[key] = solve(container, boxes, options)
        return cache[key]

    monkeypatch.setattr(fleet_module, "solve", cached)
    items, priced = problem
    options = Options(time_limit_s=0.1)
    s = choose_vehicles(items, priced, options)
    assert_valid(s, items, options)
    singles = []
    for offer in priced:
        try:
            alone = choose_vehicles(items, [offer], options)
        except PackingInputError:
            continue  # this vehicle cannot take every item
        assert {u.vehicle.code for u in alone.units} == {offer.vehicle.code}
        singles.append(alone.total_cost)
    assert singles  # the trailer takes every generated pallet
    assert s.total_cost <= min(singles)


# -------------------------------------------------------- identical pallets (palletise)


def test_palletise_reuses_the_plan_of_identical_pallets(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting(container: Container, boxes: list[BoxType], options: Options) -> Plan:
        calls.append(sum(b.quantity for b in boxes))
        return solve(container, boxes, options)

    monkeypatch.setattr(pallets_module, "solve", counting)
    seen: list[float] = []
    cartons = [
        BoxType("C", 40, 30, 25, quantity=610, weight=6, allowed_vertical=(False, False, True))
    ]
    loads = palletise(
        cartons,
        EUR_PALLET,
        160,
        Options(time_limit_s=0.3),
        progress=lambda f, m: seen.append(f),
        patterns=False,  # the solver's plan reused (the layer pattern needs no solve at all)
    )
    # 8 cartons a layer (120 x 80 = 8 x 40 x 30, the area bound), 5 layers in
    # 160 - 14.4 = 145.6 cm: 40 a pallet, 15 full pallets and 10 cartons on the 16th.
    assert [load.plan.placed_count for load in loads] == [40] * 15 + [10]
    assert calls == [610, 10]  # one solve for the 15 identical pallets
    first = loads[0].plan.placements
    assert all(load.plan.placements == first for load in loads[1:15])
    assert loads[1].plan.unplaced == {"C": 610 - 80}  # figures redone for the remainder
    space = loads[0].plan.container
    for load in loads:
        assert check(space, cartons, load.plan) == []
    assert len(seen) == 16
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert seen[0] == pytest.approx(40 / 610)
    calls.clear()
    layered = palletise(cartons, EUR_PALLET, 160, Options(time_limit_s=0.3))
    assert [load.plan.placed_count for load in layered] == [40] * 15 + [10]
    assert calls == []  # the block pattern reaches the volume bound: no search
    assert all(load.pattern is not None for load in layered)
