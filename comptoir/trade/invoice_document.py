"""An invoice or credit note computed in one call: from the facts gathered to the whole document.

The area gathers what the document is made of once, as plain values (:class:`InvoiceFacts`:
seller and buyer as printed, lines, currency, dates, payment terms, where the goods go or the
stored tax facts of the invoice a credit note corrects, the ECB key rates, the rate for the
VAT in EUR); :func:`compute_invoice` returns everything issuing prints, stores and sends
(:class:`ComputedInvoice`): the VAT treatment and the tax facts to store, the totals, the VAT
in EUR, the due date, the payment mentions and clause, the points the user must check, and
the EN 16931 model of the e-invoice. It decides nothing the rules of
:mod:`comptoir.trade.invoicing`, :mod:`comptoir.trade.keyrates` and
:mod:`comptoir.trade.einvoice` do not: it calls them in the order issuing needs them.

What cannot be issued is returned, not raised (``term_problem``, ``credit_problem``,
``vat_eur_missing``...), so the caller refuses in its own order and words; only a VAT case
that cannot be decided raises (:class:`VatCaseError`), since nothing else can be computed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from comptoir.trade import einvoice, keyrates
from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import (
    Dispatch,
    Line,
    PaymentNotes,
    TermExcess,
    Totals,
    VatCase,
    VatTreatment,
    check_term_basis,
    credit_note_allowed,
    due_date,
    late_payment_rate,
    line_net,
    payment_notes,
    payment_term_excess,
    totals,
    vat_for_dispatch,
)
from comptoir.trade.money import round_money

__all__ = [
    "ComputedInvoice",
    "CreditedInvoice",
    "DocumentKind",
    "InvoiceFacts",
    "LineFacts",
    "RateQuote",
    "VatCaseError",
    "compute_invoice",
    "decide_tax",
    "einvoice_model",
    "tax_record",
    "treatment_from_record",
    "wants_facturx",
]


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class VatCaseError(TradeInputError):
    """The VAT case of the sale cannot be decided from its dispatch (field as given)."""


@dataclass(frozen=True, slots=True)
class LineFacts:
    """A line as invoiced: what is printed, and ``net_amount``, its line total as stored on
    an invoice's draft (printed and written in the e-invoice; the totals recompute each
    line); None for an offer's or order's line, whose total is computed."""

    reference: str
    description: str
    hs_code: str
    origin_country: str
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    net_amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RateQuote:
    """EUR per unit of the invoice currency for its VAT in EUR, with its date and source."""

    rate: Decimal
    rate_date: date
    source: str


@dataclass(frozen=True, slots=True)
class CreditedInvoice:
    """The invoice a credit note corrects: its reference and what is left to credit."""

    number: str
    issue_date: date | None
    gross_total: Decimal
    already_credited: Decimal


@dataclass(frozen=True, slots=True)
class InvoiceFacts:
    """Everything an invoice or credit note is computed from, gathered once by the area.

    An invoice's VAT is decided from ``dispatch`` (at ``domestic_rate``); a credit note's is
    ``stored_tax``, the tax facts of the invoice it corrects (CGI art. 272-1). ``seller`` and
    ``buyer`` are the snapshots printed (``buyer['siren']`` included); ``key_rates`` the ECB
    rates entered per half-year and ``fallback_key_rate`` the one on our company's page;
    ``vat_eur_quote`` the rate for the VAT in EUR (None when none was found). An offer or an
    order is computed as the invoice it announces, at ``fixed_key_rate``.
    """

    kind: DocumentKind
    issue_date: date
    currency: str
    language: str
    lines: tuple[LineFacts, ...]
    payment_days: int
    payment_end_of_month: bool
    dispatch: Dispatch | None = None
    domestic_rate: Decimal = Decimal("20")
    stored_tax: Mapping[str, Any] | None = None
    number: str = ""
    seller: Mapping[str, Any] = field(default_factory=dict)
    buyer: Mapping[str, Any] = field(default_factory=dict)
    ship_to: Mapping[str, Any] = field(default_factory=dict)
    term_basis: str = ""
    term_reason: str = ""
    key_rates: Mapping[date, Decimal] = field(default_factory=dict)
    fallback_key_rate: Decimal = Decimal("0")
    fixed_key_rate: Decimal | None = None  # offers and orders print our company's rate
    vat_eur_quote: RateQuote | None = None
    credited: CreditedInvoice | None = None
    buyer_reference: str = ""
    shipped_on: date | None = None
    planned_delivery: date | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ComputedInvoice:
    """The whole computed document: what is stored, printed and sent."""

    treatment: VatTreatment
    tax: dict[str, Any]  # the tax facts stored on the document
    vat_rate: Decimal
    vat_mention: str
    line_nets: tuple[Decimal, ...]  # each line's net amount, rounded as the totals round it
    totals: Totals
    vat_total_eur: Decimal | None
    vat_eur_missing: bool  # an invoice in another currency with VAT and no rate for it
    buyer_vat_missing: bool  # the treatment needs the buyer's VAT number and there is none
    term_excess: TermExcess | None  # a term beyond L441-10 I, on an invoice
    term_problem: TradeInputError | None  # the ground given for it does not apply
    credit_problem: TradeInputError | None  # a credit note beyond what is left to credit
    due_date: date
    balance_due: Decimal
    key_rate: Decimal  # the ECB rate printed in the penalty clause
    seller: dict[str, Any]  # the seller snapshot to store (with ``ecb_rate``)
    payment_notes: PaymentNotes
    payment_clause: str
    facturx: bool
    einvoice: einvoice.EInvoice | None  # the EN 16931 model when ``facturx``

    @property
    def review(self) -> list[dict[str, str]]:
        return list(self.tax.get("review", []))

    def numbered(self, number: str) -> ComputedInvoice:
        """The same document under another number (taken under the sequence's lock)."""
        model = replace(self.einvoice, number=number) if self.einvoice else None
        return replace(self, einvoice=model)


def tax_record(treatment: VatTreatment, dispatch: Dispatch) -> dict[str, Any]:
    """The tax facts stored on an issued document (read back by its PDF, e-invoice and
    credit notes, never the client's current record)."""
    return {
        "case": str(treatment.case),
        "rate": str(treatment.rate),
        "category": treatment.vat_category,
        "exemption_code": treatment.exemption_code,
        "mention_fr": treatment.mention_fr,
        "mention_en": treatment.mention_en,
        "legal_reference": treatment.legal_reference,
        "buyer_vat_required": treatment.buyer_vat_required,
        "departure_country": dispatch.departure_country,
        "arrival_country": dispatch.arrival_country,
        "buyer_country": dispatch.buyer_country,
        "buyer_vat_number": dispatch.buyer_vat_number,
        "special_case": str(dispatch.special_case),
        "review": [
            {"code": p.code, "text_fr": p.text_fr, "text_en": p.text_en, "rule": p.rule}
            for p in treatment.review
        ],
    }


def treatment_from_record(record: Mapping[str, Any]) -> VatTreatment:
    """Stored tax facts as the treatment they were decided as."""
    return VatTreatment(
        case=VatCase(record["case"]),
        rate=Decimal(record["rate"]),
        mention_fr=record["mention_fr"],
        mention_en=record["mention_en"],
        legal_reference=record["legal_reference"],
        exemption_code=record["exemption_code"],
        vat_category=record["category"],
        buyer_vat_required=bool(record.get("buyer_vat_required")),
    )


def decide_tax(facts: InvoiceFacts) -> dict[str, Any]:
    """The tax facts of the document: a credit note's are the invoice's it corrects, an
    invoice's are decided from where the goods go (:class:`VatCaseError` when they cannot)."""
    if facts.stored_tax is not None:
        return dict(facts.stored_tax) | {"review": []}  # checked when the invoice was issued
    if facts.dispatch is None:
        raise TradeInputError("Give the dispatch or the stored tax facts.", "dispatch")
    try:
        treatment = vat_for_dispatch(facts.dispatch, domestic_rate=facts.domestic_rate)
    except TradeInputError as exc:
        raise VatCaseError(exc.message, exc.field) from None
    return tax_record(treatment, facts.dispatch)


def compute_invoice(facts: InvoiceFacts) -> ComputedInvoice:
    """The whole document from its facts: one call for everything issuing needs.

    Raises :class:`VatCaseError` when the VAT case cannot be decided, and the core's
    :class:`TradeInputError` on figures no rule accepts (a term beyond 365 days, a line
    without quantity); what the user can still fix is returned in the ``*_problem``,
    ``*_missing`` and ``term_excess`` fields.
    """
    invoice = facts.kind is DocumentKind.INVOICE
    tax = decide_tax(facts)
    treatment = treatment_from_record(tax)
    excess = payment_term_excess(facts.payment_days, facts.payment_end_of_month)
    term_problem: TradeInputError | None = None
    if excess is not None and invoice and facts.term_basis:
        try:
            check_term_basis(
                facts.term_basis,
                facts.payment_days,
                facts.payment_end_of_month,
                treatment.case,
                facts.term_reason,
            )
        except TradeInputError as exc:
            term_problem = exc
    rate = Decimal(tax["rate"])
    core_lines = [Line(line.quantity, line.unit_price, line.discount_pct) for line in facts.lines]
    sums = totals(core_lines, rate, facts.currency)
    credit_problem: TradeInputError | None = None
    if not invoice and facts.credited is not None:
        try:
            credit_note_allowed(
                facts.credited.gross_total, facts.credited.already_credited, sums.gross
            )
        except TradeInputError as exc:
            credit_problem = exc
    vat_total_eur, vat_eur_missing = _vat_in_eur(facts, tax, sums.vat)
    key_rate = _key_rate(facts)
    notes = payment_notes(late_payment_rate(key_rate), facts.language)
    mention = treatment.mention(facts.language)
    computed = ComputedInvoice(
        treatment=treatment,
        tax=tax,
        vat_rate=rate,
        vat_mention=mention,
        line_nets=tuple(line_net(line, facts.currency) for line in core_lines),
        totals=sums,
        vat_total_eur=vat_total_eur,
        vat_eur_missing=vat_eur_missing,
        buyer_vat_missing=bool(
            invoice and tax.get("buyer_vat_required") and not facts.buyer.get("vat_number")
        ),
        term_excess=excess if invoice else None,
        term_problem=term_problem,
        credit_problem=credit_problem,
        due_date=(
            due_date(facts.issue_date, facts.payment_days, facts.payment_end_of_month)
            if invoice
            else facts.issue_date
        ),
        balance_due=sums.gross if invoice else Decimal("0"),
        key_rate=key_rate,
        seller=dict(facts.seller) | {"ecb_rate": str(key_rate)},
        payment_notes=notes,
        payment_clause=" ".join((notes.penalties, notes.indemnity, notes.discount)),
        facturx=wants_facturx(tax["case"], facts.buyer),
        einvoice=None,
    )
    if not computed.facturx:
        return computed
    return replace(computed, einvoice=einvoice_model(facts, computed))


def _vat_in_eur(
    facts: InvoiceFacts, tax: dict[str, Any], vat: Decimal
) -> tuple[Decimal | None, bool]:
    """VAT of an invoice in another currency, in EUR (directive 2006/112/EC art. 91(2), 230):
    a credit note reverses it at the rate of the invoice it corrects; an invoice converts at
    ``vat_eur_quote``, recorded in ``tax``. (amount, missing: no rate when one is needed)."""
    if facts.currency == "EUR" or not vat:
        return None, False
    if facts.kind is DocumentKind.CREDIT_NOTE and tax.get("vat_eur_rate"):
        return round_money(vat * Decimal(tax["vat_eur_rate"]), "EUR"), False
    quote = facts.vat_eur_quote
    if quote is None:
        return None, True
    tax |= {
        "vat_eur_rate": str(quote.rate),
        "vat_eur_rate_date": quote.rate_date.isoformat(),
        "vat_eur_source": quote.source,
    }
    return round_money(vat * quote.rate, "EUR"), False


def _key_rate(facts: InvoiceFacts) -> Decimal:
    """The ECB rate of the issue date's half-year (L441-10 II), else our company's."""
    if facts.fixed_key_rate is not None:
        return facts.fixed_key_rate
    try:
        return keyrates.reference_rate(facts.issue_date, facts.key_rates)
    except TradeInputError:
        return facts.fallback_key_rate


def party(snapshot: Mapping[str, Any], legal_id: str = "") -> einvoice.Party:
    """A party of the e-invoice from its printed snapshot; its electronic address is its SIREN
    in France (scheme 0225), else its e-mail, else its VAT number with the country's scheme."""
    address: tuple[str, str] | None = None
    if not (snapshot.get("email") or (snapshot.get("country") == "FR" and legal_id)):
        address = einvoice.vat_electronic_address(snapshot.get("vat_number", ""))
    return einvoice.Party(
        electronic_address=address[0] if address else "",
        electronic_scheme=address[1] if address else "",
        name=snapshot.get("legal_name") or snapshot.get("name", ""),
        country=snapshot.get("country", ""),
        street=snapshot.get("street", ""),
        postcode=snapshot.get("postcode", ""),
        city=snapshot.get("city", ""),
        vat_number=snapshot.get("vat_number", ""),
        legal_id=legal_id,
        email=snapshot.get("email", ""),
    )


def wants_facturx(case: str, buyer: Mapping[str, Any]) -> bool:
    """Factur-X for invoices to businesses in the EU (France included): the client has a VAT
    number, the sale is domestic or intra-EU, and the buyer has an electronic address (its
    SIREN in France, scheme 0225; else an e-mail), without which the French rules refuse it
    (BR-FR-12): a buyer abroad without e-mail gets the PDF alone."""
    if not buyer.get("vat_number") or case not in (VatCase.DOMESTIC, VatCase.INTRA_EU_B2B):
        return False
    return einvoice.electronic_address(party(buyer, buyer.get("siren", ""))) is not None


def _invoicing_period(facts: InvoiceFacts) -> tuple[date, date]:
    """BG-14 for an intra-EU supply invoiced before the goods left (BR-IC-11 accepts it instead
    of an actual delivery date): from the issue date to the planned delivery, if later."""
    start, planned = facts.issue_date, facts.planned_delivery
    return start, max(start, planned) if planned else start


def delivery_date(shipped_on: date | None, issue_date: date) -> date | None:
    """The actual delivery date for the e-invoice (BT-72): the shipment's date when the goods
    have left by the invoice date; otherwise none (never a date that has not happened)."""
    return shipped_on if shipped_on and shipped_on <= issue_date else None


def einvoice_model(facts: InvoiceFacts, computed: ComputedInvoice) -> einvoice.EInvoice:
    """The EN 16931 / French CTC view of the document, from its facts and computed figures."""
    treatment = computed.treatment
    category = treatment.vat_category
    e_lines = tuple(
        einvoice.discounted_line(
            line_id=str(n),
            name=line.description,
            quantity=line.quantity,
            unit_code="C62",
            # The gross price less the discount, written exactly (or as a line allowance),
            # so every line total the screens computed can be issued (issue 9, item 3).
            gross_price=line.unit_price,
            discount_pct=line.discount_pct,
            line_total=line.net_amount if line.net_amount is not None else net,
            vat_category=category,
            vat_rate=computed.vat_rate,
            hs_code=line.hs_code[:6] if line.hs_code else "",
            origin_country=line.origin_country,
            seller_item_id=line.reference,
        )
        for n, (line, net) in enumerate(zip(facts.lines, computed.line_nets, strict=True), start=1)
    )
    mentions = computed.payment_notes
    buyer = party(facts.buyer, facts.buyer.get("siren", ""))
    notes = [
        einvoice.Note(mentions.penalties, einvoice.LATE_PAYMENT_PENALTIES),
        einvoice.Note(mentions.indemnity, einvoice.RECOVERY_INDEMNITY),
        einvoice.Note(mentions.discount, einvoice.EARLY_PAYMENT_DISCOUNT),
        # BR-FR-20: a business in France (its SIREN is its e-invoicing address), or abroad.
        einvoice.Note("B2B" if buyer.country == "FR" and buyer.legal_id else "B2BINT", "BAR"),
    ]
    if computed.vat_mention:
        notes.append(einvoice.Note(computed.vat_mention))
    credit_note = facts.kind is DocumentKind.CREDIT_NOTE
    if credit_note and facts.reason:
        notes.append(einvoice.Note(facts.reason))
    ship_to = facts.ship_to
    shown = ship_to if ship_to.get("source") == "address" else {}
    delivered = delivery_date(facts.shipped_on, facts.issue_date)
    period: tuple[date | None, date | None] = (
        _invoicing_period(facts) if delivered is None and category == "K" else (None, None)
    )
    sums = computed.totals
    credited = facts.credited
    return einvoice.EInvoice(
        number=facts.number,
        issue_date=facts.issue_date,
        type_code="381" if credit_note else "380",
        currency=facts.currency,
        seller=party(computed.seller, computed.seller.get("siren", "")),
        buyer=buyer,
        lines=e_lines,
        vat_breakdown=(
            einvoice.VatBreakdown(
                category=category,
                rate=computed.vat_rate,
                base=sums.net,
                amount=sums.vat,
                exemption_reason=treatment.mention_en if treatment.exemption_code else "",
                exemption_code=treatment.exemption_code,
            ),
        ),
        net_total=sums.net,
        vat_total=sums.vat,
        gross_total=sums.gross,
        amount_due=sums.gross,
        due_date=computed.due_date,
        payment_terms=computed.payment_clause,
        iban=computed.seller.get("iban", ""),
        bic=computed.seller.get("bic", ""),
        buyer_reference=facts.buyer_reference,
        delivery_date=delivered,
        billing_period_start=period[0],
        billing_period_end=period[1],
        preceding_invoice=credited.number if credited else "",
        preceding_invoice_date=credited.issue_date if credited else None,
        notes=tuple(notes),
        delivery_country=ship_to.get("country", ""),
        delivery_name=shown.get("name", ""),
        delivery_street=shown.get("street", ""),
        delivery_postcode=shown.get("postcode", ""),
        delivery_city=shown.get("city", ""),
        nature=einvoice.GOODS,
        vat_total_accounting=computed.vat_total_eur if facts.currency != "EUR" else None,
    )
