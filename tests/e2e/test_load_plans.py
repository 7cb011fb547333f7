"""A load plan in the browser: enter the goods, compute with a progress bar, turn the 3D view."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def products(db):  # type: ignore[no-untyped-def]
    from comptoir.catalog.models import Product
    from comptoir.logistics.services import ensure_standard_equipment

    ensure_standard_equipment()  # a browser test before this one emptied the tables

    common = {
        "hs_code": "732392",
        "origin_country": "FR",
        "net_weight_kg": Decimal("4.3"),
        "gross_weight_kg": Decimal("4.9"),
        "cost_price": Decimal("38.5"),
    }
    casserole = Product.objects.create(
        reference="CF-24-RG",
        name_fr="Cocotte fonte 24 cm",
        name_en="Cast-iron casserole 24 cm",
        units_per_carton=2,
        carton_length_cm=Decimal("54"),
        carton_width_cm=Decimal("33"),
        carton_height_cm=Decimal("20"),
        carton_gross_weight_kg=Decimal("10.4"),
        **common,
    )
    pan = Product.objects.create(
        reference="PX-28",
        name_fr="Poêle inox 28 cm",
        name_en="Stainless frying pan 28 cm",
        units_per_carton=6,
        carton_length_cm=Decimal("52"),
        carton_width_cm=Decimal("31"),
        carton_height_cm=Decimal("32"),
        carton_gross_weight_kg=Decimal("11.3"),
        **common,
    )
    return casserole, pan


@pytest.fixture
def job_worker(settings):  # type: ignore[no-untyped-def]
    """A worker of the database queue in a thread, as ``comptoir serve`` runs one beside it."""
    import threading

    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    worker = Worker(
        queue_names=["*"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e",
        excluded_queue_names=[],
    )

    def run() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True, name="job-worker")
    thread.start()
    yield worker
    worker.running = False
    thread.join(10)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_plan_a_delivery_and_turn_the_3d_view(logged_in, products, job_worker, language):
    # job_worker: the real thing, the plan is computed by a worker of the database queue.
    from comptoir.logistics import planning

    planning.PALLET_TIME_S, planning.VEHICLE_TIME_S = 0.3, 0.3
    page = logged_in
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/")
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}]")

    page.goto("/logistics/load-plans/new/")
    page.fill("#id_title", "Order 4711")
    page.fill("#id_destination", "Köln")
    casserole, pan = products
    page.select_option("#id_lines-0-product", str(casserole.pk))
    page.fill("#id_lines-0-quantity", "400")
    page.select_option("#id_lines-1-product", str(pan.pk))
    page.fill("#id_lines-1-quantity", "300")
    page.fill("#id_price_TRAILER136", "1350")
    page.fill("#id_price_SWAP72", "890")
    page.fill("#id_price_20DV", "")
    page.fill("#id_price_40DV", "")
    page.fill("#id_price_40HC", "")
    page.click("button[name=compute]")

    # The page comes back at once with a progress bar, then shows the plan by itself.
    page.wait_for_selector("#plan-progress, .loadview canvas")
    page.wait_for_selector(".loadview canvas[data-drawn]", timeout=60_000)
    canvas = page.locator(".loadview canvas").first
    drawn = int(canvas.get_attribute("data-drawn") or 0)
    # 200 + 50 cartons on pallets, plus one deck per pallet.
    assert drawn > 250
    assert canvas.get_attribute("data-view") == "iso"
    assert page.locator("#checker-ok").is_visible()
    assert page.locator("#candidates tr.chosen").count() == 1

    # Preset views, a drag to rotate, and the loading step slider.
    view_name = {"en": "Top", "fr": "Dessus"}[language]
    page.locator(".loadview").first.get_by_role("button", name=view_name, exact=True).click()
    assert canvas.get_attribute("data-view") == "top"
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 20, steps=5)
    page.mouse.up()
    assert canvas.get_attribute("data-view") == "free"
    slider = page.locator(".loadview input[type=range]").first
    slider.fill("1")
    page.wait_for_function(
        "c => Number(c.dataset.drawn) < 60", arg=canvas.element_handle(), timeout=5_000
    )

    # The layer views and the loading list for the warehouse.
    assert page.locator("#pallet-builds svg").count() >= 1
    response = page.request.get(page.locator("#loading-list-pdf").get_attribute("href") or "")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    assert errors == []


def test_a_multi_drop_round_shows_its_stops_and_colours_the_3d_view_by_stop(
    logged_in, products, job_worker
):
    from comptoir.logistics import planning

    planning.PALLET_TIME_S, planning.VEHICLE_TIME_S = 0.3, 0.3
    page = logged_in
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/")
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")

    page.goto("/logistics/load-plans/new/")
    page.fill("#id_title", "Rhineland round")
    casserole, pan = products
    page.select_option("#id_lines-0-product", str(casserole.pk))
    page.fill("#id_lines-0-quantity", "120")
    page.fill("#id_lines-0-stop", "1")
    page.fill("#id_lines-0-stop_place", "Köln")
    page.select_option("#id_lines-1-product", str(pan.pk))
    page.fill("#id_lines-1-quantity", "120")
    page.fill("#id_lines-1-stop", "2")
    page.fill("#id_lines-1-stop_place", "Essen")
    page.fill("#id_price_TRAILER136", "1350")
    for code in ("SWAP72", "20DV", "40DV", "40HC"):
        page.fill(f"#id_price_{code}", "")
    page.click("button[name=compute]")

    page.wait_for_selector(".loadview canvas[data-drawn]", timeout=60_000)
    stops = page.locator("#stops")
    assert stops.is_visible()
    assert "Stop 1 — Köln" in stops.inner_text() and "Stop 2 — Essen" in stops.inner_text()
    assert page.locator("#checker-ok").is_visible()
    button = page.locator(".loadview").first.get_by_role("button", name="Colour by delivery stop")
    assert button.is_visible()
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert int(page.locator(".loadview canvas").first.get_attribute("data-drawn") or 0) > 0
    assert errors == []
