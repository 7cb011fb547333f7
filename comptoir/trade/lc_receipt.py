"""A documentary credit on receipt: does it fit the sale, and can we comply with it?

When the advising bank notifies an export credit, the beneficiary reads it at once against
the order and the offer's terms (ICC, *UCP 600*, art. 9 and 10; the French professional
practice "vérification du crédit documentaire à réception"): every condition we cannot meet,
every date we cannot hold and every document we cannot obtain must be amended *before*
shipment, because the banks will check the documents, never the goods (art. 5) and an
amendment is binding only once the beneficiary accepts it (art. 10 b, c). This module lists
what does not fit, each finding with its severity, the reason or rule, and the amendment
to request, as :class:`~comptoir.trade.texts.Text` (English, translated by the caller).

It also validates the credit's own terms (:func:`validate_terms`): dates that contradict
each other, a tolerance above 100 %, an unknown document type.

Sources: UCP 600 art. 2 (confirmation), 3 (a credit is irrevocable), 6 d-e (expiry date and
place: a place of presentation abroad means the documents must *reach* that bank by the
expiry), 10 (amendments), 14 c (21 days after shipment), 18 (invoice), 19-25 (transport
documents fitting the mode), 28 (insurance: only where the Incoterm puts it on the seller),
29 a/c (extensions), 30 (tolerances), 31 a (partial shipments), 37 c (charges); ISBP 821
paragraphs A1-A41 (documents issued by the applicant or needing his signature: a "clause
potestative" that leaves payment to the buyer's goodwill); Incoterms 2020 (who contracts
carriage and insurance: freight prepaid under C- and D- terms, insurance under CIF/CIP).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from comptoir.trade import calendars
from comptoir.trade import credit as lc_rules
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code
from comptoir.trade.texts import Text, joined, number

__all__ = [
    "DOCUMENT_TYPES",
    "ISSUERS",
    "CreditTerms",
    "Finding",
    "RequiredDocument",
    "SaleTerms",
    "preparation_days",
    "review",
    "validate_terms",
    "Deadlines",
    "deadlines",
]

#: The documents a credit may call for (``RequiredDocument.type``).
DOCUMENT_TYPES = (
    "commercial_invoice",
    "bill_of_lading",
    "sea_waybill",
    "air_waybill",
    "road_consignment_note",
    "multimodal_transport_document",
    "insurance",
    "packing_list",
    "weight_list",
    "certificate_of_origin",
    "inspection_certificate",
    "health_certificate",
    "beneficiary_certificate",
    "consular_invoice",
    "receipt_by_applicant",
    "other",
)
#: Who issues or signs a required document.
ISSUERS = (
    "beneficiary",
    "carrier",
    "insurer",
    "chamber_of_commerce",
    "inspection_company",
    "authority",  # an authority of our country (customs, veterinary, phytosanitary)
    "applicant",  # the buyer: he alone decides whether it exists
    "buyer_authority",  # an authority or the embassy of the buyer's country, there
    "other",
)
#: The documents' names in a sentence (translated as texts of their own).
DOCUMENT_NAMES: dict[str, Text] = {
    "commercial_invoice": Text("commercial invoice"),
    "bill_of_lading": Text("bill of lading"),
    "sea_waybill": Text("sea waybill"),
    "air_waybill": Text("air waybill"),
    "road_consignment_note": Text("road consignment note (CMR)"),
    "multimodal_transport_document": Text("multimodal transport document"),
    "insurance": Text("insurance document"),
    "packing_list": Text("packing list"),
    "weight_list": Text("weight list"),
    "certificate_of_origin": Text("certificate of origin"),
    "inspection_certificate": Text("inspection certificate"),
    "health_certificate": Text("health or phytosanitary certificate"),
    "beneficiary_certificate": Text("beneficiary's certificate"),
    "consular_invoice": Text("consular invoice"),
    "receipt_by_applicant": Text("receipt of the goods signed by the buyer"),
    "other": Text("document"),
}
#: Transport modes in a sentence.
MODE_NAMES: dict[str, Text] = {
    "sea": Text("sea"),
    "air": Text("air"),
    "road": Text("road"),
    "rail": Text("rail"),
    "multimodal": Text("several modes"),
}


def _name(document_type: str) -> Text:
    return DOCUMENT_NAMES.get(document_type, Text("document"))


#: Transport documents and the transport modes they fit (UCP 600 art. 19-25).
TRANSPORT_DOCUMENTS = {
    "bill_of_lading": frozenset({"sea"}),
    "sea_waybill": frozenset({"sea"}),
    "air_waybill": frozenset({"air"}),
    "road_consignment_note": frozenset({"road"}),
    "multimodal_transport_document": frozenset({"sea", "air", "road", "rail", "multimodal"}),
}
#: Incoterms under which the seller contracts and pays the main carriage ("freight prepaid").
PREPAID_TERMS = frozenset({"CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"})
#: Incoterms under which the seller must insure the goods (Incoterms 2020 A5).
INSURED_TERMS = frozenset({"CIF", "CIP"})
#: Country risk levels (the country sheet) for which an unconfirmed credit is a risk.
RISKY = frozenset({"high", "very_high"})
#: Words of a special condition that leave payment to the applicant (ISBP 821 A; "clause
#: potestative"), or make the credit not yet operative.
POTESTATIVE_WORDS = (
    "applicant's approval",
    "approved by the applicant",
    "approval of the applicant",
    "signed by the applicant",
    "countersigned by the applicant",
    "issued by the applicant",
    "not operative",
    "non operative",
    "will become operative",
    "subject to the receipt",
    "import licence",
    "import license",
)

#: Working days to obtain a document after shipment (B/L released by the line, certificate
#: of origin stamped by the chamber, inspection report...); the invoice and our own
#: certificates are ready at shipment.
PREPARATION_DAYS = {
    "bill_of_lading": 3,
    "sea_waybill": 3,
    "air_waybill": 1,
    "road_consignment_note": 1,
    "multimodal_transport_document": 3,
    "insurance": 1,
    "certificate_of_origin": 2,
    "inspection_certificate": 3,
    "health_certificate": 3,
    "consular_invoice": 7,
}
#: A consular legalisation (chamber, then the consulate of the buyer's country) takes days.
LEGALISATION_DAYS = 7
#: Courier to a bank abroad (the issuing bank), or within our country.
COURIER_ABROAD_DAYS = 5
COURIER_HOME_DAYS = 2
#: Margin kept for checking the set and correcting a discrepancy before the last day.
MARGIN_DAYS = 3
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    type: str
    originals: int = 1
    copies: int = 0
    issuer: str = ""
    legalised: bool = False
    freight: str = ""  # "prepaid", "collect" or "" (bill of lading, air waybill)
    cover_pct: Decimal | None = None  # insurance
    risks: str = ""
    details: str = ""


@dataclass(frozen=True, slots=True)
class CreditTerms:
    """What the credit says (MT700 fields in brackets)."""

    currency: str  # 32B
    amount: Decimal
    expiry_date: date  # 31D
    expiry_country: str  # the place of expiry = the place of presentation
    latest_shipment_date: date | None = None  # 44C
    issue_date: date | None = None  # 31C
    about: bool = False  # 39A "about"
    tolerance_plus_pct: Decimal | None = None  # 39A
    tolerance_minus_pct: Decimal | None = None
    presentation_days: int = lc_rules.DEFAULT_PRESENTATION_DAYS  # 48
    partial_shipments_allowed: bool = True  # 43P
    transhipment_allowed: bool = True  # 43T
    confirmed: bool = False  # 49
    availability: str = "sight"  # 41a: sight, deferred, acceptance, negotiation
    usance_days: int = 0  # 42C/42P
    available_with: str = ""  # 41a: "advising", "confirming", "issuing", "any"
    incoterm: str = ""  # 45A
    named_place: str = ""
    port_of_loading: str = ""  # 44E
    port_of_discharge: str = ""  # 44F
    quantity: Decimal | None = None
    unit: str = ""
    unit_price: Decimal | None = None
    documents: tuple[RequiredDocument, ...] = ()  # 46A
    special_conditions: str = ""  # 47A
    charges: str = (
        "usual"  # 71D: "usual" (outside the issuing country for us), "beneficiary", "applicant"
    )


@dataclass(frozen=True, slots=True)
class SaleTerms:
    """What we sold (the order, its offer, its deliveries and shipment when known)."""

    currency: str
    amount: Decimal
    incoterm: str = ""
    named_place: str = ""
    payment_days: int = 0  # the order's term: 0 = at sight
    confirmed_required: bool = False  # the offer asked for a confirmed credit
    ready_date: date | None = None  # when the goods can ship (planned or confirmed date)
    deliveries: int = 1  # deliveries planned for the order
    mode: str = ""  # "sea", "air", "road", "rail", "multimodal"
    transit_days: int | None = None  # from the shipment's ETD/ETA, or the lane
    port_of_loading: str = ""
    port_of_discharge: str = ""
    transhipment_planned: bool | None = None
    containerised: bool | None = None
    quantity: Decimal | None = None
    unit: str = ""
    unit_price: Decimal | None = None
    beneficiary_country: str = "FR"
    applicant_country: str = ""
    country_risk: str = ""  # the applicant country's sheet: low, moderate, high, very_high


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in the credit that does not fit the sale, or that we cannot comply with."""

    code: str
    severity: str  # "blocking": ask for an amendment; "warning": decide; "info"
    field: str  # the credit's field concerned
    message: Text
    rule: Text
    amendment: Text | None = None  # the text to request from the applicant, when one helps
    document: str = ""


