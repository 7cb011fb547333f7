"""The intra-EU API: proofs listed and recorded, declarations prepared, filed and
downloaded; errors in JSON naming the field; read-only tokens cannot write."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from conftest import make_user

from .conftest import LAST_MONTH, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(django_user_model):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(make_user(django_user_model, "api", "assistant"))
    return client


def test_proofs(api, de_invoice) -> None:  # type: ignore[no-untyped-def]
    listed = api.get("/api/intra-eu/proofs/?older_than=0").json()
    assert [row["number"] for row in listed] == [de_invoice.number]
    assert listed[0]["sufficient"] is False and listed[0]["missing"]
    url = f"/api/intra-eu/proofs/{de_invoice.pk}/evidence/"
    answer = api.post(
        url, {"kind": "cmr", "issuer": "Martin", "received_on": TODAY.isoformat()}, format="json"
    )
    assert answer.status_code == 201
    answer = api.post(
        url,
        {"kind": "bill_of_lading", "issuer": "CMA CGM", "received_on": TODAY.isoformat()},
        format="json",
    )
    assert answer.json()["sufficient"] is True
    refused = api.post(
        url, {"kind": "cmr", "issuer": "", "received_on": "2026-01-01"}, format="json"
    )
    assert refused.status_code == 400 and "issuer" in refused.json()
    assert api.get("/api/intra-eu/proofs/?older_than=x").status_code == 400


def test_declarations(api, de_invoice, declarant) -> None:  # type: ignore[no-untyped-def]
    prepared = api.post(
        "/api/intra-eu/declarations/prepare/",
        {"kind": "emebi_dispatch", "month": f"{LAST_MONTH:%Y-%m}"},
        format="json",
    )
    assert prepared.status_code == 201
    body = prepared.json()
    assert body["status"] == "draft" and body["problems"] == []
    assert body["lines"][0]["cn8"] == "73239200"
    filed = api.post(f"/api/intra-eu/declarations/{body['id']}/file/", {}, format="json")
    assert filed.status_code == 200 and filed.json()["status"] == "filed"
    xml = api.get(f"/api/intra-eu/declarations/{body['id']}/xml/")
    assert xml.status_code == 200 and b"<INSTAT>" in xml.content
    again = api.post(
        "/api/intra-eu/declarations/prepare/",
        {"kind": "emebi_dispatch", "month": f"{LAST_MONTH:%Y-%m}"},
        format="json",
    )
    assert again.status_code == 400 and "reason" in again.json()
    bad = api.post(
        "/api/intra-eu/declarations/prepare/", {"kind": "x", "month": "2026-13"}, format="json"
    )
    assert bad.status_code == 400 and {"kind", "month"} <= set(bad.json())
    listed = api.get(f"/api/intra-eu/declarations/?month={LAST_MONTH:%Y-%m}").json()
    assert listed["count"] == 1 if isinstance(listed, dict) else len(listed) == 1


def test_read_only_token(django_user_model, de_invoice) -> None:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(make_user(django_user_model, "reader", "readonly"))
    assert client.get("/api/intra-eu/proofs/").status_code == 200
    refused = client.post(
        "/api/intra-eu/declarations/prepare/",
        {"kind": "recap", "month": f"{LAST_MONTH:%Y-%m}"},
        format="json",
    )
    assert refused.status_code == 403
