"""Pallet patterns for a single product: identical cartons in layers (the "manufacturer's
pallet loading problem").

A layer is a two-dimensional packing of the carton's footprint ``a x b`` (either way round)
on the pallet's footprint ``L x W``, possibly enlarged by an overhang on every side; the
layers are then stacked up to the height limit and the pallet's maximum load. This module
finds, with bounded work, the layer with the most cartons among these families:

* **block**: every carton the same way (``floor(L/a) * floor(W/b)`` or turned);
* **two-block** and, more generally, **guillotine** patterns: the layer cut edge to edge
  into blocks, each filled one way. Found exactly by dynamic programming over the
  *raster points* (the lengths ``i*a + j*b``), the recursion of Herz (1972), "Recursive
  computational procedure for two-dimensional stock cutting", IBM J. Res. Dev. 16(5), and
  Beasley (1985), "Algorithms for unconstrained two-dimensional guillotine cutting",
  JORS 36(4). Two-block patterns (Steudel's first stage, Steudel 1979, "Generating pallet
  loading patterns: a special case of the two-dimensional cutting stock problem",
  Management Science 25(10)) are the guillotine patterns with two blocks;
* **pinwheel / five-block**: the first-order non-guillotine cut of Arenales & Morabito
  (1995), "An AND/OR-graph approach to the solution of two-dimensional non-guillotine
  cutting problems", EJOR 84(3): four blocks turning round a central fifth one, the
  pattern family of Smith & De Cani (1980), "An algorithm to optimize the layout of boxes
  in pallets", JORS 31(7) (four blocks) and Bischoff & Dowsland (1982), "An application
  of the micro to product design and distribution", JORS 33(3). Each of the five blocks is
  filled with the best guillotine pattern of its size (one level of the recursive
  five-block heuristic of Morabito & Morales 1998, "A simple and effective recursive
  procedure for the manufacturer's pallet loading problem", JORS 49(8); the recursion in
  the blocks is replaced by the exact guillotine value, not the five-block one).

The best count is compared with an **upper bound**: the area of the *effective pallet*
``L* x W*`` (``L*`` the largest ``i*a + j*b`` not above ``L``: no layer can use more
length) divided by the carton's footprint (Dowsland 1985, "Determining an upper bound for
a class of rectangular packing problems", Computers & OR 12(2), who also gives the
stronger bound of Barnes 1979, not computed here). When the count reaches the bound the
layer is proven optimal.

Layers are stacked either **in columns** (every layer the same) or **interlocked**: every
second layer mirrored or turned half round, so that cartons straddle the joints of the
layer below (column vs. interlocked stacking, Bischoff & Dowsland 1982). A mirrored layer
is used only when every carton of it still rests fully on the layer below.

The work is bounded: the dynamic programme and the five-block enumeration count their
steps and stop at :data:`MAX_GUILLOTINE_WORK` and :data:`MAX_FIVE_BLOCK_WORK` (tiny
cartons on a large pallet have thousands of raster points); a search cut short says so
(``LayerPattern.complete`` is false) and keeps the best pattern found. Sizes in
centimetres, weights in kilograms. Python with NumPy, no Django; deterministic.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from comptoir.trade.packing.model import (
    BoxType,
    Container,
    PackingInputError,
    Placement,
)

if TYPE_CHECKING:  # pragma: no cover - pallets.py imports this module
    from comptoir.trade.packing.pallets import Pallet

#: Largest overhang accepted on each side of the pallet, in centimetres (common practice
#: allows none, or 1 to 3 cm: an overhanging carton carries its load on its unsupported
#: edge and is crushed or knocked in handling).
MAX_OVERHANG_CM = 10.0
#: Steps of the guillotine dynamic programme (cells times cuts tried).
MAX_GUILLOTINE_WORK = 3_000_000
#: Five-block cuts scored (pairs x1 < x2 times the y1, y2 grid, scored by NumPy).
MAX_FIVE_BLOCK_WORK = 20_000_000
#: Cartons in one layer (a drawing and its checks stay small).
MAX_LAYER_CARTONS = 2_000

#: The pattern families, in the order they are tried.
BLOCK = "block"
TWO_BLOCK = "two-block"
GUILLOTINE = "guillotine"
PINWHEEL = "pinwheel"
FIVE_BLOCK = "five-block"
KINDS = (BLOCK, TWO_BLOCK, GUILLOTINE, PINWHEEL, FIVE_BLOCK)


@dataclass(frozen=True, slots=True)
class Spot:
    """One carton of a layer: its corner and its size as laid (cm, from the layer's corner)."""

    x: float
    y: float
    dx: float
    dy: float


@dataclass(frozen=True, slots=True)
class LayerPattern:
    """The best layer found for a footprint ``a x b`` on a ``length x width`` area."""

    kind: str
    length: float
    width: float
    a: float
    b: float
    spots: tuple[Spot, ...]
    upper_bound: int
    #: false when a work limit stopped the search before every pattern was tried
    complete: bool = True

    @property
    def count(self) -> int:
        return len(self.spots)

    @property
    def proven_optimal(self) -> bool:
        """The count reaches the upper bound: no layer of these cartons holds more."""
        return self.count >= self.upper_bound

    @property
    def utilisation(self) -> float:
        """Share of the layer's area covered by cartons."""
        return self.count * self.a * self.b / (self.length * self.width)


@dataclass(frozen=True, slots=True)
class PalletPattern:
    """A single-product pallet built in identical layers.

    ``placements`` are above the deck (z = 0 is the deck's top), x and y from the corner of
    the loaded footprint: the pallet's corner less the overhang (the pallet deck lies at
    ``overhang <= x <= overhang + pallet.length``). ``container`` is that loaded space.
    """

    pallet: Pallet
    carton: BoxType
    layer: LayerPattern
    carton_height: float
    layers: int
    per_pallet: int
    interlocked: bool
    overhang: float
    container: Container
    placements: tuple[Placement, ...]
    #: what limits the number of cartons: "height", "weight", "load_on_top" or "quantity"
    limited_by: str
    #: no pallet of these cartons holds more (see :func:`pallet_pattern`)
    upper_bound: int = 0

    @property
    def proven_optimal(self) -> bool:
        """No loading of this pallet, layered or not, holds more of these cartons."""
        return self.per_pallet >= self.upper_bound

    @property
    def per_layer(self) -> int:
        return self.layer.count

    @property
    def kind(self) -> str:
        return self.layer.kind

    @property
    def weight(self) -> float:
        """Cartons' weight plus the pallet's tare."""
        return self.pallet.tare_weight + len(self.placements) * self.carton.weight

    @property
    def height(self) -> float:
        """Deck plus load."""
        top = max((p.z + p.dz for p in self.placements), default=0.0)
        return self.pallet.base_height + top


# --------------------------------------------------------------------------- integers


def _scale(pallet_sides: tuple[float, ...], carton_sides: tuple[float, ...]) -> int:
    """The smallest factor (1, 10, 100, 1000) making every size a whole number."""
    for k in (1, 10, 100, 1000):
        if all(abs(v * k - round(v * k)) < 1e-6 for v in (*pallet_sides, *carton_sides)):
            return k
    return 1000  # sizes rounded on the safe side below


def _raster(span: int, a: int, b: int) -> list[int]:
    """Every ``i*a + j*b <= span`` (i, j >= 0), sorted: where a block edge can fall."""
    out = set()
    for i in range(span // a + 1):
        rest = span - i * a
        for j in range(rest // b + 1):
            out.add(i * a + j * b)
    return sorted(out)


class _Layer:
    """The guillotine dynamic programme and the five-block search on integer sizes."""

    def __init__(self, length: int, width: int, a: int, b: int) -> None:
        self.a, self.b = a, b
        self.rx = _raster(length, a, b)
        self.ry = _raster(width, a, b)
        nx, ny = len(self.rx), len(self.ry)
        #: the dynamic programme fits the work limit (else two-block patterns only)
        self.complete = nx * ny * (nx + ny) // 2 <= MAX_GUILLOTINE_WORK
        self.value = [[0] * ny for _ in range(nx)] if self.complete else []
        # choice: (0, turned) a block; (1, i) a cut at rx[i]; (2, j) a cut at ry[j]
        self.choice: list[list[tuple[int, int]]] = (
            [[(0, 0)] * ny for _ in range(nx)] if self.complete else []
        )
        self.solved = False

    def solve(self) -> None:
        """Fill the guillotine table (once; only when within the work limit)."""
        if self.complete and not self.solved:
            self._guillotine()
            self.solved = True

    def floor_x(self, v: int) -> int:
        return bisect_right(self.rx, v) - 1

    def floor_y(self, v: int) -> int:
        return bisect_right(self.ry, v) - 1

    def _block(self, x: int, y: int) -> tuple[int, int]:
        one = (x // self.a) * (y // self.b)
        other = (x // self.b) * (y // self.a)
        return (one, 0) if one >= other else (other, 1)

    def _guillotine(self) -> None:
        rx, ry = self.rx, self.ry
        for i, x in enumerate(rx):
            for j, y in enumerate(ry):
                best, turned = self._block(x, y)
                choice = (0, turned)
                # Cuts at rx[k] <= x/2 (the other side is the same by symmetry).
                for k in range(1, i + 1):
                    if 2 * rx[k] > x:
                        break
                    v = self.value[k][j] + self.value[self.floor_x(x - rx[k])][j]
                    if v > best:
                        best, choice = v, (1, k)
                for k in range(1, j + 1):
                    if 2 * ry[k] > y:
                        break
                    v = self.value[i][k] + self.value[i][self.floor_y(y - ry[k])]
                    if v > best:
                        best, choice = v, (2, k)
                self.value[i][j] = best
                self.choice[i][j] = choice

    def two_block(self, length: int, width: int) -> list[tuple[int, int, int, int]]:
        """The best layer of at most two blocks, one cut edge to edge (a block on a tie)."""

        def block(x0: int, y0: int, x: int, y: int) -> list[tuple[int, int, int, int]]:
            turned = self._block(x, y)[1]
            dx, dy = (self.a, self.b) if turned == 0 else (self.b, self.a)
            return [
                (x0 + p * dx, y0 + q * dy, dx, dy) for p in range(x // dx) for q in range(y // dy)
            ]

        best = block(0, 0, length, width)
        for cut in self.rx:
            if 0 < cut < length:
                both = block(0, 0, cut, width) + block(cut, 0, length - cut, width)
                if len(both) > len(best):
                    best = both
        for cut in self.ry:
            if 0 < cut < width:
                both = block(0, 0, length, cut) + block(0, cut, length, width - cut)
                if len(both) > len(best):
                    best = both
        return best

    def val(self, x: int, y: int) -> int:
        if x <= 0 or y <= 0:
            return 0
        return self.value[self.floor_x(x)][self.floor_y(y)]  # only when complete

    def fill(self, x0: int, y0: int, x: int, y: int, out: list[tuple[int, int, int, int]]) -> int:
        """Append the guillotine pattern of an ``x`` by ``y`` area at ``(x0, y0)``; returns
        the number of homogeneous blocks used."""
        if x <= 0 or y <= 0:
            return 0
        i, j = self.floor_x(x), self.floor_y(y)
        if self.value[i][j] == 0:
            return 0
        x, y = self.rx[i], self.ry[j]
        what, k = self.choice[i][j]
        if what == 0:
            dx, dy = (self.a, self.b) if k == 0 else (self.b, self.a)
            for p in range(x // dx):
                for q in range(y // dy):
                    out.append((x0 + p * dx, y0 + q * dy, dx, dy))
            return 1
        if what == 1:
            cut = self.rx[k]
            return self.fill(x0, y0, cut, y, out) + self.fill(x0 + cut, y0, x - cut, y, out)
        cut = self.ry[k]
        return self.fill(x0, y0, x, cut, out) + self.fill(x0, y0 + cut, x, y - cut, out)

    def five_block(self, length: int, width: int, beat: int) -> tuple[int, tuple[int, ...]] | None:
        """The best first-order non-guillotine cut if it holds more than ``beat``:
        ``(count, (x1, x2, y1, y2))`` with blocks B1 = [0,x1]x[0,y2], B2 = [x1,L]x[0,y1],
        B3 = [x2,L]x[y1,W], B4 = [0,x2]x[y2,W] and the centre [x1,x2]x[y1,y2].

        For each pair x1 < x2 every pair y1 < y2 is scored at once (NumPy): the five
        blocks' values are read from the guillotine table through index tables computed
        once, so the work is pairs of x times pairs of y, without a search per value."""
        rx, ry = self.rx, self.ry
        xs = [i for i, v in enumerate(rx) if 0 < v < length]
        ys = [j for j, v in enumerate(ry) if 0 < v < width]
        pairs_x = len(xs) * (len(xs) - 1) // 2
        if not self.solved or pairs_x * len(ys) * len(ys) > MAX_FIVE_BLOCK_WORK:
            self.complete = False
            return None
        if len(xs) < 2 or len(ys) < 2:
            return None
        table = np.array(self.value, dtype=np.int64)
        ny = len(ry)
        yi = np.array(ys)
        rest_y = np.array([self.floor_y(width - ry[j]) for j in range(ny)])  # fy(W - y)
        gap_y = np.array([[self.floor_y(max(ry[j2] - ry[j1], 0)) for j2 in ys] for j1 in ys])
        upper = np.triu(np.ones((len(ys), len(ys)), dtype=bool), k=1)  # y1 < y2
        best, where = beat, None
        for n1, i1 in enumerate(xs):
            b2 = table[self.floor_x(length - rx[i1])][yi]  # by y1
            b1 = table[i1][yi]  # by y2
            for i2 in xs[n1 + 1 :]:
                b4 = table[i2][rest_y[yi]]  # by y2
                b3 = table[self.floor_x(length - rx[i2])][rest_y[yi]]  # by y1
                b5 = table[self.floor_x(rx[i2] - rx[i1])][gap_y]  # by (y1, y2)
                total = (b2 + b3)[:, None] + (b1 + b4)[None, :] + b5
                total = np.where(upper, total, -1)
                k = int(total.argmax())
                v = int(total.flat[k])
                if v > best:
                    m1, m2 = divmod(k, len(ys))
                    best, where = v, (rx[i1], rx[i2], ry[ys[m1]], ry[ys[m2]])
        return (best, where) if where is not None else None


def best_layer(length: float, width: float, a: float, b: float) -> LayerPattern:
    """The layer with the most ``a x b`` cartons (either way round) on ``length x width``.

    Raises :class:`PackingInputError` for a non-positive size or a carton that fits in no
    way. The spots are exact multiples of the sizes given.
    """
    for value, what in (
        (length, "length"),
        (width, "width"),
        (a, "carton length"),
        (b, "carton width"),
    ):
        if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
            raise PackingInputError(f"pallet pattern: {what} must be positive, got {value!r}")
    k = _scale((length, width), (a, b))
    big_l, big_w = math.floor(length * k + 1e-6), math.floor(width * k + 1e-6)
    ia, ib = math.ceil(a * k - 1e-6), math.ceil(b * k - 1e-6)
    if not (min(ia, ib) <= min(big_l, big_w) and max(ia, ib) <= max(big_l, big_w)):
        raise PackingInputError(
            f"pallet pattern: a {a:g} x {b:g} carton does not fit on {length:g} x {width:g}",
            "carton",
        )
    if (big_l * big_w) // (ia * ib) > MAX_LAYER_CARTONS:
        raise PackingInputError(
            f"pallet pattern: a {a:g} x {b:g} carton is too small for a layer pattern on "
            f"{length:g} x {width:g} (more than {MAX_LAYER_CARTONS} cartons a layer)",
            "carton",
        )
    layer = _Layer(big_l, big_w, ia, ib)
    bound = (layer.rx[-1] * layer.ry[-1]) // (ia * ib)
    out = layer.two_block(big_l, big_w)
    kind = BLOCK if len({(s[2], s[3]) for s in out}) <= 1 else TWO_BLOCK
    if len(out) < bound and layer.complete:
        layer.solve()
        cut: list[tuple[int, int, int, int]] = []
        layer.fill(0, 0, big_l, big_w, cut)
        if len(cut) > len(out):  # more than two blocks
            out, kind = cut, GUILLOTINE
    count = len(out)
    if count < bound:
        found = layer.five_block(big_l, big_w, count)
        if found is not None:
            _, (x1, x2, y1, y2) = found
            five: list[tuple[int, int, int, int]] = []
            parts = [
                layer.fill(0, 0, x1, y2, five),
                layer.fill(x1, 0, big_l - x1, y1, five),
                layer.fill(x2, y1, big_l - x2, big_w - y1, five),
                layer.fill(0, y2, x2, big_w - y2, five),
            ]
            centre = layer.fill(x1, y1, x2 - x1, y2 - y1, five)
            out = five
            kind = PINWHEEL if parts == [1, 1, 1, 1] and centre <= 1 else FIVE_BLOCK
    # Sizes were rounded up to the next micrometre when not whole at k = 1000: the cartons
    # are laid at their true size on the rounded grid (never closer than the true size).
    spots = tuple(
        Spot(
            x / k, y / k, *((float(a), float(b)) if (dx, dy) == (ia, ib) else (float(b), float(a)))
        )
        for x, y, dx, dy in sorted(out, key=lambda s: (s[1], s[0]))
    )
    return LayerPattern(
        kind=kind,
        length=float(length),
        width=float(width),
        a=float(a),
        b=float(b),
        spots=spots,
        upper_bound=bound,
        complete=layer.complete,
    )


# --------------------------------------------------------------------------- interlocking


def _covered(upper: tuple[Spot, ...], lower: tuple[Spot, ...]) -> tuple[bool, int]:
    """Whether every carton of ``upper`` rests fully on ``lower``, and how many rest on two
    cartons or more (the ones that tie the layer below together)."""
    tol = 1e-6
    tied = 0
    for u in upper:
        area = 0.0
        under = 0
        for d in lower:
            ox = min(u.x + u.dx, d.x + d.dx) - max(u.x, d.x)
            oy = min(u.y + u.dy, d.y + d.dy) - max(u.y, d.y)
            if ox > tol and oy > tol:
                area += ox * oy
                under += 1
        if area < u.dx * u.dy * (1 - 1e-9):
            return False, 0
        if under >= 2:
            tied += 1
    return True, tied


def _mirrored(layer: LayerPattern, how: str) -> tuple[Spot, ...]:
    length, width = layer.length, layer.width
    out = []
    for s in layer.spots:
        x = length - s.x - s.dx if how in ("x", "both") else s.x
        y = width - s.y - s.dy if how in ("y", "both") else s.y
        out.append(Spot(x, y, s.dx, s.dy))
    return tuple(out)


def interlocking_layer(layer: LayerPattern) -> tuple[Spot, ...] | None:
    """The layer to put on every second level so that cartons straddle the joints below:
    the pattern mirrored along the length, across, or turned half round, whichever ties
    the most cartons while every carton still rests fully on the layer below; ``None``
    when no such layer ties any carton (stack in columns)."""
    if layer.count > 400:  # pairs compared grow as the square: large layers stay in columns
        return None
    best: tuple[Spot, ...] | None = None
    most = 0
    for how in ("x", "y", "both"):
        spots = _mirrored(layer, how)
        ok, tied = _covered(spots, layer.spots)
        if ok and tied > most:
            best, most = spots, tied
    return best


# --------------------------------------------------------------------------- pallets


def _check_overhang(overhang: float) -> None:
    if not (isinstance(overhang, int | float) and math.isfinite(overhang)) or overhang < 0:
        raise PackingInputError("overhang must be a number of centimetres, 0 or more", "overhang")
    if overhang > MAX_OVERHANG_CM:
        raise PackingInputError(
            f"overhang is {overhang:g} cm, at most {MAX_OVERHANG_CM:g} cm per side accepted",
            "overhang",
        )


def loaded_space(pallet: Pallet, max_height: float, overhang: float = 0.0) -> Container:
    """The space a pallet's load may take: the footprint plus ``overhang`` on each side,
    up to ``max_height`` less the deck, the pallet's maximum load."""
    _check_overhang(overhang)
    if max_height <= pallet.base_height:
        raise PackingInputError(
            f"pallet {pallet.name!r}: the height limit {max_height:g} leaves no room above "
            f"the deck ({pallet.base_height:g})",
            "max_height",
        )
    return Container(
        pallet.length + 2 * overhang,
        pallet.width + 2 * overhang,
        max_height - pallet.base_height,
        pallet.max_load,
        name=pallet.name,
    )


def pallet_pattern(
    carton: BoxType,
    pallet: Pallet,
    max_height: float,
    *,
    overhang: float = 0.0,
    interlock: bool = True,
    quantity: int | None = None,
) -> PalletPattern:
    """The single-product pallet with the most cartons of ``carton`` in identical layers.

    Every orientation the carton allows is tried for the vertical (a carton marked "this
    side up" keeps its height vertical); for each, the best layer (:func:`best_layer`) on
    the footprint plus ``overhang`` (cm per side, 0 to :data:`MAX_OVERHANG_CM`), then as
    many layers as the height limit, the pallet's maximum load and the carton's
    ``max_load_on_top`` allow. ``quantity`` (default: ``carton.quantity``) caps the cartons
    put on; the last layer is then partly filled. With ``interlock``, every second layer is
    mirrored when that ties the cartons together (see :func:`interlocking_layer`).
    Raises :class:`PackingInputError` when the carton fits in no allowed way.
    """
    space = loaded_space(pallet, max_height, overhang)
    wanted = carton.quantity if quantity is None else quantity
    if isinstance(wanted, bool) or not isinstance(wanted, int) or wanted < 0:
        raise PackingInputError("quantity must be a whole number, 0 or more", "quantity")
    best: tuple[tuple[int, int, int, float], PalletPattern] | None = None
    bounds: list[int] = []  # per vertical side: the layer bound times the levels
    dims = carton.dims
    tried: set[tuple[float, float, float]] = set()
    for v in (2, 0, 1):  # the carton's own height first: preferred on a tie
        if not carton.allowed_vertical[v]:
            continue
        a, b = (dims[i] for i in range(3) if i != v)
        h = dims[v]
        key = (min(a, b), max(a, b), h)
        if key in tried or h > space.height * (1 + 1e-9):
            continue
        tried.add(key)
        if not (
            min(a, b) <= min(space.length, space.width)
            and max(a, b) <= max(space.length, space.width)
        ):
            continue
        layer = best_layer(space.length, space.width, a, b)
        if layer.count == 0:
            continue
        levels = math.floor(space.height / h + 1e-9)
        limited = "height"
        cap = layer.count * levels
        if carton.weight > 0:
            by_weight = math.floor(space.max_payload / carton.weight + 1e-9)
            if by_weight < cap:
                cap, limited = by_weight, "weight"
        if carton.max_load_on_top is not None and carton.weight > 0:
            # the bottom carton of a column carries the cartons above it
            stack = 1 + math.floor(carton.max_load_on_top / carton.weight + 1e-9)
            if stack * layer.count < cap:
                cap, limited = stack * layer.count, "load_on_top"
        elif carton.max_load_on_top == 0:
            if layer.count < cap:
                cap, limited = layer.count, "load_on_top"
        if wanted < cap:
            cap, limited = wanted, "quantity"
        full_layers = math.ceil(cap / layer.count) if cap else 0
        upper = interlocking_layer(layer) if interlock and full_layers > 1 else None
        if upper is not None and limited == "load_on_top":
            upper = None  # loads spread unevenly over straddling cartons: keep columns
        placements: list[Placement] = []
        for level in range(full_layers):
            spots = upper if (upper is not None and level % 2 == 1) else layer.spots
            for s in spots:
                if len(placements) == cap:
                    break
                placements.append(Placement(carton.id, s.x, s.y, level * h, s.dx, s.dy, h))
        pattern = PalletPattern(
            pallet=pallet,
            carton=carton,
            layer=layer,
            carton_height=h,
            layers=full_layers,
            per_pallet=len(placements),
            interlocked=upper is not None,
            overhang=float(overhang),
            container=space,
            placements=tuple(placements),
            limited_by=limited,
        )
        score = (len(placements), 1 if v == 2 else 0, -full_layers, -h)
        bounds.append(layer.upper_bound * levels)
        if best is None or score > best[0]:
            best = (score, pattern)
    if best is None:
        raise PackingInputError(
            f"box {carton.id!r} ({carton.l:g} x {carton.w:g} x {carton.h:g}) fits the pallet "
            f"{pallet.name!r} in no allowed orientation",
            "carton",
        )
    # Pushed down, left and to the front (a "normal" loading, Herz 1972), the cartons of
    # one vertical side stand in whole layers, each within the layer bound; with several
    # sides allowed the layers may mix, so the bound is the volume of the effective space.
    if len(bounds) == 1:
        bound = bounds[0]
    else:
        bound = math.floor(space.length * space.width * space.height / carton.volume + 1e-9)
    if carton.weight > 0:
        bound = min(bound, math.floor(space.max_payload / carton.weight + 1e-9))
    bound = min(bound, wanted)
    return replace(best[1], upper_bound=max(bound, best[1].per_pallet))


def summary(pattern: PalletPattern) -> str:
    """One line in English: "pinwheel, 10 per layer x 6 layers, interlocked"."""
    stack = "interlocked" if pattern.interlocked else "in columns"
    return f"{pattern.kind}, {pattern.per_layer} per layer x {pattern.layers} layers, {stack}"


__all__ = [
    "BLOCK",
    "FIVE_BLOCK",
    "GUILLOTINE",
    "KINDS",
    "MAX_OVERHANG_CM",
    "PINWHEEL",
    "TWO_BLOCK",
    "LayerPattern",
    "PalletPattern",
    "Spot",
    "best_layer",
    "interlocking_layer",
    "loaded_space",
    "pallet_pattern",
    "summary",
]
