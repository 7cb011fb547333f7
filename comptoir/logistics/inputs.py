"""What a load plan is made of, as plain values the services take (the screens' forms and
the API's serializers validate what the user sent, then build these), and the carton limit
they all check."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation

from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.trade.packing.limits import MAX_BOXES


@dataclass(frozen=True)
class PlanHeader:
    """What the plan is for."""

    title: str
    client: Company | None = None
    destination: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PlanOptions:
    """How to palletise: the pallet choice (``LoadPlan.PalletChoice``), the height limit
    with the deck, the stacking rules and the overhang allowed on each side of the deck."""

    pallet: str = "eur"
    max_pallet_height_cm: Decimal = Decimal("180")
    stackable_pallets: bool = False
    single_product_pallets: bool = True
    pallet_overhang_cm: Decimal = Decimal("0")


@dataclass(frozen=True)
class FreightPrices:
    """The freight price of each vehicle type to compare (by equipment code), one currency."""

    currency: str = "EUR"
    by_code: Mapping[str, Decimal] = field(default_factory=dict)

    def as_stored(self) -> dict[str, str]:
        return {code: str(price) for code, price in self.by_code.items()}


@dataclass(frozen=True)
class PlanLineValues:
    """Units of a product to ship; ``line_id`` names the stored line an edit changes.

    ``stop`` is the delivery stop of a multi-drop load (1 = delivered first) and
    ``stop_place`` the consignee or place delivered there (a label for the documents)."""

    product: Product
    quantity: int
    line_id: int | None = None
    stop: int = 1
    stop_place: str = ""


@dataclass(frozen=True)
class EquipmentValues:
    """A container or truck type: inner size and door in cm, payload in kg, usual price."""

    code: str
    name_fr: str
    name_en: str
    kind: str
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    max_payload_kg: Decimal
    door_height_cm: Decimal | None = None
    door_width_cm: Decimal | None = None
    freight_price: Decimal | None = None
    currency: str = "EUR"
    is_active: bool = True
    axle_layout: str = ""
    front_support_cm: Decimal | None = None
    front_tare_kg: Decimal | None = None
    front_limit_kg: Decimal | None = None
    rear_axles_cm: Decimal | None = None
    rear_tare_kg: Decimal | None = None
    rear_limit_kg: Decimal | None = None


def cartons_for(product: Product, units: int) -> int:
    """Cartons needed for ``units`` of ``product`` (a last, incomplete carton counts)."""
    return math.ceil(units / product.units_per_carton) if product.units_per_carton else units


def too_many_cartons(count: int) -> str:
    return translation.gettext(
        "%(count)s cartons: a load plan takes at most %(max)s cartons. "
        "Split the shipment into several plans."
    ) % {
        "count": f"{count:,}".replace(",", "\u202f"),
        "max": f"{MAX_BOXES:,}".replace(",", "\u202f"),
    }


def total_cartons(lines: list[PlanLineValues] | tuple[PlanLineValues, ...]) -> int:
    return sum(cartons_for(line.product, line.quantity) for line in lines)
