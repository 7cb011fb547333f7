"""The compliance dashboard on hand-made documents dated from today."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from comptoir.compliance.models import Hit
from comptoir.customs.models import Carnet, CarnetItem, ExportDeclaration
from comptoir.export_control.models import Allocation, Licence
from comptoir.origin.models import SupplierDeclaration
from comptoir.reporting import registry
from comptoir.reporting.dashboard import Dashboard, Figure, Table
from comptoir.reporting.dashboards import compliance
from comptoir.reporting.filters import Period, ReportFilters
from comptoir.sales.models import Invoice
from comptoir.shipping.models import Shipment, ShipmentLine

from . import ops_data as data

pytestmark = pytest.mark.django_db
D = Decimal
T = timezone.localdate()


def days(n: int) -> dt.date:
    return T + dt.timedelta(days=n)


def figure(board: Dashboard, key: str) -> Figure:
    return next(f for s in board.sections for f in s.figures if f.key == key)


def table(board: Dashboard, key: str) -> Table:
    return next(t for t in board.tables() if t.key == key)


def rows(board: Dashboard, key: str) -> list[tuple[Any, ...]]:
    return [r.values for r in table(board, key).rows]


def build(**filters: Any) -> Dashboard:
    return compliance.build(ReportFilters(period=Period(days(-30), T), **filters), None)


def test_registered_without_a_period_filter() -> None:
    spec = registry.get("compliance")
    assert spec is not None
    assert spec.filters == ("country",)


def _export(shipment: Shipment, mrn: str, declared: int, exited: int | None = None) -> None:
    ExportDeclaration.objects.create(
        shipment=shipment,
        mrn=mrn,
        office_of_export="FR000690",
        declared_on=days(declared),
        exit_confirmed_on=days(exited) if exited is not None else None,
    )


def test_exports_without_proof_of_exit_after_30_days() -> None:
    data.usd_rate("0.92")
    ma, us = data.company("Atlas", "MA"), data.company("Acme", "US")
    _export(data.shipment(ma, value="10000"), "26FR00000000000001", -45)
    _export(
        data.shipment(us, destination="US", value="5000", currency="USD"), "26FR00000000000002", -40
    )
    _export(data.shipment(ma), "26FR00000000000003", -10)  # not 30 days yet
    _export(data.shipment(ma), "26FR00000000000004", -60, exited=-50)  # exit confirmed
    board = build()
    assert figure(board, "exports_without_exit").value == 2
    assert figure(board, "exports_without_exit_value").value == D(
        "14600.00"
    )  # 10,000 + 5,000 x 0.92
    assert figure(board, "exports_without_exit").link == "/customs/exports/?proof=late"
    listed = rows(board, "exports_without_exit")
    assert [(r[0], r[5]) for r in listed] == [
        ("26FR00000000000001", 45),
        ("26FR00000000000002", 40),
    ]
    only_ma = build(country="MA")
    assert figure(only_ma, "exports_without_exit").value == 1
    assert figure(only_ma, "exports_without_exit_value").value == D("10000.00")


def _intra_eu(
    client: Any,
    net: str,
    issued: int,
    *,
    rate: str = "1",
    arrival: str = "DE",
    case: str = "intra_eu_b2b",
) -> None:
    Invoice.objects.create(
        kind=Invoice.Kind.INVOICE,
        status=Invoice.Status.ISSUED,
        number=f"INV-{Invoice.objects.count() + 1}",
        client=client,
        issue_date=days(issued),
        currency="EUR" if rate == "1" else "USD",
        net_total=D(net),
        gross_total=D(net),
        eur_rate=D(rate),
        vat_case=case,
        tax={"arrival_country": arrival},
    )


def test_intra_eu_invoices_without_proof_of_transport() -> None:
    de, it = data.company("Berger", "DE"), data.company("Rossi", "IT")
    _intra_eu(de, "5000", -60)
    _intra_eu(it, "2000", -50, rate="0.90", arrival="IT")
    _intra_eu(de, "700", -2)  # the 30 days to gather the proof are not over
    _intra_eu(de, "900", -70, case="domestic")  # not an intra-EU supply
    board = build()
    assert figure(board, "intra_eu_without_proof").value == 2
    assert figure(board, "intra_eu_without_proof_value").value == D("6800.00")  # 5,000 + 1,800
    assert [r[4] for r in rows(board, "intra_eu_without_proof")] == [60, 50]
    only_de = build(country="DE")
    assert figure(only_de, "intra_eu_without_proof").value == 1
    assert figure(only_de, "intra_eu_without_proof").link.endswith("?status=missing&country=DE")


def _hit(company: Any, source: str, age: int, status: str = "open") -> None:
    hit = Hit.objects.create(
        company=company,
        source=source,
        entry_ref=f"{source}-{age}",
        entry_name="Someone",
        entry_fingerprint="x",
        score=90,
        matched_name=company.name,
        listed_name="Someone",
        status=status,
    )
    Hit.objects.filter(pk=hit.pk).update(created_at=timezone.now() - dt.timedelta(days=age))


def test_open_hits_by_list_and_age() -> None:
    de, ma = data.company("Berger", "DE"), data.company("Atlas", "MA")
    _hit(de, "eu", 3)
    _hit(ma, "eu", 20)
    _hit(ma, "ofac", 100)
    _hit(ma, "un", 5, status="false_positive")
    board = build()
    assert figure(board, "open_hits").value == 3
    assert rows(board, "open_hits") == [
        ("EU consolidated financial sanctions list", 2, 1, 1, 0, 0),
        ("US OFAC SDN list", 1, 0, 0, 0, 1),
    ]
    assert table(board, "open_hits").rows[1].link == "/compliance/?status=open&source=ofac"
    assert figure(build(country="MA"), "open_hits").value == 2


def _licence(number: str, until: int | None, countries: str = "CN", **fields: Any) -> Licence:
    return Licence.objects.create(
        number=number,
        kind="individual",
        countries=countries,
        valid_from=days(-100),
        valid_until=days(until) if until is not None else None,
        **fields,
    )


def _allocate(licence: Licence, status: str, quantity: str, value: str) -> None:
    made = data.shipment(data.company("Beijing", "CN"), destination="CN", status=status)
    line = ShipmentLine.objects.create(
        shipment=made,
        description="Encryption module",
        quantity=D(quantity),
        net_weight_kg=D(1),
        gross_weight_kg=D(1),
        value=D(value),
    )
    Allocation.objects.create(
        licence=licence, shipment=made, shipment_line=line, quantity=D(quantity), value=D(value)
    )


def test_licences_ending_and_their_use() -> None:
    first = _licence("L1", 20, "CN RU", quantity_limit=D(100), value_limit=D(10000))
    _allocate(first, Shipment.Status.DELIVERED, "30", "2500")
    _allocate(first, Shipment.Status.CANCELLED, "50", "5000")  # not counted
    _licence("L2", 50, "US")
    _licence("L3", 80)
    _licence("L4", None)
    _licence("L5", 10, suspended=True)
    _licence("L6", -1)
    board = build()
    assert [figure(board, f"licences_{n}").value for n in (30, 60, 90)] == [1, 2, 3]
    assert rows(board, "licences")[0] == (
        "L1",
        days(20),
        20,
        D("30.0"),
        D("25.0"),
        D("2500.00"),
        "EUR",
    )
    assert [r[0] for r in rows(board, "licences")] == ["L1", "L2", "L3", "L4"]
    only_us = build(country="US")
    assert [figure(only_us, f"licences_{n}").value for n in (30, 60, 90)] == [0, 1, 1]


def test_declarations_ending_and_ended() -> None:
    supplier = data.company("Solingen Stahl", "DE", roles=",supplier,")
    for reference, valid_to in (("D1", 10), ("D2", 40), ("D3", -20), ("D4", -400)):
        SupplierDeclaration.objects.create(
            supplier=supplier,
            reference=reference,
            valid_from=days(-500),
            valid_to=days(valid_to),
            received_on=days(-500),
        )
    board = build()
    assert figure(board, "declarations_expiring").value == 1
    assert figure(board, "declarations_expired").value == 1  # D3; D4 ended over a year ago
    assert rows(board, "declarations_expiring") == [("Solingen Stahl", "D1", days(10), 10)]
    assert figure(build(country="FR"), "declarations_expiring").value == 0


def _carnet(number: str, until: int, status: str, *items: tuple[str, str]) -> None:
    carnet = Carnet.objects.create(
        number=number,
        issuing_chamber="CCI Paris",
        holder="Maison Ferrand",
        purpose="exhibition",
        event="Ambiente",
        issued_on=days(-200),
        valid_until=days(until),
        status=status,
    )
    for position, (quantity, back) in enumerate(items, start=1):
        CarnetItem.objects.create(
            carnet=carnet,
            position=position,
            description="Casserole",
            quantity=D(quantity),
            value=D(100),
            origin="FR",
            returned_quantity=D(back),
        )


def test_carnets_to_clear() -> None:
    _carnet("C1", 15, "open", ("2", "0"), ("1", "1"))
    _carnet("C2", -5, "open", ("1", "0.5"))
    _carnet("C3", 100, "open", ("3", "3"))  # everything back
    _carnet("C4", 100, "closed", ("3", "0"))
    board = build()
    assert figure(board, "carnets_to_clear").value == 2
    assert figure(board, "carnets_expired").value == 1
    assert figure(board, "carnets_ending").value == 1
    assert [(r[0], r[3], r[4]) for r in rows(board, "carnets_to_clear")] == [
        ("C2", -5, 1),
        ("C1", 15, 1),
    ]


def test_query_count_is_bounded(django_assert_max_num_queries: Any) -> None:
    de = data.company("Berger", "DE")
    _intra_eu(de, "5000", -60)
    _hit(de, "eu", 3)
    _licence("L1", 20)
    with django_assert_max_num_queries(20):
        build()


def test_the_three_dashboards_speak_french() -> None:
    from django.utils import translation

    from comptoir.reporting.dashboards import logistics, purchasing

    with translation.override("fr"):
        board = build()
        assert board.title == "Conformité"
        assert board.sections[0].title == "Exportations sans preuve de sortie"
        assert str(registry.get("logistics").title) == "Logistique"  # type: ignore[union-attr]
        period = ReportFilters(period=Period(days(-30), T), compare=False)
        assert logistics.build(period, None).sections[1].figures[0].label == "Coût du fret par kg"
        assert purchasing.build(period, None).sections[0].title == "Achats"
