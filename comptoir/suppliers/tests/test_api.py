"""The supplier panel through the API: files, certifications, audits, supplied products,
deliveries, incidents and the performance JSON; errors in JSON naming the field; read-only
users cannot write; the OpenAPI schema lists the endpoints."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.suppliers.models import Audit, PricePoint

from .conftest import TODAY, supplier_company

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def test_open_a_file_and_fill_it(api, product) -> None:  # type: ignore[no-untyped-def]
    firm = supplier_company()
    created = api.post(
        "/api/suppliers/",
        {
            "company": firm.pk,
            "status": "approved",
            "categories": "enamelled lids",
            "instruments": ["lc", "advance"],
            "lead_time_days": 45,
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["instruments"] == ["lc", "advance"]
    again = api.post("/api/suppliers/", {"company": firm.pk}, content_type=JSON)
    assert again.status_code == 400 and "company" in again.json()
    patched = api.patch(f"/api/suppliers/{pk}/", {"on_time_tolerance_days": 3}, content_type=JSON)
    assert patched.status_code == 200 and patched.json()["categories"] == "enamelled lids"
    cert = api.post(
        f"/api/suppliers/{pk}/certifications/",
        {
            "kind": "iso9001",
            "number": "CN-1",
            "valid_to": (TODAY + dt.timedelta(days=300)).isoformat(),
        },
        content_type=JSON,
    )
    assert cert.status_code == 201 and cert.json()["name"] == "ISO 9001"
    audit = api.post(
        f"/api/suppliers/{pk}/audits/",
        {
            "date": TODAY.isoformat(),
            "auditor": "QIMA",
            "kind": "social",
            "score": 74,
            "actions": [
                {"description": "Fire exits", "due_on": (TODAY + dt.timedelta(days=30)).isoformat()}
            ],
        },
        content_type=JSON,
    )
    assert audit.status_code == 201, audit.json()
    assert Audit.objects.get().actions.count() == 1
    assert len(api.get(f"/api/suppliers/{pk}/audits/").json()) == 1
    supplied = api.post(
        f"/api/suppliers/{pk}/products/",
        {
            "product": product.reference,
            "unit_price": "2.15",
            "currency": "usd",
            "incoterm": "FOB",
            "incoterm_place": "Ningbo",
            "valid_from": TODAY.isoformat(),
            "moq": "500",
        },
        content_type=JSON,
    )
    assert supplied.status_code == 201, supplied.json()
    assert PricePoint.objects.get().currency == "USD"
    delivery = api.post(
        f"/api/suppliers/{pk}/deliveries/",
        {
            "order_ref": "PO-1",
            "promised_date": TODAY.isoformat(),
            "delivered_date": TODAY.isoformat(),
            "quantity_ordered": "500",
            "quantity_received": "500",
            "quantity_accepted": "480",
        },
        content_type=JSON,
    )
    assert delivery.status_code == 201 and delivery.json()["in_full"] is False
    incident = api.post(
        f"/api/suppliers/{pk}/incidents/",
        {"kind": "non_conformity", "date": TODAY.isoformat(), "description": "20 lids chipped"},
        content_type=JSON,
    )
    assert incident.status_code == 201
    figures = api.get(f"/api/suppliers/{pk}/performance/").json()
    assert figures["deliveries"] == 1 and figures["otif_pct"] == "0.0"
    assert figures["quality_incidents"] == 1 and figures["price_trends"][0]["currency"] == "USD"
    listed = api.get("/api/suppliers/?category=lids").json()
    assert listed["count"] == 1 and listed["results"][0]["reliability"] == "0.0"


def test_errors_name_the_field(api, supplier, product) -> None:  # type: ignore[no-untyped-def]
    bad = api.post(
        f"/api/suppliers/{supplier.pk}/products/",
        {
            "product": product.reference,
            "unit_price": "-1",
            "currency": "QQQ",
            "incoterm": "FOX",
            "valid_from": TODAY.isoformat(),
        },
        content_type=JSON,
    )
    assert bad.status_code == 400
    assert {"unit_price", "currency", "incoterm"} <= set(bad.json())
    bad = api.post(
        f"/api/suppliers/{supplier.pk}/deliveries/",
        {
            "order_ref": "PO-1",
            "promised_date": TODAY.isoformat(),
            "delivered_date": TODAY.isoformat(),
            "quantity_ordered": "10",
            "quantity_received": "5",
            "quantity_accepted": "6",
        },
        content_type=JSON,
    )
    assert bad.status_code == 400 and "quantity_accepted" in bad.json()
    bad = api.get(f"/api/suppliers/{supplier.pk}/performance/?since=yesterday")
    assert bad.status_code == 400 and "since" in bad.json()


def test_read_only_user_cannot_write(reader_client, supplier) -> None:  # type: ignore[no-untyped-def]
    response = reader_client.post(
        f"/api/suppliers/{supplier.pk}/incidents/",
        {"kind": "damage", "date": TODAY.isoformat(), "description": "x"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert reader_client.get(f"/api/suppliers/{supplier.pk}/").status_code == 200


def test_schema_lists_the_supplier_endpoints(api) -> None:  # type: ignore[no-untyped-def]
    schema = api.get("/api/schema/?format=json").json()
    assert "/api/suppliers/{id}/performance/" in schema["paths"]
    assert "SupplierPanelStatusEnum" in schema["components"]["schemas"]
