"""The export sales administrator's day in the browser, in French and in English: an offer
from creation to PDF, acceptance, the order on credit hold and its release by a manager,
the delivery, the invoice and its payment."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trade_data(db, django_user_model):  # type: ignore[no-untyped-def]
    from comptoir.catalog.models import Product
    from comptoir.parties.models import Address, Company, Contact
    from comptoir.sales.models import SellerProfile
    from conftest import make_user

    SellerProfile.objects.create(
        legal_name="Maison Ferrand SAS",
        street="12 rue de la Coutellerie",
        postcode="63300",
        city="Thiers",
        siren="552100554",
        vat_number="FR96552100554",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPP",
        email="adv@maison-ferrand.example",
    )
    client = Company(
        name="Küchenhaus Berger GmbH",
        country="DE",
        city="Köln",
        vat_number="DE136695976",
        currency="EUR",
        credit_limit=Decimal("5000"),
        payment_days=30,
        language="de",
        default_incoterm="DAP",
        incoterm_place="Köln",
    )
    client.role_list = ["client"]
    client.save()
    Address.objects.create(
        company=client,
        kind="billing",
        line1="Domstraße 1",
        postcode="50667",
        city="Köln",
        country="DE",
    )
    Contact.objects.create(
        company=client, first_name="Anna", last_name="Berger", email="anna@berger.example"
    )
    product = Product.objects.create(
        reference="CF-24-RG",
        name_fr="Cocotte fonte 24 cm",
        name_en="Cast-iron casserole 24 cm",
        hs_code="732392",
        origin_country="FR",
        net_weight_kg=Decimal("4.3"),
        gross_weight_kg=Decimal("4.9"),
        units_per_carton=2,
        carton_length_cm=Decimal("54"),
        carton_width_cm=Decimal("33"),
        carton_height_cm=Decimal("20"),
        carton_gross_weight_kg=Decimal("10.4"),
        cost_price=Decimal("38.5"),
    )
    make_user(django_user_model, "julien", "manager")
    return client, product


def login(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/")


def switch(page, language: str) -> None:  # type: ignore[no-untyped-def]
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}]")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_offer_to_payment(logged_in, trade_data, language):
    page = logged_in
    client, product = trade_data
    switch(page, language)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # The offer: the client's terms come in, one line, saved, sent, its PDF downloadable.
    page.goto(f"/sales/offers/new/?client={client.pk}")
    assert page.input_value("#id_incoterm") == "DAP"
    page.fill("#id_lead_time", "3 weeks")
    page.select_option("#id_lines-0-product", str(product.pk))
    page.fill("#id_lines-0-quantity", "100")
    page.fill("#id_lines-0-unit_price", "79")
    page.click("main form button.primary")
    page.wait_for_selector("#send-offer")
    assert page.locator("#offer-margin").is_visible()
    pdf = page.request.get(page.locator("#offer-pdf").get_attribute("href") or "")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"
    page.click("#send-offer")
    page.wait_for_selector("#accept-offer")

    # Accepted: the order, above the credit limit (7 900 > 5 000), goes on hold.
    page.fill("#id_client_reference", "PO-4711")
    page.click("#accept-offer")
    page.wait_for_selector("#confirm-order")
    order_url = page.url
    page.click("#confirm-order")
    page.wait_for_selector("#credit-hold")
    assert page.locator("#release-order").count() == 0  # an assistant cannot release it

    # The manager releases it with a reason.
    page.click("form[action$='/logout/'] button")
    login(page, "julien")
    page.goto(order_url)
    page.fill("#release-reason", "Bank guarantee received")
    page.click("#release-order")
    page.wait_for_selector("#create-delivery")
    assert page.locator("#credit-hold").count() == 0

    # Delivery of everything, shipped, invoiced, issued.
    page.click("#create-delivery")
    page.wait_for_selector("#ship-delivery")
    page.click("#ship-delivery")
    page.wait_for_selector("#invoice-delivery")
    page.click("#invoice-delivery")
    page.wait_for_selector("#issue-invoice")
    page.click("#issue-invoice")
    page.wait_for_selector("#invoice-pdf")
    pdf = page.request.get(page.locator("#invoice-pdf").get_attribute("href") or "")
    assert pdf.body()[:5] == b"%PDF-"
    assert "Factur-X" in page.locator("h1").inner_text()  # EU business client

    # The payment settles it.
    page.click("#record-payment")
    page.wait_for_selector("#save-payment")
    page.click("#save-payment")
    page.wait_for_url(f"**/parties/companies/{client.pk}/")
    from comptoir.sales.models import Invoice

    invoice = Invoice.objects.get()
    assert invoice.gross_total == Decimal("7900.00") and invoice.paid_total == Decimal("7900.00")
    assert errors == []
