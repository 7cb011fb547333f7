"""Weighted scoring (méthode des scores, weighted sum model).

Worked examples:

1. Weighted sum model, Wikipedia example (Triantaphyllou 2000; reproduced e.g. at
   http://chaos.owiki.org/wiki/Weighted_sum_model): weights 0.20, 0.15, 0.40, 0.25;
   A1 (25, 20, 15, 30) = 21.50, A2 (10, 30, 20, 30) = 22.00, A3 (30, 10, 30, 10) = 22.00.
2. The same problem with weights 20, 15, 40, 25 (only ratios matter): same scores.
3. Supplier grid with weights 3, 2, 1 on a /10 scale: A (8, 6, 7) = 43/6 = 7.17,
   B (6, 9, 8) = 44/6 = 7.33: B first.
4. One criterion: the score is the grade.
5. A zero weight ignores its criterion.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.scoring import Criterion, Option, score

D = Decimal


def wsm(weights: tuple[str, ...]) -> tuple[list[Criterion], list[Option]]:
    criteria = [Criterion(f"C{i + 1}", D(w)) for i, w in enumerate(weights)]
    rows = {"A1": (25, 20, 15, 30), "A2": (10, 30, 20, 30), "A3": (30, 10, 30, 10)}
    options = [
        Option(name, {f"C{i + 1}": D(g) for i, g in enumerate(grades)})
        for name, grades in rows.items()
    ]
    return criteria, options


def test_wikipedia_weighted_sum_model() -> None:
    criteria, options = wsm(("0.20", "0.15", "0.40", "0.25"))
    result = score(criteria, options, D(30))
    assert [(r.rank, r.name, r.score_rounded) for r in result.ranking] == [
        (1, "A2", D("22.00")),
        (1, "A3", D("22.00")),
        (3, "A1", D("21.50")),
    ]


def test_only_weight_ratios_matter() -> None:
    criteria, options = wsm(("20", "15", "40", "25"))
    result = score(criteria, options, D(30))
    assert [r.score for r in result.ranking] == [D("22"), D("22"), D("21.5")]
    assert result.total_weight == 100


def test_supplier_grid() -> None:
    criteria = [Criterion("price", D(3)), Criterion("quality", D(2)), Criterion("delay", D(1))]
    options = [
        Option("A", {"price": D(8), "quality": D(6), "delay": D(7)}),
        Option("B", {"price": D(6), "quality": D(9), "delay": D(8)}),
    ]
    result = score(criteria, options)
    assert [(r.name, r.score_rounded) for r in result.ranking] == [
        ("B", D("7.33")),
        ("A", D("7.17")),
    ]
    assert result.ranking[0].details["quality"] == (D(2), D(9), D(18))
    assert "44 / 6" in result.steps[2]


def test_single_criterion_and_zero_weight() -> None:
    single = score([Criterion("price", D(1))], [Option("X", {"price": D("6.5")})])
    assert single.ranking[0].score == D("6.5")
    zero = score(
        [Criterion("price", D(1)), Criterion("colour", D(0))],
        [
            Option("X", {"price": D(4), "colour": D(10)}),
            Option("Y", {"price": D(5), "colour": D(0)}),
        ],
    )
    assert [r.name for r in zero.ranking] == ["Y", "X"]


@pytest.mark.parametrize(
    ("criteria", "options", "scale", "field"),
    [
        ([], [Option("X", {})], D(10), "criteria"),
        ([Criterion("p", D(1))], [], D(10), "options"),
        ([Criterion("p", D(-1))], [Option("X", {"p": D(1)})], D(10), "criteria.0.weight"),
        ([Criterion("p", D(0))], [Option("X", {"p": D(1)})], D(10), "criteria"),
        (
            [Criterion("p", D(1)), Criterion("p", D(1))],
            [Option("X", {"p": D(1)})],
            D(10),
            "criteria.1.name",
        ),
        ([Criterion(" ", D(1))], [Option("X", {})], D(10), "criteria.0.name"),
        ([Criterion("p", D(1))], [Option("X", {})], D(10), "options.0.grades.p"),
        ([Criterion("p", D(1))], [Option("X", {"p": D(11)})], D(10), "options.0.grades.p"),
        (
            [Criterion("p", D(1))],
            [Option("X", {"p": D(1), "q": D(1)})],
            D(10),
            "options.0.grades.q",
        ),
        (
            [Criterion("p", D(1))],
            [Option("X", {"p": D(1)}), Option("X", {"p": D(1)})],
            D(10),
            "options.1.name",
        ),
        ([Criterion("p", D(1))], [Option("", {"p": D(1)})], D(10), "options.0.name"),
        ([Criterion("p", D(1))], [Option("X", {"p": D(1)})], D(0), "scale_max"),
    ],
)
def test_bad_input(
    criteria: list[Criterion], options: list[Option], scale: Decimal, field: str
) -> None:
    with pytest.raises(TradeInputError) as caught:
        score(criteria, options, scale)
    assert caught.value.field == field


grades = st.decimals(min_value=0, max_value=10, places=1, allow_nan=False, allow_infinity=False)
weights = st.decimals(
    min_value=D("0.1"), max_value=100, places=1, allow_nan=False, allow_infinity=False
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(weights, min_size=1, max_size=5),
    st.lists(st.lists(grades, min_size=5, max_size=5), min_size=1, max_size=6),
    st.decimals(min_value=D("0.5"), max_value=10, places=1, allow_nan=False, allow_infinity=False),
)
def test_score_properties(ws: list[Decimal], rows: list[list[Decimal]], factor: Decimal) -> None:
    """Score between the lowest and highest grade; scaling all weights changes nothing; sorted."""
    criteria = [Criterion(f"c{i}", w) for i, w in enumerate(ws)]
    options = [
        Option(f"o{j}", {f"c{i}": row[i] for i in range(len(ws))}) for j, row in enumerate(rows)
    ]
    result = score(criteria, options)
    scaled = score([Criterion(c.name, c.weight * factor) for c in criteria], options)
    for item, other in zip(result.ranking, scaled.ranking, strict=True):
        grades_of = [g for _, g, _ in item.details.values()]
        assert min(grades_of) - D("1e-20") <= item.score <= max(grades_of) + D("1e-20")
        assert abs(item.score - other.score) < D("1e-20")
    values = [item.score for item in result.ranking]
    assert values == sorted(values, reverse=True)
    assert result.ranking[0].rank == 1
