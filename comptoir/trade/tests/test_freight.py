"""Chargeable weight and loading metres.

Worked examples:

1. Pengellys, air freight fact sheet (http://pengellys.co.nz): a 14 kg carton of
   30 x 45 x 65 cm = 87,750 cm³ / 6000 = 14.625 kg: charged on 15 kg.
2. Express divisor 5000 (https://www.bizcourier.eu/EN/faq/whatisvolumetriccharge.html):
   volumetric kg = L x W x H / 5000; a 50 x 40 x 30 cm parcel of 8 kg is charged 12 kg.
3. LCL W/M, 1 t = 1 m³ (https://costcalculator.calculator.city/sea-freight-rate-calculator):
   500 kg in 1.5 x 1.2 x 1.2 m = 2.16 m³: 2.16 revenue tonnes; 1,200 kg in 0.8 m³: 1.2.
4. LCL at 500 kg per m³ (https://www.oops.sg/calc_lclsea.php, example 02): 10 packages of
   50 x 30 x 20 cm, 550 kg: 0.3 m³, chargeable 1.1.
5. Road 1 m³ = 333 kg (https://www.nortrail.com/good-to-know/volumes-payweight/).
6. Loading metres (https://impargo.de/en/blog/calculate-ldm): Euro pallet 1.2 x 0.8 / 2.4 =
   0.4 LDM; 16 Euro pallets stacked 2 high = 3.2 LDM; 6 pallets 120 x 160 stacked 3 high =
   1.6 LDM; together 4.8 LDM.
7. Kg per LDM (nortrail.com): Europe 1 LDM = 1850 kg, one Euro pallet = 740 kg;
   Scandinavia 2000 kg, one Euro pallet = 800 kg.
8. A 13.6 m trailer takes 34 Euro pallets on the floor (https://loadingmeter.com).
9. Express package by package (DHL Express, UPS, FedEx: a multi-piece shipment is charged on
   the sum of each package's higher of actual and volumetric weight): 40 x 30 x 20 cm at
   20 kg (4.8 kg volumetric) + 60 x 50 x 50 cm at 2 kg (30 kg volumetric) = 20 + 30 = 50 kg;
   the whole shipment taken at once (22 kg against 34.8 kg) would give 35 kg.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.freight import (
    DEFAULT_DIVISOR_CM3_PER_KG,
    Pallet,
    Piece,
    chargeable_weight,
    loading_metres,
    round_up_half_kg,
)
from comptoir.trade.texts import Text

D = Decimal


def piece(length: str, width: str, height: str, weight: str, quantity: int = 1) -> Piece:
    return Piece(D(length), D(width), D(height), D(weight), quantity)


def test_pengellys_air_carton() -> None:
    """Pengellys: 30 x 45 x 65 cm, 14 kg -> 14.625 kg volumetric -> 15 kg chargeable."""
    result = chargeable_weight("air", [piece("30", "45", "65", "14")])
    assert result.volumetric_weight_kg == D("14.625")
    assert result.chargeable_weight_kg == D("15")
    assert result.gross_weight_kg == D("14")
    assert result.revenue_tonnes is None


def test_express_divisor_5000() -> None:
    """Express: 50 x 40 x 30 cm / 5000 = 12 kg > 8 kg gross."""
    result = chargeable_weight("express", [piece("50", "40", "30", "8")])
    assert result.chargeable_weight_kg == D("12")


def test_air_exact_half_kg_is_not_rounded_up_again() -> None:
    """120 x 80 x 100 cm x 2 = 1.92 m³ / 6000 cm³ = 320 kg exactly: charged 320, not 320.5."""
    result = chargeable_weight("air", [piece("120", "80", "100", "95", 2)])
    assert result.volumetric_weight_kg == D("320")
    assert result.chargeable_weight_kg == D("320")
    assert round_up_half_kg(D("12.1")) == D("12.5")
    assert round_up_half_kg(D("12.5")) == D("12.5")
    assert round_up_half_kg(D("12.6")) == D("13")


def test_heavy_air_shipment_charged_on_gross_weight() -> None:
    result = chargeable_weight("air", [piece("40", "30", "20", "10.2")])  # 24,000 cm³ = 4 kg
    assert result.chargeable_weight_kg == D("10.5")


def test_lcl_weight_or_measure() -> None:
    """LCL: 2.16 m³ and 0.5 t -> 2.16 RT; 0.8 m³ and 1.2 t -> 1.2 RT."""
    light = chargeable_weight("sea_lcl", [piece("150", "120", "120", "500")])
    assert light.revenue_tonnes == D("2.16")
    assert light.chargeable_weight_kg == D("2160")
    heavy = chargeable_weight("sea_lcl", [piece("100", "100", "80", "1200")])
    assert heavy.revenue_tonnes == D("1.2")
    assert heavy.chargeable_weight_kg == D("1200")


def test_lcl_at_500_kg_per_m3() -> None:
    """oops.sg example 02: 10 x (50 x 30 x 20 cm), 550 kg at 500 kg/m³ -> 1.1."""
    result = chargeable_weight("sea_lcl", [piece("50", "30", "20", "55", 10)], kg_per_m3=D("500"))
    assert result.volume_m3 == D("0.3")
    assert result.revenue_tonnes == D("1.1")


def test_road_333() -> None:
    """Road: 1 m³ = 333 kg: 2 m³ of 400 kg is charged 666 kg."""
    result = chargeable_weight("road", [piece("100", "100", "100", "200", 2)])
    assert result.chargeable_weight_kg == D("666")
    override = chargeable_weight(
        "road", [piece("100", "100", "100", "200", 2)], divisor_cm3_per_kg=D("4000")
    )
    assert override.chargeable_weight_kg == D("500")


@pytest.mark.parametrize(
    ("mode", "pieces", "kwargs", "field"),
    [
        ("rail", [piece("1", "1", "1", "1")], {}, "mode"),
        ("air", [], {}, "pieces"),
        ("air", [piece("1", "1", "1", "-1")], {}, "pieces.0.weight_kg"),
        ("air", [piece("1", "1", "1", "1"), piece("0", "1", "1", "1")], {}, "pieces.1.length_cm"),
        ("air", [piece("1", "-1", "1", "1")], {}, "pieces.0.width_cm"),
        ("air", [piece("1", "1", "0", "1")], {}, "pieces.0.height_cm"),
        ("air", [piece("1", "1", "1", "1", 0)], {}, "pieces.0.quantity"),
        ("air", [piece("1", "1", "1", "1")], {"divisor_cm3_per_kg": D("0")}, "divisor_cm3_per_kg"),
        ("air", [piece("1", "1", "1", "1")], {"kg_per_m3": D("-1")}, "kg_per_m3"),
        (
            "air",
            [piece("1", "1", "1", "1")],
            {"kg_per_m3": D("1"), "divisor_cm3_per_kg": D("1")},
            "kg_per_m3",
        ),
    ],
)
def test_bad_pieces(mode: str, pieces: list[Piece], kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        chargeable_weight(mode, pieces, **kwargs)
    assert caught.value.field == field


def test_euro_pallet_ldm_and_kg_per_ldm() -> None:
    """0.4 LDM per Euro pallet; 740 kg at 1850 kg/LDM, 800 kg at 2000 kg/LDM."""
    one = loading_metres([Pallet(D(120), D(80))])
    assert one.loading_metres == D("0.4")
    assert one.ldm_weight_kg == D("740")
    assert loading_metres([Pallet(D(120), D(80))], kg_per_ldm=D(2000)).ldm_weight_kg == D("800")


def test_impargo_mixed_load() -> None:
    """impargo: 16 Euro pallets stacked 2 = 3.2 LDM; 6 of 120 x 160 stacked 3 = 1.6 LDM; 4.8 LDM."""
    result = loading_metres(
        [Pallet(D(120), D(80), 16, 2), Pallet(D(120), D(160), 6, 3)],
    )
    assert result.loading_metres == D("4.8")
    assert result.floor_positions == 8 + 2


def test_odd_stack_uses_a_whole_floor_position() -> None:
    """11 Euro pallets stacked 2 high need 6 floor positions: 2.4 LDM."""
    assert loading_metres([Pallet(D(120), D(80), 11, 2)]).loading_metres == D("2.4")


def test_full_trailer_and_weight() -> None:
    """34 Euro pallets fill a 13.6 m trailer; 35 need a second one; gross above LDM weight wins."""
    full = loading_metres([Pallet(D(120), D(80), 34, 1, D("900"))])
    assert full.loading_metres == D("13.6")
    assert full.trailers == 1
    assert full.gross_weight_kg == D("30600")
    assert full.chargeable_weight_kg == D("30600")  # 900 kg per pallet > 740
    assert loading_metres([Pallet(D(120), D(80), 35)]).trailers == 2


@pytest.mark.parametrize(
    ("pallets", "kwargs", "field"),
    [
        ([], {}, "pallets"),
        ([Pallet(D(0), D(80))], {}, "pallets.0.length_cm"),
        ([Pallet(D(120), D(80), 0)], {}, "pallets.0.quantity"),
        ([Pallet(D(120), D(80), 1, 0)], {}, "pallets.0.stackable_levels"),
        ([Pallet(D(120), D(80), 1, 1, D(-5))], {}, "pallets.0.weight_kg"),
        ([Pallet(D(250), D(260))], {}, "pallets.0.width_cm"),
        ([Pallet(D(120), D(80))], {"kg_per_ldm": D(0)}, "kg_per_ldm"),
    ],
)
def test_bad_pallets(pallets: list[Pallet], kwargs: dict[str, Decimal], field: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        loading_metres(pallets, **kwargs)
    assert caught.value.field == field


dims = st.decimals(
    min_value=D("0.1"), max_value=400, places=1, allow_nan=False, allow_infinity=False
)
weights = st.decimals(min_value=0, max_value=5000, places=3, allow_nan=False, allow_infinity=False)
pieces_strategy = st.lists(
    st.builds(Piece, dims, dims, dims, weights, st.integers(min_value=1, max_value=50)),
    min_size=1,
    max_size=5,
)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["air", "express", "road", "sea_lcl"]), pieces_strategy)
def test_chargeable_weight_at_least_gross_and_volumetric(mode: str, pieces: list[Piece]) -> None:
    """Chargeable weight >= gross weight and >= volumetric weight; air/express in 0.5 kg steps."""
    result = chargeable_weight(mode, pieces)
    assert result.chargeable_weight_kg >= result.gross_weight_kg
    assert result.chargeable_weight_kg >= result.volumetric_weight_kg - D("1e-20")
    if mode == "air":  # whole consignment: at most 0.5 kg above the higher of the two
        assert result.chargeable_weight_kg - max(
            result.gross_weight_kg, result.volumetric_weight_kg
        ) < D("0.5")
    if mode in ("air", "express"):
        assert (result.chargeable_weight_kg * 2) % 1 == 0
    if mode == "sea_lcl":
        assert result.revenue_tonnes is not None
        assert result.revenue_tonnes >= result.volume_m3


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            Pallet,
            st.decimals(
                min_value=20, max_value=240, places=0, allow_nan=False, allow_infinity=False
            ),
            st.decimals(
                min_value=20, max_value=240, places=0, allow_nan=False, allow_infinity=False
            ),
            st.integers(min_value=1, max_value=40),
            st.integers(min_value=1, max_value=4),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_stacking_never_increases_ldm(pallets: list[Pallet]) -> None:
    """Unstacked pallets take at least as many loading metres as stacked ones."""
    stacked = loading_metres(pallets)
    flat = loading_metres([Pallet(p.length_cm, p.width_cm, p.quantity) for p in pallets])
    assert flat.loading_metres >= stacked.loading_metres > 0
    assert stacked.chargeable_weight_kg == stacked.ldm_weight_kg


# --- package by package (express; air parcels) ------------------------------------------

EXPRESS_PAIR = [piece("40", "30", "20", "20"), piece("60", "50", "50", "2")]


def test_express_is_charged_package_by_package() -> None:
    """A dense package cannot carry a light bulky one: 20 + 30 = 50 kg, not 35."""
    result = chargeable_weight("express", EXPRESS_PAIR)
    assert result.basis == "piece"
    assert result.chargeable_weight_kg == D("50")
    assert result.shipment_chargeable_weight_kg == D("35")
    assert [(p.volumetric_kg, p.chargeable_kg) for p in result.pieces] == [
        (D("4.8"), D("20")),
        (D("30"), D("30")),
    ]
    assert "package by package" in result.rule
    assert any("50 kg" in step and "35 kg" in step for step in result.steps)
    assert all(isinstance(step, Text) for step in (*result.steps, result.rule))


def test_express_on_the_whole_shipment_when_asked() -> None:
    assert chargeable_weight("express", EXPRESS_PAIR, basis="shipment").chargeable_weight_kg == D(
        "35"
    )


def test_air_cargo_is_taken_on_the_whole_consignment_unless_billed_per_parcel() -> None:
    """IATA: 22 kg against 174,000 cm3 / 6000 = 29 kg; per parcel 20 + 25 = 45 kg."""
    assert chargeable_weight("air", EXPRESS_PAIR).chargeable_weight_kg == D("29")
    per_parcel = chargeable_weight("air", EXPRESS_PAIR, basis="piece")
    assert per_parcel.chargeable_weight_kg == D("45")


def test_each_package_of_a_line_is_rounded_then_counted() -> None:
    """3 packages of 12.1 kg: 12.5 kg each = 37.5 kg (the shipment at once: 36.5 kg)."""
    result = chargeable_weight("express", [piece("10", "10", "10", "12.1", 3)])
    assert result.pieces[0].chargeable_kg == D("12.5")
    assert result.chargeable_weight_kg == D("37.5")
    assert result.shipment_chargeable_weight_kg == D("36.5")


@pytest.mark.parametrize(
    ("mode", "basis"), [("road", "piece"), ("sea_lcl", "piece"), ("air", "pallet")]
)
def test_basis_refused_where_it_does_not_apply(mode: str, basis: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        chargeable_weight(mode, EXPRESS_PAIR, basis=basis)
    assert caught.value.field == "basis"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["air", "express"]), pieces_strategy)
def test_package_by_package_is_never_below_the_whole_shipment(
    mode: str, pieces: list[Piece]
) -> None:
    """Sum over packages of the higher weight >= the higher of the sums; each package's
    figure is its own higher weight rounded up to the next 0.5 kg."""
    per_piece = chargeable_weight(mode, pieces, basis="piece")
    whole = chargeable_weight(mode, pieces, basis="shipment")
    assert per_piece.chargeable_weight_kg >= whole.chargeable_weight_kg
    assert per_piece.shipment_chargeable_weight_kg == whole.chargeable_weight_kg
    divisor = DEFAULT_DIVISOR_CM3_PER_KG[mode]
    expected = D(0)
    for p, line in zip(pieces, per_piece.pieces, strict=True):
        higher = max(p.weight_kg, p.length_cm * p.width_cm * p.height_cm / divisor)
        assert line.chargeable_kg >= p.weight_kg
        assert (line.chargeable_kg * 2) % 1 == 0
        assert D(0) <= line.chargeable_kg - higher < D("0.5")
        expected += line.chargeable_kg * p.quantity
    assert per_piece.chargeable_weight_kg == expected


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["air", "express"]), pieces_strategy.map(lambda ps: ps[:1]))
def test_one_package_gives_the_same_figure_on_either_basis(mode: str, pieces: list[Piece]) -> None:
    single = [Piece(p.length_cm, p.width_cm, p.height_cm, p.weight_kg, 1) for p in pieces]
    assert (
        chargeable_weight(mode, single, basis="piece").chargeable_weight_kg
        == chargeable_weight(mode, single, basis="shipment").chargeable_weight_kg
    )
