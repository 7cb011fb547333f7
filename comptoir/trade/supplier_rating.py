"""Supplier performance: on time in full (OTIF), lead-time reliability, incident rate, price
trend per product, and the yearly panel review scored with the weighted-sum method.

Definitions (the purchasing textbooks' and the supply-chain reference models'):

- **On time**: delivered no later than the promised (confirmed) date plus a tolerance in days
  (early deliveries count as on time: the goods are there; a buyer who refuses early
  deliveries says so in the tolerance policy, not in this figure).
- **In full**: quantity accepted (after quality control) at least the quantity ordered less a
  tolerance in percent. Received but refused goods do not count: they are not usable.
- **OTIF** = deliveries both on time and in full / deliveries, in percent (APICS/ASCM
  Dictionary, "on time in full"; SCOR model, "perfect order fulfilment" without the
  documentation leg; the French "taux de service fournisseur").
- **Lead-time reliability**: share of deliveries whose lateness (delivered - promised, days)
  is within the tolerance, with the mean and standard deviation of the lateness (the
  variability the safety stock has to cover).
- **Incident rate**: quality incidents per hundred deliveries.
- **Price trend**: first and last price, change in percent, and the least-squares slope of
  the price over time expressed in percent per year of the mean price (ordinary least
  squares, Gauss–Legendre); all points in one currency and one Incoterm, or it means nothing.
- **Review**: grades 0..10 per criterion (quality, delivery, price, CSR, service), weights
  editable, score by :func:`comptoir.trade.scoring.score` (méthode des scores).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.scoring import Criterion, Option, score
from comptoir.trade.texts import Text, number

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "DeliveryFact",
    "LeadTimeResult",
    "OtifResult",
    "PricePoint",
    "PriceTrend",
    "ProposedGrade",
    "ReviewResult",
    "decision_hint",
    "incident_rate",
    "lead_time_reliability",
    "otif",
    "price_trend",
    "proposed_grades",
    "review",
]

HUNDRED = Decimal(100)
TEN = Decimal(10)
PCT = Decimal("0.1")
#: the review's criteria in the order of the grid
CRITERIA = ("quality", "delivery", "price", "csr", "service")
#: default weights of the yearly review (sum 100): quality and delivery first
DEFAULT_WEIGHTS: dict[str, Decimal] = {
    "quality": Decimal(30),
    "delivery": Decimal(25),
    "price": Decimal(20),
    "csr": Decimal(15),
    "service": Decimal(10),
}
#: most deliveries or price points read at once
MAX_FACTS = 100_000


def _pct(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(PCT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class DeliveryFact:
    """One delivery (or one receipt of an order line) as the performance sees it."""

    promised: dt.date
    delivered: dt.date
    ordered: Decimal
    accepted: Decimal
    received: Decimal | None = None
    ordered_on: dt.date | None = None


def _check_deliveries(
    deliveries: Sequence[DeliveryFact], tolerance_days: int, pct: Decimal
) -> None:
    if len(deliveries) > MAX_FACTS:
        raise TradeInputError(f"At most {MAX_FACTS} deliveries.", "deliveries")
    if tolerance_days < 0:
        raise TradeInputError("The tolerance in days must not be negative.", "tolerance_days")
    if not Decimal(0) <= pct < HUNDRED:
        raise TradeInputError("The tolerance in percent lies between 0 and 100.", "tolerance_pct")
    for i, d in enumerate(deliveries):
        if d.ordered <= 0:
            raise TradeInputError(
                "The quantity ordered must be above zero.", f"deliveries.{i}.ordered"
            )
        if d.accepted < 0:
            raise TradeInputError(
                "The quantity accepted must not be negative.", f"deliveries.{i}.accepted"
            )
        if d.received is not None and d.accepted > d.received:
            raise TradeInputError("More accepted than received.", f"deliveries.{i}.accepted")


def is_on_time(d: DeliveryFact, tolerance_days: int = 0) -> bool:
    return (d.delivered - d.promised).days <= tolerance_days


def is_in_full(d: DeliveryFact, tolerance_pct: Decimal = Decimal(0)) -> bool:
    return d.accepted >= d.ordered * (HUNDRED - tolerance_pct) / HUNDRED


@dataclass(frozen=True, slots=True)
class OtifResult:
    count: int
    on_time: int
    in_full: int
    otif: int
    on_time_pct: Decimal | None
    in_full_pct: Decimal | None
    otif_pct: Decimal | None
    steps: tuple[Text, ...]


def otif(
    deliveries: Sequence[DeliveryFact],
    *,
    tolerance_days: int = 0,
    tolerance_pct: Decimal = Decimal(0),
) -> OtifResult:
    """On time, in full and both, in percent of the deliveries (None when there are none)."""
    _check_deliveries(deliveries, tolerance_days, tolerance_pct)
    on_time = in_full = both = 0
    for d in deliveries:
        t = is_on_time(d, tolerance_days)
        f = is_in_full(d, tolerance_pct)
        on_time += t
        in_full += f
        both += t and f
    n = len(deliveries)
    steps = (
        Text(
            "On time: delivered by the promised date + {days} day(s); in full: accepted at "
            "least the quantity ordered less {pct} %",
            days=tolerance_days,
            pct=number(tolerance_pct),
        ),
        Text(
            "OTIF = {both} on time and in full / {count} deliveries",
            both=both,
            count=n,
        ),
    )
    return OtifResult(
        n, on_time, in_full, both, _pct(on_time, n), _pct(in_full, n), _pct(both, n), steps
    )


@dataclass(frozen=True, slots=True)
class LeadTimeResult:
    count: int
    reliable_pct: Decimal | None  # lateness within the tolerance, in percent
    mean_lateness_days: Decimal | None  # negative: early on average
    stdev_lateness_days: Decimal | None  # population standard deviation
    max_lateness_days: int | None
    mean_lead_time_days: Decimal | None  # ordered -> delivered, where the order date is known


def lead_time_reliability(
    deliveries: Sequence[DeliveryFact], *, tolerance_days: int = 0
) -> LeadTimeResult:
    """How far the supplier keeps its promised dates, and how much it varies."""
    _check_deliveries(deliveries, tolerance_days, Decimal(0))
    n = len(deliveries)
    if n == 0:
        return LeadTimeResult(0, None, None, None, None, None)
    late = [(d.delivered - d.promised).days for d in deliveries]
    mean = sum(late) / n
    variance = sum((x - mean) ** 2 for x in late) / n
    reliable = sum(1 for x in late if x <= tolerance_days)
    leads = [(d.delivered - d.ordered_on).days for d in deliveries if d.ordered_on is not None]
    one = Decimal("0.1")
    return LeadTimeResult(
        n,
        _pct(reliable, n),
        Decimal(str(mean)).quantize(one, rounding=ROUND_HALF_UP),
        Decimal(str(math.sqrt(variance))).quantize(one, rounding=ROUND_HALF_UP),
        max(late),
        Decimal(sum(leads)) / Decimal(len(leads)) if leads else None,
    )


def incident_rate(incidents: int, deliveries: int) -> Decimal | None:
    """Incidents per hundred deliveries (None without deliveries)."""
    if incidents < 0 or deliveries < 0:
        raise TradeInputError("Counts must not be negative.", "incidents")
    if deliveries == 0:
        return None
    return (Decimal(incidents) * HUNDRED / Decimal(deliveries)).quantize(
        PCT, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True, slots=True)
class PricePoint:
    day: dt.date
    price: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class PriceTrend:
    count: int
    currency: str
    first: Decimal
    last: Decimal
    lowest: Decimal
    highest: Decimal
    change_pct: Decimal | None  # last vs first
    slope_pct_per_year: Decimal | None  # least squares, in % of the mean price per year
    points: tuple[PricePoint, ...]  # in date order


def price_trend(points: Sequence[PricePoint]) -> PriceTrend | None:
    """The trend of one product's price from one supplier (None without a point)."""
    if not points:
        return None
    if len(points) > MAX_FACTS:
        raise TradeInputError(f"At most {MAX_FACTS} prices.", "points")
    currencies = {p.currency for p in points}
    if len(currencies) > 1:
        raise TradeInputError(
            "Prices in several currencies: compare them in one currency.", "currency"
        )
    for i, p in enumerate(points):
        if p.price < 0:
            raise TradeInputError("A price must not be negative.", f"points.{i}.price")
    ordered = tuple(sorted(points, key=lambda p: p.day))
    first, last = ordered[0].price, ordered[-1].price
    change = (
        ((last - first) * HUNDRED / first).quantize(PCT, rounding=ROUND_HALF_UP)
        if first > 0
        else None
    )
    slope_pct: Decimal | None = None
    days = [Decimal((p.day - ordered[0].day).days) for p in ordered]
    prices = [p.price for p in ordered]
    n = Decimal(len(ordered))
    mean_x = sum(days, Decimal(0)) / n
    mean_y = sum(prices, Decimal(0)) / n
    sxx = sum(((x - mean_x) ** 2 for x in days), Decimal(0))
    if sxx > 0 and mean_y > 0:
        sxy = sum(
            ((x - mean_x) * (y - mean_y) for x, y in zip(days, prices, strict=True)), Decimal(0)
        )
        per_day = sxy / sxx
        slope_pct = (per_day * Decimal("365.25") * HUNDRED / mean_y).quantize(
            PCT, rounding=ROUND_HALF_UP
        )
    return PriceTrend(
        len(ordered),
        ordered[0].currency,
        first,
        last,
        min(prices),
        max(prices),
        change,
        slope_pct,
        ordered,
    )


