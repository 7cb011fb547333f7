"""Load plans: from products and quantities to pallets, vehicles, views and the loading list."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdf
import pypdfium2
import pytest
from django.urls import reverse

from comptoir.catalog.models import Product
from comptoir.documents import loadplan as presentation
from comptoir.documents import loadplan_drawings as drawings
from comptoir.logistics import planning, runner, services
from comptoir.logistics.forms import EquipmentForm
from comptoir.logistics.models import Equipment, LoadPlan, LoadPlanLine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(client, monkeypatch):
    client.cookies["comptoir_language"] = "en"  # the profile's default is French
    # Small problems: a short search per pallet and per vehicle keeps the tests fast.
    monkeypatch.setattr(planning, "PALLET_TIME_S", 0.3)
    monkeypatch.setattr(planning, "VEHICLE_TIME_S", 0.3)


def product(reference: str, **overrides) -> Product:
    values = {
        "reference": reference,
        "name_fr": f"Produit {reference}",
        "name_en": f"Product {reference}",
        "hs_code": "732392",
        "origin_country": "FR",
        "net_weight_kg": Decimal("4.3"),
        "gross_weight_kg": Decimal("4.9"),
        "units_per_carton": 2,
        "carton_length_cm": Decimal("60"),
        "carton_width_cm": Decimal("40"),
        "carton_height_cm": Decimal("30"),
        "carton_gross_weight_kg": Decimal("10.4"),
        "cost_price": Decimal("38.5"),
    }
    values.update(overrides)
    return Product.objects.create(**values)


def make_plan(lines, prices=None, **fields) -> LoadPlan:
    services.ensure_standard_equipment()
    plan = LoadPlan.objects.create(
        title="Test",
        prices=prices if prices is not None else {"20DV": "1450", "40DV": "2150"},
        **fields,
    )
    for prod, quantity in lines:
        LoadPlanLine.objects.create(plan=plan, product=prod, quantity=quantity)
    return plan


def test_cartons_come_from_the_packaging_and_lines_of_one_product_add_up():
    p = product("CF-24")
    plan = make_plan([(p, 7), (p, 4)])
    (line,) = planning.carton_lines(plan)
    assert line.units == 11
    assert line.box.quantity == 6  # 11 units at 2 per carton: 5 full cartons and a last one
    assert (line.box.l, line.box.w, line.box.h, line.box.weight) == (60, 40, 30, 10.4)
    assert line.box.allowed_vertical == (False, False, True)  # this side up by default


def test_a_product_without_carton_data_is_named():
    p = product("NO-CARTON", units_per_carton=None)
    plan = make_plan([(p, 10)])
    with pytest.raises(planning.LoadPlanError, match="NO-CARTON"):
        planning.carton_lines(plan)


def test_a_plan_without_prices_says_what_to_enter():
    plan = make_plan([(product("A"), 10)], prices={})
    with pytest.raises(planning.LoadPlanError, match="freight price"):
        planning.compute(plan)


def test_compute_palletises_then_picks_the_cheapest_vehicle_and_passes_the_checker():
    # 60 cartons of 60x40x30 at 10.4 kg: 4 per layer on a EUR pallet, 5 layers under 180 cm,
    # so 20 per pallet and 3 pallets: one 20' is cheaper than one 40'.
    plan = make_plan([(product("A"), 120)])
    result = planning.compute(plan)
    assert result.violations == ()
    assert result.totals.cartons == 60
    assert result.totals.pallets == 3
    assert [p.cartons for p in result.pallets] == [{f"P{plan.lines.get().product_id}": 20}] * 3
    (unit,) = result.units
    assert unit.code == "20DV"
    assert result.total_cost == Decimal("1450")
    assert sorted(item.pallet or 0 for item in unit.items) == [1, 2, 3]
    assert [item.seq for item in unit.items] == [1, 2, 3]
    # Gross weight: cartons plus the pallets' tare (25 kg per EUR pallet).
    assert result.totals.gross_weight == pytest.approx(60 * 10.4 + 3 * 25)


def test_floor_loaded_cartons_fill_the_vehicle_directly():
    plan = make_plan([(product("A"), 40)], pallet=LoadPlan.PalletChoice.NONE)
    result = planning.compute(plan)
    assert result.pallet is None and result.pallets == ()
    (unit,) = result.units
    assert len(unit.items) == 20
    assert all(item.carton is not None for item in unit.items)
    assert result.violations == ()


def test_single_product_pallets_first():
    a, b = product("A"), product("B", carton_length_cm=Decimal("40"))
    plan = make_plan([(a, 90), (b, 6)])  # 45 cartons of A: 2 full pallets of 20 + 5 left
    result = planning.compute(plan)
    contents = [p.cartons for p in result.pallets]
    key_a, key_b = f"P{a.pk}", f"P{b.pk}"
    assert contents[:2] == [{key_a: 20}, {key_a: 20}]
    assert contents[2:] == [{key_a: 5, key_b: 3}]


def test_the_3d_view_draws_each_pallet_deck_and_its_cartons():
    plan = make_plan([(product("A"), 120)])
    result = planning.compute(plan)
    data = presentation.viewer_data(result, "en")
    (unit,) = data["units"]
    decks = [b for b in unit["boxes"] if b["color"] == drawings.PALLET_COLOUR]
    assert len(decks) == 3
    assert len(unit["boxes"]) == 3 + 60
    # Every carton lies within its pallet's footprint and above its deck.
    for deck in decks:
        cartons = [b for b in unit["boxes"] if b["group"] == deck["group"] and b is not deck]
        assert len(cartons) == 20
        for c in cartons:
            assert deck["x"] - 1e-6 <= c["x"] and c["x"] + c["dx"] <= deck["x"] + deck["dx"] + 1e-6
            assert deck["y"] - 1e-6 <= c["y"] and c["y"] + c["dy"] <= deck["y"] + deck["dy"] + 1e-6
            assert c["z"] >= deck["z"] + deck["dz"] - 1e-6


def test_identical_pallet_layers_are_drawn_once():
    plan = make_plan([(product("A"), 120)])
    result = planning.compute(plan)
    (pattern,) = drawings.pallet_patterns(result)
    assert pattern.numbers == [1, 2, 3]
    (group,) = pattern.layers
    assert (group.first, group.last, len(group.rows)) == (1, 5, 4)
    assert (group.z_from, group.z_to) == (0, 120)


def test_the_top_view_numbers_every_item_by_loading_step():
    plan = make_plan([(product("A"), 120)])
    result = planning.compute(plan)
    unit = result.units[0]
    svg = drawings.top_view(unit, result.products_by_key())
    assert svg.count("<rect") == 1 + 3  # the floor and three pallets
    for step in ("1", "2", "3"):
        assert f">{step}</text>" in svg


# ----------------------------------------------------------------------------- screens


def form_data(prod: Product, quantity: str = "120", **overrides: str) -> dict[str, str]:
    data = {
        "title": "Order 4711",
        "destination": "Newark",
        "pallet": "eur",
        "max_pallet_height_cm": "180",
        "single_product_pallets": "on",
        "currency": "EUR",
        "price_20DV": "1450",
        "price_40DV": "2150",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-product": str(prod.pk),
        "lines-0-quantity": quantity,
    }
    data.update(overrides)
    return data


def test_create_and_compute_a_plan_from_the_screen(assistant_client):
    services.ensure_standard_equipment()
    prod = product("A")
    response = assistant_client.post(
        reverse("logistics:plan_create"), {**form_data(prod), "compute": "1"}
    )
    plan = LoadPlan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.status == LoadPlan.Status.DONE
    assert plan.prices == {"20DV": "1450", "40DV": "2150"}
    assert plan.total_cost == Decimal("1450")
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert 'id="plan-viewer-data"' in page and 'class="loadview"' in page
    assert "checker-ok" in page
    assert "Pallet builds" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"lines-0-quantity": "0"}, "greater than or equal to 1"),
        ({"lines-0-quantity": "-5"}, "greater than or equal to 1"),
        ({"price_20DV": "", "price_40DV": ""}, "at least one container or truck"),
        ({"price_20DV": "-3"}, "greater than or equal to 0"),
        ({"max_pallet_height_cm": "20"}, "greater than or equal to 40"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(assistant_client, overrides, message):
    services.ensure_standard_equipment()
    prod = product("A")
    response = assistant_client.post(reverse("logistics:plan_create"), form_data(prod, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode(), response.content.decode()
    assert LoadPlan.objects.count() == 0 and LoadPlanLine.objects.count() == 0


def test_a_plan_that_cannot_be_computed_shows_why(assistant_client):
    services.ensure_standard_equipment()
    prod = product("HUGE", carton_length_cm=Decimal("700"))  # longer than a 20' and a pallet
    assistant_client.post(reverse("logistics:plan_create"), {**form_data(prod), "compute": "1"})
    plan = LoadPlan.objects.get()
    assert plan.status == LoadPlan.Status.FAILED
    assert "HUGE" in plan.error or f"P{prod.pk}" in plan.error
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert "could not be computed" in page


def test_read_only_users_see_plans_but_cannot_create_or_compute(reader_client):
    plan = make_plan([(product("A"), 10)])
    assert reader_client.get(plan.get_absolute_url()).status_code == 200
    assert reader_client.get(reverse("logistics:plan_create")).status_code == 403
    assert reader_client.post(reverse("logistics:plan_compute", args=[plan.pk])).status_code == 403
    plan.refresh_from_db()
    assert plan.status == LoadPlan.Status.DRAFT


def test_editing_a_computed_plan_asks_for_a_new_computation(assistant_client):
    services.ensure_standard_equipment()
    prod = product("A")
    assistant_client.post(reverse("logistics:plan_create"), {**form_data(prod), "compute": "1"})
    plan = LoadPlan.objects.get()
    line = plan.lines.get()
    data = form_data(prod, "60", **{"lines-INITIAL_FORMS": "1", "lines-0-id": str(line.pk)})
    assistant_client.post(reverse("logistics:plan_edit", args=[plan.pk]), data)
    plan.refresh_from_db()
    assert plan.status == LoadPlan.Status.DRAFT and plan.result is None
    assert plan.lines.get().quantity == 60


def test_one_computation_at_a_time():
    plan = make_plan([(product("A"), 10)])
    LoadPlan.objects.filter(pk=plan.pk).update(status=LoadPlan.Status.RUNNING)
    plan.refresh_from_db()
    assert runner.start(plan=plan, user=None, language="en") is False
    assert not runner.is_stale(plan)


def test_progress_fragment_asks_htmx_to_reload_when_done(assistant_client):
    plan = make_plan([(product("A"), 10)])
    LoadPlan.objects.filter(pk=plan.pk).update(
        status=LoadPlan.Status.RUNNING, progress=40, progress_message="Palletising"
    )
    url = reverse("logistics:plan_progress", args=[plan.pk])
    running = assistant_client.get(url, HTTP_HX_REQUEST="true")
    assert "40 %" in running.content.decode() and "HX-Refresh" not in running
    assert 'hx-trigger="every 1s"' in running.content.decode()
    LoadPlan.objects.filter(pk=plan.pk).update(status=LoadPlan.Status.DONE)
    done = assistant_client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_loading_list_pdf_lists_the_steps_and_renders(assistant_client):
    services.ensure_standard_equipment()
    prod = product("CF-24")
    assistant_client.post(reverse("logistics:plan_create"), {**form_data(prod), "compute": "1"})
    plan = LoadPlan.objects.get()
    response = assistant_client.get(reverse("logistics:loading_list_pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"Loading list — {plan.reference}" in text
    assert "Pallet 1" in text and "Pallet 3" in text
    assert "20' dry container" in text or "20'" in text
    assert "Build A: 3 pallets" in text
    # Three pallets against the front wall of a 20' container: the balance says so.
    assert "Balance: centre of gravity" in text
    assert "Out of the CTU Code's tolerances" in text and "towards the front wall" in text
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert "weight is in the front half of the length" in page
    # Rendered to an image, the first page is not blank.
    image = pypdfium2.PdfDocument(response.content)[0].render(scale=0.5).to_pil().convert("L")
    assert image.getextrema()[0] < 100


def test_loading_list_pdf_in_french(assistant_client):
    services.ensure_standard_equipment()
    prod = product("CF-24")
    assistant_client.post(reverse("logistics:plan_create"), {**form_data(prod), "compute": "1"})
    plan = LoadPlan.objects.get()
    assistant_client.cookies["comptoir_language"] = "fr"
    response = assistant_client.get(reverse("logistics:loading_list_pdf", args=[plan.pk]))
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Liste de chargement" in text and "Palette 1" in text
    assert "Équilibre : centre de gravité" in text and "vers la paroi avant" in text


def test_no_loading_list_before_the_plan_is_computed(assistant_client):
    plan = make_plan([(product("A"), 10)])
    response = assistant_client.get(reverse("logistics:loading_list_pdf", args=[plan.pk]))
    assert response.status_code == 302


def test_standard_equipment_is_installed_once_with_the_core_figures():
    # The data migration installed them; installing again adds nothing.
    assert Equipment.objects.count() == 5
    assert services.ensure_standard_equipment() == 0
    Equipment.objects.all().delete()
    assert services.ensure_standard_equipment() == 5
    hc = Equipment.objects.get(code="40HC")
    assert (hc.length_cm, hc.width_cm, hc.height_cm) == (
        Decimal("1203.2"),
        Decimal("235.2"),
        Decimal("269.8"),
    )
    assert hc.door_height_cm == Decimal("258.5")
    assert Equipment.objects.get(code="TRAILER136").door_height_cm is None
    # The trucks come with their axle layout (editable defaults), the containers without.
    trailer = Equipment.objects.get(code="TRAILER136")
    assert trailer.axle_layout == "semi_trailer" and trailer.rear_limit_kg == Decimal("24000")
    assert trailer.axle_layout_figures() is not None
    assert Equipment.objects.get(code="20DV").axle_layout_figures() is None


def test_a_trailer_plan_shows_its_axle_loads_and_distribution_diagram(assistant_client):
    services.ensure_standard_equipment()
    prod = product("A")
    data = form_data(prod, quantity="600", price_TRAILER136="900")
    del data["price_20DV"], data["price_40DV"]
    assistant_client.post(reverse("logistics:plan_create"), {**data, "compute": "1"})
    plan = LoadPlan.objects.get()
    assert [u.code for u in plan.result.units] == ["TRAILER136"]
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert "Axle loads" in page and "King pin" in page and "Trailer axles" in page
    assert "Load distribution diagram" in page and "axle-chart" in page
    assistant_client.cookies["comptoir_language"] = "fr"
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert "Charges à l&#x27;essieu" in page or "Charges à l'essieu" in page
    assert "Le pivot d&#x27;attelage" in page or "Le pivot d'attelage" in page


def test_a_door_higher_than_the_vehicle_is_refused():
    form = EquipmentForm(
        data={
            "code": "X",
            "name_fr": "X",
            "name_en": "X",
            "kind": "container",
            "length_cm": "600",
            "width_cm": "235",
            "height_cm": "239",
            "door_height_cm": "250",
            "max_payload_kg": "20000",
            "currency": "EUR",
        }
    )
    assert not form.is_valid() and "door_height_cm" in form.errors


def test_a_line_asking_for_more_cartons_than_the_engine_takes_is_refused(assistant_client):
    # Units become cartons (2 per carton here): 200 000 units are 100 000 cartons.
    services.ensure_standard_equipment()
    prod = product("A")
    response = assistant_client.post(
        reverse("logistics:plan_create"), form_data(prod, quantity="200000")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "a load plan takes at most" in page and "100\u202f000 cartons" in page
    assert LoadPlan.objects.count() == 0


def test_lines_adding_up_to_too_many_cartons_are_refused(assistant_client):
    services.ensure_standard_equipment()
    prod = product("A")
    data = form_data(prod, quantity="60000", **{"lines-1-product": "", "lines-1-quantity": ""})
    data.update({"lines-1-product": str(prod.pk), "lines-1-quantity": "60000"})
    response = assistant_client.post(reverse("logistics:plan_create"), data)
    assert "60\u202f000 cartons: a load plan takes at most" in response.content.decode()
    assert LoadPlan.objects.count() == 0


def test_a_saved_plan_beyond_the_limit_fails_with_a_clear_message():
    plan = make_plan([(product("A"), 2_000_000)])
    with pytest.raises(planning.LoadPlanError, match="at most"):
        planning.carton_lines(plan)


def test_a_floor_loaded_container_prints_a_bounded_loading_list(assistant_client, monkeypatch):
    # 7 820 cartons, one table row and one numbered rectangle each, took WeasyPrint 6.5
    # minutes; cartons loaded alike at one height are one row, columns one rectangle.
    services.ensure_standard_equipment()
    small = product(
        "S",
        units_per_carton=1,
        carton_length_cm=Decimal("60"),
        carton_width_cm=Decimal("40"),
        carton_height_cm=Decimal("40"),
        carton_gross_weight_kg=Decimal("2"),
    )
    plan = make_plan([(small, 200)], prices={"20DV": "1450"}, pallet="none")
    plan.result = planning.compute(plan)
    plan.status = LoadPlan.Status.DONE
    plan.save()
    plan.refresh_from_db()
    assert plan.result is not None
    (unit,) = plan.result.units
    assert len(unit.items) == 200
    steps = presentation.grouped_steps(presentation.loading_steps(plan.result, unit, "en"))
    assert len(steps) <= 200 // 2
    assert sum(s["count"] for s in steps) == 200
    top = drawings.top_view(unit, plan.result.products_by_key())
    assert top.count("<rect") < 200 // 3  # one per column of stacked cartons (and the frame)
    monkeypatch.setattr(presentation, "MAX_PRINTED_STEPS", 3)
    response = assistant_client.get(reverse("logistics:loading_list_pdf", args=[plan.pk]))
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "The printed list stops here" in text


def test_a_vehicle_beyond_the_planner_limits_is_refused_on_its_form():
    form = EquipmentForm(
        data={
            "code": "BIG",
            "name_fr": "X",
            "name_en": "X",
            "kind": "container",
            "length_cm": "90000",
            "width_cm": "235",
            "height_cm": "239",
            "max_payload_kg": "5000000",
            "currency": "EUR",
        }
    )
    assert not form.is_valid()
    assert "length_cm" in form.errors and "max_payload_kg" in form.errors


def test_a_single_product_pallet_says_its_layer_pattern(assistant_client):
    services.ensure_standard_equipment()
    prod = product("A")  # 60 x 40 x 30 cm: 4 a layer on EUR (the area bound), 5 layers
    assistant_client.post(reverse("logistics:plan_create"), {**form_data(prod), "compute": "1"})
    plan = LoadPlan.objects.get()
    result = plan.result
    assert result is not None
    patterns = {p.pattern for p in result.pallets}
    (pattern,) = patterns
    assert pattern is not None
    assert (pattern.kind, pattern.per_layer, pattern.layers) == ("block", 4, 5)
    assert pattern.layer_optimal and pattern.pallet_optimal
    text = "Pattern: block, 4 per layer × 5 layers, in columns"
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert text in page
    response = assistant_client.get(reverse("logistics:loading_list_pdf", args=[plan.pk]))
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    pdf = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Pattern: block, 4 per layer" in pdf


def test_overhang_allowed_gives_more_cartons_a_layer(assistant_client):
    services.ensure_standard_equipment()
    prod = product(
        "B",
        carton_length_cm=Decimal("41"),
        carton_width_cm=Decimal("27"),
        carton_height_cm=Decimal("20"),
        carton_this_side_up=True,
    )
    assistant_client.post(
        reverse("logistics:plan_create"),
        {**form_data(prod, quantity="300", pallet_overhang_cm="2"), "compute": "1"},
    )
    plan = LoadPlan.objects.get()
    assert plan.pallet_overhang_cm == Decimal("2")
    result = plan.result
    assert result is not None and result.pallet is not None
    assert result.pallet.overhang == 2
    first = result.pallets[0]
    assert first.pattern is not None and first.pattern.per_layer == 9  # 3 x 3 on 124 x 84
    assert not result.violations
    # In the vehicle the loaded pallet takes 124 x 84 and its deck lies inside.
    pallets = [i for u in result.units for i in u.items if i.pallet is not None]
    assert {tuple(sorted((i.dx, i.dy))) for i in pallets} == {(84, 124)}
    data = presentation.viewer_data(result, "en")
    decks = [b for u in data["units"] for b in u["boxes"] if b["color"] == drawings.PALLET_COLOUR]
    assert {tuple(sorted((d["dx"], d["dy"]))) for d in decks} == {(80, 120)}
    page = assistant_client.get(plan.get_absolute_url()).content.decode()
    assert "overhang up to 2 cm per side" in page
    assert 'stroke-dasharray="5 3"' in page  # the deck's edge in the layer drawing


def test_too_much_overhang_is_refused(assistant_client):
    services.ensure_standard_equipment()
    prod = product("A")
    response = assistant_client.post(
        reverse("logistics:plan_create"), form_data(prod, pallet_overhang_cm="12")
    )
    assert response.status_code == 200
    assert "less than or equal to 10" in response.content.decode()
    assert LoadPlan.objects.count() == 0


def test_results_stored_before_patterns_still_load():
    from comptoir.trade.packing.plan_result import PalletBuild, PalletSpec

    build = PalletBuild.from_json(
        {"n": 1, "height": 100.0, "weight": 50.0, "cartons": {"P1": 1}, "placements": []}
    )
    assert build.pattern is None
    assert PalletBuild.from_json(build.to_json()) == build
    spec = PalletSpec.from_json(
        {
            "name": "EUR",
            "length": 120,
            "width": 80,
            "deck": 14.4,
            "tare": 25,
            "max_height": 180,
            "stackable": False,
            "single_product": True,
        }
    )
    assert spec.overhang == 0


def test_the_product_page_shows_its_pallet_patterns(assistant_client):
    prod = product(
        "PW",
        carton_length_cm=Decimal("35"),
        carton_width_cm=Decimal("21"),
        carton_height_cm=Decimal("22"),
        carton_this_side_up=True,
    )
    page = assistant_client.get(prod.get_absolute_url()).content.decode()
    assert 'id="product-pallet-pattern"' in page
    # EUR: the pinwheel holds 12 a layer (a block 10), 7 layers of 22 cm in 165.6 cm.
    assert "Pattern: pinwheel, 12 per layer × 7 layers" in page
    assert "84 cartons a pallet" in page
    bare = product("NO", carton_length_cm=None)
    page = assistant_client.get(bare.get_absolute_url()).content.decode()
    assert 'id="product-pallet-pattern"' not in page
