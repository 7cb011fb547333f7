"""Currency exposure: flows and hedges per month, valuation at the ECB and budget rates.

Worked examples (figures computed by hand):

1. A sell forward of USD 100,000 at 1.0800 (USD per EUR) fixes 92,592.59 EUR. At maturity,
   with a spot of 1.1200 USD per EUR (0.892857 EUR per USD, the dollar fell), the same dollars
   are worth 89,285.71 EUR: the forward is worth +3,306.88 EUR. With a spot of 1.0500
   (0.952381 EUR per USD) the forward is worth -2,645.50 EUR; a bought put at the same strike
   is worth 0 then (not exercised).
2. Exposure on 15 March 2026: invoices USD 60,000 due 10 March (past: counts in March) and
   USD 40,000 due 20 April; a supplier payment of USD 30,000 on 5 April; a sell forward of
   USD 50,000 maturing 30 April. March: net 60,000, hedged 0, uncovered 60,000; April: net
   10,000, hedged 50,000, uncovered -40,000 (over-hedged). Total: net 70,000, hedged 50,000,
   uncovered 20,000, hedge ratio 71.43 %. At 0.92 EUR per USD (ECB) 18,400.00 EUR; at the
   budget rate 0.90, 18,000.00 EUR: +400.00 vs budget. The forward at 1.0800 fixes 46,296.30
   EUR against 45,000.00 at the budget rate: +1,296.30.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import fx_exposure as fxe
from comptoir.trade.errors import TradeInputError

D = Decimal


def _forward(amount: str, rate: str, side: str = "sell", kind: str = "forward") -> fxe.Hedge:
    return fxe.Hedge("USD", D(amount), side, D(rate), date(2026, 4, 30), kind)


def test_forward_value_worked_example() -> None:
    hedge = _forward("100000", "1.0800")
    assert fxe.forward_value(hedge, D(1) / D("1.12")) == D("3306.88")
    assert fxe.forward_value(hedge, D(1) / D("1.05")) == D("-2645.50")
    put = _forward("100000", "1.0800", kind="option")
    assert fxe.forward_value(put, D(1) / D("1.05")) == D("0")


def test_buy_forward_is_the_mirror() -> None:
    sell = _forward("100000", "1.0800")
    buy = _forward("100000", "1.0800", side="buy")
    spot = D(1) / D("1.12")
    assert fxe.forward_value(buy, spot) == -fxe.forward_value(sell, spot)


def _worked() -> list[fxe.CurrencyExposure]:
    flows = [
        fxe.Flow("USD", D("60000"), date(2026, 3, 10), "receive", "invoice", "F-1"),
        fxe.Flow("USD", D("40000"), date(2026, 4, 20), "receive", "invoice", "F-2"),
        fxe.Flow("USD", D("30000"), date(2026, 4, 5), "pay", "payment", "PO-1"),
        fxe.Flow("EUR", D("99999"), date(2026, 4, 5), "receive", "invoice", "F-3"),
    ]
    hedges = [_forward("50000", "1.0800")]
    return fxe.exposure(flows, hedges, date(2026, 3, 15), {"USD": D("0.92")}, {"USD": D("0.90")})


def test_exposure_worked_example() -> None:
    (usd,) = _worked()
    assert usd.currency == "USD"
    march, april = usd.months
    assert (march.month, march.net, march.hedged, march.uncovered) == (
        "2026-03",
        D("60000"),
        D("0"),
        D("60000"),
    )
    assert (april.month, april.net, april.hedged, april.uncovered) == (
        "2026-04",
        D("10000"),
        D("50000"),
        D("-40000"),
    )
    assert (usd.net, usd.hedged, usd.uncovered) == (D("70000"), D("50000"), D("20000"))
    assert usd.hedge_ratio == D("71.43")
    assert usd.uncovered_at_spot == D("18400.00")
    assert usd.uncovered_at_budget == D("18000.00")
    assert usd.gain_vs_budget == D("400.00")
    (value,) = usd.hedges
    assert value.eur_at_contract == D("46296.30")
    assert value.result_vs_budget == D("1296.30")
    assert usd.hedges_vs_budget == D("1296.30")


def test_no_rate_means_no_valuation() -> None:
    (usd,) = fxe.exposure(
        [fxe.Flow("USD", D("10"), date(2026, 3, 1), "receive")], [], date(2026, 3, 1), {}, {}
    )
    assert usd.uncovered_at_spot is None and usd.gain_vs_budget is None


def test_hedge_in_euro_is_refused() -> None:
    with pytest.raises(TradeInputError) as caught:
        fxe.exposure(
            [],
            [fxe.Hedge("EUR", D("1"), "sell", D("1"), date(2026, 1, 1))],
            date(2026, 1, 1),
            {},
            {},
        )
    assert caught.value.field == "hedges.0.currency"


def test_bad_flow_names_the_field() -> None:
    with pytest.raises(TradeInputError) as caught:
        fxe.exposure(
            [fxe.Flow("USD", D("-1"), date(2026, 1, 1), "receive")], [], date(2026, 1, 1), {}, {}
        )
    assert caught.value.field == "flows.0.amount"
    with pytest.raises(TradeInputError) as caught:
        fxe.exposure(
            [],
            [fxe.Hedge("USD", D("1"), "sell", D("0"), date(2026, 1, 1))],
            date(2026, 1, 1),
            {},
            {},
        )
    assert caught.value.field == "hedges.0.rate"


def test_months_between() -> None:
    assert list(fxe.months_between("2026-11", "2027-02")) == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]


money = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False)
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))
flow = st.builds(
    fxe.Flow,
    currency=st.sampled_from(["USD", "GBP", "JPY"]),
    amount=money,
    on=days,
    direction=st.sampled_from(["receive", "pay"]),
)
hedge = st.builds(
    fxe.Hedge,
    currency=st.sampled_from(["USD", "GBP"]),
    amount=money,
    side=st.sampled_from(["sell", "buy"]),
    rate=st.decimals(min_value=D("0.01"), max_value=200, places=4),
    maturity=days,
    kind=st.sampled_from(["forward", "option"]),
)


@given(st.lists(flow, max_size=30), st.lists(hedge, max_size=10), days)
def test_months_add_up_to_the_totals(
    flows: list[fxe.Flow], hedges: list[fxe.Hedge], as_of: date
) -> None:
    result = fxe.exposure(flows, hedges, as_of, {}, {})
    for cur in result:
        receipts = sum(
            (f.amount for f in flows if f.currency == cur.currency and f.direction == "receive"),
            D(0),
        )
        payments = sum(
            (f.amount for f in flows if f.currency == cur.currency and f.direction == "pay"), D(0)
        )
        assert (cur.receipts, cur.payments) == (receipts, payments)
        assert cur.uncovered == cur.net - cur.hedged
        assert all(m.month >= fxe.month_key(as_of) for m in cur.months)
        assert [m.month for m in cur.months] == sorted(m.month for m in cur.months)


@given(hedge, st.decimals(min_value=D("0.001"), max_value=500, places=6))
def test_option_is_never_worth_less_than_zero(h: fxe.Hedge, spot: Decimal) -> None:
    as_option = fxe.Hedge(h.currency, h.amount, h.side, h.rate, h.maturity, "option")
    as_forward = fxe.Hedge(h.currency, h.amount, h.side, h.rate, h.maturity, "forward")
    assert fxe.forward_value(as_option, spot) >= 0
    assert fxe.forward_value(as_option, spot) == max(fxe.forward_value(as_forward, spot), D(0))
