"""Price build-up of an offer: from the cost price and the target margin to the price at
the offer's Incoterm, in the client's currency at a dated rate (trade core:
:func:`comptoir.trade.pricing.selling_price_from_margin` and
:func:`comptoir.trade.pricing.price_ladder`).

The costs the seller takes on up to the Incoterm's delivery point are entered for the
whole shipment (EUR) and spread over the lines in proportion to their ex-works value, so
every line carries the same uplift as the offer total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Record, require
from comptoir.audit import stamp
from comptoir.trade import pricing
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import round_money

from .models import Offer, OfferLine
from .selectors import eur_rate

HUNDRED = Decimal(100)


@dataclass
class BuildupRow:
    line: OfferLine
    unit_cost_eur: Decimal
    exw_eur: Decimal
    incoterm_eur: Decimal
    price: Decimal  # per unit, offer currency, rounded


def compute(
    offer: Offer, costs: dict[str, Decimal], insurance_pct: Decimal, rate_date: dt.date
) -> dict[str, Any]:
    """The build-up for every line; raises ``ValidationError`` with what is missing."""
    margin = offer.target_margin_pct / HUNDRED
    rows = []
    exw_total = Decimal("0")
    for line in offer.lines.select_related("product"):
        product = line.product
        cost = product.cost_price
        if product.cost_currency != "EUR":
            cost = cost * eur_rate(product.cost_currency, rate_date).rate
        try:
            exw = pricing.selling_price_from_margin(cost, margin)
        except TradeInputError as exc:
            raise ValidationError(exc.message) from None
        rows.append((line, cost, exw))
        exw_total += exw * line.quantity
    if not rows:
        raise ValidationError(_("Add lines to the offer first."))
    try:
        ladder = pricing.price_ladder("EUR", exw_total, costs, insurance_pct / HUNDRED)
    except TradeInputError as exc:
        raise ValidationError(exc.message) from None
    factor = ladder.exact[offer.incoterm] / exw_total if exw_total else Decimal("1")
    per_eur = Decimal("1") if offer.currency == "EUR" else eur_rate(offer.currency, rate_date).rate
    out = []
    for line, cost, exw in rows:
        at_incoterm = exw * factor
        out.append(
            BuildupRow(
                line=line,
                unit_cost_eur=round_money(cost, "EUR"),
                exw_eur=round_money(exw, "EUR"),
                incoterm_eur=round_money(at_incoterm, "EUR"),
                price=round_money(at_incoterm / per_eur, offer.currency),
            )
        )
    return {
        "rows": out,
        "ladder": ladder,
        "exw_total": round_money(exw_total, "EUR"),
        "incoterm_total": ladder.prices[offer.incoterm],
        "eur_per_unit": per_eur,
        "rate_date": rate_date,
        "costs": {k: str(v) for k, v in costs.items()},
        "insurance_pct": str(insurance_pct),
    }


def apply(*, offer: Offer, result: dict[str, Any], user: User | None) -> Offer:
    """Put the built-up prices on the lines of a draft offer and keep the rate used."""
    require(user, Action.CHANGE, Record.OFFER)
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if offer.status != Offer.Status.DRAFT:
            raise ValidationError(_("Only a draft offer can be changed: make a revision."))
        for row in result["rows"]:
            line = offer.lines.get(pk=row.line.pk)
            line.unit_price = row.price
            line.unit_cost_eur = row.unit_cost_eur
            stamp(line, user, "price build-up")
            line.save()
        offer.exchange_rate = (Decimal("1") / result["eur_per_unit"]).quantize(
            Decimal("0.00000001")
        )
        offer.exchange_rate_date = result["rate_date"]
        offer.cost_buildup = {"costs": result["costs"], "insurance_pct": result["insurance_pct"]}
        stamp(offer, user, "price build-up")
        offer.save()
    return offer
