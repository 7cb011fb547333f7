"""From a claim's facts to the trade core's rules: which convention, which kind, which rate.

Shared by the services (they store the computed dates) and the pages (they show the steps).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from comptoir.calculators.models import ExchangeRate
from comptoir.shipping.models import Mode, Shipment
from comptoir.trade import claims as core

from .models import Convention, Kind


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The rules the mode and route point to (``convention`` empty: the user must choose)."""

    convention: str
    reason: str


#: States party to the Hamburg Rules (UN Convention on the Carriage of Goods by Sea, 1978),
#: from the UN Treaty Collection, chapter XI-D-3 (35 parties; Peru the latest, 2021).
HAMBURG_STATES: frozenset[str] = frozenset(
    "AL AT BB BF BI BW CL CM CZ DO EG GE GM GN HU JO KE KZ LB LR LS MA MW NG PE PY RO SL SN "
    "SY TN TZ UG VC ZM".split()
)


def suggest_convention(shipment: Shipment) -> Suggestion:
    """Road between two countries: CMR (art. 1 §1); road within France: Code de commerce and
    the contrat type général; air: Montreal 1999 (art. 1 §2); sea: Hague-Visby (France applies
    it to bills of lading); rail and multimodal: the user chooses (CIM for rail is not computed;
    a multimodal carriage follows the rules of the leg where the damage happened)."""
    mode = shipment.mode
    origin, destination = shipment.origin_country, shipment.destination_country
    if mode in Mode.road():
        if origin != destination:
            return Suggestion(
                Convention.CMR,
                _("Road carriage between two countries (%(from)s → %(to)s): CMR art. 1 §1.")
                % {"from": origin, "to": destination},
            )
        if origin == "FR":
            return Suggestion(
                Convention.FR_DOMESTIC,
                _(
                    "Road carriage within France: Code de commerce art. L133-3 and L133-6 and "
                    "the contrat type général (décret n° 2017-461)."
                ),
            )
        return Suggestion(
            "",
            _(
                "Road carriage within one foreign country follows that country's law: choose "
                "the rules written in the carrier's contract."
            ),
        )
    if mode in Mode.air():
        return Suggestion(
            Convention.MONTREAL,
            _(
                "Air carriage: Montreal Convention 1999 (art. 1 §2, departure and destination "
                "in States party to it)."
            ),
        )
    if mode in Mode.sea():
        reason = _(
            "Sea carriage under a bill of lading: Hague-Visby Rules, as France applies them."
        )
        hamburg = sorted({origin, destination} & HAMBURG_STATES)
        if hamburg:
            reason += " " + _(
                "Careful: %(countries)s is party to the Hamburg Rules, which govern the carriage "
                "when the port of loading or discharge is in a State party (art. 2 §1), unless "
                "the bill of lading's clause paramount says otherwise. Comptoir computes the "
                "Hague-Visby terms only: under the Hamburg Rules, notice is due the working day "
                "after delivery (15 days for hidden damage, 60 days for delay, art. 19), the "
                "time bar is 2 years (art. 20) and the limit 835 SDR per package or 2.5 SDR per "
                "kg (art. 6)."
            ) % {"countries": ", ".join(hamburg)}
        return Suggestion(Convention.HAGUE_VISBY, reason)
    return Suggestion(
        "",
        _(
            "Rail or multimodal: choose the rules of the leg where the loss or damage happened "
            "(road leg: CMR or French domestic; sea leg: Hague-Visby; air leg: Montreal). Rail "
            "under CIM is not computed here."
        ),
    )


def core_kind(kind: str, apparent: bool) -> str:
    """The claim's kind in the core's words: damage and shortage are apparent or hidden
    (the notice differs), loss and theft are total losses, delay is delay."""
    if kind == Kind.DELAY:
        return "delay"
    if kind in (Kind.LOSS, Kind.THEFT):
        return "total_loss"
    if kind == Kind.SHORTAGE:
        return "partial_loss" if apparent else "hidden_damage"
    return "apparent_damage" if apparent else "hidden_damage"


@dataclass(frozen=True, slots=True)
class SdrRate:
    rate: Decimal | None
    day: dt.date | None
    source: str


def sdr_rate(
    currency: str, entered: Decimal | None, entered_on: dt.date | None, today: dt.date
) -> SdrRate:
    """The rate entered with its date, else the latest XDR rate of our exchange rates."""
    if entered is not None:
        return SdrRate(entered, entered_on or today, _("entered by the user"))
    row = (
        ExchangeRate.objects.filter(
            from_currency="XDR", to_currency=currency, valid_from__lte=today
        )
        .order_by("-valid_from")
        .first()
    )
    if row is not None:
        return SdrRate(
            row.rate,
            row.valid_from,
            _("our exchange rates (XDR → %(currency)s of %(day)s)")
            % {"currency": currency, "day": row.valid_from.isoformat()},
        )
    return SdrRate(None, None, "")


def carriage_charges(shipment: Shipment, currency: str) -> Decimal | None:
    """The shipment's freight cost when it is in the claim's currency (CMR art. 23 §5,
    contrat type général art. 23: delay is capped at the price of carriage)."""
    if shipment.freight_cost is None:
        return None
    if (shipment.freight_currency or shipment.currency or "EUR") != currency:
        return None
    return shipment.freight_cost


def delivery_country(shipment: Shipment, convention: str) -> str:
    return "FR" if convention == Convention.FR_DOMESTIC else shipment.destination_country


def assess(
    *,
    shipment: Shipment,
    convention: str,
    kind: str,
    apparent: bool,
    delivery_date: dt.date,
    weight_kg: Decimal,
    packages: int | None,
    consignment_weight_kg: Decimal | None,
    currency: str,
    rate: Decimal | None,
) -> core.ClaimResult:
    """One call into the trade core with the claim's facts."""
    return core.claim(
        convention,
        delivery_date,
        core_kind(kind, apparent),
        weight_kg,
        packages=packages,
        sdr_rate=None if convention == Convention.FR_DOMESTIC else rate,
        currency=currency,
        country=delivery_country(shipment, convention),
        carriage_charges=carriage_charges(shipment, currency),
        consignment_weight_kg=consignment_weight_kg,
    )
