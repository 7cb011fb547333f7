"""Plain values of load planning: the container, the box types, the options and the plan.

Axes follow the usual convention of the container loading literature (Bischoff & Ratcliff
1995): ``x`` runs along the container length (from the front wall, x = 0, towards the
doors), ``y`` along its width and ``z`` upwards from the floor. Lengths are in any one unit
(centimetres in the product), weights in any one unit (kilograms in the product).

Sizes are given as ``float`` (an ``int`` is accepted); the solver works internally on
integers (see :mod:`comptoir.trade.packing.solver`) and the checker compares with a small
tolerance, so decimal sizes such as 39.5 cm are exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from comptoir.trade.errors import TradeInputError
from comptoir.trade.packing.limits import (
    WORK_PER_SECOND,
    check_dimension,
    check_load,
    check_quantity,
    check_stop,
    check_time_limit,
    check_total_work,
    check_weight,
    check_work_limit,
    check_workers,
)

#: The wall clock stops a search after this many times ``time_limit_s`` (at most
#: ``SAFETY_CAP_S``) whatever the work done: a safety stop for a machine far slower or
#: busier than the one the work units were measured on (seen: a 2-core machine running
#: eight processes did a third of the work per second). Below it, the plan depends on the
#: input and options only.
SAFETY_FACTOR = 10.0
SAFETY_CAP_S = 300.0

#: Relative tolerance of geometric comparisons in the checker and the validation.
EPS = 1e-6


class PackingInputError(TradeInputError):
    """Bad input to load planning: the message names the container or the box at fault.

    A :class:`~comptoir.trade.errors.TradeInputError` (so a ``ValueError``): the CLI and
    the API report it as ``{"error": message, "field": field}``; ``field`` is the JSON
    path (``"boxes.2"``, ``"container"``) when the input came as JSON.
    """


def _positive(value: float, what: str) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise PackingInputError(f"{what} must be a number, got {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise PackingInputError(f"{what} must be positive, got {value!r}")


@dataclass(frozen=True, slots=True)
class Container:
    """Inner dimensions of a container, truck, swap body or pallet load space.

    ``max_payload`` is the maximum weight of the cargo (not the tare).
    """

    length: float
    width: float
    height: float
    max_payload: float = math.inf
    name: str = ""

    def __post_init__(self) -> None:
        label = f"container {self.name!r}" if self.name else "container"
        _positive(self.length, f"{label}: length")
        _positive(self.width, f"{label}: width")
        _positive(self.height, f"{label}: height")
        if not (self.max_payload > 0):
            raise PackingInputError(
                f"{label}: max_payload must be positive, got {self.max_payload!r}"
            )
        for name in ("length", "width", "height"):
            check_dimension(getattr(self, name), f"{label}: {name}", name)
        if math.isfinite(self.max_payload):
            check_weight(self.max_payload, f"{label}: max_payload", "max_payload")

    @property
    def volume(self) -> float:
        return self.length * self.width * self.height


@dataclass(frozen=True, slots=True)
class BoxType:
    """A type of box (carton, case, loaded pallet) and how many of them to load.

    ``allowed_vertical`` says, for the dimensions ``(l, w, h)`` in that order, which ones
    may stand vertical; ``(False, False, True)`` is "this side up". A box may always turn
    about the vertical axis (the convention of the thpack instances, Bischoff & Ratcliff
    1995). ``max_load_on_top`` caps the weight that may rest on one box of this type
    (``0`` means "do not stack on it"; ``None`` means no cap beyond
    :attr:`Options.max_stack_weight`).

    ``stop`` is the delivery stop of a multi-drop load (1 = delivered first, up to
    ``MAX_STOPS``); the plan loads the last stop first so that each stop's goods are at the
    doors when the vehicle gets there (:mod:`comptoir.trade.packing.stops`). All boxes at
    stop 1 (the default) is the usual single-drop load.
    """

    id: str
    l: float  # noqa: E741 - the trade's own name for the length
    w: float
    h: float
    quantity: int = 1
    weight: float = 0.0
    allowed_vertical: tuple[bool, bool, bool] = (True, True, True)
    max_load_on_top: float | None = None
    stop: int = 1

    def __post_init__(self) -> None:
        label = f"box {self.id!r}"
        _positive(self.l, f"{label}: length l")
        _positive(self.w, f"{label}: width w")
        _positive(self.h, f"{label}: height h")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise PackingInputError(f"{label}: quantity must be an integer")
        if self.quantity < 0:
            raise PackingInputError(f"{label}: quantity must not be negative")
        if not math.isfinite(self.weight) or self.weight < 0:
            raise PackingInputError(f"{label}: weight must not be negative")
        if len(self.allowed_vertical) != 3 or not any(self.allowed_vertical):
            raise PackingInputError(
                f"{label}: allowed_vertical needs three flags with at least one true"
            )
        if self.max_load_on_top is not None and self.max_load_on_top < 0:
            raise PackingInputError(f"{label}: max_load_on_top must not be negative")
        for name in ("l", "w", "h"):
            check_dimension(getattr(self, name), f"{label}: {name}", name)
        check_quantity(self.quantity, f"{label}: quantity", "quantity")
        check_weight(self.weight, f"{label}: weight", "weight")
        check_stop(self.stop, f"{label}: stop", "stop")
        if self.max_load_on_top is not None:
            check_weight(self.max_load_on_top, f"{label}: max_load_on_top", "max_load_on_top")

    @property
    def dims(self) -> tuple[float, float, float]:
        return (self.l, self.w, self.h)

    @property
    def volume(self) -> float:
        return self.l * self.w * self.h

    def orientations(self) -> list[tuple[float, float, float]]:
        """The distinct oriented dimensions ``(dx, dy, dz)`` this box may take."""
        d = self.dims
        seen: list[tuple[float, float, float]] = []
        for v in range(3):
            if not self.allowed_vertical[v]:
                continue
            a, b = (d[i] for i in range(3) if i != v)
            for o in ((a, b, d[v]), (b, a, d[v])):
                if o not in seen:
                    seen.append(o)
        return seen


@dataclass(frozen=True, slots=True)
class Options:
    """Constraints and limits of a load plan.

    ``min_support_ratio`` is the share of its base a box must rest on (floor or tops of
    the boxes below): 1.0, the warehouse default, means fully supported; 0 is the
    unconstrained variant of the benchmarks. ``max_stack_weight`` caps the weight resting
    on any one box (weight flows down through the contact faces in proportion to their
    areas).

    The search is budgeted in work units, not seconds, so that the same input gives the
    same plan on any machine and under any load: ``work_limit`` units, by default
    ``time_limit_s`` times ``WORK_PER_SECOND`` (the work this machine does in that time).
    The search stops earlier when every box is loaded or the search tree is exhausted. The
    wall clock is only a safety stop, at ``SAFETY_FACTOR`` times ``time_limit_s``; a plan
    it cut short says so (``Plan.stopped_by_clock``).

    ``workers`` (1 to ``MAX_WORKERS``) runs that many different searches side by side,
    each with the whole budget, on as many processors as the machine has, and keeps the
    best plan: the plan depends on ``workers``, not on the number of processors.
    """

    min_support_ratio: float = 1.0
    max_stack_weight: float | None = None
    time_limit_s: float = 5.0
    work_limit: int | None = None
    workers: int = 1

    def __post_init__(self) -> None:
        if not (0.0 <= self.min_support_ratio <= 1.0):
            raise PackingInputError("min_support_ratio must lie between 0 and 1")
        if self.max_stack_weight is not None and self.max_stack_weight < 0:
            raise PackingInputError("max_stack_weight must not be negative")
        if not (self.time_limit_s >= 0):
            raise PackingInputError("time_limit_s must not be negative")
        check_time_limit(self.time_limit_s)
        if self.work_limit is not None:
            if self.work_limit < 0:
                raise PackingInputError("work_limit must not be negative", "work_limit")
            check_work_limit(self.work_limit)
        if self.max_stack_weight is not None:
            check_weight(self.max_stack_weight, "max_stack_weight", "max_stack_weight")
        check_workers(self.workers)
        check_total_work(self.workers, self.effective_work_limit())

    def effective_work_limit(self) -> int:
        """The search's budget in work units."""
        if self.work_limit is not None:
            return self.work_limit
        return int(self.time_limit_s * WORK_PER_SECOND)

    def safety_stop_s(self) -> float:
        """Seconds after which the wall clock stops the search whatever the work done."""
        return min(SAFETY_FACTOR * self.time_limit_s, SAFETY_CAP_S)


