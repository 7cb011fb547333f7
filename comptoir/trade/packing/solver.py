"""Block-building container loading solver with maximal spaces and beam search.

The method follows the block-building school of the container loading literature, which
holds the best published results on the Bischoff & Ratcliff / Davies & Bischoff
instances:

* **Blocks.** Boxes are loaded in *blocks*: *simple blocks* (``nx x ny x nz`` boxes of one
  type in one orientation) and *general blocks* obtained by joining two blocks along x, y
  or z when the union fills at least ``MIN_FILL`` (98 %) of its bounding box, as in
  Fanslau & Bortfeldt (2010), "A tree search algorithm for solving the container loading
  problem", INFORMS J. Computing 22(2) ("CLTRS"). With a support constraint, blocks side
  by side must have the same height and an upper block must stand on the lower block's
  full top (their "packing area" rule).
* **Maximal spaces.** Free space is kept as the list of maximal empty cuboids and a block
  goes into the corner of a space nearest a corner of the container: Parreño,
  Alvarez-Valdes, Oliveira & Tamarit (2008), "A maximal-space algorithm for the container
  loading problem", INFORMS J. Computing 20(3). The space filled next is the one nearest
  a container corner (Manhattan distance) or, with a support rule, the one with the
  lowest floor (see ``SPACE_KEY``). Blocks are ranked by volume less the slabs of the
  space they would leave too thin for any box still to load (``FITNESS``), a simple form
  of the loss term of Araya, Guerrero & Nuñez (2017), "VCS: a new heuristic function for
  selecting boxes in the single container loading problem", Computers & OR 82.
* **Work, not time.** The search is budgeted in *work units* (``Options.work_limit``),
  each about 1.1 microseconds of this machine's processor (``WORK_PER_SECOND``):
  building blocks, evaluating the blocks that fit a space, placing a block and, with
  stacking limits, checking a block's support and load count their work as they go
  (weights in ``_Work``, fitted on BR1-BR15 runs). The same input and options give the same plan on any
  machine and under any load; the wall clock is only a safety stop, and a plan it cut
  short says so (``Plan.stopped_by_clock``).
* **Search.** A greedy completion evaluates partial solutions inside a beam search whose
  width doubles while time remains: the "beam search with greedy" (BSG) of Araya & Riff
  (2014), "A beam search approach to the container loading problem", Computers & OR 43,
  close to the iterative doubling of Zhu & Lim (2012), "A new iterative-doubling
  greedy-lookahead algorithm for the single container loading problem", EJOR 222(3).

Support (``Options.min_support_ratio``): the space above a block is cut to the block's
top face (``RESTRICT_TOPS``) and joined with the spaces on neighbouring tops of the same
height (``MERGE_TOPS``, ``MERGE_ROUNDS``), so every space stands on a supported floor; the share of support
is still checked box by box when a block is placed. Stacking weight
(``Options.max_stack_weight``, ``BoxType.max_load_on_top``): the weight of each new column
of boxes is propagated down through the contact faces in proportion to their areas, and a
block that would overload a box below is refused. The payload limit is kept by refusing
blocks heavier than what is left.

The solver works on integers: sizes are scaled by the smallest power of ten (up to 1000)
that makes them whole, box sizes rounded up and the container rounded down, so floating
point never lets two boxes overlap.
"""

from __future__ import annotations

import bisect
import heapq
import math
import multiprocessing as mp
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from comptoir.trade.packing.limits import check_load
from comptoir.trade.packing.model import (
    BoxType,
    Container,
    Options,
    Placement,
    Plan,
    summarise,
)

#: Minimum fill rate of a general block (Fanslau & Bortfeldt 2010 use 98 %): used for
#: strongly heterogeneous loads (fewer than ``MANY_PER_TYPE`` boxes per type on average);
#: otherwise only gap-free general blocks are built (measured +0.9 point on BR1-BR5
#: samples, -0.9 on BR12-BR15).
MIN_FILL = 0.98
MANY_PER_TYPE = 5.0
#: Maximum number of blocks kept (Fanslau & Bortfeldt 2010 use 10 000).
MAX_BLOCKS = 10000
#: Maximum number of box types in one general block.
MAX_TYPES_PER_BLOCK = 8
#: Share of the work budget allowed for building general blocks.
GENERATION_SHARE = 0.15
#: Which space to fill next: 0 Parreño et al. (2008) (sorted distance vector), 1 lowest
#: floor first, 2 smallest Manhattan distance to a corner; -1 picks 1 with a support
#: rule and 2 without (measured on BR1-BR15 samples).
SPACE_KEY = -1
#: Block evaluation: 0 volume (Parreño et al. 2008), 1 volume less ``FITNESS_W`` times
#: the slabs of the space that the block leaves too thin for any box left (measured
#: +1 point of volume utilisation on BR samples).
FITNESS = 1
FITNESS_W = 1.0
#: Heavy goods low, fragile on top (issue 18; CTU Code annex 7, 3.1.3: "heavy goods at
#: the bottom"): when the box types differ in density or some are fragile (a
#: ``max_load_on_top`` below their own weight), a block's value in a space whose floor is
#: at the share ``h`` of the height gains ``GRADE_W`` x its volume x
#: ``(1 - 2h) x density grade - (1 - h) x fragile share + lowness`` (density grade from
#: -1, the lightest type, to +1, the densest; lowness from -1, the block's weight all at
#: its top, to +1, all at its floor): blocks within a few per cent of each other swap so
#: that dense boxes go to the lower floors, also inside a block, and fragile ones to the
#: upper floors.
GRADE_W = 0.05
#: With a support rule, cut the space above a block to its top face (measured +2 points
#: on BR samples with full support, against checking support in uncut spaces) ...
RESTRICT_TOPS = True
#: ... and join it with the spaces on neighbouring tops of the same height (+0.2 point).
MERGE_TOPS = True
#: Rounds of joining (a second round joins three tops in a row; 3 rounds measured +1
#: point over 1 on BR9-BR15 samples with full support, no change on BR1-BR7).
MERGE_ROUNDS = 3


@dataclass(frozen=True, slots=True)
class _Strategy:
    """One way of searching: ``Options.workers`` runs the first ``workers`` of
    ``STRATEGIES`` side by side and keeps the best plan (strategy 0 is the single search).

    ``space_key`` as ``SPACE_KEY`` (-1: the default for the support rule; -2: the other
    one of 1 and 2), ``fitness_w`` as ``FITNESS_W``, ``min_fill`` overrides ``MIN_FILL``
    for strongly heterogeneous loads (0: keep the default).
    """

    space_key: int = -1
    fitness_w: float = -1.0  # -1: FITNESS_W
    min_fill: float = 0.0


#: The searches run by ``Options.workers``, the most different first: the other space
#: order, a lighter and a heavier loss term, Parreño's order, looser general blocks.
STRATEGIES: tuple[_Strategy, ...] = (
    _Strategy(),
    _Strategy(space_key=-2),
    _Strategy(fitness_w=0.5),
    _Strategy(space_key=0),
    _Strategy(fitness_w=2.0),
    _Strategy(min_fill=0.95),
    _Strategy(space_key=-2, fitness_w=0.5),
    _Strategy(space_key=0, fitness_w=2.0),
    _Strategy(space_key=-2, fitness_w=2.0),
    _Strategy(space_key=0, fitness_w=0.5),
    _Strategy(fitness_w=0.25),
    _Strategy(fitness_w=4.0),
    _Strategy(space_key=-2, min_fill=0.95),
    _Strategy(space_key=0, min_fill=0.95),
    _Strategy(fitness_w=0.5, min_fill=0.95),
    _Strategy(fitness_w=2.0, min_fill=0.95),
)

