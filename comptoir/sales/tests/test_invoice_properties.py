"""Random invoices and credit notes, as the screens accept them, through the same mapping as
issuing (tax facts -> ``documents.facturx_invoice``) and both schematrons (issue 9).

Each example is one document: domestic (EUR or USD), intra-EU or export; 1 to 4 lines with
any quantity (3 decimals), unit price (4 decimals) and discount (2 decimals) the forms allow;
an invoice or a credit note of part of it. Every one must be written and pass the Factur-X
XSD, the CEN EN 16931 schematron and the French CTC schematron (BR-FR). The suite runs
``COMPTOIR_EINVOICE_EXAMPLES`` examples (default 150, about a minute);
``benchmarks/invoice_schematrons.py`` runs thousands.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.sales import documents, taxes
from comptoir.sales.models import Invoice, InvoiceLine
from comptoir.trade import einvoice, invoicing

pytestmark = pytest.mark.skipif(
    not einvoice.SCHEMATRON_AVAILABLE, reason="saxonche is a test dependency"
)

EXAMPLES = int(os.environ.get("COMPTOIR_EINVOICE_EXAMPLES", "150"))
SELLER = {
    "legal_name": "Maison Ferrand SAS",
    "street": "12 rue de la Coutellerie",
    "postcode": "63300",
    "city": "Thiers",
    "country": "FR",
    "siren": "552100554",
    "vat_number": "FR96552100554",
    "iban": "FR7630006000011234567890189",
    "bic": "AGRIFRPP",
    "email": "adv@maison-ferrand.example",
    "ecb_rate": "2.15",
}
BUYERS = {
    "domestic": {"country": "FR", "vat_number": "FR83404833048", "siren": "404833048"},
    "intra_eu": {"country": "DE", "vat_number": "DE136695976", "siren": ""},
    "export": {"country": "US", "vat_number": "", "siren": ""},
}

quantities = st.decimals(Decimal("0.001"), Decimal("100000"), places=3)
prices = st.decimals(Decimal("0"), Decimal("99999.9999"), places=4)
discounts = st.one_of(st.just(Decimal("0")), st.decimals(Decimal("0"), Decimal("99.99"), places=2))
lines_strategy = st.lists(st.tuples(quantities, prices, discounts), min_size=1, max_size=4)


def _facts(case: str) -> dict[str, Any]:
    buyer = BUYERS[case]
    arrival = {"domestic": "FR", "intra_eu": "DE", "export": "US"}[case]
    dispatch = invoicing.Dispatch("FR", arrival, buyer["country"], buyer["vat_number"])
    return taxes.facts_from(invoicing.vat_for_dispatch(dispatch), dispatch)


def _document(
    case: str, currency: str, rows: list[tuple[Decimal, Decimal, Decimal]], number: str
) -> tuple[Invoice, list[InvoiceLine]]:
    facts = _facts(case)
    rate = Decimal(facts["rate"])
    lines = [
        InvoiceLine(
            reference=f"REF-{n}",
            description=f"Article {n}",
            hs_code="7323920000",
            origin_country="FR",
            quantity=quantity,
            unit_price=price,
            discount_pct=discount,
            net_amount=invoicing.line_net(invoicing.Line(quantity, price, discount), currency),
        )
        for n, (quantity, price, discount) in enumerate(rows, start=1)
    ]
    totals = invoicing.totals(
        [invoicing.Line(line.quantity, line.unit_price, line.discount_pct) for line in lines],
        rate,
        currency,
    )
    buyer = {"name": "Client", "street": "1 Main Street", "postcode": "1000", "city": "City"}
    invoice = Invoice(
        number=number,
        issue_date=dt.date(2026, 10, 20),
        due_date=dt.date(2026, 11, 19),
        currency=currency,
        language="fr" if case == "domestic" else "en",
        tax=facts,
        vat_case=facts["case"],
        vat_rate=rate,
        vat_mention=facts["mention_fr"],
        net_total=totals.net,
        vat_total=totals.vat,
        gross_total=totals.gross,
        vat_total_eur=(totals.vat * Decimal("0.91")).quantize(Decimal("0.01"))
        if currency != "EUR"
        else None,
        seller=SELLER,
        buyer=buyer | BUYERS[case] | {"email": "achats@client.example"},
        ship_to={"country": facts["arrival_country"], "source": "client_country"},
    )
    return invoice, lines


def _check(invoice: Invoice, lines: list[InvoiceLine]) -> None:
    xml = einvoice.facturx_xml(documents.facturx_invoice(invoice, lines))
    einvoice.check_xml(xml, schematron=True, french_ctc=True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(
    case=st.sampled_from(sorted(BUYERS)),
    usd=st.booleans(),
    rows=lines_strategy,
    credit=st.booleans(),
    data=st.data(),
)
def test_every_invoice_the_screens_accept_passes_both_schematrons(
    case: str, usd: bool, rows: list[tuple[Decimal, Decimal, Decimal]], credit: bool, data: Any
) -> None:
    currency = "USD" if usd else "EUR"
    invoice, lines = _document(case, currency, rows, "FA2026-00042")
    if invoice.gross_total <= 0:
        return  # nothing to invoice: the screens refuse a zero invoice
    if not credit:
        _check(invoice, lines)
        return
    # A credit note of some of the quantities, reading the invoice's facts.
    credited = [
        (row[0] * Decimal(data.draw(st.integers(1, 100), label="pct")) / 100).quantize(
            Decimal("0.001")
        )
        for row in rows
    ]
    note_rows = [
        (quantity, price, discount)
        for quantity, (_q, price, discount) in zip(credited, rows, strict=True)
        if quantity > 0
    ]
    if not note_rows:
        return
    note, note_lines = _document(case, currency, note_rows, "AV2026-00007")
    if note.gross_total <= 0:
        return
    note.kind = Invoice.Kind.CREDIT_NOTE
    note.reason = "Damaged on arrival"
    note.credited_invoice = invoice
    _check(note, note_lines)


def test_the_discount_that_could_not_be_issued_now_passes() -> None:
    """1000 x 1.23 less 3.3 % = 1189.41: refused before (net price 1.1894 gave 1189.40)."""
    invoice, lines = _document(
        "domestic", "EUR", [(Decimal("1000"), Decimal("1.23"), Decimal("3.3"))], "FA2026-00001"
    )
    assert invoice.net_total == Decimal("1189.41")
    _check(invoice, lines)