# ------------------------------------------------------------------------------ validation


def validate_terms(terms: CreditTerms) -> None:
    """Refuse a credit whose terms contradict each other (TradeInputError naming the field)."""
    currency_code(terms.currency, "currency")
    if terms.amount <= 0:
        raise TradeInputError("The credit amount must be greater than zero.", "amount")
    if terms.issue_date is not None and terms.issue_date > terms.expiry_date:
        raise TradeInputError("The credit is issued after its expiry date.", "issue_date")
    if terms.latest_shipment_date is not None:
        if terms.latest_shipment_date > terms.expiry_date:
            raise TradeInputError(
                "The expiry date is before the latest shipment date: the documents could "
                "never be presented.",
                "expiry_date",
            )
        if terms.issue_date is not None and terms.latest_shipment_date < terms.issue_date:
            raise TradeInputError(
                "The latest shipment date is before the issue date.", "latest_shipment_date"
            )
    for name, value in (
        ("tolerance_plus_pct", terms.tolerance_plus_pct),
        ("tolerance_minus_pct", terms.tolerance_minus_pct),
    ):
        if value is not None and not 0 <= value <= 100:
            raise TradeInputError("A tolerance is a percentage between 0 and 100.", name)
    if terms.about and (terms.tolerance_plus_pct or terms.tolerance_minus_pct):
        raise TradeInputError(
            'Give either "about" (10 % either way, art. 30 a) or a tolerance, not both.',
            "tolerance_plus_pct",
        )
    if not 1 <= terms.presentation_days <= 366:
        raise TradeInputError(
            "The presentation period is a whole number of days between 1 and 366.",
            "presentation_days",
        )
    if terms.availability not in ("sight", "deferred", "acceptance", "negotiation"):
        raise TradeInputError("Unknown availability.", "availability")
    if terms.availability in ("deferred", "acceptance") and terms.usance_days <= 0:
        raise TradeInputError(
            "A credit by deferred payment or acceptance states its days (e.g. 60 days after "
            "the bill of lading date).",
            "usance_days",
        )
    for document in terms.documents:
        if document.type not in DOCUMENT_TYPES:
            raise TradeInputError(f"Unknown document type: {document.type}.", "documents")
        if document.issuer and document.issuer not in ISSUERS:
            raise TradeInputError(f"Unknown issuer: {document.issuer}.", "documents")
        if document.cover_pct is not None and not 100 <= document.cover_pct <= 200:
            raise TradeInputError(
                "An insurance cover is between 100 % and 200 % of the value.", "documents"
            )