@dataclass(frozen=True, slots=True)
class ProposedGrade:
    criterion: str
    grade: Decimal | None  # 0..10, None when nothing to propose from
    why: Text


def _grade(value: Decimal) -> Decimal:
    return min(TEN, max(Decimal(0), value)).quantize(PCT, rounding=ROUND_HALF_UP)


def proposed_grades(
    *,
    otif_pct: Decimal | None,
    incident_rate_pct: Decimal | None,
    audit_score: Decimal | None,
    price_change_pct: Decimal | None,
    csr_pct: Decimal | None,
) -> dict[str, ProposedGrade]:
    """Grades 0..10 the figures propose; the reviewer keeps or changes them.

    - delivery: OTIF / 10 (95 % on time in full gives 9.5);
    - quality: the mean of the last audit's score / 10 and of 10 less one point per
      5 incidents per hundred deliveries (20 % incidents give 6);
    - price: 7 for a stable price, one point less per 2 % of increase over the year, one
      point more per 2 % of decrease (capped at 0 and 10);
    - CSR: the share of the CSR checklist met / 10;
    - service (responsiveness, documents, communication): no figure, the reviewer grades it.
    """
    quality_parts: list[Decimal] = []
    if audit_score is not None:
        quality_parts.append(audit_score / TEN)
    if incident_rate_pct is not None:
        quality_parts.append(_grade(TEN - incident_rate_pct / Decimal(5)))
    grades = {
        "delivery": ProposedGrade(
            "delivery",
            _grade(otif_pct / TEN) if otif_pct is not None else None,
            Text("OTIF {pct} % / 10", pct=number(otif_pct))
            if otif_pct is not None
            else Text("No delivery recorded"),
        ),
        "quality": ProposedGrade(
            "quality",
            _grade(sum(quality_parts, Decimal(0)) / len(quality_parts)) if quality_parts else None,
            Text(
                "Mean of the last audit ({audit} / 100) and of the incidents ({rate} per 100 "
                "deliveries)",
                audit=number(audit_score) if audit_score is not None else "—",
                rate=number(incident_rate_pct) if incident_rate_pct is not None else "—",
            ),
        ),
        "price": ProposedGrade(
            "price",
            _grade(Decimal(7) - price_change_pct / Decimal(2))
            if price_change_pct is not None
            else None,
            Text(
                "Price change {pct} % (stable = 7, one point per 2 %)", pct=number(price_change_pct)
            )
            if price_change_pct is not None
            else Text("No price history"),
        ),
        "csr": ProposedGrade(
            "csr",
            _grade(csr_pct / TEN) if csr_pct is not None else None,
            Text("CSR checklist {pct} % met / 10", pct=number(csr_pct))
            if csr_pct is not None
            else Text("CSR checklist not filled in"),
        ),
        "service": ProposedGrade("service", None, Text("Graded by the reviewer")),
    }
    return {name: grades[name] for name in CRITERIA}


@dataclass(frozen=True, slots=True)
class ReviewResult:
    score: Decimal  # 0..10, two decimals
    details: dict[str, tuple[Decimal, Decimal, Decimal]]  # criterion -> weight, grade, product
    hint: str
    steps: tuple[Text, ...]


def decision_hint(score_value: Decimal) -> str:
    """The decision the score suggests: develop (>= 8), keep (>= 6), watch (>= 4), phase out."""
    if score_value >= 8:
        return "develop"
    if score_value >= 6:
        return "keep"
    if score_value >= 4:
        return "watch"
    return "phase_out"


def review(weights: Mapping[str, Decimal], grades: Mapping[str, Decimal]) -> ReviewResult:
    """The review's weighted score (méthode des scores, :func:`comptoir.trade.scoring.score`)."""
    for name in weights:
        if name not in CRITERIA:
            raise TradeInputError(f"{name!r} is not a review criterion.", f"weights.{name}")
    criteria = [Criterion(name, weights.get(name, Decimal(0))) for name in CRITERIA]
    result = score(criteria, [Option("supplier", dict(grades))], scale_max=TEN)
    ranked = result.ranking[0]
    return ReviewResult(
        ranked.score_rounded, ranked.details, decision_hint(ranked.score), result.steps
    )
