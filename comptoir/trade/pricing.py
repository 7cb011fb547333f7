"""Export price build-up: the Incoterms price ladder, margin vs mark-up, agent commission.

The ladder escalates an ex-works price through the eleven Incoterms® 2020 rules
by adding, rule after rule, the costs the seller takes on (ICC Publication No.
723E, A9 "allocation of costs" of each rule; see :mod:`comptoir.trade.incoterms`):

* EXW = ex-works price (packing included: it is a seller's cost under every rule, A8)
* FCA (seller's premises) = EXW + loading at origin + export clearance
* FAS = FCA + pre-carriage;  FOB = FAS + origin handling;  CFR = FOB + main carriage
* CIF = CFR / (1 - insurance rate x insured % / 100);  premium = CIF - CFR
* CPT (named place of destination) = FOB + main carriage + destination handling + on-carriage
* CIP = CPT / (1 - insurance rate x insured % / 100)
* DAP = CPT;  DPU = DAP + unloading at destination;  DDP = DAP + import clearance + import duties and taxes

The insurance under CIF and CIP is computed on the price that includes it: the
cover must be at least 110 % of the contract price (CIF A5 / CIP A5), so the
premium is ``rate x insured % x CIF`` and solving ``CIF = CFR + rate x pct x CIF``
gives the division above. Every figure is carried exactly; prices are rounded
half-up to the currency's minor unit at the end only, and the premium shown is
the difference of the rounded prices (so that CFR + premium = CIF on the page).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import COST_ITEM_LABELS, COST_ITEMS, PRICE_LADDER_ORDER
from comptoir.trade.money import currency_code, minor_units, round_money
from comptoir.trade.texts import Joined, Text, TextParam, in_currency, joined, number, percent

__all__ = [
    "LADDER_COST_ITEMS",
    "MarginAnalysis",
    "PriceLadder",
    "agent_commission",
    "insurance_gross_up",
    "margin_analysis",
    "margin_rate_from_markup",
    "markup_rate_from_margin",
    "price_before_commission",
    "price_ladder",
    "selling_price_from_margin",
    "selling_price_from_markup",
]

SOURCE = (
    "Incoterms® 2020 (ICC Publication No. 723E), A9/B9 allocation of costs of each rule; "
    "CIF A5 and CIP A5 (insurance of at least 110 % of the contract price)"
)

#: The cost items of the price build-up: those of the Incoterms table except insurance, computed here.
LADDER_COST_ITEMS = tuple(item for item in COST_ITEMS if item != "insurance")

_LABELS = COST_ITEM_LABELS

HUNDRED = Decimal(100)
MIN_INSURED_PCT = Decimal(110)


@dataclass(frozen=True, slots=True)
class PriceLadder:
    """Result of :func:`price_ladder`: exact and rounded prices per Incoterms rule."""

    currency: str
    exact: dict[str, Decimal]  # unrounded, per rule code
    prices: dict[str, Decimal]  # rounded half-up to the minor unit, per rule code
    insurance_premium_cif: Decimal
    insurance_premium_cip: Decimal
    insured_value_cif: Decimal
    insured_value_cip: Decimal
    steps: tuple[Text, ...]


def insurance_gross_up(price: Decimal, insurance_rate: Decimal, insured_pct: Decimal) -> Decimal:
    """Price including insurance on itself: ``price / (1 - rate x pct / 100)``.

    Source: CIF A5 / CIP A5 of Incoterms® 2020 (cover of at least 110 % of the
    contract price, i.e. of the price that includes the premium): the premium
    ``rate x pct/100 x P`` and ``P = price + premium`` give ``P = price / (1 - rate x pct/100)``.
    """
    factor = insurance_rate * insured_pct / HUNDRED
    if factor >= 1:
        raise TradeInputError(
            "Insurance rate x insured percentage must stay below 100 % of the price.",
            "insurance_rate",
        )
    return price / (1 - factor)


def _check_rates(insurance_rate: Decimal, insured_pct: Decimal) -> None:
    if insurance_rate < 0 or insurance_rate >= 1:
        raise TradeInputError(
            "The insurance rate is a fraction of the insured value between 0 and 1, e.g. 0.003 for 0.3 %.",
            "insurance_rate",
        )
    if insured_pct < MIN_INSURED_PCT:
        raise TradeInputError(
            "Incoterms® 2020 CIF A5 and CIP A5 require cover of at least 110 % of the contract price.",
            "insured_pct",
        )


def price_ladder(
    currency: str,
    exw: Decimal,
    costs: Mapping[str, Decimal],
    insurance_rate: Decimal,
    insured_pct: Decimal = MIN_INSURED_PCT,
) -> PriceLadder:
    """Escalate an ex-works price through the eleven Incoterms® 2020 rules.

    Source: Incoterms® 2020 (ICC Publication No. 723E), A9/B9 of each rule for the
    costs each rule puts on the seller; CIF A5 and CIP A5 for the insurance (at
    least 110 % of the contract price). ``costs`` maps items of
    :data:`LADDER_COST_ITEMS` to non-negative amounts (missing items are zero).
    ``insurance_rate`` is a fraction (``0.003`` = 0.3 % of the insured value);
    ``insured_pct`` a percentage (``110``). Rounded half-up at the end only.
    """
    currency = currency_code(currency)
    if exw < 0:
        raise TradeInputError("The ex-works price must not be negative.", "exw")
    for item, amount in costs.items():
        if item == "insurance":
            raise TradeInputError(
                "Insurance is not a cost to enter: it is computed from insurance_rate and insured_pct.",
                "costs.insurance",
            )
        if item not in LADDER_COST_ITEMS:
            raise TradeInputError(
                f"Unknown cost item {item!r}. Cost items: {', '.join(LADDER_COST_ITEMS)}.",
                f"costs.{item}",
            )
        if amount < 0:
            raise TradeInputError("A cost must not be negative.", f"costs.{item}")
    _check_rates(insurance_rate, insured_pct)
    c = {item: costs.get(item, Decimal(0)) for item in LADDER_COST_ITEMS}

    def show(value: Decimal) -> Decimal:
        return in_currency(value, currency, rounded=True)

    def added(base_name: str, base: Decimal, items: tuple[str, ...]) -> Joined:
        terms: list[TextParam] = [Text("{name} {amount}", name=base_name, amount=show(base))]
        terms.extend(Text("{name} {amount}", name=_LABELS[i], amount=show(c[i])) for i in items)
        return joined(" + ", terms)

    exact: dict[str, Decimal] = {"EXW": exw}
    exact["FCA"] = exw + c["loading_at_origin"] + c["export_clearance"]
    exact["FAS"] = exact["FCA"] + c["pre_carriage"]
    exact["FOB"] = exact["FAS"] + c["origin_handling"]
    exact["CFR"] = exact["FOB"] + c["main_carriage"]
    exact["CIF"] = insurance_gross_up(exact["CFR"], insurance_rate, insured_pct)
    exact["CPT"] = exact["FOB"] + c["main_carriage"] + c["destination_handling"] + c["on_carriage"]
    exact["CIP"] = insurance_gross_up(exact["CPT"], insurance_rate, insured_pct)
    exact["DAP"] = exact["CPT"]
    exact["DPU"] = exact["DAP"] + c["unloading_at_destination"]
    exact["DDP"] = exact["DAP"] + c["import_clearance"] + c["import_duties_taxes"]
    exact = {code: exact[code] for code in PRICE_LADDER_ORDER}
    prices = {code: round_money(value, currency) for code, value in exact.items()}

    factor = insurance_rate * insured_pct / HUNDRED
    divisor = 1 - factor
    premium_cif = prices["CIF"] - prices["CFR"]
    premium_cip = prices["CIP"] - prices["CPT"]
    insured_cif = round_money(exact["CIF"] * insured_pct / HUNDRED, currency)
    insured_cip = round_money(exact["CIP"] * insured_pct / HUNDRED, currency)
    pct = number(insured_pct)
    rate = number(insurance_rate)
    steps = (
        Text(
            "EXW = ex-works price {exw} (packing is in the EXW price: a seller's cost under every rule)",
            exw=show(exw),
        ),
        Text(
            "FCA (seller's premises) = {terms} = {price}",
            terms=added("EXW", exw, ("loading_at_origin", "export_clearance")),
            price=show(exact["FCA"]),
        ),
        Text(
            "{rule} = {terms} = {price}",
            rule="FAS",
            terms=added("FCA", exact["FCA"], ("pre_carriage",)),
            price=show(exact["FAS"]),
        ),
        Text(
            "{rule} = {terms} = {price}",
            rule="FOB",
            terms=added("FAS", exact["FAS"], ("origin_handling",)),
            price=show(exact["FOB"]),
        ),
        Text(
            "{rule} = {terms} = {price}",
            rule="CFR",
            terms=added("FOB", exact["FOB"], ("main_carriage",)),
            price=show(exact["CFR"]),
        ),
        Text(
            "CIF = CFR / (1 - insurance rate {rate} x insured {pct} % / 100) = {cfr} / {divisor} "
            "= {cif}; premium = CIF - CFR = {premium} (cover {share} of CIF = {insured}, "
            "CIF A5: minimum ICC (C))",
            rate=rate,
            pct=pct,
            cfr=show(exact["CFR"]),
            divisor=number(divisor),
            cif=show(exact["CIF"]),
            premium=show(premium_cif),
            insured=show(insured_cif),
            share=percent(pct),
        ),
        Text(
            "CPT (named place of destination) = {terms} = {price}",
            terms=added(
                "FOB", exact["FOB"], ("main_carriage", "destination_handling", "on_carriage")
            ),
            price=show(exact["CPT"]),
        ),
        Text(
            "CIP = CPT / (1 - {rate} x {pct} / 100) = {cip}; premium = CIP - CPT = {premium} "
            "(cover {share} of CIP = {insured}, CIP A5: ICC (A))",
            rate=rate,
            pct=pct,
            cip=show(exact["CIP"]),
            premium=show(premium_cip),
            insured=show(insured_cip),
            share=percent(pct),
        ),
        Text("DAP = CPT = {price}", price=show(exact["DAP"])),
        Text(
            "{rule} = {terms} = {price}",
            rule="DPU",
            terms=added("DAP", exact["DAP"], ("unloading_at_destination",)),
            price=show(exact["DPU"]),
        ),
        Text(
            "{rule} = {terms} = {price}",
            rule="DDP",
            terms=added("DAP", exact["DAP"], ("import_clearance", "import_duties_taxes")),
            price=show(exact["DDP"]),
        ),
        Text(
            "Figures are carried exactly and rounded half-up to {places} decimal(s) of {currency} "
            "at the end only.",
            places=minor_units(currency),
            currency=currency,
        ),
    )
    return PriceLadder(
        currency, exact, prices, premium_cif, premium_cip, insured_cif, insured_cip, steps
    )


# --- margin, mark-up, commission ---------------------------------------------------------


def _check_fraction(rate: Decimal, field: str, what: str) -> None:
    if rate < 0 or rate >= 1:
        raise TradeInputError(f"The {what} is a fraction between 0 and 1 (0.25 for 25 %).", field)


def selling_price_from_margin(cost: Decimal, margin_rate: Decimal) -> Decimal:
    """Selling price giving a margin rate *on the selling price*: ``cost / (1 - margin_rate)``.

    Source: standard commercial arithmetic (taux de marque, "margin on sales"):
    margin = price - cost and margin_rate = margin / price. A 25 % margin on a cost
    of 75 gives a price of 100 (and a mark-up of 33.33 % on cost).
    """
    _check_fraction(margin_rate, "margin_rate", "margin rate")
    if cost < 0:
        raise TradeInputError("The cost price must not be negative.", "cost_price")
    return cost / (1 - margin_rate)


def selling_price_from_markup(cost: Decimal, markup_rate: Decimal) -> Decimal:
    """Selling price giving a mark-up rate *on cost*: ``cost x (1 + markup_rate)``.

    Source: standard commercial arithmetic (taux de marge / coefficient
    multiplicateur, "mark-up on cost"): markup_rate = (price - cost) / cost.
    """
    if markup_rate < 0:
        raise TradeInputError(
            "The mark-up rate must not be negative (0.25 for 25 %).", "markup_rate"
        )
    if cost < 0:
        raise TradeInputError("The cost price must not be negative.", "cost_price")
    return cost * (1 + markup_rate)


def margin_rate_from_markup(markup_rate: Decimal) -> Decimal:
    """Margin rate on selling price equivalent to a mark-up rate on cost: ``m / (1 + m)``.

    Source: standard commercial arithmetic (a 25 % mark-up is a 20 % margin).
    """
    if markup_rate < 0:
        raise TradeInputError("The mark-up rate must not be negative.", "markup_rate")
    return markup_rate / (1 + markup_rate)


def markup_rate_from_margin(margin_rate: Decimal) -> Decimal:
    """Mark-up rate on cost equivalent to a margin rate on selling price: ``t / (1 - t)``.

    Source: standard commercial arithmetic (a 20 % margin is a 25 % mark-up).
    """
    _check_fraction(margin_rate, "margin_rate", "margin rate")
    return margin_rate / (1 - margin_rate)


@dataclass(frozen=True, slots=True)
class MarginAnalysis:
    """Margin of a sale: amounts exact, rates as fractions."""

    cost: Decimal
    selling_price: Decimal
    margin: Decimal
    margin_rate: Decimal | None  # on selling price; None when the price is zero
    markup_rate: Decimal | None  # on cost; None when the cost is zero


def margin_analysis(cost: Decimal, selling_price: Decimal) -> MarginAnalysis:
    """Margin, margin rate (on selling price) and mark-up rate (on cost) of a sale.

    Source: standard commercial arithmetic: margin = price - cost,
    margin rate = margin / price, mark-up rate = margin / cost.
    """
    if cost < 0:
        raise TradeInputError("The cost price must not be negative.", "cost_price")
    if selling_price < 0:
        raise TradeInputError("The selling price must not be negative.", "exw")
    margin = selling_price - cost
    return MarginAnalysis(
        cost,
        selling_price,
        margin,
        margin / selling_price if selling_price else None,
        margin / cost if cost else None,
    )


def agent_commission(selling_price: Decimal, commission_rate: Decimal) -> Decimal:
    """Agent's commission computed on the selling price: ``price x rate`` (exact, unrounded).

    Source: agency practice codified in Council Directive 86/653/EEC (commercial
    agents), art. 6-7: the commission is a percentage of the value of the
    transactions, i.e. of the price invoiced to the customer.
    """
    _check_fraction(commission_rate, "commission_rate", "commission rate")
    if selling_price < 0:
        raise TradeInputError("The selling price must not be negative.", "exw")
    return selling_price * commission_rate


def price_before_commission(net_price: Decimal, commission_rate: Decimal) -> Decimal:
    """Selling price that leaves ``net_price`` after paying a commission on the selling price.

    ``net / (1 - rate)``: a 5 % commission on the selling price requires 100 / 0.95 =
    105.26 to keep 100. Source: as :func:`agent_commission` (commission base = selling price).
    """
    _check_fraction(commission_rate, "commission_rate", "commission rate")
    return net_price / (1 - commission_rate)
