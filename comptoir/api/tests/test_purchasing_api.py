"""Purchase orders through the API: draft, issue, confirmation, receipt, JSON refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.accounts.tokens import issue_token
from comptoir.purchasing.models import PurchaseOrder

pytestmark = pytest.mark.django_db


def _order(api, supplier, lids):  # type: ignore[no-untyped-def]
    return api.post(
        "/api/purchase-orders/",
        {
            "supplier": supplier.pk,
            "order_date": "2026-03-02",
            "currency": "USD",
            "incoterm": "FOB",
            "named_place": "Ningbo",
            "payment_instrument": "deposit",
            "deposit_pct": "30",
            "balance_trigger": "bl_copy",
            "lines": [
                {"product": "LID-24", "quantity": "5000", "unit_price": "1.85"},
                {"product": "LID-28", "quantity": "3000", "unit_price": "2.10"},
            ],
        },
        content_type="application/json",
    )


def test_an_order_from_draft_to_receipt(assistant_client, supplier, lids) -> None:  # type: ignore[no-untyped-def]
    api = assistant_client
    created = _order(api, supplier, lids)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    issued = api.post(f"/api/purchase-orders/{pk}/issue/").json()
    assert issued["number"] == "PO-2026-00001"
    assert [p["amount"] for p in issued["payments"]] == ["4665.00", "10885.00"]
    first, second = (line["id"] for line in issued["lines"])
    confirmation = api.post(
        f"/api/purchase-orders/{pk}/confirmations/",
        {
            "received_on": "2026-03-04",
            "currency": "USD",
            "incoterm": "FOB",
            "lines": [
                {"line": first, "quantity": "5000", "unit_price": "1.95"},
                {"line": second, "quantity": "3000", "unit_price": "2.10"},
            ],
        },
        content_type="application/json",
    )
    assert confirmation.status_code == 201
    [difference] = confirmation.json()["differences"]
    assert (difference["field"], difference["ordered"], difference["confirmed"]) == (
        "unit_price",
        "1.85",
        "1.95",
    )
    decided = api.post(
        f"/api/purchase-orders/{pk}/confirmations/decide/",
        {"confirmation": confirmation.json()["id"], "accept": True},
        content_type="application/json",
    )
    assert decided.json()["status"] == "accepted"
    too_much = api.post(
        f"/api/purchase-orders/{pk}/receipts/",
        {
            "received_on": dt.date.today().isoformat(),
            "lines": [{"line": second, "quantity_received": "3100"}],
        },
        content_type="application/json",
    )
    assert too_much.status_code == 400
    assert "at most 3000 pcs more" in too_much.json()["lines.2.quantity_received"][0]
    receipt = api.post(
        f"/api/purchase-orders/{pk}/receipts/",
        {
            "received_on": dt.date.today().isoformat(),
            "lines": [
                {"line": first, "quantity_received": "4800"},
                {"line": second, "quantity_received": "3000"},
            ],
        },
        content_type="application/json",
    )
    assert receipt.status_code == 201
    [claim] = receipt.json()["claims"]
    assert (claim["kind"], claim["quantity"], claim["amount"]) == ("shortage", "200.000", "390.00")
    assert PurchaseOrder.objects.get().status == "partly_received"


def test_bad_input_is_json_naming_the_field(assistant_client, supplier, lids) -> None:  # type: ignore[no-untyped-def]
    response = assistant_client.post(
        "/api/purchase-orders/",
        {
            "supplier": supplier.pk,
            "order_date": "2026-03-02",
            "currency": "USD",
            "incoterm": "XYZ",
            "named_place": "Ningbo",
            "lines": [],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "lines" in response.json()
    assert not PurchaseOrder.objects.exists()


def test_a_read_only_token_reads_but_does_not_write(client, reader, supplier, lids) -> None:  # type: ignore[no-untyped-def]
    secret, _ = issue_token(user=reader)
    headers = {"HTTP_AUTHORIZATION": f"Token {secret}"}
    assert client.get("/api/purchase-orders/", **headers).status_code == 200
    response = client.post("/api/purchase-orders/", {}, content_type="application/json", **headers)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


def test_the_schema_has_the_purchase_orders(client, assistant) -> None:  # type: ignore[no-untyped-def]
    client.force_login(assistant)
    paths = client.get("/api/schema/?format=json").json()["paths"]
    assert {
        "/api/purchase-orders/",
        "/api/purchase-orders/{id}/issue/",
        "/api/purchase-orders/{id}/confirmations/",
        "/api/purchase-orders/{id}/receipts/",
        "/api/purchase-orders/{id}/milestones/",
        "/api/purchase-orders/{id}/inspections/",
    } <= set(paths)
