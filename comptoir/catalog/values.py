"""The clean values the catalog services take: one frozen dataclass per record.

Forms, serializers and imports validate, then build these (``common.values.values_from_form``)
and call the service; a service never sees a form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .models import Product


@dataclass(frozen=True, kw_only=True)
class ProductValues:
    reference: str
    name_fr: str
    name_en: str
    hs_code: str
    origin_country: str
    net_weight_kg: Decimal
    gross_weight_kg: Decimal
    cost_price: Decimal
    description_fr: str = ""
    description_en: str = ""
    cn_code: str = ""
    taric_code: str = ""
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    units_per_carton: int | None = None
    carton_length_cm: Decimal | None = None
    carton_width_cm: Decimal | None = None
    carton_height_cm: Decimal | None = None
    carton_gross_weight_kg: Decimal | None = None
    cartons_per_pallet: int | None = None
    carton_this_side_up: bool = True
    carton_max_load_kg: Decimal | None = None
    un_number: str = ""
    dangerous_class: str = ""
    packing_group: str = ""
    cost_currency: str = "EUR"
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class PriceListValues:
    name: str
    currency: str
    market: str = ""
    incoterm: str = "EXW"
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    is_active: bool = True


@dataclass(frozen=True, kw_only=True)
class PriceValues:
    """One price of a list: ``unit_price`` from ``min_quantity`` units of ``product``."""

    product: Product
    unit_price: Decimal
    min_quantity: int = 1
