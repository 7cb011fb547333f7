"""Landed cost per received line: the goods and every cost of bringing them in, shared out.

The cost of goods bought is their purchase price plus the customs duties and other taxes
that cannot be recovered, plus transport, handling and the other costs directly attributable
to their acquisition; rebates are deducted (PCG art. 213-31, ANC regulation 2014-03; IAS 2
para. 10-11). Import VAT is recoverable for a VAT-registered importer and is not a cost.
Storage is a cost only while it is needed to bring the goods to where they are sold (port or
bonded storage before receipt), not after (IAS 2 para. 16(b)): the user decides which storage
invoices belong here.

Each cost is shared between the received lines by the basis chosen for it:

* ``value``: in proportion to the goods' value in EUR (insurance, ad valorem costs, bank
  charges);
* ``weight``: in proportion to the lines' gross weight (sea or road freight, handling);
* ``quantity``: in proportion to the units received (inspection per piece, labelling);
* ``direct``: the amount of each line is given (the duty of each item of the import
  declaration).

Sharing is done in cents by the largest remainder method, so the shares add up *exactly* to
the cost; the unit cost of a line is its total divided by its quantity, rounded half-up to
four decimals (the catalog's cost-price precision).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import to_decimal
from comptoir.trade.texts import Text

__all__ = [
    "BASES",
    "DIRECT",
    "KINDS",
    "QUANTITY",
    "VALUE",
    "WEIGHT",
    "Cost",
    "LandedLine",
    "LandedResult",
    "ReceivedLine",
    "landed_cost",
    "share",
]

ZERO: Final = Decimal(0)
CENT: Final = Decimal("0.01")
UNIT_COST_PLACES: Final = Decimal("0.0001")

VALUE: Final = "value"
WEIGHT: Final = "weight"
QUANTITY: Final = "quantity"
DIRECT: Final = "direct"
BASES: Final = (VALUE, WEIGHT, QUANTITY, DIRECT)

#: Kinds of costs, in the order they are shown.
KINDS: Final = (
    "freight",
    "insurance",
    "duty",
    "brokerage",
    "handling",
    "storage",
    "inspection",
    "other",
)

#: Costly inputs, bounded.
MAX_LINES: Final = 1000
MAX_COSTS: Final = 50


@dataclass(frozen=True, slots=True)
class ReceivedLine:
    """A received line: its quantity accepted, its goods value in EUR (the invoice amount at
    the invoice's rate) and its gross weight in kg."""

    key: Hashable
    quantity: Decimal
    goods_eur: Decimal
    weight_kg: Decimal = ZERO
    label: str = ""


@dataclass(frozen=True, slots=True)
class Cost:
    """A cost in EUR (negative: a rebate), shared by ``basis``; ``direct`` gives each line's
    amount (by key) instead and must add up to ``amount``."""

    kind: str
    amount: Decimal
    basis: str = VALUE
    label: str = ""
    direct: Mapping[Hashable, Decimal] | None = None


@dataclass(frozen=True, slots=True)
class LandedLine:
    key: Hashable
    quantity: Decimal
    goods: Decimal
    shares: tuple[Decimal, ...]  # one per cost, in the order of the costs
    total: Decimal
    unit_cost: Decimal
    label: str = ""

    def by_kind(self, costs: Sequence[Cost]) -> dict[str, Decimal]:
        """The line's shares added per kind of cost."""
        out: dict[str, Decimal] = {}
        for cost, amount in zip(costs, self.shares, strict=True):
            out[cost.kind] = out.get(cost.kind, ZERO) + amount
        return out


@dataclass(frozen=True, slots=True)
class LandedResult:
    costs: tuple[Cost, ...]
    lines: tuple[LandedLine, ...]
    goods: Decimal
    total_costs: Decimal
    total: Decimal
    steps: tuple[Text, ...]


def share(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``total`` (EUR, to the cent) shared in proportion to ``weights``, in cents, by the
    largest remainder (Hamilton) method: the shares add up exactly to ``total``; ties go to
    the earlier line. A negative total (a rebate) is shared the same way, negated.
    ``weights`` must be non-negative with a positive sum."""
    cents = int((total / CENT).to_integral_value(ROUND_HALF_UP))
    sign = -1 if cents < 0 else 1
    cents = abs(cents)
    weight = sum(weights, ZERO)
    if weight <= 0 or any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative with a positive sum")
    raw = [Decimal(cents) * w / weight for w in weights]
    floors = [int(r) for r in raw]
    rest = cents - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return [Decimal(sign * f) * CENT for f in floors]


_BASIS_TEXT: Final = {
    VALUE: Text("by value"),
    WEIGHT: Text("by weight"),
    QUANTITY: Text("by quantity"),
    DIRECT: Text("line by line"),
}


def landed_cost(lines: Sequence[ReceivedLine], costs: Sequence[Cost]) -> LandedResult:
    """Each line's goods plus its share of every cost, and its real unit cost (see module).

    Raises :class:`TradeInputError` naming the field when a line has no quantity, a cost has
    an unknown basis, a cost by weight meets lines without weight (the cost could not be
    shared fairly: give the weights or choose another basis), or direct amounts do not add up.
    """
    if not lines:
        raise TradeInputError("There is no received line to cost.", "lines")
    if len(lines) > MAX_LINES:
        raise TradeInputError(f"At most {MAX_LINES} received lines.", "lines")
    if len(costs) > MAX_COSTS:
        raise TradeInputError(f"At most {MAX_COSTS} costs.", "costs")
    for i, line in enumerate(lines):
        to_decimal(
            line.quantity, f"lines.{i}.quantity", minimum=0, strict_minimum=True, what="quantity"
        )
        to_decimal(line.goods_eur, f"lines.{i}.goods_eur", minimum=0)
        to_decimal(line.weight_kg, f"lines.{i}.weight_kg", minimum=0, what="weight")
    columns: list[list[Decimal]] = []
    steps: list[Text] = []
    for c, cost in enumerate(costs):
        amount = to_decimal(cost.amount, f"costs.{c}.amount").quantize(CENT, ROUND_HALF_UP)
        if cost.basis not in BASES:
            raise TradeInputError(
                f"Share a cost by {', '.join(BASES)} (got {cost.basis!r}).", f"costs.{c}.basis"
            )
        if cost.basis == DIRECT:
            given = cost.direct or {}
            column = [
                to_decimal(given.get(line.key, ZERO), f"costs.{c}.direct").quantize(
                    CENT, ROUND_HALF_UP
                )
                for line in lines
            ]
            if sum(column, ZERO) != amount:
                raise TradeInputError(
                    f"The line amounts add up to {sum(column, ZERO)}, not to the {amount} of the cost.",
                    f"costs.{c}.amount",
                )
        else:
            if cost.basis == VALUE:
                weights = [line.goods_eur for line in lines]
            elif cost.basis == WEIGHT:
                weights = [line.weight_kg for line in lines]
            else:
                weights = [line.quantity for line in lines]
            if sum(weights, ZERO) <= 0:
                if not amount:
                    column = [ZERO for _ in lines]
                    columns.append(column)
                    continue
                raise TradeInputError(
                    {
                        VALUE: "The received lines have no value to share this cost by: share it by quantity.",
                        WEIGHT: "The received lines have no weight: give their weights or share this cost by value.",
                        QUANTITY: "The received lines have no quantity to share this cost by.",
                    }[cost.basis],
                    f"costs.{c}.basis",
                )
            if cost.basis == WEIGHT and any(w <= 0 for w in weights):
                raise TradeInputError(
                    "Some received lines have no weight: give their weights or share this cost by value.",
                    f"costs.{c}.basis",
                )
            column = share(amount, weights)
        columns.append(column)
        steps.append(
            Text(
                "{kind} {amount} EUR shared {basis}.",
                kind=cost.label or cost.kind,
                amount=amount,
                basis=_BASIS_TEXT[cost.basis],
            )
        )
    landed: list[LandedLine] = []
    for i, line in enumerate(lines):
        goods = line.goods_eur.quantize(CENT, ROUND_HALF_UP)
        shares = tuple(column[i] for column in columns)
        total = goods + sum(shares, ZERO)
        landed.append(
            LandedLine(
                line.key,
                line.quantity,
                goods,
                shares,
                total,
                (total / line.quantity).quantize(UNIT_COST_PLACES, ROUND_HALF_UP),
                line.label,
            )
        )
    goods_total = sum((x.goods for x in landed), ZERO)
    costs_total = sum((sum(col, ZERO) for col in columns), ZERO)
    return LandedResult(
        tuple(costs),
        tuple(landed),
        goods_total,
        costs_total,
        goods_total + costs_total,
        tuple(steps),
    )
