"""Documentary credits through the API: the same services as the screens, errors in JSON
naming the field, nothing stored on bad input, the checker run by POST presentations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comptoir.credits.models import Credit, Presentation

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _body(world: Any, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "direction": "export",
        "partner": world.client.pk,
        "order": world.order.pk,
        "number": "ILC-77",
        "currency": "eur",
        "amount": "7000.00",
        "issue_date": TODAY.isoformat(),
        "expiry_date": (TODAY + dt.timedelta(days=60)).isoformat(),
        "latest_shipment_date": (TODAY + dt.timedelta(days=30)).isoformat(),
        "issuing_bank": "Attijariwafa Bank",
        "issuing_bank_bic": "BCMAMAMC",
        "applicant_name": "Atlas Cuisine SARL",
        "beneficiary_name": "Maison Ferrand SAS",
        "incoterm": "CIF",
        "named_place": "Casablanca",
        "goods_description": "Round cast-iron casseroles",
        "documents": [
            {"type": "commercial_invoice", "originals": 3},
            {"type": "bill_of_lading", "originals": 3, "freight": "prepaid"},
        ],
    }
    body.update(changes)
    return body


@pytest.fixture
def api(assistant_client: Any) -> Any:
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def test_create_read_findings_and_amend(world: Any, api: Any, manager: Any, client: Any) -> None:
    created = api.post("/api/credits/", _body(world), content_type="application/json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["reference"].startswith("LC-") and data["currency"] == "EUR"
    assert len(data["documents"]) == 2
    pk = data["id"]
    findings = api.get(f"/api/credits/{pk}/findings/").json()
    codes = {f["code"]: f for f in findings}
    assert codes["AMOUNT_BELOW_ORDER"]["severity"] == "blocking"
    assert "7900" in codes["AMOUNT_BELOW_ORDER"]["amendment"]
    asked = api.post(
        f"/api/credits/{pk}/amendments/",
        {"request_text": codes["AMOUNT_BELOW_ORDER"]["amendment"]},
        content_type="application/json",
    )
    assert asked.status_code == 201
    received = api.post(
        f"/api/credits/{pk}/amendments/receive/",
        {"received_on": TODAY.isoformat(), "changes": {"amount": "7900"}},
        content_type="application/json",
    )
    assert received.status_code == 201, received.json()
    amendment = received.json()["id"]
    refused = api.post(
        f"/api/credits/{pk}/amendments/decide/",
        {"amendment": amendment, "accept": True},
        content_type="application/json",
    )
    assert refused.status_code == 403  # an assistant does not decide
    client.force_login(manager)
    decided = client.post(
        f"/api/credits/{pk}/amendments/decide/",
        {"amendment": amendment, "accept": True},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "accepted"
    assert Credit.objects.get(pk=pk).amount == 7900
    changed = client.patch(
        f"/api/credits/{pk}/", {"presentation_days": 15}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["presentation_days"] == 15
    assert len(changed.json()["documents"]) == 2  # kept when not sent


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expiry_date": TODAY.isoformat()}, "expiry_date"),
        ({"tolerance_plus_pct": "150"}, "tolerance_plus_pct"),
        ({"documents": [{"type": "visa"}]}, "documents"),
        ({"issuing_bank_bic": "XX"}, "issuing_bank_bic"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_bad_input_is_json_naming_the_field(
    world: Any, api: Any, changes: dict[str, object], field: str
) -> None:
    response = api.post("/api/credits/", _body(world, **changes), content_type="application/json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Credit.objects.count() == 0


def test_presentations_run_the_checker(world: Any, api: Any) -> None:
    pk = api.post(
        "/api/credits/", _body(world, amount="7900"), content_type="application/json"
    ).json()["id"]
    entered = {
        "invoice_issuer": "Maison Ferrand SAS",
        "invoice_addressee": "Atlas Cuisine SARL",
        "invoice_date": TODAY.isoformat(),
        "invoice_currency": "EUR",
        "invoice_amount": "7900",
        "invoice_description": "Round cast-iron casseroles",
        "invoice_incoterm": "CIF",
        "invoice_place": "Casablanca",
    }
    checked = api.post(
        f"/api/credits/{pk}/presentations/",
        {"documents": ["commercial_invoice"], "entered": entered, "check_only": True},
        content_type="application/json",
    )
    assert checked.status_code == 200, checked.json()
    result = checked.json()
    assert result["compliant"] is False
    assert "DOCUMENT_MISSING" in {d["code"] for d in result["discrepancies"]}
    refused = api.post(
        f"/api/credits/{pk}/presentations/",
        {"documents": ["commercial_invoice"], "entered": entered},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "present_anyway" in refused.json()
    assert Presentation.objects.count() == 0
    assert api.get(f"/api/credits/{pk}/presentations/").json() == []


def test_a_reader_reads_but_does_not_write(world: Any, reader_client: Any) -> None:
    assert reader_client.get("/api/credits/").status_code == 200
    response = reader_client.post("/api/credits/", _body(world), content_type="application/json")
    assert response.status_code == 403
