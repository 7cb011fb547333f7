"""Load planning: boxes onto pallets, pallets and boxes into trucks and containers.

Pure Python (with NumPy), no Django. The public API:

* values: :class:`Container`, :class:`BoxType`, :class:`Options`, :class:`Placement`,
  :class:`Plan`, :class:`Violation`, :class:`PackingInputError`;
* :func:`solve` plans a load (block building with maximal spaces and beam search, see
  :mod:`comptoir.trade.packing.solver` for the method and its references);
* :func:`solve_stops` plans a multi-drop load (``BoxType.stop``): the last stop first, each
  stop's goods at the doors (:mod:`comptoir.trade.packing.stops`);
* :func:`check` verifies any plan independently of the solver;
* :func:`pack_json`, :func:`plan_to_json`, :func:`plan_from_json` for the CLI and the API;
* :func:`palletise`, :func:`pallets_as_boxes` and the standard pallets;
* :func:`pallet_pattern`: a single product's pallet in identical layers (block, two-block,
  pinwheel, five-block), see :mod:`comptoir.trade.packing.patterns`;
* :func:`choose_vehicles` picks the cheapest set of containers and trucks for a load
  (:class:`Vehicle`, :class:`VehicleOffer`, :data:`STANDARD_VEHICLES`; the result is a
  :class:`Shipment` of :class:`LoadedUnit` with the :class:`Candidate` solutions
  evaluated), see :mod:`comptoir.trade.packing.fleet`.
"""

from comptoir.trade.packing.checker import check
from comptoir.trade.packing.fleet import (
    STANDARD_VEHICLES,
    Candidate,
    LoadedUnit,
    Shipment,
    Vehicle,
    VehicleOffer,
    choose_vehicles,
)
from comptoir.trade.packing.jsonio import (
    pack_json,
    plan_from_json,
    plan_to_json,
    problem_from_json,
)
from comptoir.trade.packing.model import (
    BoxType,
    Container,
    Options,
    PackingInputError,
    Placement,
    Plan,
    Violation,
    validate,
)
from comptoir.trade.packing.pallets import (
    EUR_PALLET,
    INDUSTRIAL_PALLET,
    STANDARD_PALLETS,
    Pallet,
    PalletLoad,
    pallet_space,
    palletise,
    palletise_by_product,
    pallets_as_boxes,
)
from comptoir.trade.packing.patterns import LayerPattern, PalletPattern, best_layer, pallet_pattern
from comptoir.trade.packing.solver import solve
from comptoir.trade.packing.stops import solve_stops

__all__ = [
    "EUR_PALLET",
    "INDUSTRIAL_PALLET",
    "STANDARD_PALLETS",
    "STANDARD_VEHICLES",
    "BoxType",
    "Candidate",
    "Container",
    "LayerPattern",
    "LoadedUnit",
    "Options",
    "PackingInputError",
    "Pallet",
    "PalletLoad",
    "PalletPattern",
    "Placement",
    "Plan",
    "Shipment",
    "Vehicle",
    "VehicleOffer",
    "Violation",
    "best_layer",
    "check",
    "choose_vehicles",
    "pack_json",
    "pallet_pattern",
    "pallet_space",
    "palletise",
    "palletise_by_product",
    "pallets_as_boxes",
    "plan_from_json",
    "plan_to_json",
    "problem_from_json",
    "solve",
    "solve_stops",
    "validate",
]
