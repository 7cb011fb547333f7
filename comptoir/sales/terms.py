"""The trade terms of a document: one list of fields, one value type.

Offers and orders carry every field (:class:`comptoir.sales.models.TradeTerms`); an order
made from an offer takes them all (where the goods go included: it decides the VAT); an
invoice takes the document terms it prints.
Forms, services and billing read these tuples instead of keeping their own copies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from comptoir.parties.models import Address

from .models import TradeTerms

#: The terms every sales document carries, invoices included.
DOCUMENT_TERMS = (
    "currency",
    "incoterm",
    "incoterm_place",
    "payment_days",
    "payment_end_of_month",
    "payment_instrument",
    "language",
)

#: The commercial terms of an offer and an order.
COMMERCIAL_TERMS = (*DOCUMENT_TERMS, "transport_mode", "notes")

#: Where the goods go and leave from: they decide the VAT case.
DISPATCH_TERMS = ("delivery_address", "ship_from_country", "vat_special_case")

#: Every field of :class:`~comptoir.sales.models.TradeTerms` but the client.
TRADE_TERMS = (*COMMERCIAL_TERMS, *DISPATCH_TERMS)


@dataclass(frozen=True)
class TradeTermsValues:
    """The terms of an offer or an order, validated (by a form or a serializer)."""

    currency: str
    incoterm: str
    incoterm_place: str
    payment_days: int
    payment_end_of_month: bool
    payment_instrument: str
    transport_mode: str
    language: str
    notes: str = ""
    delivery_address: Address | None = None
    ship_from_country: str = "FR"
    vat_special_case: str = ""

    @classmethod
    def from_instance(cls, document: TradeTerms) -> TradeTermsValues:
        return cls(**{name: getattr(document, name) for name in TRADE_TERMS})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> TradeTermsValues:
        """From a form's or a serializer's cleaned data (a field left out takes its default)."""
        known = {f.name for f in fields(cls)}
        values = {name: data[name] for name in known if name in data}
        if values.get("notes") is None:
            values.pop("notes", None)
        if not values.get("ship_from_country"):
            values.pop("ship_from_country", None)
        if values.get("vat_special_case") is None:
            values.pop("vat_special_case", None)
        return cls(**values)

    def apply_to(self, document: TradeTerms) -> None:
        for name in TRADE_TERMS:
            setattr(document, name, getattr(self, name))
