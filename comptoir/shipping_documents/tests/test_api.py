"""The document set through the API: checklist and consistency, issue, enter a B/L, send
(refused as JSON naming override_reason, then a manager's override), the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from comptoir.shipping.models import Shipment
from comptoir.shipping_documents.models import DocumentSet

pytestmark = pytest.mark.django_db
JSON = "application/json"


def logged(client: Client, user: object) -> Client:
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["comptoir_language"] = "en"
    return client


def test_set_issue_receive_and_send(
    client: Client, assistant: object, manager: object, casa: Shipment
) -> None:
    api = logged(client, assistant)
    data = api.get(f"/api/shipping-document-sets/{casa.pk}/").json()
    kinds = {row["kind"]: row for row in data["checklist"]}
    assert kinds["bill_of_lading"]["status"] == "to_do"
    assert kinds["insurance_request"]["rule"].startswith("Incoterms® 2020 CIF A5")
    assert kinds["eur1"]["to_confirm"] is True
    assert data["consistency"]["agrees"] is True  # the invoice weighs what the shipment does

    issued = api.post(
        f"/api/shipping-document-sets/{casa.pk}/issue/", {"kind": "packing_list"}, content_type=JSON
    )
    assert issued.status_code == 201, issued.json()
    document = issued.json()
    assert document["number"] == f"{casa.number}-PL.1" and document["figures"]["packages"] == 20
    pdf = api.get(f"/api/shipping-documents/{document['id']}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    wrong = api.post(
        f"/api/shipping-document-sets/{casa.pk}/issue/", {"kind": "cmr"}, content_type=JSON
    )
    assert wrong.status_code == 400 and "kind" in wrong.json()

    received = api.post(
        f"/api/shipping-document-sets/{casa.pk}/received/",
        {
            "kind": "bill_of_lading",
            "reference": "CMDU-778812",
            "document_date": dt.date.today().isoformat(),
            "packages": 20,
            "gross_weight_kg": "210.000",  # the carrier's weighbridge
            "hs_codes": ["732392"],
        },
        content_type=JSON,
    )
    assert received.status_code == 201, received.json()
    assert received.json()["status"] == "received" and received.json()["pdf_url"] is None
    data = api.get(f"/api/shipping-document-sets/{casa.pk}/").json()
    assert data["consistency"]["agrees"] is False
    assert data["consistency"]["differences"][0]["field"] == "gross_weight_kg"

    refused = api.post(
        f"/api/shipping-document-sets/{casa.pk}/send/", {"sent_to": "bank"}, content_type=JSON
    )
    assert refused.status_code == 400 and "override_reason" in refused.json()
    forbidden = api.post(
        f"/api/shipping-document-sets/{casa.pk}/send/",
        {"sent_to": "bank", "override_reason": "ok"},
        content_type=JSON,
    )
    assert forbidden.status_code == 403
    api = logged(client, manager)
    sent = api.post(
        f"/api/shipping-document-sets/{casa.pk}/send/",
        {"sent_to": "bank", "override_reason": "Bank accepts the weighbridge figure"},
        content_type=JSON,
    )
    assert sent.status_code == 200, sent.json()
    assert sent.json()["override_reason"] == "Bank accepts the weighbridge figure"
    assert DocumentSet.objects.get(shipment=casa).override_by == manager
    listed = api.get(f"/api/shipping-documents/?shipment={casa.pk}").json()
    assert {row["status"] for row in listed["results"]} >= {"sent"}


def test_bad_input_and_reader(client: Client, reader: object, casa: Shipment) -> None:
    api = logged(client, reader)
    assert api.get(f"/api/shipping-document-sets/{casa.pk}/").status_code == 200
    refused = api.post(
        f"/api/shipping-document-sets/{casa.pk}/issue/", {"kind": "packing_list"}, content_type=JSON
    )
    assert refused.status_code == 403 and "detail" in refused.json()
    assert api.get("/api/shipping-document-sets/999999/").status_code == 404
    assert api.get("/api/shipping-documents/?shipment=abc").status_code == 400
