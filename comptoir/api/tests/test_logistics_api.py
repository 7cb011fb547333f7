"""Load plans and the packing engine through the API."""

from decimal import Decimal

import pytest

from comptoir.catalog.models import Product
from comptoir.logistics import planning
from comptoir.logistics.models import LoadPlan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    monkeypatch.setattr(planning, "PALLET_TIME_S", 0.3)
    monkeypatch.setattr(planning, "VEHICLE_TIME_S", 0.3)


@pytest.fixture
def carton_product():
    return Product.objects.create(
        reference="CF-24",
        name_fr="Cocotte",
        name_en="Casserole",
        hs_code="732392",
        origin_country="FR",
        net_weight_kg=Decimal("4.3"),
        gross_weight_kg=Decimal("4.9"),
        units_per_carton=2,
        carton_length_cm=Decimal("60"),
        carton_width_cm=Decimal("40"),
        carton_height_cm=Decimal("30"),
        carton_gross_weight_kg=Decimal("10.4"),
        cost_price=Decimal("38.5"),
    )


def test_create_a_plan_compute_it_and_read_the_result(assistant_client, carton_product):
    body = {
        "title": "Order 4711",
        "pallet": "eur",
        "prices": {"20DV": "1450", "40DV": "2150"},
        "lines": [{"product": carton_product.pk, "quantity": 120}],
    }
    created = assistant_client.post("/api/load-plans/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"
    computed = assistant_client.post(f"/api/load-plans/{pk}/compute/")
    assert computed.status_code == 202
    plan = assistant_client.get(f"/api/load-plans/{pk}/").json()
    assert plan["status"] == "done"
    assert plan["total_cost"] == "1450.00"
    assert [u["code"] for u in plan["result"]["units"]] == ["20DV"]
    assert plan["result"]["totals"]["pallets"] == 3


def test_bad_plans_are_refused_with_the_field_and_nothing_saved(assistant_client, carton_product):
    body = {
        "title": "Order 4711",
        "prices": {"20DV": "-1"},
        "lines": [{"product": carton_product.pk, "quantity": 0}],
    }
    response = assistant_client.post("/api/load-plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert "quantity" in str(response.json()["lines"]), response.json()
    body["lines"][0]["quantity"] = 10
    response = assistant_client.post("/api/load-plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert "20DV" in response.json()["prices"]
    body["prices"] = {"SHIP": "100"}
    response = assistant_client.post("/api/load-plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert "SHIP" in response.json()["prices"]
    assert LoadPlan.objects.count() == 0


def test_read_only_users_cannot_create_plans(reader_client, carton_product):
    body = {
        "title": "x",
        "prices": {"20DV": "1"},
        "lines": [{"product": carton_product.pk, "quantity": 1}],
    }
    response = reader_client.post("/api/load-plans/", body, content_type="application/json")
    assert response.status_code == 403


def test_pack_endpoint_plans_a_load_and_names_a_bad_box(reader_client):
    problem = {
        "container": {"length": 100, "width": 100, "height": 100},
        "boxes": [{"id": "cube", "l": 50, "w": 50, "h": 50, "quantity": 8}],
        "options": {"time_limit_s": 0.5},
    }
    response = reader_client.post("/api/pack", problem, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["volume_utilisation"] == pytest.approx(1.0)
    assert response.json()["violations"] == []
    problem["boxes"][0]["l"] = 150
    response = reader_client.post("/api/pack", problem, content_type="application/json")
    assert response.status_code == 400
    assert "cube" in response.json()["error"]


def test_pack_endpoint_refuses_an_unbounded_quantity_naming_the_field(reader_client):
    # 10**12 tiny boxes took the server from 0.4 to over 6 GB: refused before any work.
    problem = {
        "container": {"length": 587, "width": 233, "height": 220},
        "boxes": [{"id": "dust", "l": 1, "w": 1, "h": 1, "quantity": 10**12}],
        "options": {"time_limit_s": 0.5},
    }
    response = reader_client.post("/api/pack", problem, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "boxes.0.quantity"
    problem["boxes"][0]["quantity"] = 1
    problem["options"]["time_limit_s"] = 10**9
    response = reader_client.post("/api/pack", problem, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "options.time_limit_s"


def test_load_plan_lines_beyond_the_engine_limit_are_refused_naming_the_line(
    assistant_client, carton_product
):
    body = {
        "title": "Too much",
        "prices": {"20DV": "1450"},
        "lines": [{"product": carton_product.pk, "quantity": 2_000_000_000}],
    }
    response = assistant_client.post("/api/load-plans/", body, content_type="application/json")
    assert response.status_code == 400
    assert "at most" in str(response.json()["lines"][0]["quantity"])


def test_pack_endpoint_refuses_a_huge_body_before_reading_it(reader_client):
    box = {"id": "x", "l": 1, "w": 1, "h": 1, "quantity": 1}
    problem = {
        "container": {"length": 100, "width": 100, "height": 100},
        "boxes": [dict(box, id=f"B{i}") for i in range(60_000)],
    }
    response = reader_client.post("/api/pack", problem, content_type="application/json")
    assert response.status_code == 400
    assert "bytes of JSON" in response.json()["error"]
