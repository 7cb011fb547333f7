"""The tracking screens: timeline, events, planned dates, containers, the status report
import with its preview, the home page's late steps; both languages, no write on GET."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comptoir.shipping import services
from comptoir.shipping.inputs import EventValues, MilestonePlan
from comptoir.shipping.models import Container, Milestone, Shipment, Step, TrackingEvent

from .factories import shipment

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _english(client):  # type: ignore[no-untyped-def]
    # Profiles default to French; the assertions read the English texts unless told.
    client.cookies["comptoir_language"] = "en"


def _get(client, url: str, language: str = "en"):  # type: ignore[no-untyped-def]
    client.cookies["comptoir_language"] = language
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(WRITES)], url
    return response.content.decode()


def test_the_timeline_flags_late_steps_and_shows_events(assistant_client, assistant) -> None:
    s = shipment(containers=("MSCU1234566",))
    services.plan_milestones(
        shipment=s,
        plans=[
            MilestonePlan(step=Step.PICKUP, planned_on=timezone.localdate() - dt.timedelta(days=4)),
            MilestonePlan(
                step=Step.DEPARTURE, planned_on=timezone.localdate() + dt.timedelta(days=3)
            ),
        ],
        user=assistant,
    )
    services.record_event(
        shipment=s,
        event=EventValues(
            occurred_at=timezone.now() - dt.timedelta(hours=5),
            description="Vessel delayed by weather",
            location="Le Havre",
            locode="FRLEH",
            container_number="MSCU1234566",
        ),
        user=assistant,
    )
    page = _get(assistant_client, s.get_absolute_url())
    assert re.search(r'class="late"\s+id="step-pickup"', page) and "late by 4 days" in page
    assert 'id="step-departure"' in page
    assert not re.search(r'class="late"\s+id="step-departure"', page)
    assert "Vessel delayed by weather" in page and "MSCU1234566" in page
    assert "by e-mail when it happens" in page  # departure and arrival are announced
    page_fr = _get(assistant_client, s.get_absolute_url(), "fr")
    assert "en retard de 4 jours" in page_fr
    home = _get(assistant_client, "/")
    assert s.number in home and "Late steps" in home
    late_list = _get(assistant_client, reverse("shipping:shipment_list") + "?late=1")
    assert s.number in late_list


def test_an_event_out_of_order_is_refused_on_the_form(assistant_client, assistant) -> None:
    s = shipment()
    url = reverse("shipping:event_add", args=[s.pk])
    now = timezone.localtime()
    done = assistant_client.post(
        url,
        {
            "occurred_at": (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "step": "departure",
            "description": "Loaded on board",
            "location": "Le Havre",
            "locode": "frleh",
        },
    )
    assert done.status_code == 302
    milestone = Milestone.objects.get(shipment=s, step="departure")
    assert milestone.actual_at is not None and milestone.location == "Le Havre"
    assert TrackingEvent.objects.get(shipment=s).locode == "FRLEH"
    assert Shipment.objects.get(pk=s.pk).status == "in_transit"
    refused = assistant_client.post(
        url,
        {
            "occurred_at": (now - dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "step": "arrival",
            "description": "Arrived",
        },
    )
    assert refused.status_code == 400
    assert "contradicts Departure" in refused.content.decode()
    assert TrackingEvent.objects.filter(shipment=s).count() == 1


def test_plan_the_dates_in_order(assistant_client) -> None:
    s = shipment()
    url = reverse("shipping:milestones_plan", args=[s.pk])
    _get(assistant_client, url)
    refused = assistant_client.post(
        url, {"departure_date": "2026-12-20", "arrival_date": "2026-12-10"}
    )
    assert refused.status_code == 200 and "is planned before" in refused.content.decode()
    saved = assistant_client.post(
        url,
        {
            "departure_date": "2026-12-10",
            "departure_place": "Le Havre",
            "transhipment_date": "2026-12-14",
            "transhipment_place": "Tanger Med",
            "arrival_date": "2026-12-18",
        },
    )
    assert saved.status_code == 302
    plan = {m.step: m for m in Milestone.objects.filter(shipment=s)}
    assert plan["transhipment"].planned_on == dt.date(2026, 12, 14)  # a step added
    assert plan["arrival"].planned_on == dt.date(2026, 12, 18)
    assert "export_clearance" in plan  # the steps already there stay


def test_containers_with_their_check_digit_and_vgm(assistant_client) -> None:
    s = shipment()
    url = reverse("shipping:containers_edit", args=[s.pk])
    assert "Conteneurs de" in _get(assistant_client, url, "fr")
    assistant_client.cookies["comptoir_language"] = "en"
    form = {
        "containers-TOTAL_FORMS": "2",
        "containers-INITIAL_FORMS": "0",
        "containers-0-number": "MSCU1234567",
        "containers-0-gross_weight_kg": "18000",
        "containers-0-verified_gross_mass_kg": "17000",
        "containers-1-number": "",
    }
    refused = assistant_client.post(url, form)
    text = refused.content.decode()
    assert "check digit should be 6" in text and "cannot be at or below" in text
    form.update(
        {
            "containers-0-number": "mscu 123456-6",
            "containers-0-verified_gross_mass_kg": "21900",
            "containers-0-seal_number": "FX123456",
            "containers-0-equipment_code": "40hc",
        }
    )
    assert assistant_client.post(url, form).status_code == 302
    container = Container.objects.get(shipment=s)
    assert (container.number, container.equipment_code) == ("MSCU1234566", "40HC")
    # shown again unchanged and saved: kept
    again = {
        "containers-TOTAL_FORMS": "1",
        "containers-INITIAL_FORMS": "1",
        "containers-0-number": "MSCU1234566",
        "containers-0-seal_number": "FX123456",
    }
    assert assistant_client.post(url, again).status_code == 302
    assert Container.objects.filter(shipment=s).count() == 1


def test_a_status_report_checked_then_imported(
    assistant_client, assistant, settings, tmp_path
) -> None:
    settings.VAR_DIR = tmp_path
    s = shipment()
    url = reverse("shipping:status_report")
    assert "Vérifier le fichier" in _get(assistant_client, url, "fr")
    assistant_client.cookies["comptoir_language"] = "en"
    content = (
        "N° expédition;Date/heure;Statut;Lieu\n"
        f"{s.number};20/11/2026 10:00;Chargé à bord;Le Havre\n"
        f"{s.number};21/11/2026 10:00;Arrivé;Casablanca\n"
        "EXP-1999-00001;21/11/2026 10:00;Arrivé;Casablanca\n"
    ).encode()
    checked = assistant_client.post(
        url, {"file": SimpleUploadedFile("statut.csv", content), "time_zone": "Europe/Paris"}
    )
    page = checked.content.decode()
    assert checked.status_code == 200
    assert 'id="report-errors"' in page and "EXP-1999-00001" in page
    assert "Import 2 events" in page
    assert TrackingEvent.objects.count() == 0  # the preview writes nothing
    token = checked.context["token"]
    imported = assistant_client.post(url, {"token": token})
    assert imported.status_code == 200 and "2 events imported" in imported.content.decode()
    assert Shipment.objects.get(pk=s.pk).status == "arrived"
    # the kept file is used once only
    again = assistant_client.post(url, {"token": token})
    assert again.status_code == 302 and TrackingEvent.objects.count() == 2


def test_a_reader_sees_the_timeline_but_no_forms(reader_client, assistant) -> None:
    s = shipment()
    page = _get(reader_client, s.get_absolute_url())
    assert 'id="timeline"' in page and 'id="event-form"' not in page
    assert reader_client.get(reverse("shipping:status_report")).status_code == 403
    assert reader_client.get(reverse("shipping:containers_edit", args=[s.pk])).status_code == 403
