"""The dashboards' API: the list, a dashboard as JSON with Decimals as strings, errors JSON."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_list_and_dashboard_json(reader_client, fake_dashboard) -> None:  # type: ignore[no-untyped-def]
    keys = [d["key"] for d in reader_client.get(reverse("api-reporting-dashboards")).json()]
    assert keys[0] == "overview" and "fake-test" in keys
    url = reverse("api-reporting-dashboard", args=["fake-test"])
    body = reader_client.get(url + "?period=custom&start=2026-03-01&end=2026-03-31").json()
    assert body["filters"]["start"] == "2026-03-01"
    section = body["sections"][0]
    assert section["figures"][0]["value"] == "1224.50"
    assert section["figures"][1]["value"] == 4
    row = section["tables"][0]["rows"][0]["values"]
    assert row[0] == "2026-03-01" and row[2] == "1234.50" and row[4] == 3
    assert section["charts"][0]["series"][0]["points"][1] == {"category": "Mar 2", "value": "-10"}


def test_errors_are_json(reader_client, fake_dashboard, client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("api-reporting-dashboard", args=["fake-test"])
    response = reader_client.get(url + "?period=custom&start=2026-02-30&end=2026-03-01")
    assert response.status_code == 400 and "start" in response.json()
    assert reader_client.get(reverse("api-reporting-dashboard", args=["none"])).status_code == 404
    client.logout()
    assert client.get(url).status_code in (401, 403)
