"""The API: record an invoice (matched), the match, a dispute, approval, a payment with its
exchange difference, the open payables, a landed cost; errors are JSON naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _body(buy, price="2.40", supplier=None):  # type: ignore[no-untyped-def]
    return {
        "supplier": (supplier or buy.supplier).pk,
        "order": buy.order.pk,
        "number": f"API-{price}",
        "invoice_date": TODAY.isoformat(),
        "currency": "USD",
        "incoterm": "FOB",
        "named_place": "Ningbo",
        "payment_days": 60,
        "invoice_lines": [
            {"order_line": buy.l1.pk, "quantity": "960", "unit_price": price},
            {"order_line": buy.l2.pk, "quantity": "500", "unit_price": "2.40"},
        ],
    }


def test_api_invoice_to_payment_and_landed_cost(buy, django_user_model):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(make_user(django_user_model, "claire", "assistant"))
    bad = api.post("/api/supplier-invoices/", _body(buy, supplier=buy.other), format="json")
    assert bad.status_code == 400 and "supplier" in bad.json()
    disputed = api.post("/api/supplier-invoices/", _body(buy, price="2.60"), format="json").json()
    assert disputed["status"] == "to_check" and disputed["differences"][0]["kind"] == "price"
    match = api.get(f"/api/supplier-invoices/{disputed['id']}/match/").json()
    assert match["matched"] is False and match["needs_manager"] is True
    answer = api.post(
        f"/api/supplier-invoices/{disputed['id']}/decision/",
        {"decision": "dispute", "note": "Price agreed 2.40"},
        format="json",
    )
    assert answer.json()["status"] == "disputed"
    # the supplier withdraws it and sends a corrected one
    cancelled = api.post(
        f"/api/supplier-invoices/{disputed['id']}/decision/",
        {"decision": "cancel", "note": "Replaced by API-2.40"},
        format="json",
    )
    assert cancelled.json().get("status") == "cancelled", cancelled.json()
    clean = api.post("/api/supplier-invoices/", _body(buy), format="json").json()
    assert clean["status"] == "matched"
    api.post(
        f"/api/supplier-invoices/{clean['id']}/decision/", {"decision": "approve"}, format="json"
    )
    paid = api.post(
        f"/api/supplier-invoices/{clean['id']}/payments/",
        {"paid_on": TODAY.isoformat(), "amount": "1000.00", "eur_rate": "0.95"},
        format="json",
    )
    assert paid.status_code == 201 and paid.json()["exchange_difference_eur"] == "-30.00"
    payables = api.get("/api/supplier-payables").json()
    assert payables["totals"]["USD"] == "2504.00"
    landed = api.post("/api/landed-costs/", {"receipt": buy.receipt.pk}, format="json").json()
    added = api.post(
        f"/api/landed-costs/{landed['id']}/costs/",
        {"kind": "freight", "amount": "500", "currency": "EUR", "basis": "weight"},
        format="json",
    )
    assert added.status_code == 201 and added.json()["costs_eur"] == "500.00"
    assert api.post(f"/api/landed-costs/{landed['id']}/apply/").json()["status"] == "applied"


def test_read_only_token_user_gets_json_403(buy, django_user_model):  # type: ignore[no-untyped-def]
    api = APIClient()
    api.force_authenticate(make_user(django_user_model, "paul", "readonly"))
    response = api.post("/api/supplier-invoices/", _body(buy), format="json")
    assert response.status_code == 403 and "detail" in response.json()
