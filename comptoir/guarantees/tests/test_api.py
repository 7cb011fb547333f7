"""Guarantees through the API: create with a reduction clause, the figures, a demand, the
release refused to an assistant; errors in JSON naming the field."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.parties.models import Company

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


@pytest.fixture
def supplier(db):  # type: ignore[no-untyped-def]
    firm = Company(name="Shenzhen Parts Co.", country="CN", city="Shenzhen", currency="USD")
    firm.role_list = ["supplier"]
    firm.save()
    return firm


def test_received_guarantee_through_the_api(api, manager, supplier):  # type: ignore[no-untyped-def]
    body = {
        "direction": "received",
        "kind": "advance_payment",
        "partner": supplier.pk,
        "amount": "30000",
        "currency": "USD",
        "rules": "urdg758",
        "issuing_bank_name": "Bank of China Shenzhen",
        "issuing_bank_bic": "BKCHCNBJ45A",
        "purchase_reference": "PO-2026-0042",
        "issue_date": (TODAY - dt.timedelta(days=60)).isoformat(),
        "expiry_date": (TODAY + dt.timedelta(days=120)).isoformat(),
        "reductions": [
            {"event": "Goods received", "amount_after": "0"},
        ],
    }
    bad = api.post(
        "/api/guarantees/", {**body, "expiry_date": "2000-01-01"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "expiry_date" in bad.json()
    wrong = api.post(
        "/api/guarantees/", {**body, "currency": "ZZZ"}, content_type="application/json"
    )
    assert wrong.status_code == 400 and "currency" in wrong.json()
    created = api.post("/api/guarantees/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["status"] == "issued" and data["amount_in_force"] == "30000.00"
    assert data["last_day_for_demand"] is not None
    pk = data["id"]
    demand = api.post(
        f"/api/guarantees/{pk}/demand/",
        {"presented_on": TODAY.isoformat(), "amount": "10000", "currency": "USD"},
        content_type="application/json",
    ).json()
    assert demand["status"] == "called" and demand["demands"][0]["compliant"] is True
    decided = api.post(
        f"/api/guarantees/{pk}/decide/",
        {
            "demand": demand["demands"][0]["id"],
            "outcome": "paid",
            "on": TODAY.isoformat(),
            "paid_amount": "10000",
        },
        content_type="application/json",
    ).json()
    assert decided["amount_in_force"] == "20000.00"
    line = decided["reductions"][0]["id"]
    event = api.post(
        f"/api/guarantees/{pk}/event/",
        {"reduction": line, "occurred_on": TODAY.isoformat()},
        content_type="application/json",
    ).json()
    assert event["amount_in_force"] == "0.00"
    refused = api.post(
        f"/api/guarantees/{pk}/release/",
        {"on": TODAY.isoformat(), "how": "release_letter"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and refused["Content-Type"].startswith("application/json")
    api.force_login(manager)
    released = api.post(
        f"/api/guarantees/{pk}/release/",
        {"on": TODAY.isoformat(), "how": "original_returned"},
        content_type="application/json",
    )
    assert released.json()["status"] == "released"
    assert api.get("/api/guarantees/?direction=received").json()["count"] == 1


def test_demand_paid_in_full_releases_the_guarantee(api, supplier):  # type: ignore[no-untyped-def]
    created = api.post(
        "/api/guarantees/",
        {
            "direction": "received",
            "kind": "performance",
            "partner": supplier.pk,
            "amount": "5000",
            "currency": "USD",
            "issuing_bank_name": "Bank of China Shenzhen",
            "issue_date": (TODAY - dt.timedelta(days=10)).isoformat(),
            "expiry_date": (TODAY + dt.timedelta(days=10)).isoformat(),
        },
        content_type="application/json",
    ).json()
    pk = created["id"]
    called = api.post(
        f"/api/guarantees/{pk}/demand/",
        {"presented_on": TODAY.isoformat(), "amount": "5000", "currency": "USD"},
        content_type="application/json",
    ).json()
    paid = api.post(
        f"/api/guarantees/{pk}/decide/",
        {
            "demand": called["demands"][0]["id"],
            "outcome": "paid",
            "on": TODAY.isoformat(),
            "paid_amount": "5000",
        },
        content_type="application/json",
    ).json()
    assert (paid["status"], paid["release_how"], paid["amount_in_force"]) == (
        "released",
        "paid_in_full",
        "0.00",
    )
