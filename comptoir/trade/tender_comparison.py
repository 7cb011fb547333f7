"""Comparison of suppliers' answers to a call for tender: one currency, one Incoterm at our
warehouse, one cost per unit delivered, then the weighted score.

Sources and rules:

* Costs the buyer still pays after the supplier's Incoterm: Incoterms® 2020 (ICC
  Publication No. 723E), A9/B9 "allocation of costs" of each rule. Bringing every answer
  to **DAP our warehouse** means adding, from the answer's rule, what B9 leaves to the
  buyer up to our door:

  ============  ============================================================
  EXW           pre-carriage (loading included), export clearance, main freight,
                insurance, destination charges, on-carriage
  FCA           main freight, insurance, destination charges, on-carriage (the
                goods are handed over cleared for export at the named place, A2/A7)
  FAS, FOB      main freight, insurance, destination charges, on-carriage
  CFR, CPT      insurance, destination charges, on-carriage
  CIF, CIP      destination charges, on-carriage (the seller's cover is the minimum
                one; extra cover is the buyer's choice)
  DAP, DPU      nothing up to the named place (our warehouse)
  DDP           nothing, and the import duty is the seller's (B9 leaves none to us)
  ============  ============================================================

* Customs value: Union Customs Code (Regulation (EU) No 952/2013) art. 70-71: the price
  plus transport and insurance up to the place where the goods enter the Union, so the
  goods value plus the buyer's pre-carriage, export clearance, main freight and insurance
  (and, for answers whose price already includes them, the price alone). Costs after the
  border (destination charges, on-carriage) are left out (art. 72(a)).
* Duty: customs value x the tariff's ad valorem rate (the caller chooses the rate from the
  tariff table: preferential only if a proof of origin is expected, UCC art. 64).
* Import VAT: Directive 2006/112/EC art. 85-86 (customs value + duty + costs to the first
  place of destination); shown as **cash only**: it is recoverable (CGI art. 271) and is
  not a cost, so the delivered cost leaves it out.
* Cost per shipment is allocated to the lines by gross weight (by quantity when no line
  has a weight); per kg and per m³ costs use each line's gross weight and volume;
  insurance may be a percentage of the goods value (x 110 %, the cover of CIF/CIP A5).

The weighted score is the trade core's méthode des scores (:mod:`comptoir.trade.scoring`);
the grades on 0-10:

* price: ``10 x cheapest delivered cost / this answer's`` over the lines it quoted (line by
  line cheapest), times the share of the tender's value it covers;
* lead time: ``10 x shortest / this one``;
* payment terms: ``10 x this answer's days of credit / the longest`` (payment at order =
  0 days; all at 0: everyone gets 10);
* quality, reliability, CSR: grades given (0-10); none known: the neutral 5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from comptoir.trade import scoring
from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text, joined, number

__all__ = [
    "BUYER_COSTS",
    "COST_KINDS",
    "CRITERIA",
    "AnswerInput",
    "AnswerResult",
    "CostInput",
    "LineInput",
    "LineResult",
    "Comparison",
    "buyer_costs",
    "compare",
    "deliver",
]

ZERO: Final = Decimal(0)
TEN: Final = Decimal(10)
HUNDRED: Final = Decimal(100)
NEUTRAL: Final = Decimal(5)
CENT: Final = Decimal("0.01")
UNIT_PLACES: Final = Decimal("0.0001")
INSURED_PCT: Final = Decimal(110)

PRE_CARRIAGE = "pre_carriage"
EXPORT_CLEARANCE = "export_clearance"
MAIN_FREIGHT = "main_freight"
INSURANCE = "insurance"
DESTINATION = "destination_charges"
ON_CARRIAGE = "on_carriage"
COST_KINDS: Final = (
    PRE_CARRIAGE,
    EXPORT_CLEARANCE,
    MAIN_FREIGHT,
    INSURANCE,
    DESTINATION,
    ON_CARRIAGE,
)
#: Costs paid before the goods enter the Union: part of the customs value (UCC art. 71).
TO_BORDER: Final = frozenset({PRE_CARRIAGE, EXPORT_CLEARANCE, MAIN_FREIGHT, INSURANCE})

_AFTER_MAIN = (MAIN_FREIGHT, INSURANCE, DESTINATION, ON_CARRIAGE)
#: What the buyer still pays up to our warehouse, per rule (Incoterms® 2020, B9).
BUYER_COSTS: Final[dict[str, tuple[str, ...]]] = {
    "EXW": COST_KINDS,
    "FCA": _AFTER_MAIN,
    "FAS": _AFTER_MAIN,
    "FOB": _AFTER_MAIN,
    "CFR": (INSURANCE, DESTINATION, ON_CARRIAGE),
    "CPT": (INSURANCE, DESTINATION, ON_CARRIAGE),
    "CIF": (DESTINATION, ON_CARRIAGE),
    "CIP": (DESTINATION, ON_CARRIAGE),
    "DAP": (),
    "DPU": (),
    "DDP": (),
}

SHIPMENT, PER_KG, PER_M3, PERCENT = "shipment", "kg", "m3", "percent"
BASES: Final = (SHIPMENT, PER_KG, PER_M3, PERCENT)

CRITERIA: Final = ("price", "quality", "lead_time", "reliability", "payment", "csr")
MAX_LEAD_DAYS: Final = 730
MAX_PAYMENT_DAYS: Final = 365


def _two(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _unit(value: Decimal) -> Decimal:
    return value.quantize(UNIT_PLACES, rounding=ROUND_HALF_UP)


def buyer_costs(incoterm: str) -> tuple[str, ...]:
    """The cost kinds the buyer pays after ``incoterm`` up to our warehouse (B9)."""
    rule = incoterm.strip().upper()
    if rule not in BUYER_COSTS:
        raise TradeInputError(Text("{rule} is not an Incoterms® 2020 rule.", rule=rule), "incoterm")
    return BUYER_COSTS[rule]


# ----------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class CostInput:
    """A cost of the route from this supplier to our warehouse, in the comparison currency.

    ``basis``: ``shipment`` (a lump sum for the whole order), ``kg`` (per kg of gross
    weight), ``m3`` (per cubic metre), ``percent`` (of the goods value; for insurance the
    cover is 110 % of it)."""

    kind: str
    basis: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class LineInput:
    """One line of an answer: the tender line's key, the quantity asked, the unit price in the
    answer's currency, the unit's gross weight and volume, the duty and VAT rates."""

    key: str
    quantity: Decimal
    unit_price: Decimal
    unit_weight_kg: Decimal = ZERO
    unit_volume_m3: Decimal = ZERO
    duty_pct: Decimal = ZERO
    duty_note: str = ""
    vat_pct: Decimal = Decimal(20)


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """An answer as the comparison sees it; ``rate``: units of the comparison currency for 1
    unit of the answer's (1 when they are the same)."""

    key: str
    currency: str
    rate: Decimal
    incoterm: str
    lines: tuple[LineInput, ...]
    costs: tuple[CostInput, ...] = ()
    lead_time_days: int = 0
    payment_days: int = 0
    quality: Decimal | None = None
    reliability: Decimal | None = None
    csr: Decimal | None = None
    #: False for goods dispatched from another EU member state (free circulation): no
    #: customs duty and no import VAT (an intra-Community acquisition, VAT self-assessed,
    #: Directive 2006/112/EC art. 20 and 200).
    customs: bool = True


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class LineResult:
    key: str
    quantity: Decimal
    goods: Decimal  # value of the line in the comparison currency
    costs: dict[str, Decimal]  # the buyer's costs allocated to the line, per kind
    customs_value: Decimal
    duty: Decimal
    import_vat: Decimal  # cash only, recoverable
    delivered: Decimal  # goods + costs + duty
    unit_price: Decimal  # goods / quantity
    unit_delivered: Decimal  # delivered / quantity
    steps: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class AnswerResult:
    key: str
    lines: tuple[LineResult, ...]
    goods: Decimal
    costs: Decimal
    duty: Decimal
    import_vat: Decimal
    delivered: Decimal
    steps: tuple[Text, ...]

    def line(self, key: str) -> LineResult | None:
        return next((x for x in self.lines if x.key == key), None)


