"""The origin pages in French and English: product section with its form, agreements,
suppliers' declarations with their file, the EUR.1 data sheet of a shipment."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from comptoir.origin.models import ProductOrigin, SupplierDeclaration
from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues

from .conftest import agreement, give_origin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):  # type: ignore[no-untyped-def]
    """The pages in English unless a test asks for French (the users' default)."""
    client.cookies["comptoir_language"] = "en"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_product_page_shows_both_origins_and_adds_one(product, assistant_client) -> None:
    page = assistant_client.get(product.get_absolute_url()).content.decode()
    assert 'id="product-origin"' in page and "Non-preferential origin" in page
    assert "France (FR)" in page
    response = assistant_client.post(
        reverse("origin:origin_add", args=[product.pk]),
        {
            "origin-agreement": agreement("eu-uk-tca").pk,
            "origin-preferential": "on",
            "origin-origin": "EU",
            "origin-basis": "sufficient_processing",
            "origin-rule": "CTH",
        },
    )
    assert response.status_code == 302
    saved = ProductOrigin.objects.get(product=product)
    assert saved.rule == "CTH"
    page = assistant_client.get(product.get_absolute_url()).content.decode()
    assert "EU-UK Trade and Cooperation Agreement" in page and "CTH" in page


def test_product_origin_refusal_names_the_field_in_french(product, assistant_client) -> None:
    assistant_client.cookies["comptoir_language"] = "fr"
    response = assistant_client.post(
        reverse("origin:origin_add", args=[product.pk]),
        {
            "origin-agreement": agreement("eu-uk-tca").pk,
            "origin-preferential": "on",
            "origin-origin": "EU",
            "origin-basis": "sufficient_processing",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Règle remplie" in page  # the field's label, in French
    assert not ProductOrigin.objects.exists()


def test_origin_edit_page(product, assistant_client) -> None:
    origin = give_origin(product, "eu-uk-tca")
    url = reverse("origin:origin_edit", args=[origin.pk])
    assert assistant_client.get(url).status_code == 200
    response = assistant_client.post(
        url,
        {
            "origin-agreement": origin.agreement_id,
            "origin-preferential": "on",
            "origin-origin": "EU",
            "origin-basis": "wholly_obtained",
            "origin-valid_to": "2027-12-31",
        },
    )
    assert response.status_code == 302
    origin.refresh_from_db()
    assert origin.basis == "wholly_obtained" and origin.valid_to == dt.date(2027, 12, 31)


@pytest.mark.parametrize(("language", "title"), [("en", "Trade agreements"), ("fr", "Accords")])
def test_agreements_pages(reader_client, language, title) -> None:
    reader_client.cookies["comptoir_language"] = language
    page = reader_client.get(reverse("origin:agreement_list")).content.decode()
    assert title in page and "EU-Japan" in page and "Add an agreement" not in page
    detail = reader_client.get(agreement("eu-korea").get_absolute_url()).content.decode()
    assert "customs authorisation No {number}" in detail and "Annex III" in detail


def test_manager_edits_an_agreement_from_the_form(client, manager) -> None:
    client.force_login(manager)
    tca = agreement("eu-uk-tca")
    url = reverse("origin:agreement_edit", args=[tca.pk])
    form = client.get(url).content.decode()
    assert "Exporter Reference No {number}" in form
    data = {
        "code": tca.code,
        "name": tca.name,
        "partners": "GB, GG",
        "statement": "on",
        "statement_title_en": tca.statement_title_en,
        "statement_title_fr": tca.statement_title_fr,
        "wording_en": tca.wording_en,
        "wording_fr": "Sans origine",
        "exporter_number": "rex",
        "threshold_eur": "6000",
        "priority": "10",
        "active": "on",
    }
    page = client.post(url, data).content.decode()
    assert "{origin}" in page and "has-error" in page  # the French wording lacks {origin}
    data["wording_fr"] = tca.wording_fr
    assert client.post(url, data).status_code == 302
    tca.refresh_from_db()
    assert tca.partners == ["GB", "GG"]


def test_declaration_recorded_with_its_file_and_listed(partners, product, assistant_client) -> None:
    url = reverse("origin:declaration_create")
    assert (
        product.reference in assistant_client.get(url + f"?product={product.pk}").content.decode()
    )
    response = assistant_client.post(
        url,
        {
            "supplier": partners["supplier"].pk,
            "products": product.reference,
            "agreements": [agreement("eu-uk-tca").pk],
            "kind": "long_term",
            "preferential": "on",
            "origin": "EU",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "received_on": "2025-12-20",
            "file": SimpleUploadedFile("LTSD-2026.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    declaration = SupplierDeclaration.objects.get()
    listing = assistant_client.get(reverse("origin:declaration_list")).content.decode()
    assert "Fonderie du Livradois" in listing and product.reference in listing
    detail = assistant_client.get(declaration.get_absolute_url()).content.decode()
    assert "LTSD-2026.pdf" in detail
    download = assistant_client.get(reverse("origin:declaration_file", args=[declaration.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Cache-Control"] == "private, no-store"


def test_declaration_with_unknown_product_is_refused_naming_it(partners, assistant_client) -> None:
    page = assistant_client.post(
        reverse("origin:declaration_create"),
        {
            "supplier": partners["supplier"].pk,
            "products": "NOPE-1",
            "kind": "long_term",
            "origin": "EU",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "received_on": "2025-12-20",
        },
    ).content.decode()
    assert "NOPE-1" in page and not SupplierDeclaration.objects.exists()


def swiss_shipment(client, product):  # type: ignore[no-untyped-def]
    return shipping.create_shipment(
        details=ShipmentDetails(
            mode="road_full",
            partner=client,
            incoterm="DAP",
            origin_country="FR",
            destination_country="CH",
            value=Decimal("18400"),
            packages=12,
            gross_weight_kg=Decimal("2400"),
            net_weight_kg=Decimal("2100"),
            transport_document_number="CMR 4711",
            place_of_loading="Thiers",
            marks_and_numbers="KW/ZH 1-12",
        ),
        lines=[
            ShipmentLineValues(
                description="Cast-iron casseroles",
                quantity=Decimal("480"),
                net_weight_kg=Decimal("2100"),
                gross_weight_kg=Decimal("2400"),
                value=Decimal("18400"),
                product=product,
                packages=12,
                package_kind="cartons",
            )
        ],
        user=None,
    )


def test_shipment_to_switzerland_gets_the_eur1_data_sheet(
    seller, partners, product, assistant_client
) -> None:
    give_origin(product, "eu-switzerland")
    shipment = swiss_shipment(partners["ch"], product)
    page = assistant_client.get(shipment.get_absolute_url()).content.decode()
    assert 'id="shipment-origin"' in page and 'id="certificate-needed"' in page
    response = assistant_client.get(
        reverse("origin:certificate_pdf", args=[shipment.pk]) + "?kind=eur1&lang=fr"
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Certificat de circulation des marchandises EUR.1" in text
    assert "Maison Ferrand SAS" in text and "Kochwelt AG" in text
    assert "Cast-iron casseroles" in text and "KW/ZH 1-12" in text and "CMR 4711" in text
    assert "2 400,000" in text or "2400,000" in text
    english = pdf_text(
        assistant_client.get(
            reverse("origin:certificate_pdf", args=[shipment.pk]) + "?kind=eur_med&lang=en"
        ).content
    )
    assert "Movement certificate EUR-MED" in english


def test_no_certificate_section_for_a_destination_without_one(
    seller, partners, product, assistant_client
) -> None:
    shipment = swiss_shipment(partners["gb"], product)
    shipment.destination_country = "GB"
    shipment.save()
    page = assistant_client.get(shipment.get_absolute_url()).content.decode()
    assert 'id="shipment-origin"' not in page
    url = reverse("origin:certificate_pdf", args=[shipment.pk])
    assert assistant_client.get(url).status_code == 404


def test_reader_sees_no_edit_controls(product, reader_client) -> None:
    page = reader_client.get(product.get_absolute_url()).content.decode()
    assert 'id="product-origin"' in page and 'id="add-origin"' not in page


def test_rex_number_is_entered_on_our_company_page(seller, client, manager) -> None:
    client.force_login(manager)
    page = client.get(reverse("sales:seller")).content.decode()
    assert "REX number" in page and "approved exporter authorisation" in page.lower()


def test_origin_on_suppliers_declarations_without_a_valid_one_is_flagged(
    partners, product, assistant_client
) -> None:
    give_origin(product, "eu-uk-tca", basis="supplier_declarations", rule="")
    page = assistant_client.get(product.get_absolute_url()).content.decode()
    assert "no valid supplier" in page and "s declaration</span>" in page


def test_assistant_may_not_open_the_agreement_form(assistant_client) -> None:
    url = reverse("origin:agreement_edit", args=[agreement("eu-uk-tca").pk])
    assert assistant_client.get(url).status_code == 403
