"""The party snapshot printed on documents: a company as it stood when a document was issued.

Every area prints parties the same way (name, billing address, VAT and EORI numbers, e-mail,
SIREN). The area reads the company once (``parties.selectors.printed_party``) into a
:class:`PrintedParty` of plain values; :func:`party_snapshot` gives the copy an issued
document keeps, so it never changes when the company's record does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stdnum.fr import siren, siret

from comptoir.trade import einvoice


@dataclass(frozen=True, slots=True)
class PrintedParty:
    """A company as documents print it: its record, its billing address (empty strings when it
    has none) and its e-mail, else a contact's (the e-invoice's address)."""

    name: str
    legal_name: str
    country: str
    vat_number: str
    eori: str
    registration_number: str
    email: str
    street: str = ""
    street2: str = ""
    postcode: str = ""
    city: str = ""


def party_snapshot(party: PrintedParty) -> dict[str, Any]:
    """The party as printed: name, billing address, VAT and EORI numbers, e-mail, SIREN."""
    return {
        "name": party.legal_name or party.name,
        "street": party.street,
        "street2": party.street2,
        "postcode": party.postcode,
        "city": party.city,
        "country": party.country,
        "vat_number": party.vat_number,
        "eori": party.eori,
        "email": party.email,
        "siren": french_siren(party),
    }


def french_siren(party: PrintedParty) -> str:
    """The SIREN of a French company (from its registration number, SIRET or SIREN, or its
    French VAT number), printed on French invoices and used as its e-invoicing address."""
    if party.country not in ("FR", "MC"):
        return ""
    number = "".join(ch for ch in (party.registration_number or "") if ch.isdigit())
    valid = (len(number) == 14 and siret.is_valid(number)) or (
        len(number) == 9 and siren.is_valid(number)
    )
    return einvoice.siren(
        einvoice.Party(
            name=party.name,
            country=party.country,
            vat_number=(party.vat_number or "").replace(" ", "").upper(),
            legal_id=number if valid else "",
        )
    )