# ---------------------------------------------------------------------------- the review


def _norm(value: str) -> str:
    return " ".join(value.upper().replace(",", " ").split())


def _same_place(a: str, b: str) -> bool:
    """Ports or places given by name or UN/LOCODE: the same when one contains the other."""
    x, y = _norm(a), _norm(b)
    return not x or not y or x in y or y in x


def preparation_days(terms: CreditTerms, sale: SaleTerms) -> tuple[int, list[Text]]:
    """Days needed after shipment to obtain the documents and get them to the place of
    presentation, and why (the presentation period must leave at least that)."""
    prep = 1
    why: list[Text] = []
    for document in terms.documents:
        days = PREPARATION_DAYS.get(document.type, 0)
        if document.legalised or document.issuer == "buyer_authority":
            days += LEGALISATION_DAYS
        if days > prep:
            prep = days
    why.append(Text("{days} day(s) to obtain the documents after shipment", days=prep))
    total = prep
    if any(d.type == "receipt_by_applicant" for d in terms.documents) and sale.transit_days:
        total += sale.transit_days
        why.append(
            Text(
                "{days} day(s) of transit before the goods reach the buyer who signs the receipt",
                days=sale.transit_days,
            )
        )
    abroad = terms.expiry_country and terms.expiry_country != sale.beneficiary_country
    courier = COURIER_ABROAD_DAYS if abroad else COURIER_HOME_DAYS
    total += courier
    why.append(
        Text("{days} day(s) of courier to the bank abroad", days=courier)
        if abroad
        else Text("{days} day(s) to take the documents to the bank", days=courier)
    )
    total += MARGIN_DAYS
    why.append(Text("{days} day(s) to correct a discrepancy", days=MARGIN_DAYS))
    return total, why


