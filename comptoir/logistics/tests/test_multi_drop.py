"""Multi-drop load plans (issue 18): lines with a delivery stop, pallets per stop, the last
stop loaded first, and the stops on the plan page, the 3D view, the loading list and the API."""

from __future__ import annotations

import io
import json

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from comptoir.documents import loadplan as presentation
from comptoir.logistics import planning, services
from comptoir.logistics.inputs import FreightPrices, PlanHeader, PlanLineValues, PlanOptions
from comptoir.logistics.models import LoadPlan, LoadPlanLine
from comptoir.trade.packing.plan_result import PlanResult

from .test_load_plans import form_data, product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(client, monkeypatch):
    client.cookies["comptoir_language"] = "en"
    monkeypatch.setattr(planning, "PALLET_TIME_S", 0.3)
    monkeypatch.setattr(planning, "VEHICLE_TIME_S", 0.3)


def stops_plan(pallet: str = LoadPlan.PalletChoice.EUR) -> LoadPlan:
    services.ensure_standard_equipment()
    a, b = product("A"), product("B", carton_length_cm=40)
    plan = LoadPlan.objects.create(title="Round", prices={"40DV": "2150"}, pallet=pallet)
    LoadPlanLine.objects.create(plan=plan, product=a, quantity=60, stop=1, stop_place="Lyon")
    LoadPlanLine.objects.create(plan=plan, product=b, quantity=40, stop=2, stop_place="Dijon")
    LoadPlanLine.objects.create(plan=plan, product=a, quantity=40, stop=3, stop_place="Metz")
    return plan


def _stop_of_items(result: PlanResult) -> list[tuple[int, float, float]]:
    return [(i.stop, i.x, i.x + i.dx) for u in result.units for i in u.items]


def test_each_stop_is_its_own_carton_type_and_pallets_never_mix_stops():
    plan = stops_plan()
    lines = planning.carton_lines(plan)
    assert [(line.stop, line.stop_place, line.box.stop) for line in lines] == [
        (1, "Lyon", 1),
        (2, "Dijon", 2),
        (3, "Metz", 3),
    ]
    # The same product at stops 1 and 3: two carton types, keys apart.
    assert lines[0].key != lines[2].key and lines[0].product == lines[2].product
    result = planning.compute(plan)
    assert result.violations == ()
    stop_of = {p.key: p.stop for p in result.products}
    for build in result.pallets:
        assert {stop_of[key] for key in build.cartons} == {build.stop}
    assert sorted({b.stop for b in result.pallets}) == [1, 2, 3]


def test_the_last_stop_is_loaded_first_and_stop_1_is_at_the_doors():
    result = planning.compute(stops_plan())
    (unit,) = result.units
    seq_by_stop = {s: [i.seq for i in unit.items if i.stop == s] for s in (1, 2, 3)}
    assert max(seq_by_stop[3]) < min(seq_by_stop[2])
    assert max(seq_by_stop[2]) < min(seq_by_stop[1])
    # Pallets are not stacked: nearer the doors (larger x) means an earlier stop.
    for stop, x, _x2 in _stop_of_items(result):
        for other, _ox, ox2 in _stop_of_items(result):
            if other < stop:
                assert ox2 > x  # an earlier stop never wholly behind a later one


def test_the_result_round_trips_with_its_stops():
    result = planning.compute(stops_plan())
    again = PlanResult.from_json(json.loads(json.dumps(result.to_json())))
    assert again == result
    assert again.stops() == [(1, "Lyon"), (2, "Dijon"), (3, "Metz")]
    # A result stored before multi-drop (no stop keys) reads as one stop.
    old = result.to_json()
    for p in old["products"]:
        p.pop("stop", None), p.pop("stop_place", None)
    for b in old["pallets"]:
        b.pop("stop", None)
    for u in old["units"]:
        for i in u["items"]:
            i.pop("stop", None)
    assert not PlanResult.from_json(old).multi_drop


