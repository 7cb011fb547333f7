"""Weighted multi-criteria scoring ("méthode des scores", weighted sum model).

Each option (supplier, carrier, offer) gets a grade per criterion on a scale
0..``scale_max``; each criterion has a weight. The score is the weighted mean
``sum(weight x grade) / sum(weights)``, on the same scale as the grades, and
options are ranked by decreasing score (equal scores share a rank).

Source: the weighted sum model (P. C. Fishburn, "Additive Utilities with
Incomplete Product Set", 1967; E. Triantaphyllou, *Multi-Criteria Decision Making
Methods: A Comparative Study*, 2000, ch. 2), taught in purchasing as the
supplier-evaluation grid ("grille de sélection des fournisseurs").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import decimal_str
from comptoir.trade.texts import Text, joined, number

__all__ = ["Criterion", "Option", "Ranked", "ScoreResult", "score"]

SCORE_PLACES = 2


@dataclass(frozen=True, slots=True)
class Criterion:
    """A criterion and its weight (any non-negative number; only ratios matter)."""

    name: str
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Option:
    """An option to score and its grade per criterion name."""

    name: str
    grades: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class Ranked:
    """An option's place in the ranking."""

    rank: int
    name: str
    score: Decimal  # exact weighted mean
    score_rounded: Decimal  # half-up to 2 decimals
    details: dict[
        str, tuple[Decimal, Decimal, Decimal]
    ]  # criterion -> (weight, grade, weight x grade)


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """Ranking by decreasing score, ties sharing a rank and keeping input order."""

    ranking: tuple[Ranked, ...]
    total_weight: Decimal
    scale_max: Decimal
    steps: tuple[Text, ...]


def score(
    criteria: Sequence[Criterion], options: Sequence[Option], scale_max: Decimal = Decimal(10)
) -> ScoreResult:
    """Rank options by weighted score ``sum(weight x grade) / sum(weight)``.

    Source: weighted sum model (Fishburn 1967; Triantaphyllou 2000, ch. 2), the
    "méthode des scores" of purchasing textbooks. Grades must lie between 0 and
    ``scale_max``; every option must grade every criterion, and only those.
    """
    if scale_max <= 0:
        raise TradeInputError(
            "The top of the grading scale must be greater than zero.", "scale_max"
        )
    if not criteria:
        raise TradeInputError("Give at least one criterion.", "criteria")
    if not options:
        raise TradeInputError("Give at least one option.", "options")
    names: list[str] = []
    for i, criterion in enumerate(criteria):
        if not criterion.name.strip():
            raise TradeInputError("A criterion needs a name.", f"criteria.{i}.name")
        if criterion.name in names:
            raise TradeInputError(
                f"Criterion {criterion.name!r} is given twice.", f"criteria.{i}.name"
            )
        if criterion.weight < 0:
            raise TradeInputError("A weight must not be negative.", f"criteria.{i}.weight")
        names.append(criterion.name)
    total_weight = sum((c.weight for c in criteria), Decimal(0))
    if total_weight == 0:
        raise TradeInputError("At least one criterion must have a weight above zero.", "criteria")
    seen: set[str] = set()
    for j, option in enumerate(options):
        if not option.name.strip():
            raise TradeInputError("An option needs a name.", f"options.{j}.name")
        if option.name in seen:
            raise TradeInputError(f"Option {option.name!r} is given twice.", f"options.{j}.name")
        seen.add(option.name)
        for extra in option.grades:
            if extra not in names:
                raise TradeInputError(
                    f"{extra!r} is not one of the criteria.", f"options.{j}.grades.{extra}"
                )
        for name in names:
            if name not in option.grades:
                raise TradeInputError(
                    f"Missing grade for criterion {name!r}.", f"options.{j}.grades.{name}"
                )
            grade = option.grades[name]
            if not 0 <= grade <= scale_max:
                raise TradeInputError(
                    f"A grade must lie between 0 and {decimal_str(scale_max)}.",
                    f"options.{j}.grades.{name}",
                )
    scored: list[tuple[Decimal, int, Option, dict[str, tuple[Decimal, Decimal, Decimal]]]] = []
    weighted_criteria = (
        Text("{weight} x {criterion}", weight=number(c.weight), criterion=c.name) for c in criteria
    )
    steps = [
        Text(
            "Score = sum(weight x grade) / sum(weights) = {terms}, divided by {total}",
            terms=joined(" + ", weighted_criteria),
            total=number(total_weight),
        )
    ]
    for j, option in enumerate(options):
        details = {
            c.name: (c.weight, option.grades[c.name], c.weight * option.grades[c.name])
            for c in criteria
        }
        weighted = sum((d[2] for d in details.values()), Decimal(0))
        value = weighted / total_weight
        scored.append((value, j, option, details))
        products = (
            Text("{weight} x {grade}", weight=number(w), grade=number(g))
            for w, g, _ in details.values()
        )
        steps.append(
            Text(
                "{option}: ({products}) / {total} = {weighted} / {total} = {score} / {scale_max}",
                option=option.name,
                products=joined(" + ", products),
                total=number(total_weight),
                weighted=number(weighted),
                score=number(value, SCORE_PLACES),
                scale_max=number(scale_max),
            )
        )
    scored.sort(key=lambda item: (-item[0], item[1]))
    ranking: list[Ranked] = []
    for position, (value, _, option, details) in enumerate(scored, start=1):
        rank = ranking[-1].rank if ranking and ranking[-1].score == value else position
        rounded = value.quantize(Decimal(1).scaleb(-SCORE_PLACES), rounding=ROUND_HALF_UP)
        ranking.append(Ranked(rank, option.name, value, rounded, details))
    places = (
        Text("{rank}. {name} ({score})", rank=r.rank, name=r.name, score=number(r.score_rounded))
        for r in ranking
    )
    steps.append(Text("Ranking: {places}", places=joined(", ", places)))
    return ScoreResult(tuple(ranking), total_weight, scale_max, tuple(steps))
