"""Graphic charter rules: colours, WCAG 2.1 contrast, promotional prices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade import charter
from comptoir.trade.errors import TradeInputError

D = Decimal
colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06X}")


def test_colour_is_normalised() -> None:
    assert charter.normalise_colour("1f4e79") == "#1F4E79"
    assert charter.normalise_colour(" #abc ") == "#AABBCC"


@pytest.mark.parametrize("bad", ["", "#12345", "blue", "#GGGGGG", "#1234567", "rgb(0,0,0)"])
def test_bad_colour_names_the_field(bad: str) -> None:
    with pytest.raises(TradeInputError) as err:
        charter.normalise_colour(bad, "primary_colour")
    assert err.value.field == "primary_colour"
    assert "#RRGGBB" in err.value.message


def test_worked_examples_of_wcag() -> None:
    # WCAG 2.1: black on white is 21:1, a colour on itself 1:1
    assert charter.contrast_ratio("#000000", "#FFFFFF") == D("21")
    assert charter.contrast_ratio("#777777", "#777777") == D("1")
    # #767676 on white is the lightest grey that passes 4.5:1 (4.54), #777777 fails (4.47)
    assert charter.contrast_ratio("#767676", "#FFFFFF") == D("4.54")
    assert charter.contrast_ratio("#777777", "#FFFFFF") == D("4.47")


def test_readable_charter_has_no_problem() -> None:
    assert not charter.charter_problems(
        primary="#1F4E79", secondary="#2E75B6", text_on_primary="#FFFFFF"
    )


def test_white_on_yellow_is_refused_with_the_ratio() -> None:
    problems = charter.charter_problems(
        primary="#FFD700", secondary="#1F4E79", text_on_primary="#FFFFFF"
    )
    assert len(problems) == 1
    assert "text on the primary colour" in problems[0]
    assert "1.4:1" in problems[0] or "1.40:1" in problems[0]


def test_pale_headings_are_refused() -> None:
    problems = charter.charter_problems(
        primary="#1F4E79", secondary="#DDDDDD", text_on_primary="#FFFFFF"
    )
    assert [p for p in problems if "headings" in p]


@given(colours, colours)
def test_ratio_is_symmetric_and_bounded(a: str, b: str) -> None:
    ratio = charter.contrast_ratio(a, b)
    assert ratio == charter.contrast_ratio(b, a)
    assert D(1) <= ratio <= D(21)


@given(colours)
def test_the_suggested_text_colour_always_reaches_4_5(background: str) -> None:
    # black or white: one of them always reaches 4.5:1 on any colour
    assert charter.contrast_ratio(charter.readable_on(background), background) >= D("4.5")


def test_discount_worked_example() -> None:
    price = charter.promotional_price(D("24.90"), D("19.90"), D("12.00"))
    assert price.discount_percent == D("20")
    assert not price.below_cost
    assert charter.promotional_price(D("24.90"), D("11.00"), D("12.00")).below_cost
    assert charter.price_after_discount(D("24.90"), D("15")) == D("21.17")


def test_promotional_price_above_usual_is_refused() -> None:
    with pytest.raises(TradeInputError):
        charter.discount_percent(D("10"), D("12"))
    with pytest.raises(TradeInputError):
        charter.price_after_discount(D("10"), D("100"))


@given(
    st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2),
    st.integers(min_value=1, max_value=99),
)
def test_discount_round_trip(usual: Decimal, percent: int) -> None:
    promo = charter.price_after_discount(usual, D(percent))
    assert D(0) <= promo <= usual
    if usual >= D("100"):  # enough cents for the percentage to come back exactly
        assert charter.discount_percent(usual, promo) == D(percent)
