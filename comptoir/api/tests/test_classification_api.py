"""GET /api/classification: CN8 proposals for a description, JSON errors naming the field."""

from __future__ import annotations

import pytest

from comptoir.catalog.tests.test_hs_search_page import cn_loaded  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_api_proposes_cn8_codes_in_the_asked_language(reader_client, cn_loaded):  # noqa: F811
    response = reader_client.get("/api/classification", {"q": "robe en soie", "lang": "fr"})
    assert response.status_code == 200
    hits = response.json()
    assert hits[0]["code"] == "62044910"
    assert hits[0]["hs6"] == "620449"
    assert hits[0]["label"] == "de soie ou de déchets de soie"
    assert [level["code"] for level in hits[0]["levels"]][:2] == ["62", "6204"]
    english = reader_client.get(
        "/api/classification", {"q": "boucles d'oreilles en or", "lang": "en", "top": 3}
    ).json()
    assert len(english) == 3
    assert english[0]["code"] == "71131900"
    assert english[0]["label"].startswith("Of other precious metal")


def test_api_bad_parameters_are_json_errors_naming_the_field(reader_client, cn_loaded):  # noqa: F811
    response = reader_client.get("/api/classification", {"q": "gold", "top": 500})
    assert response.status_code == 400
    assert "top" in response.json()
    missing = reader_client.get("/api/classification")
    assert missing.status_code == 400
    assert "q" in missing.json()


def test_api_needs_authentication(client):
    assert client.get("/api/classification", {"q": "gold"}).status_code in (401, 403)
