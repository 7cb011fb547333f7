"""The demo's document set: the sea FCL to Casablanca (reference with CASA) with every
document its Incoterm, mode and destination require, issued by Claire before the goods
left; the carrier's draft bill of lading came back with a wrong gross weight, the
difference showed, and the corrected B/L was entered (the history keeps both versions);
then the set was sent to the client.

Needs: the users ``claire`` and ``julien`` and the demo shipments (``demo/shipping.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from comptoir.common.dates import today
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment
from comptoir.shipping_documents import selectors, services


def _casablanca() -> Shipment:
    found = shipping_selectors.shipment_list({"q": "CASA"}, today()).first()
    if found is None:
        raise LookupError("the demo has no shipment whose reference contains CASA")
    return found


def _day(shipment: Shipment, step: str, fallback: dt.date) -> dt.date:
    for milestone in shipping_selectors.milestones_in_order(shipment):
        if milestone.step == step:
            if milestone.actual_at is not None:
                return milestone.actual_at.date()
            if milestone.planned_on is not None:
                return milestone.planned_on
    return fallback


def build(users: dict[str, User]) -> dict[str, int]:
    """The Casablanca document set; the number of documents made."""
    claire, julien = users["claire"], users["julien"]
    shipment = _casablanca()
    ready = _day(shipment, "ready", today())
    departure = _day(shipment, "departure", ready)
    made = 0
    for item in selectors.checklist(shipment):
        if item.ours and item.kind != "commercial_invoice":
            services.issue_document(shipment=shipment, kind=item.kind, user=claire, day=ready)
            made += 1
    data = selectors.presentation(shipment).data
    received = {
        "reference": data.transport_document_number or "LEH26418023",
        "document_date": departure,
        "packages": data.packages,
        "marks": data.marks_and_numbers,
        "description": data.goods_description,
        "hs_codes": data.hs_codes,
        "consignee": data.consignee.name,
    }
    gross = data.gross_weight_kg or Decimal(0)
    # The carrier's draft: 100 kg too much (the VGM's tare typed into the cargo weight).
    services.record_received(
        shipment=shipment,
        values=services.ReceivedValues(
            kind="bill_of_lading",
            gross_weight_kg=gross + Decimal(100),
            note="Draft from the carrier",
            **received,  # type: ignore[arg-type]
        ),
        user=claire,
    )
    # The difference is listed; the carrier corrects it and the original is entered.
    services.record_received(
        shipment=shipment,
        values=services.ReceivedValues(
            kind="bill_of_lading",
            gross_weight_kg=gross,
            note="Original, gross weight corrected by the carrier",
            **received,  # type: ignore[arg-type]
        ),
        user=claire,
    )
    made += 2
    if "insurance_certificate" in {i.kind for i in selectors.checklist(shipment)}:
        services.record_received(
            shipment=shipment,
            values=services.ReceivedValues(
                kind="insurance_certificate",
                gross_weight_kg=gross,
                note="Open cover certificate, ICC (C), 110 %",
                **{**received, "reference": "HSB-CARGO-2026-0418", "document_date": ready},  # type: ignore[arg-type]
            ),
            user=claire,
        )
        made += 1
    reason = ""
    if not selectors.consistency(shipment).agrees or selectors.missing(
        selectors.checklist(shipment)
    ):
        reason = (
            "Advance payment received: the client takes the set as it stands and receives "
            "the rest at destination."
        )
    services.send_set(
        shipment=shipment,
        sent_to="client",
        sent_on=departure,
        user=julien if reason else claire,
        override_reason=reason,
    )
    return {"shipping_documents": made}
