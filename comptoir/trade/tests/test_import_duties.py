"""Import duties: the tariff lookup rule, the line arithmetic, postponed VAT, the broker check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.import_duties import (
    BrokerFigures,
    LineInput,
    TariffRow,
    compare,
    compute_entry,
    compute_line,
    lookup,
)
from comptoir.trade.special_procedures import carnet_expiry, returned_goods_deadline

D = Decimal
DAY = dt.date(2026, 3, 10)

TABLE = [
    TariffRow("8481", "third_country", D("2.2")),
    TariffRow("848180", "third_country", D("2.2")),
    TariffRow("84818085", "third_country", D("1.7"), valid_from=dt.date(2026, 1, 1)),
    TariffRow("84818085", "third_country", D("2.2"), valid_to=dt.date(2025, 12, 31)),
    TariffRow("8481", "preferential", D("0"), agreement="EU-JP"),
    TariffRow("84818085", "preferential", D("0"), agreement="EU-KR", origin="KR"),
    TariffRow("7318", "third_country", D("3.7")),
    TariffRow("7318", "anti_dumping", D("22.1"), origin="CN"),
    TariffRow("7318", "anti_dumping", D("54.1"), origin="CN", producer="Ningbo Jinding"),
    TariffRow("7318", "anti_dumping", D("39.6"), origin="CN", producer="Jiangsu Yongyi"),
]


def test_most_specific_code_valid_on_the_day() -> None:
    match = lookup(TABLE, cn_code="84818085", origin="CN", day=DAY)
    assert match.duty is not None and match.duty.ad_valorem_pct == D("1.7")
    old = lookup(TABLE, cn_code="84818085", origin="CN", day=dt.date(2025, 6, 1))
    assert old.duty is not None and old.duty.ad_valorem_pct == D("2.2")
    heading = lookup(TABLE, cn_code="84819000", origin="CN", day=DAY)
    assert heading.duty is not None and heading.duty.code == "8481"


def test_preference_only_with_a_proof_of_origin() -> None:
    without = lookup(TABLE, cn_code="84818085", origin="JP", day=DAY, agreement="EU-JP")
    assert without.duty is not None and without.duty.kind == "third_country"
    assert not without.preference_applied
    assert "without a proof of origin" in without.notes[0]
    with_proof = lookup(
        TABLE, cn_code="84818085", origin="JP", day=DAY, agreement="eu-jp", proof_of_origin=True
    )
    assert with_proof.preference_applied
    assert with_proof.duty is not None and with_proof.duty.ad_valorem_pct == 0


def test_preference_of_another_origin_does_not_apply() -> None:
    match = lookup(
        TABLE, cn_code="84818085", origin="JP", day=DAY, agreement="EU-KR", proof_of_origin=True
    )
    assert not match.preference_applied
    assert "No preferential rate under EU-KR" in match.notes[0]


def test_anti_dumping_per_producer_or_all_others() -> None:
    named = lookup(TABLE, cn_code="73181595", origin="CN", day=DAY, producer="ningbo jinding")
    assert named.anti_dumping is not None and named.anti_dumping.ad_valorem_pct == D("54.1")
    other = lookup(TABLE, cn_code="73181595", origin="CN", day=DAY, producer="Unknown Co")
    assert other.anti_dumping is not None and other.anti_dumping.ad_valorem_pct == D("22.1")
    assert "all other companies" in other.notes[0]
    elsewhere = lookup(TABLE, cn_code="73181595", origin="TW", day=DAY)
    assert elsewhere.anti_dumping is None


def test_missing_rate_is_said() -> None:
    match = lookup(TABLE, cn_code="94036010", origin="CN", day=DAY)
    assert match.duty is None
    assert "No third-country rate" in match.notes[0]


def test_bad_code() -> None:
    with pytest.raises(TradeInputError) as caught:
        lookup(TABLE, cn_code="84.81", origin="CN", day=DAY)
    assert caught.value.field == "cn_code"


def test_line_worked_example() -> None:
    # 10 000 USD at 1.0850 USD per EUR = 9 216.59 EUR; + freight 800 + insurance 30
    # + royalties 200 - transport after the border in the price 150 = 10 096.59 customs value
    # duty 1.7 % = 171.64; anti-dumping 22.1 % = 2 231.35; VAT base adds the transport after
    # the border (150) and the carriage to the warehouse (120): 12 769.58; VAT 20 % = 2 553.92
    line = LineInput(
        invoice_amount=D("10000"),
        currency="USD",
        exchange_rate=D("1.0850"),
        quantity=D("400"),
        freight_to_border=D("800"),
        insurance_to_border=D("30"),
        additions=D("200"),
        transport_after_border_in_price=D("150"),
        duty_pct=D("1.7"),
        anti_dumping_pct=D("22.1"),
        transport_to_destination=D("120"),
        vat_rate_pct=D("20"),
    )
    result = compute_line(line)
    assert result.invoice_value_eur == D("9216.59")
    assert result.customs_value == D("10096.59")
    assert result.duty == D("171.64")
    assert result.anti_dumping == D("2231.35")
    assert result.vat_base == D("12769.58")
    assert result.vat == D("2553.92")
    assert result.landed_cost == D("12769.58")
    assert result.landed_cost_per_unit == D("31.92")
    assert any("UCC art. 72" in step for step in result.steps)


def test_specific_duty_per_100_kg_and_per_item() -> None:
    per_mass = compute_line(
        LineInput(
            invoice_amount=D("1000"),
            net_mass_kg=D("250"),
            duty_pct=D("5"),
            specific_amount=D("12.50"),
            specific_unit="100kg",
        )
    )
    assert per_mass.duty == D("81.25")  # 50 + 2.5 x 12.50
    per_item = compute_line(
        LineInput(
            invoice_amount=D("1000"),
            quantity=D("10"),
            specific_amount=D("0.35"),
            specific_unit="pair",
        )
    )
    assert per_item.duty == D("3.50")
    with pytest.raises(TradeInputError) as caught:
        compute_line(LineInput(invoice_amount=D("1"), specific_amount=D("1"), specific_unit="kg"))
    assert caught.value.field == "net_mass_kg"


def test_postponed_vat_is_not_paid_in_cash() -> None:
    lines = [
        LineInput(invoice_amount=D("1000"), duty_pct=D("2"), vat_rate_pct=D("20")),
        LineInput(invoice_amount=D("500"), duty_pct=D("0"), vat_rate_pct=D("5.5")),
    ]
    postponed = compute_entry(lines, postponed_vat=True, broker_fees=D("90"))
    assert postponed.duty == D("20.00")
    assert postponed.vat == D("204.00") + D("27.50")
    assert postponed.cash_to_customs == D("20.00")
    assert postponed.vat_on_return == postponed.vat
    assert postponed.landed_per_line == (D("1080.00"), D("530.00"))
    paid = compute_entry(lines, postponed_vat=False)
    assert paid.cash_to_customs == D("20.00") + paid.vat
    assert paid.vat_on_return == 0


def test_broker_comparison_per_line_and_total() -> None:
    result = compute_entry(
        [
            LineInput(invoice_amount=D("1000"), duty_pct=D("2.7")),
            LineInput(invoice_amount=D("2000"), duty_pct=D("3.7")),
        ]
    )
    broker = [
        BrokerFigures(1, customs_value=D("1000.00"), duty=D("27.00"), vat=D("205.40")),
        BrokerFigures(2, customs_value=D("2000.00"), duty=D("74.40"), vat=D("414.88")),
    ]
    differences = compare(result, broker, tolerance=D("1"))
    by_key = {(d.position, d.figure): d for d in differences}
    assert (1, "duty") not in by_key
    assert by_key[(2, "duty")].amount == D("0.40")
    assert by_key[(2, "duty")].within_tolerance
    assert by_key[(0, "duty")].amount == D("0.40")
    assert by_key[(2, "vat")].amount == D("0.08")
    far = compare(result, [BrokerFigures(0, duty=D("150"))], tolerance=D("1"))
    assert len(far) == 1 and not far[0].within_tolerance
    with pytest.raises(TradeInputError):
        compare(result, [BrokerFigures(3, duty=D("1"))])


def test_negative_amounts_are_refused_by_name() -> None:
    with pytest.raises(TradeInputError) as caught:
        compute_line(LineInput(invoice_amount=D("1"), freight_to_border=D("-1")))
    assert caught.value.field == "freight_to_border"


def test_special_procedure_dates() -> None:
    assert carnet_expiry(dt.date(2026, 3, 1)) == dt.date(2027, 2, 28)
    assert carnet_expiry(dt.date(2028, 2, 29)) == dt.date(2029, 2, 27)
    with pytest.raises(TradeInputError):
        carnet_expiry(dt.date(2026, 3, 1), dt.date(2027, 3, 5))
    assert returned_goods_deadline(dt.date(2024, 2, 29)) == dt.date(2027, 2, 28)


amounts = st.decimals(min_value=0, max_value=10_000_000, places=2)
rates = st.decimals(min_value=0, max_value=100, places=2)


@given(amount=amounts, freight=amounts, duty=rates, vat=st.sampled_from(["20", "10", "5.5", "2.1"]))
def test_vat_base_adds_duty_to_customs_value(
    amount: Decimal, freight: Decimal, duty: Decimal, vat: str
) -> None:
    result = compute_line(
        LineInput(
            invoice_amount=amount, freight_to_border=freight, duty_pct=duty, vat_rate_pct=D(vat)
        )
    )
    assert result.customs_value == amount + freight
    assert result.vat_base == result.customs_value + result.duty
    assert abs(result.duty - result.customs_value * duty / 100) <= D("0.005")
    assert result.vat == (result.vat_base * D(vat) / 100).quantize(D("0.01"), "ROUND_HALF_UP")


@given(
    values=st.lists(st.tuples(amounts, rates), min_size=1, max_size=8),
    fees=st.decimals(min_value=0, max_value=100_000, places=2),
    postponed=st.booleans(),
)
def test_totals_are_the_sum_of_rounded_lines_and_fees_are_shared_exactly(
    values: list[tuple[Decimal, Decimal]], fees: Decimal, postponed: bool
) -> None:
    result = compute_entry(
        [LineInput(invoice_amount=v, duty_pct=r) for v, r in values],
        postponed_vat=postponed,
        broker_fees=fees,
    )
    assert result.duty == sum((line.duty for line in result.lines), D(0))
    assert (
        sum(result.landed_per_line, D(0))
        == sum((line.landed_cost for line in result.lines), D(0)) + fees
    )
    assert result.cash_to_customs + result.vat_on_return == result.duty + result.vat
