"""Transport claims through the API: the same services as the screens, errors in JSON naming
the field, letters as PDF, statistics, and the role matrix for token users."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.claims.models import Claim

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _body(world, **changes):  # type: ignore[no-untyped-def]
    body = {
        "shipment": world.road.pk,
        "kind": "damage",
        "apparent": False,
        "description": "Water damage found when unpacking.",
        "discovered_on": TODAY.isoformat(),
        "delivery_date": TODAY.isoformat(),
        "weight_affected_kg": "200",
        "packages_affected": 4,
        "amount_claimed": "1900.00",
        "currency": "EUR",
        "sdr_rate": "1.2",
    }
    body.update(changes)
    return body


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


def test_create_read_and_move_a_claim(world, api):  # type: ignore[no-untyped-def]
    created = api.post("/api/claims/", _body(world), content_type="application/json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["carrier"] == world.carrier.pk  # the shipment's carrier by default
    assert data["convention"] == "CMR" and data["liability_cap_sdr"] == "1666.00"
    assert data["liability_cap"] == "1999.20"
    assert data["notice_deadline"] is not None and data["time_bar_date"]
    pk = data["id"]
    assert api.get(f"/api/claims/{pk}/").json()["number"] == data["number"]
    assert api.get("/api/claims/?open=1").json()["count"] == 1
    sent = api.post(
        f"/api/claims/{pk}/letter-sent/", {"letter": "reserves"}, content_type="application/json"
    )
    assert sent.json()["status"] == "reserves_sent"
    amounts = api.post(
        f"/api/claims/{pk}/amounts/",
        {"amount_claimed": "1900", "recovered_carrier": "1500", "recovered_insurer": "400"},
        content_type="application/json",
    )
    assert amounts.json()["recovered"] == "1900.00"
    settled = api.post(
        f"/api/claims/{pk}/status/", {"status": "settled"}, content_type="application/json"
    )
    assert settled.json()["status"] == "settled"
    refused = api.post(
        f"/api/claims/{pk}/status/", {"status": "claim_sent"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "status" in refused.json()
    pdf = api.get(f"/api/claims/{pk}/letter/?letter=claim")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    unknown = api.get(f"/api/claims/{pk}/letter/?letter=poem")
    assert unknown.status_code == 400 and "letter" in unknown.json()
    stats = api.get("/api/claims/statistics/?by=route").json()
    assert stats["by"] == "route"
    assert stats["rows"][0]["key"] == "FR-DE" and stats["rows"][0]["recovery_rate"] == "100.0"


def test_time_barred_claim_is_refused_in_json(world, api):  # type: ignore[no-untyped-def]
    old = (TODAY - dt.timedelta(days=500)).isoformat()
    refused = api.post(
        "/api/claims/",
        _body(world, delivery_date=old, discovered_on=old),
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "Time-barred since" in refused.json()["delivery_date"][0]
    kept = api.post(
        "/api/claims/",
        _body(world, delivery_date=old, discovered_on=old, late_reason="Extension agreed"),
        content_type="application/json",
    )
    assert kept.status_code == 201 and kept.json()["status"] == "time_barred"


def test_bad_input_names_the_field(world, api):  # type: ignore[no-untyped-def]
    response = api.post(
        "/api/claims/",
        _body(world, shipment=world.rail.pk, weight_affected_kg="-1", currency="ZZZ"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"weight_affected_kg", "currency"} <= set(response.json())
    rail = api.post(
        "/api/claims/", _body(world, shipment=world.rail.pk), content_type="application/json"
    )
    assert rail.status_code == 400 and "convention" in rail.json()


def test_read_only_token_user_cannot_write(world, reader_client):  # type: ignore[no-untyped-def]
    response = reader_client.post("/api/claims/", _body(world), content_type="application/json")
    assert response.status_code == 403
    assert not Claim.objects.exists()
    assert reader_client.get("/api/claims/").status_code == 200
