"""Fleet choice: the cheapest set of containers and trucks that carries a whole load.

The problem is the *multiple container loading cost minimisation problem* (MCLCMP) of
Che, Huang, Lim & Zhu (2011), "The multiple container loading cost minimization
problem", EJOR 214(3): load every box into units chosen from a few vehicle types, each
type with its own price, at the least total price (a "multiple bin size bin packing
problem" in the typology of Wäscher, Haußner & Schumann 2007, "An improved typology of
cutting and packing problems", EJOR 183(3)).

Method (:func:`choose_vehicles`), a sequential heuristic in the sense of Bortfeldt &
Wäscher (2013), "Constraints in container loading - a state-of-the-art review", EJOR
229(1), and of Eley (2003), "A bottleneck assignment approach to the multiple container
loading problem", OR Spectrum 25(1), where units are filled one after the other with a
single-container algorithm:

1. **Chains.** For each vehicle type ``t``, units of ``t`` are filled one after the other,
   each as full as :func:`~comptoir.trade.packing.solver.solve` can make it, until
   everything is loaded (a single-type solution, ``n_t`` units for ``n_t * price_t``). The
   remainder ``R_k`` left after each unit ``k`` is kept.
2. **Finishing.** For each type ``t`` and each ``k >= 1``, the remainder ``R_k`` is
   finished with units of one other type ``u``, filled the same way, as long as the
   solution can still beat the best one (in practice one unit, sometimes two), e.g. "one
   40' high cube, then one 20' dry for the rest". Candidates are tried in the order of
   their lower bound, cheapest first.
3. The cheapest complete solution wins; ties go to fewer units, then to the higher mean
   volume utilisation.

The number of :func:`solve` calls is kept bounded: a solution is only built while its
cost can still beat the best found so far, using the continuous (volume and weight)
lower bound of bin packing (Martello, Pisinger & Vigo 2000, "The three-dimensional bin
packing problem", Operations Research 48(2)) to skip candidates without solving them;
identical sub-problems are solved once (a memo keyed on the vehicle code and the counts
left of each item); and when the next unit of a chain still has at least as many boxes
of every type as the previous unit carried, the previous unit's plan is reused (it
remains valid since the same boxes are available), so that a load of identical pallets
takes one solve per vehicle type instead of one per unit.

**Vehicles that cannot take every item** (an item too large, too heavy, or that passes
the door in no allowed orientation): a vehicle is only ever given the items it can take.
Its chain fills it with those items; when only items it cannot take remain, the chain
stops and that remainder must be finished by another type that takes *all* of it. So
a solution uses at most two vehicle types (leading type, then finishing type), and
every unit carries only what passes its door and fits its load space and payload.

Door openings (ISO 1496-1 gives minimum door openings for general purpose containers):
a box enters through the rear doors; an allowed orientation (a choice of the vertical
dimension) is kept for a vehicle only when its vertical side is at most the door height
and its shorter horizontal side at most the door width. The box may then turn about the
vertical axis inside, the convention of the rest of the package. A vehicle loaded from
the side or the top (a curtain-sider) has no door limit (``door_height is None``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from comptoir.trade.money import is_currency
from comptoir.trade.packing.limits import check_load
from comptoir.trade.packing.model import (
    EPS,
    BoxType,
    Container,
    Options,
    PackingInputError,
    Plan,
    summarise,
)
from comptoir.trade.packing.stops import solve_stops as solve

__all__ = [
    "STANDARD_VEHICLES",
    "Candidate",
    "LoadedUnit",
    "Shipment",
    "Vehicle",
    "VehicleOffer",
    "choose_vehicles",
]

#: Share of the progress bar given to the chains; the finishing step gets the rest.
CHAIN_SHARE = 0.7
#: Lower bounds are computed in floating point: shrink them by this factor so that a
#: rounding error never prunes a solution that could tie with the best.
_BOUND_SAFETY = 1 - 1e-9
_BOUND_SAFETY_DEC = Decimal("0.999999999")

Progress = Callable[[float, str], None]
Counts = tuple[int, ...]


def _number(value: object, what: str, *, allow_inf: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PackingInputError(f"{what} must be a number, got {value!r}")
    v = float(value)
    if math.isnan(v) or v <= 0 or (math.isinf(v) and not allow_inf):
        raise PackingInputError(f"{what} must be positive, got {value!r}")
    return v


@dataclass(frozen=True, slots=True)
class Vehicle:
    """A container, trailer or swap body: inner load space (cm), payload (kg), door (cm).

    ``door_height`` / ``door_width`` are the clear door opening at the rear (``None`` when
    the vehicle is loaded from the side or the top, e.g. a curtain-sider, or when the
    door is as large as the load space). ``max_payload`` is the weight of cargo it may
    carry (maximum gross mass less tare).
    """

    code: str
    name: str
    length: float
    width: float
    height: float
    max_payload: float
    door_height: float | None = None
    door_width: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code.strip():
            raise PackingInputError(f"vehicle: code must be a non-empty string, got {self.code!r}")
        label = f"vehicle {self.code!r}"
        if not isinstance(self.name, str):
            raise PackingInputError(f"{label}: name must be a string, got {self.name!r}")
        _number(self.length, f"{label}: length")
        _number(self.width, f"{label}: width")
        _number(self.height, f"{label}: height")
        _number(self.max_payload, f"{label}: max_payload", allow_inf=True)
        tol = EPS * max(self.length, self.width, self.height)
        if self.door_height is not None:
            _number(self.door_height, f"{label}: door_height")
            if self.door_height > self.height + tol:
                raise PackingInputError(
                    f"{label}: door_height {self.door_height:g} exceeds the inner height "
                    f"{self.height:g}"
                )
        if self.door_width is not None:
            _number(self.door_width, f"{label}: door_width")
            if self.door_width > self.width + tol:
                raise PackingInputError(
                    f"{label}: door_width {self.door_width:g} exceeds the inner width "
                    f"{self.width:g}"
                )

    @property
    def volume(self) -> float:
        return self.length * self.width * self.height

    def container(self) -> Container:
        """The load space as a :class:`Container` named after the vehicle."""
        return Container(self.length, self.width, self.height, self.max_payload, name=self.name)


#: Standard vehicles, inner dimensions in cm, payload in kg.
#:
#: * ISO containers: outer sizes and ratings by ISO 668 (20' x 8' x 8'6" and 40' x 8' x
#:   8'6" / 9'6" high cube, maximum gross mass 30 480 kg); ISO 1496-1 sets the minimum
#:   inner sizes and door openings (e.g. a 20' at least 5 867 x 2 330 mm inside, doors at
#:   least 2 286 mm wide and 2 261 mm high for an 8'6" box). The figures below are the
#:   typical ones of carriers' container data sheets (e.g. Hapag-Lloyd, Maersk, and the
#:   World Shipping Council's "Dry cargo containers" table): 5 898 / 12 032 x 2 352 x
#:   2 393 mm (2 698 mm for the high cube), doors 2 340 mm wide by 2 280 mm (2 585 mm
#:   high cube) high; payload = 30 480 kg less a tare of about 2 280 kg (20'),
#:   3 780 kg (40') and 3 980 kg (40' HC). Units differ by a few mm and kg between series.
#: * 13.6 m curtain-sider semi-trailer ("tautliner"): the European standard trailer,
#:   inner 13.6 x 2.45 x 2.70 m, loaded from the side (no door limit), payload about
#:   24 t (40 t for a five-axle articulated vehicle, Directive 96/53/EC annex I, less
#:   about 16 t for tractor and trailer); carriers quote 33 EUR pallets (11 rows of 3),
#:   34 fit crosswise in 17 rows of 2 with no length to spare.
#: * C 745 swap body (EN 284, class C swap bodies: 7 450 mm long, 2 550 mm wide, at most
#:   16 t gross): inner 7.30 x 2.45 m (18 EUR pallets, 6 rows of 3, need 7.20 x 2.40 m;
#:   the code ``SWAP72`` is its 7.2 loading metres), inner height 2.50 m (EN 284's
#:   1 320 mm standing height under the 4 m limit of Directive 96/53/EC, less the
#:   underframe and roof), curtain-sider (side loading), payload about 12 t (16 t gross
#:   less the body's tare and margin for the carrier truck's axle loads).
STANDARD_VEHICLES: tuple[Vehicle, ...] = (
    Vehicle("20DV", "20' dry", 589.8, 235.2, 239.3, 28200.0, door_height=228.0, door_width=234.0),
    Vehicle("40DV", "40' dry", 1203.2, 235.2, 239.3, 26700.0, door_height=228.0, door_width=234.0),
    Vehicle(
        "40HC", "40' high cube", 1203.2, 235.2, 269.8, 26500.0, door_height=258.5, door_width=234.0
    ),
    Vehicle("TRAILER136", "13.6 m curtain-sider trailer", 1360.0, 245.0, 270.0, 24000.0),
    Vehicle("SWAP72", "7.45 m swap body (C 745)", 730.0, 245.0, 250.0, 12000.0),
)


@dataclass(frozen=True, slots=True)
class VehicleOffer:
    """A freight price for one unit of a vehicle type (``Decimal``, ISO 4217 currency).

    A price of zero is accepted (an own truck whose marginal cost is ignored); a negative
    price is refused.
    """

    vehicle: Vehicle
    price: Decimal
    currency: str

    def __post_init__(self) -> None:
        label = f"offer {getattr(self.vehicle, 'code', '?')!r}"
        if not isinstance(self.vehicle, Vehicle):
            raise PackingInputError(f"{label}: vehicle must be a Vehicle")
        if isinstance(self.price, bool) or not isinstance(self.price, Decimal):
            raise PackingInputError(f"{label}: price must be a decimal.Decimal, got {self.price!r}")
        if not self.price.is_finite() or self.price < 0:
            raise PackingInputError(f"{label}: price must not be negative, got {self.price}")
        if not isinstance(self.currency, str) or not is_currency(self.currency):
            raise PackingInputError(
                f"{label}: currency must be an ISO 4217 code such as EUR, got {self.currency!r}"
            )


@dataclass(frozen=True, slots=True)
class LoadedUnit:
    """One unit of the shipment: its vehicle, its price and its load plan.

    The plan lists only this unit's boxes (its ``unplaced`` is empty); placements name the
    item ids.
    """

    vehicle: Vehicle
    price: Decimal
    plan: Plan


@dataclass(frozen=True, slots=True)
class Candidate:
    """A complete solution that was evaluated: vehicle codes in loading order and its cost."""

    codes: tuple[str, ...]
    cost: Decimal


@dataclass(frozen=True, slots=True)
class Shipment:
    """The chosen units in loading order, their total cost and the alternatives evaluated.

    ``candidates`` are sorted by cost (then fewer units, then higher utilisation), the
    chosen solution first; solutions using the same vehicles are listed once.
    """

    units: tuple[LoadedUnit, ...]
    total_cost: Decimal
    currency: str
    candidates: tuple[Candidate, ...]
    elapsed_s: float


@dataclass(slots=True)
class _Type:
    """A vehicle type of the offer with the items it can take (orientations cut by door)."""

    offer: Vehicle
    price: Decimal
    container: Container
    boxes: list[BoxType | None]  # per item: the item restricted to this vehicle, or None


@dataclass(slots=True)
class _Solution:
    units: list[tuple[int, Plan, Counts]]  # (type index, plan, counts placed)
    cost: Decimal
    utilisation: float
    seq: int

    def key(self) -> tuple[Decimal, int, float, int]:
        return (self.cost, len(self.units), -self.utilisation, self.seq)


def _entry(vehicle: Vehicle, box: BoxType) -> tuple[tuple[bool, bool, bool], str]:
    """Which dimensions of ``box`` may stand vertical in ``vehicle``, and why none if none.

    An orientation is kept when the box fits the load space with that side vertical and
    passes the door: vertical side at most the door height, shorter horizontal side at
    most the door width (ISO 1496-1 door opening; see the module docstring).
    """
    tol = EPS * max(vehicle.length, vehicle.width, vehicle.height)
    d = box.dims
    mask: list[bool] = []
    inside_any = False
    for v in range(3):
        a, b = (d[i] for i in range(3) if i != v)
        h = d[v]
        inside = (
            box.allowed_vertical[v]
            and h <= vehicle.height + tol
            and (
                (a <= vehicle.length + tol and b <= vehicle.width + tol)
                or (b <= vehicle.length + tol and a <= vehicle.width + tol)
            )
        )
        inside_any = inside_any or inside
        door = (vehicle.door_height is None or h <= vehicle.door_height + tol) and (
            vehicle.door_width is None or min(a, b) <= vehicle.door_width + tol
        )
        mask.append(inside and door)
    allowed = (mask[0], mask[1], mask[2])
    if box.weight > vehicle.max_payload * (1 + 1e-9):
        return (False, False, False), (
            f"heavier ({box.weight:g} kg) than the payload ({vehicle.max_payload:g} kg)"
        )
    if not inside_any:
        return allowed, (
            f"larger than the load space ({vehicle.length:g} x {vehicle.width:g} x "
            f"{vehicle.height:g}) in every allowed orientation"
        )
    if not any(allowed):
        door_h = "any height" if vehicle.door_height is None else f"{vehicle.door_height:g}"
        door_w = "any width" if vehicle.door_width is None else f"{vehicle.door_width:g}"
        return allowed, (
            f"does not pass the door ({door_w} wide x {door_h} high) in any allowed orientation"
        )
    return allowed, ""


def _ceil_units(need: float, per_unit: float) -> int:
    if need <= 0:
        return 0
    if math.isinf(per_unit):
        return 1
    return math.ceil(need / per_unit * _BOUND_SAFETY)


class _Run:
    """One run of :func:`choose_vehicles`: memo, best solution, progress."""

    def __init__(
        self,
        items: list[BoxType],
        types: list[_Type],
        options: Options,
        progress: Progress | None,
        max_units: int,
    ) -> None:
        self.items = items
        self.types = types
        self.options = options
        self.progress_cb = progress
        self.max_units = max_units
        self.vol = [b.volume for b in items]
        self.wt = [b.weight for b in items]
        self.memo: dict[tuple[int, Counts], tuple[Plan, Counts]] = {}
        self.best: _Solution | None = None
        self.found: dict[tuple[str, ...], _Solution] = {}
        self.seq = 0
        self.fraction = 0.0
        self.solves = 0

    # ------------------------------------------------------------------ helpers
    def report(self, fraction: float, message: str) -> None:
        self.fraction = max(self.fraction, min(1.0, fraction))
        if self.progress_cb is not None:
            self.progress_cb(self.fraction, message)

    def volume(self, r: Counts) -> float:
        return math.fsum(n * v for n, v in zip(r, self.vol, strict=True))

    def weight(self, r: Counts) -> float:
        return math.fsum(n * w for n, w in zip(r, self.wt, strict=True))

    def takes(self, t: int, r: Counts) -> bool:
        """True if vehicle type ``t`` can take some item of ``r``."""
        boxes = self.types[t].boxes
        return any(n > 0 and boxes[i] is not None for i, n in enumerate(r))

    def takes_all(self, t: int, r: Counts) -> bool:
        boxes = self.types[t].boxes
        return all(n == 0 or boxes[i] is not None for i, n in enumerate(r))

    def min_units(self, t: int, r: Counts) -> int:
        """Continuous lower bound on the units of type ``t`` alone that carry ``r``."""
        c = self.types[t].container
        return max(
            1, _ceil_units(self.volume(r), c.volume), _ceil_units(self.weight(r), c.max_payload)
        )

    def lower_bound(self, r: Counts) -> Decimal:
        """Lower bound on the cost of carrying ``r`` with any mix of the vehicle types.

        Any set of units carrying ``r`` has at least its volume and weight, so it costs at
        least the volume times the lowest price per unit of volume, and likewise for the
        weight (the continuous bound, Martello, Pisinger & Vigo 2000), and at least the
        cheapest single unit.
        """
        vol = self.volume(r)
        wt = self.weight(r)
        lb = min(t.price for t in self.types)
        by_vol = min(t.price * Decimal(vol / t.container.volume) for t in self.types)
        lb = max(lb, by_vol * _BOUND_SAFETY_DEC)
        if all(math.isfinite(t.container.max_payload) for t in self.types):
            by_wt = min(t.price * Decimal(wt / t.container.max_payload) for t in self.types)
            lb = max(lb, by_wt * _BOUND_SAFETY_DEC)
        return lb

    def beaten(self, cost: Decimal, units: int) -> bool:
        """True if a solution costing at least ``cost`` with ``units`` units cannot win."""
        if self.best is None:
            return False
        return (cost, units) > (self.best.cost, len(self.best.units))

    # -------------------------------------------------------------------- solve
    def unit(self, t: int, r: Counts, prev: tuple[Plan, Counts] | None) -> tuple[Plan, Counts]:
        """Fill one unit of type ``t`` from the remainder ``r`` (memoised)."""
        vt = self.types[t]
        masked = tuple(n if vt.boxes[i] is not None else 0 for i, n in enumerate(r))
        key = (t, masked)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        if (
            prev is not None
            and any(prev[1])
            and all(c <= n for c, n in zip(prev[1], masked, strict=True))
        ):
            # Identical units: the same boxes are still there, the plan remains valid.
            result = prev
        else:
            boxes: list[BoxType] = []
            for i, n in enumerate(masked):
                b = vt.boxes[i]
                if n > 0 and b is not None:
                    boxes.append(replace(b, quantity=n))
            self.solves += 1
            plan = solve(vt.container, boxes, self.options)
            placed = plan.counts()
            result = (plan, tuple(placed.get(b.id, 0) for b in self.items))
        self.memo[key] = result
        return result

    def record(self, units: list[tuple[int, Plan, Counts]], cost: Decimal) -> None:
        util = math.fsum(p.volume_utilisation for _, p, _ in units) / len(units)
        self.seq += 1
        sol = _Solution(list(units), cost, util, self.seq)
        name = tuple(sorted(self.types[t].offer.code for t, _, _ in units))
        old = self.found.get(name)
        if old is None or sol.key() < old.key():
            self.found[name] = sol
        if self.best is None or sol.key() < self.best.key():
            self.best = sol

    # ------------------------------------------------------------------- phases
    def chain(
        self, t: int, total: Counts, span: tuple[float, float]
    ) -> list[tuple[list[tuple[int, Plan, Counts]], Counts]]:
        """Fill units of type ``t`` one after the other; return (units, remainder) per k.

        The chain stops when everything is loaded, when ``t`` can take nothing of what is
        left, at ``max_units``, or when neither another unit of ``t`` nor any finishing
        can lead to a solution that beats the best one.
        """
        vt = self.types[t]
        total_vol = self.volume(total) or 1.0
        r = total
        units: list[tuple[int, Plan, Counts]] = []
        states: list[tuple[list[tuple[int, Plan, Counts]], Counts]] = [([], r)]
        prev: tuple[Plan, Counts] | None = None
        while any(r) and self.takes(t, r) and len(units) < self.max_units:
            k = len(units)
            cost = vt.price * k
            if self.beaten(cost + vt.price, k + 1):
                break  # another unit of t cannot pay off; finishing from k is tried later
            if k > 0 and self.beaten(cost + self.lower_bound(r), k + 1):
                break
            done = 1 - self.volume(r) / total_vol
            self.report(span[0] + (span[1] - span[0]) * done, f"{vt.offer.name}: unit {k + 1}")
            plan, placed = self.unit(t, r, prev)
            if not any(placed):
                break  # pragma: no cover - every item offered to t fits an empty unit
            prev = (plan, placed)
            r = tuple(n - c for n, c in zip(r, placed, strict=True))
            units.append((t, plan, placed))
            states.append((list(units), r))
        if not any(r):
            self.record(units, vt.price * len(units))
        return states

    def finish(
        self, head: list[tuple[int, Plan, Counts]], head_cost: Decimal, u: int, r: Counts
    ) -> None:
        """Finish the remainder ``r`` with units of type ``u`` (while it can still win)."""
        vu = self.types[u]
        units = list(head)
        cost = head_cost
        prev: tuple[Plan, Counts] | None = None
        while any(r):
            if len(units) >= self.max_units:
                return
            need = self.min_units(u, r)
            if self.beaten(cost + vu.price * need, len(units) + need):
                return
            plan, placed = self.unit(u, r, prev)
            if not any(placed):
                return  # pragma: no cover - every item offered to u fits an empty unit
            prev = (plan, placed)
            r = tuple(n - c for n, c in zip(r, placed, strict=True))
            units.append((u, plan, placed))
            cost += vu.price
        self.record(units, cost)


def choose_vehicles(
    items: Sequence[BoxType],
    offers: Sequence[VehicleOffer],
    options: Options | None = None,
    progress: Progress | None = None,
    max_units: int = 60,
) -> Shipment:
    """Choose the cheapest units among ``offers`` that carry all ``items``, with their plans.

    ``items`` are box types (loaded pallets from
    :func:`~comptoir.trade.packing.pallets.pallets_as_boxes`, or loose cartons);
    ``options.time_limit_s`` applies to each :func:`solve` call; ``progress(fraction,
    message)`` is called before each solve with a non-decreasing fraction, and with 1.0 at
    the end. The method and its references are in the module docstring.

    Raises :class:`PackingInputError` when there is nothing to load, no offer, two offers
    for the same vehicle code, offers in different currencies (convert them first), an
    item that no offered vehicle can take (the message names it and gives each vehicle's
    reason), or when no solution of at most ``max_units`` units is found.
    """
    started = time.monotonic()
    opts = options or Options()
    if isinstance(max_units, bool) or not isinstance(max_units, int) or max_units < 1:
        raise PackingInputError(f"max_units must be a positive integer, got {max_units!r}")
    if not offers:
        raise PackingInputError("no vehicle offered: give at least one vehicle with its price")
    codes: set[str] = set()
    for o in offers:
        if not isinstance(o, VehicleOffer):
            raise PackingInputError(f"offers must be VehicleOffer values, got {o!r}")
        if o.vehicle.code in codes:
            raise PackingInputError(f"vehicle {o.vehicle.code!r} is offered twice")
        codes.add(o.vehicle.code)
    currencies = sorted({o.currency for o in offers})
    if len(currencies) > 1:
        raise PackingInputError(
            "the offers are in different currencies ("
            + ", ".join(currencies)
            + "): convert them to one currency first"
        )
    currency = currencies[0]

    seen: set[str] = set()
    for b in items:
        if not isinstance(b, BoxType):
            raise PackingInputError(f"items must be BoxType values, got {b!r}")
        if b.id in seen:
            raise PackingInputError(f"box {b.id!r}: the id is used twice")
        seen.add(b.id)
    check_load(items)
    live = [b for b in items if b.quantity > 0]
    if not live:
        raise PackingInputError("nothing to load: no item with a quantity above 0")

    types: list[_Type] = []
    reasons: list[list[str]] = [[] for _ in live]
    for o in offers:
        restricted: list[BoxType | None] = []
        for i, b in enumerate(live):
            allowed, why = _entry(o.vehicle, b)
            if any(allowed):
                restricted.append(replace(b, allowed_vertical=allowed))
            else:
                restricted.append(None)
                reasons[i].append(f"{o.vehicle.name or o.vehicle.code}: {why}")
        types.append(_Type(o.vehicle, o.price, o.vehicle.container(), restricted))
    for i, b in enumerate(live):
        if all(t.boxes[i] is None for t in types):
            raise PackingInputError(
                f"box {b.id!r} ({b.l:g} x {b.w:g} x {b.h:g}, {b.weight:g} kg) fits in none of "
                "the offered vehicles: " + "; ".join(reasons[i])
            )

    run = _Run(live, types, opts, progress, max_units)
    total: Counts = tuple(b.quantity for b in live)

    # Chains, the likely cheapest first so that pruning bites early.
    def chain_key(t: int) -> tuple[bool, Decimal, int]:
        vt = types[t]
        whole = run.takes_all(t, total)
        return (not whole, vt.price * run.min_units(t, total) if whole else vt.price, t)

    order = sorted(range(len(types)), key=chain_key)
    states: dict[int, list[tuple[list[tuple[int, Plan, Counts]], Counts]]] = {}
    share = CHAIN_SHARE / len(order)
    for c, t in enumerate(order):
        states[t] = run.chain(t, total, (c * share, (c + 1) * share))

    # Finishing: k units of t, then units of another type u; by cost bound, cheapest first.
    tasks: list[tuple[Decimal, int, int, int]] = []
    for t in order:
        for k, (_, r) in enumerate(states[t]):
            if k == 0 or not any(r):
                continue
            for u in order:
                if u == t or not run.takes_all(u, r):
                    continue
                bound = types[t].price * k + types[u].price * run.min_units(u, r)
                tasks.append((bound, k, t, u))
    tasks.sort(key=lambda x: (x[0], x[1], order.index(x[2]), order.index(x[3])))
    for n, (bound, k, t, u) in enumerate(tasks):
        head, r = states[t][k]
        if run.beaten(bound, k + run.min_units(u, r)):
            continue
        run.report(
            CHAIN_SHARE + (1 - CHAIN_SHARE) * n / len(tasks),
            f"{k} x {types[t].offer.name} + {types[u].offer.name}",
        )
        run.finish(head, types[t].price * k, u, r)

    best = run.best
    if best is None:
        raise PackingInputError(
            f"no solution of at most {max_units} units found: with at most two vehicle types "
            "(the second one finishing the load), the offered vehicles cannot carry every item"
        )
    run.report(1.0, "done")

    units: list[LoadedUnit] = []
    for t, plan, placed in best.units:
        vt = types[t]
        own = [replace(b, quantity=n) for b, n in zip(live, placed, strict=True) if n > 0]
        units.append(
            LoadedUnit(
                vehicle=vt.offer,
                price=vt.price,
                plan=summarise(
                    vt.container,
                    own,
                    plan.placements,
                    plan.elapsed_s,
                    work=plan.work,
                    stopped_by_clock=plan.stopped_by_clock,
                ),
            )
        )
    ranked = sorted(run.found.values(), key=_Solution.key)
    candidates = tuple(
        Candidate(tuple(types[t].offer.code for t, _, _ in s.units), s.cost) for s in ranked
    )
    return Shipment(
        units=tuple(units),
        total_cost=best.cost,
        currency=currency,
        candidates=candidates,
        elapsed_s=time.monotonic() - started,
    )
