"""The export assistant's documentary credit in the browser, in French and in English
(issue 14): on a confirmed CIF Casablanca order, record the credit the bank advised, see what
does not fit the order (the amount is short, a certificate only the buyer can sign), check
the documents before presenting (a missing bill of lading is a discrepancy with its rule,
nothing recorded), then present a compliant set and see it on the credit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fr", "en"]

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "receive": "Enregistrer un crédit reçu",
        "short": "Merci d'augmenter le montant du crédit",
        "potestative": "clause potestative",
        "to_amend": "À amender",
        "discrepant": "la banque refuserait ces documents",
        "compliant": "Conforme : aucune irrégularité relevée.",
        "recorded": "Présentation 1 enregistrée.",
    },
    "en": {
        "receive": "Record a credit received",
        "short": "Please increase the amount of the credit",
        "potestative": "clause potestative",
        "to_amend": "To amend",
        "discrepant": "the bank would refuse these documents",
        "compliant": "Compliant: no discrepancy found.",
        "recorded": "Presentation 1 recorded.",
    },
}


def _wait(page: Any, selector: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(selector)
    except PlaywrightTimeout:
        shown = page.locator("main").inner_text() if page.locator("main").count() else ""
        raise AssertionError(f"{selector} not on {page.url}:\n{shown[:3000]}") from None


def _main(page: Any) -> str:
    return str(page.locator("main").inner_text())


def _switch(page: Any, language: str) -> None:
    page.click(f"button[name=language][value={language}]")
    _wait(page, f"html[lang={language}]")


def _order() -> Any:
    from comptoir.catalog.models import Product
    from comptoir.parties.models import Address, Company
    from comptoir.sales.models import SellerProfile
    from comptoir.sales.tests.conftest import make_order

    SellerProfile.objects.create(
        legal_name="Maison Ferrand SAS",
        street="12 rue de la Coutellerie",
        postcode="63300",
        city="Thiers",
        siren="552100554",
        vat_number="FR96552100554",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPP",
        bank_name="Crédit Agricole",
        email="adv@maison-ferrand.example",
    )
    client = Company(
        name="Atlas Cuisine SARL", country="MA", city="Casablanca", currency="EUR", language="fr"
    )
    client.role_list = ["client"]
    client.save()
    Address.objects.create(
        company=client,
        kind="billing",
        line1="12 bd Zerktouni",
        postcode="20000",
        city="Casablanca",
        country="MA",
    )
    product = Product.objects.create(
        reference="CF-24-RG",
        name_fr="Cocotte ronde fonte 24 cm",
        name_en="Round cast-iron casserole 24 cm",
        hs_code="732392",
        origin_country="FR",
        net_weight_kg=Decimal("4.3"),
        gross_weight_kg=Decimal("4.9"),
        units_per_carton=2,
        cost_price=Decimal("38.50"),
    )
    order = make_order(client, product, "100", "79.00", status="confirmed")
    order.incoterm, order.incoterm_place, order.transport_mode = "CIF", "Casablanca", "sea"
    order.payment_instrument, order.payment_days = "confirmed_lc", 0
    order.save()
    return order


@pytest.mark.parametrize("language", LANGUAGES)
def test_receive_a_credit_see_what_does_not_fit_check_and_present(
    logged_in: Any, language: str
) -> None:
    page = logged_in
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    texts = TEXTS[language]
    today = dt.date.today()
    order = _order()
    page.goto(order.get_absolute_url())
    _switch(page, language)

    # 1. Receive: the form is filled from the order; copy what the bank advised.
    page.click("#receive-credit")
    _wait(page, "#id_issuing_bank")
    page.fill("#id_number", "ILC-2026-0042")
    page.fill("#id_issuing_bank", "Attijariwafa Bank")
    page.fill("#id_issuing_bank_bic", "bcmamamc")
    page.fill("#id_amount", "7000")
    page.fill("#id_expiry_date", (today + dt.timedelta(days=60)).isoformat())
    page.fill("#id_latest_shipment_date", (today + dt.timedelta(days=30)).isoformat())
    page.fill("#id_confirming_bank", "Crédit Agricole")
    page.fill("#id_goods_description", "Round cast-iron casseroles")
    # the third document row: an inspection certificate signed by the applicant
    page.select_option("#id_doc-3-type", "inspection_certificate")
    page.select_option("#id_doc-3-issuer", "applicant")
    page.click("#save-credit")
    _wait(page, "#findings")

    # 2. What does not fit the order, with the amendment to request.
    findings = page.locator("#findings").inner_text()
    assert texts["to_amend"] in findings
    assert texts["short"] in findings and "7900" in findings.replace(" ", "").replace(
        "\u202f", ""
    ).replace(",", "")
    assert texts["potestative"] in findings
    assert page.locator('tr.finding[data-code="ISSUED_BY_APPLICANT"]').count() == 1
    # the request to the client is written in the client's language (Atlas Cuisine: French)
    request = page.locator("#id_request_text").input_value()
    assert TEXTS["fr"]["short"] in request

    # 3. Check the documents: the form is filled from the order; the B/L is missing.
    page.click("#check-documents")
    _wait(page, "#run-check")
    page.fill("#id_invoice_amount", "7000")
    page.fill("#id_invoice_date", today.isoformat())
    page.fill("#id_invoice_description", "Round cast-iron casseroles 24 cm")
    page.uncheck("#id_documents_1")  # the bill of lading is not back from the line yet
    page.click("#run-check")
    _wait(page, "#check-discrepant")
    assert texts["discrepant"] in _main(page)
    assert page.locator('#discrepancies tr[data-code="DOCUMENT_MISSING"]').count() >= 1
    assert "14" in page.locator("#discrepancies").inner_text()  # the rule cites its article

    from comptoir.credits.models import Credit, Presentation

    assert Presentation.objects.count() == 0

    # 4. Drop the documents the credit does not call for here and present a compliant set:
    # only the invoice and the inspection certificate (not checked by the checker) remain.
    credit = Credit.objects.get()
    credit.documents.exclude(type="commercial_invoice").delete()
    page.goto(f"/credits/{credit.pk}/present/")
    _wait(page, "#run-check")
    page.fill("#id_invoice_amount", "7000")
    page.fill("#id_invoice_date", today.isoformat())
    page.fill("#id_invoice_description", "Round cast-iron casseroles 24 cm")
    page.click("#run-check")
    _wait(page, "#check-compliant")
    assert texts["compliant"] in _main(page)
    page.click("#present")
    _wait(page, "#presentations")
    assert texts["recorded"] in _main(page)
    assert Presentation.objects.get().compliant
    assert errors == []
