"""A forwarder's status report read and imported: columns in French and English, dates in
time zones, statuses mapped to steps, duplicates, bounded input, errors per row."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from comptoir.documents import tabular
from comptoir.shipping import services, status_report
from comptoir.shipping.inputs import EventValues
from comptoir.shipping.models import Milestone, Shipment, Step, TrackingEvent

from .factories import shipment

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def _import(text: str, user, zone: str = "Europe/Paris", name: str = "report.csv"):  # type: ignore[no-untyped-def]
    return services.import_status_report(
        stream=_csv(text), filename=name, time_zone=zone, user=user
    )


def _actual(s: Shipment, step: str) -> dt.datetime | None:
    return Milestone.objects.get(shipment=s, step=step).actual_at


# ----------------------------------------------------------------------------- mapping


@pytest.mark.parametrize(
    ("code", "status", "step"),
    [
        ("", "Gate in full", Step.PICKUP),
        ("", "Loaded on vessel", Step.DEPARTURE),
        ("LOD", "", Step.DEPARTURE),
        ("DEP", "whatever the text", Step.DEPARTURE),
        ("", "Vessel departed Le Havre - ETA 2026-12-20", Step.DEPARTURE),
        ("", "Transhipment Tanger Med", Step.TRANSHIPMENT),
        ("ARR", "", Step.ARRIVAL),
        ("", "Discharged", Step.ARRIVAL),
        ("", "Customs cleared", status_report.CLEARANCE),
        ("", "Dédouanement import terminé", Step.IMPORT_CLEARANCE),
        ("DLV", "", Step.DELIVERY),
        ("", "Livré au destinataire", Step.DELIVERY),
        ("", "POD", Step.PROOF_OF_DELIVERY),
        ("", "Marchandise prête", Step.READY),
        ("", "Enlevé chez l'expéditeur", Step.PICKUP),
        ("", "Chargé à bord", Step.DEPARTURE),
        ("", "Arrivée au port", Step.ARRIVAL),
        # announcements and failures date no step
        ("", "Estimated arrival", ""),
        ("", "Delivery attempt failed", ""),
        ("", "Départ retardé", ""),
        ("", "Gate in empty", ""),
        ("", "Customs hold", ""),
        ("", "Livraison prévue le 12/12", ""),
        ("", "Booking confirmed", ""),
    ],
)
def test_statuses_map_to_steps(code: str, status: str, step: str) -> None:
    assert status_report.step_for(code, status) == step


def test_columns_are_recognised_by_their_french_or_english_header() -> None:
    found, ignored = status_report.recognise_columns(
        ["N° B/L", "Date/heure", "Statut", "Lieu", "UN/LOCODE", "Remarques", "Navire"]
    )
    assert found == {
        "transport_document": "N° B/L",
        "datetime": "Date/heure",
        "status": "Statut",
        "place": "Lieu",
        "locode": "UN/LOCODE",
        "remarks": "Remarques",
    }
    assert ignored == ["Navire"]
    found, _ignored = status_report.recognise_columns(
        ["Container No.", "Event date", "Status code", "Event", "Location", "Time zone", "ETA"]
    )
    assert set(found) == {"container", "datetime", "code", "status", "place", "time_zone", "eta"}


# ----------------------------------------------------------------------------- dates


def test_dates_with_or_without_their_time_zone() -> None:
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    at, date_only = status_report.parse_moment("05/11/2026 14:30", "", shanghai)
    assert at.astimezone(dt.UTC) == dt.datetime(2026, 11, 5, 6, 30, tzinfo=dt.UTC)
    assert not date_only
    at, _ = status_report.parse_moment("2026-11-05T14:30:00+01:00", "", shanghai)
    assert at.astimezone(dt.UTC) == dt.datetime(2026, 11, 5, 13, 30, tzinfo=dt.UTC)
    at, _ = status_report.parse_moment("2026-11-05 14:30Z", "", shanghai)
    assert at.astimezone(dt.UTC) == dt.datetime(2026, 11, 5, 14, 30, tzinfo=dt.UTC)
    at, date_only = status_report.parse_moment("05-NOV-2026", "", PARIS)
    assert date_only and at == dt.datetime(2026, 11, 5, 12, 0, tzinfo=PARIS)
    at, _ = status_report.parse_moment("05.11.26", "08h15", PARIS)
    assert at == dt.datetime(2026, 11, 5, 8, 15, tzinfo=PARIS)
    at, _ = status_report.parse_moment("05/janv./2026 08:00", "", PARIS)
    assert at == dt.datetime(2026, 1, 5, 8, 0, tzinfo=PARIS)
    with pytest.raises(status_report.BadValue):
        status_report.parse_moment("31/02/2026", "", PARIS)
    with pytest.raises(status_report.BadValue):
        status_report.parse_moment("next tuesday", "", PARIS)


# ----------------------------------------------------------------------------- import


def test_an_english_report_dates_the_steps_and_moves_the_status(assistant) -> None:
    s = shipment(containers=("MSCU1234566",), transport_document_number="MEDU 8812 345")
    report = _import(
        "B/L No.,Container,Event date,Status,Location,UN/LOCODE,Remarks\n"
        "MEDU8812345,MSCU1234566,2026-11-20 09:10,Gate in full,Le Havre,FRLEH,\n"
        "MEDU8812345,MSCU1234566,2026-11-21 22:00,Loaded on vessel,Le Havre,FRLEH,MSC Aurora\n"
        "MEDU8812345,MSCU1234566,2026-11-22 06:00,Vessel departed,Le Havre,FRLEH,\n"
        "MEDU8812345,MSCU1234566,2026-11-26 13:00,Arrived,Tanger Med,MAPTM,\n"
        "MEDU8812345,MSCU1234566,2026-11-28 07:00,Vessel departed,Tanger Med,MAPTM,\n",
        assistant,
    )
    assert report.problems == [] and report.imported == 5 and report.shipments == 1
    s.refresh_from_db()
    assert s.status == Shipment.Status.IN_TRANSIT
    assert _actual(s, Step.PICKUP) == dt.datetime(2026, 11, 20, 9, 10, tzinfo=PARIS)
    # a step is dated by its first event: loaded on board, not the departure hours later
    assert _actual(s, Step.DEPARTURE) == dt.datetime(2026, 11, 21, 22, 0, tzinfo=PARIS)
    # an arrival at a port that is not the port of discharge is a transhipment
    assert _actual(s, Step.TRANSHIPMENT) == dt.datetime(2026, 11, 26, 13, 0, tzinfo=PARIS)
    assert Milestone.objects.get(shipment=s, step=Step.DEPARTURE).location == "Le Havre"
    events = TrackingEvent.objects.filter(shipment=s)
    assert events.count() == 5
    assert {e.source for e in events} == {"import"}
    assert events.get(description__startswith="Loaded").description == (
        "Loaded on vessel — MSC Aurora"
    )
    assert events.get(description__startswith="Loaded").container_number == "MSCU1234566"
    last = s.history.latest()
    assert last.history_user == assistant and "report.csv" in (last.history_change_reason or "")


def test_a_french_report_in_a_chosen_time_zone_with_a_customs_release(assistant) -> None:
    s = shipment()
    report = _import(
        "N° expédition;Date/heure;Statut;Lieu;Fuseau horaire\n"
        f"{s.number};20/11/2026 10:00;Chargé à bord;Le Havre;Europe/Paris\n"
        f"{s.number};28/11/2026 09:00;Arrivée au port;Casablanca;\n"
        f"{s.number};29/11/2026 16:00;Dédouané;Casablanca;\n"
        f"{s.number};30/11/2026;Livré;Casablanca;\n",
        assistant,
        zone="Africa/Casablanca",
    )
    assert report.problems == [] and report.imported == 4
    s.refresh_from_db()
    assert s.status == Shipment.Status.DELIVERED
    casablanca = zoneinfo.ZoneInfo("Africa/Casablanca")
    assert _actual(s, Step.DEPARTURE) == dt.datetime(2026, 11, 20, 10, 0, tzinfo=PARIS)
    assert _actual(s, Step.ARRIVAL) == dt.datetime(2026, 11, 28, 9, 0, tzinfo=casablanca)
    # "Dédouané" after the departure is the import clearance (a step added to the route)
    assert _actual(s, Step.IMPORT_CLEARANCE) == dt.datetime(2026, 11, 29, 16, 0, tzinfo=casablanca)
    # a date without a time is taken at noon where it happened
    assert _actual(s, Step.DELIVERY) == dt.datetime(2026, 11, 30, 12, 0, tzinfo=casablanca)


def test_the_same_report_twice_imports_nothing_more(assistant) -> None:
    s = shipment()
    text = (
        "Shipment,Date,Status\n"
        f"{s.number},2026-11-20 10:00,Picked up\n"
        f"{s.number},2026-11-20 10:00,Picked up\n"  # twice in the file
        f"{s.number},2026-11-22 10:00,Departed\n"
    )
    first = _import(text, assistant)
    assert first.imported == 2 and first.duplicates == [3]
    second = _import(text, assistant)
    assert second.imported == 0 and second.duplicates == [2, 3, 4]
    assert TrackingEvent.objects.filter(shipment=s).count() == 2


def test_each_bad_row_is_listed_and_the_good_ones_imported(assistant) -> None:
    s = shipment(containers=("MSCU1234566",))
    closed = shipment()
    services.set_status(shipment=closed, status="closed", user=assistant)
    report = _import(
        "Shipment,Container,Date,Status,UN/LOCODE\n"
        f"{s.number},MSCU1234566,2026-11-22 10:00,Departed,FRLEH\n"
        f"{s.number},MSCU1234567,2026-11-22 11:00,Gate in,FRLEH\n"  # wrong check digit
        "EXP-1999-99999,,2026-11-22 11:00,Departed,FRLEH\n"  # unknown shipment
        f"{s.number},,32/11/2026,Departed,FRLEH\n"  # not a date
        f"{s.number},,2026-11-23 11:00,,FRLEH\n"  # no status
        f"{s.number},,2026-11-23 12:00,Arrived,MA\n"  # not a UN/LOCODE
        f"{closed.number},,2026-11-23 12:00,Arrived,MACAS\n"  # closed shipment
        f"{s.number},,2030-01-01 12:00,Arrived,MACAS\n"  # in the future
        f"{s.number},,2026-11-21 12:00,Picked up,FRLEH\n",  # fine, before the departure
        assistant,
    )
    assert report.imported == 2
    by_line = {p.line: p for p in report.problems}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 9]
    assert by_line[3].column == "container" and "check digit should be 6" in by_line[3].message
    assert by_line[4].column == "shipment no." and "EXP-1999-99999" in by_line[4].message
    assert by_line[5].column == "date and time"
    assert by_line[6].column == "status"
    assert by_line[7].column == "UN/LOCODE"
    assert "closed" in by_line[8].message.lower()
    assert "future" in by_line[9].message


def test_a_step_out_of_order_is_refused_with_the_rule(assistant) -> None:
    s = shipment()
    services.record_event(
        shipment=s,
        event=EventValues(
            occurred_at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=PARIS),
            description="Departed",
            step=Step.DEPARTURE,
        ),
        user=assistant,
    )
    report = _import(
        f"Shipment,Date,Status\n{s.number},2026-11-26 08:00,Picked up\n"
        f"{s.number},2026-11-27 08:00,Arrived\n",
        assistant,
    )
    assert report.imported == 1
    [problem] = report.problems
    assert problem.line == 2 and "contradicts Departure" in problem.message
    assert _actual(s, Step.PICKUP) is None


def test_an_eta_column_moves_the_planned_arrival(assistant) -> None:
    s = shipment()
    _import(
        f"Shipment,Date,Status,ETA\n{s.number},2026-11-22 10:00,Departed,2026-12-18\n",
        assistant,
    )
    assert Milestone.objects.get(shipment=s, step=Step.ARRIVAL).planned_on == dt.date(2026, 12, 18)


def test_a_shipment_is_found_by_its_container_or_its_reference(assistant) -> None:
    by_container = shipment(containers=("CSQU3054383",))
    by_reference = shipment(reference="CO-2026-0042")
    report = _import(
        "Container,Reference,Date,Status\n"
        "csqu 305438 3,,2026-11-22 10:00,Departed\n"
        ",co-2026-0042,2026-11-22 11:00,Departed\n",
        assistant,
    )
    assert report.problems == [] and report.imported == 2
    assert by_container.events.count() == 1 and by_reference.events.count() == 1


def test_an_xlsx_report_is_read_like_a_csv(assistant) -> None:
    s = shipment()
    content = tabular.write_xlsx(
        ["Shipment", "Date", "Status"],
        [[s.number, dt.datetime(2026, 11, 22, 10, 0), "Departed"]],
        "Status",
    )
    report = services.import_status_report(
        stream=io.BytesIO(content), filename="status.xlsx", time_zone="Europe/Paris", user=assistant
    )
    assert report.problems == [] and report.imported == 1
    assert _actual(s, Step.DEPARTURE) == dt.datetime(2026, 11, 22, 10, 0, tzinfo=PARIS)


def test_the_input_is_bounded(assistant, monkeypatch) -> None:
    s = shipment()
    monkeypatch.setattr(status_report, "MAX_ROWS", 3)
    rows = "".join(f"{s.number},2026-11-2{i} 10:00,Note {i}\n" for i in range(5))
    report = _import("Shipment,Date,Status\n" + rows, assistant)
    assert report.fatal and report.imported == 0
    assert "more than 3 rows" in report.problems[0].message
    monkeypatch.setattr(status_report, "MAX_FILE_BYTES", 100)
    report = _import("Shipment,Date,Status\n" + rows * 3, assistant)
    assert report.fatal and "larger than" in report.problems[0].message
    assert TrackingEvent.objects.count() == 0


def test_a_file_without_the_needed_columns_says_which(assistant) -> None:
    with translation.override("fr"):
        report = _import("Navire,Voyage\nMSC Aurora,AB123\n", assistant)
    assert report.fatal
    assert "navire, voyage" in report.problems[0].message


def test_the_preview_writes_nothing_and_a_reader_may_not_import(assistant, reader) -> None:
    s = shipment()
    text = f"Shipment,Date,Status\n{s.number},2026-11-22 10:00,Departed\n"
    report = status_report.preview(_csv(text), "r.csv", "Europe/Paris")
    assert [e.step for e in report.events] == [Step.DEPARTURE] and report.events[0].dates_step
    assert TrackingEvent.objects.count() == 0 and _actual(s, Step.DEPARTURE) is None
    with pytest.raises(PermissionDenied):
        _import(text, reader)
    assert TrackingEvent.objects.count() == 0


def test_the_command_line_import(tmp_path) -> None:
    from django.core.management import CommandError, call_command

    s = shipment()
    path = tmp_path / "report.csv"
    path.write_text(f"Shipment,Date,Status\n{s.number},2026-11-22 10:00,Departed\n")
    out = io.StringIO()
    call_command("shipping", "import-status", str(path), "--dry-run", stdout=out)
    assert "would import 1 events" in out.getvalue() and TrackingEvent.objects.count() == 0
    call_command("shipping", "import-status", str(path), "--time-zone", "UTC", stdout=out)
    assert _actual(s, Step.DEPARTURE) == dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    with pytest.raises(CommandError):
        call_command("shipping", "import-status", str(tmp_path / "bad.csv"), stdout=out)
