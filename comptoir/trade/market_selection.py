"""Market selection matrix: candidate countries scored on weighted criteria, ranked.

The export textbooks' "grille de sélection des marchés" (market screening by weighted
criteria: S. T. Cavusgil, "Guidelines for export market research", *Business Horizons*
28(6), 1985; the CCI/Team France Export market-study method) is the weighted sum model of
:mod:`comptoir.trade.scoring` with:

- seven criteria (:data:`CRITERIA`), each graded 0 (very unfavourable) to 5 (very
  favourable) **for us**: a large market scores high, a high risk, a long distance, strong
  competition or a foreign business language score low;
- weights in percent summing to exactly 100 %;
- 2 to 12 candidate countries.

The weighted score ``sum(weight % x grade) / 100`` lies on the same 0-5 scale; the share
each criterion brings (``weight % x grade / 100``) is what the chart stacks.

Proposals from data (a starting grade the user may change): the country risk of the
country sheet (:func:`risk_grade`), the business languages (:func:`language_grade`) and
market access (:func:`access_grade`: the EU single market, a preferential trade agreement
in force, or the WTO most-favoured-nation duties alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.scoring import Criterion, Option, ScoreResult, score

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "MAX_CANDIDATES",
    "MIN_CANDIDATES",
    "SCALE_MAX",
    "Candidate",
    "Contribution",
    "Selection",
    "access_grade",
    "check_weights",
    "language_grade",
    "needs_reason",
    "rank",
    "risk_grade",
]

MARKET_SIZE = "market_size"
GROWTH = "growth"
ACCESS = "access"
DISTANCE = "distance"
RISK = "risk"
COMPETITION = "competition"
LANGUAGE = "language"

#: the criteria, in the order of the matrix
CRITERIA: tuple[str, ...] = (MARKET_SIZE, GROWTH, ACCESS, DISTANCE, RISK, COMPETITION, LANGUAGE)
#: a sensible start (percent): the market first, then access, risk and distance
DEFAULT_WEIGHTS: Mapping[str, Decimal] = {
    MARKET_SIZE: Decimal(25),
    GROWTH: Decimal(15),
    ACCESS: Decimal(15),
    DISTANCE: Decimal(10),
    RISK: Decimal(15),
    COMPETITION: Decimal(10),
    LANGUAGE: Decimal(10),
}
SCALE_MAX = Decimal(5)
MIN_CANDIDATES = 2
MAX_CANDIDATES = 12
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate country (ISO code) and its grade 0-5 per criterion."""

    country: str
    grades: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one criterion brings to a country's weighted score (``weight % x grade / 100``)."""

    criterion: str
    weight: Decimal
    grade: Decimal
    points: Decimal


@dataclass(frozen=True, slots=True)
class Placed:
    rank: int
    country: str
    score: Decimal  # exact, 0-5
    score_rounded: Decimal  # 2 decimals
    contributions: tuple[Contribution, ...]  # in the order of CRITERIA


@dataclass(frozen=True, slots=True)
class Selection:
    ranking: tuple[Placed, ...]
    weights: Mapping[str, Decimal]
    result: ScoreResult

    @property
    def first(self) -> tuple[str, ...]:
        """The countries ranked first (several when tied)."""
        return tuple(p.country for p in self.ranking if p.rank == 1)


def check_weights(weights: Mapping[str, Decimal]) -> None:
    """Every criterion has a weight between 0 and 100 %, and the weights sum to 100 %."""
    for name in weights:
        if name not in CRITERIA:
            raise TradeInputError(f"{name!r} is not a market selection criterion.", name)
    for name in CRITERIA:
        if name not in weights:
            raise TradeInputError("Give a weight to every criterion.", name)
        if not 0 <= weights[name] <= HUNDRED:
            raise TradeInputError("A weight lies between 0 and 100 %.", name)
    total = sum((weights[n] for n in CRITERIA), Decimal(0))
    if total != HUNDRED:
        raise TradeInputError(f"The weights add up to {total} %, not 100 %.", "weights")


def rank(weights: Mapping[str, Decimal], candidates: Sequence[Candidate]) -> Selection:
    """Rank the candidates by weighted score (weighted sum model, :func:`scoring.score` on a
    0-5 scale); equal scores share a rank and keep the input order."""
    check_weights(weights)
    if not MIN_CANDIDATES <= len(candidates) <= MAX_CANDIDATES:
        raise TradeInputError(
            f"Compare between {MIN_CANDIDATES} and {MAX_CANDIDATES} countries.", "candidates"
        )
    criteria = [Criterion(name, weights[name]) for name in CRITERIA]
    result = score(
        criteria,
        [Option(c.country, dict(c.grades)) for c in candidates],
        scale_max=SCALE_MAX,
    )
    ranking = tuple(
        Placed(
            rank=r.rank,
            country=r.name,
            score=r.score,
            score_rounded=r.score_rounded,
            contributions=tuple(
                Contribution(n, r.details[n][0], r.details[n][1], r.details[n][2] / HUNDRED)
                for n in CRITERIA
            ),
        )
        for r in result.ranking
    )
    return Selection(ranking, dict(weights), result)


def needs_reason(selection: Selection, chosen: Iterable[str]) -> bool:
    """A decision needs a written reason when it keeps a country that is not ranked first
    (or leaves out one that is): the team departs from its own matrix."""
    chosen_set = set(chosen)
    return not chosen_set <= set(selection.first)


#: country risk (country sheet) -> grade: the lower the risk, the better
RISK_GRADES: Mapping[str, Decimal] = {
    "low": Decimal(5),
    "moderate": Decimal("3.5"),
    "high": Decimal(2),
    "very_high": Decimal("0.5"),
}


def risk_grade(risk_level: str) -> Decimal | None:
    """The grade for a country risk level (low, moderate, high, very_high); None if unknown."""
    return RISK_GRADES.get(risk_level)


def language_grade(languages: Iterable[str], ours: Iterable[str] = ("fr", "en")) -> Decimal:
    """The grade for doing business in the country's languages (CLDR official languages):
    5 when our first language is spoken there, 4 our second, 2 otherwise (interpreting and
    translated documents needed)."""
    spoken = {code.split("_")[0].split("-")[0].lower() for code in languages}
    ours = list(ours)
    if ours and ours[0] in spoken:
        return Decimal(5)
    if any(code in spoken for code in ours[1:]):
        return Decimal(4)
    return Decimal(2)


def access_grade(*, single_market: bool, agreement: bool) -> Decimal:
    """The grade for market access: 5 inside the EU single market (no duty, no customs
    formalities, TFEU art. 28-30), 4 with a preferential trade agreement in force (reduced or
    nil duties on originating goods), 2 with the WTO most-favoured-nation duties alone."""
    if single_market:
        return Decimal(5)
    if agreement:
        return Decimal(4)
    return Decimal(2)
