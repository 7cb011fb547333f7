"""The statement on origin on issued invoices: printed in the invoice's language with the REX
number, place and date when every product has preferential origin under the agreement with
the client's country; refused above EUR 6,000 without a REX number, the draft page saying
why; stored at issue, never re-computed."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from comptoir.sales import billing, services
from comptoir.sales.models import Invoice
from comptoir.sales.tests.conftest import make_order

from .conftest import give_origin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):  # type: ignore[no-untyped-def]
    """The pages in English unless a test asks for French (the users' default)."""
    client.cookies["comptoir_language"] = "en"


ISSUED = dt.date(2026, 11, 4)


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def draft(client, product, quantity="100", price="79.00"):  # type: ignore[no-untyped-def]
    order = services.confirm_order(order=make_order(client, product, quantity, price), user=None)
    return billing.draft_from_order(order=order, user=None)


def issue(invoice):  # type: ignore[no-untyped-def]
    return billing.issue(invoice=invoice, user=None, issue_date=ISSUED)


def test_uk_invoice_carries_the_tca_statement_with_rex_number_place_and_date(
    rex_seller, partners, product
):
    give_origin(product, "eu-uk-tca")
    invoice = issue(draft(partners["gb"], product))  # 7,900 EUR: over the 6,000 threshold
    assert [m["key"] for m in invoice.mentions] == ["origin"]
    mention = invoice.mentions[0]
    assert mention["title"] == "Statement on origin"
    assert "Exporter Reference No FRREX0055210055" in mention["text"]
    text = pdf_text(bytes(invoice.pdf))
    assert "Statement on origin" in text
    assert (
        "The exporter of the products covered by this document (Exporter Reference No "
        "FRREX0055210055) declares that, except where otherwise clearly indicated, these "
        "products are of EU preferential origin."
    ) in text
    assert "Thiers, 4 November 2026" in text
    assert "Maison Ferrand SAS" in text
    assert billing.verify_pdf(invoice)


def test_canadian_client_in_french_gets_the_ceta_wording_in_french(rex_seller, partners, product):
    give_origin(product, "ceta")
    invoice = issue(draft(partners["ca"], product))
    assert invoice.language == "fr"
    text = pdf_text(bytes(invoice.pdf))
    assert "Déclaration d'origine" in text
    assert (
        "autorisation douanière ou de l'autorité gouvernementale compétente n° FRREX0055210055"
        in text
    )
    assert "ont l'origine préférentielle UE." in text
    assert "Thiers, le 4 novembre 2026" in text


def test_japan_statement_with_eu_japan_agreement(rex_seller, partners, product):
    give_origin(product, "eu-japan-epa", basis="wholly_obtained", rule="")
    invoice = issue(draft(partners["jp"], product))
    assert "EU preferential origin" in invoice.mentions[0]["text"]


def test_over_6000_without_rex_no_statement_and_the_draft_page_says_why(
    seller, partners, product, assistant_client
):
    give_origin(product, "eu-uk-tca")
    invoice = draft(partners["gb"], product)  # 7,900 EUR
    page = assistant_client.get(invoice.get_absolute_url()).content.decode()
    assert 'id="no-statement"' in page
    assert "registered exporter (REX)" in page
    issued = issue(invoice)
    assert issued.mentions == []
    assert "preferential origin" not in pdf_text(bytes(issued.pdf))


def test_up_to_6000_without_rex_the_statement_leaves_the_number_blank(seller, partners, product):
    give_origin(product, "eu-uk-tca")
    invoice = issue(draft(partners["gb"], product, "10", "79.00"))  # 790 EUR
    assert "(Exporter Reference No)" in invoice.mentions[0]["text"]


def test_draft_page_previews_the_statement(rex_seller, partners, product, assistant_client):
    give_origin(product, "eu-uk-tca")
    invoice = draft(partners["gb"], product)
    page = assistant_client.get(invoice.get_absolute_url()).content.decode()
    assert 'id="statement-preview"' in page and "FRREX0055210055" in page


def test_no_statement_when_the_product_has_no_preferential_origin(rex_seller, partners, product):
    invoice = issue(draft(partners["gb"], product))
    assert invoice.mentions == []


def test_no_statement_when_the_origin_expired_before_the_invoice_date(
    rex_seller, partners, product
):
    give_origin(product, "eu-uk-tca", valid_to=ISSUED - dt.timedelta(days=1))
    invoice = issue(draft(partners["gb"], product))
    assert invoice.mentions == []


def test_issued_statement_is_never_recomputed(rex_seller, partners, product, assistant_client):
    origin = give_origin(product, "eu-uk-tca")
    invoice = issue(draft(partners["gb"], product))
    origin.delete()
    rex_seller.rex_number = ""
    rex_seller.save()
    invoice = Invoice.objects.get(pk=invoice.pk)
    assert "FRREX0055210055" in invoice.mentions[0]["text"]
    page = assistant_client.get(invoice.get_absolute_url()).content.decode()
    assert "FRREX0055210055" in page


def test_credit_note_carries_no_statement(rex_seller, partners, product, manager):
    give_origin(product, "eu-uk-tca")
    invoice = issue(draft(partners["gb"], product))
    line = invoice.lines.get()
    note = billing.draft_credit_note(
        invoice=invoice, user=manager, quantities={line.pk: line.quantity}, reason="return"
    )
    note = billing.issue(invoice=note, user=manager, issue_date=ISSUED)
    assert note.mentions == []


def test_no_origin_section_on_an_invoice_to_a_country_without_agreement(
    rex_seller, clients, product, assistant_client
):
    invoice = draft(clients["de"], product, "10", "79.00")
    page = assistant_client.get(invoice.get_absolute_url()).content.decode()
    assert 'id="invoice-origin"' not in page


def test_the_agreement_is_the_one_of_the_country_the_goods_go_to(rex_seller, partners, product):
    from comptoir.parties.models import Address

    give_origin(product, "eu-uk-tca")
    Address.objects.create(
        company=partners["gb"], kind="delivery", line1="Dock 4", city="Dublin", country="IE"
    )
    invoice = issue(draft(partners["gb"], product))  # billed in London, delivered in Dublin
    assert invoice.mentions == []


def test_the_reason_is_given_in_french_to_a_french_user(
    seller, partners, product, assistant_client
):
    give_origin(product, "eu-uk-tca")
    invoice = draft(partners["gb"], product)
    assistant_client.cookies["comptoir_language"] = "fr"
    page = assistant_client.get(invoice.get_absolute_url()).content.decode()
    assert "Pas de déclaration d&#x27;origine" in page or "Pas de déclaration d'origine" in page
    assert "seul un exportateur enregistré (REX)" in page
    assert re.search(r"Au-delà de 6\s000 EUR", page)
