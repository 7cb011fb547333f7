"""The rules of the document checker: UCP 600 and ISBP 821 applied to one presentation.

Sources: ICC Uniform Customs and Practice for Documentary Credits, 2007 Revision
(ICC Publication No. 600, "UCP 600") and ICC International Standard Banking Practice
(ISBP 821, 2023). Each discrepancy cites its article in ``rule``. The traps a checker
must not fall into, and that the tests pin down:

* art. 14 c: the presentation period (21 days unless the credit says otherwise) runs
  from the date of shipment, which for a bill of lading is the on-board date
  (art. 20 a (ii)), and never beyond the expiry date;
* art. 29 a: the expiry date and the last day for presentation falling on a bank
  closing day move to the next banking day; art. 29 c: the latest shipment date never does;
* art. 14 d: data need not be identical, only not conflicting; art. 14 e: documents
  other than the invoice may describe the goods in general terms;
* art. 14 g: a document presented but not required is disregarded;
* art. 14 i: a document may be dated before the credit was issued, never after presentation;
* art. 18: the invoice is issued by the beneficiary, made out to the applicant, in the
  credit's currency, and its description corresponds with the credit's (it may say more);
* art. 20 c: transhipment is acceptable despite a prohibition when the goods are in
  containers as shown by the bill of lading;
* art. 27: "shipper's load and count" or "said to contain" do not make a bill unclean;
* art. 28: cover of at least 110 % of the CIF/CIP value, same currency, effective no
  later than shipment; "usual risks" accepts any cover (28 g), "all risks" any all-risks
  notation (28 h);
* art. 30 and 31: amount, quantity and unit-price tolerances; several bills of lading
  for the same vessel and voyage are not a partial shipment (31 b).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from comptoir.trade import calendars, credit
from comptoir.trade.lc_check_input import (
    DOCUMENT_TYPES,
    BillOfLading,
    CertificateOfOrigin,
    Credit,
    Document,
    InsuranceDocument,
    Invoice,
    PackingList,
    Presentation,
    RequiredDocument,
)
from comptoir.trade.lc_check_text import (
    country_names,
    foreign_words,
    names_match,
    normal,
    words,
    words_contained,
)
from comptoir.trade.money import quantum
from comptoir.trade.texts import Text, in_currency, joined, number, percent

__all__ = ["CODES", "RULES", "Discrepancy", "Findings", "examine"]

#: The discrepancy codes of issue 14's contract, in the order a result lists them.
CODES: Final = (
    "DOCUMENT_MISSING",
    "CREDIT_EXPIRED",
    "LATE_PRESENTATION",
    "LATE_SHIPMENT",
    "NOT_ON_BOARD",
    "NOT_CLEAN",
    "INCOMPLETE_SET",
    "AMOUNT_EXCEEDS_CREDIT",
    "AMOUNT_SHORT",
    "QUANTITY_OUT_OF_TOLERANCE",
    "UNIT_PRICE_MISMATCH",
    "CURRENCY_MISMATCH",
    "INVOICE_NOT_BY_BENEFICIARY",
    "INVOICE_NOT_TO_APPLICANT",
    "DESCRIPTION_MISMATCH",
    "PORT_MISMATCH",
    "TRANSHIPMENT_PROHIBITED",
    "PARTIAL_SHIPMENT_PROHIBITED",
    "FREIGHT_TERMS",
    "INSURANCE_UNDERINSURED",
    "INSURANCE_CURRENCY",
    "INSURANCE_RISKS",
    "INSURANCE_DATED_AFTER_SHIPMENT",
    "DOCUMENT_DATED_AFTER_PRESENTATION",
    "DATA_CONFLICT",
)

#: The article each code applies (a discrepancy may cite a more precise one).
RULES: Final[dict[str, str]] = {
    "DOCUMENT_MISSING": "UCP 600 art. 2 (complying presentation) and art. 14 a",
    "CREDIT_EXPIRED": "UCP 600 art. 6 e and art. 29 a",
    "LATE_PRESENTATION": "UCP 600 art. 14 c and art. 29 a",
    "LATE_SHIPMENT": "UCP 600 art. 20 a (ii) and art. 29 c",
    "NOT_ON_BOARD": "UCP 600 art. 20 a (ii)",
    "NOT_CLEAN": "UCP 600 art. 27",
    "INCOMPLETE_SET": "UCP 600 art. 20 a (iv)",
    "AMOUNT_EXCEEDS_CREDIT": "UCP 600 art. 18 b and art. 30",
    "AMOUNT_SHORT": "UCP 600 art. 30 c",
    "QUANTITY_OUT_OF_TOLERANCE": "UCP 600 art. 30 b",
    "UNIT_PRICE_MISMATCH": "UCP 600 art. 14 d and art. 30 a",
    "CURRENCY_MISMATCH": "UCP 600 art. 18 a (iii)",
    "INVOICE_NOT_BY_BENEFICIARY": "UCP 600 art. 18 a (i)",
    "INVOICE_NOT_TO_APPLICANT": "UCP 600 art. 18 a (ii)",
    "DESCRIPTION_MISMATCH": "UCP 600 art. 18 c; ISBP 821 C3-C5",
    "PORT_MISMATCH": "UCP 600 art. 20 a (iii)",
    "TRANSHIPMENT_PROHIBITED": "UCP 600 art. 20 c",
    "PARTIAL_SHIPMENT_PROHIBITED": "UCP 600 art. 31 a and art. 31 b",
    "FREIGHT_TERMS": "UCP 600 art. 14 d; ISBP 821 section E (freight)",
    "INSURANCE_UNDERINSURED": "UCP 600 art. 28 f (ii)",
    "INSURANCE_CURRENCY": "UCP 600 art. 28 f (i)",
    "INSURANCE_RISKS": "UCP 600 art. 28 g and art. 28 h",
    "INSURANCE_DATED_AFTER_SHIPMENT": "UCP 600 art. 28 e",
    "DOCUMENT_DATED_AFTER_PRESENTATION": "UCP 600 art. 14 i",
    "DATA_CONFLICT": "UCP 600 art. 14 d",
}

HUNDRED: Final = Decimal(100)
#: Incoterms® 2020 rules under which the seller pays the main carriage: freight prepaid.
PREPAID_TERMS: Final = frozenset({"CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"})
#: Incoterms® 2020 rules whose invoice value is the CIF/CIP value of art. 28 f (ii).
CIF_CIP: Final = frozenset({"CIF", "CIP"})
#: Weights of two documents differing by less than this are a rounding, not a conflict.
WEIGHT_ROUNDING_KG: Final = Decimal(1)

#: A clause expressly declaring a defective condition of the goods or packaging (art. 27).
_DEFECT: Final = re.compile(
    r"\b(damaged?|broken|torn|stained|wet|rust(y|ed)?|dented|leak(ing|ed|s|y)?|crushed|"
    r"holed|soiled|contaminated|defective|pilfered|burst|cracked|mou?ldy|chafed|"
    r"insufficient(ly)?|inadequate(ly)?|unsuitable|not (sufficient|adequate|suitable|"
    r"seaworthy)|(goods|cargo|packag\w*) (missing|short)|short[- ]shipped)\b"
)
#: A defect word denied ("no damage", "free from damage") is no defect.
_DENIED: Final = re.compile(r"\b(no|without|free (of|from)|nil)\s+(\w+\s+){0,2}$")
#: A clause that only *may* be true does not *expressly* declare a defect.
_HEDGED: Final = re.compile(r"\b(may|might|could|possibly|subject to|liable to|if any)\b")
#: Clauses that look alarming but are not defect clauses (ISBP 821 section E).
_NEUTRAL: Final = re.compile(
    r"shipper (s )?load (and )?count|said to contain|\bstc\b|\bslac\b|said to weigh|"
    r"weight.{0,20}unknown|contents? unknown|carrier.{0,40}right to tranship"
)
_RISKS: Final = re.compile(
    r"\b(?:icc|institute cargo clauses?)\s*(a|b|c|air)\b|\b(war)\b|\b(strikes?|srcc)\b|"
    r"\b(all risks?)\b|\b(usual|customary) risks?\b"
)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One discrepancy: its code, the document and field, the rule cited, the message."""

    code: str
    document: str
    field: str
    rule: str
    message: Text

    def sort_key(self) -> tuple[int, int, str, str]:
        order = ("presentation", *DOCUMENT_TYPES)
        where = order.index(self.document) if self.document in order else len(order)
        return (where, CODES.index(self.code), self.field, str(self.message))