def _check_answer(answer: AnswerInput) -> None:
    if answer.rate <= 0:
        raise TradeInputError(
            Text("The exchange rate of {currency} must be above zero.", currency=answer.currency),
            "rate",
        )
    buyer_costs(answer.incoterm)
    if not answer.lines:
        raise TradeInputError(Text("An answer needs at least one priced line."), "lines")
    for i, line in enumerate(answer.lines):
        if line.quantity <= 0:
            raise TradeInputError(Text("The quantity must be above zero."), f"lines.{i}.quantity")
        if line.unit_price < 0:
            raise TradeInputError(
                Text("A unit price must not be negative."), f"lines.{i}.unit_price"
            )
        for name in ("unit_weight_kg", "unit_volume_m3", "duty_pct", "vat_pct"):
            if getattr(line, name) < 0:
                raise TradeInputError(Text("The value must not be negative."), f"lines.{i}.{name}")
    for j, cost in enumerate(answer.costs):
        if cost.kind not in COST_KINDS:
            raise TradeInputError(Text("Unknown kind of cost."), f"costs.{j}.kind")
        if cost.basis not in BASES:
            raise TradeInputError(Text("Unknown basis of cost."), f"costs.{j}.basis")
        if cost.amount < 0:
            raise TradeInputError(Text("A cost must not be negative."), f"costs.{j}.amount")
    if not 0 <= answer.lead_time_days <= MAX_LEAD_DAYS:
        raise TradeInputError(
            Text("The lead time lies between 0 and {max} days.", max=MAX_LEAD_DAYS),
            "lead_time_days",
        )
    if not 0 <= answer.payment_days <= MAX_PAYMENT_DAYS:
        raise TradeInputError(
            Text("The days of credit lie between 0 and {max}.", max=MAX_PAYMENT_DAYS),
            "payment_days",
        )
    for name in ("quality", "reliability", "csr"):
        grade = getattr(answer, name)
        if grade is not None and not ZERO <= grade <= TEN:
            raise TradeInputError(Text("A grade lies between 0 and 10."), name)


