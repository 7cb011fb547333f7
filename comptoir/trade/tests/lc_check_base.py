"""A compliant presentation under a CIF Casablanca credit, changed field by field by the tests.

The credit: EUR 48,000.00 +/-5 %, 400 PCS at EUR 120.00, CIF Casablanca, Le Havre to
Casablanca, issued 1 October 2026, latest shipment Friday 20 November 2026, expiry
Tuesday 15 December 2026 in France, partial shipments and transhipment prohibited,
five documents required. The presentation on 25 November 2026 complies.
"""

from __future__ import annotations

import copy
from typing import Any

BASE: dict[str, Any] = {
    "credit": {
        "currency": "EUR",
        "amount": "48000.00",
        "tolerance_plus_pct": "5",
        "tolerance_minus_pct": "5",
        "issue_date": "2026-10-01",
        "expiry_date": "2026-12-15",
        "expiry_country": "FR",
        "latest_shipment_date": "2026-11-20",
        "presentation_days": 21,
        "partial_shipments": "prohibited",
        "transhipment": "prohibited",
        "incoterm": "CIF",
        "named_place": "Casablanca",
        "port_of_loading": "Le Havre",
        "port_of_discharge": "Casablanca",
        "goods_description": "Stainless steel kitchen equipment",
        "quantity": "400",
        "unit": "PCS",
        "unit_price": "120.00",
        "applicant": "Maroc Hôtellerie Distribution SARL",
        "beneficiary": "Comptoir Demo SAS",
        "documents_required": [
            {"type": "commercial_invoice", "originals": 3},
            {"type": "bill_of_lading", "originals": "full set", "freight": "prepaid"},
            {"type": "insurance", "cover_pct": "110", "risks": "ICC (A)"},
            {"type": "packing_list"},
            {"type": "certificate_of_origin", "country_of_origin": "FR"},
        ],
    },
    "presentation": {
        "date": "2026-11-25",
        "documents": [
            {
                "type": "commercial_invoice",
                "issuer": "Comptoir Demo SAS",
                "addressee": "Maroc Hotellerie Distribution SARL, Casablanca",
                "date": "2026-11-14",
                "currency": "EUR",
                "amount": "48000.00",
                "quantity": "400",
                "unit_price": "120.00",
                "goods_description": "Stainless steel kitchen equipment: ovens, hoods, work tables",
                "incoterm": "CIF",
                "named_place": "Casablanca Incoterms 2020",
            },
            {
                "type": "bill_of_lading",
                "date": "2026-11-16",
                "on_board_date": "2026-11-16",
                "port_of_loading": "Le Havre, France",
                "port_of_discharge": "Casablanca, Morocco",
                "clean": True,
                "clauses": "Shipper's load and count; said to contain",
                "originals_issued": 3,
                "originals_presented": 3,
                "freight": "freight prepaid",
                "transhipment": False,
                "containerised": True,
                "gross_weight_kg": "9650",
                "packages": 24,
                "goods_description": "Kitchen equipment",
                "vessel": "CMA CGM Tanger",
                "voyage": "0MA4RN1",
            },
            {
                "type": "insurance",
                "date": "2026-11-15",
                "currency": "EUR",
                "amount": "52800.00",
                "risks": "Institute Cargo Clauses (A)",
            },
            {
                "type": "packing_list",
                "date": "2026-11-14",
                "gross_weight_kg": "9650",
                "packages": 24,
            },
            {"type": "certificate_of_origin", "date": "2026-11-15", "country_of_origin": "France"},
        ],
    },
}


def payload(
    credit: dict[str, Any] | None = None,
    presented: str | None = None,
    **documents: dict[str, Any] | None,
) -> dict[str, Any]:
    """The base payload with credit fields and document fields changed.

    ``documents`` maps a document type to the fields to change in it (a value ``None``
    deletes the field); ``type=None`` leaves the document out. ``credit`` may likewise
    set a field to ``None`` to delete it.
    """
    data = copy.deepcopy(BASE)
    for key, value in (credit or {}).items():
        if value is None:
            data["credit"].pop(key, None)
        else:
            data["credit"][key] = value
    if presented:
        data["presentation"]["date"] = presented
    kept = []
    for doc in data["presentation"]["documents"]:
        if doc["type"] in documents and documents[doc["type"]] is None:
            continue
        for key, value in (documents.get(doc["type"]) or {}).items():
            if value is None:
                doc.pop(key, None)
            else:
                doc[key] = value
        kept.append(doc)
    data["presentation"]["documents"] = kept
    return data


def required(data: dict[str, Any], kind: str, **details: Any) -> dict[str, Any]:
    """``data`` with the details of the required document ``kind`` changed."""
    for doc in data["credit"]["documents_required"]:
        if doc["type"] == kind:
            for key, value in details.items():
                if value is None:
                    doc.pop(key, None)
                else:
                    doc[key] = value
    return data
