"""Palletisation: cartons onto standard pallets, then the pallets as boxes for a container.

The pallet load is planned with the same solver (:func:`comptoir.trade.packing.solve`) in
the space above the pallet deck: the pallet footprint, the height limit less the deck
height, and the pallet's maximum load. Pallets are filled one after the other, each as
full as the solver can make it (the sequential "fill one bin, then the next" scheme of
multi-container loading, Bortfeldt & Wäscher 2013). When the cartons left for the next
pallet include, for every carton type, at least as many as the previous (full) pallet
carries, the previous pallet's plan is reused: it remains valid since the same cartons are
available, so a single-product order of 30 pallets takes one solve instead of 30.

A pallet of a single product is also built in identical layers with the best *pallet
pattern* (block, two-block, pinwheel, ..., see :mod:`comptoir.trade.packing.patterns`);
the pattern is kept when it holds at least as many cartons as the solver's plan, which it
usually does (a layer pattern is what a warehouse builds by hand, the count is often
proven optimal for the layer). Cartons may overhang the deck by ``overhang`` cm on each
side when the caller allows it (0 by default); the loaded pallet's footprint is then the
deck plus the overhang, and so is its size as a box in the vehicle.

Multi-drop: cartons of different delivery stops (``BoxType.stop``) never share a pallet,
since a pallet is unloaded whole at one stop; each stop is palletised on its own, and each
:class:`PalletLoad` says its stop, which the pallet box types carry into the vehicle plan.

Standard pallets (EN 13698-1 for the EUR 1 pallet, ISO 6780 for the 1200 x 1000
pallet), sizes in centimetres and weights in kilograms.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from comptoir.trade.packing.model import (
    BoxType,
    Container,
    Options,
    PackingInputError,
    Plan,
    summarise,
    validate,
)
from comptoir.trade.packing.patterns import PalletPattern, loaded_space, pallet_pattern
from comptoir.trade.packing.solver import solve


@dataclass(frozen=True, slots=True)
class Pallet:
    """A pallet: deck footprint, deck (base) height, tare and the load it may carry."""

    name: str
    length: float
    width: float
    base_height: float
    tare_weight: float
    max_load: float

    def __post_init__(self) -> None:
        for what in ("length", "width", "base_height", "max_load"):
            v = getattr(self, what)
            if not (v > 0) or not math.isfinite(v):
                raise PackingInputError(f"pallet {self.name!r}: {what} must be positive")
        if self.tare_weight < 0:
            raise PackingInputError(f"pallet {self.name!r}: tare_weight must not be negative")


#: EUR 1 pallet, 120 x 80 cm, EN 13698-1: deck height 14.4 cm, about 25 kg, 1 500 kg load.
EUR_PALLET = Pallet("EUR 1 120x80", 120, 80, 14.4, 25.0, 1500.0)
#: ISO 6780 / EUR 2 industrial pallet, 120 x 100 cm: deck 14.4 cm, about 33 kg, 1 500 kg.
INDUSTRIAL_PALLET = Pallet("120x100", 120, 100, 14.4, 33.0, 1500.0)
STANDARD_PALLETS: tuple[Pallet, ...] = (EUR_PALLET, INDUSTRIAL_PALLET)


@dataclass(frozen=True, slots=True)
class PalletLoad:
    """One loaded pallet: the plan above its deck (z = 0 is the deck's top)."""

    pallet: Pallet
    plan: Plan
    height: float  # deck plus load
    weight: float  # tare plus cartons
    #: the single-product layer pattern the pallet is built with, if it is
    pattern: PalletPattern | None = None
    #: cm the load may stick out of the deck on each side (x and y of the plan count
    #: from the deck's corner less this)
    overhang: float = 0.0

    @property
    def footprint(self) -> tuple[float, float]:
        """Length and width of the loaded pallet: the deck plus the overhang allowed."""
        return (
            self.pallet.length + 2 * self.overhang,
            self.pallet.width + 2 * self.overhang,
        )

    stop: int = 1  # the delivery stop of every carton on it


def pallet_space(pallet: Pallet, max_height: float) -> Container:
    """The load space above a pallet deck for a total height limit ``max_height``."""
    if max_height <= pallet.base_height:
        raise PackingInputError(
            f"pallet {pallet.name!r}: the height limit {max_height:g} leaves no room above "
            f"the deck ({pallet.base_height:g})"
        )
    return Container(
        pallet.length,
        pallet.width,
        max_height - pallet.base_height,
        pallet.max_load,
        name=pallet.name,
    )


def _per_stop(
    build: Callable[..., list[PalletLoad]],
    cartons: Sequence[BoxType],
    pallet: Pallet,
    max_height: float,
    options: Options | None,
    max_pallets: int,
    progress: Callable[[float, str], None] | None,
    *,
    overhang: float,
    patterns: bool,
) -> list[PalletLoad] | None:
    """Palletise each delivery stop on its own (``None`` for a single-stop load)."""
    stops = sorted({b.stop for b in cartons if b.quantity > 0})
    if len(stops) < 2:
        return None
    total = sum(b.quantity for b in cartons) or 1
    loads: list[PalletLoad] = []
    done = 0
    for s in stops:
        group = [b for b in cartons if b.stop == s]
        share = sum(b.quantity for b in group)

        def report(f: float, message: str, base: int = done, share: int = share) -> None:
            if progress is not None:
                progress((base + f * share) / total, message)

        built = build(
            group,
            pallet,
            max_height,
            options,
            max_pallets - len(loads),
            report,
            overhang=overhang,
            patterns=patterns,
        )
        loads.extend(replace(load, stop=s) for load in built)
        done += share
    return loads


def palletise(
    cartons: Sequence[BoxType],
    pallet: Pallet = EUR_PALLET,
    max_height: float = 180.0,
    options: Options | None = None,
    max_pallets: int = 1000,
    progress: Callable[[float, str], None] | None = None,
    *,
    overhang: float = 0.0,
    patterns: bool = True,
) -> list[PalletLoad]:
    """Put all the cartons on pallets of one type, filling one pallet after the other.

    ``options.time_limit_s`` applies to each pallet. Raises :class:`PackingInputError`
    naming a carton that fits on no pallet (too large for the footprint and height, or
    heavier than the pallet's load). A pallet identical to the previous one (same
    cartons still available, see the module docstring) reuses its plan without solving.
    ``progress(fraction, message)`` is called after each pallet, ``fraction`` being the
    share of the cartons loaded so far (1.0 after the last pallet). A pallet of a single
    carton type uses the best layer pattern (:func:`single_product_plan`) when
    ``patterns`` is true; ``overhang`` (cm each side) enlarges the load's footprint.
    Cartons of different delivery stops go on different pallets (stop 1 first).
    """
    by_stop = _per_stop(
        palletise,
        cartons,
        pallet,
        max_height,
        options,
        max_pallets,
        progress,
        overhang=overhang,
        patterns=patterns,
    )
    if by_stop is not None:
        return by_stop
    opts = options or Options(time_limit_s=1.0)
    space = (
        loaded_space(pallet, max_height, overhang) if overhang else pallet_space(pallet, max_height)
    )
    validate(space, list(cartons))
    left = {b.id: b.quantity for b in cartons}
    total = sum(left.values())
    loads: list[PalletLoad] = []
    prev: dict[str, int] | None = None  # cartons on the previous pallet, if it was full
    while any(left.values()):
        if len(loads) >= max_pallets:
            raise PackingInputError(f"more than {max_pallets} pallets needed")
        todo = [replace(b, quantity=left[b.id]) for b in cartons if left[b.id] > 0]
        pattern: PalletPattern | None = None
        if prev is not None and all(left[bid] >= n for bid, n in prev.items()):
            # Same cartons available as for the previous, full pallet: same plan (its
            # figures redone for what is left now; no time spent searching).
            plan = summarise(space, todo, loads[-1].plan.placements, 0.0)
            pattern = loads[-1].pattern
        elif patterns and len(todo) == 1:
            plan, pattern = single_product_plan(
                space, todo[0], pallet, max_height, opts, overhang=overhang
            )
        else:
            plan = solve(space, todo, opts)
        if not plan.placements:  # pragma: no cover - validate() rules this out
            raise PackingInputError("no carton could be put on the pallet")
        counts = plan.counts()
        for bid, n in counts.items():
            left[bid] -= n
        # The pallet was full if cartons are left: the next one may be identical.
        prev = counts if any(left.values()) else None
        top = max(p.z + p.dz for p in plan.placements)
        loads.append(
            PalletLoad(
                pallet=pallet,
                plan=plan,
                height=pallet.base_height + top,
                weight=pallet.tare_weight + plan.total_weight,
                pattern=pattern,
                overhang=float(overhang),
            )
        )
        if progress is not None:
            done = total - sum(left.values())
            progress(done / total if total else 1.0, f"pallet {len(loads)}")
    return loads


def single_product_plan(
    space: Container,
    carton: BoxType,
    pallet: Pallet,
    max_height: float,
    options: Options,
    *,
    overhang: float = 0.0,
) -> tuple[Plan, PalletPattern | None]:
    """One pallet of a single carton type: the best layer pattern, or the solver's plan
    when that holds more cartons (the pattern wins a tie: regular layers are what a
    warehouse builds and checks at a glance). The solver is not run when the pattern
    already takes every carton left or is proven to hold the most cartons
    (:attr:`PalletPattern.proven_optimal`).
    """
    try:
        pattern: PalletPattern | None = pallet_pattern(
            carton, pallet, max_height, overhang=overhang
        )
    except PackingInputError:  # e.g. cartons too small for a layer pattern: solver only
        pattern = None
    if pattern is not None and pattern.proven_optimal:
        return summarise(space, [carton], pattern.placements), pattern
    plan = solve(space, [carton], options)
    if pattern is not None and pattern.per_pallet >= plan.placed_count:
        return summarise(space, [carton], pattern.placements, plan.elapsed_s), pattern
    return plan, None


def palletise_by_product(
    cartons: Sequence[BoxType],
    pallet: Pallet = EUR_PALLET,
    max_height: float = 180.0,
    options: Options | None = None,
    max_pallets: int = 1000,
    progress: Callable[[float, str], None] | None = None,
    *,
    overhang: float = 0.0,
    patterns: bool = True,
) -> list[PalletLoad]:
    """Full pallets of a single carton type first, then mixed pallets for what is left.

    Warehouse practice: a single-reference pallet is built, counted and received without
    sorting, and can be put away whole by the consignee (the "full pallet / mixed pallet"
    split of order picking, see e.g. de Koster, Le-Duc & Roodbergen 2007, "Design and
    control of warehouse order picking: a literature review", EJOR 182(2), section 2).
    A carton type fills whole pallets when it needs at least two pallets on its own; its
    full pallets are kept and the cartons of its last, partial pallet join the mixed pool,
    which :func:`palletise` then loads together. Same arguments and errors as
    :func:`palletise`; the single-reference pallets come first (per delivery stop, stop 1
    first, when the cartons have several).
    """
    by_stop = _per_stop(
        palletise_by_product,
        cartons,
        pallet,
        max_height,
        options,
        max_pallets,
        progress,
        overhang=overhang,
        patterns=patterns,
    )
    if by_stop is not None:
        return by_stop
    total = sum(b.quantity for b in cartons)
    loaded = 0
    pure: list[PalletLoad] = []
    rest: list[BoxType] = []

    def report(base: int, share: int) -> Callable[[float, str], None] | None:
        if progress is None:
            return None
        return lambda f, message: progress((base + f * share) / total if total else 1.0, message)

    for box in cartons:
        if box.quantity == 0:
            continue
        own = palletise(
            [box],
            pallet,
            max_height,
            options,
            max_pallets - len(pure),
            report(loaded, box.quantity),
            overhang=overhang,
            patterns=patterns,
        )
        loaded += box.quantity
        capacity = own[0].plan.placed_count
        full = [load for load in own if load.plan.placed_count == capacity] if len(own) > 1 else []
        pure.extend(full)
        left = box.quantity - capacity * len(full)
        if left:
            rest.append(replace(box, quantity=left))
    mixed = (
        palletise(
            rest,
            pallet,
            max_height,
            options,
            max_pallets - len(pure),
            overhang=overhang,
            patterns=patterns,
        )
        if rest
        else []
    )
    if progress is not None:
        progress(1.0, f"pallet {len(pure) + len(mixed)}")
    return pure + mixed


def pallets_as_boxes(
    loads: Sequence[PalletLoad], stackable: bool = False, prefix: str = "pallet"
) -> list[BoxType]:
    """Loaded pallets as box types for the container solver.

    Pallets of the same type, footprint (with the overhang), height, weight and delivery
    stop are grouped into one box type, which carries the stop. A pallet
    stands on its deck (only its height may be vertical) and may turn on the floor; when
    not ``stackable`` nothing may rest on it (``max_load_on_top = 0``).
    """
    groups: dict[tuple[str, float, float, float, int], list[PalletLoad]] = {}
    for load in loads:
        key = (
            load.pallet.name,
            load.overhang,
            round(load.height, 6),
            round(load.weight, 6),
            load.stop,
        )
        groups.setdefault(key, []).append(load)
    out: list[BoxType] = []
    for k, ((_, _, height, weight, stop), members) in enumerate(groups.items(), start=1):
        length, width = members[0].footprint
        out.append(
            BoxType(
                id=f"{prefix}-{k}",
                l=length,
                w=width,
                h=height,
                quantity=len(members),
                weight=weight,
                allowed_vertical=(False, False, True),
                max_load_on_top=None if stackable else 0.0,
                stop=stop,
            )
        )
    return out