@dataclass(slots=True)
class Findings:
    """What examining a presentation found: discrepancies, steps, the last presentation day."""

    last_presentation_date: date
    shipment_date: date | None = None
    discrepancies: list[Discrepancy] = field(default_factory=list)
    steps: list[Text] = field(default_factory=list)


class _Examiner:
    def __init__(self, lc: Credit, presentation: Presentation) -> None:
        self.lc = lc
        self.presentation = presentation
        self.required = {doc.type: doc for doc in lc.documents_required}
        # Art. 14 g: documents not required are disregarded; read in a fixed order so
        # that the result never depends on the order in which they were listed.
        self.docs: dict[str, list[Document]] = {kind: [] for kind in DOCUMENT_TYPES}
        for doc in sorted(
            presentation.documents, key=lambda d: (DOCUMENT_TYPES.index(d.type), repr(d))
        ):
            self.docs[doc.type].append(doc)
        self.found: list[Discrepancy] = []
        self.steps: list[Text] = []

    # -- helpers -------------------------------------------------------------------------

    def flag(
        self, code: str, document: str, field_name: str, message: Text, rule: str | None = None
    ) -> None:
        self.found.append(Discrepancy(code, document, field_name, rule or RULES[code], message))
        self.steps.append(Text("Discrepancy {code}: {message}", code=code, message=message))

    def ok(self, text: Text) -> None:
        self.steps.append(text)

    def money(self, value: Decimal) -> Decimal:
        return in_currency(value, self.lc.currency, rounded=True)

    def examined(self, kind: str) -> list[Document]:
        return self.docs[kind] if kind in self.required else []

    @staticmethod
    def label(doc: Document) -> Text:
        names = {
            "commercial_invoice": Text("the commercial invoice"),
            "bill_of_lading": Text("the bill of lading"),
            "insurance": Text("the insurance document"),
            "packing_list": Text("the packing list"),
            "certificate_of_origin": Text("the certificate of origin"),
        }
        if doc.reference:
            return Text("{document} {reference}", document=names[doc.type], reference=doc.reference)
        return names[doc.type]

    # -- the checks ----------------------------------------------------------------------

    def run(self) -> Findings:
        lc, presentation = self.lc, self.presentation
        self.ok(
            Text(
                "Presentation of {count} document(s) on {date} under a credit of {amount} {currency} "
                "issued {issue}, expiring {expiry} ({country})",
                count=len(presentation.documents),
                date=presentation.date,
                amount=self.money(lc.amount),
                currency=lc.currency,
                issue=lc.issue_date,
                expiry=lc.expiry_date,
                country=lc.expiry_country,
            )
        )
        self.check_missing()
        shipment = self.check_transport()
        last = self.check_dates(shipment)
        self.check_document_dates()
        invoice_total = self.check_invoices()
        self.check_insurance(shipment, invoice_total)
        self.check_certificates()
        self.check_conflicts()
        found = sorted(self.found, key=Discrepancy.sort_key)
        if not found:
            self.ok(Text("No discrepancy: the presentation complies (UCP 600 art. 2, 14 a, 15)."))
        else:
            self.ok(
                Text(
                    "{count} discrepancy(ies): the bank may refuse the documents (art. 16) unless "
                    "the applicant waives them",
                    count=len(found),
                )
            )
        return Findings(last, shipment, found, self.steps)

    def check_missing(self) -> None:
        for wanted in self.lc.documents_required:
            if not self.docs[wanted.type]:
                self.flag(
                    "DOCUMENT_MISSING",
                    wanted.type,
                    "type",
                    Text(
                        "Required by the credit but not presented: {document}.",
                        document=self.label_of(wanted.type),
                    ),
                )
        extra = sorted({doc.type for doc in self.presentation.documents} - set(self.required))
        for kind in extra:
            self.ok(
                Text(
                    "Not required by the credit, so disregarded (art. 14 g): {document}",
                    document=self.label_of(kind),
                )
            )

    def label_of(self, kind: str) -> Text:
        return self.label(_BLANK[kind])

    def check_transport(self) -> date | None:
        """Bills of lading: on board, shipment date, ports, set, clean, freight, transhipment,
        partial shipments; returns the date of shipment counting for art. 14 c."""
        lc = self.lc
        bills = [doc for doc in self.examined("bill_of_lading") if isinstance(doc, BillOfLading)]
        wanted = self.required.get("bill_of_lading")
        if not bills or wanted is None:
            return None
        groups: dict[tuple[str, str, str], list[date]] = {}
        unknown_voyage = False
        for bill in bills:
            shipped = bill.shipment_date
            if shipped is None:
                self.flag(
                    "NOT_ON_BOARD",
                    "bill_of_lading",
                    "on_board_date",
                    Text(
                        "No dated on-board notation on {document}, which is not a shipped-on-board "
                        "bill either: shipment is not evidenced.",
                        document=self.label(bill),
                    ),
                )
            else:
                self.ok(
                    Text(
                        "Shipped on board on {date} according to {document} (art. 20 a (ii): the "
                        "on-board date is the date of shipment)",
                        document=self.label(bill),
                        date=shipped,
                    )
                )
                if shipped > lc.latest_shipment_date:
                    self.flag(
                        "LATE_SHIPMENT",
                        "bill_of_lading",
                        "on_board_date" if bill.on_board_date else "date",
                        Text(
                            "Shipped on {date}, after the latest shipment date {latest}; that date "
                            "is never extended, even when banks are closed (art. 29 c).",
                            date=shipped,
                            latest=lc.latest_shipment_date,
                        ),
                    )
                else:
                    self.ok(
                        Text(
                            "Shipment on {date}, not after the latest shipment date {latest}",
                            date=shipped,
                            latest=lc.latest_shipment_date,
                        )
                    )
                if bill.vessel and bill.voyage:
                    key = (
                        normal(bill.vessel),
                        normal(bill.voyage),
                        normal(bill.port_of_discharge or ""),
                    )
                else:
                    key = ("?", repr(bill), "")
                    unknown_voyage = True
                groups.setdefault(key, []).append(shipped)
            self.check_ports(bill)
            self.check_set(bill, wanted)
            self.check_clean(bill)
            self.check_freight(bill, wanted)
            self.check_transhipment(bill)
        if len(bills) > 1:
            if len(groups) <= 1 and not unknown_voyage:
                self.ok(
                    Text(
                        "{count} bills of lading for the same vessel and voyage: one shipment, not "
                        "a partial shipment; the latest on-board date is the date of shipment "
                        "(art. 31 b)",
                        count=len(bills),
                    )
                )
            elif lc.partial_shipments == "prohibited":
                self.flag(
                    "PARTIAL_SHIPMENT_PROHIBITED",
                    "bill_of_lading",
                    "vessel",
                    Text(
                        "{count} bills of lading that do not show the same vessel and voyage: "
                        "partial shipments, which the credit prohibits.",
                        count=len(bills),
                    ),
                    "UCP 600 art. 31 b",
                )
            else:
                self.ok(
                    Text(
                        "{count} bills of lading on different vessels or voyages: partial "
                        "shipments, allowed by the credit (art. 31 a)",
                        count=len(bills),
                    )
                )
        if not groups:
            return None
        # Art. 31 b: one vessel and voyage, the latest date counts; several shipments,
        # the presentation period runs from the earliest of them (the first to expire).
        return min(max(dates) for dates in groups.values())

    def check_ports(self, bill: BillOfLading) -> None:
        for name, wanted, shown in (
            ("port_of_loading", self.lc.port_of_loading, bill.port_of_loading),
            ("port_of_discharge", self.lc.port_of_discharge, bill.port_of_discharge),
        ):
            if wanted is None:
                continue
            if normal(wanted).startswith("any "):
                if shown:
                    self.ok(
                        Text(
                            "The credit allows {range}: the bill shows {port}; check that it lies "
                            "in that area (ISBP 821 section E)",
                            range=wanted,
                            port=shown,
                        )
                    )
                    continue
            if shown is None or not words_contained(wanted, shown):
                self.flag(
                    "PORT_MISMATCH",
                    "bill_of_lading",
                    name,
                    Text(
                        "{shown} is shown on {document} where the credit states {wanted}.",
                        document=self.label(bill),
                        shown=shown or Text("no port"),
                        wanted=wanted,
                    ),
                )
            else:
                self.ok(Text("Port {port} as the credit states", port=shown))

    def check_set(self, bill: BillOfLading, wanted: RequiredDocument) -> None:
        if wanted.originals is not None and not wanted.full_set:
            needed = wanted.originals
            rule = "UCP 600 art. 17 a and art. 20 a (iv)"
        else:
            needed = bill.originals_issued
            rule = "UCP 600 art. 20 a (iv)"
        if bill.originals_presented < needed:
            self.flag(
                "INCOMPLETE_SET",
                "bill_of_lading",
                "originals_presented",
                Text(
                    "{presented} original(s) presented of {issued} issued; the credit calls for "
                    "{needed}: whoever holds the missing original can take the goods.",
                    presented=bill.originals_presented,
                    issued=bill.originals_issued,
                    needed=needed,
                ),
                rule,
            )
        else:
            self.ok(
                Text(
                    "{presented}/{issued} originals presented: the set is complete",
                    presented=bill.originals_presented,
                    issued=bill.originals_issued,
                )
            )

    def check_clean(self, bill: BillOfLading) -> None:
        declared = defect_clauses(bill.clauses or "")
        if not bill.clean or declared:
            self.flag(
                "NOT_CLEAN",
                "bill_of_lading",
                "clauses" if declared else "clean",
                Text(
                    "A clause on {document} declares a defective condition of the goods or "
                    "their packaging: {clauses}",
                    document=self.label(bill),
                    clauses=joined("; ", declared) if declared else Text("marked as not clean"),
                ),
            )
        elif bill.clauses:
            self.ok(
                Text(
                    "Clauses {clauses}: none declares a defective condition of the goods or "
                    "packaging; the bill is clean (art. 27)",
                    clauses=bill.clauses,
                )
            )

    def check_freight(self, bill: BillOfLading, wanted: RequiredDocument) -> None:
        explicit = wanted.freight
        implied = "prepaid" if self.lc.incoterm in PREPAID_TERMS else None
        expected = explicit or implied
        if expected is None:
            return
        if bill.freight == expected:
            self.ok(Text("Freight {terms} as required", terms=_FREIGHT[expected]))
        elif bill.freight is not None or explicit is not None:
            self.flag(
                "FREIGHT_TERMS",
                "bill_of_lading",
                "freight",
                Text(
                    "Freight {shown} on {document}; the credit calls for freight {wanted}.",
                    document=self.label(bill),
                    shown=_FREIGHT[bill.freight] if bill.freight else Text("not stated"),
                    wanted=_FREIGHT[expected],
                ),
            )
        else:
            self.ok(
                Text(
                    "The bill does not state the freight; the credit does not ask for a notation "
                    "({incoterm} implies freight prepaid)",
                    incoterm=self.lc.incoterm or "",
                )
            )

    def check_transhipment(self, bill: BillOfLading) -> None:
        if not bill.transhipment:
            return
        if self.lc.transhipment == "allowed":
            self.ok(Text("Transhipment shown, allowed by the credit"))
        elif bill.containerised:
            self.ok(
                Text(
                    "Transhipment shown although the credit prohibits it, but the goods are "
                    "shipped in containers as the bill shows: acceptable (art. 20 c (ii))"
                )
            )
        else:
            self.flag(
                "TRANSHIPMENT_PROHIBITED",
                "bill_of_lading",
                "transhipment",
                Text(
                    "Transhipment shown on {document}, which the credit prohibits, and the goods "
                    "are not shown in containers (art. 20 c (ii) does not apply).",
                    document=self.label(bill),
                ),
            )

    def check_dates(self, shipment: date | None) -> date:
        lc, presented = self.lc, self.presentation.date
        country = lc.expiry_country
        expiry = calendars.next_banking_day(country, lc.expiry_date)
        if expiry != lc.expiry_date:
            self.ok(
                Text(
                    "Banks in {country} are closed on the expiry date {day}: extended to {next} "
                    "(art. 29 a)",
                    country=country,
                    day=lc.expiry_date,
                    next=expiry,
                )
            )
        if shipment is not None and shipment <= lc.expiry_date:
            dates = credit.latest_presentation_date(
                shipment, lc.expiry_date, lc.presentation_days, country
            )
            self.steps.extend(dates.steps[:-1])
            last = dates.latest_presentation_date
            limited_by_period = dates.limiting == "presentation_period"
        else:
            last, limited_by_period = expiry, False
            if shipment is None:
                self.ok(
                    Text(
                        "No date of shipment evidenced: the last day for presentation is the "
                        "expiry date, {day}",
                        day=last,
                    )
                )
        self.ok(Text("Last day for presentation: {day}", day=last))
        if presented > expiry:
            self.flag(
                "CREDIT_EXPIRED",
                "presentation",
                "date",
                Text(
                    "Presented on {date}, after the credit expired on {expiry}.",
                    date=presented,
                    expiry=expiry,
                ),
            )
        if presented > last and limited_by_period and last < expiry:
            self.flag(
                "LATE_PRESENTATION",
                "presentation",
                "date",
                Text(
                    "Presented on {date}, more than {days} days after shipment on {shipment}: the "
                    "last day was {last}.",
                    date=presented,
                    days=lc.presentation_days,
                    shipment=shipment or presented,
                    last=last,
                ),
            )
        elif presented <= last:
            self.ok(Text("Presented on {date}, in time", date=presented))
        return last

    def check_document_dates(self) -> None:
        presented = self.presentation.date
        for kind in DOCUMENT_TYPES:
            for doc in self.examined(kind):
                stamps: list[tuple[str, date | None]] = [("date", doc.date)]
                if isinstance(doc, BillOfLading):
                    stamps.append(("on_board_date", doc.on_board_date))
                for name, day in stamps:
                    if day is None:
                        continue
                    if day > presented:
                        self.flag(
                            "DOCUMENT_DATED_AFTER_PRESENTATION",
                            kind,
                            name,
                            Text(
                                "Date {date} on {document}, after the presentation on {presented}.",
                                document=self.label(doc),
                                date=day,
                                presented=presented,
                            ),
                        )
                    elif day < self.lc.issue_date:
                        self.ok(
                            Text(
                                "Date {date} on {document}, before the credit was issued: "
                                "acceptable (art. 14 i)",
                                document=self.label(doc),
                                date=day,
                            )
                        )

    def check_invoices(self) -> Decimal | None:
        lc = self.lc
        invoices = [doc for doc in self.examined("commercial_invoice") if isinstance(doc, Invoice)]
        if not invoices:
            return None
        for invoice in invoices:
            self.check_invoice(invoice)
        total = sum((inv.amount for inv in invoices), Decimal(0))
        if any(inv.currency != lc.currency for inv in invoices):
            return total
        self.check_amount(total, invoices)
        return total

    def check_invoice(self, invoice: Invoice) -> None:
        lc = self.lc
        if names_match(lc.beneficiary, invoice.issuer):
            self.ok(Text("Invoice issued by the beneficiary {name}", name=invoice.issuer))
        else:
            self.flag(
                "INVOICE_NOT_BY_BENEFICIARY",
                "commercial_invoice",
                "issuer",
                Text(
                    "The invoice is issued by {issuer}, not by the beneficiary {beneficiary}.",
                    issuer=invoice.issuer,
                    beneficiary=lc.beneficiary,
                ),
            )
        if names_match(lc.applicant, invoice.addressee):
            self.ok(Text("Invoice made out to the applicant {name}", name=invoice.addressee))
        else:
            self.flag(
                "INVOICE_NOT_TO_APPLICANT",
                "commercial_invoice",
                "addressee",
                Text(
                    "The invoice is made out to {addressee}, not to the applicant {applicant}.",
                    addressee=invoice.addressee,
                    applicant=lc.applicant,
                ),
            )
        if invoice.currency != lc.currency:
            self.flag(
                "CURRENCY_MISMATCH",
                "commercial_invoice",
                "currency",
                Text(
                    "The invoice is in {shown}; the credit is in {wanted}.",
                    shown=invoice.currency,
                    wanted=lc.currency,
                ),
            )
        if lc.goods_description:
            missing = sorted(
                set(words(lc.goods_description)) - set(words(invoice.goods_description))
            )
            if missing:
                self.flag(
                    "DESCRIPTION_MISMATCH",
                    "commercial_invoice",
                    "goods_description",
                    Text(
                        "The invoice's description {shown} does not correspond with the credit's "
                        "{wanted}: it lacks or changes {words}.",
                        shown=invoice.goods_description,
                        wanted=lc.goods_description,
                        words=", ".join(missing),
                    ),
                )
            else:
                self.ok(
                    Text(
                        "The invoice's description carries every word of the credit's (it may "
                        "add details, art. 18 c)"
                    )
                )
        if lc.incoterm:
            if invoice.incoterm != lc.incoterm:
                self.flag(
                    "DESCRIPTION_MISMATCH",
                    "commercial_invoice",
                    "incoterm",
                    Text(
                        "The invoice shows the trade term {shown}; the credit states {wanted}.",
                        shown=invoice.incoterm or Text("none"),
                        wanted=lc.incoterm,
                    ),
                    "UCP 600 art. 18 c; ISBP 821 C (trade term)",
                )
            elif lc.named_place and not (
                invoice.named_place and words_contained(lc.named_place, invoice.named_place)
            ):
                self.flag(
                    "DESCRIPTION_MISMATCH",
                    "commercial_invoice",
                    "named_place",
                    Text(
                        "The invoice names the place {shown}; the credit states {wanted}.",
                        shown=invoice.named_place or Text("none"),
                        wanted=lc.named_place,
                    ),
                    "UCP 600 art. 18 c; ISBP 821 C (trade term)",
                )
        if lc.unit_price is not None and invoice.unit_price is not None:
            self.check_unit_price(invoice.unit_price)

    def check_unit_price(self, price: Decimal) -> None:
        lc = self.lc
        assert lc.unit_price is not None
        if lc.about:
            low, high = lc.unit_price * Decimal("0.9"), lc.unit_price * Decimal("1.1")
            rule = "UCP 600 art. 30 a"
        else:
            low = high = lc.unit_price
            rule = "UCP 600 art. 14 d and art. 30 c"
        if low <= price <= high:
            self.ok(Text("Unit price {price} as the credit allows", price=price))
        else:
            self.flag(
                "UNIT_PRICE_MISMATCH",
                "commercial_invoice",
                "unit_price",
                Text(
                    "The invoice's unit price {shown} is outside what the credit allows "
                    "({low} to {high}).",
                    shown=price,
                    low=number(low, 4),
                    high=number(high, 4),
                ),
                rule,
            )

    def quantity_tolerance(self) -> tuple[Decimal, str]:
        lc = self.lc
        if lc.about:
            return Decimal(10), "UCP 600 art. 30 a"
        if lc.counted_in_units:
            return Decimal(0), "UCP 600 art. 30 b"
        return Decimal(5), "UCP 600 art. 30 b"

    def check_amount(self, total: Decimal, invoices: Sequence[Invoice]) -> None:
        lc = self.lc
        prohibited = lc.partial_shipments == "prohibited"
        limits = credit.lc_amount(
            lc.amount,
            about=lc.about,
            tolerance_plus_pct=lc.tolerance_plus_pct,
            tolerance_minus_pct=lc.tolerance_minus_pct,
            partial_shipments_allowed=not prohibited,
            currency=lc.currency,
        )
        self.ok(limits.steps[0])
        # Quantity (art. 30 a and b) first: art. 30 c depends on it.
        quantity = None
        quantities = [inv.quantity for inv in invoices]
        full_quantity = True
        if lc.quantity is not None and all(q is not None for q in quantities):
            quantity = sum((q for q in quantities if q is not None), Decimal(0))
            tolerance, rule = self.quantity_tolerance()
            high = lc.quantity * (HUNDRED + tolerance) / HUNDRED
            low = lc.quantity * (HUNDRED - tolerance) / HUNDRED
            full_quantity = quantity >= lc.quantity
            self.ok(
                Text(
                    "Quantity {quantity} {unit} invoiced for {wanted} {unit} in the credit; "
                    "tolerance {tolerance} ({why})",
                    quantity=quantity,
                    unit=lc.unit or "",
                    wanted=lc.quantity,
                    tolerance=percent(number(tolerance)),
                    why=Text('"about" in the credit')
                    if lc.about
                    else Text("goods counted in units: none")
                    if lc.counted_in_units
                    else Text("goods not counted in units"),
                )
            )
            if quantity > high:
                self.flag(
                    "QUANTITY_OUT_OF_TOLERANCE",
                    "commercial_invoice",
                    "quantity",
                    Text(
                        "{quantity} {unit} invoiced, more than the {high} the credit allows.",
                        quantity=quantity,
                        unit=lc.unit or "",
                        high=number(high, 3),
                    ),
                    rule,
                )
            elif quantity < low:
                if prohibited:
                    self.flag(
                        "PARTIAL_SHIPMENT_PROHIBITED",
                        "commercial_invoice",
                        "quantity",
                        Text(
                            "{quantity} {unit} shipped, short of the {low} the credit requires; "
                            "partial shipments are prohibited.",
                            quantity=quantity,
                            unit=lc.unit or "",
                            low=number(low, 3),
                        ),
                        "UCP 600 art. 31 a and art. 30 b",
                    )
                else:
                    self.ok(Text("A partial shipment, allowed by the credit (art. 31 a)"))
        elif lc.quantity is not None:
            self.ok(Text("The invoice does not state the quantity: the tolerance is not checked"))
        if total > limits.max_amount:
            self.flag(
                "AMOUNT_EXCEEDS_CREDIT",
                "commercial_invoice",
                "amount",
                Text(
                    "The invoice totals {total} {currency}, above the {maximum} the credit allows; "
                    "a bank may accept it but will not pay more than the credit (art. 18 b).",
                    total=self.money(total),
                    currency=lc.currency,
                    maximum=self.money(limits.max_amount),
                ),
            )
        else:
            self.ok(
                Text(
                    "Invoice total {total} {currency} within the maximum {maximum}",
                    total=self.money(total),
                    currency=lc.currency,
                    maximum=self.money(limits.max_amount),
                )
            )
        if not prohibited or total >= lc.amount:
            return
        stated = lc.about or lc.tolerance_plus_pct is not None or lc.tolerance_minus_pct is not None
        if stated:
            if total < limits.min_amount:
                self.flag(
                    "AMOUNT_SHORT",
                    "commercial_invoice",
                    "amount",
                    Text(
                        "The invoice totals {total} {currency}, below the minimum {minimum} the "
                        "credit's tolerance allows; partial shipments are prohibited.",
                        total=self.money(total),
                        currency=lc.currency,
                        minimum=self.money(limits.min_amount),
                    ),
                    "UCP 600 art. 30 a and art. 31 a",
                )
            return
        price_kept = all(
            inv.unit_price is None or lc.unit_price is None or inv.unit_price >= lc.unit_price
            for inv in invoices
        )
        minimum = lc.amount * Decimal("0.95")
        if total >= minimum and full_quantity and price_kept:
            self.ok(
                Text(
                    "Drawing {total} {currency} is less than the credit amount but within 5 % "
                    "less, with the full quantity at the stated unit price (art. 30 c)",
                    total=self.money(total),
                    currency=lc.currency,
                )
            )
            return
        why = (
            Text("more than 5 % short")
            if total < minimum
            else Text("the full quantity is not shipped")
            if not full_quantity
            else Text("the unit price is reduced")
        )
        self.flag(
            "AMOUNT_SHORT",
            "commercial_invoice",
            "amount",
            Text(
                "The invoice totals {total} {currency} for a credit of {amount}: {why}, and "
                "partial shipments are prohibited; art. 30 c does not allow it.",
                total=self.money(total),
                currency=lc.currency,
                amount=self.money(lc.amount),
                why=why,
            ),
        )

    def check_insurance(self, shipment: date | None, invoice_total: Decimal | None) -> None:
        lc = self.lc
        wanted = self.required.get("insurance")
        covers = [doc for doc in self.examined("insurance") if isinstance(doc, InsuranceDocument)]
        if wanted is None or not covers:
            return
        cover_pct = wanted.cover_pct or Decimal(110)
        invoices = [d for d in self.examined("commercial_invoice") if isinstance(d, Invoice)]
        if invoice_total is not None and all(inv.currency == lc.currency for inv in invoices):
            base = invoice_total
            terms = {inv.incoterm.split()[0] for inv in invoices if inv.incoterm} or {
                lc.incoterm or ""
            }
            basis = (
                Text("the CIF/CIP value shown by the invoice")
                if terms & CIF_CIP
                else Text(
                    "the invoice's gross value, the CIF/CIP value not being determinable (art. 28 f (ii))"
                )
            )
        else:
            base = lc.amount
            basis = Text("the credit amount, no invoice in the credit's currency being presented")
        needed = (base * cover_pct / HUNDRED).quantize(quantum(lc.currency), ROUND_HALF_UP)
        for cover in covers:
            if cover.currency != lc.currency:
                self.flag(
                    "INSURANCE_CURRENCY",
                    "insurance",
                    "currency",
                    Text(
                        "The insurance is in {shown}; it must be in the credit's currency {wanted}.",
                        shown=cover.currency,
                        wanted=lc.currency,
                    ),
                )
            elif cover.amount < needed:
                self.flag(
                    "INSURANCE_UNDERINSURED",
                    "insurance",
                    "amount",
                    Text(
                        "Insured {amount} {currency}, less than {pct} of {basis}: {needed}.",
                        amount=self.money(cover.amount),
                        currency=lc.currency,
                        pct=percent(number(cover_pct)),
                        basis=basis,
                        needed=self.money(needed),
                    ),
                )
            else:
                self.ok(
                    Text(
                        "Insured {amount} {currency}, at least {pct} of {basis} ({needed})",
                        amount=self.money(cover.amount),
                        currency=lc.currency,
                        pct=percent(number(cover_pct)),
                        basis=basis,
                        needed=self.money(needed),
                    )
                )
            if cover.originals_presented < cover.originals_issued:
                self.flag(
                    "INCOMPLETE_SET",
                    "insurance",
                    "originals_presented",
                    Text(
                        "{presented} original(s) of the insurance document presented of {issued} "
                        "issued: all originals must be presented.",
                        presented=cover.originals_presented,
                        issued=cover.originals_issued,
                    ),
                    "UCP 600 art. 28 b",
                )
            self.check_cover_date(cover, shipment)
            if wanted.risks:
                self.check_risks(cover, wanted.risks)

    def check_cover_date(self, cover: InsuranceDocument, shipment: date | None) -> None:
        if shipment is None:
            return
        if cover.date <= shipment:
            self.ok(
                Text(
                    "Insurance dated {date}, not after shipment on {shipment}",
                    date=cover.date,
                    shipment=shipment,
                )
            )
        elif cover.effective_date is not None and cover.effective_date <= shipment:
            self.ok(
                Text(
                    "Insurance dated {date}, after shipment, but cover effective from {effective}, "
                    "not later than shipment on {shipment} (art. 28 e)",
                    date=cover.date,
                    effective=cover.effective_date,
                    shipment=shipment,
                )
            )
        else:
            self.flag(
                "INSURANCE_DATED_AFTER_SHIPMENT",
                "insurance",
                "date" if cover.effective_date is None else "effective_date",
                Text(
                    "The insurance is dated {date}, after shipment on {shipment}, and does not show "
                    "cover effective from the date of shipment at the latest.",
                    date=cover.date,
                    shipment=shipment,
                ),
            )

    def check_risks(self, cover: InsuranceDocument, wanted: str) -> None:
        required = risk_items(wanted)
        shown = risk_items(cover.risks or "")
        if "usual" in required:
            self.ok(
                Text(
                    "The credit asks for usual or customary risks: the cover is accepted without "
                    "regard to risks not covered (art. 28 g)"
                )
            )
            return
        missing = [item for item in sorted(required) if not _covers(shown, item)]
        if not required and not words_contained(wanted, cover.risks or ""):
            missing = [wanted]
        if missing:
            self.flag(
                "INSURANCE_RISKS",
                "insurance",
                "risks",
                Text(
                    "The insurance covers {shown}; the credit requires {wanted}.",
                    shown=cover.risks or Text("no risk stated"),
                    wanted=wanted,
                ),
            )
        else:
            self.ok(Text("Risks covered as required: {risks}", risks=cover.risks or ""))

    def check_certificates(self) -> None:
        wanted = self.required.get("certificate_of_origin")
        if wanted is None or wanted.country_of_origin is None:
            return
        for doc in self.examined("certificate_of_origin"):
            assert isinstance(doc, CertificateOfOrigin)
            shown = doc.country_of_origin
            if shown is None or not country_names(shown) & country_names(wanted.country_of_origin):
                self.flag(
                    "DATA_CONFLICT",
                    "certificate_of_origin",
                    "country_of_origin",
                    Text(
                        "The certificate gives the origin {shown}; the credit requires {wanted}.",
                        shown=shown or Text("none"),
                        wanted=wanted.country_of_origin,
                    ),
                    "UCP 600 art. 14 d; ISBP 821 section L",
                )
            else:
                self.ok(Text("Origin {country} as required", country=shown))

    def check_conflicts(self) -> None:
        """Art. 14 d: figures and descriptions of different documents must not conflict."""
        bills = [d for d in self.examined("bill_of_lading") if isinstance(d, BillOfLading)]
        lists = [d for d in self.examined("packing_list") if isinstance(d, PackingList)]
        if bills and lists:
            self.compare(
                "gross_weight_kg",
                [b.gross_weight_kg for b in bills],
                [p.gross_weight_kg for p in lists],
                WEIGHT_ROUNDING_KG,
                Text("gross weight (kg)"),
            )
            self.compare(
                "packages",
                [None if b.packages is None else Decimal(b.packages) for b in bills],
                [None if p.packages is None else Decimal(p.packages) for p in lists],
                Decimal(1),
                Text("number of packages"),
            )
        references = [self.lc.goods_description or ""]
        references += [
            d.goods_description
            for d in self.examined("commercial_invoice")
            if isinstance(d, Invoice)
        ]
        if not any(references):
            return
        for doc in (*bills, *self.examined("certificate_of_origin")):
            description = getattr(doc, "goods_description", None)
            if not description:
                continue
            foreign = foreign_words(description, *references)
            if foreign:
                self.flag(
                    "DATA_CONFLICT",
                    doc.type,
                    "goods_description",
                    Text(
                        "Goods described as {shown} on {document}, which the credit and the "
                        "invoice do not support ({words}).",
                        document=self.label(doc),
                        shown=description,
                        words=", ".join(foreign),
                    ),
                    "UCP 600 art. 14 d and 14 e",
                )
            else:
                self.ok(
                    Text(
                        "Goods described on {document} in terms not conflicting with the credit "
                        "(art. 14 e)",
                        document=self.label(doc),
                    )
                )

    def compare(
        self,
        name: str,
        on_bills: list[Decimal | None],
        on_lists: list[Decimal | None],
        gap: Decimal,
        what: Text,
    ) -> None:
        if any(v is None for v in on_bills) or any(v is None for v in on_lists):
            return
        bill_total = sum((v for v in on_bills if v is not None), Decimal(0))
        list_total = sum((v for v in on_lists if v is not None), Decimal(0))
        if abs(bill_total - list_total) >= gap:
            self.flag(
                "DATA_CONFLICT",
                "packing_list",
                name,
                Text(
                    "The {what} is {listed} on the packing list and {billed} on the bill of lading.",
                    what=what,
                    listed=number(list_total),
                    billed=number(bill_total),
                ),
            )
        else:
            self.ok(
                Text(
                    "Same {what} on the bill of lading and the packing list: {value}",
                    what=what,
                    value=number(bill_total),
                )
            )


