"""The customs pages in English and French: every page renders with no write on GET, the
forms go through the services, the tariff exports and the carnet's goods list as PDF."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from comptoir.customs import services
from comptoir.customs.inputs import CarnetItemValues, CarnetValues, EntryValues, ExportValues
from comptoir.customs.models import ExportDeclaration, ImportEntry, TariffRate

from .conftest import TODAY, mrn

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")
D = Decimal


@pytest.fixture
def records(world):  # type: ignore[no-untyped-def]
    entry = services.entry_from_shipment(
        shipment=world.inbound,
        values=EntryValues(declared_on=TODAY, currency="USD", exchange_rate=D("1.08")),
        user=None,
    )
    export = services.create_export(
        shipment=world.outbound,
        values=ExportValues(
            mrn=mrn("26FR000690000042A"),
            office_of_export="FR000690",
            declared_on=TODAY - dt.timedelta(days=35),
        ),
        user=None,
    )
    carnet = services.create_carnet(
        values=CarnetValues(
            number="FR/2026/0042",
            issuing_chamber="CCI Paris Île-de-France",
            holder="Comptoir SAS",
            purpose="exhibition",
            event="FOODEX Japan, Tokyo",
            issued_on=TODAY,
            items=(
                CarnetItemValues(
                    "Cocotte en fonte 24 cm", D("12"), D("1440.00"), "FR", "C24-01/12"
                ),
                CarnetItemValues("Stand display", D("1"), D("2500.00"), "FR"),
            ),
        ),
        user=None,
    )
    return entry, export, carnet


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_renders_without_writing(assistant_client, world, records, language) -> None:  # type: ignore[no-untyped-def]
    entry, export, carnet = records
    rate = TariffRate.objects.first()
    assert rate is not None
    line = entry.lines.first()
    assert line is not None
    urls = [
        reverse("customs:home"),
        reverse("customs:tariff_list") + "?code=73181595",
        reverse("customs:tariff_new"),
        reverse("customs:tariff_edit", args=[rate.pk]),
        reverse("customs:tariff_import"),
        reverse("customs:import_list"),
        reverse("customs:import_new") + f"?shipment={world.inbound.pk}",
        reverse("customs:import_detail", args=[entry.pk]),
        reverse("customs:import_edit", args=[entry.pk]),
        reverse("customs:line_edit", args=[entry.pk, line.pk]),
        reverse("customs:line_new", args=[entry.pk]),
        reverse("customs:export_list") + "?proof=late",
        reverse("customs:export_new", args=[world.outbound.pk]),
        reverse("customs:export_detail", args=[export.pk]),
        reverse("customs:carnet_list"),
        reverse("customs:carnet_new"),
        reverse("customs:carnet_detail", args=[carnet.pk]),
        reverse("customs:procedure_list"),
        reverse("customs:procedure_new"),
        reverse("shipping:shipment_detail", args=[world.outbound.pk]),
        reverse("shipping:shipment_detail", args=[world.inbound.pk]),
    ]
    assistant_client.cookies["django_language"] = language
    with translation.override(language):
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = assistant_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, url
            writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
            assert not writes, (url, writes)
    page = assistant_client.get(reverse("customs:export_list") + "?proof=late")
    assert export.mrn in page.content.decode()
    shipment_page = assistant_client.get(
        reverse("shipping:shipment_detail", args=[world.outbound.pk])
    ).content.decode()
    assert "shipment-customs" in shipment_page and export.mrn in shipment_page


def test_french_labels(assistant_client, records) -> None:  # type: ignore[no-untyped-def]
    entry, _, _ = records
    with translation.override("fr"):
        html = assistant_client.get(
            reverse("customs:import_detail", args=[entry.pk]), HTTP_ACCEPT_LANGUAGE="fr"
        ).content.decode()
    assert "Valeur en douane" in html
    assert "autoliquid" in html.lower() or "CA3" in html


def test_new_import_from_a_shipment_by_the_form(assistant_client, world) -> None:  # type: ignore[no-untyped-def]
    response = assistant_client.post(
        reverse("customs:import_new"),
        {
            "shipment": world.inbound.pk,
            "declared_on": TODAY.isoformat(),
            "currency": "USD",
            "exchange_rate": "1.0850",
            "freight_to_border": "900",
            "insurance_to_border": "0",
            "transport_to_destination": "0",
            "postponed_vat": "on",
            "vat_recoverable": "on",
            "broker_fees": "95",
            "tolerance": "1",
        },
    )
    entry = ImportEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert entry.lines.count() == 2 and entry.duty > 0


def test_broker_form_and_check(assistant_client, records) -> None:  # type: ignore[no-untyped-def]
    entry, _, _ = records
    data = {"mrn": mrn("26FR002300001234H"), "duty": str(entry.duty + D("25"))}
    assistant_client.post(reverse("customs:import_broker", args=[entry.pk]), data)
    page = assistant_client.get(reverse("customs:import_detail", args=[entry.pk])).content.decode()
    assert 'id="differences"' in page and "badge err" in page
    assistant_client.post(
        reverse("customs:import_check", args=[entry.pk]),
        {"status": "disputed", "note": "Duty on the wrong code"},
    )
    entry.refresh_from_db()
    assert entry.status == "disputed"


def test_export_form_refuses_a_wrong_mrn(assistant_client, world) -> None:  # type: ignore[no-untyped-def]
    good = mrn("26FR000690000077A")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    response = assistant_client.post(
        reverse("customs:export_new", args=[world.outbound.pk]),
        {"mrn": wrong, "office_of_export": "FR000690", "declared_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert (
        "check character" in response.content.decode()
        or "clé de contrôle" in response.content.decode()
    )
    assert not ExportDeclaration.objects.exists()


def test_tariff_exports_neutralise_formulas(assistant_client, world) -> None:  # type: ignore[no-untyped-def]
    services.save_rate(
        values=services.TariffValues(
            code="8481", kind="third_country", ad_valorem_pct=D("2.2"), source="=HYPERLINK(1)"
        ),
        user=None,
    )
    csv = assistant_client.get(reverse("customs:tariff_list") + "?format=csv").content.decode()
    assert "code" in csv.splitlines()[0]
    assert "'=HYPERLINK" in csv or "=HYPERLINK" not in csv
    xlsx = assistant_client.get(reverse("customs:tariff_list") + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_tariff_import_page_lists_bad_rows(assistant_client, world) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("t.csv", b"code,kind,ad_valorem_pct\n84,nonsense,x\n", "text/csv")
    response = assistant_client.post(reverse("customs:tariff_import"), {"file": upload})
    html = response.content.decode()
    assert 'id="problems"' in html and ("Not a number." in html or "pas un nombre" in html)


@pytest.mark.parametrize(("language", "title"), [("fr", "liste générale"), ("en", "general list")])
def test_carnet_goods_list_pdf(assistant_client, records, language, title) -> None:  # type: ignore[no-untyped-def]
    _, _, carnet = records
    response = assistant_client.get(reverse("customs:carnet_pdf", args=[carnet.pk, language]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert title in text.lower()
    assert "C24-01/12" in text and "FR/2026/0042" in text


def test_reader_sees_but_cannot_write(reader_client, records) -> None:  # type: ignore[no-untyped-def]
    entry, _, _ = records
    assert reader_client.get(reverse("customs:import_detail", args=[entry.pk])).status_code == 200
    response = reader_client.post(
        reverse("customs:import_check", args=[entry.pk]), {"status": "checked", "note": "x"}
    )
    assert response.status_code == 403


def test_history_and_tariff_form(assistant_client, records) -> None:  # type: ignore[no-untyped-def]
    entry, _, _ = records
    history = assistant_client.get(reverse("history", args=["customs", "importentry", entry.pk]))
    assert history.status_code == 200
    response = assistant_client.post(
        reverse("customs:tariff_new"),
        {
            "code": "8481",
            "kind": "preferential",
            "agreement": "ceta",
            "ad_valorem_pct": "0",
            "specific_amount": "0",
        },
    )
    assert response.status_code == 302
    assert TariffRate.objects.filter(code="8481", agreement="CETA").exists()
    refused = assistant_client.post(
        reverse("customs:tariff_new"),
        {"code": "8481", "kind": "preferential", "ad_valorem_pct": "0", "specific_amount": "0"},
    )
    assert refused.status_code == 200 and "has-error" in refused.content.decode()
    assert TariffRate.objects.filter(code="8481").count() == 1


def test_broker_form_refused_keeps_what_was_typed_with_the_error_on_the_mrn(
    assistant_client, records
) -> None:  # type: ignore[no-untyped-def]
    entry, _, _ = records
    good = mrn("26FR002300001234H")
    wrong = good[:-1] + ("A" if good[-1] != "A" else "B")
    response = assistant_client.post(
        reverse("customs:import_broker", args=[entry.pk]), {"mrn": wrong, "duty": "417.68"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="field-mrn"' in page and "has-error" in page and "clé de contrôle" in page
    assert f'value="{wrong}"' in page and 'value="417.68"' in page
    entry.refresh_from_db()
    assert entry.mrn != wrong and not entry.has_broker_figures
