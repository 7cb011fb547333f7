"""Hedges, expected payments and the exposure through the API: the same services as the
screens, errors in JSON naming the field, the role matrix for API users."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.fx_exposure.models import ExpectedPayment, Hedge

pytestmark = pytest.mark.django_db
JSON = "application/json"
TODAY = dt.date.today()


def _hedge_body(**changes: object) -> dict[str, object]:
    return {
        "kind": "forward",
        "reference": "FWD-GBP-1",
        "bank": "Crédit Agricole CIB",
        "side": "sell",
        "currency": "GBP",
        "amount": "80000",
        "rate": "0.8650",
        "trade_date": TODAY.isoformat(),
        "maturity": (TODAY + dt.timedelta(days=60)).isoformat(),
        **changes,
    }


def test_hedges_payments_and_exposure(client, manager):  # type: ignore[no-untyped-def]
    client.force_login(manager)
    created = client.post("/api/hedges/", _hedge_body(), content_type=JSON)
    assert created.status_code == 201, created.json()
    paid = client.post(
        "/api/expected-payments/",
        {
            "currency": "gbp",
            "amount": "20000",
            "due_on": (TODAY + dt.timedelta(days=30)).isoformat(),
            "purchase_reference": "PO-77",
        },
        content_type=JSON,
    )
    assert paid.status_code == 201, paid.json()
    exposure = client.get("/api/currency-exposure").json()
    (gbp,) = exposure["currencies"]
    assert (gbp["currency"], gbp["payments"], gbp["hedged"], gbp["uncovered"]) == (
        "GBP",
        "20000.00",
        "80000.00",
        "-100000.00",
    )
    assert gbp["hedges"][0]["eur_at_contract"] == "92485.55"
    delivered = client.post(
        f"/api/hedges/{created.json()['id']}/status/",
        {"status": "delivered", "delivered": "80000"},
        content_type=JSON,
    )
    assert delivered.json()["status"] == "delivered"
    assert client.delete(f"/api/expected-payments/{paid.json()['id']}/").status_code == 204
    assert not ExpectedPayment.objects.exists()


def test_errors_are_json_naming_the_field(client, manager):  # type: ignore[no-untyped-def]
    client.force_login(manager)
    for changes, field in (
        ({"currency": "EUR"}, "currency"),
        ({"rate": "0"}, "rate"),
        ({"maturity": (TODAY - dt.timedelta(days=1)).isoformat()}, "maturity"),
        ({"side": "hold"}, "side"),
    ):
        response = client.post("/api/hedges/", _hedge_body(**changes), content_type=JSON)
        assert response.status_code == 400 and field in response.json(), (changes, response.json())
    assert not Hedge.objects.exists()


def test_assistants_read_hedges_but_do_not_record_them(assistant_client):  # type: ignore[no-untyped-def]
    assert assistant_client.get("/api/hedges/").status_code == 200
    assert (
        assistant_client.post("/api/hedges/", _hedge_body(), content_type=JSON).status_code == 403
    )
    assert assistant_client.get("/api/currency-exposure").status_code == 200
