"""Currency exposure: what we will receive and pay in each foreign currency, against the
hedges taken, month by month; the uncovered position valued at the ECB rate and at the
budget rate.

Conventions:

* Rates: ``eur_per_unit`` is how many euros one unit of the currency is worth (the way the
  company's rates and :mod:`comptoir.trade.fx` quote currency -> EUR). A forward contract's
  rate is quoted the market's way, **units of the currency per euro** (EUR/USD 1.0850: one
  euro = 1.0850 dollars, "cotation au certain"), as on the bank's confirmation.
* ECB euro foreign exchange reference rates (published for information each TARGET day)
  value the position "at today's rate"; the company's budget rate is the rate the year's
  prices and margins were set at.
* A forward contract fixes the rate for an amount delivered at maturity: a **sell** forward
  (we deliver the currency, we receive euros) covers receipts, a **buy** forward covers
  payments. Its value at maturity against the spot rate then is
  ``amount / contract_rate - amount / spot_rate`` euros for a sell (``- (...)`` for a buy):
  positive when the currency fell below the contract rate. A bought option (a put to sell, a
  call to buy) protects at its strike and is worth ``max(0, value)`` at maturity: counted in
  the hedged amount like a forward, since it fixes the worst rate.
* Position per currency and month: ``net = receipts - payments``; ``hedged = sell - buy``;
  ``uncovered = net - hedged`` (positive: long, we will hold currency to sell at the future
  spot; negative: short). Hedge ratio = hedged / net (ratio above 100 %: over-hedged).
  Flows and hedges past their date stay in the current month: the money is due now.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code

__all__ = [
    "CurrencyExposure",
    "Flow",
    "Hedge",
    "HedgeValue",
    "MonthRow",
    "exposure",
    "forward_value",
    "month_key",
]

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")

RECEIVE = "receive"
PAY = "pay"
SELL = "sell"
BUY = "buy"
FORWARD = "forward"
OPTION = "option"


def _cents(value: Decimal) -> Decimal:
    result = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return result + 0 if result.is_zero() else result


def month_key(day: date) -> str:
    """``YYYY-MM``: the month bucket of a date."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True, slots=True)
class Flow:
    """Money expected in a foreign currency: received (an open invoice, a confirmed order, an
    accepted offer) or paid (a supplier payment)."""

    currency: str
    amount: Decimal
    on: date
    direction: str  # RECEIVE or PAY
    source: str = ""  # "invoice", "order", "offer", "payment"
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Hedge:
    """An open forward contract or bought option (what is not yet delivered)."""

    currency: str
    amount: Decimal
    side: str  # SELL (we deliver the currency) or BUY
    rate: Decimal  # units of the currency per EUR (contract rate, or the option's strike)
    maturity: date
    kind: str = FORWARD
    reference: str = ""


def _check_flow(flow: Flow, index: int) -> None:
    currency_code(flow.currency, f"flows.{index}.currency")
    if not flow.amount.is_finite() or flow.amount < ZERO:
        raise TradeInputError("An expected amount cannot be negative.", f"flows.{index}.amount")
    if flow.direction not in (RECEIVE, PAY):
        raise TradeInputError("A flow is received or paid.", f"flows.{index}.direction")


def _check_hedge(hedge: Hedge, index: int) -> None:
    currency_code(hedge.currency, f"hedges.{index}.currency")
    if hedge.currency == "EUR":
        raise TradeInputError(
            "A hedge is in a currency other than EUR.", f"hedges.{index}.currency"
        )
    if not hedge.amount.is_finite() or hedge.amount < ZERO:
        raise TradeInputError("A hedged amount cannot be negative.", f"hedges.{index}.amount")
    if not hedge.rate.is_finite() or hedge.rate <= ZERO:
        raise TradeInputError("A contract rate is greater than zero.", f"hedges.{index}.rate")
    if hedge.side not in (SELL, BUY):
        raise TradeInputError("A hedge sells or buys the currency.", f"hedges.{index}.side")
    if hedge.kind not in (FORWARD, OPTION):
        raise TradeInputError("A hedge is a forward or an option.", f"hedges.{index}.kind")


@dataclass(frozen=True, slots=True)
class HedgeValue:
    """A hedge valued at maturity against a spot rate and against the budget rate."""

    hedge: Hedge
    eur_at_contract: Decimal  # the euros the contract fixes (amount / rate)
    value_vs_spot: Decimal | None  # what the contract is worth against the spot rate
    result_vs_budget: Decimal | None  # the euros fixed minus the euros at the budget rate


def forward_value(hedge: Hedge, spot_eur_per_unit: Decimal) -> Decimal:
    """A forward's (or a bought option's) value at maturity against a spot rate, in EUR.

    Sell forward of A at F (currency per EUR), spot S (currency per EUR): A/F - A/S; a buy
    forward the opposite; an option is worth that value when positive, nothing otherwise.

    Worked case: sell USD 100,000 at 1.0800, spot 1.1200 USD per EUR (0.892857 EUR per USD):
    92,592.59 - 89,285.71 = +3,306.88 EUR.
    """
    if spot_eur_per_unit <= ZERO:
        raise TradeInputError("A spot rate is greater than zero.", "spot")
    fixed = hedge.amount / hedge.rate
    at_spot = hedge.amount * spot_eur_per_unit
    value = fixed - at_spot if hedge.side == SELL else at_spot - fixed
    if hedge.kind == OPTION:
        value = max(value, ZERO)
    return _cents(value)


