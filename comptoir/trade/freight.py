"""Freight measures: chargeable weight per transport mode, revenue tonnes, loading metres.

Carriers charge the higher of the actual gross weight and a *volumetric* weight
derived from the volume, so that light, bulky goods pay for the space they take:

* air (IATA): 6000 cm³ per kg (1 m³ = 166.67 kg), chargeable weight rounded up to
  the next 0.5 kg (IATA TACT Rules, "volume/weight ratio" and "chargeable weight");
* express (integrators' tariffs: DHL Express, UPS, FedEx): 5000 cm³ per kg, same rounding;
* road (European groupage practice): 1 m³ = 333 kg;
* sea LCL: weight or measure (W/M), 1 tonne = 1 m³: freight is charged per
  *revenue tonne*, the higher of the weight in tonnes and the volume in m³.

Road groupage is also charged per *loading metre* (LDM): one metre of the
length of a trailer 2.40 m wide (the standard internal width of European
semi-trailers), so a pallet takes ``length x width / 2.40`` LDM and pallets
stacked N high share one floor position. Carriers convert LDM into a chargeable
weight at an agreed kg per LDM (1850 kg is common in Europe).

Dimensions are taken as given (no rounding of centimetres); tariff minimums
(minimum charge, minimum 1 revenue tonne) are for the rate, not for this measure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from typing import Final, Literal, cast

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import decimal_str

__all__ = [
    "DEFAULT_DIVISOR_CM3_PER_KG",
    "DEFAULT_KG_PER_LDM",
    "DEFAULT_KG_PER_M3",
    "MODES",
    "SOURCES",
    "ChargeableWeight",
    "LoadingMetres",
    "Mode",
    "Pallet",
    "Piece",
    "chargeable_weight",
    "loading_metres",
    "round_up_half_kg",
]

Mode = Literal["air", "express", "road", "sea_lcl"]
MODES: Final = ("air", "express", "road", "sea_lcl")

DEFAULT_DIVISOR_CM3_PER_KG: Final = {"air": Decimal(6000), "express": Decimal(5000)}
DEFAULT_KG_PER_M3: Final = {"road": Decimal(333), "sea_lcl": Decimal(1000)}
DEFAULT_KG_PER_LDM: Final = Decimal(1850)
TRAILER_WIDTH_CM: Final = Decimal(240)
TRAILER_LENGTH_M: Final = Decimal("13.6")

CM3_PER_M3: Final = Decimal(1_000_000)
KG_PER_TONNE: Final = Decimal(1000)

SOURCES: Final = {
    "air": "IATA TACT Rules: volume/weight ratio 6000 cm³ per kg; chargeable weight rounded up to the next 0.5 kg",
    "express": "Express carriers' tariffs (DHL Express, UPS, FedEx): 5000 cm³ per kg; rounded up to the next 0.5 kg",
    "road": "European road groupage practice: 1 m³ = 333 kg",
    "sea_lcl": "Liner tariffs for LCL cargo: weight or measure (W/M), 1 tonne = 1 m³, per revenue tonne",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A line of identical packages: outer dimensions in cm, gross weight of one package in kg."""

    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    weight_kg: Decimal
    quantity: int = 1


@dataclass(frozen=True, slots=True)
class ChargeableWeight:
    """Result of :func:`chargeable_weight` (exact values; format for display)."""

    mode: Mode
    gross_weight_kg: Decimal
    volume_m3: Decimal
    volumetric_weight_kg: Decimal
    chargeable_weight_kg: Decimal
    revenue_tonnes: Decimal | None  # sea LCL only
    kg_per_m3: Decimal  # the conversion factor used
    rule: str
    steps: tuple[str, ...]


def round_up_half_kg(weight: Decimal) -> Decimal:
    """Round a weight up to the next 0.5 kg (12.1 -> 12.5, 12.5 -> 12.5, 12.6 -> 13.0).

    Source: IATA TACT Rules (weights are expressed in kilograms, fractions rounded
    up to the next half kilogram).
    """
    return (weight * 2).to_integral_value(rounding=ROUND_CEILING) / 2


