"""Customs through the API: the same services as the screens, errors in JSON naming the
field, and read-only users refused."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.customs.models import Carnet, TariffRate

from .conftest import TODAY, mrn

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def test_tariff_crud_and_filter(api, world) -> None:  # type: ignore[no-untyped-def]
    created = api.post(
        "/api/customs-tariff/",
        {"code": "8481", "kind": "preferential", "agreement": "eu-jp", "ad_valorem_pct": "0"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["agreement"] == "EU-JP"
    listed = api.get("/api/customs-tariff/?code=73181595").json()
    assert {r["code"] for r in listed["results"]} == {"731815"}
    bad = api.post(
        "/api/customs-tariff/",
        {"code": "84.81", "kind": "anti_dumping"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {"code", "origin"} <= set(bad.json())
    pk = created.json()["id"]
    assert api.delete(f"/api/customs-tariff/{pk}/").status_code == 403  # a manager deletes


def test_import_declaration_from_shipment_then_broker_and_check(api, world) -> None:  # type: ignore[no-untyped-def]
    created = api.post(
        "/api/import-declarations/",
        {
            "shipment": world.inbound.pk,
            "declared_on": TODAY.isoformat(),
            "currency": "USD",
            "exchange_rate": "1.0850",
            "freight_to_border": "900",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert len(data["lines"]) == 2 and data["lines"][0]["anti_dumping_pct"] == "22.100"
    pk = data["id"]
    broker = api.post(
        f"/api/import-declarations/{pk}/broker/",
        {
            "mrn": mrn("26FR002300001234H"),
            "duty": data["duty"],
            "lines": [{"position": 1, "anti_dumping": "1.00"}],
        },
        content_type="application/json",
    )
    assert broker.status_code == 200, broker.json()
    differences = broker.json()["differences"]
    assert any(d["position"] == 1 and not d["within_tolerance"] for d in differences)
    refused = api.post(
        f"/api/import-declarations/{pk}/check/",
        {"status": "checked"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "note" in refused.json()
    checked = api.post(
        f"/api/import-declarations/{pk}/check/",
        {"status": "disputed", "note": "AD duty on 1 EUR"},
        content_type="application/json",
    )
    assert checked.json()["status"] == "disputed"


def test_import_declaration_with_lines(api, world) -> None:  # type: ignore[no-untyped-def]
    created = api.post(
        "/api/import-declarations/",
        {
            "declared_on": TODAY.isoformat(),
            "postponed_vat": False,
            "lines": [
                {
                    "description": "Pans",
                    "cn_code": "73239100",
                    "origin": "CN",
                    "quantity": "10",
                    "invoice_amount": "1000.00",
                    "vat_rate": "20",
                }
            ],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["duty"] == "32.00"
    assert data["vat"] == "206.40"
    assert data["cash_to_customs"] == "238.40"
    bad = api.post(
        "/api/import-declarations/",
        {
            "declared_on": TODAY.isoformat(),
            "lines": [
                {
                    "description": "Pans",
                    "cn_code": "7323",
                    "origin": "FR",
                    "quantity": "10",
                    "invoice_amount": "1000",
                }
            ],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {"lines.0.cn_code", "lines.0.origin"} <= set(bad.json())


def test_export_declaration_and_exit(api, world) -> None:  # type: ignore[no-untyped-def]
    number = mrn("26FR000690000042A")
    created = api.post(
        "/api/export-declarations/",
        {
            "shipment": world.outbound.pk,
            "mrn": number,
            "office_of_export": "FR000690",
            "declared_on": (TODAY - dt.timedelta(days=40)).isoformat(),
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    late = api.get("/api/export-declarations/?proof=late").json()
    assert [d["mrn"] for d in late["results"]] == [number]
    exited = api.post(
        f"/api/export-declarations/{pk}/exit/",
        {"exit_confirmed_on": (TODAY - dt.timedelta(days=38)).isoformat()},
        content_type="application/json",
    )
    assert exited.status_code == 200, exited.json()
    assert exited.json()["exited"] is True
    wrong = api.post(
        "/api/export-declarations/",
        {
            "shipment": world.outbound.pk,
            "mrn": number[:-1] + str((int(number[-1]) + 1) % 10),
            "office_of_export": "FR000690",
            "declared_on": TODAY.isoformat(),
        },
        content_type="application/json",
    )
    assert wrong.status_code == 400 and "mrn" in wrong.json()


def test_carnet_visits_and_return(api, world) -> None:  # type: ignore[no-untyped-def]
    created = api.post(
        "/api/ata-carnets/",
        {
            "number": "FR/2026/0100",
            "issuing_chamber": "CCI Paris Île-de-France",
            "holder": "Comptoir SAS",
            "purpose": "exhibition",
            "event": "FOODEX Japan",
            "issued_on": TODAY.isoformat(),
            "vouchers_bought": 4,
            "items": [
                {"description": "Casseroles", "quantity": "12", "value": "1440", "origin": "FR"}
            ],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["valid_until"]
    visit = api.post(
        f"/api/ata-carnets/{pk}/visits/",
        {"country": "JP", "entered_on": TODAY.isoformat()},
        content_type="application/json",
    )
    assert visit.status_code == 200, visit.json()
    back = api.post(
        f"/api/ata-carnets/{pk}/return/",
        {"on": TODAY.isoformat(), "items": {"1": "12"}},
        content_type="application/json",
    )
    assert back.status_code == 200 and back.json()["status"] == "closed"
    assert Carnet.objects.get(pk=pk).status == "closed"


def test_reader_refused(reader_client, world) -> None:  # type: ignore[no-untyped-def]
    response = reader_client.post(
        "/api/customs-tariff/",
        {"code": "8481", "kind": "third_country"},
        content_type="application/json",
    )
    assert response.status_code == 403 and response["Content-Type"].startswith("application/json")
    assert not TariffRate.objects.filter(code="8481").exists()
