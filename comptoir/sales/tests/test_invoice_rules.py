"""Invoices right in every case (issue 9): each test failed on the code before the fix.

1. VAT from where the goods go, not from the client's country;
2. a credit note reverses the VAT invoiced, whatever changed on the client since;
3. discounted lines always issue (Factur-X net price written exactly);
4. terms beyond the legal ceiling need a recorded ground;
5. VAT in EUR on a foreign-currency invoice with French VAT;
6. no future date as the actual delivery date in the Factur-X;
8. the penalty rate printed is the one of the issue's half-year.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from comptoir.parties.models import Address, Company
from comptoir.sales import billing, services
from comptoir.sales.models import Invoice, Order, OrderLine
from comptoir.trade import einvoice

from .conftest import make_order

pytestmark = pytest.mark.django_db
ISSUE_DAY = dt.date(2026, 10, 20)  # within the bundled ECB rates (they end on 2026-10-30)


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def lyon(client: Company) -> Address:
    return Address.objects.create(
        company=client,
        kind="delivery",
        label="Entrepôt Lyon",
        line1="8 quai Perrache",
        postcode="69002",
        city="Lyon",
        country="FR",
    )


def invoice_for(order: Order, user, day: dt.date = ISSUE_DAY, **issue_args) -> Invoice:  # type: ignore[no-untyped-def]
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    order.refresh_from_db()
    draft = billing.draft_from_order(order=order, user=user)
    return billing.issue(invoice=draft, user=user, issue_date=day, **issue_args)


def factur_x(invoice: Invoice) -> etree._Element:
    return etree.fromstring(einvoice.xml_from_pdf(bytes(invoice.pdf)))


# 1. ------------------------------------------------------------------------------------------


def test_german_client_delivered_in_lyon_pays_french_vat(seller, clients, product, assistant):
    client = clients["de"]
    order = make_order(client, product, "10", "79", delivery_address=lyon(client))
    invoice = invoice_for(order, assistant)
    assert invoice.vat_case == "domestic"
    assert invoice.vat_rate == Decimal("20")
    assert invoice.vat_total == Decimal("158.00")
    assert "262 ter" not in invoice.vat_mention
    assert invoice.tax["arrival_country"] == "FR" and invoice.tax["buyer_country"] == "DE"


def test_swiss_client_delivered_in_lyon_is_not_an_export(seller, product, assistant):
    client = Company.objects.create(
        name="Zürcher Küchen AG", country="CH", currency="EUR", language="en"
    )
    client.role_list = ["client"]
    client.save()
    order = make_order(client, product, "10", "79", delivery_address=lyon(client))
    invoice = invoice_for(order, assistant)
    assert invoice.vat_case == "domestic" and invoice.vat_total == Decimal("158.00")


def test_french_client_delivered_in_new_york_is_an_export(seller, clients, product, assistant):
    client = clients["fr"]
    new_york = Address.objects.create(
        company=client, kind="delivery", line1="5 Pier", city="New York", country="US"
    )
    invoice = invoice_for(make_order(client, product, delivery_address=new_york), assistant)
    assert invoice.vat_case == "export" and invoice.vat_total == 0
    assert "262 I" in invoice.vat_mention


def test_a_delivery_address_on_the_delivery_wins_over_the_order(
    seller, clients, product, assistant
):
    client = clients["de"]
    order = services.confirm_order(order=make_order(client, product, "10", "79"), user=assistant)
    delivery = services.create_delivery(
        order=order,
        user=assistant,
        planned_date=ISSUE_DAY,
        quantities={order.lines.get().pk: Decimal("10")},
    )
    delivery.delivery_address = lyon(client)
    delivery.save()
    invoice = billing.issue(
        invoice=billing.draft_from_delivery(delivery=delivery, user=assistant),
        user=assistant,
        issue_date=ISSUE_DAY,
    )
    assert invoice.vat_case == "domestic"


def test_a_flagged_case_needs_what_the_user_checked(seller, clients, product, assistant):
    order = make_order(clients["de"], product, vat_special_case="triangular")
    with pytest.raises(ValidationError, match="check the points"):
        invoice_for(order, assistant)
    draft = Invoice.objects.get(order=order, status=Invoice.Status.DRAFT)
    invoice = billing.issue(
        invoice=draft,
        user=assistant,
        issue_date=ISSUE_DAY,
        review_note="Art. 141 conditions met: mention on our invoice",
    )
    assert invoice.review_note.startswith("Art. 141")
    assert invoice.tax["review"][0]["code"] == "triangular"


# 2. ------------------------------------------------------------------------------------------


def test_credit_note_reverses_the_vat_invoiced_after_the_vat_number_was_removed(
    seller, clients, product, assistant, manager
):
    client = clients["de"]
    invoice = invoice_for(make_order(client, product, "10", "79"), assistant)
    assert invoice.vat_case == "intra_eu_b2b" and invoice.vat_total == 0
    Company.objects.filter(pk=client.pk).update(vat_number="")
    line = invoice.lines.get()
    note = billing.draft_credit_note(
        invoice=invoice, user=manager, quantities={line.pk: Decimal("2")}, reason="2 damaged"
    )
    note = billing.issue(invoice=note, user=manager, issue_date=ISSUE_DAY)
    assert note.vat_case == "intra_eu_b2b"
    assert note.vat_rate == 0 and note.vat_total == 0
    assert note.vat_mention == invoice.vat_mention
    assert note.tax["buyer_vat_number"] == "DE136695976"


# 3. ------------------------------------------------------------------------------------------


def test_a_discounted_line_issues_with_its_factur_x(seller, clients, product, assistant):
    """1000 x 1.23 less 3.3 %: 1189.41, which a net price rounded to 4 decimals (1.1894)
    could not give back, so the invoice could not be issued."""
    order = make_order(clients["fr"], product, "1000", "1.23")
    OrderLine.objects.filter(order=order).update(discount_pct=Decimal("3.3"))
    invoice = invoice_for(order, assistant)
    assert invoice.net_total == Decimal("1189.41")
    assert invoice.facturx


# 4. ------------------------------------------------------------------------------------------


def test_a_term_beyond_the_ceiling_needs_a_recorded_ground(seller, clients, product, assistant):
    order = make_order(clients["us"], product, payment_days=90)
    with pytest.raises(ValidationError, match="L441-10"):
        invoice_for(order, assistant)
    draft = Invoice.objects.get(order=order, status=Invoice.Status.DRAFT)
    with pytest.raises(ValidationError, match="stay in France"):
        Invoice.objects.filter(pk=draft.pk).update(vat_case="")
        domestic = make_order(clients["fr"], product, payment_days=90)
        invoice_for(domestic, assistant, term_basis="foreign_law")
    invoice = billing.issue(
        invoice=draft,
        user=assistant,
        issue_date=ISSUE_DAY,
        term_basis="foreign_law",
        term_reason="Contract under NY law",
    )
    assert (invoice.term_basis, invoice.term_reason) == ("foreign_law", "Contract under NY law")
    assert invoice.history.filter(term_basis="foreign_law").exists()  # kept in the audit trail


# 5. ------------------------------------------------------------------------------------------


def test_usd_domestic_invoice_states_the_vat_in_eur(
    seller, product, assistant, usd_rate, assistant_client
):
    client = Company.objects.create(
        name="Bistrot Américain", country="FR", currency="USD", language="en"
    )
    client.role_list = ["client"]
    client.save()
    invoice = invoice_for(make_order(client, product, "10", "137.65"), assistant)
    assert invoice.vat_total == Decimal("275.30")
    rate = Decimal(invoice.tax["vat_eur_rate"])
    assert invoice.tax["vat_eur_source"].startswith("ECB")
    assert invoice.vat_total_eur == (Decimal("275.30") * rate).quantize(Decimal("0.01"))
    text = pdf_text(bytes(invoice.pdf))
    assert "VAT in EUR" in text
    assert f"{invoice.vat_total_eur:,.2f}" in text
    assert "1 USD = " in text and "Oct. 20, 2026" in text  # the rate and its fixing's date
    page = assistant_client.get(invoice.get_absolute_url()).content.decode()
    shown = str(rate.quantize(Decimal("0.000001")).normalize())  # 6 places, as printed
    assert f"1 USD = {shown} EUR" in page or f"1 USD = {shown.replace('.', ',')} EUR" in page
    assert "ECB reference rate" in text


# 6. ------------------------------------------------------------------------------------------


def test_an_invoice_before_shipping_states_no_future_delivery_date(
    seller, clients, product, assistant
):
    order = make_order(clients["fr"], product, requested_date=ISSUE_DAY + dt.timedelta(days=20))
    invoice = invoice_for(order, assistant)
    dates = factur_x(invoice).xpath(
        "//ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString/text()",
        namespaces=einvoice.NS,
    )
    assert all(value <= ISSUE_DAY.strftime("%Y%m%d") for value in dates)


# 8. ------------------------------------------------------------------------------------------


def test_the_penalty_rate_printed_is_the_one_of_the_issue_half_year(
    seller, clients, product, assistant
):
    """Issued on 10 March 2025: the ECB rate in force on 1 January 2025 was 3.15 %, so the
    penalty rate is 13.15 %, whatever the rate on our company's page (2.15)."""
    invoice = invoice_for(
        make_order(clients["fr"], product, "1", "10"), assistant, dt.date(2025, 3, 10)
    )
    assert invoice.seller["ecb_rate"] == "3.15"
    assert "13,15 %" in pdf_text(bytes(invoice.pdf))