def review(terms: CreditTerms, sale: SaleTerms, *, today: date | None = None) -> list[Finding]:
    """Every finding of the credit against the sale, blocking ones first."""
    validate_terms(terms)
    findings: list[Finding] = []
    findings += _amount_findings(terms, sale)
    findings += _terms_findings(terms, sale)
    findings += _date_findings(terms, sale, today)
    findings += _shipment_findings(terms, sale)
    findings += _document_findings(terms, sale)
    findings += _security_findings(terms, sale)
    order = {"blocking": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order.get(f.severity, 3))


def _amount_findings(terms: CreditTerms, sale: SaleTerms) -> Iterable[Finding]:
    if currency_code(terms.currency, "currency") != currency_code(sale.currency, "currency"):
        yield Finding(
            "CURRENCY_DIFFERENT",
            "blocking",
            "currency",
            Text(
                "The credit is in {credit}, the order in {order}: the exchange risk falls on us.",
                credit=terms.currency,
                order=sale.currency,
            ),
            Text("The order's currency (the sale contract)"),
            Text("Please amend the currency of the credit to {currency}.", currency=sale.currency),
        )
        return
    tolerance = lc_rules.lc_amount(
        terms.amount,
        about=terms.about,
        tolerance_plus_pct=terms.tolerance_plus_pct,
        tolerance_minus_pct=terms.tolerance_minus_pct,
        partial_shipments_allowed=terms.partial_shipments_allowed,
        currency=terms.currency,
    )
    if tolerance.max_amount < sale.amount:
        yield Finding(
            "AMOUNT_BELOW_ORDER",
            "blocking",
            "amount",
            Text(
                "The credit allows at most {maximum} {currency}, the order is {order} "
                "{currency}: we could not invoice the whole order under it.",
                maximum=tolerance.max_amount,
                order=sale.amount,
                currency=terms.currency,
            ),
            tolerance.rule,
            Text(
                "Please increase the amount of the credit to {amount} {currency}.",
                amount=sale.amount,
                currency=terms.currency,
            ),
        )
    if terms.quantity is not None and sale.quantity is not None:
        if terms.unit and sale.unit and _norm(terms.unit) != _norm(sale.unit):
            yield Finding(
                "UNIT_DIFFERENT",
                "warning",
                "unit",
                Text(
                    "The credit counts the goods in {credit}, the order in {order}: the invoice "
                    "must show the credit's unit.",
                    credit=terms.unit,
                    order=sale.unit,
                ),
                Text("UCP 600 art. 18 c: the description in the invoice corresponds to the credit"),
            )
        elif terms.quantity < sale.quantity:
            yield Finding(
                "QUANTITY_BELOW_ORDER",
                "blocking",
                "quantity",
                Text(
                    "The credit covers {credit} {unit}, the order {order} {unit}.",
                    credit=number(terms.quantity),
                    order=number(sale.quantity),
                    unit=terms.unit or sale.unit,
                ),
                Text("UCP 600 art. 30 (quantity tolerances)"),
                Text(
                    "Please amend the quantity to {quantity} {unit}.",
                    quantity=number(sale.quantity),
                    unit=terms.unit or sale.unit,
                ),
            )
    if (
        terms.unit_price is not None
        and sale.unit_price is not None
        and terms.unit_price < sale.unit_price
    ):
        yield Finding(
            "UNIT_PRICE_BELOW_ORDER",
            "blocking",
            "unit_price",
            Text(
                "The credit's unit price {credit} is below the order's {order}.",
                credit=number(terms.unit_price),
                order=number(sale.unit_price),
            ),
            Text("UCP 600 art. 18 and 30 c (the unit price may not be reduced)"),
            Text(
                "Please amend the unit price to {price} {currency}.",
                price=number(sale.unit_price),
                currency=terms.currency,
            ),
        )


