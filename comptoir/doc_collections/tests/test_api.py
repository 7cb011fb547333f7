"""Collections through the API: the same services as the screens, errors in JSON naming the
field, PDFs, and the role matrix for token users."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def test_collection_from_create_to_payment(api, invoice, banks):  # type: ignore[no-untyped-def]
    body = {
        "client": invoice.client_id,
        "invoices": [invoice.pk],
        "kind": "dp",
        "tenor": "sight",
        "remitting_bank": banks["ours"].pk,
        "collecting_bank": banks["theirs"].pk,
        "unpaid_instructions": "Store and insure the goods.",
    }
    bad = api.post(
        "/api/collections/",
        {**body, "collecting_bank": None, "collecting_bank_bic": "XX"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "collecting_bank_bic" in bad.json()
    over = api.post(
        "/api/collections/", {**body, "amount": "999999"}, content_type="application/json"
    )
    assert over.status_code == 400 and "amount" in over.json()
    created = api.post("/api/collections/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["collecting_bank_bic"] == "BCMAMAMC" and data["status"] == "draft"
    pk = data["id"]
    early = api.post(
        f"/api/collections/{pk}/step/",
        {"step": "sent", "on": TODAY.isoformat()},
        content_type="application/json",
    )
    assert early.status_code == 400 and "documents" in early.json()
    docs = api.post(
        f"/api/collections/{pk}/documents/",
        {"kind": "bill_of_lading", "reference": "MEDU1234567", "originals": 3},
        content_type="application/json",
    )
    assert docs.status_code == 200 and len(docs.json()["documents"]) == 1
    for step in ("sent", "at_bank"):
        moved = api.post(
            f"/api/collections/{pk}/step/",
            {"step": step, "on": TODAY.isoformat()},
            content_type="application/json",
        )
        assert moved.status_code == 200, moved.json()
    paid = api.post(
        f"/api/collections/{pk}/step/",
        {"step": "paid", "on": TODAY.isoformat(), "bank_charges": "25.00"},
        content_type="application/json",
    )
    assert paid.json()["status"] == "paid"
    invoice.refresh_from_db()
    assert invoice.balance_due == Decimal("0.00")
    pdf = api.get(f"/api/collections/{pk}/instruction/?lang=fr")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert api.get(f"/api/collections/{pk}/bill/").status_code == 404  # D/P at sight: no bill
    assert api.get("/api/collections/?status=paid").json()["count"] == 1


def test_reader_token_may_read_not_write(reader_client, invoice):  # type: ignore[no-untyped-def]
    assert reader_client.get("/api/collections/").status_code == 200
    refused = reader_client.post("/api/collections/", {}, content_type="application/json")
    assert refused.status_code == 403 and refused["Content-Type"].startswith("application/json")
