"""An invoice computed in one call (``invoice_document.compute_invoice``).

Worked examples (figures by hand):

1. Intra-community supply to Germany: 600 x 8.35 = 5,010.00 EUR, VAT 0 (category K), due
   30 days after 4 November 2026 = 4 December 2026; the second half of 2026 has no ECB rate
   in the bundled table, so the rate on our company's page (2.15 %) is printed.
2. Domestic sale in USD: 100 x 10.00 = 1,000.00 USD, VAT 20 % = 200.00 USD, at 0.9123 EUR
   per USD = 182.46 EUR.
3. Credit note of an intra-community supply, 12 x 8.35 = 100.20 (VAT 0), on an invoice of
   1,214.40 of which 1,150.00 is already credited: only 64.40 is left.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from comptoir.trade import einvoice
from comptoir.trade.invoice_document import (
    CreditedInvoice,
    DocumentKind,
    InvoiceFacts,
    LineFacts,
    RateQuote,
    VatCaseError,
    compute_invoice,
    tax_record,
)
from comptoir.trade.invoicing import Dispatch, SpecialCase, vat_for_dispatch

DAY = date(2026, 11, 4)
SELLER = {
    "legal_name": "Maison Ferrand SAS",
    "street": "12 rue de la Coutellerie",
    "postcode": "63300",
    "city": "Thiers",
    "country": "FR",
    "siren": "303265045",
    "vat_number": "FR40303265045",
    "iban": "FR7630006000011234567890189",
    "bic": "AGRIFRPP",
    "email": "compta@ferrand.example",
}
BUYER_DE = {
    "name": "Küchenhaus GmbH",
    "street": "Hauptstraße 1",
    "postcode": "10115",
    "city": "Berlin",
    "country": "DE",
    "vat_number": "DE136695976",
    "email": "einkauf@kuechenhaus.example",
    "siren": "",
}


def _line(quantity: str, price: str) -> LineFacts:
    net = (Decimal(quantity) * Decimal(price)).quantize(Decimal("0.01"))
    return LineFacts(
        "KN-01", "Knife", "821191", "FR", Decimal(quantity), Decimal(price), Decimal("0"), net
    )


def _facts(**changes: object) -> InvoiceFacts:
    values: dict[str, object] = {
        "kind": DocumentKind.INVOICE,
        "issue_date": DAY,
        "currency": "EUR",
        "language": "en",
        "lines": (_line("600", "8.35"),),
        "payment_days": 30,
        "payment_end_of_month": False,
        "dispatch": Dispatch("FR", "DE", "DE", "DE136695976"),
        "number": "FA2026-00001",
        "seller": SELLER,
        "buyer": BUYER_DE,
        "ship_to": {"country": "DE", "source": "client_country"},
        "fallback_key_rate": Decimal("2.15"),
        "shipped_on": DAY,
    }
    values.update(changes)
    return InvoiceFacts(**values)  # type: ignore[arg-type]


def test_an_intra_community_invoice_is_computed_whole_in_one_call() -> None:
    computed = compute_invoice(_facts())
    assert (computed.tax["case"], computed.treatment.vat_category) == ("intra_eu_b2b", "K")
    assert (computed.totals.net, computed.totals.vat, computed.totals.gross) == (
        Decimal("5010.00"),
        Decimal("0.00"),
        Decimal("5010.00"),
    )
    assert computed.due_date == date(2026, 12, 4)
    assert computed.balance_due == Decimal("5010.00")
    assert computed.seller["ecb_rate"] == "2.15"  # the page's rate: 2026 is not in the table
    assert "12.15% a year" in computed.payment_clause  # ECB 2.15 + 10 points
    assert computed.vat_mention.startswith("VAT exempt intra-Community supply")
    assert computed.facturx and computed.einvoice is not None
    model = computed.einvoice
    assert (model.number, model.type_code, model.delivery_date) == ("FA2026-00001", "380", DAY)
    assert model.payment_terms == computed.payment_clause
    einvoice.check_invoice(model)  # a valid EN 16931 invoice
    assert computed.numbered("FA2026-00002").einvoice.number == "FA2026-00002"  # type: ignore[union-attr]


def test_a_vat_case_that_cannot_be_decided_raises_naming_the_field() -> None:
    with pytest.raises(VatCaseError) as error:
        compute_invoice(_facts(dispatch=Dispatch("FR", "ZZ", "DE", "DE136695976")))
    assert error.value.field == "arrival_country"


def test_vat_in_eur_needs_a_rate_and_records_it() -> None:
    domestic = Dispatch("FR", "FR", "FR")
    usd = {"currency": "USD", "dispatch": domestic, "lines": (_line("100", "10.00"),)}
    missing = compute_invoice(_facts(**usd))
    assert missing.vat_eur_missing and missing.vat_total_eur is None
    quote = RateQuote(Decimal("0.9123"), date(2026, 11, 3), "ECB")
    computed = compute_invoice(_facts(**usd, vat_eur_quote=quote))
    assert not computed.vat_eur_missing
    assert computed.vat_total_eur == Decimal("182.46")
    assert (computed.tax["vat_eur_rate"], computed.tax["vat_eur_rate_date"]) == (
        "0.9123",
        "2026-11-03",
    )


def test_a_term_beyond_the_ceiling_is_returned_with_the_ground_that_does_not_apply() -> None:
    domestic = Dispatch("FR", "FR", "FR")
    computed = compute_invoice(_facts(dispatch=domestic, payment_days=90, term_basis="foreign_law"))
    assert computed.term_excess is not None and computed.term_excess.days == 90
    assert computed.term_problem is not None and computed.term_problem.field == "term_basis"


def test_a_credit_note_copies_the_stored_facts_and_is_refused_beyond_what_is_left() -> None:
    dispatch = Dispatch("FR", "DE", "DE", "DE136695976", SpecialCase.CHAIN)
    stored = tax_record(vat_for_dispatch(dispatch), dispatch)
    assert stored["review"]  # a chain sale was checked when the invoice was issued
    computed = compute_invoice(
        _facts(
            kind=DocumentKind.CREDIT_NOTE,
            dispatch=None,
            stored_tax=stored,
            lines=(_line("12", "8.35"),),
            credited=CreditedInvoice("FA2026-00001", DAY, Decimal("1214.40"), Decimal("1150.00")),
            reason="12 bottles broken",
        )
    )
    assert computed.tax["case"] == "intra_eu_b2b" and computed.review == []
    assert (computed.due_date, computed.balance_due) == (DAY, Decimal("0"))
    assert computed.credit_problem is not None and "64.4 left" in computed.credit_problem.message
    assert computed.einvoice is not None
    assert (computed.einvoice.type_code, computed.einvoice.preceding_invoice) == (
        "381",
        "FA2026-00001",
    )
