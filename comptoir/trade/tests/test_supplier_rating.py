"""Supplier performance rules: OTIF, lead-time reliability, incident rate, price trend,
yearly review (méthode des scores)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import supplier_rating as sr
from comptoir.trade.errors import TradeInputError

D = Decimal
DAY = dt.date(2026, 3, 2)


def fact(late: int, ordered: str = "100", accepted: str = "100", **kw: object) -> sr.DeliveryFact:
    return sr.DeliveryFact(
        promised=DAY,
        delivered=DAY + dt.timedelta(days=late),
        ordered=D(ordered),
        accepted=D(accepted),
        **kw,  # type: ignore[arg-type]
    )


def test_otif_counts_on_time_and_in_full_separately() -> None:
    deliveries = [
        fact(0),  # OTIF
        fact(-3),  # early: on time
        fact(5),  # late, full
        fact(0, accepted="90"),  # on time, short
        fact(2, accepted="99"),  # late by 2, 1 % short
    ]
    result = sr.otif(deliveries)
    assert (result.count, result.on_time, result.in_full, result.otif) == (5, 3, 3, 2)
    assert result.otif_pct == D("40.0")
    assert result.on_time_pct == D("60.0")


def test_otif_tolerances_widen_the_window() -> None:
    deliveries = [fact(2, accepted="99"), fact(3, accepted="98")]
    assert sr.otif(deliveries).otif == 0
    loose = sr.otif(deliveries, tolerance_days=2, tolerance_pct=D("1"))
    assert loose.otif == 1  # the second is 3 days late and 2 % short
    assert loose.otif_pct == D("50.0")


def test_otif_without_deliveries_is_none() -> None:
    result = sr.otif([])
    assert result.count == 0 and result.otif_pct is None


def test_refused_goods_are_not_in_full() -> None:
    assert not sr.is_in_full(fact(0, accepted="80", received=D("100")))


@pytest.mark.parametrize(
    ("deliveries", "field"),
    [
        ([fact(0, ordered="0")], "deliveries.0.ordered"),
        ([fact(0, accepted="-1")], "deliveries.0.accepted"),
        ([fact(0, accepted="100", received=D("90"))], "deliveries.0.accepted"),
    ],
)
def test_bad_deliveries_name_the_field(deliveries: list[sr.DeliveryFact], field: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        sr.otif(deliveries)
    assert caught.value.field == field


def test_bad_tolerances_are_refused() -> None:
    with pytest.raises(TradeInputError):
        sr.otif([fact(0)], tolerance_days=-1)
    with pytest.raises(TradeInputError):
        sr.otif([fact(0)], tolerance_pct=D("100"))


def test_lead_time_reliability() -> None:
    deliveries = [
        fact(0, ordered_on=DAY - dt.timedelta(days=40)),
        fact(4, ordered_on=DAY - dt.timedelta(days=40)),
        fact(-2),
        fact(10),
    ]
    result = sr.lead_time_reliability(deliveries, tolerance_days=2)
    assert result.reliable_pct == D("50.0")
    assert result.mean_lateness_days == D("3.0")
    assert result.max_lateness_days == 10
    # lateness 0, 4, -2, 10: population variance (9 + 1 + 25 + 49) / 4 = 21
    assert result.stdev_lateness_days == D("4.6")
    assert result.mean_lead_time_days == D(42)
    assert sr.lead_time_reliability([]).reliable_pct is None


def test_incident_rate() -> None:
    assert sr.incident_rate(3, 40) == D("7.5")
    assert sr.incident_rate(0, 0) is None
    with pytest.raises(TradeInputError):
        sr.incident_rate(-1, 3)


def test_price_trend_least_squares() -> None:
    points = [
        sr.PricePoint(dt.date(2025, 1, 1), D("2.00"), "USD"),
        sr.PricePoint(dt.date(2026, 1, 1), D("2.20"), "USD"),
        sr.PricePoint(dt.date(2025, 7, 2), D("2.10"), "USD"),
    ]
    trend = sr.price_trend(points)
    assert trend is not None
    assert (trend.first, trend.last, trend.lowest, trend.highest) == (
        D("2.00"),
        D("2.20"),
        D("2.00"),
        D("2.20"),
    )
    assert trend.change_pct == D("10.0")
    # +0.20 a year on a mean of 2.10: about 9.5 % a year
    assert trend.slope_pct_per_year is not None
    assert D("9.4") <= trend.slope_pct_per_year <= D("9.6")
    assert [p.day for p in trend.points] == sorted(p.day for p in points)


def test_price_trend_refuses_mixed_currencies() -> None:
    with pytest.raises(TradeInputError) as caught:
        sr.price_trend([sr.PricePoint(DAY, D(1), "USD"), sr.PricePoint(DAY, D(1), "EUR")])
    assert caught.value.field == "currency"
    assert sr.price_trend([]) is None


def test_single_price_has_no_slope() -> None:
    trend = sr.price_trend([sr.PricePoint(DAY, D("3"), "EUR")])
    assert trend is not None and trend.slope_pct_per_year is None and trend.change_pct == 0


def test_proposed_grades_from_the_figures() -> None:
    grades = sr.proposed_grades(
        otif_pct=D("95"),
        incident_rate_pct=D("20"),
        audit_score=D("80"),
        price_change_pct=D("4"),
        csr_pct=D("50"),
    )
    assert grades["delivery"].grade == D("9.5")
    assert grades["quality"].grade == D("7.0")  # (8 + 6) / 2
    assert grades["price"].grade == D("5.0")
    assert grades["csr"].grade == D("5.0")
    assert grades["service"].grade is None
    empty = sr.proposed_grades(
        otif_pct=None, incident_rate_pct=None, audit_score=None, price_change_pct=None, csr_pct=None
    )
    assert all(g.grade is None for g in empty.values())


def test_review_score_and_hint() -> None:
    result = sr.review(
        sr.DEFAULT_WEIGHTS,
        {"quality": D(8), "delivery": D(9), "price": D(6), "csr": D(5), "service": D(7)},
    )
    # (30x8 + 25x9 + 20x6 + 15x5 + 10x7) / 100 = 7.3
    assert result.score == D("7.30")
    assert result.hint == "keep"
    assert result.details["quality"] == (D(30), D(8), D(240))


def test_review_refuses_unknown_criteria_and_bad_grades() -> None:
    with pytest.raises(TradeInputError):
        sr.review({"colour": D(1)}, {})
    with pytest.raises(TradeInputError):
        sr.review(sr.DEFAULT_WEIGHTS, {c: D(11) for c in sr.CRITERIA})


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (D("8"), "develop"),
        (D("7.99"), "keep"),
        (D("6"), "keep"),
        (D("4"), "watch"),
        (D("3.9"), "phase_out"),
    ],
)
def test_decision_hint(value: Decimal, hint: str) -> None:
    assert sr.decision_hint(value) == hint


lateness = st.integers(min_value=-30, max_value=60)
quantity = st.integers(min_value=1, max_value=10_000)


@given(
    st.lists(st.tuples(lateness, quantity, st.integers(0, 100)), max_size=30), st.integers(0, 10)
)
def test_otif_never_exceeds_its_parts(rows: list[tuple[int, int, int]], tolerance: int) -> None:
    deliveries = [
        fact(late, ordered=str(q), accepted=str(q * share // 100)) for late, q, share in rows
    ]
    result = sr.otif(deliveries, tolerance_days=tolerance)
    assert result.otif <= min(result.on_time, result.in_full)
    assert result.on_time + result.in_full - result.otif <= result.count
    wider = sr.otif(deliveries, tolerance_days=tolerance + 1, tolerance_pct=D(5))
    assert wider.otif >= result.otif


@given(
    st.lists(
        st.tuples(
            st.integers(0, 2000), st.decimals(min_value=D("0.01"), max_value=D(1000), places=2)
        ),
        min_size=1,
        max_size=20,
    )
)
def test_price_trend_bounds(rows: list[tuple[int, Decimal]]) -> None:
    points = [sr.PricePoint(DAY + dt.timedelta(days=d), p, "EUR") for d, p in rows]
    trend = sr.price_trend(points)
    assert trend is not None
    assert trend.lowest <= trend.first <= trend.highest
    assert trend.lowest <= trend.last <= trend.highest
    if len({d for d, _ in rows}) == 1:
        assert trend.slope_pct_per_year is None


@given(st.dictionaries(st.sampled_from(sr.CRITERIA), st.integers(0, 10), min_size=5, max_size=5))
def test_review_score_lies_between_the_grades(grades: dict[str, int]) -> None:
    values = {k: D(v) for k, v in grades.items()}
    result = sr.review(sr.DEFAULT_WEIGHTS, values)
    assert min(values.values()) <= result.score <= max(values.values())