def _terms_findings(terms: CreditTerms, sale: SaleTerms) -> Iterable[Finding]:
    if terms.incoterm and sale.incoterm and terms.incoterm.upper() != sale.incoterm.upper():
        yield Finding(
            "INCOTERM_DIFFERENT",
            "blocking",
            "incoterm",
            Text(
                "The credit says {credit}, the order {order}: costs, risks and the documents "
                "to present change with the Incoterm.",
                credit=terms.incoterm,
                order=sale.incoterm,
            ),
            Text("Incoterms 2020, the sale contract"),
            Text(
                "Please amend the trade terms to {incoterm} {place} (Incoterms 2020).",
                incoterm=sale.incoterm,
                place=sale.named_place,
            ),
        )
    elif not _same_place(terms.named_place, sale.named_place):
        yield Finding(
            "NAMED_PLACE_DIFFERENT",
            "blocking",
            "named_place",
            Text(
                "The credit names {credit} after the Incoterm, the order {order}.",
                credit=terms.named_place,
                order=sale.named_place,
            ),
            Text("Incoterms 2020: the named place fixes where risk and costs pass"),
            Text(
                "Please amend the trade terms to {incoterm} {place} (Incoterms 2020).",
                incoterm=sale.incoterm or terms.incoterm,
                place=sale.named_place,
            ),
        )
    if terms.availability in ("deferred", "acceptance"):
        if terms.usance_days > sale.payment_days:
            yield Finding(
                "TERM_LONGER_THAN_ORDER",
                "blocking",
                "usance_days",
                Text(
                    "The credit pays {credit} days after, the order {order} days.",
                    credit=terms.usance_days,
                    order=sale.payment_days,
                ),
                Text("The order's payment term"),
                Text("Please amend the availability to payment at sight.")
                if sale.payment_days == 0
                else Text(
                    "Please amend the deferred payment to {days} days.", days=sale.payment_days
                ),
            )
    if terms.available_with == "issuing":
        yield Finding(
            "AVAILABLE_ABROAD",
            "warning",
            "available_with",
            Text(
                "The credit is available only with the issuing bank abroad: we are paid when "
                "it has checked the documents, and no bank in our country commits itself."
            ),
            Text("UCP 600 art. 6 a and 7 (the nominated bank); art. 12 (nomination)"),
            Text("Please make the credit available with the advising bank by payment."),
        )