def test_plan_page_3d_view_and_loading_list_show_the_stops(assistant_client):
    plan = stops_plan()
    plan.result = planning.compute(plan)
    plan.status = LoadPlan.Status.DONE
    plan.save()
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert 'id="stops"' in page
    assert "Stop 1 — Lyon" in page and "Stop 3 — Metz" in page
    assert "loaded first" in page and "Colour by delivery stop" in page
    viewer = presentation.viewer_data(plan.result, "en")
    boxes = viewer["units"][0]["boxes"]
    assert {b["stop"] for b in boxes} == {1, 2, 3}
    assert all("stop_color" in b and "Stop" in b["label"] for b in boxes)
    response = assistant_client.get(reverse("logistics:loading_list_pdf", args=[plan.pk]))
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Delivery stops" in text
    assert "Stop 2 — Dijon" in text and "delivered first, loaded last" in text


def test_a_single_stop_plan_shows_no_stops(assistant_client):
    services.ensure_standard_equipment()
    plan = LoadPlan.objects.create(title="One", prices={"20DV": "1450"})
    LoadPlanLine.objects.create(plan=plan, product=product("A"), quantity=40)
    plan.result = planning.compute(plan)
    plan.status = LoadPlan.Status.DONE
    plan.save()
    assert not plan.result.multi_drop
    assert [p.key for p in plan.result.products] == [f"P{plan.lines.get().product_id}"]
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert 'id="stops"' not in page
    assert "stop_color" not in json.dumps(presentation.viewer_data(plan.result, "en"))


def test_the_form_saves_stops_and_refuses_bad_ones(assistant_client):
    services.ensure_standard_equipment()
    a, b = product("A"), product("B")
    data = form_data(
        a,
        **{
            "lines-0-stop": "2",
            "lines-0-stop_place": "Dijon",
            "lines-1-product": str(b.pk),
            "lines-1-quantity": "10",
            "lines-1-stop": "1",
            "lines-1-stop_place": "Lyon",
        },
    )
    response = assistant_client.post(reverse("logistics:plan_create"), data)
    assert response.status_code == 302, response.content.decode()
    plan = LoadPlan.objects.get()
    assert sorted(plan.lines.values_list("stop", "stop_place")) == [(1, "Lyon"), (2, "Dijon")]
    for bad, message in [("0", "greater than or equal to 1"), ("51", "less than or equal to 50")]:
        response = assistant_client.post(
            reverse("logistics:plan_create"), {**data, "lines-0-stop": bad}
        )
        assert response.status_code == 200 and message in response.content.decode()
    # One stop, two places: refused, naming both.
    response = assistant_client.post(
        reverse("logistics:plan_create"), {**data, "lines-1-stop": "2"}
    )
    assert response.status_code == 200
    assert "Stop 2 is named both" in response.content.decode()
    assert LoadPlan.objects.count() == 1


def test_the_service_refuses_a_stop_out_of_range_or_named_twice():
    services.ensure_standard_equipment()
    a = product("A")
    values = {
        "header": PlanHeader(title="X", client=None, destination="", notes=""),
        "options": PlanOptions(
            pallet="eur",
            max_pallet_height_cm=180,
            stackable_pallets=False,
            single_product_pallets=False,
        ),
        "prices": FreightPrices("EUR", {"20DV": 1450}),
        "user": None,
    }
    with pytest.raises(ValidationError, match="between 1 and 50"):
        services.save_plan(lines=[PlanLineValues(a, 10, stop=0)], **values)
    with pytest.raises(ValidationError, match="named both"):
        services.save_plan(
            lines=[
                PlanLineValues(a, 10, stop=2, stop_place="Lyon"),
                PlanLineValues(a, 10, stop=2, stop_place="Dijon"),
            ],
            **values,
        )
    assert LoadPlan.objects.count() == 0


def test_the_api_takes_and_gives_the_stops(assistant_client):
    services.ensure_standard_equipment()
    a = product("A")
    body = {
        "title": "API round",
        "pallet": "eur",
        "prices": {"40DV": "2150"},
        "lines": [
            {"product": a.pk, "quantity": 20, "stop": 2, "stop_place": "Dijon"},
            {"product": a.pk, "quantity": 20},
        ],
    }
    response = assistant_client.post("/api/load-plans/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    lines = response.json()["lines"]
    assert [(line["stop"], line["stop_place"]) for line in lines] == [(2, "Dijon"), (1, "")]
    bad = assistant_client.post(
        "/api/load-plans/",
        {**body, "lines": [{"product": a.pk, "quantity": 20, "stop": 0}]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "stop" in json.dumps(bad.json())
