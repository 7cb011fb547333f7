"""The computed load plan as typed values, and its one serialiser to and from the JSON
kept on ``LoadPlan.result`` (the shape ``loadview.js`` and the API read, version 1).

A stored result is a snapshot: it stays readable when products, vehicles or prices change.
Keys added after the first results were stored (``un_number``, a pallet's ``pattern``,
the pallets' ``overhang``, the multi-drop ``stop`` and ``stop_place``) have a default
here, so every stored result still loads.

Coordinates are in cm: x along the length from the front wall (doors at x = length),
y across from the left side, z up from the floor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

#: The version of the JSON shape written by :meth:`PlanResult.to_json`.
VERSION = 1


class CartonSlot(NamedTuple):
    """A carton placed on a pallet: product key, position from the pallet's corner above
    the deck, and size as placed. Stored as a compact row ``[key, x, y, z, dx, dy, dz]``."""

    key: str
    x: float
    y: float
    z: float
    dx: float
    dy: float
    dz: float


@dataclass(frozen=True)
class PalletSpec:
    """The pallet type used and the plan's pallet options."""

    name: str
    length: float
    width: float
    deck: float
    tare: float
    max_height: float
    stackable: bool
    single_product: bool
    #: cm the cartons may stick out of the deck on each side (pallet builds' x and y count
    #: from the deck's corner less this)
    overhang: float = 0.0

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PalletSpec:
        return cls(
            name=str(data["name"]),
            length=float(data["length"]),
            width=float(data["width"]),
            deck=float(data["deck"]),
            tare=float(data["tare"]),
            max_height=float(data["max_height"]),
            stackable=bool(data["stackable"]),
            single_product=bool(data["single_product"]),
            overhang=float(data.get("overhang", 0.0)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "length": self.length,
            "width": self.width,
            "deck": self.deck,
            "tare": self.tare,
            "max_height": self.max_height,
            "stackable": self.stackable,
            "single_product": self.single_product,
            "overhang": self.overhang,
        }


@dataclass(frozen=True)
class ProductSummary:
    """One product of the plan as it was when computed (one carton type)."""

    key: str
    product_id: int
    reference: str
    name_fr: str
    name_en: str
    units: int
    cartons: int
    units_per_carton: int
    carton: tuple[float, float, float]
    carton_weight: float
    upright: bool
    colour: str
    un_number: str = ""
    #: multi-drop: the delivery stop (1 = delivered first) and its consignee or place
    stop: int = 1
    stop_place: str = ""

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProductSummary:
        length, width, height = data["carton"]
        return cls(
            key=str(data["key"]),
            product_id=int(data["product_id"]),
            reference=str(data["reference"]),
            name_fr=str(data["name_fr"]),
            name_en=str(data["name_en"]),
            units=int(data["units"]),
            cartons=int(data["cartons"]),
            units_per_carton=int(data["units_per_carton"]),
            carton=(float(length), float(width), float(height)),
            carton_weight=float(data["carton_weight"]),
            upright=bool(data["upright"]),
            colour=str(data["colour"]),
            un_number=str(data.get("un_number") or ""),
            stop=int(data.get("stop") or 1),
            stop_place=str(data.get("stop_place") or ""),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "product_id": self.product_id,
            "reference": self.reference,
            "name_fr": self.name_fr,
            "name_en": self.name_en,
            "units": self.units,
            "cartons": self.cartons,
            "units_per_carton": self.units_per_carton,
            "carton": list(self.carton),
            "carton_weight": self.carton_weight,
            "upright": self.upright,
            "colour": self.colour,
            "un_number": self.un_number,
            **({"stop": self.stop, "stop_place": self.stop_place} if self.multi_drop_key else {}),
        }

    @property
    def multi_drop_key(self) -> bool:
        """Whether the stop is written (not for stop 1 without a place: the shape of the
        results stored before multi-drop)."""
        return self.stop != 1 or bool(self.stop_place)


@dataclass(frozen=True)
class BuildPattern:
    """The layer pattern a single-product pallet is built with (see
    :mod:`comptoir.trade.packing.patterns`): its family (``block``, ``two-block``,
    ``guillotine``, ``pinwheel``, ``five-block``), cartons a layer, layers, whether every
    second layer is mirrored to tie the cartons, and whether the count is proven best for
    the layer and for the pallet."""

    kind: str
    per_layer: int
    layers: int
    interlocked: bool
    layer_optimal: bool
    pallet_optimal: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BuildPattern:
        return cls(
            kind=str(data["kind"]),
            per_layer=int(data["per_layer"]),
            layers=int(data["layers"]),
            interlocked=bool(data["interlocked"]),
            layer_optimal=bool(data.get("layer_optimal", False)),
            pallet_optimal=bool(data.get("pallet_optimal", False)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "per_layer": self.per_layer,
            "layers": self.layers,
            "interlocked": self.interlocked,
            "layer_optimal": self.layer_optimal,
            "pallet_optimal": self.pallet_optimal,
        }


@dataclass(frozen=True)
class PalletBuild:
    """One loaded pallet: number ``n`` (from 1), height with the deck, weight with the
    pallet, cartons per product key and where each carton is."""

    n: int
    height: float
    weight: float
    cartons: dict[str, int]
    placements: tuple[CartonSlot, ...]
    pattern: BuildPattern | None = None
    stop: int = 1  # multi-drop: every carton on a pallet goes to the same stop

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PalletBuild:
        pattern = data.get("pattern")
        return cls(
            n=int(data["n"]),
            height=float(data["height"]),
            weight=float(data["weight"]),
            cartons={str(k): int(v) for k, v in data["cartons"].items()},
            placements=tuple(
                CartonSlot(str(row[0]), *(float(v) for v in row[1:7])) for row in data["placements"]
            ),
            pattern=BuildPattern.from_json(pattern) if pattern else None,
            stop=int(data.get("stop") or 1),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "height": self.height,
            "weight": self.weight,
            "cartons": dict(self.cartons),
            "placements": [list(slot) for slot in self.placements],
            "pattern": self.pattern.to_json() if self.pattern is not None else None,
            **({"stop": self.stop} if self.stop != 1 else {}),
        }


@dataclass(frozen=True)
class Placement:
    """One loading step in a vehicle: a pallet (``pallet`` is its number) or a carton
    floor-loaded (``carton`` is its product key), where it goes and its size as loaded."""

    seq: int
    x: float
    y: float
    z: float
    dx: float
    dy: float
    dz: float
    weight: float
    pallet: int | None = None
    turned: bool = False
    carton: str | None = None
    stop: int = 1  # multi-drop: the delivery stop of the pallet or carton

    @property
    def is_pallet(self) -> bool:
        return self.pallet is not None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Placement:
        pallet = data.get("pallet")
        carton = data.get("carton")
        return cls(
            seq=int(data["seq"]),
            x=float(data["x"]),
            y=float(data["y"]),
            z=float(data["z"]),
            dx=float(data["dx"]),
            dy=float(data["dy"]),
            dz=float(data["dz"]),
            weight=float(data["weight"]),
            pallet=int(pallet) if pallet is not None else None,
            turned=bool(data.get("turned", False)),
            carton=str(carton) if carton is not None else None,
            stop=int(data.get("stop") or 1),
        )

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "seq": self.seq,
            "x": self.x,
            "y": self.y,
            "z": self.z,
            "dx": self.dx,
            "dy": self.dy,
            "dz": self.dz,
        }
        if self.pallet is not None:
            row["pallet"] = self.pallet
            row["turned"] = self.turned
        else:
            row["carton"] = self.carton
        row["weight"] = self.weight
        if self.stop != 1:  # multi-drop; stop 1 is the default of every stored result
            row["stop"] = self.stop
        return row


@dataclass(frozen=True)
class VehicleLoad:
    """One vehicle of the chosen set, its figures and what goes in it, in loading order."""

    code: str
    name_fr: str
    name_en: str
    price: Decimal
    length: float
    width: float
    height: float
    payload: float
    door_height: float | None
    volume_utilisation: float
    weight_utilisation: float
    total_weight: float
    cog: tuple[float, float, float] | None
    items: tuple[Placement, ...]

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VehicleLoad:
        cog = data.get("cog")
        door = data.get("door_height")
        return cls(
            code=str(data["code"]),
            name_fr=str(data["name_fr"]),
            name_en=str(data["name_en"]),
            price=Decimal(str(data["price"])),
            length=float(data["length"]),
            width=float(data["width"]),
            height=float(data["height"]),
            payload=float(data["payload"]),
            door_height=float(door) if door is not None else None,
            volume_utilisation=float(data["volume_utilisation"]),
            weight_utilisation=float(data["weight_utilisation"]),
            total_weight=float(data["total_weight"]),
            cog=(float(cog[0]), float(cog[1]), float(cog[2])) if cog else None,
            items=tuple(Placement.from_json(item) for item in data["items"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_fr": self.name_fr,
            "name_en": self.name_en,
            "price": str(self.price),
            "length": self.length,
            "width": self.width,
            "height": self.height,
            "payload": self.payload,
            "door_height": self.door_height,
            "volume_utilisation": self.volume_utilisation,
            "weight_utilisation": self.weight_utilisation,
            "total_weight": self.total_weight,
            "cog": list(self.cog) if self.cog is not None else None,
            "items": [item.to_json() for item in self.items],
        }


@dataclass(frozen=True)
class CandidateSet:
    """A set of vehicles compared (equipment codes, one per vehicle) and its freight cost."""

    codes: tuple[str, ...]
    cost: Decimal

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CandidateSet:
        return cls(tuple(str(c) for c in data["codes"]), Decimal(str(data["cost"])))

    def to_json(self) -> dict[str, Any]:
        return {"codes": list(self.codes), "cost": str(self.cost)}


@dataclass(frozen=True)
class Totals:
    cartons: int
    pallets: int
    gross_weight: float
    volume_m3: float
    units: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Totals:
        return cls(
            cartons=int(data["cartons"]),
            pallets=int(data["pallets"]),
            gross_weight=float(data["gross_weight"]),
            volume_m3=float(data["volume_m3"]),
            units=int(data["units"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "cartons": self.cartons,
            "pallets": self.pallets,
            "gross_weight": self.gross_weight,
            "volume_m3": self.volume_m3,
            "units": self.units,
        }


@dataclass(frozen=True)
class PlanResult:
    """A computed load plan: the cheapest vehicle set, the pallets and every step."""

    currency: str
    total_cost: Decimal
    pallet: PalletSpec | None
    products: tuple[ProductSummary, ...]
    pallets: tuple[PalletBuild, ...]
    units: tuple[VehicleLoad, ...]
    candidates: tuple[CandidateSet, ...]
    totals: Totals
    violations: tuple[str, ...]
    elapsed_s: float
    #: a search was cut short by the wall-clock safety stop (a very busy machine): the plan
    #: is valid but may differ from the one the same input gives on a quieter machine
    stopped_by_clock: bool = False

    def products_by_key(self) -> dict[str, ProductSummary]:
        return {p.key: p for p in self.products}

    def stops(self) -> list[tuple[int, str]]:
        """The delivery stops, 1 first, each with its consignee or place ("" if none)."""
        places: dict[int, str] = {}
        for p in self.products:
            if not places.get(p.stop):
                places[p.stop] = p.stop_place
        return sorted(places.items())

    @property
    def multi_drop(self) -> bool:
        """True when the goods go to more than one delivery stop."""
        return len({p.stop for p in self.products}) > 1

    def pallet_build(self, n: int) -> PalletBuild:
        """Pallet number ``n`` (from 1)."""
        return self.pallets[n - 1]

    def candidate_codes(self) -> set[str]:
        return {code for c in self.candidates for code in c.codes}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PlanResult:
        pallet = data.get("pallet")
        return cls(
            currency=str(data["currency"]),
            total_cost=Decimal(str(data["total_cost"])),
            pallet=PalletSpec.from_json(pallet) if pallet else None,
            products=tuple(ProductSummary.from_json(p) for p in data["products"]),
            pallets=tuple(PalletBuild.from_json(p) for p in data.get("pallets", [])),
            units=tuple(VehicleLoad.from_json(u) for u in data["units"]),
            candidates=tuple(CandidateSet.from_json(c) for c in data.get("candidates", [])),
            totals=Totals.from_json(data["totals"]),
            violations=tuple(str(v) for v in data.get("violations", [])),
            elapsed_s=float(data.get("elapsed_s", 0.0)),
            stopped_by_clock=bool(data.get("stopped_by_clock", False)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "currency": self.currency,
            "total_cost": str(self.total_cost),
            "pallet": self.pallet.to_json() if self.pallet is not None else None,
            "products": [p.to_json() for p in self.products],
            "pallets": [p.to_json() for p in self.pallets],
            "units": [u.to_json() for u in self.units],
            "candidates": [c.to_json() for c in self.candidates],
            "totals": self.totals.to_json(),
            "violations": list(self.violations),
            "elapsed_s": self.elapsed_s,
            "stopped_by_clock": self.stopped_by_clock,
        }