Rect = tuple[int, int, int, int]
# A box of a block: type, orientation, x, y, z, dx, dy, dz (relative to the block corner).
BoxRec = tuple[int, int, int, int, int, int, int, int]
# Space: (d0, d1, d2, -volume, x1, y1, z1, x2, y2, z2): the leading key makes ``min``
# pick the space to fill next (Parreño et al. 2008).
Space = tuple[int, int, int, int, int, int, int, int, int, int]
IntArray = npt.NDArray[np.int64]


def _scale_for(values: Sequence[float]) -> int:
    for k in range(4):
        f = int(10**k)
        if all(abs(v * f - round(v * f)) <= 1e-9 * max(1.0, abs(v * f)) for v in values):
            return f
    return 1000


def _counts(m: int, thin: bool) -> list[int]:
    """Numbers of boxes along one side of a simple block: all up to ``m``, or a spread."""
    if not thin or m <= 10:
        return list(range(1, m + 1))
    picks = set(range(1, 7)) | {m // 4, m // 3, m // 2, (2 * m) // 3, (3 * m) // 4, m - 1, m}
    return sorted(p for p in picks if 1 <= p <= m)


class _Block:
    """A block: ``kind`` 0 simple (type, orientation, nx, ny, nz), 1/2/3 joined along x/y/z."""

    __slots__ = (
        "dx",
        "dy",
        "dz",
        "vol",
        "weight",
        "need",
        "kind",
        "a",
        "b",
        "t",
        "o",
        "n",
        "top_full",
        "mom",
        "_bottom",
        "_boxes",
        "_tops",
    )

    def __init__(
        self,
        dx: int,
        dy: int,
        dz: int,
        vol: int,
        weight: float,
        need: tuple[tuple[int, int], ...],
        kind: int,
        a: _Block | None = None,
        b: _Block | None = None,
        t: int = -1,
        o: int = -1,
        n: tuple[int, int, int] = (1, 1, 1),
        top_full: bool = True,
    ) -> None:
        self.dx, self.dy, self.dz = dx, dy, dz
        self.vol = vol
        self.weight = weight
        self.need = need
        self.kind = kind
        self.a, self.b = a, b
        self.t, self.o, self.n = t, o, n
        self.top_full = top_full
        # Moment of the weight about the block's floor (weight x height of its centre).
        if a is None or b is None:
            self.mom = weight * dz / 2
        else:
            self.mom = a.mom + b.mom + (b.weight * a.dz if kind == 3 else 0.0)
        self._bottom: list[Rect] | None = None
        self._tops: list[Rect] | None = None
        self._boxes: list[BoxRec] | None = None

    def boxes(self, odims: list[list[tuple[int, int, int]]]) -> list[BoxRec]:
        """Boxes as (type, orientation, x, y, z, dx, dy, dz), relative to the block corner."""
        if self._boxes is None:
            out: list[BoxRec] = []
            if self.kind == 0:
                ox, oy, oz = odims[self.t][self.o]
                nx, ny, nz = self.n
                for k in range(nz):
                    for j in range(ny):
                        for i in range(nx):
                            out.append((self.t, self.o, i * ox, j * oy, k * oz, ox, oy, oz))
            else:
                assert self.a is not None and self.b is not None
                out.extend(self.a.boxes(odims))
                sx = self.a.dx if self.kind == 1 else 0
                sy = self.a.dy if self.kind == 2 else 0
                sz = self.a.dz if self.kind == 3 else 0
                for bt, bo, x, y, z, ddx, ddy, ddz in self.b.boxes(odims):
                    out.append((bt, bo, x + sx, y + sy, z + sz, ddx, ddy, ddz))
            self._boxes = out
        return self._boxes

    def tops(self) -> list[Rect]:
        """Rectangles of the block's top face (at height ``dz``), relative to its corner."""
        if self._tops is None:
            if self.kind == 0 or self.top_full:
                self._tops = [(0, 0, self.dx, self.dy)]
            else:
                assert self.a is not None and self.b is not None
                rects: list[Rect] = []
                if self.kind != 3 and self.a.dz == self.dz:
                    rects.extend(self.a.tops())
                sx = self.a.dx if self.kind == 1 else 0
                sy = self.a.dy if self.kind == 2 else 0
                if self.kind == 3 or self.b.dz == self.dz:
                    rects.extend(
                        (x1 + sx, y1 + sy, x2 + sx, y2 + sy) for x1, y1, x2, y2 in self.b.tops()
                    )
                self._tops = rects
        return self._tops

    def bottom(self, odims: list[list[tuple[int, int, int]]]) -> list[Rect]:
        """Footprints of the boxes standing on the block's floor."""
        if self._bottom is None:
            if self.kind == 0:
                ox, oy, _ = odims[self.t][self.o]
                nx, ny, _ = self.n
                self._bottom = [
                    (i * ox, j * oy, (i + 1) * ox, (j + 1) * oy)
                    for j in range(ny)
                    for i in range(nx)
                ]
            else:
                assert self.a is not None and self.b is not None
                rects = list(self.a.bottom(odims))
                if self.kind != 3:
                    sx = self.a.dx if self.kind == 1 else 0
                    sy = self.a.dy if self.kind == 2 else 0
                    rects.extend(
                        (x1 + sx, y1 + sy, x2 + sx, y2 + sy)
                        for x1, y1, x2, y2 in self.b.bottom(odims)
                    )
                self._bottom = rects
        return self._bottom


@dataclass
class _State:
    spaces: list[Space]
    avail: IntArray
    payload: float
    volume: int
    placed: list[tuple[int, int, int, int]]  # (block index, x, y, z)
    tops: dict[int, list[tuple[int, int, int, int, int]]]  # z -> (x1, y1, x2, y2, box)
    loads: list[float]  # per tracked box: weight resting on it
    limits: list[float]  # per tracked box: the most it may carry
    supp: list[list[tuple[int, float]]]  # per tracked box: (box below, share)
    bottoms: dict[int, list[Rect]] | None  # z -> footprints standing there (stacking)
    mins: tuple[int, int, int] = (0, 0, 0)  # smallest side, vertical side, volume left
    cmask: npt.NDArray[np.bool_] | None = None  # blocks whose boxes are still available

    def copy(self) -> _State:
        return _State(
            spaces=self.spaces[:],
            avail=self.avail.copy(),
            payload=self.payload,
            volume=self.volume,
            placed=self.placed[:],
            tops={k: v[:] for k, v in self.tops.items()},
            loads=self.loads[:],
            limits=self.limits[:],
            supp=self.supp[:],
            bottoms=None if self.bottoms is None else {k: v[:] for k, v in self.bottoms.items()},
            mins=self.mins,
            cmask=None if self.cmask is None else self.cmask.copy(),
        )


class _Work:
    """The search's work meter, in units of ``1 / WORK_PER_SECOND`` s of this machine's
    processor (about 1.1 microseconds).

    The relative weights come from a least-squares fit of the processor time of 75 runs on
    BR1-BR15 (with and without support) against what each step did; the stacking checks'
    weights from 10 runs with weights and load limits (5 % mean error). After the
    speed-ups of December 2026 the scale was fitted again (``WORK_PER_SECOND``): 8.7 %
    mean error over 30 runs of 10 M units, BR1-BR7 about 9 % slower a unit and BR8-BR15
    about 7 % faster than the mean (then 12 % less time after the last speed-up, on 15
    runs). A refit of the weights on 20 runs of 1-2 M units (a
    filter call about 18 units against 5 plus one per 400 blocks, a placement about 18
    against 35, block building about twice its units) took the error on those runs from
    4.5 % to 3.0 % but would change every plan at a given budget: not done.
    """

    #: a row of pairs examined while joining blocks, and one unit per this many pairs
    ROW = 40
    PAIRS_PER_UNIT = 40
    #: a joined block checked and kept or dropped
    JOIN = 12
    #: the blocks that fit a space, filtered: a call, and one unit per this many blocks
    FILTER = 5
    BLOCKS_PER_UNIT = 400
    #: a block placed, and 3/4 of a unit per free space updated
    PLACE = 35
    SPACE_NUM, SPACE_DEN = 3, 4
    #: with stacking limits: a block's support checked box by box or its load passed
    #: down, and the extra of a block placed (its columns' loads and supports tracked)
    STACK_CHECK = 5
    STACK_PLACE = 25

    __slots__ = ("budget", "done", "safety_at", "clock_stopped")

    def __init__(self, budget: int, safety_at: float) -> None:
        self.budget = budget
        self.done = 0
        self.safety_at = safety_at
        self.clock_stopped = False

    def beyond(self, budget: int) -> bool:
        """True once ``budget`` units are done or the safety stop has fired."""
        if self.done >= budget:
            return True
        if not self.clock_stopped and time.monotonic() > self.safety_at:
            self.clock_stopped = True
        return self.clock_stopped

    def spent(self) -> bool:
        return self.beyond(self.budget)


class _Solver:
    #: Blocks ranked first when only the best block of a space is wanted (``_best_block``).
    HEAD = 32

    def __init__(
        self,
        container: Container,
        boxes: Sequence[BoxType],
        options: Options,
        started: float,
        strategy: _Strategy | None = None,
    ) -> None:
        self.options = options
        strat = strategy or STRATEGIES[0]
        self.started = started
        self.work = _Work(options.effective_work_limit(), started + options.safety_stop_s())
        self.types = [b for b in boxes if b.quantity > 0]
        values = [container.length, container.width, container.height]
        for b in self.types:
            values.extend(b.dims)
        f = _scale_for(values)
        self.f = f
        self.L = int(math.floor(container.length * f + 1e-6))
        self.W = int(math.floor(container.width * f + 1e-6))
        self.H = int(math.floor(container.height * f + 1e-6))
        self.payload = container.max_payload
        self.ratio = options.min_support_ratio
        # Oriented sizes, scaled (integers) and as given (floats), per type.
        self.odims: list[list[tuple[int, int, int]]] = []
        self.fdims: list[list[tuple[float, float, float]]] = []
        for b in self.types:
            ints: list[tuple[int, int, int]] = []
            floats: list[tuple[float, float, float]] = []
            for o in b.orientations():
                io = tuple(int(math.ceil(v * f - 1e-6)) for v in o)
                if io[0] <= self.L and io[1] <= self.W and io[2] <= self.H and io not in ints:
                    ints.append(io)  # type: ignore[arg-type]
                    floats.append(o)
            self.odims.append(ints)
            self.fdims.append(floats)
        self.qty = [b.quantity if self.odims[i] else 0 for i, b in enumerate(self.types)]
        self.wt = [b.weight for b in self.types]
        self.tlimit: list[float] = []
        cap = math.inf if options.max_stack_weight is None else options.max_stack_weight
        for b in self.types:
            lim = cap if b.max_load_on_top is None else min(cap, b.max_load_on_top)
            self.tlimit.append(lim)
        self.stacking = any(math.isfinite(x) for x in self.tlimit)
        self.blocks: list[_Block] = []
        kinds = sum(1 for q in self.qty if q > 0)
        many = kinds > 0 and sum(self.qty) / kinds >= MANY_PER_TYPE
        self.min_fill = 1.0 if many else (strat.min_fill or MIN_FILL)
        default_key = 1 if self.ratio > 0 or self.stacking else 2
        if strat.space_key == -1:
            self.space_key = SPACE_KEY if SPACE_KEY >= 0 else default_key
        elif strat.space_key == -2:
            self.space_key = 3 - default_key
        else:
            self.space_key = strat.space_key
        self.fitness_w = FITNESS_W if strat.fitness_w < 0 else strat.fitness_w
        big = 1 << 60
        self.t_side = np.array(
            [min((min(o) for o in ors), default=big) for ors in self.odims], dtype=np.int64
        )
        self.t_vert = np.array(
            [min((o[2] for o in ors), default=big) for ors in self.odims], dtype=np.int64
        )
        self.t_vol = np.array(
            [min((o[0] * o[1] * o[2] for o in ors), default=big) for ors in self.odims],
            dtype=np.int64,
        )
        self.t_side_l: list[int] = self.t_side.tolist()
        self.t_vert_l: list[int] = self.t_vert.tolist()
        self.t_vol_l: list[int] = self.t_vol.tolist()
        # Spaces joined over neighbouring tops are the only ones not filtered by the
        # smallest sizes left when they are made.
        self.merging = (self.ratio > 0 or self.stacking) and RESTRICT_TOPS and MERGE_TOPS
        self._grade_types(boxes)

    def _grade_types(self, boxes: Sequence[BoxType]) -> None:
        """Density grade (-1 lightest .. +1 densest) and fragility (0/1) of each type."""
        live = [t for t in range(len(self.types)) if self.qty[t] > 0]
        dens = {t: self.wt[t] / float(self.t_vol[t]) for t in live}
        levels = sorted(set(dens.values()))
        self.t_grade = [0.0] * len(self.types)
        if len(levels) > 1:
            rank = {d: i / (len(levels) - 1) for i, d in enumerate(levels)}
            for t in live:
                self.t_grade[t] = 2 * rank[dens[t]] - 1
        self.t_fragile = [
            1.0
            if b.max_load_on_top is not None
            and (b.max_load_on_top == 0 or b.max_load_on_top < b.weight)
            else 0.0
            for b in self.types
        ]
        self.grading = GRADE_W > 0 and (len(levels) > 1 or any(self.t_fragile[t] for t in live))

    # ------------------------------------------------------------------ blocks
    def _simple_blocks(self) -> list[_Block]:
        out: list[_Block] = []
        per_type_cap = max(50, MAX_BLOCKS // max(1, len(self.types)))
        for t, ors in enumerate(self.odims):
            q = self.qty[t]
            if q == 0:
                continue
            w = self.wt[t]
            maxn = q
            if math.isfinite(self.payload) and w > 0:
                maxn = min(q, int(self.payload // w))
            if maxn <= 0:
                continue
            mine: list[_Block] = []
            for o, (ox, oy, oz) in enumerate(ors):
                mx, my, mz = self.L // ox, self.W // oy, self.H // oz
                # With a stacking limit, cap the column height the bottom box can carry.
                if self.stacking and w > 0 and math.isfinite(self.tlimit[t]):
                    mz = min(mz, int(self.tlimit[t] // w) + 1)
                thin = mx * my * mz > 4000  # many small boxes: not every count
                for nz in _counts(min(mz, maxn), thin):
                    for ny in _counts(min(my, maxn // nz), thin):
                        for nx in _counts(min(mx, maxn // (nz * ny)), thin):
                            c = nx * ny * nz
                            mine.append(
                                _Block(
                                    nx * ox,
                                    ny * oy,
                                    nz * oz,
                                    c * ox * oy * oz,
                                    c * w,
                                    ((t, c),),
                                    0,
                                    t=t,
                                    o=o,
                                    n=(nx, ny, nz),
                                )
                            )
            if len(mine) > per_type_cap:
                # Keep the largest blocks and the thin ones (one layer or one column).
                mine.sort(key=lambda b: -b.vol)
                keep = mine[:per_type_cap]
                kept = {id(b) for b in keep}
                keep.extend(
                    b for b in mine if id(b) not in kept and min(b.n) == 1 and sorted(b.n)[1] == 1
                )
                mine = keep
            out.extend(mine)
        return out

    def _general_blocks(self, simple: list[_Block], budget: int) -> list[_Block]:
        """Join pairs of blocks (Fanslau & Bortfeldt 2010) while work and room remain."""
        blocks = list(simple)
        # Size and boxes of each block kept -> its lowest weight moment: one block per
        # size and boxes, or, with heavy goods low (``grading``), a second one that carries
        # the same boxes lower.
        seen: dict[tuple[int, int, int, tuple[tuple[int, int], ...]], float] = {
            (b.dx, b.dy, b.dz, b.need): b.mom for b in blocks
        }
        grading = self.grading
        qty = self.qty
        frontier_start = 0
        support = self.ratio > 0
        work = self.work
        while len(blocks) < MAX_BLOCKS and not work.beyond(budget):
            n = len(blocks)
            if frontier_start >= n:
                break
            dx = np.array([b.dx for b in blocks], dtype=np.int64)
            dy = np.array([b.dy for b in blocks], dtype=np.int64)
            dz = np.array([b.dz for b in blocks], dtype=np.int64)
            vol = np.array([b.vol for b in blocks], dtype=np.int64)
            wt = np.array([b.weight for b in blocks], dtype=np.float64)
            topf = np.array([b.top_full for b in blocks], dtype=bool)
            new: list[_Block] = []
            for ia in range(n):
                if work.beyond(budget) or n + len(new) >= MAX_BLOCKS:
                    break
                a = blocks[ia]
                # Pairs (a, b) with at least one of them new in this generation.
                lo = frontier_start if ia < frontier_start else 0
                work.done += _Work.ROW + (n - lo) // _Work.PAIRS_PER_UNIT
                sl = slice(lo, n)
                bdx, bdy, bdz, bvol = dx[sl], dy[sl], dz[sl], vol[sl]
                for kind in (1, 2, 3):
                    if kind == 1:
                        cx, cy, cz = a.dx + bdx, np.maximum(a.dy, bdy), np.maximum(a.dz, bdz)
                    elif kind == 2:
                        cx, cy, cz = np.maximum(a.dx, bdx), a.dy + bdy, np.maximum(a.dz, bdz)
                    else:
                        cx, cy, cz = np.maximum(a.dx, bdx), np.maximum(a.dy, bdy), a.dz + bdz
                    m = (cx <= self.L) & (cy <= self.W) & (cz <= self.H)
                    m &= (a.vol + bvol) >= self.min_fill * (cx * cy * cz)
                    if math.isfinite(self.payload):
                        m &= (a.weight + wt[sl]) <= self.payload
                    if support and kind != 3:
                        # Side by side only at the same height: a flat top carries.
                        m &= bdz == a.dz
                    if support and kind == 3:
                        # The upper block must stand inside the lower one's full top.
                        if not a.top_full:
                            continue
                        m &= (bdx <= a.dx) & (bdy <= a.dy)
                    if kind == 3 and self.grading and a.vol > 0:
                        # Heavy goods low: a denser block on a lighter one is left out
                        # when the same two stacked the other way round are a block too
                        # (only one of the two is kept: same size, same boxes).
                        denser = wt[sl] * a.vol > a.weight * bvol * (1 + 1e-9)
                        if support:
                            denser &= (a.dx <= bdx) & (a.dy <= bdy) & topf[sl]
                        m &= ~denser
                    idx = np.flatnonzero(m)
                    work.done += _Work.JOIN * idx.size
                    for j in idx.tolist():
                        b = blocks[lo + j]
                        need_d = dict(a.need)
                        for t, c in b.need:
                            need_d[t] = need_d.get(t, 0) + c
                        if len(need_d) > MAX_TYPES_PER_BLOCK or any(
                            c > qty[t] for t, c in need_d.items()
                        ):
                            continue
                        need = tuple(sorted(need_d.items()))
                        ccx, ccy, ccz = int(cx[j]), int(cy[j]), int(cz[j])
                        key = (ccx, ccy, ccz, need)
                        mom = a.mom + b.mom + (b.weight * a.dz if kind == 3 else 0.0)
                        if key in seen and (not grading or mom >= seen[key] * (1 - 1e-9)):
                            continue
                        if kind == 3:
                            tf = bool(topf[lo + j]) and b.dx == ccx and b.dy == ccy
                        else:
                            tf = (
                                a.top_full
                                and b.top_full
                                and a.dz == b.dz
                                and (a.dy == b.dy if kind == 1 else a.dx == b.dx)
                            )
                        seen[key] = mom
                        new.append(
                            _Block(
                                ccx,
                                ccy,
                                ccz,
                                a.vol + b.vol,
                                a.weight + b.weight,
                                need,
                                kind,
                                a=a,
                                b=b,
                                top_full=tf,
                            )
                        )
            if not new:
                break
            frontier_start = n
            blocks.extend(new[: MAX_BLOCKS - n])
        return blocks

    def _prepare(self, budget: int) -> None:
        simple = self._simple_blocks()
        if len(simple) < MAX_BLOCKS and not self.stacking:
            blocks = self._general_blocks(simple, budget)
        else:
            blocks = simple
        blocks.sort(key=lambda b: (-b.vol, b.dz, b.kind))
        self.blocks = blocks
        nb = len(blocks)
        T = len(self.types)
        self.bdx = np.array([b.dx for b in blocks], dtype=np.int64)
        self.bdy = np.array([b.dy for b in blocks], dtype=np.int64)
        self.bdz = np.array([b.dz for b in blocks], dtype=np.int64)
        self.bw = np.array([b.weight for b in blocks], dtype=np.float64)
        self.bvol = np.array([b.vol for b in blocks], dtype=np.int64)
        K = max((len(b.need) for b in blocks), default=1)
        need_t = np.full((nb, K), T, dtype=np.int64)  # T is a sentinel type, always there
        need_c = np.zeros((nb, K), dtype=np.int64)
        for i, b in enumerate(blocks):
            for k, (t, c) in enumerate(b.need):
                need_t[i, k] = t
                need_c[i, k] = c
        self.need_t = need_t
        self.need_c = need_c
        if self.grading:
            # Per block, the volume-weighted density grade and fragile share of its boxes.
            grade = np.zeros(nb, dtype=np.float64)
            frag = np.zeros(nb, dtype=np.float64)
            low = np.zeros(nb, dtype=np.float64)
            for i, b in enumerate(blocks):
                vols = [(t, c * int(self.t_vol[t])) for t, c in b.need]
                total = sum(v for _, v in vols) or 1
                grade[i] = sum(self.t_grade[t] * v for t, v in vols) / total
                frag[i] = sum(self.t_fragile[t] * v for t, v in vols) / total
                if b.weight > 0 and b.kind != 0:
                    # Inside the block: +1 all the weight at the floor, -1 at the top.
                    low[i] = 1 - 2 * b.mom / (b.weight * b.dz)
            self.bgrade = grade
            self.bfrag = frag
            self.blow = low
        # Face areas (yz, xz, xy) of the blocks, to weigh the slabs they leave.
        self.fyz = self.bdy * self.bdz
        self.fxz = self.bdx * self.bdz
        self.fxy = self.bdx * self.bdy
        # Volumes negated, ascending (the blocks are sorted by volume, largest first).
        self.neg_vol = (-self.bvol).astype(np.float64)
        # Per type, the blocks that use it sorted by how many of its boxes they take, and
        # those counts: when fewer boxes of the type are left, the blocks taking more are
        # the ones that become unavailable (availability only falls along a plan).
        self.of_type: list[IntArray] = []
        self.of_type_counts: list[list[int]] = []
        self.of_type_top: list[int] = []  # the most boxes of the type that a block takes
        for t in range(T):
            rows = np.flatnonzero((need_t == t).any(axis=1))
            counts = (need_c[rows] * (need_t[rows] == t)).sum(axis=1)
            order = np.argsort(counts, kind="stable")
            self.of_type.append(rows[order])
            self.of_type_counts.append(counts[order].tolist())
            self.of_type_top.append(int(counts.max()) if counts.size else 0)

    # ------------------------------------------------------------------ state
    def _root(self) -> _State:
        avail = np.array(self.qty + [1 << 40], dtype=np.int64)
        st = _State(
            spaces=[],
            avail=avail,
            payload=self.payload,
            volume=0,
            placed=[],
            tops={},
            loads=[],
            limits=[],
            supp=[],
            bottoms={} if self.stacking and self.ratio < 1 else None,
        )
        st.spaces = [self._space(0, 0, 0, self.L, self.W, self.H)]
        st.mins = self._min_sizes(avail)
        st.cmask = np.asarray((avail[self.need_t] >= self.need_c).all(axis=1), dtype=np.bool_)
        return st

    def _space(self, x1: int, y1: int, z1: int, x2: int, y2: int, z2: int) -> Space:
        a = min(x1, self.L - x2)
        b = min(y1, self.W - y2)
        c = z1
        key = self.space_key
        if key == 1:
            if a > b:
                a, b = b, a
            return (c, a, b, -(x2 - x1) * (y2 - y1) * (z2 - z1), x1, y1, z1, x2, y2, z2)
        if key == 2:
            return (a + b + c, 0, 0, -(x2 - x1) * (y2 - y1) * (z2 - z1), x1, y1, z1, x2, y2, z2)
        if a > b:
            a, b = b, a
        if b > c:
            b, c = c, b
            if a > b:
                a, b = b, a
        return (a, b, c, -(x2 - x1) * (y2 - y1) * (z2 - z1), x1, y1, z1, x2, y2, z2)

    def _min_sizes(self, avail: IntArray) -> tuple[int, int, int]:
        """Smallest side, smallest vertical side and smallest volume left to load."""
        m = avail[: len(self.types)] > 0
        if not m.any():
            return (1 << 60, 1 << 60, 1 << 60)
        return (
            int(self.t_side[m].min()),
            int(self.t_vert[m].min()),
            int(self.t_vol[m].min()),
        )

    def _feasible(self, st: _State, sp: Space, first: bool = False) -> IntArray:
        """The blocks that fit space ``sp``, best first (only the best one if ``first``)."""
        self.work.done += _Work.FILTER + len(self.blocks) // _Work.BLOCKS_PER_UNIT
        sx, sy, sz = sp[7] - sp[4], sp[8] - sp[5], sp[9] - sp[6]
        m = self.bdx <= sx
        m &= self.bdy <= sy
        m &= self.bdz <= sz
        if math.isfinite(st.payload):
            m &= self.bw <= st.payload + 1e-9
        assert st.cmask is not None
        m &= st.cmask
        idx = m.nonzero()[0]
        if FITNESS and idx.size > 1:
            ms, mv, _ = st.mins
            if first and not self.grading and self.fitness_w >= 0:
                return self._best_block(idx, sx, sy, sz, ms, mv)
            fit = self._fitness(idx, sx, sy, sz, ms, mv)
            if self.grading:
                self.work.done += idx.size // _Work.BLOCKS_PER_UNIT
                h = sp[6] / self.H
                fit = fit + GRADE_W * self.bvol[idx] * (
                    (1 - 2 * h) * self.bgrade[idx] - (1 - h) * self.bfrag[idx] + self.blow[idx]
                )
            if first:
                # The first of the highest: the head of the stable sort below.
                best = int(np.argmax(fit))
                return idx[best : best + 1]
            idx = idx[np.argsort(-fit, kind="stable")]
        return idx

    def _fitness(
        self, idx: IntArray, sx: int, sy: int, sz: int, ms: int, mv: int
    ) -> npt.NDArray[np.float64]:
        """Volume less ``fitness_w`` x the slabs of the space (sx, sy, sz) that each block
        leaves beside, behind and above it thinner than any box left (``ms``, ``mv``).

        The slabs are summed as integers, so the value is exact whatever the order.
        """
        rx = sx - self.bdx[idx]
        rx *= rx < ms
        rx *= self.fyz[idx]
        ry = sy - self.bdy[idx]
        ry *= ry < ms
        ry *= self.fxz[idx]
        rz = sz - self.bdz[idx]
        rz *= rz < mv
        rz *= self.fxy[idx]
        rx += ry
        rx += rz
        return self.bvol[idx] - self.fitness_w * rx

    def _best_block(self, idx: IntArray, sx: int, sy: int, sz: int, ms: int, mv: int) -> IntArray:
        """The first block of ``idx`` with the highest fitness, as ``_fitness`` ranks them.

        A block's fitness is at most its volume and the blocks are sorted by volume, so
        once the best of the first ``HEAD`` is known, only the blocks of larger volume
        after them can do better: the others are not evaluated.
        """
        head = idx[: self.HEAD]
        fit = self._fitness(head, sx, sy, sz, ms, mv)
        i = int(fit.argmax())
        best = float(fit[i])
        if idx.size > self.HEAD:
            # Blocks whose volume may pass ``best`` (a margin for the float rounding).
            limit = -(best - abs(best) * 1e-12 - 1.0)
            last = int(np.searchsorted(self.neg_vol, limit, side="left"))
            stop = int(np.searchsorted(idx, last, side="left"))
            if stop > self.HEAD:
                tail = idx[self.HEAD : stop]
                fit2 = self._fitness(tail, sx, sy, sz, ms, mv)
                j = int(fit2.argmax())
                if fit2[j] > best:
                    return tail[j : j + 1]
        return head[i : i + 1]

    def _support_ok(
        self, st: _State, blk: _Block, x: int, y: int, z: int
    ) -> list[list[tuple[int, float]]] | None:
        """Check support of the block's bottom boxes; return their supporters (or None)."""
        if z == 0:
            return []
        if self.stacking:
            self.work.done += _Work.STACK_CHECK
        tops = st.tops.get(z)
        if not tops:
            return None if self.ratio > 0 or self.stacking else []
        ratio = self.ratio
        fx1, fy1, fx2, fy2 = x, y, x + blk.dx, y + blk.dy
        near = [r for r in tops if r[0] < fx2 and r[2] > fx1 and r[1] < fy2 and r[3] > fy1]
        if not near:
            return None if ratio > 0 or self.stacking else []
        if not self.stacking:
            if ratio <= 0:
                return []
            covered = 0
            for r in near:
                covered += (min(r[2], fx2) - max(r[0], fx1)) * (min(r[3], fy2) - max(r[1], fy1))
            if covered >= blk.dx * blk.dy:
                return []
        result: list[list[tuple[int, float]]] = []
        for bx1, by1, bx2, by2 in blk.bottom(self.odims):
            ax1, ay1, ax2, ay2 = bx1 + x, by1 + y, bx2 + x, by2 + y
            area = 0
            sup: list[tuple[int, float]] = []
            for r in near:
                ox = min(r[2], ax2) - max(r[0], ax1)
                if ox <= 0:
                    continue
                oy = min(r[3], ay2) - max(r[1], ay1)
                if oy <= 0:
                    continue
                area += ox * oy
                sup.append((r[4], ox * oy))
            if area < ratio * (ax2 - ax1) * (ay2 - ay1) - 1e-9:
                return None
            if self.stacking:
                if area == 0:
                    return None
                result.append([(k, a / area) for k, a in sup])
        return result

    def _candidates(self, st: _State, sp: Space, k: int) -> list[tuple[int, int, int, int, object]]:
        """Up to k best feasible blocks for space ``sp``, with their position."""
        check = self.ratio > 0 or self.stacking
        x1, y1, z1, x2, y2, z2 = sp[4:]
        # Without support or stacking checks every block that fits is a candidate: the
        # best one is enough for a greedy step.
        plain = k == 1 and not (check and z1 > 0) and st.bottoms is None and not self.stacking
        idx = self._feasible(st, sp, first=plain)
        out: list[tuple[int, int, int, int, object]] = []
        if idx.size == 0:
            return out
        near_x = x1 <= self.L - x2
        near_y = y1 <= self.W - y2
        for bi in idx.tolist():
            blk = self.blocks[bi]
            x = x1 if near_x else x2 - blk.dx
            y = y1 if near_y else y2 - blk.dy
            extra: object = None
            if check and z1 > 0:
                sup = self._support_ok(st, blk, x, y, z1)
                if sup is None:
                    # Try the other corners of the space's floor.
                    found = False
                    for xx, yy in (
                        (x1, y1),
                        (x2 - blk.dx, y1),
                        (x1, y2 - blk.dy),
                        (x2 - blk.dx, y2 - blk.dy),
                    ):
                        if (xx, yy) == (x, y):
                            continue
                        sup = self._support_ok(st, blk, xx, yy, z1)
                        if sup is not None:
                            x, y, found = xx, yy, True
                            break
                    if not found:
                        continue
                extra = sup
            if st.bottoms is not None and self._under_a_box(st, blk, x, y, z1):
                continue
            if self.stacking:
                plan = self._stack_plan(st, blk, extra, z1)
                if plan is None:
                    continue
                extra = (extra, plan)
            out.append((bi, x, y, z1, extra))
            if len(out) >= k:
                break
        return out

    # -------------------------------------------------------------- stacking
    def _under_a_box(self, st: _State, blk: _Block, x: int, y: int, z: int) -> bool:
        """True if a placed box would rest on the block (loads only flow downwards)."""
        assert st.bottoms is not None
        for r in st.bottoms.get(z + blk.dz, ()):
            if r[0] < x + blk.dx and r[2] > x and r[1] < y + blk.dy and r[3] > y:
                return True
        return False

    def _stack_plan(self, st: _State, blk: _Block, sup: object, z: int) -> dict[int, float] | None:
        """Extra load on placed boxes if ``blk`` goes in; None if a box would be overloaded."""
        assert blk.kind == 0
        self.work.done += _Work.STACK_CHECK
        nx, ny, nz = blk.n
        t = blk.t
        w = self.wt[t]
        if (nz - 1) * w > self.tlimit[t] + 1e-9:
            return None
        extra: dict[int, float] = {}
        if z == 0 or not sup:
            return extra
        sups = sup
        assert isinstance(sups, list)
        column = nz * w
        if column == 0:
            return extra
        stack: list[tuple[int, float]] = []
        for box_sup in sups:
            for k, share in box_sup:
                stack.append((k, column * share))
        while stack:
            k, amount = stack.pop()
            extra[k] = extra.get(k, 0.0) + amount
            for k2, share in st.supp[k]:
                stack.append((k2, amount * share))
        for k, amount in extra.items():
            if st.loads[k] + amount > st.limits[k] + 1e-9:
                return None
        return extra

    # ------------------------------------------------------------------ place
    def _place(self, st: _State, cand: tuple[int, int, int, int, object]) -> None:
        bi, x, y, z, extra = cand
        blk = self.blocks[bi]
        st.placed.append((bi, x, y, z))
        st.volume += blk.vol
        st.payload -= blk.weight
        gone: list[int] = []  # types of which no box is left now
        cmask = st.cmask
        assert cmask is not None
        avail = st.avail
        for t, c in blk.need:
            left = int(avail[t]) - c
            avail[t] = left
            # Only the count of type t fell: the blocks taking more than ``left`` of it go.
            if self.of_type_top[t] > left:
                cut = bisect.bisect_right(self.of_type_counts[t], left)
                cmask[self.of_type[t][cut:]] = False
            if left == 0:
                gone.append(t)
        if gone:
            ms, mv, mvol = st.mins
            side, vert, tvol = self.t_side_l, self.t_vert_l, self.t_vol_l
            if any(side[t] <= ms or vert[t] <= mv or tvol[t] <= mvol for t in gone):
                st.mins = ms, mv, mvol = self._min_sizes(st.avail)
            elif not self.merging:
                # The smallest sizes left did not change and every space already holds
                # them (only joined tops may not): nothing to drop.
                gone = []
            if gone:
                # Drop the spaces that can no longer hold anything left.
                st.spaces = [
                    s
                    for s in st.spaces
                    if s[7] - s[4] >= ms
                    and s[8] - s[5] >= ms
                    and s[9] - s[6] >= mv
                    and -s[3] >= mvol
                ]
        # Tops for later support checks; with stacking limits, one entry per column.
        if self.stacking:
            self.work.done += _Work.STACK_PLACE
            sups, plan = extra if isinstance(extra, tuple) else ([], {})
            for k, amount in plan.items():
                st.loads[k] += amount
            nx, ny, nz = blk.n
            ox, oy, _ = self.odims[blk.t][blk.o]
            # A column of nz boxes: its bottom box carries (nz - 1) boxes plus what rests
            # on the column, so the column may take tlimit - (nz - 1) * weight more.
            room = self.tlimit[blk.t] - (nz - 1) * self.wt[blk.t]
            lst = st.tops.setdefault(z + blk.dz, [])
            for j in range(ny):
                for i in range(nx):
                    idx = len(st.loads)
                    st.loads.append(0.0)
                    st.limits.append(room)
                    st.supp.append(sups[j * nx + i] if sups else [])
                    lst.append((x + i * ox, y + j * oy, x + (i + 1) * ox, y + (j + 1) * oy, idx))
            if st.bottoms is not None:
                st.bottoms.setdefault(z, []).append((x, y, x + blk.dx, y + blk.dy))
        else:
            self._add_tops(st, blk, x, y, z)
        self._update_spaces(st, x, y, z, x + blk.dx, y + blk.dy, z + blk.dz, blk)

    def _add_tops(self, st: _State, blk: _Block, x: int, y: int, z: int) -> None:
        lst = st.tops.setdefault(z + blk.dz, [])
        for x1, y1, x2, y2 in blk.tops():
            lst.append((x + x1, y + y1, x + x2, y + y2, -1))

    def _update_spaces(
        self,
        st: _State,
        px1: int,
        py1: int,
        pz1: int,
        px2: int,
        py2: int,
        pz2: int,
        blk: _Block,
    ) -> None:
        ms, mv, mvol = st.mins
        self.work.done += _Work.PLACE + _Work.SPACE_NUM * len(st.spaces) // _Work.SPACE_DEN
        supported = (self.ratio > 0 or self.stacking) and RESTRICT_TOPS
        keep: list[Space] = []
        pieces: list[tuple[int, int, int, int, int, int]] = []
        # A kept space can contain a new piece only if it touches the block, for every
        # piece has a face on the block: only those are compared below.
        touching: list[Space] = []
        for s in st.spaces:
            _0, _1, _2, _3, x1, y1, z1, x2, y2, z2 = s
            if x1 >= px2 or x2 <= px1 or y1 >= py2 or y2 <= py1 or z1 >= pz2 or z2 <= pz1:
                keep.append(s)
                if x1 <= px2 and x2 >= px1 and y1 <= py2 and y2 >= py1 and z1 <= pz2 and z2 >= pz1:
                    touching.append(s)
                continue
            if x1 < px1:
                pieces.append((x1, y1, z1, px1, y2, z2))
            if px2 < x2:
                pieces.append((px2, y1, z1, x2, y2, z2))
            if y1 < py1:
                pieces.append((x1, y1, z1, x2, py1, z2))
            if py2 < y2:
                pieces.append((x1, py2, z1, x2, y2, z2))
            if z1 < pz1:
                pieces.append((x1, y1, z1, x2, y2, pz1))
            if pz2 < z2:
                if supported:
                    # Only the block's top can carry: keep the space above it to the top
                    # face, so that every space has a supported floor.
                    for r in blk.tops():
                        a1, b1 = max(x1, px1 + r[0]), max(y1, py1 + r[1])
                        a2, b2 = min(x2, px1 + r[2]), min(y2, py1 + r[3])
                        if a1 < a2 and b1 < b2:
                            pieces.append((a1, b1, pz2, a2, b2, z2))
                else:
                    pieces.append((x1, y1, pz2, x2, y2, z2))
        if ms >= 1 << 60:
            st.spaces = []
            return
        useful = []
        for p in pieces:
            sx, sy, sz = p[3] - p[0], p[4] - p[1], p[5] - p[2]
            if sx < ms or sy < ms or sz < mv or sx * sy * sz < mvol:
                continue
            useful.append((-sx * sy * sz, p))
        if len(useful) > 1:
            useful.sort()
        fresh: list[tuple[int, int, int, int, int, int]] = []
        for _, p in useful:
            a1, b1, c1, a2, b2, c2 = p
            inside = False
            for qx1, qy1, qz1, qx2, qy2, qz2 in fresh:
                if qx1 <= a1 and qy1 <= b1 and qz1 <= c1 and a2 <= qx2 and b2 <= qy2 and c2 <= qz2:
                    inside = True
                    break
            if not inside:
                for _0, _1, _2, _3, qx1, qy1, qz1, qx2, qy2, qz2 in touching:
                    if (
                        qx1 <= a1
                        and qy1 <= b1
                        and qz1 <= c1
                        and a2 <= qx2
                        and b2 <= qy2
                        and c2 <= qz2
                    ):
                        inside = True
                        break
            if not inside:
                fresh.append(p)
        if supported and MERGE_TOPS:
            fresh = self._merge_tops(fresh, keep, pz2, ms, mv)
        if self.space_key == 2:
            # ``_space`` for the nearest corner by Manhattan distance, inline (hot path).
            L, W = self.L, self.W
            for x1, y1, z1, x2, y2, z2 in fresh:
                a, b = L - x2, W - y2
                keep.append(
                    (
                        (x1 if x1 <= a else a) + (y1 if y1 <= b else b) + z1,
                        0,
                        0,
                        -(x2 - x1) * (y2 - y1) * (z2 - z1),
                        x1,
                        y1,
                        z1,
                        x2,
                        y2,
                        z2,
                    )
                )
        else:
            space = self._space
            keep.extend(space(*p) for p in fresh)
        st.spaces = keep

    def _merge_tops(
        self,
        fresh: list[tuple[int, int, int, int, int, int]],
        keep: list[Space],
        h: int,
        ms: int,
        mv: int,
    ) -> list[tuple[int, int, int, int, int, int]]:
        """Join a new space on a block's top with neighbouring spaces on the same level.

        Two spaces whose floors lie at the same height and are supported give a space that
        spans both floors (their x-overlap times the union of their y-extents, or the
        converse) up to the lower ceiling: it is free and supported, so a block may bridge
        two tops of equal height.
        """
        tops = [p for p in fresh if p[2] == h]
        if not tops:
            return fresh
        level = [q[4:] for q in keep if q[6] == h] + tops
        out = list(fresh)
        for _ in range(MERGE_ROUNDS):
            merged: list[tuple[int, int, int, int, int, int]] = []
            for p in tops:
                a1, b1, _, a2, b2, c2 = p
                for q in level:
                    if q is p:
                        continue
                    q1, r1, _, q2, r2, s2 = q
                    top = min(c2, s2)
                    if top - h < mv:
                        continue
                    ox1, ox2 = max(a1, q1), min(a2, q2)
                    oy1, oy2 = max(b1, r1), min(b2, r2)
                    if ox2 - ox1 >= ms and oy1 <= oy2:
                        m = (ox1, min(b1, r1), h, ox2, max(b2, r2), top)
                        if m[4] - m[1] > max(b2 - b1, r2 - r1) or top < max(c2, s2):
                            merged.append(m)
                    if oy2 - oy1 >= ms and ox1 <= ox2:
                        m = (min(a1, q1), oy1, h, max(a2, q2), oy2, top)
                        if m[3] - m[0] > max(a2 - a1, q2 - q1) or top < max(c2, s2):
                            merged.append(m)
            added: list[tuple[int, int, int, int, int, int]] = []
            for m in merged:
                m1, n1, o1, m2, n2, o2 = m
                if any(
                    q[0] <= m1
                    and q[1] <= n1
                    and q[2] <= o1
                    and m2 <= q[3]
                    and n2 <= q[4]
                    and o2 <= q[5]
                    for q in out
                ):
                    continue
                out = [
                    q
                    for q in out
                    if not (
                        m1 <= q[0]
                        and n1 <= q[1]
                        and o1 <= q[2]
                        and q[3] <= m2
                        and q[4] <= n2
                        and q[5] <= o2
                    )
                ]
                out.append(m)
                added.append(m)
            if not added:
                break
            tops = added
            level = level + added
        return out

    # ----------------------------------------------------------------- search
    def _expand(self, st: _State, k: int) -> list[tuple[int, int, int, int, object]]:
        """Choose the space to fill and return up to k candidates (drops dead spaces)."""
        while st.spaces:
            sp = min(st.spaces)
            cands = self._candidates(st, sp, k)
            if cands:
                return cands
            st.spaces.remove(sp)
        return []

    def _greedy(self, st: _State, finish: bool = False) -> _State:
        """Complete ``st`` greedily (stop when the work is spent unless ``finish``)."""
        while True:
            if not finish and self.work.spent():
                return st
            c = self._expand(st, 1)
            if not c:
                return st
            self._place(st, c[0])

    def search(self) -> _State:
        work = self.work
        self._prepare(int(GENERATION_SHARE * work.budget))
        root = self._root()
        best = self._greedy(root.copy(), finish=True)  # always one complete plan
        total = sum(
            self.qty[t] * int(np.prod(self.odims[t][0]))
            for t in range(len(self.qty))
            if self.odims[t]
        )
        upper = min(total, self.L * self.W * self.H)
        width = 2
        exhaustive = False
        while not work.spent() and best.volume < upper and not exhaustive:
            beam: list[_State] = [root]
            exhaustive = True  # until a level is cut short by the width
            while beam and not work.spent():
                children: list[tuple[int, int, _State]] = []
                for node in beam:
                    base = node.copy()
                    cands = self._expand(base, width)
                    if len(cands) >= width:
                        exhaustive = False
                    for c in cands:
                        child = base.copy()
                        self._place(child, c)
                        done = self._greedy(child.copy())
                        if done.volume > best.volume:
                            best = done
                        children.append((done.volume, len(children), child))
                        if work.spent():
                            break
                    if work.spent():
                        break
                children.sort(key=lambda c: (-c[0], c[1]))
                if len(children) > width:
                    exhaustive = False
                # The same blocks at the same places reached in another order: keep one.
                beam = []
                seen: set[tuple[tuple[int, int, int, int], ...]] = set()
                for _, _, kid in children:
                    key = tuple(sorted(kid.placed))
                    if key not in seen:
                        seen.add(key)
                        beam.append(kid)
                        if len(beam) == width:
                            break
            width *= 2
        return best

    # ----------------------------------------------------------------- output
    def placements(self, st: _State) -> tuple[Placement, ...]:
        f = self.f
        boxes: list[tuple[int, int, int, int, int, int, int, int]] = []
        for bi, x, y, z in st.placed:
            for t, o, rx, ry, rz, ddx, ddy, ddz in self.blocks[bi].boxes(self.odims):
                boxes.append((t, o, x + rx, y + ry, z + rz, ddx, ddy, ddz))
        order = _loading_order(boxes)
        out: list[Placement] = []
        for i in order:
            t, o, x, y, z, _, _, _ = boxes[i]
            fx, fy, fz = self.fdims[t][o]
            out.append(Placement(self.types[t].id, x / f, y / f, z / f, fx, fy, fz))
        return tuple(out)


def _loading_order(boxes: list[BoxRec]) -> list[int]:
    """Order boxes so that each comes after the boxes it rests on, from the front wall.

    A topological order of the "rests on" relation, taking first the box nearest the
    front wall (x = 0), then the lowest, so the plan can be loaded from the doors.
    """
    n = len(boxes)
    if n == 0:
        return []
    cell = max(1, sorted(max(b[5], b[6]) for b in boxes)[n // 2])
    # Per top height, a grid of the boxes' footprints.
    levels: dict[int, dict[tuple[int, int], list[int]]] = {}
    for i, b in enumerate(boxes):
        g = levels.setdefault(b[4] + b[7], {})
        for cx in range(b[2] // cell, (b[2] + b[5] - 1) // cell + 1):
            for cy in range(b[3] // cell, (b[3] + b[6] - 1) // cell + 1):
                g.setdefault((cx, cy), []).append(i)
    indeg = [0] * n
    above: list[list[int]] = [[] for _ in range(n)]
    for i, a in enumerate(boxes):
        level = levels.get(a[4])
        if not level:
            continue
        near: set[int] = set()
        for cx in range(a[2] // cell, (a[2] + a[5] - 1) // cell + 1):
            for cy in range(a[3] // cell, (a[3] + a[6] - 1) // cell + 1):
                near.update(level.get((cx, cy), ()))
        for j in near:
            b = boxes[j]
            if min(a[2] + a[5], b[2] + b[5]) > max(a[2], b[2]) and min(
                a[3] + a[6], b[3] + b[6]
            ) > max(a[3], b[3]):
                indeg[i] += 1
                above[j].append(i)
    heap = [(b[2], b[4], b[3], i) for i, b in enumerate(boxes) if indeg[i] == 0]
    heapq.heapify(heap)
    out: list[int] = []
    while heap:
        i = heapq.heappop(heap)[3]
        out.append(i)
        for k in above[i]:
            indeg[k] -= 1
            if indeg[k] == 0:
                b = boxes[k]
                heapq.heappush(heap, (b[2], b[4], b[3], k))
    return out


def _run(
    container: Container,
    boxes: Sequence[BoxType],
    opts: Options,
    strategy: int,
) -> tuple[int, tuple[Placement, ...], int, bool]:
    """One search with strategy ``strategy``: (volume, placements, work, stopped by clock)."""
    solver = _Solver(container, boxes, opts, time.monotonic(), STRATEGIES[strategy])
    if not any(solver.qty):
        return 0, (), 0, False
    best = solver.search()
    return best.volume, solver.placements(best), solver.work.done, solver.work.clock_stopped


def _can_fork_workers() -> bool:
    """Processes of a ``multiprocessing.Pool`` (daemons) may not start processes."""
    return not mp.current_process().daemon


def solve(
    container: Container,
    boxes: Sequence[BoxType],
    options: Options | None = None,
) -> Plan:
    """Plan the loading of ``boxes`` into ``container``.

    Boxes that fit in no allowed orientation, or that do not find room, are reported in
    ``Plan.unplaced``. The plan keeps the support, stacking and payload constraints of
    ``options`` and passes :func:`comptoir.trade.packing.checker.check`.

    With ``options.workers`` = W > 1, the first W of ``STRATEGIES`` search side by side,
    each with the whole work budget, in up to W processes (as many as the machine has
    processors); the plan with the most volume loaded is kept, the lowest strategy number
    on a tie. So the plan depends on the input and ``workers`` only, not on how many
    processors there are nor on the order the searches end; ``work`` is their total.
    """
    opts = options or Options()
    check_load(boxes)  # memory grows with the boxes placed: bounded for every caller
    started = time.monotonic()
    count = opts.workers
    results: list[tuple[int, tuple[Placement, ...], int, bool]]
    if count <= 1:
        results = [_run(container, boxes, opts, 0)]
    else:
        procs = min(count, os.cpu_count() or 1)
        if procs > 1 and _can_fork_workers():
            # spawn: the caller may run threads (web server), which fork would copy badly.
            with ProcessPoolExecutor(procs, mp_context=mp.get_context("spawn")) as pool:
                futures = [
                    pool.submit(_run, container, tuple(boxes), opts, k) for k in range(count)
                ]
                results = [f.result() for f in futures]
        else:
            results = [_run(container, boxes, opts, k) for k in range(count)]
    # Most volume first, then the lowest strategy number: independent of the scheduling.
    best = max(range(len(results)), key=lambda k: (results[k][0], -k))
    _, placements, _, _ = results[best]
    return summarise(
        container,
        list(boxes),
        placements,
        time.monotonic() - started,
        work=sum(r[2] for r in results),
        stopped_by_clock=any(r[3] for r in results),
    )