def _date_findings(terms: CreditTerms, sale: SaleTerms, today: date | None) -> Iterable[Finding]:
    latest = terms.latest_shipment_date
    if today is not None and terms.expiry_date < today:
        yield Finding(
            "CREDIT_EXPIRED",
            "blocking",
            "expiry_date",
            Text("The credit expired on {day}.", day=terms.expiry_date),
            Text("UCP 600 art. 6 d and e"),
            Text("Please extend the expiry date of the credit."),
        )
    if latest is not None and sale.ready_date is not None and latest < sale.ready_date:
        yield Finding(
            "SHIPMENT_DATE_TOO_EARLY",
            "blocking",
            "latest_shipment_date",
            Text(
                "The latest shipment date {latest} is before the goods can ship ({ready}); "
                "it is never extended, even to a banking day.",
                latest=latest,
                ready=sale.ready_date,
            ),
            Text("UCP 600 art. 29 c: the latest shipment date is not extended"),
            Text(
                "Please extend the latest shipment date to {day} and the expiry date accordingly.",
                day=sale.ready_date + timedelta(days=7),
            ),
        )
    needed, why = preparation_days(terms, sale)
    detail = Text(
        "{days} days needed: {why}",
        days=needed,
        why=joined("; ", why),
    )
    if terms.presentation_days < needed:
        yield Finding(
            "PRESENTATION_PERIOD_TOO_SHORT",
            "blocking",
            "presentation_days",
            Text(
                "{days} days to present the documents after shipment is too short ({detail}).",
                days=terms.presentation_days,
                detail=detail,
            ),
            Text("UCP 600 art. 14 c (presentation period stated in the credit)"),
            Text(
                "Please amend the period for presentation to {days} days after the date of "
                "shipment, within the validity of the credit.",
                days=max(needed, lc_rules.DEFAULT_PRESENTATION_DAYS),
            ),
        )
    start = latest or sale.ready_date
    if start is not None and (terms.expiry_date - start).days < needed:
        yield Finding(
            "EXPIRY_TOO_CLOSE",
            "blocking",
            "expiry_date",
            Text(
                "Only {days} days between the shipment ({start}) and the expiry ({expiry}): "
                "the documents cannot reach the bank in time ({detail}).",
                days=(terms.expiry_date - start).days,
                start=start,
                expiry=terms.expiry_date,
                detail=detail,
            ),
            Text("UCP 600 art. 14 c: never later than the expiry date"),
            Text(
                "Please extend the expiry date to {day}.",
                day=start + timedelta(days=max(needed, terms.presentation_days)),
            ),
        )
    if sale.transit_days is not None and sale.transit_days < terms.presentation_days:
        yield Finding(
            "GOODS_BEFORE_DOCUMENTS",
            "info",
            "presentation_days",
            Text(
                "The goods arrive in {transit} days, before the documents reach the buyer: "
                "he will need them (or a bank guarantee) to take delivery; demurrage may "
                "arise at destination.",
                transit=sale.transit_days,
            ),
            Text("UCP 600 art. 14 c; the bill of lading is the title to the goods"),
        )
    if terms.expiry_country and terms.expiry_country != sale.beneficiary_country:
        yield Finding(
            "EXPIRY_ABROAD",
            "warning",
            "expiry_country",
            Text(
                "The credit expires in {country}: the documents must reach the bank there by "
                "the expiry date, the courier's time and risk are ours.",
                country=terms.expiry_country,
            ),
            Text("UCP 600 art. 6 d ii: the place of presentation is the place of expiry"),
            Text(
                "Please amend the place of expiry to {country}, at the counters of the "
                "advising bank.",
                country=sale.beneficiary_country,
            ),
        )


def _shipment_findings(terms: CreditTerms, sale: SaleTerms) -> Iterable[Finding]:
    if not terms.partial_shipments_allowed and sale.deliveries > 1:
        yield Finding(
            "PARTIAL_SHIPMENTS_PROHIBITED",
            "blocking",
            "partial_shipments",
            Text(
                "Partial shipments are prohibited, but the order is delivered in {count} "
                "deliveries.",
                count=sale.deliveries,
            ),
            Text("UCP 600 art. 31 a (partial shipments allowed unless prohibited)"),
            Text("Please amend: partial shipments allowed."),
        )
    if not terms.transhipment_allowed and sale.transhipment_planned:
        if sale.containerised:
            yield Finding(
                "TRANSHIPMENT_CONTAINERS",
                "info",
                "transhipment",
                Text(
                    "Transhipment is prohibited but the route tranships: a bill of lading "
                    "showing the goods in containers may still indicate transhipment."
                ),
                Text("UCP 600 art. 20 c ii"),
            )
        else:
            yield Finding(
                "TRANSHIPMENT_PROHIBITED",
                "blocking",
                "transhipment",
                Text("Transhipment is prohibited, but the planned route tranships."),
                Text("UCP 600 art. 20 c, 23 c, 24 e"),
                Text("Please amend: transhipment allowed."),
            )
    if not _same_place(terms.port_of_loading, sale.port_of_loading):
        yield Finding(
            "PORT_OF_LOADING_DIFFERENT",
            "blocking",
            "port_of_loading",
            Text(
                "The credit wants loading at {credit}, the shipment leaves from {sale}.",
                credit=terms.port_of_loading,
                sale=sale.port_of_loading,
            ),
            Text("UCP 600 art. 20 a iii: the ports stated in the credit"),
            Text(
                "Please amend the port of loading to {port}.",
                port=sale.port_of_loading,
            ),
        )
    if not _same_place(terms.port_of_discharge, sale.port_of_discharge):
        yield Finding(
            "PORT_OF_DISCHARGE_DIFFERENT",
            "blocking",
            "port_of_discharge",
            Text(
                "The credit wants discharge at {credit}, the shipment goes to {sale}.",
                credit=terms.port_of_discharge,
                sale=sale.port_of_discharge,
            ),
            Text("UCP 600 art. 20 a iii: the ports stated in the credit"),
            Text(
                "Please amend the port of discharge to {port}.",
                port=sale.port_of_discharge,
            ),
        )


