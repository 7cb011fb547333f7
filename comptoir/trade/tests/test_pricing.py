"""Price build-up: the Incoterms ladder, CIF/CIP insurance, margin, mark-up, commission.

Worked examples:

1. Export Montana, "Export Insurance ~ Formulas" (http://www.exportmontana.com/formulas.asp),
   example A: cost 17,050, freight 2,500, insurance rate 0.55 %, 110 % of CIF:
   premium 119.00, CIF 19,669.00, coverage 21,635.90.
2. Paige Logistics, "CIF" (https://www.paigelogistics.com/resources/shipping-incoterms/cif/):
   goods insured at 110 % of 100,000 = 110,000 at 0.5 % = premium 550.
3. The CIF formula of Chinese foreign-trade textbooks, CIF = CFR / [1 - (1 + markup) x rate]
   (e.g. https://51a.net/251849680.html); figures of the example chosen here.
4. Margin vs mark-up identities of commercial arithmetic: a 25 % mark-up is a 20 % margin;
   a 25 % margin on a cost of 75 gives 100.
5. Commission on the selling price (Council Directive 86/653/EEC art. 6-7): to keep 100 net
   of a 5 % commission the price is 100 / 0.95 = 105.26.
6. Currency minor units: the same ladder in JPY rounds to the yen, in KWD to the fils.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.pricing import (
    LADDER_COST_ITEMS,
    agent_commission,
    insurance_gross_up,
    margin_analysis,
    margin_rate_from_markup,
    markup_rate_from_margin,
    price_before_commission,
    price_ladder,
    selling_price_from_margin,
    selling_price_from_markup,
)

D = Decimal


def test_export_montana_example_a() -> None:
    """Export Montana example A: C 17,050 + F 2,500 at 0.55 %, 110 %: premium 119.00."""
    ladder = price_ladder("USD", D("17050"), {"main_carriage": D("2500")}, D("0.0055"), D("110"))
    assert ladder.prices["CFR"] == D("19550.00")
    assert ladder.prices["CIF"] == D("19669.00")
    assert ladder.insurance_premium_cif == D("119.00")
    assert ladder.insured_value_cif == D("21635.90")


def test_paige_logistics_110_pct_of_100000_at_half_percent() -> None:
    """Paige Logistics: 110 % of a 100,000 CIF value at 0.5 % is a premium of 550."""
    cfr = D("100000") * (1 - D("0.005") * D("1.1"))  # 99,450: the CFR that yields CIF 100,000
    ladder = price_ladder("USD", cfr, {}, D("0.005"), D("110"))
    assert ladder.prices["CIF"] == D("100000.00")
    assert ladder.insurance_premium_cif == D("550.00")
    assert ladder.insured_value_cif == D("110000.00")


def test_textbook_cif_formula() -> None:
    """CIF = CFR / [1 - (1 + 10 %) x 1 %]: CFR 1,000 gives CIF 1,011.12 (premium 11.12)."""
    assert insurance_gross_up(D("1000"), D("0.01"), D("110")).quantize(D("0.01")) == D("1011.12")
    ladder = price_ladder("EUR", D("900"), {"main_carriage": D("100")}, D("0.01"))
    assert ladder.prices["CIF"] == D("1011.12")
    assert ladder.insurance_premium_cif == D("11.12")


def test_issue_ladder() -> None:
    """The ladder of issue 3, step by step, with every cost item."""
    costs = {
        "loading_at_origin": D("150"),
        "export_clearance": D("80"),
        "pre_carriage": D("400"),
        "origin_handling": D("250"),
        "main_carriage": D("1800"),
        "destination_handling": D("300"),
        "on_carriage": D("350"),
        "unloading_at_destination": D("120"),
        "import_clearance": D("90"),
        "import_duties_taxes": D("650"),
    }
    ladder = price_ladder("EUR", D("10000.00"), costs, D("0.003"), D("110"))
    p = ladder.prices
    assert p["EXW"] == D("10000.00")
    assert p["FCA"] == D("10230.00")
    assert p["FAS"] == D("10630.00")
    assert p["FOB"] == D("10880.00")
    assert p["CFR"] == D("12680.00")
    assert p["CIF"] == D("12721.98")  # 12680 / 0.9967 = 12721.982...
    assert p["CPT"] == D("13330.00")
    assert p["CIP"] == D("13374.13")  # 13330 / 0.9967 = 13374.129...
    assert p["DAP"] == p["CPT"]
    assert p["DPU"] == D("13450.00")
    assert p["DDP"] == D("14070.00")
    assert list(p) == ["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"]
    assert ladder.insurance_premium_cip == D("44.13")
    assert any("CIF = CFR" in step for step in ladder.steps)


def test_rounding_at_the_end_only_in_jpy_and_kwd() -> None:
    """Minor units: yen without decimals, Kuwaiti dinar with three."""
    jpy = price_ladder("JPY", D("1000000"), {"main_carriage": D("55555")}, D("0.003"))
    assert jpy.prices["CIF"] == D("1059050")  # 1,055,555 / 0.9967 = 1,059,049.86 -> 1,059,050 yen
    assert jpy.insurance_premium_cif == D("3495")
    kwd = price_ladder("KWD", D("1000.1234"), {}, D("0"))
    assert kwd.prices["EXW"] == D("1000.123")
    assert kwd.prices["CIF"] == D("1000.123")


def test_margin_and_markup() -> None:
    """25 % margin on a cost of 75 gives 100; a 25 % mark-up is a 20 % margin."""
    assert selling_price_from_margin(D("75"), D("0.25")) == D("100")
    assert selling_price_from_markup(D("80"), D("0.25")) == D("100")
    assert margin_rate_from_markup(D("0.25")) == D("0.2")
    assert markup_rate_from_margin(D("0.2")) == D("0.25")
    analysis = margin_analysis(D("75"), D("100"))
    assert (analysis.margin, analysis.margin_rate) == (D("25"), D("0.25"))
    assert analysis.markup_rate is not None and analysis.markup_rate.quantize(D("0.0001")) == D(
        "0.3333"
    )
    assert margin_analysis(D("0"), D("0")).margin_rate is None


def test_commission_on_selling_price() -> None:
    """A 5 % commission on the selling price: 100 net needs 105.26; commission 5.26."""
    gross = price_before_commission(D("100"), D("0.05"))
    assert gross.quantize(D("0.01")) == D("105.26")
    assert agent_commission(gross, D("0.05")).quantize(D("0.01")) == D("5.26")
    assert agent_commission(D("12721.98"), D("0.05")) == D("636.0990")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"exw": D("-1")}, "exw"),
        ({"costs": {"main_carriage": D("-5")}}, "costs.main_carriage"),
        ({"costs": {"insurance": D("5")}}, "costs.insurance"),
        ({"costs": {"freight": D("5")}}, "costs.freight"),
        ({"insurance_rate": D("-0.01")}, "insurance_rate"),
        ({"insurance_rate": D("1")}, "insurance_rate"),
        ({"insured_pct": D("100")}, "insured_pct"),
        ({"insurance_rate": D("0.9"), "insured_pct": D("120")}, "insurance_rate"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "currency": "EUR",
        "exw": D("100"),
        "costs": {},
        "insurance_rate": D("0.003"),
        "insured_pct": D("110"),
    }
    args.update(kwargs)
    with pytest.raises(TradeInputError) as caught:
        price_ladder(**args)  # type: ignore[arg-type]
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: selling_price_from_margin(D("10"), D("1")), "margin_rate"),
        (lambda: selling_price_from_margin(D("-1"), D("0.2")), "cost_price"),
        (lambda: selling_price_from_markup(D("10"), D("-0.1")), "markup_rate"),
        (lambda: selling_price_from_markup(D("-10"), D("0.1")), "cost_price"),
        (lambda: margin_rate_from_markup(D("-0.1")), "markup_rate"),
        (lambda: agent_commission(D("10"), D("1.5")), "commission_rate"),
        (lambda: agent_commission(D("-10"), D("0.1")), "exw"),
        (lambda: margin_analysis(D("-1"), D("1")), "cost_price"),
        (lambda: margin_analysis(D("1"), D("-1")), "exw"),
    ],
)
def test_bad_rates(call: object, field: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
rates = st.decimals(
    min_value=0, max_value=D("0.05"), places=4, allow_nan=False, allow_infinity=False
)
pcts = st.decimals(min_value=110, max_value=150, places=0, allow_nan=False, allow_infinity=False)


@settings(max_examples=80, deadline=None)
@given(amounts, st.fixed_dictionaries({item: amounts for item in LADDER_COST_ITEMS}), rates, pcts)
def test_ladder_properties(
    exw: Decimal, costs: dict[str, Decimal], rate: Decimal, pct: Decimal
) -> None:
    """Prices never decrease along the ladder; CIF premium = rate x pct x CIF to the cent."""
    ladder = price_ladder("EUR", exw, costs, rate, pct)
    p = ladder.prices
    for chain in (
        ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF"),
        ("FOB", "CPT", "CIP"),
        ("CFR", "CPT", "DAP", "DPU"),
        ("DAP", "DDP"),
    ):
        values = [p[code] for code in chain]
        assert values == sorted(values), chain
    assert p["CIP"] >= p["CPT"]
    # premium: rate x insured % x CIF, to the cent; and CFR + premium = CIF exactly
    expected = (rate * pct / 100 * p["CIF"]).quantize(D("0.01"))
    assert abs(ladder.insurance_premium_cif - expected) <= D("0.01")
    assert p["CFR"] + ladder.insurance_premium_cif == p["CIF"]
    assert p["CPT"] + ladder.insurance_premium_cip == p["CIP"]
    for value in p.values():
        assert value == value.quantize(D("0.01"))


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(
        min_value=D("0.01"), max_value=10**6, places=2, allow_nan=False, allow_infinity=False
    ),
    st.decimals(min_value=0, max_value=D("0.95"), places=3, allow_nan=False, allow_infinity=False),
)
def test_margin_markup_round_trip(cost: Decimal, margin: Decimal) -> None:
    """Price from a margin, then the margin of that price, gives the margin back."""
    price = selling_price_from_margin(cost, margin)
    analysis = margin_analysis(cost, price)
    assert analysis.margin_rate is not None
    assert abs(analysis.margin_rate - margin) < D("1e-20")
    markup = markup_rate_from_margin(margin)
    assert abs(selling_price_from_markup(cost, markup) - price) < D("1e-15")
