"""The pivot and the saved views in the API: JSON figures, JSON errors naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from comptoir.reporting.models import PivotView
from conftest import make_user

pytestmark = pytest.mark.django_db
YEAR = {"period": "custom", "start": "2026-01-01", "end": "2026-12-31"}


@pytest.fixture
def api(django_user_model: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(make_user(django_user_model, "ann", "assistant"))
    return client


def test_pivot_get_with_query_parameters(facts: Any, api: APIClient) -> None:
    response = api.get(
        "/api/reporting/pivot/",
        {"rows": "country", "columns": "month", "measures": ["revenue", "margin"], "compare": "1", **YEAR},
    )  # fmt: skip
    assert response.status_code == 200
    data = response.json()
    # margin: DE 400 from the offer, US 700 from the product's cost price (the unified rule)
    assert data["total"] == {"revenue": "1700.00", "margin": "1100.00"}
    assert data["previous_total"]["revenue"] == "500.00"
    assert [r["key"] for r in data["rows"]] == ["US", "DE"]
    cell = next(c for c in data["cells"] if c["row"] == "DE" and c["column"] == "2026-04")
    assert cell["values"]["revenue"] == "-200.00"
    assert data["measures"][0] == {
        "key": "revenue",
        "label": "Revenue",
        "kind": "money",
        "currency": "EUR",
    }


def test_pivot_post_with_a_json_body(facts: Any, api: APIClient) -> None:
    response = api.post(
        "/api/reporting/pivot/",
        {"source": "shipments", "rows": "transport_mode", "measures": ["count", "freight"], **YEAR},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["total"] == {"count": 1, "freight": "300.00"}


def test_pivot_errors_are_json_naming_the_field(api: APIClient) -> None:
    response = api.post(
        "/api/reporting/pivot/",
        {"rows": "planet", "filters": {"country": "Germany"}},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "Unknown dimension planet" in body["rows"][0]
    assert "two-letter" in body["filters.country"][0]
    assert api.get("/api/reporting/pivot/", {"source": "nothing", "rows": "x"}).json()["source"]


def test_pivot_views_api(facts: Any, api: APIClient, django_user_model: Any) -> None:
    created = api.post(
        "/api/pivot-views/",
        {"name": "By zone", "spec": {"rows": "zone", "measures": ["revenue"]}},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["spec"]["rows"] == "zone"
    bad = api.post("/api/pivot-views/", {"name": "x", "spec": {"rows": "planet"}}, format="json")
    assert bad.status_code == 400 and "planet" in str(bad.json()["spec"])
    pk = created.json()["id"]
    # sharing is a manager's
    assert api.patch(f"/api/pivot-views/{pk}/", {"shared": True}, format="json").status_code == 403
    renamed = api.patch(f"/api/pivot-views/{pk}/", {"name": "Zones"}, format="json")
    assert renamed.json()["name"] == "Zones"
    other = APIClient()
    other.force_authenticate(make_user(django_user_model, "bea", "assistant"))
    assert other.get("/api/pivot-views/").json()["count"] == 0
    assert api.delete(f"/api/pivot-views/{pk}/").status_code == 204
    assert not PivotView.objects.exists()
