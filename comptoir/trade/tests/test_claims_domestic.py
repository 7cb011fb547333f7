"""French domestic road carriage and total loss under every convention.

Worked examples from the texts:

1. Code de commerce art. L133-3: reasoned protest within 3 days after receipt, public holidays
   not counted. Receipt Thursday 30 April 2026: 1 May (holiday) not counted; 2, 3 and 4 May
   counted -> Monday 4 May 2026. Receipt Monday 2 March 2026 -> Thursday 5 March 2026.
2. Contrat type général (décret n° 2017-461, annex art. 22.1), consignment under 3 t:
   33 EUR/kg, at most 1,000 EUR per package: 2 cartons of 60 kg damaged -> lower of
   3,960 EUR and 2,000 EUR = 2,000 EUR.
3. Consignment of 12 t, 500 kg short: lower of 20 x 500 = 10,000 EUR and 3,200 x 12 =
   38,400 EUR -> 10,000 EUR; 12 t of 12 t lost -> lower of 240,000 and 38,400 -> 38,400 EUR.
4. Delay (art. 23): at most the price of carriage.
5. Art. L133-6: one year; for total loss from the day the goods should have been delivered.
6. CMR art. 32 §1 b: total loss, agreed time limit 2 March 2026 -> the year runs from the
   30th day after (1 April 2026) -> 1 April 2027.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from comptoir.trade.claims import add_days_excluding_holidays, claim
from comptoir.trade.errors import TradeInputError

D = Decimal
KINDS = ("apparent_damage", "hidden_damage", "partial_loss", "delay", "total_loss")


def test_protest_skips_public_holidays_but_counts_sundays() -> None:
    result = claim("FR_DOMESTIC", date(2026, 4, 30), "hidden_damage", D("100"))
    assert result.notice_deadline == date(2026, 5, 4)
    assert "L133-3" in result.notice
    assert claim("FR_DOMESTIC", date(2026, 3, 2), "apparent_damage", D("1")).notice_deadline == (
        date(2026, 3, 5)
    )
    assert add_days_excluding_holidays("FR", date(2026, 12, 24), 3) == date(2026, 12, 28)


def test_under_three_tonnes_per_kg_and_per_package() -> None:
    result = claim(
        "FR_DOMESTIC",
        date(2026, 3, 2),
        "apparent_damage",
        D("120"),
        packages=2,
        consignment_weight_kg=D("800"),
    )
    assert result.liability_cap == D("2000.00")
    assert result.eur_per_kg == 33 and result.sdr_per_kg is None
    assert result.liability_cap_sdr is None and result.currency == "EUR"
    assert result.time_bar_date == date(2027, 3, 2)
    assert result.time_bar_wilful_misconduct is None
    assert "2017-461" in result.rule
    no_packages = claim("FR_DOMESTIC", date(2026, 3, 2), "partial_loss", D("10"))
    assert no_packages.liability_cap == D("330.00")


def test_from_three_tonnes_per_kg_and_per_tonne() -> None:
    short = claim(
        "FR_DOMESTIC", date(2026, 3, 2), "partial_loss", D("500"), consignment_weight_kg=D("12000")
    )
    assert short.liability_cap == D("10000.00") and short.eur_per_kg == 20
    lost = claim(
        "FR_DOMESTIC", date(2026, 3, 2), "total_loss", D("12000"), consignment_weight_kg=D("12000")
    )
    assert lost.liability_cap == D("38400.00")
    assert lost.notice_deadline is None
    assert lost.time_bar_date == date(2027, 3, 2)


def test_delay_is_capped_at_the_price_of_carriage() -> None:
    delay = claim("FR_DOMESTIC", date(2026, 3, 2), "delay", D("800"), carriage_charges=D("450"))
    assert delay.liability_cap == D("450") and delay.notice_deadline is None
    assert "art. 23" in delay.steps[-1]
    unknown = claim("FR_DOMESTIC", date(2026, 3, 2), "delay", D("800"))
    assert unknown.liability_cap is None


def test_domestic_limits_are_in_euros_and_start_with_the_2017_contract() -> None:
    with pytest.raises(TradeInputError) as caught:
        claim("FR_DOMESTIC", date(2026, 3, 2), "delay", D("1"), currency="USD")
    assert caught.value.field == "currency"
    with pytest.raises(TradeInputError) as caught:
        claim("FR_DOMESTIC", date(2017, 4, 30), "delay", D("1"))
    assert caught.value.field == "delivery_date"
    with pytest.raises(TradeInputError) as caught:
        claim("FR_DOMESTIC", date(2026, 3, 2), "delay", D("1"), consignment_weight_kg=D("-1"))
    assert caught.value.field == "consignment_weight_kg"


def test_total_loss_under_the_conventions() -> None:
    cmr = claim("CMR", date(2026, 3, 2), "total_loss", D("500"), sdr_rate=D("1.2"))
    assert cmr.notice_deadline is None
    assert cmr.time_bar_date == date(2027, 4, 1)
    assert cmr.time_bar_wilful_misconduct == date(2029, 4, 1)
    assert cmr.liability_cap == D("4998.00")
    air = claim("MONTREAL", date(2026, 3, 2), "total_loss", D("100"))
    assert air.notice_deadline is None and air.time_bar_date == date(2028, 3, 2)
    assert air.liability_cap_sdr == D("2600.00")
    sea = claim("HAGUE_VISBY", date(2026, 3, 2), "total_loss", D("100"), packages=1)
    assert sea.notice_deadline is None and sea.time_bar_date == date(2027, 3, 2)


weights = st.decimals(min_value=0, max_value=50000, places=3, allow_nan=False)


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(("CMR", "MONTREAL", "HAGUE_VISBY", "FR_DOMESTIC")),
    st.sampled_from(KINDS),
    st.dates(min_value=date(2017, 5, 1), max_value=date(2040, 12, 31)),
    weights,
)
def test_deadlines_never_before_delivery(
    convention: str, kind: str, delivered: date, weight: Decimal
) -> None:
    result = claim(convention, delivered, kind, weight, packages=3, sdr_rate=D("1.2"))
    assert result.time_bar_date > delivered
    if result.notice_deadline is not None:
        assert delivered <= result.notice_deadline < result.time_bar_date
    if result.time_bar_wilful_misconduct is not None:
        assert result.time_bar_wilful_misconduct > result.time_bar_date


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(("apparent_damage", "hidden_damage", "partial_loss", "total_loss")),
    weights,
    weights,
    weights,
    st.one_of(st.none(), st.integers(min_value=0, max_value=200)),
)
def test_domestic_cap_is_monotone_in_the_weight_concerned(
    kind: str, first: Decimal, second: Decimal, consignment: Decimal, packages: int | None
) -> None:
    """For one consignment, more weight lost or damaged never lowers the cap, and the cap never
    exceeds 33 EUR/kg (under 3 t) or 3,200 EUR per tonne of the consignment (from 3 t)."""
    light, heavy = sorted((first, second))
    assume(heavy <= consignment)

    def cap(weight: Decimal) -> Decimal:
        result = claim(
            "FR_DOMESTIC",
            date(2026, 3, 2),
            kind,
            weight,
            packages=packages,
            consignment_weight_kg=consignment,
        )
        assert result.liability_cap is not None
        return result.liability_cap

    assert cap(light) <= cap(heavy)
    if consignment < 3000:
        assert cap(heavy) <= (33 * heavy).quantize(D("0.01")) + D("0.01")
        if packages is not None:
            assert cap(heavy) <= 1000 * packages
    else:
        assert cap(heavy) <= (D("3.2") * consignment).quantize(D("0.01")) + D("0.01")
        assert cap(heavy) <= (20 * heavy).quantize(D("0.01")) + D("0.01")
