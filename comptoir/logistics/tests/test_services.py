"""The logistics services take plain values, keyword only; the pages only read."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.logistics import planning, selectors, services
from comptoir.logistics.inputs import (
    EquipmentValues,
    FreightPrices,
    PlanHeader,
    PlanLineValues,
    PlanOptions,
)
from comptoir.logistics.models import Equipment, LoadPlan, LoadPlanLine
from comptoir.logistics.tests.test_load_plans import make_plan, product
from comptoir.parties.models import Company
from comptoir.trade.packing.plan_result import PlanResult

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    monkeypatch.setattr(planning, "PALLET_TIME_S", 0.3)
    monkeypatch.setattr(planning, "VEHICLE_TIME_S", 0.3)


def _save(lines, user, plan=None, title="Order 4711"):
    return services.save_plan(
        plan=plan,
        header=PlanHeader(title=title, destination="Newark"),
        options=PlanOptions(pallet="eur", max_pallet_height_cm=Decimal("180")),
        prices=FreightPrices("EUR", {"20DV": Decimal("1450")}),
        lines=lines,
        user=user,
    )


# ----------------------------------------------------------------- services take values


def test_save_plan_takes_keyword_values_not_forms(assistant):
    p = product("A")
    with pytest.raises(TypeError):
        services.save_plan(None, [], assistant)  # type: ignore[misc]
    plan = _save([PlanLineValues(p, 120)], assistant)
    assert plan.title == "Order 4711" and plan.destination == "Newark"
    assert plan.prices == {"20DV": "1450"} and plan.created_by == assistant
    assert [(line.product, line.quantity) for line in plan.lines.all()] == [(p, 120)]
    assert plan.history.first().history_user == assistant
    assert plan.lines.get().history.first().history_user == assistant


def test_editing_keeps_the_named_lines_removes_the_others_and_drops_the_result(assistant):
    a, b = product("A"), product("B")
    plan = _save([PlanLineValues(a, 120), PlanLineValues(b, 10)], assistant)
    plan.result = planning.compute(plan)
    plan.status = LoadPlan.Status.DONE
    plan.save()
    kept = plan.lines.get(product=a)
    _save([PlanLineValues(a, 60, line_id=kept.pk)], assistant, plan=plan, title="Changed")
    plan.refresh_from_db()
    assert plan.title == "Changed"
    assert plan.status == LoadPlan.Status.DRAFT and plan.result is None
    assert [(line.pk, line.quantity) for line in plan.lines.all()] == [(kept.pk, 60)]


def test_a_plan_needs_goods_in_positive_quantities(assistant):
    with pytest.raises(ValidationError, match="at least one product"):
        _save([], assistant)
    with pytest.raises(ValidationError, match="at least 1"):
        _save([PlanLineValues(product("A"), 0)], assistant)
    assert LoadPlan.objects.count() == 0


def test_a_reader_may_not_save_a_plan(reader):
    with pytest.raises(PermissionDenied):
        _save([PlanLineValues(product("A"), 1)], reader)


# ----------------------------------------------------------------- plan for a delivery


def test_plan_for_delivery_takes_plain_values_and_uses_the_usual_eur_prices(assistant):
    Equipment.objects.filter(code="TRAILER136").update(freight_price=Decimal("1350"))
    Equipment.objects.filter(code="40HC").update(freight_price=Decimal("2400"), currency="USD")
    client = Company.objects.create(name="Kölner Küchen GmbH", country="DE")
    p = product("A")
    plan = services.plan_for_delivery(
        delivery_number="BL2026-00012",
        client=client,
        destination="Köln",
        lines=[PlanLineValues(p, 120)],
        user=assistant,
    )
    assert plan.title == "Delivery BL2026-00012"
    assert (plan.client, plan.destination) == (client, "Köln")
    assert plan.prices == {"TRAILER136": "1350.00"}  # in EUR only
    assert plan.status == LoadPlan.Status.DRAFT and plan.created_by == assistant
    assert [(line.product, line.quantity) for line in plan.lines.all()] == [(p, 120)]
    assert plan.history.first().history_user == assistant


def test_plan_for_delivery_is_refused_to_a_reader(reader):
    client = Company.objects.create(name="X", country="DE")
    with pytest.raises(PermissionDenied):
        services.plan_for_delivery(
            delivery_number="BL1",
            client=client,
            destination="",
            lines=[PlanLineValues(product("A"), 1)],
            user=reader,
        )
    assert LoadPlan.objects.count() == 0 and LoadPlanLine.objects.count() == 0


# ----------------------------------------------------------------- no write on GET


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
    ]


def test_reading_the_pages_and_the_api_writes_nothing_even_without_equipment(assistant_client):
    # The containers page and the plan form created the standard types when none existed.
    plan = make_plan([(product("A"), 120)])
    plan.result = planning.compute(plan)
    plan.status = LoadPlan.Status.DONE
    plan.save()
    Equipment.objects.all().delete()
    history = Equipment.history.count()
    urls = [
        reverse("logistics:equipment_list"),
        reverse("logistics:plan_create"),
        reverse("logistics:plan_edit", args=[plan.pk]),
        reverse("logistics:plan_list"),
        plan.get_absolute_url(),
        reverse("logistics:plan_progress", args=[plan.pk]),
        "/api/load-plans/",
        f"/api/load-plans/{plan.pk}/",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        assert _writes(queries.captured_queries) == [], url
    assert Equipment.objects.count() == 0 and Equipment.history.count() == history


def test_the_standard_types_come_from_the_migration():
    assert sorted(Equipment.objects.values_list("code", flat=True)) == [
        "20DV",
        "40DV",
        "40HC",
        "SWAP72",
        "TRAILER136",
    ]


# ----------------------------------------------------------------- the typed result


def test_the_result_is_typed_and_stored_as_the_same_json():
    plan = make_plan([(product("A"), 120)])
    computed = planning.compute(plan)
    LoadPlan.objects.filter(pk=plan.pk).update(result=computed)
    plan.refresh_from_db()
    assert isinstance(plan.result, PlanResult) and plan.result == computed
    with connection.cursor() as cursor:
        cursor.execute("SELECT result FROM logistics_loadplan WHERE id = %s", [plan.pk])
        (raw,) = cursor.fetchone()
    stored = raw if isinstance(raw, dict) else json.loads(raw)
    assert stored == computed.to_json()
    assert stored["version"] == 1 and stored["total_cost"] == "1450"
    assert stored["units"][0]["items"][0].keys() == {
        "seq", "x", "y", "z", "dx", "dy", "dz", "pallet", "turned", "weight",
    }  # fmt: skip


def test_a_result_stored_before_the_type_existed_still_loads():
    # A result as the first version wrote it (no UN number yet), read back typed.
    old = {
        "version": 1,
        "currency": "EUR",
        "total_cost": "890",
        "pallet": None,
        "products": [
            {
                "key": "P1",
                "product_id": 1,
                "reference": "CF-24",
                "name_fr": "Cocotte",
                "name_en": "Casserole",
                "units": 4,
                "cartons": 2,
                "units_per_carton": 2,
                "carton": [60.0, 40.0, 30.0],
                "carton_weight": 10.4,
                "upright": True,
                "colour": "#4e79a7",
            }
        ],
        "pallets": [],
        "units": [
            {
                "code": "SWAP72",
                "name_fr": "Caisse mobile 7,20 m",
                "name_en": "Swap body 7.20 m",
                "price": "890",
                "length": 715.0,
                "width": 248.0,
                "height": 270.0,
                "payload": 16000.0,
                "door_height": None,
                "volume_utilisation": 0.01,
                "weight_utilisation": 0.001,
                "total_weight": 20.8,
                "cog": [30.0, 20.0, 30.0],
                "items": [
                    {"seq": 1, "x": 0, "y": 0, "z": 0, "dx": 60, "dy": 40, "dz": 30, "carton": "P1", "weight": 10.4},
                    {"seq": 2, "x": 0, "y": 0, "z": 30, "dx": 60, "dy": 40, "dz": 30, "carton": "P1", "weight": 10.4},
                ],
            }
        ],
        "candidates": [{"codes": ["SWAP72"], "cost": "890"}],
        "totals": {"cartons": 2, "pallets": 0, "gross_weight": 20.8, "volume_m3": 0.144, "units": 1},
        "violations": [],
        "elapsed_s": 0.02,
    }  # fmt: skip
    plan = make_plan([(product("A"), 4)])
    LoadPlan.objects.filter(pk=plan.pk).update(result=old, status=LoadPlan.Status.DONE)
    plan.refresh_from_db()
    assert plan.result is not None
    assert plan.result.total_cost == Decimal("890")
    assert plan.result.products[0].un_number == ""
    assert [item.carton for item in plan.result.units[0].items] == ["P1", "P1"]
    expected = dict(old, products=[dict(old["products"][0], un_number="")], stopped_by_clock=False)
    assert json.loads(json.dumps(plan.result.to_json())) == json.loads(json.dumps(expected))


def test_selectors_filter_the_plan_list():
    a = make_plan([(product("A"), 10)], destination="Newark")
    make_plan([(product("B"), 10)], destination="Köln")
    assert list(selectors.plans(search="newark")) == [a]
    assert list(selectors.plans(status="done")) == []
    assert selectors.plans(status="nonsense").count() == 2


# ----------------------------------------------------------------- equipment


def _box(**changes) -> EquipmentValues:
    values = {
        "code": "BOX10",
        "name_fr": "Caisse 10 m",
        "name_en": "Box 10 m",
        "kind": "truck",
        "length_cm": Decimal("1000"),
        "width_cm": Decimal("240"),
        "height_cm": Decimal("250"),
        "max_payload_kg": Decimal("12000"),
    }
    values.update(changes)
    return EquipmentValues(**values)


def test_equipment_is_saved_from_values_by_an_administrator(admin_user, assistant):
    box = services.save_equipment(values=_box(), user=admin_user)
    assert box.history.first().history_user == admin_user
    changed = services.save_equipment(
        equipment=box, values=_box(freight_price=Decimal("990")), user=admin_user
    )
    assert changed.pk == box.pk and changed.freight_price == Decimal("990")
    with pytest.raises(PermissionDenied):
        services.save_equipment(equipment=box, values=_box(name_en="X"), user=assistant)


def test_the_equipment_form_saves_through_the_service(admin_client, admin_user):
    data = {
        "code": "BOX10",
        "name_fr": "Caisse 10 m",
        "name_en": "Box 10 m",
        "kind": "truck",
        "length_cm": "1000",
        "width_cm": "240",
        "height_cm": "250",
        "max_payload_kg": "12000",
        "currency": "EUR",
        "is_active": "on",
    }
    response = admin_client.post(reverse("logistics:equipment_create"), data)
    assert response.status_code == 302
    box = Equipment.objects.get(code="BOX10")
    assert box.is_active and box.history.first().history_user == admin_user

    # An axle layout must be whole, its axles behind the king pin: said on the field.
    admin_client.cookies["comptoir_language"] = "en"
    half = {**data, "code": "BOX11", "axle_layout": "semi_trailer", "front_support_cm": "150"}
    response = admin_client.post(reverse("logistics:equipment_create"), half)
    assert response.status_code == 200 and not Equipment.objects.filter(code="BOX11").exists()
    assert "Needed for the axle loads." in response.content.decode()
    whole = {
        **half,
        "front_tare_kg": "2500",
        "front_limit_kg": "12000",
        "rear_axles_cm": "100",
        "rear_tare_kg": "4500",
        "rear_limit_kg": "24000",
    }
    response = admin_client.post(reverse("logistics:equipment_create"), whole)
    assert "The rear axles must lie behind the king pin or front axle." in response.content.decode()
    response = admin_client.post(
        reverse("logistics:equipment_create"), {**whole, "rear_axles_cm": "900"}
    )
    assert response.status_code == 302
    assert Equipment.objects.get(code="BOX11").axle_layout_figures() is not None
