"""What the freight PDFs show: the request for quotation sent to each provider and the
booking sent to the chosen one. The facts are read once here into plain values;
``comptoir.documents.freight`` renders them, in the provider's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.utils import translation

from comptoir.common import countries
from comptoir.documents.freight import FreightDocument
from comptoir.parties.models import Company
from comptoir.sales import documents as sales_documents
from comptoir.shipping import selectors as shipping_selectors
from comptoir.shipping.models import Shipment

from .models import FreightRequest, Quote


def _place(name: str, locode: str) -> str:
    if name and locode:
        return f"{name} ({locode})"
    return name or locode


def shipment_facts(shipment: Shipment, language: str) -> dict[str, Any]:
    """The shipment as a provider needs it to quote: mode, Incoterm, places with their
    UN/LOCODE, packages, weights, volume, chargeable weight, loading metres, containers,
    dangerous goods, temperature and handling."""
    containers: dict[str, int] = {}
    for container in shipment.containers.all():
        code = container.equipment_code or "?"
        containers[code] = containers.get(code, 0) + 1
    lines = [
        {
            "description": line.description,
            "hs_code": line.hs_code,
            "origin": line.origin_country,
            "quantity": line.quantity,
            "packages": line.packages,
            "package_kind": line.package_kind,
            "net": line.net_weight_kg,
            "gross": line.gross_weight_kg,
            "un_number": line.un_number,
            "hazard_class": line.dangerous_class,
            "packing_group": line.packing_group,
        }
        for line in shipping_selectors.lines(shipment)
    ]
    return {
        "number": shipment.number,
        "reference": shipment.reference,
        "mode": shipment.get_mode_display(),
        "direction": shipment.get_direction_display(),
        "incoterm": shipment.incoterm,
        "incoterm_place": shipment.incoterm_place,
        "origin_country": countries.country_name(shipment.origin_country, language),
        "destination_country": countries.country_name(shipment.destination_country, language),
        "loading": _place(shipment.place_of_loading, shipment.loading_locode),
        "discharge": _place(shipment.place_of_discharge, shipment.discharge_locode),
        "delivery": _place(shipment.place_of_delivery, shipment.delivery_locode),
        "consignee": (shipment.consignee or shipment.partner).name,
        "goods": shipment.goods_description,
        "packages": shipment.packages,
        "package_kind": shipment.package_kind,
        "gross": shipment.gross_weight_kg,
        "net": shipment.net_weight_kg,
        "volume": shipment.volume_m3,
        "chargeable": shipment.chargeable_weight_kg,
        "loading_metres": shipment.loading_metres,
        "containers": sorted(containers.items()),
        "temperature_min": shipment.temperature_min_c,
        "temperature_max": shipment.temperature_max_c,
        "handling": shipment.handling_instructions,
        "insured_value": shipment.insured_value,
        "currency": shipment.currency,
        "lines": lines,
        "dangerous": any(line["un_number"] for line in lines),
    }


def _sender(user: User | None) -> dict[str, str]:
    if user is None:
        return {"name": "", "email": ""}
    return {"name": user.get_full_name() or user.get_username(), "email": user.email}


def request_document(
    request: FreightRequest, provider: Company, language: str, sender: User | None
) -> FreightDocument:
    """The request for quotation as one provider receives it."""
    with translation.override(language):
        return FreightDocument(
            kind="request",
            language=language,
            number=request.number or "",
            issued_on=request.created_at.date(),
            seller=sales_documents.seller_context(),
            provider=sales_documents.client_block(provider, language),
            shipment=shipment_facts(request.shipment, language),
            facts={
                "reply_by": request.reply_by,
                "ready_on": request.ready_on,
                "services_asked": request.services_asked,
                "instructions": request.instructions,
            },
            sender=_sender(sender),
        )


def booking_document(request: FreightRequest, sender: User | None) -> FreightDocument:
    """The booking confirmation sent to the chosen provider, in their language."""
    quote = request.chosen_quote
    assert quote is not None
    provider = quote.provider
    language = provider.language or "en"
    with translation.override(language):
        return FreightDocument(
            kind="booking",
            language=language,
            number=request.number or "",
            issued_on=(request.chosen_at or request.created_at).date(),
            seller=sales_documents.seller_context(),
            provider=sales_documents.client_block(provider, language),
            shipment=shipment_facts(request.shipment, language),
            facts={
                "ready_on": request.ready_on,
                "quote_reference": quote.reference,
                "quote_date": quote.received_on,
                "valid_until": quote.valid_until,
                "transit_days": quote.transit_days,
                "carrier_name": quote.carrier_name,
                "conditions": quote.conditions,
                "lines": quote_lines(quote, language),
                "totals": quote_totals(quote),
                "services_asked": request.services_asked,
                "instructions": request.instructions,
            },
            sender=_sender(sender),
        )


def quote_lines(quote: Quote, language: str) -> list[dict[str, Any]]:
    with translation.override(language):
        return [
            {
                "kind": line.get_kind_display(),
                "description": line.description,
                "amount": line.amount,
                "currency": line.currency,
            }
            for line in quote.lines.all()
        ]


def quote_totals(quote: Quote) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = {}
    for line in quote.lines.all():
        totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
    return sorted(totals.items())