_FREIGHT: Final = {"prepaid": Text("prepaid"), "collect": Text("collect")}

_BLANK: Final[dict[str, Document]] = {
    "commercial_invoice": Invoice("", "", "EUR", Decimal(1), ""),
    "bill_of_lading": BillOfLading(date.min),
    "insurance": InsuranceDocument(date.min, "EUR", Decimal(1)),
    "packing_list": PackingList(),
    "certificate_of_origin": CertificateOfOrigin(),
}


def defect_clauses(clauses: str) -> list[str]:
    """The clauses of ``clauses`` that expressly declare a defect (art. 27).

    "Shipper's load and count", "said to contain" or "packaging may not be sufficient"
    declare nothing; "no damage" denies; "cartons torn" or "packaging insufficient" declare.
    """
    found = []
    for clause in re.split(r"[;\n]|\.(?:\s|$)", clauses):
        text = " ".join(words(clause)) if clause.strip() else ""
        if not text or _HEDGED.search(text):
            continue
        text = _NEUTRAL.sub(" ", text)
        for match in _DEFECT.finditer(text):
            if not _DENIED.search(text[: match.start()]):
                found.append(clause.strip())
                break
    return found


def risk_items(text: str) -> set[str]:
    """The risks named: ``icc_a``, ``icc_b``, ``icc_c``, ``icc_air``, ``war``, ``strikes``,
    ``all_risks``, ``usual`` (usual or customary risks, art. 28 g)."""
    out: set[str] = set()
    for match in _RISKS.finditer(" ".join(words(text))):
        clause, war, strikes, all_risks, usual = match.groups()
        if clause:
            out.add(f"icc_{clause}")
        elif war:
            out.add("war")
        elif strikes:
            out.add("strikes")
        elif all_risks:
            out.add("all_risks")
        elif usual:
            out.add("usual")
    return out


def _covers(shown: set[str], item: str) -> bool:
    """Whether the risks ``shown`` cover the required ``item`` (ICC (A) ⊃ (B) ⊃ (C))."""
    wider = {
        "icc_c": {"icc_a", "icc_b", "icc_c", "all_risks"},
        "icc_b": {"icc_a", "icc_b", "all_risks"},
        "icc_a": {"icc_a"},
        "all_risks": {"all_risks", "icc_a"},
    }
    return bool(shown & wider.get(item, {item}))


def examine(lc: Credit, presentation: Presentation) -> Findings:
    """Examine ``presentation`` under ``lc`` as a bank's document checker would.

    Source: UCP 600 art. 14 to 31 and ISBP 821 (see the module's documentation).
    """
    return _Examiner(lc, presentation).run()