def deliver(answer: AnswerInput, currency: str = "EUR", *, explain: bool = True) -> AnswerResult:
    """Bring an answer to one cost per unit delivered at our warehouse, in ``currency``.

    Goods converted at the answer's rate; the buyer's costs after its Incoterm (B9) added
    and allocated to the lines; duty on the customs value (UCC art. 70-71) unless DDP;
    import VAT computed as cash (art. 85-86 of the VAT Directive) but left out of the cost.
    Amounts kept exact, rounded half-up to the cent per line (the unit cost to 4 places).
    ``explain=False`` leaves out the line-by-line steps (a long table needs only figures).
    """
    _check_answer(answer)
    paid = set(buyer_costs(answer.incoterm))
    ddp = answer.incoterm.strip().upper() == "DDP"
    no_customs = ddp or not answer.customs
    goods = [line.quantity * line.unit_price * answer.rate for line in answer.lines]
    weights = [line.quantity * line.unit_weight_kg for line in answer.lines]
    volumes = [line.quantity * line.unit_volume_m3 for line in answer.lines]
    total_weight = sum(weights, ZERO)
    total_qty = sum((line.quantity for line in answer.lines), ZERO)
    shares = (
        [w / total_weight for w in weights]
        if total_weight > 0
        else [line.quantity / total_qty for line in answer.lines]
    )
    share_basis = Text("gross weight") if total_weight > 0 else Text("quantity")
    allocated: list[dict[str, Decimal]] = [{} for _ in answer.lines]
    skipped: list[str] = []
    for cost in answer.costs:
        if cost.kind not in paid:
            skipped.append(cost.kind)
            continue
        for i in range(len(answer.lines)):
            if cost.basis == SHIPMENT:
                part = cost.amount * shares[i]
            elif cost.basis == PER_KG:
                part = cost.amount * weights[i]
            elif cost.basis == PER_M3:
                part = cost.amount * volumes[i]
            else:
                cover = INSURED_PCT / HUNDRED if cost.kind == INSURANCE else Decimal(1)
                part = goods[i] * cover * cost.amount / HUNDRED
            allocated[i][cost.kind] = allocated[i].get(cost.kind, ZERO) + part
    results: list[LineResult] = []
    head: list[Text] = []
    if answer.currency != currency:
        head.append(
            Text(
                "Prices in {from_currency} converted at {rate} {to_currency} for 1 {from_currency}",
                from_currency=answer.currency,
                rate=number(answer.rate),
                to_currency=currency,
            )
        )
    head.append(
        Text(
            "{rule}: the buyer pays {kinds} up to our warehouse (Incoterms® 2020, B9)",
            rule=answer.incoterm.upper(),
            kinds=joined(", ", (Text(_KIND_TEXT[k]) for k in buyer_costs(answer.incoterm)))
            if paid
            else Text("nothing more"),
        )
    )
    if skipped:
        head.append(
            Text(
                "Left out, already in the supplier's price: {kinds}",
                kinds=joined(", ", (Text(_KIND_TEXT[k]) for k in dict.fromkeys(skipped))),
            )
        )
    if any(c.basis == SHIPMENT and c.kind in paid for c in answer.costs):
        head.append(Text("Costs per shipment shared by {basis}", basis=share_basis))
    for i, line in enumerate(answer.lines):
        costs = {k: _two(v) for k, v in allocated[i].items()}
        line_goods = _two(goods[i])
        to_border = sum((v for k, v in costs.items() if k in TO_BORDER), ZERO)
        after = sum((v for k, v in costs.items() if k not in TO_BORDER), ZERO)
        customs_value = line_goods + to_border
        duty = CENT * 0 if no_customs else _two(customs_value * line.duty_pct / HUNDRED)
        vat = (
            CENT * 0
            if no_customs
            else _two((customs_value + duty + after) * line.vat_pct / HUNDRED)
        )
        delivered = line_goods + to_border + after + duty
        unit_delivered = _unit(delivered / line.quantity)
        steps: list[Text] = []
        if explain:
            steps = [
                Text(
                    "Goods {quantity} x {price} {currency} x {rate} = {goods} {to}",
                    quantity=number(line.quantity),
                    price=number(line.unit_price),
                    currency=answer.currency,
                    rate=number(answer.rate),
                    goods=number(line_goods, 2),
                    to=currency,
                )
            ]
            for kind in COST_KINDS:
                if kind in costs:
                    steps.append(
                        Text(
                            "+ {kind} {amount} {to}",
                            kind=Text(_KIND_TEXT[kind]),
                            amount=number(costs[kind], 2),
                            to=currency,
                        )
                    )
            if not answer.customs:
                steps.append(
                    Text(
                        "Dispatched from within the EU: no customs duty, no import VAT "
                        "(intra-Community acquisition, VAT self-assessed)"
                    )
                )
            elif ddp:
                steps.append(Text("Duty and import VAT paid by the supplier (DDP)"))
            else:
                steps.append(
                    Text(
                        "Customs value {value} {to} (UCC art. 70-71) x duty {pct} % = {duty} {to}"
                        "{note}",
                        value=number(customs_value, 2),
                        pct=number(line.duty_pct),
                        duty=number(duty, 2),
                        to=currency,
                        note=f" ({line.duty_note})" if line.duty_note else "",
                    )
                )
                steps.append(
                    Text(
                        "Import VAT {pct} % = {vat} {to}: cash only, recoverable, not a cost",
                        pct=number(line.vat_pct),
                        vat=number(vat, 2),
                        to=currency,
                    )
                )
            steps.append(
                Text(
                    "Delivered {delivered} {to} / {quantity} = {unit} {to} per unit",
                    delivered=number(delivered, 2),
                    quantity=number(line.quantity),
                    unit=number(unit_delivered),
                    to=currency,
                )
            )
        results.append(
            LineResult(
                key=line.key,
                quantity=line.quantity,
                goods=line_goods,
                costs=costs,
                customs_value=customs_value,
                duty=duty,
                import_vat=vat,
                delivered=delivered,
                unit_price=_unit(line_goods / line.quantity),
                unit_delivered=unit_delivered,
                steps=tuple(steps),
            )
        )
    return AnswerResult(
        key=answer.key,
        lines=tuple(results),
        goods=sum((r.goods for r in results), ZERO),
        costs=sum((sum(r.costs.values(), ZERO) for r in results), ZERO),
        duty=sum((r.duty for r in results), ZERO),
        import_vat=sum((r.import_vat for r in results), ZERO),
        delivered=sum((r.delivered for r in results), ZERO),
        steps=tuple(head),
    )


