"""Multi-drop loading: the last delivery stop loaded first, each stop's goods at the doors.

A vehicle that delivers to several consignees on one round is unloaded stop by stop; the
goods of a stop must come out without moving those of the stops still to come. The doors
are at the container's far end (x = length, see :mod:`comptoir.trade.packing.model`), so
the goods of the last stop go in first, against the front wall, and those of stop 1 last,
at the doors: **no box of a later stop stands between a box of an earlier stop and the
doors** (the multi-drop constraint of Bortfeldt & Wäscher 2013, "Constraints in container
loading - a state-of-the-art review", EJOR 229(1), section 4.5; checked independently by
:func:`comptoir.trade.packing.checker.check`, kind ``stop_order``).

Method (the sequential "walls" of the multi-drop literature, e.g. Junqueira, Morabito &
Yamashita 2012, "Three-dimensional container loading models with cargo stability and
load bearing constraints", and Christensen & Rousøe 2009): the stops are loaded one after
the other from the last, each into the space left towards the doors, by the ordinary
solver (:func:`comptoir.trade.packing.solver.solve`) on a sub-problem:

1. **Pockets.** Before opening new space, a stop first fills the empty room left beside
   or above the goods already loaded, in the slab that ends at their door-side face
   (``x_end``): any empty cuboid reaching ``x_end`` has nothing of a later stop between
   it and the doors. The pocket's plan is kept only when the whole plan so far still
   passes the checker (support, stacking, stop order): the pocket's floor may be box
   tops that carry only part of it.
2. **Wall.** The stop's other boxes go into the space from ``x_end`` to the doors, cut to
   the length they need: estimated from their volume, lengthened step by step until
   every box finds room, then shortened by halving the gap (at most ``MAX_TRIES`` tries,
   each with a quarter of the stop's work); the last stop loaded (stop 1) takes all the
   space left.

A load with a single stop is passed to :func:`solve` unchanged: same plan, same work.
The work budget (``Options.work_limit``) is shared between the stops in proportion to
their volume, so the plan stays the
same on any machine and under any load.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from comptoir.trade.packing.checker import check
from comptoir.trade.packing.limits import MAX_WORK_LIMIT, check_load
from comptoir.trade.packing.model import (
    EPS,
    BoxType,
    Container,
    Options,
    Placement,
    Plan,
    summarise,
)
from comptoir.trade.packing.solver import solve

#: First length tried for a stop: its boxes' volume over the cross-section, divided by
#: this fill rate; each next try is ``GROW`` times longer.
FIRST_FILL = 0.9
GROW = 1.15
#: Lengths tried for one stop (lengthened while too short, then halving the gap between
#: too short and long enough) before it takes all the space left.
MAX_TRIES = 6
#: The search for a stop's length stops when the gap is below this share of it.
BISECT_STOP = 0.03
#: Pockets (room beside or above the goods loaded) a stop may fill before its wall.
MAX_POCKETS = 3
#: Slabs ``[xa, x_end]`` searched for pockets, the thinnest first.
MAX_SLABS = 12
#: Least work given to one sub-problem, so that a small stop still gets a greedy plan.
MIN_WORK = 2_000
#: Violation kinds that say a pocket's plan does not hold with the goods below it.
POCKET_KINDS = ("overlap", "outside", "support", "stacking", "stop_order")


def stops_of(boxes: Sequence[BoxType]) -> list[int]:
    """The delivery stops of the boxes to load, in order (1 first)."""
    return sorted({b.stop for b in boxes if b.quantity > 0})


@dataclass(frozen=True, slots=True)
class _Region:
    """A cuboid of free space where a sub-problem is solved (origin and size)."""

    x: float
    y: float
    z: float
    length: float
    width: float
    height: float

    @property
    def volume(self) -> float:
        return self.length * self.width * self.height


class _Round:
    """The plan under construction, stop after stop."""

    def __init__(self, container: Container, boxes: Sequence[BoxType], opts: Options) -> None:
        self.container = container
        self.boxes = list(boxes)
        self.opts = opts
        self.tol = EPS * max(container.length, container.width, container.height)
        self.placements: list[Placement] = []
        self.weight = 0.0
        self.work = 0
        self.clock = False
        budget = opts.effective_work_limit()
        volume = math.fsum(b.volume * b.quantity for b in boxes) or 1.0
        self.share = {
            s: max(
                MIN_WORK,
                int(
                    budget * math.fsum(b.volume * b.quantity for b in boxes if b.stop == s) / volume
                ),
            )
            for s in stops_of(boxes)
        }
        self.weights = {b.id: b.weight for b in boxes}

    # ---------------------------------------------------------------- sub-problems
    def _options(self, work: int) -> Options:
        """A sub-problem's options: its share of the work, and the whole plan's time limit
        for the wall-clock safety stop (a share of it would fire on a busy machine and make
        the plan depend on the load, which the work budget is there to avoid)."""
        return replace(self.opts, work_limit=min(work, MAX_WORK_LIMIT))

    def _solve(self, region: _Region, group: list[BoxType], work: int) -> list[Placement]:
        """Solve the group in the region; placements in container coordinates."""
        left = self.container.max_payload - self.weight
        if left <= 0 or min(region.length, region.width, region.height) <= self.tol:
            return []
        sub = Container(
            region.length,
            region.width,
            region.height,
            left if math.isfinite(left) else math.inf,
            name=self.container.name,
        )
        plan = solve(sub, group, self._options(work))
        self.work += plan.work
        self.clock = self.clock or plan.stopped_by_clock
        return [
            Placement(
                p.box_type_id,
                p.x + region.x,
                p.y + region.y,
                p.z + region.z,
                p.dx,
                p.dy,
                p.dz,
            )
            for p in plan.placements
        ]

    def _take(self, placed: list[Placement], group: list[BoxType]) -> list[BoxType]:
        """Record placements; the group's boxes still to load."""
        self.placements.extend(placed)
        self.weight += math.fsum(self.weights[p.box_type_id] for p in placed)
        used: dict[str, int] = {}
        for p in placed:
            used[p.box_type_id] = used.get(p.box_type_id, 0) + 1
        return [
            replace(b, quantity=b.quantity - used.get(b.id, 0))
            for b in group
            if b.quantity - used.get(b.id, 0) > 0
        ]

    # ---------------------------------------------------------------------- pockets
    def x_end(self) -> float:
        return max((p.x2 for p in self.placements), default=0.0)

    def _pockets(self, smallest: float) -> list[_Region]:
        """Empty cuboids reaching the door-side face of the goods loaded, largest first.

        For each slab ``[xa, x_end]`` (``xa`` the door-side end of a box), the room above
        the boxes that reach into the slab (whole width) and beside them (whole height,
        on the floor). With a support rule only the rooms on the floor are tried: one
        above boxes rarely stands on a whole floor of box tops.
        """
        c = self.container
        x_end = self.x_end()
        if not self.placements:
            return []
        found: list[_Region] = []
        # The slabs nearest the face only: a load of thousands of cartons has as many ends.
        slabs = sorted({p.x2 for p in self.placements if p.x2 < x_end - self.tol})[-MAX_SLABS:]
        near = [p for p in self.placements if slabs and p.x2 > slabs[0] + self.tol]
        for xa in slabs:
            inside = [p for p in near if p.x2 > xa + self.tol]
            depth = x_end - xa
            top = max(p.z2 for p in inside)
            right = max(p.y2 for p in inside)
            left = min(p.y for p in inside)
            candidates = [
                _Region(xa, 0.0, top, depth, c.width, c.height - top),
                _Region(xa, right, 0.0, depth, c.width - right, c.height),
                _Region(xa, 0.0, 0.0, depth, left, c.height),
            ]
            found.extend(
                r
                for r in candidates
                if min(r.length, r.width, r.height) >= smallest - self.tol
                and not (self.opts.min_support_ratio > 0 and r.z > self.tol)
            )
        # Largest first, then nearest the front wall, lowest: a deterministic order.
        found.sort(key=lambda r: (-round(r.volume, 6), r.x, r.z, r.y))
        return found

    def _holds(self, xa: float) -> bool:
        """True when the plan so far passes the checker after filling a pocket from ``xa``.

        Without stacking limits only the boxes reaching beyond ``xa`` are checked: those
        are the pocket's boxes, the boxes they rest on, and every box that could stand
        between them and the doors (nothing lies beyond ``x_end``). With stacking limits
        the weight may flow further down, so the whole plan is checked.
        """
        stacking = self.opts.max_stack_weight is not None or any(
            b.max_load_on_top is not None for b in self.boxes
        )
        ps = tuple(p for p in self.placements if stacking or p.x2 > xa + self.tol)
        plan = summarise(self.container, self.boxes, ps)
        return not any(
            v.kind in POCKET_KINDS for v in check(self.container, self.boxes, plan, self.opts)
        )

    def fill_pockets(self, group: list[BoxType], work: int) -> list[BoxType]:
        smallest = min(min(b.dims) for b in group)
        tried = 0
        for region in self._pockets(smallest):
            if not group or tried >= MAX_POCKETS:
                break
            if self._taken(region):
                continue
            tried += 1
            placed = self._solve(region, group, work)
            if not placed:
                continue
            before = len(self.placements), self.weight
            rest = self._take(placed, group)
            if self._holds(region.x):
                group = rest
            else:
                del self.placements[before[0] :]
                self.weight = before[1]
        return group

    def _taken(self, r: _Region) -> bool:
        """True when a box loaded since the region was found lies in it."""
        t = self.tol
        return any(
            min(p.x2, r.x + r.length) - max(p.x, r.x) > t
            and min(p.y2, r.y + r.width) - max(p.y, r.y) > t
            and min(p.z2, r.z + r.height) - max(p.z, r.z) > t
            for p in self.placements
        )

    # ------------------------------------------------------------------------ walls
    def wall(self, group: list[BoxType], work: int, last: bool, later: float = 0.0) -> None:
        """Load the group from the goods' door-side face towards the doors.

        ``later`` is the volume of the stops still to load after this one: when no length
        tried takes every box of the group, the whole room is tried too, but its plan is
        kept only if it leaves the room those stops need; otherwise the try that placed
        the most volume is kept (its other boxes are reported left out).
        """
        c = self.container
        x0 = self.x_end()
        room = c.length - x0
        if room <= self.tol or not group:
            return
        whole = _Region(x0, 0.0, 0.0, room, c.width, c.height)
        if last:
            self._take(self._solve(whole, group, work), group)
            return
        wanted = sum(b.quantity for b in group)
        volume = math.fsum(b.volume * b.quantity for b in group)
        longest = max(min(o[0] for o in b.orientations()) for b in group)
        floor = max(volume / (c.width * c.height), longest)
        length = max(volume / (c.width * c.height * FIRST_FILL), longest)
        fail, best = floor, None  # longest length found too short, shortest plan that fits
        most: list[Placement] = []  # the try that placed the most volume
        per_try = max(MIN_WORK, work // 4)
        for _ in range(MAX_TRIES):
            if length >= room - self.tol:
                break
            placed = self._solve(replace(whole, length=length), group, per_try)
            if math.fsum(p.volume for p in placed) > math.fsum(p.volume for p in most):
                most = placed
            if len(placed) == wanted:
                best = placed
                if length - fail < BISECT_STOP * length:
                    break
                length = (fail + length) / 2  # fits: try shorter
            else:
                fail = length
                length = length * GROW if best is None else (length + self._reach(best)) / 2
        if best is None:
            best = self._solve(whole, group, per_try)
            left = (c.length - self._reach(best)) * c.width * c.height if best else room
            if most and left * FIRST_FILL < later:
                best = most
        self._take(best, group)

    @staticmethod
    def _reach(placed: list[Placement]) -> float:
        """How far from the front wall the placements reach (their door-side end)."""
        return max(p.x2 for p in placed)


def solve_stops(
    container: Container,
    boxes: Sequence[BoxType],
    options: Options | None = None,
) -> Plan:
    """Plan a multi-drop load: the last stop first, each stop's goods at the doors.

    Same contract as :func:`comptoir.trade.packing.solver.solve` (boxes without room in
    ``Plan.unplaced``); the plan also keeps the stop order checked by
    :func:`comptoir.trade.packing.checker.check`. With a single stop it is ``solve``'s
    plan, unchanged.
    """
    opts = options or Options()
    stops = stops_of(boxes)
    if len(stops) <= 1:
        return solve(container, boxes, opts)
    check_load(boxes)
    started = time.monotonic()
    state = _Round(container, boxes, opts)
    for s in reversed(stops):
        group = [b for b in boxes if b.stop == s and b.quantity > 0]
        work = state.share[s]
        if state.placements:
            group = state.fill_pockets(group, max(MIN_WORK, work // 4))
        later = math.fsum(b.volume * b.quantity for b in boxes if b.stop < s)
        state.wall(group, work, last=s == stops[0], later=later)
    return summarise(
        container,
        list(boxes),
        tuple(state.placements),
        time.monotonic() - started,
        work=state.work,
        stopped_by_clock=state.clock,
    )