def _positive(value: Decimal, field: str, what: str) -> None:
    if value <= 0:
        raise TradeInputError(f"The {what} must be greater than zero.", field)


def _check_piece(piece: Piece, index: int) -> None:
    prefix = f"pieces.{index}."
    _positive(piece.length_cm, prefix + "length_cm", "length")
    _positive(piece.width_cm, prefix + "width_cm", "width")
    _positive(piece.height_cm, prefix + "height_cm", "height")
    if piece.weight_kg < 0:
        raise TradeInputError("A weight must not be negative.", prefix + "weight_kg")
    if (
        isinstance(piece.quantity, bool)
        or not isinstance(piece.quantity, int)
        or piece.quantity < 1
    ):
        raise TradeInputError(
            "The quantity must be a whole number of at least 1.", prefix + "quantity"
        )


def chargeable_weight(
    mode: str,
    pieces: Sequence[Piece],
    *,
    divisor_cm3_per_kg: Decimal | None = None,
    kg_per_m3: Decimal | None = None,
) -> ChargeableWeight:
    """Chargeable weight of a consignment for a mode of transport.

    Source: IATA TACT Rules for air (6000 cm³/kg, rounded up to the next 0.5 kg);
    express integrators' tariffs (5000 cm³/kg); European road groupage practice
    (333 kg/m³); liner LCL tariffs (W/M, 1 t = 1 m³). ``divisor_cm3_per_kg`` or
    ``kg_per_m3`` (not both) replace the mode's default factor, as agreed with the
    carrier. The chargeable weight is never below the gross weight.
    """
    if mode not in MODES:
        raise TradeInputError(f"Unknown mode {mode!r}. Modes: {', '.join(MODES)}.", "mode")
    m = cast(Mode, mode)
    if not pieces:
        raise TradeInputError("Give at least one piece.", "pieces")
    for index, piece in enumerate(pieces):
        _check_piece(piece, index)
    if divisor_cm3_per_kg is not None and kg_per_m3 is not None:
        raise TradeInputError("Give either divisor_cm3_per_kg or kg_per_m3, not both.", "kg_per_m3")
    divisor: Decimal | None = None
    if divisor_cm3_per_kg is not None:
        _positive(divisor_cm3_per_kg, "divisor_cm3_per_kg", "divisor")
        divisor = divisor_cm3_per_kg
    elif kg_per_m3 is not None:
        _positive(kg_per_m3, "kg_per_m3", "density factor")
    elif m in DEFAULT_DIVISOR_CM3_PER_KG:
        divisor = DEFAULT_DIVISOR_CM3_PER_KG[m]
    else:
        kg_per_m3 = DEFAULT_KG_PER_M3[m]

    gross = sum((p.weight_kg * p.quantity for p in pieces), Decimal(0))
    volume_cm3 = sum(
        (p.length_cm * p.width_cm * p.height_cm * p.quantity for p in pieces), Decimal(0)
    )
    volume_m3 = volume_cm3 / CM3_PER_M3
    # The volumetric weight is kept as an exact fraction so that rounding up to the
    # next 0.5 kg never trips over the last digit of a decimal division.
    if divisor is not None:
        exact_volumetric = Fraction(volume_cm3) / Fraction(divisor)
        factor = CM3_PER_M3 / divisor
        factor_text = f"{decimal_str(divisor)} cm³ per kg"
    else:
        assert kg_per_m3 is not None
        exact_volumetric = Fraction(volume_m3) * Fraction(kg_per_m3)
        factor = kg_per_m3
        factor_text = f"{decimal_str(kg_per_m3)} kg per m³"
    volumetric = Decimal(exact_volumetric.numerator) / Decimal(exact_volumetric.denominator)
    steps = [
        f"{len(pieces)} line(s), {sum(p.quantity for p in pieces)} package(s): gross weight {decimal_str(gross, 3)} kg, "
        f"volume {decimal_str(volume_cm3, 1)} cm³ = {decimal_str(volume_m3, 6)} m³",
        f"Volumetric weight = {decimal_str(volume_m3, 6)} m³ x {decimal_str(factor, 3)} kg/m³ ({factor_text}) "
        f"= {decimal_str(volumetric, 3)} kg",
    ]
    higher = max(gross, volumetric)
    revenue_tonnes: Decimal | None = None
    if m in ("air", "express"):
        doubled = max(Fraction(gross), exact_volumetric) * 2
        chargeable = Decimal(math.ceil(doubled)) / 2
        rule = f"{m}: the higher of gross and volumetric weight ({factor_text}), rounded up to the next 0.5 kg"
        steps.append(
            f"Chargeable weight = higher of {decimal_str(gross, 3)} and {decimal_str(volumetric, 3)} kg, "
            f"rounded up to the next 0.5 kg = {decimal_str(chargeable, 1)} kg"
        )
    elif m == "road":
        chargeable = higher
        rule = f"road: the higher of gross and volumetric weight ({factor_text})"
        steps.append(
            f"Chargeable weight = higher of {decimal_str(gross, 3)} and {decimal_str(volumetric, 3)} kg "
            f"= {decimal_str(chargeable, 3)} kg"
        )
    else:
        revenue_tonnes = max(volume_m3, gross / factor)
        chargeable = higher  # = revenue tonnes x factor, never below the gross weight
        rule = f"sea LCL: weight or measure, revenue tonnes = higher of volume in m³ and weight at {factor_text}"
        steps.append(
            f"Revenue tonnes (W/M) = higher of {decimal_str(volume_m3, 6)} m³ and "
            f"{decimal_str(gross, 3)} kg / {decimal_str(factor, 3)} = {decimal_str(revenue_tonnes, 6)}"
        )
        steps.append(
            f"Chargeable weight = {decimal_str(revenue_tonnes, 6)} x {decimal_str(factor, 3)} "
            f"= {decimal_str(chargeable, 3)} kg"
        )
    return ChargeableWeight(
        m, gross, volume_m3, volumetric, chargeable, revenue_tonnes, factor, rule, tuple(steps)
    )