_KIND_TEXT: Final = {
    PRE_CARRIAGE: "pre-carriage",
    EXPORT_CLEARANCE: "export clearance",
    MAIN_FREIGHT: "main freight",
    INSURANCE: "insurance",
    DESTINATION: "destination charges",
    ON_CARRIAGE: "on-carriage",
}


# ----------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Graded:
    key: str
    grades: dict[str, Decimal]
    explanations: dict[str, Text]


@dataclass(frozen=True, slots=True)
class Comparison:
    results: tuple[AnswerResult, ...]
    graded: tuple[Graded, ...]
    best_per_line: dict[str, str]  # line key -> answer key with the lowest unit delivered
    score: scoring.ScoreResult | None
    steps: tuple[Text, ...] = field(default=())

    def ranked(self) -> dict[str, scoring.Ranked]:
        return {r.name: r for r in self.score.ranking} if self.score else {}

    def result(self, key: str) -> AnswerResult | None:
        return next((r for r in self.results if r.key == key), None)


_GIVEN: Final = {
    "quality": ("Quality grade entered: {grade}", "No quality grade: neutral {grade}"),
    "reliability": (
        "Reliability from our history: {grade}",
        "No history with this supplier: neutral {grade}",
    ),
    "csr": ("CSR grade of the supplier file: {grade}", "No CSR grade: neutral {grade}"),
}


