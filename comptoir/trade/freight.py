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
from comptoir.trade.texts import Text, number

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
    rule: Text
    steps: tuple[Text, ...]
    basis: Basis = "shipment"
    #: Per package lines (basis "piece" only).
    pieces: tuple[PieceWeight, ...] = ()
    #: What the whole consignment taken at once would weigh (basis "piece" only), to compare.
    shipment_chargeable_weight_kg: Decimal | None = None


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
        factor_text = Text("{divisor} cm³ per kg", divisor=number(divisor))
    else:
        assert kg_per_m3 is not None
        per_cm3 = Fraction(kg_per_m3) / Fraction(CM3_PER_M3)
        factor = kg_per_m3
        factor_text = Text("{factor} kg per m³", factor=number(kg_per_m3))

    def volume_of(p: Piece) -> Decimal:
        return p.length_cm * p.width_cm * p.height_cm

    gross = sum((p.weight_kg * p.quantity for p in pieces), Decimal(0))
    volume_cm3 = sum((volume_of(p) * p.quantity for p in pieces), Decimal(0))
    volume_m3 = volume_cm3 / CM3_PER_M3
    exact_volumetric = Fraction(volume_cm3) * per_cm3
    volumetric = _as_decimal(exact_volumetric)
    steps: list[Text] = []
    packages = sum(p.quantity for p in pieces)
    steps.append(
        Text(
            "{lines} line(s), {packages} package(s): gross weight {gross} kg, "
            "volume {volume_cm3} cm³ = {volume_m3} m³",
            lines=len(pieces),
            packages=packages,
            gross=number(gross, 3),
            volume_cm3=number(volume_cm3, 1),
            volume_m3=number(volume_m3, 6),
        )
    )
    steps.append(
        Text(
            "Volumetric weight = {volume_m3} m³ x {factor} kg/m³ ({factor_text}) = {volumetric} kg",
            volume_m3=number(volume_m3, 6),
            factor=number(factor, 3),
            factor_text=factor_text,
            volumetric=number(volumetric, 3),
        )
    )
    higher = max(gross, volumetric)
    revenue_tonnes: Decimal | None = None
    lines: list[PieceWeight] = []
    whole: Decimal | None = None
    rule: Text
    if b == "piece":
        whole = _ceil_half(max(Fraction(gross), exact_volumetric))
        for index, p in enumerate(pieces):
            exact = Fraction(volume_of(p)) * per_cm3
            one = _ceil_half(max(Fraction(p.weight_kg), exact))
            line = PieceWeight(p.quantity, p.weight_kg, _as_decimal(exact), one, one * p.quantity)
            lines.append(line)
            steps.append(
                Text(
                    "Line {line}: {length} x {width} x {height} cm, actual {actual} kg, volumetric "
                    "{volumetric} kg -> {one} kg per package (higher, rounded up to the next 0.5 kg) "
                    "x {quantity} = {total} kg",
                    line=index + 1,
                    length=number(p.length_cm),
                    width=number(p.width_cm),
                    height=number(p.height_cm),
                    actual=number(p.weight_kg, 3),
                    volumetric=number(line.volumetric_kg, 3),
                    one=number(one, 1),
                    quantity=p.quantity,
                    total=number(line.line_chargeable_kg, 1),
                )
            )
        chargeable = sum((line.line_chargeable_kg for line in lines), Decimal(0))
        rule = Text(
            "{mode}, package by package: for each package the higher of its actual and volumetric "
            "weight ({factor_text}), rounded up to the next 0.5 kg, then summed",
            mode=m,
            factor_text=factor_text,
        )
        steps.append(
            Text(
                "Chargeable weight = sum of the packages = {chargeable} kg "
                "(the whole shipment taken at once would give {whole} kg; "
                "DHL Express, UPS and FedEx charge each package)",
                chargeable=number(chargeable, 1),
                whole=number(whole, 1),
            )
        )
    elif m in ("air", "express"):
        chargeable = _ceil_half(max(Fraction(gross), exact_volumetric))
        rule = Text(
            "{mode}: the higher of gross and volumetric weight ({factor_text}), "
            "rounded up to the next 0.5 kg",
            mode=m,
            factor_text=factor_text,
        )
        steps.append(
            Text(
                "Chargeable weight = higher of {gross} and {volumetric} kg for the whole "
                "consignment (IATA TACT Rules), rounded up to the next 0.5 kg = {chargeable} kg",
                gross=number(gross, 3),
                volumetric=number(volumetric, 3),
                chargeable=number(chargeable, 1),
            )
            if m == "air"
            else Text(
                "Chargeable weight = higher of {gross} and {volumetric} kg for the whole "
                "consignment, rounded up to the next 0.5 kg = {chargeable} kg",
                gross=number(gross, 3),
                volumetric=number(volumetric, 3),
                chargeable=number(chargeable, 1),
            )
        )
    elif m == "road":
        chargeable = higher
        rule = Text(
            "road: the higher of gross and volumetric weight ({factor_text})",
            factor_text=factor_text,
        )
        steps.append(
            Text(
                "Chargeable weight = higher of {gross} and {volumetric} kg = {chargeable} kg",
                gross=number(gross, 3),
                volumetric=number(volumetric, 3),
                chargeable=number(chargeable, 3),
            )
        )
    else:
        revenue_tonnes = max(volume_m3, gross / factor)
        chargeable = higher  # = revenue tonnes x factor, never below the gross weight
        rule = Text(
            "sea LCL: weight or measure, revenue tonnes = higher of volume in m³ and weight "
            "at {factor_text}",
            factor_text=factor_text,
        )
        steps.append(
            Text(
                "Revenue tonnes (W/M) = higher of {volume_m3} m³ and {gross} kg / {factor} "
                "= {revenue_tonnes}",
                volume_m3=number(volume_m3, 6),
                gross=number(gross, 3),
                factor=number(factor, 3),
                revenue_tonnes=number(revenue_tonnes, 6),
            )
        )
        steps.append(
            Text(
                "Chargeable weight = {revenue_tonnes} x {factor} = {chargeable} kg",
                revenue_tonnes=number(revenue_tonnes, 6),
                factor=number(factor, 3),
                chargeable=number(chargeable, 3),
            )
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
    rule: Text
    steps: tuple[Text, ...]


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
    steps: list[Text] = []
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
            Text(
                "Line {line}: {quantity} pallet(s) {length} x {width} cm, stackable {levels} high "
                "-> {floor} floor position(s) x ({length_m} m x {width_m} m / {trailer_width_m} m "
                "= {per_position} LDM) = {ldm} LDM",
                line=index + 1,
                quantity=pallet.quantity,
                length=number(pallet.length_cm),
                width=number(pallet.width_cm),
                levels=pallet.stackable_levels,
                floor=floor,
                length_m=number(pallet.length_cm / 100),
                width_m=number(pallet.width_cm / 100),
                trailer_width_m=number(width_m),
                per_position=number(per_position, 4),
                ldm=number(line, 4),
            )
        )
    ldm_weight = total * kg_per_ldm
    gross_weight = gross if weights_known else None
    chargeable = max(ldm_weight, gross) if weights_known else ldm_weight
    trailers = max(1, int((total / trailer_length_m).to_integral_value(rounding=ROUND_CEILING)))
    steps.append(
        Text(
            "Loading metres = {ldm} LDM ({positions} floor position(s))",
            ldm=number(total, 4),
            positions=positions,
        )
    )
    steps.append(
        Text(
            "Weight for the loading metres = {ldm} x {kg_per_ldm} kg/LDM = {weight} kg",
            ldm=number(total, 4),
            kg_per_ldm=number(kg_per_ldm),
            weight=number(ldm_weight, 3),
        )
    )
    if gross_weight is not None:
        steps.append(
            Text(
                "Chargeable weight = higher of gross {gross} kg and {ldm_weight} kg = {chargeable} kg",
                gross=number(gross_weight, 3),
                ldm_weight=number(ldm_weight, 3),
                chargeable=number(chargeable, 3),
            )
        )
    else:
        steps.append(
            Text("Pallet weights not all given: chargeable weight = weight for the loading metres")
        )
    if total > trailer_length_m:
        steps.append(
            Text(
                "More than one trailer of {length} m: at least {trailers} trailers",
                length=number(trailer_length_m),
                trailers=trailers,
            )
        )
    rule = Text(
        "LDM = length x width / {trailer_width_m} m per floor position (stacked pallets share one); "
        "chargeable weight = higher of gross weight and LDM x {kg_per_ldm} kg",
        trailer_width_m=number(width_m),
        kg_per_ldm=number(kg_per_ldm),
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
