"""Export control through the API: the same services as the screens, errors in JSON naming
the field, the role matrix (an assistant allocates, only a manager records a licence)."""

from __future__ import annotations

import pytest
from django.test import Client

from comptoir.export_control.models import Allocation, CountryMeasure

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(assistant_client):  # type: ignore[no-untyped-def]
    assistant_client.cookies["comptoir_language"] = "en"
    return assistant_client


@pytest.fixture
def manager_api(manager):  # type: ignore[no-untyped-def]
    http = Client()  # its own session: the assistant's client stays the assistant's
    http.force_login(manager)
    http.cookies["comptoir_language"] = "en"
    return http


def test_allocate_read_what_is_left_check_and_remove(world, api):  # type: ignore[no-untyped-def]
    check = api.get(f"/api/licence-allocations/check/?shipment={world.shipment.pk}").json()
    assert any("LYO-12" in r and "2B352.e" in r for r in check["refusals"])
    made = api.post(
        "/api/licence-allocations/",
        {"shipment_line": world.dryer_line.pk, "licence": world.licence.pk},
        content_type="application/json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["quantity"] == "2.000" and made.json()["shipment"] == world.shipment.pk
    licence = api.get(f"/api/export-licences/{world.licence.pk}/").json()
    assert licence["quantity_left"] == "2.000" and licence["value_left"] == "104000.00"
    check = api.get(f"/api/licence-allocations/check/?shipment={world.shipment.pk}").json()
    assert check["refusals"] == []
    pk = made.json()["id"]
    assert api.delete(f"/api/licence-allocations/{pk}/").status_code == 204
    assert not Allocation.objects.exists()


def test_a_refused_allocation_is_json_naming_the_field(world, api):  # type: ignore[no-untyped-def]
    refused = api.post(
        "/api/licence-allocations/",
        {"shipment_line": world.dryer_line.pk, "licence": world.licence.pk, "quantity": "9"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "quantity" in refused.json()
    check = api.get("/api/licence-allocations/check/")
    assert check.status_code == 400 and "non_field_errors" in check.json()


def test_only_a_manager_records_a_licence_or_classifies(world, api, manager_api):  # type: ignore[no-untyped-def]
    body = {
        "number": "FR-SBDU-2026-00999",
        "kind": "individual",
        "countries": "KR AE",
        "control_numbers": "2B352",
        "valid_from": TODAY.isoformat(),
        "valid_until": TODAY.replace(year=TODAY.year + 1).isoformat(),
        "quantity_limit": "10",
    }
    refused = api.post("/api/export-licences/", body, content_type="application/json")
    assert refused.status_code == 403 and "manager" in str(refused.json()).lower()
    made = manager_api.post("/api/export-licences/", body, content_type="application/json")
    assert made.status_code == 201, made.json()
    assert made.json()["countries"] == "AE KR" and made.json()["quantity_left"] == "10.000"
    changed = manager_api.patch(
        f"/api/export-licences/{made.json()['id']}/",
        {"valid_until": "2020-01-01"},
        content_type="application/json",
    )
    assert changed.status_code == 400 and "valid_until" in changed.json()
    classify = {"product": world.pan.pk, "control_number": "not a number"}
    assert api.post("/api/dual-use/", classify, content_type="application/json").status_code == 403
    wrong = manager_api.post("/api/dual-use/", classify, content_type="application/json")
    assert wrong.status_code == 400 and "control_number" in wrong.json()
    classify["control_number"] = "5a002.A.1"
    done = manager_api.post("/api/dual-use/", classify, content_type="application/json")
    assert done.status_code == 201 and done.json()["control_number"] == "5A002.a.1"
    assert manager_api.get(f"/api/dual-use/{world.pan.pk}/").json()["regime"] == (
        "Wassenaar Arrangement"
    )


def test_country_measures_are_listed_and_kept_by_managers(world, api, manager_api):  # type: ignore[no-untyped-def]
    listed = api.get("/api/country-measures/?country=RU").json()
    assert {m["kind"] for m in listed["results"]} == {"arms_embargo", "sectoral"}
    body = {
        "country": "KR",
        "kind": "sectoral",
        "title_en": "Test",
        "legal_reference": "Reg. (EU) 1/2026",
        "cn_prefixes": "",
        "effective_from": TODAY.isoformat(),
    }
    assert (
        api.post("/api/country-measures/", body, content_type="application/json").status_code == 403
    )
    refused = manager_api.post("/api/country-measures/", body, content_type="application/json")
    assert refused.status_code == 400 and "cn_prefixes" in refused.json()
    body["cn_prefixes"] = "7323"
    made = manager_api.post("/api/country-measures/", body, content_type="application/json")
    assert made.status_code == 201
    assert CountryMeasure.objects.get(pk=made.json()["id"]).prefixes == ["7323"]
    check = api.get(f"/api/licence-allocations/check/?shipment={world.shipment.pk}").json()
    assert any("CF-24-RG" in r and "7323" in r for r in check["refusals"])


def test_a_product_id_too_long_for_the_database_is_a_json_404(world, api):  # type: ignore[no-untyped-def]
    response = api.get("/api/dual-use/" + "9" * 30 + "/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