def _given(grade: Decimal | None, what: str) -> tuple[Decimal, Text]:
    known, unknown = _GIVEN[what]
    if grade is None:
        return NEUTRAL, Text(unknown, grade=number(NEUTRAL))
    return grade, Text(known, grade=number(grade))


def _grade(
    answers: Sequence[AnswerInput], results: Sequence[AnswerResult]
) -> tuple[list[Graded], dict[str, str]]:
    best: dict[str, tuple[Decimal, str]] = {}
    quantities: dict[str, Decimal] = {}
    for result in results:
        for line in result.lines:
            quantities[line.key] = line.quantity
            if line.key not in best or line.unit_delivered < best[line.key][0]:
                best[line.key] = (line.unit_delivered, result.key)
    all_value = sum((best[k][0] * quantities[k] for k in best), ZERO)
    shortest = min(max(a.lead_time_days, 1) for a in answers)
    longest_credit = max(a.payment_days for a in answers)
    ratios: list[tuple[Decimal, Decimal, Decimal, Decimal]] = []
    for result in results:
        own = sum((line.unit_delivered * line.quantity for line in result.lines), ZERO)
        cheapest = sum((best[line.key][0] * line.quantity for line in result.lines), ZERO)
        cover = cheapest / all_value if all_value > 0 else Decimal(1)
        ratio = cheapest / own * cover if own > 0 else cover
        ratios.append((own, cheapest, cover, ratio))
    top = max(r[3] for r in ratios)
    graded = []
    for answer, (own, cheapest, cover, ratio) in zip(answers, ratios, strict=True):
        price = TEN if top <= 0 else _two(TEN * ratio / top)
        price_why = Text(
            "Cheapest on each line {cheapest} / delivered {own}{cover} = {ratio}; "
            "10 x {ratio} / best {top} = {grade}",
            cheapest=number(cheapest, 2),
            own=number(own, 2),
            cover=Text(" x share of the tender covered {share} %", share=number(cover * 100, 1))
            if cover < 1
            else "",
            ratio=number(ratio, 4),
            top=number(top, 4),
            grade=number(price),
        )
        days = max(answer.lead_time_days, 1)
        lead = _two(TEN * shortest / days)
        if longest_credit == 0:
            payment, pay_why = TEN, Text("No answer gives credit: grade 10 for all")
        else:
            payment = _two(TEN * answer.payment_days / longest_credit)
            pay_why = Text(
                "10 x {days} days of credit / longest {longest} = {grade}",
                days=answer.payment_days,
                longest=longest_credit,
                grade=number(payment),
            )
        quality, quality_why = _given(answer.quality, "quality")
        reliability, reliability_why = _given(answer.reliability, "reliability")
        csr, csr_why = _given(answer.csr, "csr")
        graded.append(
            Graded(
                key=answer.key,
                grades={
                    "price": price,
                    "quality": quality,
                    "lead_time": lead,
                    "reliability": reliability,
                    "payment": payment,
                    "csr": csr,
                },
                explanations={
                    "price": price_why,
                    "quality": quality_why,
                    "lead_time": Text(
                        "10 x shortest {shortest} days / {days} days = {grade}",
                        shortest=shortest,
                        days=days,
                        grade=number(lead),
                    ),
                    "reliability": reliability_why,
                    "payment": pay_why,
                    "csr": csr_why,
                },
            )
        )
    return graded, {k: v[1] for k, v in best.items()}