def _document_findings(terms: CreditTerms, sale: SaleTerms) -> Iterable[Finding]:
    types = [d.type for d in terms.documents]
    if terms.documents and "commercial_invoice" not in types:
        yield Finding(
            "NO_INVOICE_REQUIRED",
            "info",
            "documents",
            Text("The credit calls for no commercial invoice: we present one all the same."),
            Text("UCP 600 art. 18"),
        )
    for document in terms.documents:
        fits = TRANSPORT_DOCUMENTS.get(document.type)
        if fits is not None and sale.mode and sale.mode not in fits:
            yield Finding(
                "TRANSPORT_DOCUMENT_MODE",
                "blocking",
                "documents",
                Text(
                    "The credit calls for a {document}, but the goods travel by {mode}: the "
                    "carrier will not issue it.",
                    document=_name(document.type),
                    mode=MODE_NAMES.get(sale.mode, sale.mode),
                ),
                Text("UCP 600 art. 19 to 25 (one transport document per mode)"),
                Text(
                    "Please replace the {document} by the transport document of the mode "
                    "used ({mode}).",
                    document=_name(document.type),
                    mode=MODE_NAMES.get(sale.mode, sale.mode),
                ),
                document.type,
            )
        if document.issuer == "applicant" or document.type == "receipt_by_applicant":
            yield Finding(
                "ISSUED_BY_APPLICANT",
                "blocking",
                "documents",
                Text(
                    "The {document} must be issued or signed by the applicant: he alone "
                    "decides whether we are paid (clause potestative).",
                    document=_name(document.type),
                ),
                Text("ISBP 821 A; UCP 600 art. 2 (a definite undertaking of the issuing bank)"),
                Text(
                    "Please delete the requirement of a {document} issued or signed by the "
                    "applicant, or let the beneficiary issue it.",
                    document=_name(document.type),
                ),
                document.type,
            )
        elif document.issuer == "buyer_authority":
            yield Finding(
                "DOCUMENT_FROM_BUYER_COUNTRY",
                "blocking",
                "documents",
                Text(
                    "The {document} is issued by an authority of the buyer's country: we "
                    "cannot obtain it from here in time.",
                    document=_name(document.type),
                ),
                Text("ISBP 821 A; what the beneficiary can obtain by itself"),
                Text(
                    "Please let the {document} be issued by a chamber of commerce or an "
                    "authority in the country of shipment.",
                    document=_name(document.type),
                ),
                document.type,
            )
        if document.legalised:
            yield Finding(
                "LEGALISATION",
                "warning",
                "documents",
                Text(
                    "The {document} must be legalised by the consulate: count {days} more days "
                    "and the fees.",
                    document=_name(document.type),
                    days=LEGALISATION_DAYS,
                ),
                Text("The consulate's own delays; UCP 600 art. 14 c"),
                Text(
                    "Please delete the legalisation of the {document}.",
                    document=_name(document.type),
                ),
                document.type,
            )
        if document.freight and fits is not None and sale.incoterm:
            prepaid = sale.incoterm.upper() in PREPAID_TERMS
            if (document.freight == "prepaid") != prepaid:
                yield Finding(
                    "FREIGHT_TERMS_DIFFERENT",
                    "blocking",
                    "documents",
                    Text(
                        "The {document} must be marked freight {freight}, but under {incoterm} "
                        "the freight is {expected}.",
                        document=_name(document.type),
                        freight=document.freight,
                        incoterm=sale.incoterm,
                        expected="prepaid" if prepaid else "collect",
                    ),
                    Text("Incoterms 2020 A4; UCP 600 art. 26 c"),
                    Text(
                        "Please amend the {document} to show freight {expected}.",
                        document=_name(document.type),
                        expected="prepaid" if prepaid else "collect",
                    ),
                    document.type,
                )
        if document.type == "insurance" and sale.incoterm:
            if sale.incoterm.upper() not in INSURED_TERMS:
                yield Finding(
                    "INSURANCE_NOT_OURS",
                    "warning",
                    "documents",
                    Text(
                        "An insurance document is required, but under {incoterm} the buyer "
                        "insures: its cost was not in our price.",
                        incoterm=sale.incoterm,
                    ),
                    Text("Incoterms 2020 A5/B5"),
                    Text("Please delete the insurance document from the documents required."),
                    document.type,
                )
            elif document.cover_pct is not None and document.cover_pct > Decimal(110):
                yield Finding(
                    "INSURANCE_COVER_HIGH",
                    "warning",
                    "documents",
                    Text(
                        "Cover for {cover} % of the value is required, more than the usual "
                        "110 %: a higher premium.",
                        cover=number(document.cover_pct),
                    ),
                    Text("UCP 600 art. 28 f ii; Incoterms 2020 CIF/CIP A5"),
                    Text("Please amend the insurance cover to 110 % of the invoice value."),
                    document.type,
                )
    if sale.incoterm.upper() in INSURED_TERMS and terms.documents and "insurance" not in types:
        yield Finding(
            "NO_INSURANCE_REQUIRED",
            "info",
            "documents",
            Text(
                "Under {incoterm} we insure, but the credit calls for no insurance document: "
                "insure all the same (the contract requires it).",
                incoterm=sale.incoterm,
            ),
            Text("Incoterms 2020 A5"),
        )
    text = terms.special_conditions.lower()
    hits = [word for word in POTESTATIVE_WORDS if word in text]
    if hits:
        yield Finding(
            "POTESTATIVE_CONDITION",
            "blocking",
            "special_conditions",
            Text(
                "A special condition leaves payment to the applicant or an event we do not "
                "control ({words}).",
                words=", ".join(hits),
            ),
            Text("UCP 600 art. 2 and 7; ISBP 821 A (non-documentary and potestative conditions)"),
            Text("Please delete the special condition: {words}.", words=", ".join(hits)),
        )


