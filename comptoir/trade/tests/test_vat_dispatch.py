"""VAT decided by where the goods go (issue 9, item 1), terms beyond the legal ceiling (item 4)
and late-payment rates per half-year (item 8).

Worked cases: a German client with a valid VAT number delivered in Lyon pays French VAT
(CGI art. 256 I, 258 I a: the goods never leave France); a Swiss client delivered in Lyon too;
a French client whose goods are shipped to New York is an export (CGI art. 262 I).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import keyrates
from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import (
    EU_MEMBER_STATES,
    Dispatch,
    SpecialCase,
    TermBasis,
    VatCase,
    check_term_basis,
    payment_term_excess,
    vat_for_dispatch,
)

D = Decimal
DE_VAT = "DE136695976"


def test_german_client_delivered_in_lyon_pays_french_vat() -> None:
    result = vat_for_dispatch(Dispatch("FR", "FR", "DE", DE_VAT))
    assert result.case is VatCase.DOMESTIC
    assert result.rate == D("20")
    assert result.mention_fr == "" and result.vat_category == "S"


def test_swiss_client_delivered_in_lyon_is_not_an_export() -> None:
    result = vat_for_dispatch(Dispatch("FR", "FR", "CH"))
    assert result.case is VatCase.DOMESTIC
    assert result.rate == D("20")


def test_french_client_shipping_to_new_york_is_an_export() -> None:
    result = vat_for_dispatch(Dispatch("FR", "US", "FR", "FR40303265045"))
    assert result.case is VatCase.EXPORT
    assert result.rate == 0 and result.exemption_code == "VATEX-EU-G"


def test_german_client_delivered_in_germany_is_exempt() -> None:
    result = vat_for_dispatch(Dispatch("FR", "DE", "DE", DE_VAT))
    assert result.case is VatCase.INTRA_EU_B2B
    assert result.review == ()


def test_vat_number_of_another_state_than_arrival_is_flagged() -> None:
    result = vat_for_dispatch(Dispatch("FR", "IT", "DE", DE_VAT))
    assert result.case is VatCase.INTRA_EU_B2B
    assert [p.code for p in result.review] == ["vat_number_other_state"]
    assert "141" in result.review[0].rule
    assert "IT" in result.review[0].text("fr") and "IT" in result.review[0].text("en")


def test_french_vat_number_on_goods_to_another_state_pays_french_vat_and_is_flagged() -> None:
    result = vat_for_dispatch(Dispatch("FR", "BE", "FR", "FR40303265045"))
    assert result.case is VatCase.INTRA_EU_B2C
    assert result.rate == D("20")
    assert [p.code for p in result.review] == ["french_vat_number"]


def test_goods_leaving_from_abroad_are_outside_french_vat_and_flagged() -> None:
    result = vat_for_dispatch(Dispatch("CN", "DE", "DE", DE_VAT))
    assert result.case is VatCase.OUTSIDE_SCOPE
    assert result.rate == 0
    assert "258 I" in result.mention_fr
    assert "departure_abroad" in [p.code for p in result.review]


@pytest.mark.parametrize("special", [c for c in SpecialCase if c is not SpecialCase.NONE])
def test_special_cases_are_flagged_with_their_rule(special: SpecialCase) -> None:
    result = vat_for_dispatch(Dispatch("FR", "DE", "DE", DE_VAT, special))
    assert result.review, special
    point = result.review[0]
    assert point.rule and point.text_fr and point.text_en


def test_bad_dispatch_names_the_field() -> None:
    with pytest.raises(TradeInputError) as excinfo:
        vat_for_dispatch(Dispatch("FR", "ZZ", "DE"))
    assert excinfo.value.field == "arrival_country"
    with pytest.raises(TradeInputError) as excinfo:
        vat_for_dispatch(Dispatch("XX", "DE", "DE"))
    assert excinfo.value.field == "departure_country"
    with pytest.raises(TradeInputError) as excinfo:
        vat_for_dispatch(Dispatch("FR", "DE", "DE", "CHE123"))
    assert excinfo.value.field == "buyer_vat_number"


COUNTRIES = sorted(EU_MEMBER_STATES | {"MC", "CH", "US", "CN", "GB", "NO", "MA"})


@given(
    arrival=st.sampled_from(COUNTRIES),
    buyer=st.sampled_from(COUNTRIES),
    number=st.sampled_from(["", DE_VAT, "FR40303265045", "EL094259216"]),
)
def test_the_buyer_country_never_decides_the_case(arrival: str, buyer: str, number: str) -> None:
    """Only the arrival country and the VAT number matter, never the buyer's country; goods
    arriving in France or Monaco always pay French VAT; outside the EU always export."""
    result = vat_for_dispatch(Dispatch("FR", arrival, buyer, number))
    same = vat_for_dispatch(Dispatch("FR", arrival, "FR", number))
    assert (result.case, result.rate) == (same.case, same.rate)
    if arrival in {"FR", "MC"}:
        assert result.case is VatCase.DOMESTIC and result.rate == D("20")
    elif arrival not in EU_MEMBER_STATES:
        assert result.case is VatCase.EXPORT and result.rate == 0
    else:
        exempt = number not in ("", "FR40303265045")
        assert (result.case is VatCase.INTRA_EU_B2B) == exempt


# --- payment terms beyond the ceiling --------------------------------------------------------


def test_term_excess_names_the_ceiling_and_rule() -> None:
    assert payment_term_excess(60, False) is None
    assert payment_term_excess(45, True) is None
    over = payment_term_excess(90, False)
    assert over is not None and over.ceiling == "60 days" and "L441-10 I" in over.rule
    assert "90 jours" in over.text("fr") and "90 days" in over.text("en")
    eom = payment_term_excess(60, True)
    assert eom is not None and eom.ceiling == "45 days end of month"


def test_grounds_for_a_term_beyond_the_ceiling() -> None:
    check_term_basis(TermBasis.FOREIGN_LAW, 90, False, VatCase.EXPORT, "")
    check_term_basis(TermBasis.EXPORT_PURCHASE_90_DAYS, 90, False, VatCase.DOMESTIC, "")
    check_term_basis(TermBasis.OTHER, 90, False, VatCase.DOMESTIC, "Contract of 3 May")
    with pytest.raises(TradeInputError, match="stay in France"):
        check_term_basis(TermBasis.FOREIGN_LAW, 90, False, VatCase.DOMESTIC, "")
    with pytest.raises(TradeInputError, match="L441-11"):
        check_term_basis(TermBasis.EXPORT_PURCHASE_90_DAYS, 91, False, VatCase.DOMESTIC, "")
    with pytest.raises(TradeInputError) as excinfo:
        check_term_basis(TermBasis.OTHER, 90, False, VatCase.DOMESTIC, "  ")
    assert excinfo.value.field == "term_reason"
    with pytest.raises(TradeInputError) as excinfo:
        check_term_basis("whatever", 90, False, VatCase.DOMESTIC, "x")
    assert excinfo.value.field == "term_basis"


# --- late payment per half-year --------------------------------------------------------------


def test_reference_rate_is_the_rate_on_1_january_or_1_july() -> None:
    # 4.50 % in force on 1 January 2024 (since 20 September 2023); 4.25 % on 1 July 2024.
    assert keyrates.reference_rate(date(2024, 3, 15)) == D("4.50")
    assert keyrates.reference_rate(date(2024, 6, 30)) == D("4.50")  # cut on 12 June ignored
    assert keyrates.reference_rate(date(2024, 7, 1)) == D("4.25")
    assert keyrates.reference_rate(date(2025, 1, 1)) == D("3.15")
    assert keyrates.reference_rate(date(2025, 7, 1)) == D("2.15")


def test_unknown_half_year_asks_for_the_rate_and_uses_the_entered_one() -> None:
    with pytest.raises(TradeInputError) as excinfo:
        keyrates.reference_rate(date(2026, 8, 1))
    assert excinfo.value.field == "ecb_rate"
    assert keyrates.reference_rate(date(2026, 8, 1), {date(2026, 7, 1): D("2.15")}) == D("2.15")


def test_delay_across_1_july_uses_two_rates() -> None:
    """10,000 EUR due 15 June 2024, paid 15 July: 15 days at 14.50 % (4.50 + 10) and 15 days
    at 14.25 % (4.25 + 10): 10,000 x 14.5 % x 15/365 = 59.59; x 14.25 % x 15/365 = 58.56."""
    periods = keyrates.late_payment_periods(D("10000"), date(2024, 6, 15), date(2024, 7, 15), "EUR")
    assert [(p.days, p.penalty_rate, p.interest) for p in periods] == [
        (15, D("14.50"), D("59.59")),
        (15, D("14.25"), D("58.56")),
    ]
    assert periods[0].start == date(2024, 6, 16) and periods[-1].end == date(2024, 7, 15)


@given(
    due=st.dates(date(2012, 1, 1), date(2025, 6, 30)),
    delay=st.integers(0, 120),
)
def test_periods_cover_the_delay_exactly(due: date, delay: int) -> None:
    until = date.fromordinal(due.toordinal() + delay)
    periods = keyrates.late_payment_periods(D("1000"), due, until, "EUR")
    assert sum(p.days for p in periods) == delay
    for period in periods:
        assert keyrates.half_year_start(period.start) == keyrates.half_year_start(period.end)
        assert period.penalty_rate == keyrates.reference_rate(period.start) + 10