def compare(
    answers: Sequence[AnswerInput],
    weights: Mapping[str, int | Decimal],
    labels: Mapping[str, str] | None = None,
    currency: str = "EUR",
    results: Sequence[AnswerResult] | None = None,
) -> Comparison:
    """Deliver every answer to our warehouse, grade the six criteria and score them with
    ``weights`` (criterion -> weight; only ratios matter). ``labels`` names the criteria
    in the reader's language (the scoring steps print them). Weights all zero: grades
    without a score. ``results``: the answers already delivered (same order), not redone."""
    for name in weights:
        if name not in CRITERIA:
            raise TradeInputError(Text("Unknown criterion."), f"weights.{name}")
    keys = [a.key for a in answers]
    if len(set(keys)) != len(keys):
        raise TradeInputError(Text("Two answers have the same name."), "answers")
    if results is None:
        results = [deliver(a, currency) for a in answers]
    elif [r.key for r in results] != keys:
        raise TradeInputError(Text("The results do not match the answers."), "results")
    if not answers:
        return Comparison((), (), {}, None)
    graded, best = _grade(answers, list(results))
    names = dict(labels or {c: c for c in CRITERIA})
    if sum((Decimal(weights.get(c, 0)) for c in CRITERIA), ZERO) <= 0:
        return Comparison(tuple(results), tuple(graded), best, None)
    criteria = [scoring.Criterion(names[c], Decimal(weights.get(c, 0))) for c in CRITERIA]
    options = [scoring.Option(g.key, {names[c]: g.grades[c] for c in CRITERIA}) for g in graded]
    result = scoring.score(criteria, options)
    return Comparison(tuple(results), tuple(graded), best, result, result.steps)
