"""Shipment pages: list, detail, create from a delivery, enter one by hand, change; French
and English; reading writes nothing; a read-only user changes nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from comptoir.shipping import services
from comptoir.shipping.models import Shipment
from comptoir.web.templatetags.comptoir import history_url

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _speaks(user, language: str) -> None:  # type: ignore[no-untyped-def]
    user.profile.language = language
    user.profile.save()


def _form_data(shipment: Shipment, **changes: str) -> dict[str, str]:
    data = {
        "direction": shipment.direction,
        "mode": shipment.mode,
        "partner": str(shipment.partner_id),
        "incoterm": shipment.incoterm,
        "incoterm_place": shipment.incoterm_place,
        "origin_country": shipment.origin_country,
        "destination_country": shipment.destination_country,
        "value": str(shipment.value),
        "currency": shipment.currency,
        "gross_weight_kg": str(shipment.gross_weight_kg),
        "net_weight_kg": str(shipment.net_weight_kg),
        "notify_steps": ["departure", "arrival"],
    }
    data.update(changes)
    return data  # type: ignore[return-value]


def test_create_from_the_delivery_page(assistant_client, delivery) -> None:  # type: ignore[no-untyped-def]
    page = assistant_client.get(delivery.get_absolute_url())
    assert b'id="create-shipment"' in page.content
    response = assistant_client.post(
        reverse("shipping:shipment_from_delivery", args=[delivery.pk]), {"mode": "sea_lcl"}
    )
    shipment = Shipment.objects.get()
    assert response.status_code == 302 and response["Location"] == shipment.get_absolute_url()
    assert shipment.mode == "sea_lcl"
    # the delivery page now links to its shipment instead of offering a new one
    page = assistant_client.get(delivery.get_absolute_url())
    assert shipment.number.encode() in page.content and b'id="create-shipment"' not in page.content


def test_pages_in_both_languages_write_nothing(assistant_client, assistant, delivery) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    urls = [
        reverse("shipping:shipment_list"),
        reverse("shipping:shipment_list") + "?late=1&mode=air&q=EXP",
        shipment.get_absolute_url(),
        reverse("shipping:shipment_edit", args=[shipment.pk]),
        reverse("shipping:shipment_create"),
        history_url(shipment),  # who changed what, from the page's History button
    ]
    assistant_client.get("/")
    for language, word in (("fr", "Expédition"), ("en", "Shipment")):
        _speaks(assistant, language)
        assistant_client.get("/")
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = assistant_client.get(url)
            assert response.status_code == 200, url
            writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
            assert writes == [], url
        detail = assistant_client.get(shipment.get_absolute_url())
        assert word in detail.content.decode()
    translation.activate("en")


def test_edit_shows_errors_and_saves(assistant_client, assistant, delivery) -> None:  # type: ignore[no-untyped-def]
    _speaks(assistant, "en")
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    url = reverse("shipping:shipment_edit", args=[shipment.pk])
    bad = assistant_client.post(
        url, _form_data(shipment, gross_weight_kg="1", loading_locode="LE HAVRE")
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "The gross weight cannot be lower than the net weight." in text
    assert "UN/LOCODE" in text
    good = assistant_client.post(
        url, _form_data(shipment, loading_locode="frcdg", flight="AF276", insured_value="900")
    )
    assert good.status_code == 302
    shipment.refresh_from_db()
    assert (shipment.loading_locode, shipment.flight) == ("FRCDG", "AF276")


def test_enter_an_import_by_hand(assistant_client, clients) -> None:  # type: ignore[no-untyped-def]
    supplier = clients["de"]
    data = {
        "direction": "import",
        "mode": "sea_lcl",
        "partner": str(supplier.pk),
        "incoterm": "FOB",
        "incoterm_place": "Ningbo",
        "origin_country": "CN",
        "destination_country": "FR",
        "value": "12000",
        "currency": "USD",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-description": "Enamelled steel pans",
        "lines-0-hs_code": "732394",
        "lines-0-origin_country": "CN",
        "lines-0-quantity": "1200",
        "lines-0-net_weight_kg": "1800",
        "lines-0-gross_weight_kg": "2100",
        "lines-0-value": "12000",
    }
    response = assistant_client.post(reverse("shipping:shipment_create"), data)
    shipment = Shipment.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert shipment.number.startswith("IMP-") and shipment.lines.get().quantity == 1200
    # China -> France crosses the customs border: both clearance steps are planned
    assert shipment.milestones.filter(step="import_clearance").exists()


def test_a_reader_cannot_change_a_shipment(reader_client, delivery) -> None:  # type: ignore[no-untyped-def]
    shipment = services.create_from_deliveries(deliveries=[delivery], mode="air", user=None)
    response = reader_client.post(
        reverse("shipping:shipment_status", args=[shipment.pk]), {"status": "cancelled"}
    )
    assert response.status_code == 403
    shipment.refresh_from_db()
    assert shipment.status == "booked" or shipment.status == "planned"
