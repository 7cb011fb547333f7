"""Origin through the API: agreements read, product origins and suppliers' declarations
through the same services as the screens, errors in JSON naming the field, roles obeyed."""

from __future__ import annotations

import pytest

from comptoir.origin.models import ProductOrigin, SupplierDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def test_agreements_are_read_only(api):  # type: ignore[no-untyped-def]
    listing = api.get("/api/trade-agreements/").json()
    codes = {row["code"] for row in listing["results"]}
    assert {"eu-uk-tca", "eu-japan-epa", "ceta", "eu-korea", "pem"} <= codes
    tca = next(row for row in listing["results"] if row["code"] == "eu-uk-tca")
    assert tca["partners"] == ["GB"] and "{number}" in tca["wording_en"]
    refused = api.post("/api/trade-agreements/", {"code": "x"}, content_type="application/json")
    assert refused.status_code == 405


def test_product_origin_create_update_delete(api, product):  # type: ignore[no-untyped-def]
    body = {
        "product": product.pk,
        "agreement": "eu-japan-epa",
        "origin": "EU",
        "basis": "sufficient_processing",
        "rule": "CTH",
    }
    created = api.post("/api/product-origins/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert api.get(f"/api/product-origins/?product={product.pk}").json()["count"] == 1
    changed = api.patch(
        f"/api/product-origins/{pk}/",
        {"rule": "MaxNOM 50 % (EXW)"},
        content_type="application/json",
    )
    assert changed.json()["rule"] == "MaxNOM 50 % (EXW)"
    again = api.post("/api/product-origins/", body, content_type="application/json")
    assert again.status_code == 400
    assert "already has an origin" in str(again.json()["agreement"])
    assert api.delete(f"/api/product-origins/{pk}/").status_code == 204
    assert not ProductOrigin.objects.exists()


def test_product_origin_error_names_the_field(api, product):  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/product-origins/",
        {
            "product": product.pk,
            "agreement": "eu-uk-tca",
            "origin": "JP",
            "basis": "wholly_obtained",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "origin" in str(response.json()) and "partner" in str(response.json())


def test_supplier_declaration_through_the_api(api, partners, product):  # type: ignore[no-untyped-def]
    body = {
        "supplier": partners["supplier"].pk,
        "products": [product.pk],
        "agreements": ["eu-uk-tca"],
        "valid_from": "2026-01-01",
        "valid_to": "2028-06-30",
        "received_on": "2025-12-20",
    }
    refused = api.post("/api/supplier-declarations/", body, content_type="application/json")
    assert refused.status_code == 400 and "two years" in str(refused.json())
    body["valid_to"] = "2026-12-31"
    created = api.post("/api/supplier-declarations/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["has_file"] is False
    assert api.get("/api/supplier-declarations/?state=expired").json()["count"] in (0, 1)
    assert SupplierDeclaration.objects.get().agreements.get().code == "eu-uk-tca"


def test_read_only_user_cannot_write(reader_client, product):  # type: ignore[no-untyped-def]
    response = reader_client.post(
        "/api/product-origins/",
        {"product": product.pk, "agreement": "eu-uk-tca", "basis": "wholly_obtained"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert reader_client.get("/api/product-origins/").status_code == 200


def test_issued_invoice_shows_its_statement_in_the_api(api, rex_seller, partners, product):  # type: ignore[no-untyped-def]
    from .conftest import give_origin
    from .test_invoice_statement import draft, issue

    give_origin(product, "eu-uk-tca")
    invoice = issue(draft(partners["gb"], product))
    mentions = api.get(f"/api/invoices/{invoice.pk}/").json()["mentions"]
    assert mentions[0]["key"] == "origin" and "FRREX0055210055" in mentions[0]["text"]
