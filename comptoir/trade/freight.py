"""Freight measures: chargeable weight per transport mode, revenue tonnes, loading metres.

Carriers charge the higher of the actual gross weight and a *volumetric* weight
derived from the volume, so that light, bulky goods pay for the space they take:

* air (IATA): 6000 cm³ per kg (1 m³ = 166.67 kg), chargeable weight rounded up to
  the next 0.5 kg (IATA TACT Rules, "volume/weight ratio" and "chargeable weight");
* express (integrators' tariffs: DHL Express, UPS, FedEx): 5000 cm³ per kg, same rounding,
  taken **package by package**: each package is charged on the higher of its own actual and
  volumetric weight and the shipment on the sum (air cargo under IATA is taken on the whole
  consignment; air parcel services that bill per package can ask for the same basis);
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
    "BASES",
    "BASIS_SOURCES",
    "DEFAULT_BASIS",
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
    "PieceWeight",
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


Basis = Literal["shipment", "piece"]
BASES: Final = ("shipment", "piece")
#: Where the chargeable weight is taken when the input does not say: express per package, as
#: the integrators bill; every other mode on the whole consignment.
DEFAULT_BASIS: Final[dict[str, Basis]] = {
    "air": "shipment",
    "express": "piece",
    "road": "shipment",
    "sea_lcl": "shipment",
}
BASIS_SOURCES: Final = {
    "shipment": "IATA TACT Rules: the chargeable weight of a consignment is the higher of "
    "its total gross weight and its total volume weight",
    "piece": "DHL Express, UPS and FedEx tariffs: for a multi-piece shipment each package is "
    "charged on the higher of its actual and volumetric weight, and the shipment on the sum",
}


@dataclass(frozen=True, slots=True)
class PieceWeight:
    """One line of a per-package computation (weights of ONE package, then of the line)."""

    quantity: int
    actual_kg: Decimal
    volumetric_kg: Decimal
    chargeable_kg: Decimal  # of one package, rounded up to the next 0.5 kg
    line_chargeable_kg: Decimal  # x quantity


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
    basis: Basis = "shipment"
    #: Per package lines (basis "piece" only).
    pieces: tuple[PieceWeight, ...] = ()
    #: What the whole consignment taken at once would weigh (basis "piece" only), to compare.
    shipment_chargeable_weight_kg: Decimal | None = None
    rule_fr: str = ""
    steps_fr: tuple[str, ...] = ()


def round_up_half_kg(weight: Decimal) -> Decimal:
    """Round a weight up to the next 0.5 kg (12.1 -> 12.5, 12.5 -> 12.5, 12.6 -> 13.0).

    Source: IATA TACT Rules (weights are expressed in kilograms, fractions rounded
    up to the next half kilogram).
    """
    return (weight * 2).to_integral_value(rounding=ROUND_CEILING) / 2


def _ceil_half(value: Fraction) -> Decimal:
    """An exact weight rounded up to the next 0.5 kg (never trips over a decimal's last digit)."""
    return Decimal(math.ceil(value * 2)) / 2


def _as_decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


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
    basis: str | None = None,
) -> ChargeableWeight:
    """Chargeable weight of a consignment for a mode of transport.

    Source: IATA TACT Rules for air (6000 cm³/kg, rounded up to the next 0.5 kg);
    express integrators' tariffs (5000 cm³/kg); European road groupage practice
    (333 kg/m³); liner LCL tariffs (W/M, 1 t = 1 m³). ``divisor_cm3_per_kg`` or
    ``kg_per_m3`` (not both) replace the mode's default factor, as agreed with the
    carrier. The chargeable weight is never below the gross weight.

    ``basis`` says where the higher of actual and volumetric weight is taken:

    * ``"shipment"`` (default for air, road and sea LCL): on the whole consignment, total
      gross weight against total volume weight (IATA TACT Rules for air cargo).
    * ``"piece"`` (default for express; also for air parcel services billed per package):
      package by package, each rounded up to the next 0.5 kg, then summed, as DHL Express,
      UPS and FedEx bill multi-piece shipments. 40x30x20 cm at 20 kg + 60x50x50 cm at 2 kg
      is 20 + 30 = 50 kg, where the whole shipment taken at once would be 35 kg: a dense
      package cannot carry a light bulky one. Not for road or sea LCL, priced on the
      consignment.
    """
    if mode not in MODES:
        raise TradeInputError(f"Unknown mode {mode!r}. Modes: {', '.join(MODES)}.", "mode")
    m = cast(Mode, mode)
    if basis is None:
        basis = DEFAULT_BASIS[m]
    if basis not in BASES:
        raise TradeInputError(f"Unknown basis {basis!r}. Bases: {', '.join(BASES)}.", "basis")
    if basis == "piece" and m not in ("air", "express"):
        raise TradeInputError(
            "Package by package applies to express and air parcels; road and sea LCL are "
            "charged on the whole consignment.",
            "basis",
        )
    b = cast(Basis, basis)
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

    # Volumetric weights are kept as exact fractions so that rounding up to the next 0.5 kg
    # never trips over the last digit of a decimal division.
    if divisor is not None:
        per_cm3 = Fraction(1) / Fraction(divisor)
        factor = CM3_PER_M3 / divisor
        factor_text = f"{decimal_str(divisor)} cm³ per kg"
        factor_fr = f"{decimal_str(divisor)} cm³ par kg"
    else:
        assert kg_per_m3 is not None
        per_cm3 = Fraction(kg_per_m3) / Fraction(CM3_PER_M3)
        factor = kg_per_m3
        factor_text = f"{decimal_str(kg_per_m3)} kg per m³"
        factor_fr = f"{decimal_str(kg_per_m3)} kg par m³"

    def volume_of(p: Piece) -> Decimal:
        return p.length_cm * p.width_cm * p.height_cm

    gross = sum((p.weight_kg * p.quantity for p in pieces), Decimal(0))
    volume_cm3 = sum((volume_of(p) * p.quantity for p in pieces), Decimal(0))
    volume_m3 = volume_cm3 / CM3_PER_M3
    exact_volumetric = Fraction(volume_cm3) * per_cm3
    volumetric = _as_decimal(exact_volumetric)
    steps: list[str] = []
    steps_fr: list[str] = []

    def step(en: str, fr: str) -> None:
        steps.append(en)
        steps_fr.append(fr)

    packages = sum(p.quantity for p in pieces)
    step(
        f"{len(pieces)} line(s), {packages} package(s): gross weight {decimal_str(gross, 3)} kg, "
        f"volume {decimal_str(volume_cm3, 1)} cm³ = {decimal_str(volume_m3, 6)} m³",
        f"{len(pieces)} ligne(s), {packages} colis : poids brut {decimal_str(gross, 3)} kg, "
        f"volume {decimal_str(volume_cm3, 1)} cm³ = {decimal_str(volume_m3, 6)} m³",
    )
    step(
        f"Volumetric weight = {decimal_str(volume_m3, 6)} m³ x {decimal_str(factor, 3)} kg/m³ ({factor_text}) "
        f"= {decimal_str(volumetric, 3)} kg",
        f"Poids volumétrique = {decimal_str(volume_m3, 6)} m³ x {decimal_str(factor, 3)} kg/m³ ({factor_fr}) "
        f"= {decimal_str(volumetric, 3)} kg",
    )
    higher = max(gross, volumetric)
    revenue_tonnes: Decimal | None = None
    lines: list[PieceWeight] = []
    whole: Decimal | None = None
    if b == "piece":
        whole = _ceil_half(max(Fraction(gross), exact_volumetric))
        for index, p in enumerate(pieces):
            exact = Fraction(volume_of(p)) * per_cm3
            one = _ceil_half(max(Fraction(p.weight_kg), exact))
            line = PieceWeight(p.quantity, p.weight_kg, _as_decimal(exact), one, one * p.quantity)
            lines.append(line)
            step(
                f"Line {index + 1}: {decimal_str(p.length_cm)} x {decimal_str(p.width_cm)} x "
                f"{decimal_str(p.height_cm)} cm, actual {decimal_str(p.weight_kg, 3)} kg, volumetric "
                f"{decimal_str(line.volumetric_kg, 3)} kg -> {decimal_str(one, 1)} kg per package "
                f"(higher, rounded up to the next 0.5 kg) x {p.quantity} = {decimal_str(line.line_chargeable_kg, 1)} kg",
                f"Ligne {index + 1} : {decimal_str(p.length_cm)} x {decimal_str(p.width_cm)} x "
                f"{decimal_str(p.height_cm)} cm, réel {decimal_str(p.weight_kg, 3)} kg, volumétrique "
                f"{decimal_str(line.volumetric_kg, 3)} kg -> {decimal_str(one, 1)} kg par colis "
                f"(le plus élevé, arrondi au 0,5 kg supérieur) x {p.quantity} = {decimal_str(line.line_chargeable_kg, 1)} kg",
            )
        chargeable = sum((line.line_chargeable_kg for line in lines), Decimal(0))
        rule = (
            f"{m}, package by package: for each package the higher of its actual and volumetric "
            f"weight ({factor_text}), rounded up to the next 0.5 kg, then summed"
        )
        rule_fr = (
            f"{m}, colis par colis : pour chaque colis le plus élevé de son poids réel et de son "
            f"poids volumétrique ({factor_fr}), arrondi au 0,5 kg supérieur, puis la somme"
        )
        step(
            f"Chargeable weight = sum of the packages = {decimal_str(chargeable, 1)} kg "
            f"(the whole shipment taken at once would give {decimal_str(whole, 1)} kg; "
            "DHL Express, UPS and FedEx charge each package)",
            f"Poids taxable = somme des colis = {decimal_str(chargeable, 1)} kg "
            f"(l'envoi pris en bloc donnerait {decimal_str(whole, 1)} kg ; "
            "DHL Express, UPS et FedEx taxent chaque colis)",
        )
    elif m in ("air", "express"):
        chargeable = _ceil_half(max(Fraction(gross), exact_volumetric))
        rule = f"{m}: the higher of gross and volumetric weight ({factor_text}), rounded up to the next 0.5 kg"
        rule_fr = (
            f"{m} : le plus élevé du poids brut et du poids volumétrique ({factor_fr}), "
            "arrondi au 0,5 kg supérieur"
        )
        iata = " (IATA TACT Rules)" if m == "air" else ""
        step(
            f"Chargeable weight = higher of {decimal_str(gross, 3)} and {decimal_str(volumetric, 3)} kg "
            f"for the whole consignment{iata}, rounded up to the next 0.5 kg = {decimal_str(chargeable, 1)} kg",
            f"Poids taxable = le plus élevé de {decimal_str(gross, 3)} et {decimal_str(volumetric, 3)} kg "
            f"pour l'ensemble de l'envoi{iata}, arrondi au 0,5 kg supérieur = {decimal_str(chargeable, 1)} kg",
        )
    elif m == "road":
        chargeable = higher
        rule = f"road: the higher of gross and volumetric weight ({factor_text})"
        rule_fr = f"route : le plus élevé du poids brut et du poids volumétrique ({factor_fr})"
        step(
            f"Chargeable weight = higher of {decimal_str(gross, 3)} and {decimal_str(volumetric, 3)} kg "
            f"= {decimal_str(chargeable, 3)} kg",
            f"Poids taxable = le plus élevé de {decimal_str(gross, 3)} et {decimal_str(volumetric, 3)} kg "
            f"= {decimal_str(chargeable, 3)} kg",
        )
    else:
        revenue_tonnes = max(volume_m3, gross / factor)
        chargeable = higher  # = revenue tonnes x factor, never below the gross weight
        rule = f"sea LCL: weight or measure, revenue tonnes = higher of volume in m³ and weight at {factor_text}"
        rule_fr = (
            "groupage maritime : poids ou volume (W/M), unités payantes = le plus élevé du volume "
            f"en m³ et du poids à {factor_fr}"
        )
        step(
            f"Revenue tonnes (W/M) = higher of {decimal_str(volume_m3, 6)} m³ and "
            f"{decimal_str(gross, 3)} kg / {decimal_str(factor, 3)} = {decimal_str(revenue_tonnes, 6)}",
            f"Unités payantes (W/M) = le plus élevé de {decimal_str(volume_m3, 6)} m³ et "
            f"{decimal_str(gross, 3)} kg / {decimal_str(factor, 3)} = {decimal_str(revenue_tonnes, 6)}",
        )
        step(
            f"Chargeable weight = {decimal_str(revenue_tonnes, 6)} x {decimal_str(factor, 3)} "
            f"= {decimal_str(chargeable, 3)} kg",
            f"Poids taxable = {decimal_str(revenue_tonnes, 6)} x {decimal_str(factor, 3)} "
            f"= {decimal_str(chargeable, 3)} kg",
        )
    return ChargeableWeight(
        m,
        gross,
        volume_m3,
        volumetric,
        chargeable,
        revenue_tonnes,
        factor,
        rule,
        tuple(steps),
        basis=b,
        pieces=tuple(lines),
        shipment_chargeable_weight_kg=whole,
        rule_fr=rule_fr,
        steps_fr=tuple(steps_fr),
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
