"""Export control pages in French and English: lists, a measure, a licence with what is left,
the product, country and shipment sections, the classification and licence forms, the
allocation from the shipment page; no write on GET."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.export_control import selectors, services
from comptoir.export_control.inputs import AllocationValues
from comptoir.export_control.models import Allocation, CountryMeasure, Licence

from .conftest import TODAY, licence_values

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def _language(http, code: str) -> None:  # type: ignore[no-untyped-def]
    http.post(reverse("set_language"), {"language": code})


def test_every_page_reads_without_writing(world, assistant_client) -> None:  # type: ignore[no-untyped-def]
    services.allocate(line=world.dryer_line, values=AllocationValues(world.licence.pk), user=None)
    measure = CountryMeasure.objects.get(country="RU", kind="sectoral")
    urls = [
        reverse("export_control:measure_list"),
        reverse("export_control:measure_list") + "?country=ru&in_force=1&q=833",
        reverse("export_control:measure_detail", args=[measure.pk]),
        reverse("export_control:licence_list") + "?valid=1&q=SBDU",
        reverse("export_control:licence_detail", args=[world.licence.pk]),
        reverse("export_control:product_list"),
        world.dryer.get_absolute_url(),
        world.shipment.get_absolute_url(),
        reverse("parties:country_detail", args=["RU"]),
        reverse("history", args=["export_control", "licence", world.licence.pk]),
    ]
    assistant_client.get(urls[0])
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = assistant_client.get(url)
        assert response.status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url


def test_the_pages_speak_french_and_english(world, assistant_client) -> None:  # type: ignore[no-untyped-def]
    services.allocate(line=world.dryer_line, values=AllocationValues(world.licence.pk), user=None)
    _language(assistant_client, "fr")
    licence = assistant_client.get(world.licence.get_absolute_url()).content.decode()
    assert "Imputé et restant" in licence and "Seoul" in licence
    left = licence.split('id="quantity-left">')[1].split("</td>")[0]
    assert left.strip() == "2"
    country = assistant_client.get(reverse("parties:country_detail", args=["KP"])).content
    assert "Mesures restrictives de l" in country.decode()
    assert "Métaux, machines, véhicules et produits de luxe" in country.decode()
    _language(assistant_client, "en")
    country = assistant_client.get(reverse("parties:country_detail", args=["KP"])).content
    assert "Metals, machinery, vehicles and luxury goods" in country.decode()
    product = assistant_client.get(world.dryer.get_absolute_url()).content.decode()
    assert "2B352.e" in product and "Australia Group" in product
    assert world.licence.number in product


def test_the_shipment_section_shows_what_is_missing_and_offers_the_licence(
    world, assistant_client
) -> None:  # type: ignore[no-untyped-def]
    _language(assistant_client, "en")
    page = assistant_client.get(world.shipment.get_absolute_url()).content.decode()
    assert 'id="export-control"' in page
    assert "needs an export licence for KR: none is allocated" in page
    unclassified = page.split('id="export-unclassified"')[1].split("</p>")[0]
    assert "CF-24-RG" in unclassified and "LYO-12" not in unclassified
    assert f'<option value="{world.licence.pk}">{world.licence.number}</option>' in page
    response = assistant_client.post(
        reverse("export_control:allocate", args=[world.dryer_line.pk]),
        {"licence": world.licence.pk, "value": ""},
    )
    assert response.status_code == 302
    assert Allocation.objects.get().quantity == world.dryer_line.quantity
    page = assistant_client.get(world.shipment.get_absolute_url()).content.decode()
    assert "Covered" in page
    # a second allocation of the same line is refused with the reason, nothing written
    response = assistant_client.post(
        reverse("export_control:allocate", args=[world.dryer_line.pk]),
        {"licence": world.licence.pk},
        follow=True,
    )
    assert "already takes from licence" in response.content.decode()
    assert Allocation.objects.count() == 1
    allocation = Allocation.objects.get()
    assistant_client.post(reverse("export_control:allocation_remove", args=[allocation.pk]))
    assert not Allocation.objects.exists()


def test_the_licence_list_marks_those_expiring_soon(world, assistant_client) -> None:  # type: ignore[no-untyped-def]
    _language(assistant_client, "en")
    page = assistant_client.get(reverse("export_control:licence_list")).content.decode()
    assert "expires soon" not in page
    services.save_licence(
        licence=world.licence,
        values=licence_values(valid_until=TODAY + dt.timedelta(days=20)),
        user=None,
    )
    page = assistant_client.get(reverse("export_control:licence_list")).content.decode()
    assert "expires soon" in page


def test_an_assistant_cannot_record_a_licence_nor_classify(world, assistant_client) -> None:  # type: ignore[no-untyped-def]
    assert assistant_client.get(reverse("export_control:licence_create")).status_code == 403
    response = assistant_client.get(reverse("export_control:classify", args=[world.pan.pk]))
    assert response.status_code == 403
    page = assistant_client.get(world.pan.get_absolute_url()).content.decode()
    assert 'id="classify-product"' not in page


def test_a_manager_classifies_a_product_and_a_wrong_number_is_marked(
    world, client, manager
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    _language(client, "fr")
    url = reverse("export_control:classify", args=[world.pan.pk])
    page = client.post(url, {"control_number": "5A9X"}).content.decode()
    assert "n&#x27;est pas un numéro de contrôle de l&#x27;annexe I" in page
    assert selectors.classification(world.pan) is None
    response = client.post(url, {"control_number": "", "basis": "Cast iron, no electronics"})
    assert response.status_code == 302
    page = client.get(world.pan.get_absolute_url()).content.decode()
    assert "Non listé à l" in page and "annexe I (vérifié le" in page


def test_a_manager_records_a_licence_and_errors_name_the_fields(world, client, manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    _language(client, "en")
    url = reverse("export_control:licence_create")
    data = {
        "number": "EU001-REG-2026",
        "kind": "eu_general",
        "eu_authorisation": "",
        "authority": "SBDU",
        "countries": "",
        "control_numbers": "2B352",
        "currency": "EUR",
        "valid_from": "2026-01-01",
    }
    page = client.post(url, data).content.decode()
    assert "Choose the Union general authorisation" in page
    data["eu_authorisation"] = "EU001"
    response = client.post(url, data)
    assert response.status_code == 302
    licence = Licence.objects.get(number="EU001-REG-2026")
    assert "JP" in licence.country_list and licence.valid_until is None


def test_a_manager_adds_a_measure_from_the_country_page(world, client, manager) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    _language(client, "en")
    page = client.get(reverse("parties:country_detail", args=["KR"])).content.decode()
    assert "No measure recorded for this country." in page
    assert reverse("export_control:measure_create") + "?country=KR" in page
    response = client.post(
        reverse("export_control:measure_create"),
        {
            "country": "KR",
            "kind": "sectoral",
            "title_en": "Test",
            "legal_reference": "Reg. (EU) 1/2026",
            "cn_prefixes": "7323 8419.39",
            "effective_from": "2026-01-01",
        },
    )
    assert response.status_code == 302
    assert CountryMeasure.objects.get(country="KR").prefixes == ["7323", "841939"]
