"""Freight quotes through the API: the same rules as the screens, errors in JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from comptoir.freight.models import FreightRequest
from comptoir.freight.tests.conftest import (  # noqa: F401
    TODAY,
    make_shipment,
    providers,
    three_quotes,
    usd,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipment(clients: Any) -> Any:  # noqa: F811
    return make_shipment(clients["fr"])


def test_request_quotes_comparison_choice_and_invoice(
    assistant_client: Any,
    shipment: Any,
    providers: Any,  # noqa: F811
    usd: Any,  # noqa: F811
) -> None:
    created = assistant_client.post(
        "/api/freight-requests/",
        {
            "shipment": shipment.pk,
            "providers": [providers["alpha"].pk, providers["charlie"].pk],
            "reply_by": (TODAY + dt.timedelta(days=2)).isoformat(),
            "weights": {"cost": 50, "transit": 30, "reliability": 10, "service": 10},
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    pk = body["id"]
    assert body["number"].startswith("RFQ-") and body["weights"]["cost"] == 50
    sent = assistant_client.post(f"/api/freight-requests/{pk}/send/")
    assert sent.status_code == 200 and all(r["sent_at"] for r in sent.json()["recipients"])
    for provider, lines, days in (
        ("alpha", [{"kind": "main_carriage", "amount": "1000.00", "currency": "USD"}], 20),
        ("charlie", [{"kind": "main_carriage", "amount": "1000.00"}], 10),
    ):
        quote = assistant_client.post(
            "/api/freight-quotes/",
            {
                "request": pk,
                "provider": providers[provider].pk,
                "received_on": TODAY.isoformat(),
                "currency": "EUR",
                "transit_days": days,
                "valid_until": (TODAY + dt.timedelta(days=10)).isoformat(),
                "service_grade": 5,
                "lines": lines,
            },
            content_type="application/json",
        )
        assert quote.status_code == 201, quote.json()
    listed = assistant_client.get(f"/api/freight-quotes/?request={pk}").json()
    assert listed["count"] == 2
    comparison = assistant_client.get(f"/api/freight-requests/{pk}/comparison/").json()
    rows = {row["provider"]: row for row in comparison["rows"]}
    alpha = rows["Alpha Transit"]
    # 1000 USD x 0.90 = 900 EUR: the cheapest; Charlie the fastest
    assert alpha["total_eur"] == "900.00" and alpha["grades"]["cost"] == "10.00"
    assert rows["Charlie Lines"]["grades"]["cost"] == "9.00"
    assert rows["Charlie Lines"]["grades"]["transit"] == "10.00"
    # Alpha: (50x10 + 30x5 + 10x5 + 10x5)/100 = 7.5; Charlie: (450 + 300 + 50 + 50)/100 = 8.5
    assert (alpha["score"], rows["Charlie Lines"]["score"]) == ("7.50", "8.50")
    assert comparison["rates"][0]["currency"] == "USD"
    assert comparison["steps_fr"][0].startswith("Score =")
    refused = assistant_client.post(
        f"/api/freight-requests/{pk}/choose/",
        {"quote": alpha["quote"]},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "reason" in refused.json()
    chosen = assistant_client.post(
        f"/api/freight-requests/{pk}/choose/",
        {"quote": alpha["quote"], "reason": "Cheapest, transit fits", "send_booking": False},
        content_type="application/json",
    )
    assert chosen.status_code == 200, chosen.json()
    assert chosen.json()["status"] == "decided" and chosen.json()["chosen_rank"] == 2
    invoice = assistant_client.post(
        "/api/carrier-invoices/",
        {
            "request": pk,
            "number": "A-555",
            "invoice_date": TODAY.isoformat(),
            "currency": "USD",
            "lines": [{"kind": "main_carriage", "amount": "1080.00"}],
        },
        content_type="application/json",
    )
    assert invoice.status_code == 201, invoice.json()
    data = invoice.json()
    assert data["has_differences"] is True and Decimal(data["difference_eur"]) == Decimal("72.00")
    assert data["check"][0]["outcome"] == "different" and data["check"][0]["difference"] == "80.00"
    disputed = assistant_client.post(
        f"/api/carrier-invoices/{data['id']}/status/",
        {"status": "disputed"},
        content_type="application/json",
    )
    assert disputed.status_code == 400 and "note" in disputed.json()


def test_bad_input_is_answered_in_json(
    assistant_client: Any,
    shipment: Any,
    providers: Any,  # noqa: F811
) -> None:
    response = assistant_client.post(
        "/api/freight-requests/",
        {"shipment": shipment.pk, "providers": [], "reply_by": "2001-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "providers" in response.json()
    response = assistant_client.post(
        "/api/freight-requests/",
        {"shipment": shipment.pk, "providers": [providers["alpha"].pk], "reply_by": "2001-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "reply_by" in response.json()
    assert not FreightRequest.objects.exists()
    assert assistant_client.get("/api/freight-quotes/?request=abc").status_code == 400


def test_expired_quote_refused_and_reader_refused(
    assistant_client: Any,
    reader: Any,
    three_quotes: Any,  # noqa: F811
) -> None:
    request, a, b, c = three_quotes
    a.valid_until = TODAY - dt.timedelta(days=1)
    a.save()
    response = assistant_client.post(
        f"/api/freight-requests/{request.pk}/choose/",
        {"quote": a.pk, "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "expired" in response.json()["quote"][0]
    reader_client = Client()
    reader_client.force_login(reader)
    assert reader_client.get(f"/api/freight-requests/{request.pk}/comparison/").status_code == 200
    denied = reader_client.post(
        f"/api/freight-requests/{request.pk}/choose/",
        {"quote": b.pk, "reason": "x"},
        content_type="application/json",
    )
    assert denied.status_code == 403 and "detail" in denied.json()
