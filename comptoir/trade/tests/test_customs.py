"""Customs value, duty, import VAT and landed cost.

Worked examples:

1. calqoo, "Import export cost" (https://calqoo.com/en/financial/import-export-cost):
   goods 10,000 + shipping 1,000 + insurance 200 = CIF 11,200; duty 20 % = 2,240;
   VAT 18 % on 13,440 = 2,419.20; total 15,859.20.
2. costcalculator, "Import duty calculator" (https://costcalculator.calculator.city/import-duty-calculator):
   laptop 1,000 + shipping and insurance 100 = 1,100; duty 2 % = 22; VAT base 1,122;
   VAT 20 % = 224.40; total 1,346.40.
3. umera, "Import duty calculator" (https://umera.ai/en/resources/customs-and-codes/import-duty-calculator):
   customs value 10,000, duty 4.5 % = 450, VAT 21 % on 10,450 = 2,194.50 (shown rounded to
   EUR 2,195), landed 12,644.50 (shown 12,645).
4. VAT Directive 2006/112/EC art. 86(1)(b): transport to the first place of destination after
   the border enters the VAT base, not the customs value (UCC art. 71(1)(e)).
5. VAT Directive art. 168(e): a taxable person deducts import VAT, so it is not in the cost.
6. Carriage after the EU border included in a DAP price (UCC art. 72(a): not in the customs
   value; VAT Directive art. 86(1)(b): in the VAT base): goods 10,000 of which 300 carriage
   from the border to the buyer's warehouse, duty 4.5 %, VAT 20 %: customs value 9,700,
   duty 436.50, VAT base 9,700 + 436.50 + 300 = 10,436.50, VAT 2,087.30. Taking the 300 off
   the goods value, as the page's guidance said, gave a VAT base of 10,136.50 (VAT 2,027.30).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.customs import border_guidance, landed_cost
from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import RULE_CODES
from comptoir.trade.texts import Text

D = Decimal


def test_calqoo_example() -> None:
    """calqoo: CIF 11,200, duty 2,240, VAT 2,419.20, total 15,859.20 (VAT not recovered)."""
    result = landed_cost(
        "USD",
        D("10000"),
        freight_to_border=D("1000"),
        insurance_to_border=D("200"),
        duty_rate_pct=D("20"),
        vat_rate_pct=D("18"),
        vat_recoverable=False,
    )
    assert result.customs_value == D("11200.00")
    assert result.duty == D("2240.00")
    assert result.vat_base == D("13440.00")
    assert result.import_vat == D("2419.20")
    assert result.landed_cost == D("15859.20")


def test_costcalculator_laptop() -> None:
    """costcalculator: 1,100 CIF, duty 22, VAT base 1,122, VAT 224.40, total 1,346.40."""
    result = landed_cost(
        "GBP",
        D("1000"),
        freight_to_border=D("100"),
        duty_rate_pct=D("2"),
        vat_rate_pct=D("20"),
        vat_recoverable=False,
    )
    assert (result.customs_value, result.duty, result.vat_base) == (
        D("1100.00"),
        D("22.00"),
        D("1122.00"),
    )
    assert result.import_vat == D("224.40")
    assert result.landed_cost == D("1346.40")


def test_umera_example() -> None:
    """umera: 10,000 at 4.5 % duty and 21 % VAT: duty 450, VAT 2,194.50, landed 12,644.50."""
    result = landed_cost(
        "EUR", D("10000"), duty_rate_pct=D("4.5"), vat_rate_pct=D("21"), vat_recoverable=False
    )
    assert result.duty == D("450.00")
    assert result.import_vat == D("2194.50")
    assert result.landed_cost == D("12644.50")


def test_costs_after_border_in_vat_base_not_customs_value() -> None:
    """Art. 86(1)(b) VAT Directive vs art. 71 UCC: post-border transport is in the VAT base only."""
    result = landed_cost(
        "EUR",
        D("10000.00"),
        freight_to_border=D("800.00"),
        insurance_to_border=D("40.00"),
        duty_rate_pct=D("4.5"),
        vat_rate_pct=D("20"),
        other_taxes=D("0"),
        costs_after_border=D("250.00"),
        quantity=D("500"),
    )
    assert result.customs_value == D("10840.00")
    assert result.duty == D("487.80")
    assert result.vat_base == D("11577.80")
    assert result.import_vat == D("2315.56")
    assert result.landed_cost == D("11577.80")  # VAT recoverable: not a cost (art. 168(e))
    assert result.landed_cost_per_unit == D("23.16")
    assert result.landed_cost_per_unit_exact == D("23.1556")


def test_other_taxes_enter_vat_base() -> None:
    """Art. 86(1)(a): excise and other import taxes are in the VAT base."""
    result = landed_cost(
        "EUR", D("1000"), duty_rate_pct=D("10"), vat_rate_pct=D("20"), other_taxes=D("50")
    )
    assert result.vat_base == D("1150.00")
    assert result.import_vat == D("230.00")


def test_duty_rounded_half_up_when_assessed() -> None:
    result = landed_cost("EUR", D("333.33"), duty_rate_pct=D("1.5"), vat_rate_pct=D("0"))
    assert result.duty == D("5.00")  # 4.99995 -> 5.00
    jpy = landed_cost("JPY", D("12345"), duty_rate_pct=D("3.3"), vat_rate_pct=D("10"))
    assert jpy.duty == D("407")  # 407.385


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"goods_value": D("-1")}, "goods_value"),
        ({"freight_to_border": D("-1")}, "freight_to_border"),
        ({"insurance_to_border": D("-1")}, "insurance_to_border"),
        ({"other_taxes": D("-1")}, "other_taxes"),
        ({"costs_after_border": D("-1")}, "costs_after_border"),
        ({"duty_rate_pct": D("-1")}, "duty_rate_pct"),
        ({"vat_rate_pct": D("101")}, "vat_rate_pct"),
        ({"quantity": D("0")}, "quantity"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_bad_input(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"currency": "EUR", "goods_value": D("100")}
    args.update(kwargs)
    currency = args.pop("currency")
    goods = args.pop("goods_value")
    with pytest.raises(TradeInputError) as caught:
        landed_cost(currency, goods, **args)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_guidance_for_every_rule() -> None:
    for code in RULE_CODES:
        assert border_guidance(code)
    assert "0" in border_guidance("cif")
    with pytest.raises(TradeInputError) as caught:
        border_guidance("XYZ")
    assert caught.value.field == "incoterm"


def test_carriage_after_the_border_is_out_of_the_duty_base_and_in_the_vat_base() -> None:
    result = landed_cost(
        "EUR",
        D("10000.00"),
        duty_rate_pct=D("4.5"),
        vat_rate_pct=D("20"),
        carriage_after_border=D("300.00"),
    )
    assert result.customs_value == D("9700.00")
    assert result.duty == D("436.50")
    assert result.vat_base == D("10436.50")
    assert result.import_vat == D("2087.30")
    assert result.landed_cost == D("10436.50")  # the 300 counted once, in the price
    assert any("art. 72(a)" in step and "300.00" in step for step in result.steps)
    assert any("86(1)(b)" in step for step in result.steps)
    # Each step is a catalogue message (its French is checked in calculators/tests/test_texts.py).
    assert all(isinstance(step, Text) and step.msgid for step in result.steps)


def test_carriage_after_the_border_paid_by_the_importer_is_added_to_vat_base_and_cost() -> None:
    """Bought FOB, the importer pays the haulier from the port to the warehouse: 300."""
    result = landed_cost(
        "EUR",
        D("10000.00"),
        duty_rate_pct=D("4.5"),
        vat_rate_pct=D("20"),
        carriage_after_border=D("300.00"),
        carriage_after_border_in_price=False,
    )
    assert result.customs_value == D("10000.00")
    assert result.duty == D("450.00")
    assert result.vat_base == D("10750.00")
    assert result.landed_cost == D("10750.00")


def test_carriage_in_the_price_cannot_exceed_the_price() -> None:
    with pytest.raises(TradeInputError) as caught:
        landed_cost("EUR", D("100"), carriage_after_border=D("100.01"))
    assert caught.value.field == "carriage_after_border"


def test_guidance_after_the_border_names_the_carriage_input_in_both_languages() -> None:
    for code in ("CPT", "CIP", "DAP", "DPU", "CIF", "CFR"):
        assert "carriage_after_border" in border_guidance(code)
        assert "86(1)(b)" in border_guidance(code)
    for code in ("EXW", "FCA", "FAS", "FOB"):
        assert "carriage_after_border_in_price off" in border_guidance(code)
    for code in RULE_CODES:
        assert isinstance(border_guidance(code), Text)


money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
pct = st.decimals(min_value=0, max_value=30, places=1, allow_nan=False, allow_infinity=False)


@settings(max_examples=80, deadline=None)
@given(money, money, money, pct, pct, money, st.booleans())
def test_landed_cost_properties(
    goods: Decimal,
    freight: Decimal,
    insurance: Decimal,
    duty: Decimal,
    vat: Decimal,
    after: Decimal,
    recoverable: bool,
) -> None:
    """Landed cost >= customs value + duty; includes VAT exactly when not recoverable."""
    result = landed_cost(
        "EUR",
        goods,
        freight_to_border=freight,
        insurance_to_border=insurance,
        duty_rate_pct=duty,
        vat_rate_pct=vat,
        costs_after_border=after,
        vat_recoverable=recoverable,
    )
    assert result.customs_value == goods + freight + insurance
    assert result.vat_base == result.customs_value + result.duty + after
    assert result.landed_cost == result.vat_base + (0 if recoverable else result.import_vat)
    assert abs(result.duty - result.customs_value * duty / 100) <= D("0.005")


@settings(max_examples=150, deadline=None)
@given(money, money, money, pct, pct, money, money, money, st.booleans(), st.booleans())
def test_post_border_carriage_is_out_of_the_customs_value_and_in_the_vat_base(
    goods: Decimal,
    freight: Decimal,
    insurance: Decimal,
    duty: Decimal,
    vat: Decimal,
    other: Decimal,
    after: Decimal,
    carriage: Decimal,
    in_price: bool,
    recoverable: bool,
) -> None:
    """VAT base = customs value + duty + other taxes + post-border carriage + other costs;
    the carriage never enters the customs value, and the landed cost counts it once."""
    if in_price:
        carriage = min(carriage, goods)
    result = landed_cost(
        "EUR",
        goods,
        freight_to_border=freight,
        insurance_to_border=insurance,
        duty_rate_pct=duty,
        vat_rate_pct=vat,
        other_taxes=other,
        costs_after_border=after,
        carriage_after_border=carriage,
        carriage_after_border_in_price=in_price,
        vat_recoverable=recoverable,
    )
    goods_without_carriage = goods - carriage if in_price else goods
    assert result.customs_value == goods_without_carriage + freight + insurance
    assert result.vat_base == result.customs_value + result.duty + other + carriage + after
    paid = goods + freight + insurance + result.duty + other + after
    paid += Decimal(0) if in_price else carriage
    assert result.landed_cost == paid + (0 if recoverable else result.import_vat)
    # Duty is on the customs value, never on the carriage after the border.
    assert abs(result.duty - result.customs_value * duty / 100) <= D("0.005")
