"""Market selection matrix (weighted sum model on a 0-5 scale, weights in percent).

Worked example (checked by hand): weights 25/15/15/10/15/10/10 %;
UAE grades 4, 4, 4, 3, 4, 3, 4 -> (100 + 60 + 60 + 30 + 60 + 30 + 40) / 100 = 3.80;
Japan 5, 2, 4, 1, 5, 2, 2 -> (125 + 30 + 60 + 10 + 75 + 20 + 20) / 100 = 3.40;
Morocco 2, 4, 4, 5, 3, 3, 5 -> (50 + 60 + 60 + 50 + 45 + 30 + 50) / 100 = 3.45.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade import market_selection as ms
from comptoir.trade.errors import TradeInputError

D = Decimal


def cand(country: str, *grades: int) -> ms.Candidate:
    return ms.Candidate(country, {n: D(g) for n, g in zip(ms.CRITERIA, grades, strict=True)})


CANDIDATES = [
    cand("JP", 5, 2, 4, 1, 5, 2, 2),
    cand("AE", 4, 4, 4, 3, 4, 3, 4),
    cand("MA", 2, 4, 4, 5, 3, 3, 5),
]


def test_worked_example() -> None:
    selection = ms.rank(ms.DEFAULT_WEIGHTS, CANDIDATES)
    assert [(p.rank, p.country, p.score_rounded) for p in selection.ranking] == [
        (1, "AE", D("3.80")),
        (2, "MA", D("3.45")),
        (3, "JP", D("3.40")),
    ]
    uae = selection.ranking[0]
    assert [c.points for c in uae.contributions] == [
        D(1),
        D("0.6"),
        D("0.6"),
        D("0.3"),
        D("0.6"),
        D("0.3"),
        D("0.4"),
    ]
    assert sum(c.points for c in uae.contributions) == uae.score
    assert selection.first == ("AE",)


def test_weights_must_sum_to_100() -> None:
    weights = dict(ms.DEFAULT_WEIGHTS, language=D(20))
    with pytest.raises(TradeInputError) as exc:
        ms.rank(weights, CANDIDATES)
    assert exc.value.field == "weights"
    with pytest.raises(TradeInputError):
        ms.check_weights({k: v for k, v in ms.DEFAULT_WEIGHTS.items() if k != "risk"})


def test_two_to_twelve_countries() -> None:
    with pytest.raises(TradeInputError):
        ms.rank(ms.DEFAULT_WEIGHTS, CANDIDATES[:1])
    with pytest.raises(TradeInputError):
        ms.rank(ms.DEFAULT_WEIGHTS, [cand(f"X{i}", *[1] * 7) for i in range(13)])


def test_grades_between_0_and_5() -> None:
    with pytest.raises(TradeInputError):
        ms.rank(ms.DEFAULT_WEIGHTS, [cand("JP", 6, 2, 4, 1, 5, 2, 2), CANDIDATES[1]])


def test_reason_needed_when_not_first() -> None:
    selection = ms.rank(ms.DEFAULT_WEIGHTS, CANDIDATES)
    assert not ms.needs_reason(selection, ["AE"])
    assert ms.needs_reason(selection, ["MA"])
    assert ms.needs_reason(selection, ["AE", "MA"])


def test_ties_share_the_first_rank() -> None:
    selection = ms.rank(ms.DEFAULT_WEIGHTS, [cand("DE", *[3] * 7), cand("AT", *[3] * 7)])
    assert selection.first == ("DE", "AT")
    assert not ms.needs_reason(selection, ["AT"])


def test_proposals() -> None:
    assert ms.risk_grade("low") == 5
    assert ms.risk_grade("very_high") == D("0.5")
    assert ms.risk_grade("") is None
    assert ms.language_grade(["fr", "ar"]) == 5
    assert ms.language_grade(["en"]) == 4
    assert ms.language_grade(["ja"]) == 2
    assert ms.access_grade(single_market=True, agreement=False) == 5
    assert ms.access_grade(single_market=False, agreement=True) == 4
    assert ms.access_grade(single_market=False, agreement=False) == 2


grade = st.integers(min_value=0, max_value=50).map(lambda n: D(n) / 10)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(*[grade] * 7), min_size=2, max_size=12))
def test_scores_stay_on_the_scale_and_ranking_is_sorted(rows: list[tuple[Decimal, ...]]) -> None:
    candidates = [
        ms.Candidate(f"C{i}", dict(zip(ms.CRITERIA, row, strict=True)))
        for i, row in enumerate(rows)
    ]
    selection = ms.rank(ms.DEFAULT_WEIGHTS, candidates)
    scores = [p.score for p in selection.ranking]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 5 for s in scores)
    for placed in selection.ranking:
        assert sum(c.points for c in placed.contributions) == placed.score
