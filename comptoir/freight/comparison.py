"""The figures of the freight comparison and of the invoice check, in plain Python.

No Django here: the selectors gather the facts (amounts already in EUR, transit days, our
history of each provider) and these functions derive the grades, score them with the trade
core's weighted scoring (``comptoir.trade.scoring``) and compare an invoice with the quote.
Every step is a ``Text`` (English, French through the catalogue) so the page shows how each
grade was obtained.

Grades, on 0-10 (the usual supplier-evaluation grid, "grille de sélection"):

- cost: the cheapest quote gets 10, the others ``10 x cheapest / their cost`` (a quote twice
  as dear gets 5);
- transit time: the shortest gets 10, the others ``10 x shortest / their days`` (a day counts
  at least 1, so a same-day service does not divide by zero);
- reliability: ``10 x`` the share of the provider's past shipments with us whose pick-up and
  delivery both happened on or before the planned day; no history gives the neutral 5;
- service: the grade the user entered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from comptoir.trade import scoring
from comptoir.trade.texts import Text, number

CRITERIA = ("cost", "transit", "reliability", "service")
TEN = Decimal(10)
NEUTRAL = Decimal(5)
CENT = Decimal("0.01")


def _two(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuoteFacts:
    """One quote as the comparison sees it."""

    key: str  # unique name of the option (the provider, with the quote's reference if needed)
    cost_eur: Decimal
    transit_days: int
    on_time: int  # past shipments on time (pick-up and delivery)
    history: int  # past shipments with both dates known
    service_grade: Decimal


@dataclass(frozen=True)
class Graded:
    key: str
    grades: dict[str, Decimal]
    explanations: dict[str, Text]


@dataclass(frozen=True)
class Comparison:
    graded: tuple[Graded, ...]
    result: scoring.ScoreResult | None
    steps: tuple[Text, ...] = field(default=())

    def ranked(self) -> dict[str, scoring.Ranked]:
        return {r.name: r for r in self.result.ranking} if self.result else {}

    def best(self) -> str | None:
        """The key of the best score (the first of a tie)."""
        return self.result.ranking[0].name if self.result and self.result.ranking else None

    def is_best(self, key: str) -> bool:
        """True when ``key`` shares the first rank."""
        ranked = self.ranked()
        return key in ranked and ranked[key].rank == 1


def reliability_grade(on_time: int, history: int) -> tuple[Decimal, Text]:
    if history == 0:
        return NEUTRAL, Text(
            "No past shipment with this provider: neutral grade {grade}", grade=number(NEUTRAL)
        )
    grade = _two(TEN * on_time / history)
    return grade, Text(
        "10 x {on_time} on time / {history} past shipments = {grade}",
        on_time=on_time,
        history=history,
        grade=number(grade),
    )


def grade_quotes(quotes: Sequence[QuoteFacts]) -> list[Graded]:
    """The four grades of each quote, with the sentence that explains each."""
    if not quotes:
        return []
    cheapest = min(q.cost_eur for q in quotes)
    shortest = min(max(q.transit_days, 1) for q in quotes)
    graded = []
    for q in quotes:
        cost = TEN if q.cost_eur <= 0 else _two(TEN * cheapest / q.cost_eur)
        days = max(q.transit_days, 1)
        transit = _two(TEN * shortest / days)
        reliability, why = reliability_grade(q.on_time, q.history)
        service = min(max(q.service_grade, Decimal(0)), TEN)
        graded.append(
            Graded(
                key=q.key,
                grades={
                    "cost": cost,
                    "transit": transit,
                    "reliability": reliability,
                    "service": service,
                },
                explanations={
                    "cost": Text(
                        "10 x cheapest {cheapest} EUR / {cost} EUR = {grade}",
                        cheapest=number(cheapest, 2),
                        cost=number(q.cost_eur, 2),
                        grade=number(cost),
                    ),
                    "transit": Text(
                        "10 x shortest {shortest} days / {days} days = {grade}",
                        shortest=shortest,
                        days=days,
                        grade=number(transit),
                    ),
                    "reliability": why,
                    "service": Text("Grade entered by the user: {grade}", grade=number(service)),
                },
            )
        )
    return graded


def compare(
    quotes: Sequence[QuoteFacts], weights: dict[str, int], labels: dict[str, str]
) -> Comparison:
    """Grade and score the quotes; ``labels`` names the criteria in the reader's language
    (the scoring steps print them). Weights all zero: grades without a score."""
    graded = grade_quotes(quotes)
    if not graded or sum(weights.values()) <= 0:
        return Comparison(tuple(graded), None)
    criteria = [scoring.Criterion(labels[c], Decimal(weights[c])) for c in CRITERIA]
    options = [scoring.Option(g.key, {labels[c]: g.grades[c] for c in CRITERIA}) for g in graded]
    result = scoring.score(criteria, options)
    return Comparison(tuple(graded), result, result.steps)


# ------------------------------------------------------------------------ invoice check


@dataclass(frozen=True)
class Charge:
    kind: str
    description: str
    amount: Decimal
    currency: str

    @property
    def key(self) -> str:
        """Charges are matched by their heading; "other" charges by their description too."""
        if self.kind == "other":
            return f"other:{self.description.strip().lower()}"
        return self.kind


SAME, DIFFERENT, MISSING, EXTRA, CURRENCY = "same", "different", "missing", "extra", "currency"


@dataclass(frozen=True)
class LineCheck:
    key: str
    kind: str
    description: str
    outcome: str  # same, different, missing, extra, currency
    quoted: Decimal | None
    quoted_currency: str
    invoiced: Decimal | None
    invoiced_currency: str
    difference: Decimal | None  # invoiced - quoted, when the currencies agree
    difference_eur: Decimal  # invoiced - quoted, both in EUR


@dataclass(frozen=True)
class InvoiceCheck:
    lines: tuple[LineCheck, ...]
    quoted_eur: Decimal
    invoiced_eur: Decimal
    difference_eur: Decimal
    difference: Decimal | None  # in the invoice's currency, when the quote is all in it

    @property
    def has_differences(self) -> bool:
        return any(line.outcome != SAME for line in self.lines)


def _grouped(charges: Sequence[Charge]) -> dict[str, list[Charge]]:
    groups: dict[str, list[Charge]] = {}
    for charge in charges:
        groups.setdefault(charge.key, []).append(charge)
    return groups


def check_invoice(
    quoted: Sequence[Charge],
    invoiced: Sequence[Charge],
    to_eur: Callable[[Decimal, str], Decimal],
) -> InvoiceCheck:
    """Compare an invoice with the accepted quote, heading by heading (lines of the same
    heading are added up first): a heading quoted and not invoiced is *missing*, invoiced and
    not quoted *extra*, in another currency *currency* (compared in EUR), otherwise *same* or
    *different* to the cent."""
    quotes, invoices = _grouped(quoted), _grouped(invoiced)
    keys = list(quotes) + [k for k in invoices if k not in quotes]
    rows: list[LineCheck] = []
    for key in keys:
        q, i = quotes.get(key, []), invoices.get(key, [])
        sample = (q or i)[0]
        q_currencies = {c.currency for c in q}
        i_currencies = {c.currency for c in i}
        q_eur = sum((to_eur(c.amount, c.currency) for c in q), Decimal(0))
        i_eur = sum((to_eur(c.amount, c.currency) for c in i), Decimal(0))
        q_amount = sum((c.amount for c in q), Decimal(0)) if len(q_currencies) == 1 else None
        i_amount = sum((c.amount for c in i), Decimal(0)) if len(i_currencies) == 1 else None
        q_currency = ", ".join(sorted(q_currencies))
        i_currency = ", ".join(sorted(i_currencies))
        difference = None
        if not i:
            outcome = MISSING
        elif not q:
            outcome = EXTRA
        elif q_currencies != i_currencies or q_amount is None or i_amount is None:
            outcome = CURRENCY
        else:
            difference = i_amount - q_amount
            outcome = SAME if difference == 0 else DIFFERENT
        rows.append(
            LineCheck(
                key=key,
                kind=sample.kind,
                description=sample.description,
                outcome=outcome,
                quoted=q_amount if q else None,
                quoted_currency=q_currency,
                invoiced=i_amount if i else None,
                invoiced_currency=i_currency,
                difference=difference,
                difference_eur=_two(i_eur - q_eur),
            )
        )
    quoted_eur = _two(sum((to_eur(c.amount, c.currency) for c in quoted), Decimal(0)))
    invoiced_eur = _two(sum((to_eur(c.amount, c.currency) for c in invoiced), Decimal(0)))
    currencies = {c.currency for c in quoted} | {c.currency for c in invoiced}
    total = None
    if len(currencies) == 1:
        total = sum((c.amount for c in invoiced), Decimal(0)) - sum(
            (c.amount for c in quoted), Decimal(0)
        )
    return InvoiceCheck(
        lines=tuple(rows),
        quoted_eur=quoted_eur,
        invoiced_eur=invoiced_eur,
        difference_eur=invoiced_eur - quoted_eur,
        difference=total,
    )
