"""Independent checker of load plans.

It shares no code with the solver: it re-reads the plan placement by placement and tests
the rules a warehouse plan must keep (the constraint classes of Bortfeldt & Wäscher 2013,
"Constraints in container loading - a state-of-the-art review", EJOR 229(1)):

* every placement names a known box type, and no type is placed more often than ordered;
* orientation: the placed size is a rotation of the box with a dimension allowed vertical;
* inside: the box lies inside the container;
* no overlap between two boxes (touching faces are allowed);
* support: the share of the base resting on the floor or on box tops is at least
  ``Options.min_support_ratio`` (static stability, "full base support" at 1.0);
* payload: the total weight does not exceed the container's maximum payload;
* stacking: the weight resting on each box (flowing down through the contact faces in
  proportion to their areas) does not exceed ``Options.max_stack_weight`` nor the box
  type's ``max_load_on_top``;
* stop order (multi-drop): the doors are at the container's far end (x = length); no box
  of a later delivery stop stands between a box of an earlier stop and the doors, i.e.
  for boxes A (stop i) and B (stop j > i) whose cross-sections (y-z) overlap, B does not
  lie wholly nearer the doors than A. The goods of each stop can then be unloaded
  without moving those of the stops still to come ("last in, first out" of
  multi-drop loading, Bortfeldt & Wäscher 2013, section 4.5, "multi-drop constraints").

Comparisons allow an absolute tolerance of ``EPS`` times the largest container side.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from comptoir.trade.packing.model import (
    EPS,
    BoxType,
    Container,
    Options,
    Placement,
    Plan,
    Violation,
)


def _is_orientation(size: tuple[float, float, float], box: BoxType, tol: float) -> bool:
    dims = box.dims
    for v in range(3):
        if not box.allowed_vertical[v]:
            continue
        if abs(size[2] - dims[v]) > tol:
            continue
        a, b = (dims[i] for i in range(3) if i != v)
        if (abs(size[0] - a) <= tol and abs(size[1] - b) <= tol) or (
            abs(size[0] - b) <= tol and abs(size[1] - a) <= tol
        ):
            return True
    return False


class _Grid:
    """Uniform grid of cells over the container, listing the boxes that meet each cell."""

    def __init__(self, ps: Sequence[Placement], container: Container) -> None:
        def cell(sizes: list[float], span: float) -> float:
            if not sizes:
                return span
            return max(sorted(sizes)[len(sizes) // 2], span / 256, 1e-9)

        self.cx = cell([p.dx for p in ps], container.length)
        self.cy = cell([p.dy for p in ps], container.width)
        self.cz = cell([p.dz for p in ps], container.height)
        self.cells: dict[tuple[int, int, int], list[int]] = {}
        for i, p in enumerate(ps):
            for key in self._keys(p.x, p.y, p.z, p.x + p.dx, p.y + p.dy, p.z + p.dz):
                self.cells.setdefault(key, []).append(i)

    def _keys(
        self, x1: float, y1: float, z1: float, x2: float, y2: float, z2: float
    ) -> list[tuple[int, int, int]]:
        xs = range(math.floor(x1 / self.cx), math.floor(x2 / self.cx) + 1)
        ys = range(math.floor(y1 / self.cy), math.floor(y2 / self.cy) + 1)
        zs = range(math.floor(z1 / self.cz), math.floor(z2 / self.cz) + 1)
        return [(i, j, k) for i in xs for j in ys for k in zs]

    def near(self, x1: float, y1: float, z1: float, x2: float, y2: float, z2: float) -> set[int]:
        """Indexes of the boxes that meet a cell of the given region."""
        found: set[int] = set()
        for key in self._keys(x1, y1, z1, x2, y2, z2):
            found.update(self.cells.get(key, ()))
        return found


def check(
    container: Container,
    boxes: Sequence[BoxType],
    plan: Plan,
    options: Options | None = None,
) -> list[Violation]:
    """Return every rule the plan breaks; an empty list means the plan is valid."""
    opts = options or Options()
    tol = EPS * max(container.length, container.width, container.height)
    types: dict[str, BoxType] = {}
    for b in boxes:
        types.setdefault(b.id, b)
    ordered: dict[str, int] = {}
    for b in boxes:
        ordered[b.id] = ordered.get(b.id, 0) + b.quantity
    out: list[Violation] = []
    ps = plan.placements
    n = len(ps)

    # Box types, quantities, orientations, inside the container.
    counts: dict[str, int] = {}
    for i, p in enumerate(ps):
        bt = types.get(p.box_type_id)
        if bt is None:
            out.append(Violation("unknown_type", f"box #{i}: unknown type {p.box_type_id!r}", (i,)))
            continue
        counts[p.box_type_id] = counts.get(p.box_type_id, 0) + 1
        if not _is_orientation((p.dx, p.dy, p.dz), bt, tol):
            out.append(
                Violation(
                    "orientation",
                    f"box #{i} ({p.box_type_id}): size {p.dx}x{p.dy}x{p.dz} is not an "
                    f"allowed orientation of {bt.l}x{bt.w}x{bt.h}",
                    (i,),
                )
            )
        if (
            p.x < -tol
            or p.y < -tol
            or p.z < -tol
            or p.x + p.dx > container.length + tol
            or p.y + p.dy > container.width + tol
            or p.z + p.dz > container.height + tol
        ):
            out.append(
                Violation(
                    "outside",
                    f"box #{i} ({p.box_type_id}) at ({p.x}, {p.y}, {p.z}) sticks out of the "
                    "container",
                    (i,),
                )
            )
    for tid, c in counts.items():
        if c > ordered.get(tid, 0):
            out.append(
                Violation("quantity", f"type {tid!r}: {c} placed but only {ordered[tid]} ordered")
            )

    # A uniform grid over the container: each box is listed in the cells it meets, so
    # that only boxes sharing a cell are compared (linear time for usual plans).
    grid = _Grid(ps, container)

    # Overlaps.
    for i, a in enumerate(ps):
        for j in grid.near(a.x, a.y, a.z, a.x + a.dx, a.y + a.dy, a.z + a.dz):
            if j <= i:
                continue
            q = ps[j]
            if (
                min(a.x + a.dx, q.x + q.dx) - max(a.x, q.x) > tol
                and min(a.y + a.dy, q.y + q.dy) - max(a.y, q.y) > tol
                and min(a.z + a.dz, q.z + q.dz) - max(a.z, q.z) > tol
            ):
                out.append(Violation("overlap", f"boxes #{i} and #{j} overlap", (i, j)))

    # Contacts: box i rests on box j when j's top is at i's bottom and the faces overlap.
    supporters: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    ratio = opts.min_support_ratio
    for i, a in enumerate(ps):
        base = a.dx * a.dy
        if a.z <= tol:
            supporters[i].append((-1, base))
            continue
        area = 0.0
        for j in grid.near(a.x, a.y, a.z - tol, a.x + a.dx, a.y + a.dy, a.z + tol):
            q = ps[j]
            if j == i or abs(q.z + q.dz - a.z) > tol:
                continue
            ox = min(a.x + a.dx, q.x + q.dx) - max(a.x, q.x)
            oy = min(a.y + a.dy, q.y + q.dy) - max(a.y, q.y)
            if ox > tol and oy > tol:
                supporters[i].append((j, ox * oy))
                area += ox * oy
        if area < ratio * base * (1 - 1e-9) - tol * tol:
            out.append(
                Violation(
                    "support",
                    f"box #{i} ({a.box_type_id}) at height {a.z} rests on "
                    f"{100 * area / base:.1f} % of its base, {100 * ratio:.0f} % required",
                    (i,),
                )
            )

    # Payload.
    weight = {tid: bt.weight for tid, bt in types.items()}
    total = math.fsum(weight.get(p.box_type_id, 0.0) for p in ps)
    if total > container.max_payload * (1 + 1e-9):
        out.append(
            Violation(
                "payload",
                f"total weight {total:g} exceeds the maximum payload {container.max_payload:g}",
            )
        )

    # Stacking weight: flow every box's weight down, top first.
    limits: list[float] = []
    for p in ps:
        bt = types.get(p.box_type_id)
        lim = math.inf if opts.max_stack_weight is None else opts.max_stack_weight
        if bt is not None and bt.max_load_on_top is not None:
            lim = min(lim, bt.max_load_on_top)
        limits.append(lim)
    if any(math.isfinite(x) for x in limits):
        load = [0.0] * n
        for i in sorted(range(n), key=lambda k: -ps[k].z):
            sup = [(j, s) for j, s in supporters[i] if j >= 0]
            if not sup:
                continue
            area = sum(s for _, s in supporters[i])
            carried = weight.get(ps[i].box_type_id, 0.0) + load[i]
            for j, s in sup:
                load[j] += carried * s / area
        for i in range(n):
            if load[i] > limits[i] * (1 + 1e-9) + 1e-9:
                out.append(
                    Violation(
                        "stacking",
                        f"box #{i} ({ps[i].box_type_id}) carries {load[i]:g}, "
                        f"at most {limits[i]:g} allowed",
                        (i,),
                    )
                )
    out.extend(_stop_order(ps, types, tol))
    return out


def _stop_order(ps: Sequence[Placement], types: dict[str, BoxType], tol: float) -> list[Violation]:
    """Boxes of a later stop lying between a box of an earlier stop and the doors.

    The boxes are taken stop by stop from the first; those of the earlier stops are
    listed in a grid over the cross-section (y, z) with their door-side end ``x2``, so a
    box is compared only with the earlier boxes whose cross-section may meet its own.
    One violation is reported per box that blocks, naming the first box it blocks.
    """
    stop_of = {tid: bt.stop for tid, bt in types.items()}
    stops = sorted({stop_of[p.box_type_id] for p in ps if p.box_type_id in stop_of})
    if len(stops) < 2:
        return []
    known = [i for i, p in enumerate(ps) if p.box_type_id in stop_of]
    cy = max(sorted(ps[i].dy for i in known)[len(known) // 2], 1e-9)
    cz = max(sorted(ps[i].dz for i in known)[len(known) // 2], 1e-9)

    def cells(p: Placement) -> list[tuple[int, int]]:
        ys = range(math.floor(p.y / cy), math.floor((p.y + p.dy) / cy) + 1)
        zs = range(math.floor(p.z / cz), math.floor((p.z + p.dz) / cz) + 1)
        return [(j, k) for j in ys for k in zs]

    earlier: dict[tuple[int, int], list[int]] = {}
    out: list[Violation] = []
    for stop in stops:
        group = [i for i in known if stop_of[ps[i].box_type_id] == stop]
        for b in group:
            q = ps[b]
            seen: set[int] = set()
            blocked: list[int] = []
            for key in cells(q):
                for a in earlier.get(key, ()):
                    if a in seen:
                        continue
                    seen.add(a)
                    p = ps[a]
                    if (
                        p.x + p.dx <= q.x + tol
                        and min(p.y + p.dy, q.y + q.dy) - max(p.y, q.y) > tol
                        and min(p.z + p.dz, q.z + q.dz) - max(p.z, q.z) > tol
                    ):
                        blocked.append(a)
            if blocked:
                a = min(blocked)
                out.append(
                    Violation(
                        "stop_order",
                        f"box #{b} ({q.box_type_id}, stop {stop}) stands between box #{a} "
                        f"({ps[a].box_type_id}, stop {stop_of[ps[a].box_type_id]}) and the "
                        "doors: it must be unloaded first",
                        (a, b),
                    )
                )
        for b in group:
            for key in cells(ps[b]):
                earlier.setdefault(key, []).append(b)
    return out


def heavy_on_light(
    container: Container,
    boxes: Sequence[BoxType],
    plan: Plan,
) -> list[Violation]:
    """Advice, not a rule: each box resting on a lighter box (kind ``heavy_on_light``).

    The CTU Code (IMO/ILO/UNECE 2014, annex 7, 3.1.3) asks for heavy goods at the bottom
    and light or fragile goods on top; a plan may keep every hard rule of :func:`check`
    (the stacking limits included) and still put a heavy carton on a light one. The
    message says when the lower box is fragile (its type has a ``max_load_on_top`` below
    its own weight, or 0). ``boxes`` of the violation: (upper box, lower box).
    """
    tol = EPS * max(container.length, container.width, container.height)
    types: dict[str, BoxType] = {}
    for b in boxes:
        types.setdefault(b.id, b)
    ps = plan.placements
    grid = _Grid(ps, container)
    out: list[Violation] = []
    for i, a in enumerate(ps):
        if a.z <= tol:
            continue
        upper = types.get(a.box_type_id)
        if upper is None:
            continue
        for j in sorted(grid.near(a.x, a.y, a.z - tol, a.x + a.dx, a.y + a.dy, a.z + tol)):
            q = ps[j]
            if j == i or abs(q.z + q.dz - a.z) > tol:
                continue
            if min(a.x + a.dx, q.x + q.dx) - max(a.x, q.x) <= tol:
                continue
            if min(a.y + a.dy, q.y + q.dy) - max(a.y, q.y) <= tol:
                continue
            lower = types.get(q.box_type_id)
            if lower is None or upper.weight <= lower.weight * (1 + 1e-9):
                continue
            fragile = lower.max_load_on_top is not None and (
                lower.max_load_on_top == 0 or lower.max_load_on_top < lower.weight
            )
            out.append(
                Violation(
                    "heavy_on_light",
                    f"box #{i} ({a.box_type_id}, {upper.weight:g}) rests on the lighter"
                    f"{' fragile' if fragile else ''} box #{j} ({q.box_type_id}, "
                    f"{lower.weight:g})",
                    (i, j),
                )
            )
    return out