@dataclass
class MonthRow:
    """One currency's figures for one month, in the currency (EUR values rounded to the cent)."""

    month: str
    receipts: Decimal = ZERO
    payments: Decimal = ZERO
    hedged_sell: Decimal = ZERO
    hedged_buy: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.receipts - self.payments

    @property
    def hedged(self) -> Decimal:
        return self.hedged_sell - self.hedged_buy

    @property
    def uncovered(self) -> Decimal:
        return self.net - self.hedged

    @property
    def hedge_ratio(self) -> Decimal | None:
        return _ratio(self.hedged, self.net)


def _ratio(hedged: Decimal, net: Decimal) -> Decimal | None:
    if net == ZERO:
        return None
    return _cents(hedged * HUNDRED / net)


@dataclass
class CurrencyExposure:
    currency: str
    months: list[MonthRow]
    spot: Decimal | None  # EUR per unit (ECB reference rate of the day)
    budget: Decimal | None  # EUR per unit (the company's budget rate)
    hedges: list[HedgeValue] = field(default_factory=list)

    def _total(self, name: str) -> Decimal:
        return sum((getattr(m, name) for m in self.months), ZERO)

    @property
    def receipts(self) -> Decimal:
        return self._total("receipts")

    @property
    def payments(self) -> Decimal:
        return self._total("payments")

    @property
    def net(self) -> Decimal:
        return self.receipts - self.payments

    @property
    def hedged(self) -> Decimal:
        return self._total("hedged_sell") - self._total("hedged_buy")

    @property
    def uncovered(self) -> Decimal:
        return self.net - self.hedged

    @property
    def hedge_ratio(self) -> Decimal | None:
        return _ratio(self.hedged, self.net)

    @property
    def uncovered_at_spot(self) -> Decimal | None:
        return _cents(self.uncovered * self.spot) if self.spot is not None else None

    @property
    def uncovered_at_budget(self) -> Decimal | None:
        return _cents(self.uncovered * self.budget) if self.budget is not None else None

    @property
    def gain_vs_budget(self) -> Decimal | None:
        """The uncovered position at today's rate minus at the budget rate: positive, the
        currency is worth more than budgeted for what we will hold (or owe less)."""
        if self.uncovered_at_spot is None or self.uncovered_at_budget is None:
            return None
        return self.uncovered_at_spot - self.uncovered_at_budget

    @property
    def hedges_vs_budget(self) -> Decimal | None:
        results = [h.result_vs_budget for h in self.hedges]
        if any(r is None for r in results):
            return None
        return sum((r for r in results if r is not None), ZERO)


def exposure(
    flows: Iterable[Flow],
    hedges: Iterable[Hedge],
    as_of: date,
    spot: Mapping[str, Decimal],
    budget: Mapping[str, Decimal],
) -> list[CurrencyExposure]:
    """The exposure per currency other than EUR, month by month from ``as_of``'s month.

    ``spot`` and ``budget`` give EUR per unit of each currency (missing: not valued, said so
    by ``None``). Currencies come in alphabetical order, months in date order.
    """
    rows: dict[str, dict[str, MonthRow]] = {}
    current = month_key(as_of)

    def row(currency: str, day: date) -> MonthRow:
        key = max(month_key(day), current)
        by_month = rows.setdefault(currency, {})
        if key not in by_month:
            by_month[key] = MonthRow(key)
        return by_month[key]

    for index, flow in enumerate(flows):
        _check_flow(flow, index)
        if flow.currency == "EUR" or flow.amount == ZERO:
            continue
        target = row(flow.currency, flow.on)
        if flow.direction == RECEIVE:
            target.receipts += flow.amount
        else:
            target.payments += flow.amount
    values: dict[str, list[HedgeValue]] = {}
    for index, hedge in enumerate(hedges):
        _check_hedge(hedge, index)
        target = row(hedge.currency, hedge.maturity)
        if hedge.side == SELL:
            target.hedged_sell += hedge.amount
        else:
            target.hedged_buy += hedge.amount
        values.setdefault(hedge.currency, []).append(
            _hedge_value(hedge, spot.get(hedge.currency), budget.get(hedge.currency))
        )
    return [
        CurrencyExposure(
            currency=currency,
            months=[by_month[key] for key in sorted(by_month)],
            spot=spot.get(currency),
            budget=budget.get(currency),
            hedges=values.get(currency, []),
        )
        for currency, by_month in sorted(rows.items())
    ]


def _hedge_value(hedge: Hedge, spot: Decimal | None, budget: Decimal | None) -> HedgeValue:
    fixed = _cents(hedge.amount / hedge.rate)
    vs_budget = None
    if budget is not None:
        at_budget = _cents(hedge.amount * budget)
        vs_budget = fixed - at_budget if hedge.side == SELL else at_budget - fixed
    return HedgeValue(
        hedge=hedge,
        eur_at_contract=fixed,
        value_vs_spot=forward_value(hedge, spot) if spot is not None else None,
        result_vs_budget=vs_budget,
    )


def months_between(first: str, last: str) -> Sequence[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` included (for a chart without gaps)."""
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out
