"""A NUL in a query parameter is a 400 naming it, on the API and on the screens."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_api_list_refuses_a_nul_in_a_filter_with_json(assistant_client):
    response = assistant_client.get("/api/shipments/", {"direction": "exp\x00ort"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "direction" in response.json()
    assert "NUL" in response.json()["direction"][0]


def test_screen_refuses_a_nul_in_a_parameter(assistant_client):
    response = assistant_client.get("/shipping/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "“q”" in response.content.decode()


def test_a_clean_query_string_passes(assistant_client):
    response = assistant_client.get("/api/shipments/", {"direction": "export"})
    assert response.status_code == 200


def test_a_nul_in_the_path_is_refused(assistant_client):
    response = assistant_client.get("/api/products/a%00b/")
    assert response.status_code == 400
    assert "path" in response.json()