@dataclass(frozen=True, slots=True)
class Placement:
    """One box in the plan: its type, the corner nearest the origin and its oriented size."""

    box_type_id: str
    x: float
    y: float
    z: float
    dx: float
    dy: float
    dz: float

    @property
    def x2(self) -> float:
        return self.x + self.dx

    @property
    def y2(self) -> float:
        return self.y + self.dy

    @property
    def z2(self) -> float:
        return self.z + self.dz

    @property
    def volume(self) -> float:
        return self.dx * self.dy * self.dz


@dataclass(frozen=True, slots=True)
class Plan:
    """A load plan: placements in loading order, the boxes left out and the key figures.

    ``volume_utilisation`` and ``weight_utilisation`` are shares (0..1) of the container
    volume and payload (weight utilisation is 0 for an unlimited payload);
    ``centre_of_gravity`` is the weighted centre of the boxes (by volume when they carry
    no weight), ``None`` for an empty plan.
    """

    container: Container
    placements: tuple[Placement, ...]
    unplaced: dict[str, int] = field(default_factory=dict)
    volume_utilisation: float = 0.0
    weight_utilisation: float = 0.0
    total_weight: float = 0.0
    centre_of_gravity: tuple[float, float, float] | None = None
    elapsed_s: float = 0.0
    work: int = 0
    stopped_by_clock: bool = False

    @property
    def placed_count(self) -> int:
        return len(self.placements)

    def counts(self) -> dict[str, int]:
        """Number of placed boxes per box type id."""
        out: dict[str, int] = {}
        for p in self.placements:
            out[p.box_type_id] = out.get(p.box_type_id, 0) + 1
        return out


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule a plan breaks, as found by :func:`comptoir.trade.packing.checker.check`.

    ``kind`` is one of ``unknown_type``, ``quantity``, ``orientation``, ``outside``,
    ``overlap``, ``support``, ``payload``, ``stacking``, ``stop_order`` (a box of a later
    delivery stop between a box of an earlier stop and the doors); ``boxes`` holds the indexes of
    the placements concerned.
    """

    kind: str
    message: str
    boxes: tuple[int, ...] = ()


def summarise(
    container: Container,
    boxes: list[BoxType] | tuple[BoxType, ...],
    placements: tuple[Placement, ...],
    elapsed_s: float = 0.0,
    *,
    work: int = 0,
    stopped_by_clock: bool = False,
) -> Plan:
    """Build a :class:`Plan` with its figures from placements (used by solver and JSON)."""
    weights = {b.id: b.weight for b in boxes}
    wanted: dict[str, int] = {}
    for b in boxes:
        wanted[b.id] = wanted.get(b.id, 0) + b.quantity
    placed: dict[str, int] = {}
    vol = 0.0
    tw = 0.0
    sx = sy = sz = 0.0
    wsum = 0.0
    for p in placements:
        placed[p.box_type_id] = placed.get(p.box_type_id, 0) + 1
        v = p.volume
        vol += v
        wt = weights.get(p.box_type_id, 0.0)
        tw += wt
    use_volume = tw <= 0
    for p in placements:
        m = p.volume if use_volume else weights.get(p.box_type_id, 0.0)
        sx += m * (p.x + p.dx / 2)
        sy += m * (p.y + p.dy / 2)
        sz += m * (p.z + p.dz / 2)
        wsum += m
    cog = (sx / wsum, sy / wsum, sz / wsum) if wsum > 0 else None
    unplaced = {k: n - placed.get(k, 0) for k, n in wanted.items() if n - placed.get(k, 0) > 0}
    wu = tw / container.max_payload if math.isfinite(container.max_payload) else 0.0
    return Plan(
        container=container,
        placements=placements,
        unplaced=unplaced,
        volume_utilisation=vol / container.volume,
        weight_utilisation=wu,
        total_weight=tw,
        centre_of_gravity=cog,
        elapsed_s=elapsed_s,
        work=work,
        stopped_by_clock=stopped_by_clock,
    )


def fits_somehow(container: Container, box: BoxType) -> bool:
    """True if the box fits the empty container in at least one allowed orientation."""
    tol = EPS * max(container.length, container.width, container.height)
    return any(
        dx <= container.length + tol
        and dy <= container.width + tol
        and dz <= container.height + tol
        for dx, dy, dz in box.orientations()
    )


def validate(container: Container, boxes: list[BoxType] | tuple[BoxType, ...]) -> None:
    """Raise :class:`PackingInputError` naming the first box that cannot be loaded at all.

    Sizes and quantities are already checked when the values are built; this adds the
    checks that need the container: a box larger than the container in every allowed
    orientation, and a box heavier than the payload. Box ids must be unique. The load must
    keep within :mod:`comptoir.trade.packing.limits`.
    """
    check_load(boxes)
    seen: set[str] = set()
    for b in boxes:
        if b.id in seen:
            raise PackingInputError(f"box {b.id!r}: the id is used twice")
        seen.add(b.id)
        if not fits_somehow(container, b):
            allowed = ", ".join(
                name for name, ok in zip(("l", "w", "h"), b.allowed_vertical, strict=True) if ok
            )
            raise PackingInputError(
                f"box {b.id!r} ({b.l} x {b.w} x {b.h}) fits the container "
                f"({container.length} x {container.width} x {container.height}) in no allowed "
                f"orientation (vertical: {allowed})"
            )
        if b.quantity > 0 and b.weight > container.max_payload * (1 + 1e-9):
            raise PackingInputError(
                f"box {b.id!r} weighs {b.weight:g}, more than the maximum payload "
                f"{container.max_payload:g}"
            )
