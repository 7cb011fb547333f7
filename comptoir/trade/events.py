"""Trade fairs and events: the retro-planning of a fair, its budget and what it brought.

Pure rules, no Django:

* **Retro-planning** (rétroplanning d'un salon): each checklist item is due a number of
  days before the opening day ("D-120: book the stand space") or after the closing day
  ("D+7: every lead followed up"). ``due_date`` places an item on the calendar; an item not
  done by its date is late.
* **Follow-up of a lead**: the rule of thumb of trade-fair follow-up is "hot leads within
  48 hours, the others within the week": the follow-up is due a number of business days
  (French calendar: the team's) after the fair closes, by lead temperature.
* **Budget planned vs actual** (budget prévisionnel / réalisé): totals per category, the
  variance (actual - planned) and its percentage of the plan; money is Decimal in EUR.
* **Cost per lead / per meeting** (coût par contact qualifié): the actual cost divided by
  the number of leads (or meetings), none when there were none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from comptoir.trade.calendars import add_business_days
from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

CENT = Decimal("0.01")
ZERO = Decimal("0")

#: Anchors of a checklist item: the opening day ("D-30") or the closing day ("D+7").
ANCHORS = ("start", "end")

#: Business days after the fair closes by which a lead is followed up (hot: 48 hours).
FOLLOW_UP_BUSINESS_DAYS = {"hot": 2, "warm": 5, "cold": 10}

#: Longest planning horizon accepted for an item (two years before or after).
MAX_OFFSET_DAYS = 730


def due_date(start: dt.date, end: dt.date, anchor: str, offset_days: int) -> dt.date:
    """The day an item is due: ``offset_days`` from the opening day (anchor ``start``, a
    negative offset is before the fair) or from the closing day (anchor ``end``)."""
    if end < start:
        raise TradeInputError(Text("The fair cannot end before it starts."), field="ends_on")
    if anchor not in ANCHORS:
        raise TradeInputError(Text("Unknown anchor {anchor}.", anchor=anchor), field="anchor")
    if abs(offset_days) > MAX_OFFSET_DAYS:
        raise TradeInputError(
            Text("An item is planned at most {days} days from the fair.", days=MAX_OFFSET_DAYS),
            field="offset_days",
        )
    base = start if anchor == "start" else end
    return base + dt.timedelta(days=offset_days)


def is_late(due: dt.date, done_on: dt.date | None, today: dt.date) -> bool:
    """Not done and its day has passed."""
    return done_on is None and due < today


def follow_up_due(ends_on: dt.date, temperature: str, entered_on: dt.date | None = None) -> dt.date:
    """When a lead met at the fair is to be followed up: a number of French business days
    after the fair closes (hot 2, warm 5, cold 10), counted from the day it was entered
    when that is later (a visitor entered after the fair)."""
    if temperature not in FOLLOW_UP_BUSINESS_DAYS:
        raise TradeInputError(
            Text("Unknown lead temperature {value}.", value=temperature), field="temperature"
        )
    base = max(ends_on, entered_on) if entered_on is not None else ends_on
    return add_business_days("FR", base, FOLLOW_UP_BUSINESS_DAYS[temperature])


@dataclass(frozen=True, slots=True)
class BudgetLine:
    category: str
    planned: Decimal
    actual: Decimal | None  # None: not spent or not known yet


@dataclass(frozen=True, slots=True)
class BudgetRow:
    category: str
    planned: Decimal
    actual: Decimal
    variance: Decimal
    variance_pct: Decimal | None  # of the plan; None when nothing was planned


@dataclass(frozen=True, slots=True)
class Budget:
    rows: tuple[BudgetRow, ...]
    total: BudgetRow


def _row(category: str, planned: Decimal, actual: Decimal) -> BudgetRow:
    variance = actual - planned
    pct = (100 * variance / planned).quantize(Decimal("0.1"), ROUND_HALF_UP) if planned else None
    return BudgetRow(category, planned, actual, variance, pct)


def budget(lines: Iterable[BudgetLine]) -> Budget:
    """Totals per category (in the order met) and overall; a line with no actual counts 0
    spent. Negative amounts are refused (a refund is entered as a lower actual)."""
    planned: dict[str, Decimal] = {}
    actual: dict[str, Decimal] = {}
    for line in lines:
        if line.planned < 0 or (line.actual is not None and line.actual < 0):
            raise TradeInputError(Text("A budget amount cannot be negative."), field="planned")
        planned[line.category] = planned.get(line.category, ZERO) + line.planned
        actual[line.category] = actual.get(line.category, ZERO) + (line.actual or ZERO)
    rows = tuple(_row(c, planned[c], actual[c]) for c in planned)
    total = _row("total", sum(planned.values(), ZERO), sum(actual.values(), ZERO))
    return Budget(rows, total)


def cost_per(total: Decimal, count: int) -> Decimal | None:
    """Cost of one lead (or meeting): ``total / count`` to the cent; none when count is 0."""
    if count < 0:
        raise TradeInputError(Text("A count cannot be negative."), field="count")
    if count == 0:
        return None
    return (total / count).quantize(CENT, ROUND_HALF_UP)


def achievement_pct(result: int, target: int | None) -> Decimal | None:
    """How much of an objective was reached, in percent (none without a target)."""
    if not target:
        return None
    return (Decimal(100) * result / target).quantize(Decimal("1"), ROUND_HALF_UP)