# Screens ---------------------------------------------------------------------------------------


def test_screens_show_the_vat_points_and_the_term_warning_then_issue_with_them(
    seller, clients, product, assistant, assistant_client
):
    client = clients["de"]
    order = make_order(client, product, vat_special_case="call_off_stock", payment_days=90)
    page = assistant_client.get(order.get_absolute_url()).content.decode()
    assert 'id="vat-review"' in page and "17a" in page  # the call-off stock rule
    assert 'id="term-warning"' in page and "L441-10" in page
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    order.refresh_from_db()
    draft = billing.draft_from_order(order=order, user=assistant)
    page = assistant_client.get(draft.get_absolute_url()).content.decode()
    assert 'name="review_note"' in page and 'name="term_basis"' in page
    # The draft shows its totals as issuing will compute them: 100 x 79 = 7,900, exempt.
    assert re.search(r"7\D?900[.,]00 EUR", page), "the draft shows its totals"
    url = f"/sales/invoices/{draft.pk}/issue/"
    assistant_client.post(url, {"review_note": ""})
    assert Invoice.objects.get(pk=draft.pk).status == Invoice.Status.DRAFT  # refused, said
    assistant_client.post(
        url,
        {
            "review_note": "Goods called off within 12 months, registers kept",
            "term_basis": "foreign_law",
            "term_reason": "Framework contract under German law",
        },
    )
    issued = Invoice.objects.get(pk=draft.pk)
    assert issued.status == Invoice.Status.ISSUED
    assert issued.term_basis == "foreign_law" and issued.review_note.startswith("Goods called")
    page = assistant_client.get(issued.get_absolute_url()).content.decode()
    assert "Framework contract under German law" in page


def test_client_page_warns_on_terms_beyond_the_ceiling(seller, clients, assistant_client):
    client = clients["fr"]
    Company.objects.filter(pk=client.pk).update(payment_days=75)
    page = assistant_client.get(client.get_absolute_url()).content.decode()
    assert 'id="term-warning"' in page and "60" in page