# --- loading metres ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pallet:
    """A line of identical pallets (footprint in cm), stackable ``stackable_levels`` high."""

    length_cm: Decimal
    width_cm: Decimal
    quantity: int = 1
    stackable_levels: int = 1
    weight_kg: Decimal | None = None  # gross weight of one pallet, if known


@dataclass(frozen=True, slots=True)
class LoadingMetres:
    """Result of :func:`loading_metres` (exact values)."""

    loading_metres: Decimal
    floor_positions: int
    ldm_weight_kg: Decimal  # loading metres x kg per LDM
    gross_weight_kg: Decimal | None  # when every pallet's weight is given
    chargeable_weight_kg: Decimal  # higher of the two
    trailers: int  # trailers of the given length needed, by floor length only
    kg_per_ldm: Decimal
    rule: str
    steps: tuple[str, ...]


def _whole(value: int, field: str, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TradeInputError(f"The {what} must be a whole number of at least 1.", field)


def loading_metres(
    pallets: Sequence[Pallet],
    *,
    kg_per_ldm: Decimal = DEFAULT_KG_PER_LDM,
    trailer_width_cm: Decimal = TRAILER_WIDTH_CM,
    trailer_length_m: Decimal = TRAILER_LENGTH_M,
) -> LoadingMetres:
    """Loading metres taken by pallets on a trailer, and the weight charged for them.

    Source: European road freight practice: LDM = length x width / trailer width
    (2.40 m, the internal width of a standard semi-trailer, 13.6 m long) per floor
    position; pallets stackable N high use ceil(quantity / N) floor positions;
    chargeable weight = the higher of the gross weight and LDM x kg per LDM.
    """
    if not pallets:
        raise TradeInputError("Give at least one pallet line.", "pallets")
    _positive(kg_per_ldm, "kg_per_ldm", "weight per loading metre")
    _positive(trailer_width_cm, "trailer_width_cm", "trailer width")
    _positive(trailer_length_m, "trailer_length_m", "trailer length")
    total = Decimal(0)
    positions = 0
    gross = Decimal(0)
    weights_known = True
    steps: list[str] = []
    width_m = trailer_width_cm / 100
    for index, pallet in enumerate(pallets):
        prefix = f"pallets.{index}."
        _positive(pallet.length_cm, prefix + "length_cm", "length")
        _positive(pallet.width_cm, prefix + "width_cm", "width")
        _whole(pallet.quantity, prefix + "quantity", "quantity")
        _whole(pallet.stackable_levels, prefix + "stackable_levels", "number of stackable levels")
        if min(pallet.length_cm, pallet.width_cm) > trailer_width_cm:
            raise TradeInputError(
                f"A pallet of {decimal_str(pallet.length_cm)} x {decimal_str(pallet.width_cm)} cm does not fit "
                f"across a trailer {decimal_str(trailer_width_cm)} cm wide.",
                prefix + "width_cm",
            )
        if pallet.weight_kg is None:
            weights_known = False
        elif pallet.weight_kg < 0:
            raise TradeInputError("A weight must not be negative.", prefix + "weight_kg")
        else:
            gross += pallet.weight_kg * pallet.quantity
        floor = -(-pallet.quantity // pallet.stackable_levels)
        per_position = (pallet.length_cm / 100) * (pallet.width_cm / 100) / width_m
        line = per_position * floor
        total += line
        positions += floor
        steps.append(
            f"Line {index + 1}: {pallet.quantity} pallet(s) {decimal_str(pallet.length_cm)} x "
            f"{decimal_str(pallet.width_cm)} cm, stackable {pallet.stackable_levels} high -> {floor} floor position(s) "
            f"x ({decimal_str(pallet.length_cm / 100)} m x {decimal_str(pallet.width_cm / 100)} m / "
            f"{decimal_str(width_m)} m = {decimal_str(per_position, 4)} LDM) = {decimal_str(line, 4)} LDM"
        )
    ldm_weight = total * kg_per_ldm
    gross_weight = gross if weights_known else None
    chargeable = max(ldm_weight, gross) if weights_known else ldm_weight
    trailers = max(1, int((total / trailer_length_m).to_integral_value(rounding=ROUND_CEILING)))
    steps.append(f"Loading metres = {decimal_str(total, 4)} LDM ({positions} floor position(s))")
    steps.append(
        f"Weight for the loading metres = {decimal_str(total, 4)} x {decimal_str(kg_per_ldm)} kg/LDM "
        f"= {decimal_str(ldm_weight, 3)} kg"
    )
    if gross_weight is not None:
        steps.append(
            f"Chargeable weight = higher of gross {decimal_str(gross_weight, 3)} kg and "
            f"{decimal_str(ldm_weight, 3)} kg = {decimal_str(chargeable, 3)} kg"
        )
    else:
        steps.append(
            "Pallet weights not all given: chargeable weight = weight for the loading metres"
        )
    if total > trailer_length_m:
        steps.append(
            f"More than one trailer of {decimal_str(trailer_length_m)} m: at least {trailers} trailers"
        )
    rule = (
        f"LDM = length x width / {decimal_str(width_m)} m per floor position (stacked pallets share one); "
        f"chargeable weight = higher of gross weight and LDM x {decimal_str(kg_per_ldm)} kg"
    )
    return LoadingMetres(
        total,
        positions,
        ldm_weight,
        gross_weight,
        chargeable,
        trailers,
        kg_per_ldm,
        rule,
        tuple(steps),
    )
