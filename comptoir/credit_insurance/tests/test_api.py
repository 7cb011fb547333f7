"""Credit insurance through the API: the same services as the screens, errors in JSON naming
the field, and the role matrix for API users."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.credit_insurance.models import BuyerCover, Declaration, Policy

from .conftest import TODAY, issued_invoice

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def test_cover_request_decision_position_declaration_claim(api, policy, clients):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    created = api.post(
        "/api/credit-insurance/covers/",
        {
            "policy": policy.pk,
            "buyer": buyer.pk,
            "requested_amount": "20000",
            "requested_on": TODAY.isoformat(),
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["state"] == "requested"
    decided = api.post(
        f"/api/credit-insurance/covers/{pk}/decision/",
        {
            "state": "granted",
            "amount": "15000",
            "decided_on": TODAY.isoformat(),
            "insurer_reference": "AGR-9",
        },
        content_type=JSON,
    )
    assert decided.status_code == 200 and decided.json()["amount"] == "15000.00"
    invoice = issued_invoice(buyer, "18000", TODAY - dt.timedelta(days=15))
    position = api.get(f"/api/credit-insurance/covers/{pk}/position/").json()
    assert position["uncovered"] == "3000.00" and position["used_pct"] == "120.00"
    declared = api.post(
        "/api/credit-insurance/declarations/",
        {"buyer": buyer.pk, "invoices": [invoice.pk], "declared_on": TODAY.isoformat()},
        content_type=JSON,
    )
    assert declared.status_code == 201, declared.json()
    data = declared.json()
    assert (data["indemnity_expected"], data["uncovered"]) == ("13500.00", "3000.00")
    assert data["deadline"] == (invoice.due_date + dt.timedelta(days=60)).isoformat()
    claim = api.post(
        f"/api/credit-insurance/declarations/{data['id']}/claim/",
        {
            "status": "indemnified",
            "indemnity_received": "13500",
            "indemnity_received_on": TODAY.isoformat(),
        },
        content_type=JSON,
    )
    assert claim.status_code == 200 and claim.json()["status"] == "indemnified"


def test_errors_are_json_naming_the_field(api, policy, clients):  # type: ignore[no-untyped-def]
    refused = api.post(
        "/api/credit-insurance/covers/",
        {
            "policy": policy.pk,
            "buyer": clients["de"].pk,
            "requested_amount": "0",
            "requested_on": TODAY.isoformat(),
        },
        content_type=JSON,
    )
    assert refused.status_code == 400 and "amount" in refused.json()
    cover = BuyerCover.objects.create(
        policy=policy,
        buyer=clients["de"],
        state="requested",
        requested_amount=1000,
        requested_on=TODAY,
    )
    bad = api.post(
        f"/api/credit-insurance/covers/{cover.pk}/decision/",
        {"state": "maybe", "amount": "1", "decided_on": TODAY.isoformat()},
        content_type=JSON,
    )
    assert bad.status_code == 400 and "state" in bad.json()
    other = issued_invoice(clients["fr"], "100", TODAY - dt.timedelta(days=3))
    wrong = api.post(
        "/api/credit-insurance/declarations/",
        {"buyer": clients["de"].pk, "invoices": [other.pk], "declared_on": TODAY.isoformat()},
        content_type=JSON,
    )
    assert wrong.status_code == 400 and "invoices" in wrong.json()
    assert not Declaration.objects.exists()


def test_policies_are_for_managers(api, client, manager, db):  # type: ignore[no-untyped-def]
    body = {
        "insurer": "Coface",
        "number": "CF-9",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=365)).isoformat(),
        "commercial_share_pct": "95",
    }
    assert api.post("/api/credit-insurance/policies/", body, content_type=JSON).status_code == 403
    client.force_login(manager)
    created = client.post("/api/credit-insurance/policies/", body, content_type=JSON)
    assert created.status_code == 201, created.json()
    assert Policy.objects.get().commercial_share_pct == 95
    late = client.patch(
        f"/api/credit-insurance/policies/{created.json()['id']}/",
        {"ends_on": (TODAY - dt.timedelta(days=1)).isoformat()},
        content_type=JSON,
    )
    assert late.status_code == 400 and "ends_on" in late.json()
