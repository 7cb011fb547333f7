"""Shipments and tracking through the API: the same services and rules as the screens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from comptoir.accounts.tokens import issue_token
from comptoir.sales import services as sales
from comptoir.sales.tests.conftest import make_order
from comptoir.shipping.models import Milestone, Shipment, TrackingEvent
from comptoir.shipping.tests.factories import shipment

pytestmark = pytest.mark.django_db


def _delivery(client_company, product):  # type: ignore[no-untyped-def]
    order = sales.confirm_order(order=make_order(client_company, product, "24", "79"), user=None)
    line = order.lines.get()
    return sales.create_delivery(
        order=order, user=None, planned_date=dt.date.today(), quantities={line.pk: line.quantity}
    )


def test_a_shipment_from_a_delivery_then_tracked(assistant_client, seller, clients, product):
    delivery = _delivery(clients["fr"], product)
    created = assistant_client.post(
        "/api/shipments/",
        {"deliveries": [delivery.pk], "mode": "road_groupage"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["number"].startswith("EXP-") and body["deliveries"] == [delivery.pk]
    assert body["lines"][0]["quantity"] == "24.000"
    assert [m["step"] for m in body["milestones"]][:2] == ["ready", "pickup"]
    pk = body["id"]
    changed = assistant_client.patch(
        f"/api/shipments/{pk}/",
        {"transport_document_number": "CMR-778812", "notify_steps": ["delivery"]},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["transport_document_number"] == "CMR-778812"
    assert changed.json()["notify_steps"] == ["delivery"]
    assert changed.json()["mode"] == "road_groupage"  # not sent: kept
    event = assistant_client.post(
        f"/api/shipments/{pk}/events/",
        {
            "occurred_at": "2026-11-20T08:30:00+01:00",
            "description": "Picked up in Thiers",
            "step": "pickup",
            "location": "Thiers",
        },
        content_type="application/json",
    )
    assert event.status_code == 201, event.json()
    assert Shipment.objects.get(pk=pk).status == "in_transit"
    listed = assistant_client.get(f"/api/shipments/{pk}/events/").json()
    assert listed["count"] == 1 and listed["results"][0]["step"] == "pickup"
    early = assistant_client.post(
        f"/api/shipments/{pk}/events/",
        {"occurred_at": "2026-11-19T08:30:00+01:00", "description": "Left", "step": "departure"},
        content_type="application/json",
    )
    assert early.status_code == 400 and "contradicts" in early.json()["occurred_at"][0]


def test_plan_containers_and_list_filters(assistant_client, assistant):
    s = shipment()
    planned = assistant_client.post(
        f"/api/shipments/{s.pk}/milestones/",
        {"milestones": [{"step": "departure", "planned_on": "2026-11-01"}]},
        content_type="application/json",
    )
    assert planned.status_code == 200
    assert {m["step"]: m["late"] for m in planned.json()}["departure"] is True
    late = assistant_client.get("/api/shipments/?late=1").json()
    assert [r["id"] for r in late["results"]] == [s.pk]
    bad = assistant_client.put(
        f"/api/shipments/{s.pk}/containers/",
        {"containers": [{"number": "MSCU1234567"}]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "check digit" in str(bad.json())
    good = assistant_client.put(
        f"/api/shipments/{s.pk}/containers/",
        {"containers": [{"number": "mscu 123456 6", "seal_number": "FX1234"}]},
        content_type="application/json",
    )
    assert good.status_code == 200 and good.json()[0]["number"] == "MSCU1234566"
    found = assistant_client.get("/api/shipments/?q=MSCU1234566").json()
    assert found["count"] == 1
    detail = assistant_client.get(f"/api/shipments/{s.pk}/").json()
    assert detail["containers"][0]["seal_number"] == "FX1234"


def test_a_status_report_uploaded_previewed_then_imported(assistant_client):
    s = shipment()
    content = (
        f"Shipment,Date,Status\n{s.number},2026-11-22 10:00,Departed\n"
        f"{s.number},2026-11-99 10:00,Arrived\n"
    ).encode()
    preview = assistant_client.post(
        "/api/shipments/status-report/",
        {"file": SimpleUploadedFile("r.csv", content), "dry_run": "true", "time_zone": "UTC"},
    )
    assert preview.status_code == 200, preview.json()
    assert preview.json()["importable"] == 1 and preview.json()["imported"] == 0
    assert preview.json()["errors"][0]["line"] == 3
    assert TrackingEvent.objects.count() == 0
    done = assistant_client.post(
        "/api/shipments/status-report/",
        {"file": SimpleUploadedFile("r.csv", content), "time_zone": "UTC"},
    )
    assert done.json()["imported"] == 1
    assert Milestone.objects.get(shipment=s, step="departure").actual_at == dt.datetime(
        2026, 11, 22, 10, 0, tzinfo=dt.UTC
    )
    unreadable = assistant_client.post(
        "/api/shipments/status-report/", {"file": SimpleUploadedFile("r.csv", b"a,b\n1,2\n")}
    )
    assert unreadable.status_code == 400 and unreadable.json()["errors"][0]["line"] == 1


def test_a_read_only_token_reads_but_does_not_write(client, reader):
    s = shipment()
    secret, _ = issue_token(user=reader)
    headers = {"HTTP_AUTHORIZATION": f"Token {secret}"}
    assert client.get(f"/api/shipments/{s.pk}/", **headers).status_code == 200
    refused = client.post(
        f"/api/shipments/{s.pk}/events/",
        {"occurred_at": "2026-11-20T08:30:00Z", "description": "x"},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 403 and "detail" in refused.json()
    assert TrackingEvent.objects.count() == 0
