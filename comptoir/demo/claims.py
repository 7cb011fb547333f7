"""Transport claims of the demo: a damage claim under CMR on the road groupage to Munich, with
its reserves and deadlines, and a delay claim under the Montreal Convention on the air
shipment to Tokyo. Everything goes through ``comptoir.claims.services``.

Needs: the demo users (``claire`` handles the claims) and the shipping demo's shipments (their
reference or number contains "MUC" and "TYO"); an insurer among the companies is named on the
damage claim. Without those shipments nothing is made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Q

from comptoir.claims import services
from comptoir.claims.inputs import ClaimFacts
from comptoir.common.dates import today
from comptoir.parties.models import Company
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment, Step

#: Value of one SDR in euros entered on the demo claims (IMF valuation, order of magnitude of
#: late 2025; the page says the rate is the user's and which day it is of).
DEMO_SDR_EUR = Decimal("1.1705")


def _shipment(code: str) -> Shipment | None:
    return (
        Shipment.objects.filter(Q(reference__icontains=code) | Q(number__icontains=code))
        .order_by("pk")
        .first()
    )


def _delivered_on(shipment: Shipment, fallback: dt.date) -> dt.date:
    for milestone in shipping_selectors.milestones_in_order(shipment):
        if milestone.step == Step.DELIVERY and milestone.actual_at is not None:
            return min(milestone.actual_at.date(), today())
    return fallback


def _carrier(shipment: Shipment) -> Company | None:
    return (
        shipment.carrier
        or shipment.forwarder
        or Company.objects.filter(roles__contains=",carrier,").order_by("pk").first()
    )


def build(users: dict[str, User]) -> dict[str, int]:
    """The demo's two claims; how many were made."""
    claire = users.get("claire")
    made = 0
    road = _shipment("MUC")
    if road is not None and (carrier := _carrier(road)) is not None:
        delivered = _delivered_on(road, today() - dt.timedelta(days=2))
        insurer = Company.objects.filter(roles__contains=",insurer,").order_by("pk").first()
        claim = services.create_claim(
            shipment=road,
            facts=ClaimFacts(
                kind="damage",
                apparent=True,
                description=(
                    "One pallet crushed at unloading in Munich, 6 cartons damaged: 18 enamelled "
                    "cast-iron casseroles chipped, unfit for sale."
                ),
                discovered_on=delivered,
                delivery_date=delivered,
                weight_affected_kg=Decimal("132.0"),
                packages_affected=1,
                amount_claimed=Decimal("1692.00"),
                currency="EUR",
                carrier=carrier,
                reserves_taken=True,
                reserves_text="1 palette écrasée, 6 cartons endommagés — "
                "1 Palette zerdrückt, 6 Kartons beschädigt",
                reserves_date=delivered,
                reserves_document="cmr",
                insurer=insurer,
                insurance_policy="FAC-2026-0147" if insurer else "",
                sdr_rate=DEMO_SDR_EUR,
                sdr_rate_date=delivered,
                handled_by=claire,
            ),
            user=claire,
        )
        services.record_letter(
            claim=claim,
            letter="reserves",
            user=claire,
            sent_on=min(today(), delivered + dt.timedelta(days=1)),
        )
        made += 1
    air = _shipment("TYO")
    if air is not None and (carrier := _carrier(air)) is not None:
        delivered = _delivered_on(air, today() - dt.timedelta(days=5))
        claim = services.create_claim(
            shipment=air,
            facts=ClaimFacts(
                kind="delay",
                apparent=True,
                description=(
                    "Booked on a direct flight, the goods were offloaded at Paris-CDG and "
                    "arrived 3 days late; the client's trade-fair stand opened without them. "
                    "Claimed: the express re-shipment of samples and the client's penalty."
                ),
                discovered_on=delivered,
                delivery_date=delivered,
                weight_affected_kg=air.gross_weight_kg or Decimal("320"),
                amount_claimed=Decimal("780.00"),
                currency="EUR",
                carrier=carrier,
                sdr_rate=DEMO_SDR_EUR,
                sdr_rate_date=delivered,
                handled_by=claire,
            ),
            user=claire,
        )
        services.record_letter(
            claim=claim,
            letter="claim",
            user=claire,
            sent_on=min(today(), delivered + dt.timedelta(days=3)),
        )
        made += 1
    return {"claims": made}