def _security_findings(terms: CreditTerms, sale: SaleTerms) -> Iterable[Finding]:
    if not terms.confirmed and (sale.confirmed_required or sale.country_risk in RISKY):
        yield Finding(
            "NOT_CONFIRMED",
            "blocking" if sale.confirmed_required else "warning",
            "confirmed",
            Text("The credit is not confirmed, yet the offer asked for a confirmed credit.")
            if sale.confirmed_required
            else Text(
                "The credit is not confirmed and the country risk of {country} is high: "
                "if the issuing bank or its country does not pay, nobody else will.",
                country=sale.applicant_country,
            ),
            Text("UCP 600 art. 2 and 8 (the confirming bank's undertaking)"),
            Text("Please add the confirmation of the advising bank."),
        )
    if terms.charges == "beneficiary":
        yield Finding(
            "CHARGES_ALL_OURS",
            "warning",
            "charges",
            Text(
                "All bank charges, the issuing bank's included, are for our account: they "
                "reduce what we receive."
            ),
            Text("UCP 600 art. 37 c; usual practice: each party pays the charges in its country"),
            Text(
                "Please amend: all banking charges outside the country of the issuing bank "
                "are for the beneficiary's account, all others for the applicant's."
            ),
        )


@dataclass(frozen=True, slots=True)
class Deadlines:
    """The credit's dates for the diary (art. 29 a extends the last presentation day)."""

    latest_shipment: date | None
    last_presentation: date | None
    expiry: date
    steps: tuple[Text, ...] = field(default_factory=tuple)


def deadlines(terms: CreditTerms, *, shipped_on: date | None = None) -> Deadlines:
    """Latest shipment (never extended, art. 29 c), last presentation day (art. 14 c and
    29 a: from the actual shipment date when known, from the latest shipment date before)
    and the expiry (extended to the next banking day at the place of expiry, art. 29 a)."""
    country = terms.expiry_country or "FR"
    expiry = calendars.next_banking_day(
        calendars.country_code(country, "expiry_country"), terms.expiry_date
    )
    basis = shipped_on or terms.latest_shipment_date
    if basis is None or basis > terms.expiry_date:
        return Deadlines(terms.latest_shipment_date, None, expiry)
    dates = lc_rules.latest_presentation_date(
        basis, terms.expiry_date, terms.presentation_days, country
    )
    return Deadlines(
        terms.latest_shipment_date, dates.latest_presentation_date, expiry, dates.steps
    )
