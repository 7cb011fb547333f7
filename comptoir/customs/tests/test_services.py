"""The customs services: tariff rules and import, import duties and the broker check,
export declarations and proof of exit, carnets, procedures and the daily chase."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from comptoir.customs import selectors, services
from comptoir.customs.inputs import (
    BrokerLineValues,
    BrokerValues,
    CarnetItemValues,
    CarnetValues,
    EntryValues,
    ExitValues,
    ExportValues,
    LineValues,
    ProcedureValues,
    TariffValues,
    VisitValues,
)
from comptoir.customs.models import Carnet, ImportEntry, TariffRate
from comptoir.parties.models import Task
from conftest import make_user

from .conftest import TODAY, mrn

pytestmark = pytest.mark.django_db
D = Decimal


def _entry(world, **extra):  # type: ignore[no-untyped-def]
    values = EntryValues(
        declared_on=TODAY,
        currency="USD",
        exchange_rate=D("1.0850"),
        freight_to_border=D("900"),
        insurance_to_border=D("36"),
        transport_to_destination=D("240"),
        broker_fees=D("120"),
        **extra,
    )
    return services.entry_from_shipment(shipment=world.inbound, values=values, user=None)


def test_entry_from_an_inbound_shipment_is_computed(world) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(world)
    screws, pans = entry.lines.order_by("position")
    assert screws.cn_code == "73181500" and screws.origin == "CN"
    assert screws.duty_pct == D("3.7") and screws.anti_dumping_pct == D("22.1")
    assert pans.duty_pct == D("3.2")
    # 2 000 USD / 1.085 = 1 843.32 EUR + freight share 150 + insurance 6 = 1 999.32
    assert screws.freight_share == D("150.00") and screws.insurance_share == D("6.00")
    assert screws.customs_value == D("1999.32")
    assert screws.duty == D("73.97")  # 3.7 %
    assert screws.anti_dumping == D("441.85")  # 22.1 % of the customs value
    # VAT base adds the duties and the carriage share to the first destination (40)
    assert screws.vat_base == D("1999.32") + D("73.97") + D("441.85") + D("40.00")
    assert entry.duty == screws.duty + pans.duty
    assert entry.cash_to_customs == entry.duty + entry.anti_dumping  # VAT postponed
    assert entry.landed_cost == sum((line.landed_cost for line in entry.lines.all()), D(0))


def test_vat_paid_at_import_when_not_postponed(world) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(world, postponed_vat=False)
    assert entry.cash_to_customs == entry.duty + entry.anti_dumping + entry.vat


def test_preference_needs_a_proof(world) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(world)
    line = entry.lines.get(position=2)
    with pytest.raises(ValidationError) as caught:
        services.save_line(
            entry=entry,
            line=line,
            values=LineValues(
                description="Pans",
                cn_code="73239100",
                origin="CN",
                quantity=D("400"),
                invoice_amount=D("10000"),
                agreement="EU-KR",
            ),
            user=None,
        )
    assert "proof_of_origin" in caught.value.message_dict


def test_broker_difference_listed_then_checked_or_disputed(world) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(world)
    screws = entry.lines.get(position=1)
    services.record_broker(
        entry=entry,
        values=BrokerValues(
            mrn=mrn("26FR002300001234H"),
            declared_on=TODAY,
            duty=entry.duty,
            vat=entry.vat + D("0.30"),
            lines=(BrokerLineValues(position=1, anti_dumping=screws.anti_dumping + D("88")),),
        ),
        user=None,
    )
    differences = selectors.differences(entry)
    by_key = {(d.position, d.figure): d for d in differences}
    assert by_key[(0, "vat")].within_tolerance
    assert not by_key[(1, "anti_dumping")].within_tolerance
    with pytest.raises(ValidationError) as caught:
        services.set_check(entry=entry, status="checked", note="", user=None)
    assert "note" in caught.value.message_dict
    services.set_check(
        entry=entry, status="disputed", note="Anti-dumping on the wrong value", user=None
    )
    entry.refresh_from_db()
    assert entry.status == ImportEntry.Status.DISPUTED


def test_broker_mrn_is_checked(world) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(world)
    good = mrn("26FR002300001234H")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as caught:
        services.record_broker(entry=entry, values=BrokerValues(mrn=bad), user=None)
    assert "check character" in caught.value.message_dict["mrn"][0]


def test_overlapping_rates_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.save_rate(
            values=TariffValues(code="7323", kind="third_country", ad_valorem_pct=D("2")),
            user=None,
        )
    assert "valid_from" in caught.value.message_dict
    services.save_rate(
        values=TariffValues(
            code="7323",
            kind="preferential",
            agreement="eu-jp",
            valid_from=dt.date(2019, 2, 1),
        ),
        user=None,
    )
    assert TariffRate.objects.filter(agreement="EU-JP").exists()


def test_tariff_import_all_or_nothing_with_every_bad_row(world) -> None:  # type: ignore[no-untyped-def]
    bad = (
        b"code;kind;origin;agreement;ad_valorem_pct;valid_from\n"
        b"8481808500;third_country;;;1,7;2026-01-01\n"
        b"84.81;third_country;;;abc;\n"
        b"8481;preferential;;;0;01/13/2026\n"
    )
    with pytest.raises(services.TariffImportError) as caught:
        services.import_tariff(stream=io.BytesIO(bad), filename="t.csv", user=None)
    rows = {(p.line, p.column) for p in caught.value.rows}
    assert (3, "ad_valorem_pct") in rows
    assert (4, "valid_from") in rows
    assert not TariffRate.objects.filter(code="8481808500").exists()
    good = (
        b"code;kind;origin;agreement;producer;ad_valorem_pct;specific_amount;specific_unit\n"
        b"8481808500;third_country;;;;1,7;;\n"
        b"8481;preferential;;EU-JP;;0;;\n"
        b"0406;third_country;;;;0;221,20;100kg\n"
    )
    assert services.import_tariff(stream=io.BytesIO(good), filename="t.csv", user=None) == 3


def test_tariff_import_is_bounded(world) -> None:  # type: ignore[no-untyped-def]
    huge = b"code,kind\n" + b"8481,third_country\n" * (services.MAX_TARIFF_BYTES // 10)
    with pytest.raises(services.TariffImportError, match="larger than"):
        services.import_tariff(stream=io.BytesIO(huge), filename="t.csv", user=None)


def test_export_declaration_and_proof_of_exit(world, django_user_model) -> None:  # type: ignore[no-untyped-def]
    user = make_user(django_user_model, "anne", "assistant")
    number = mrn("26FR000690000042A")
    declared = TODAY - dt.timedelta(days=40)
    declaration = services.create_export(
        shipment=world.outbound,
        values=ExportValues(
            mrn=number[:6] + " " + number[6:], office_of_export="fr000690", declared_on=declared
        ),
        user=user,
    )
    assert declaration.mrn == number and declaration.office_of_export == "FR000690"
    assert list(selectors.exports_without_proof(TODAY)) == [declaration]
    assert services.chase_customs(TODAY) == 1
    declaration.refresh_from_db()
    assert declaration.task is not None and declaration.task.assigned_to == user
    assert services.chase_customs(TODAY) == 0  # one task per declaration
    proof = SimpleUploadedFile("exit.pdf", b"%PDF-1.4 exit notice", "application/pdf")
    services.record_exit(
        declaration=declaration,
        values=ExitValues(exit_confirmed_on=declared + dt.timedelta(days=3)),
        upload=proof,
        user=user,
    )
    declaration.refresh_from_db()
    assert declaration.exited and declaration.proof_content_type == "application/pdf"
    assert Task.objects.get(pk=declaration.task_id).done_at is not None
    assert not selectors.exports_without_proof(TODAY).exists()


def test_export_refusals(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.create_export(
            shipment=world.inbound,
            values=ExportValues(
                mrn="26FR000690000420", office_of_export="FR0690", declared_on=TODAY
            ),
            user=None,
        )
    errors = caught.value.message_dict
    assert {"shipment", "mrn", "office_of_export"} <= set(errors)


def test_carnet_return_item_by_item_and_expiry(world, django_user_model) -> None:  # type: ignore[no-untyped-def]
    user = make_user(django_user_model, "paul", "assistant")
    issued = TODAY - dt.timedelta(days=400)
    with pytest.raises(ValidationError):
        services.create_carnet(
            values=CarnetValues(
                number="FR/2025/1",
                issuing_chamber="CCI Paris",
                holder="Comptoir",
                purpose="exhibition",
                issued_on=issued,
                valid_until=issued + dt.timedelta(days=400),
            ),
            user=None,
        )
    carnet = services.create_carnet(
        values=CarnetValues(
            number="fr/2025/1",
            issuing_chamber="CCI Paris Île-de-France",
            holder="Comptoir SAS",
            purpose="exhibition",
            event="Gulfood Dubai",
            issued_on=issued,
            vouchers_bought=4,
            handled_by=user,
            items=(
                CarnetItemValues("Stand casseroles", D("12"), D("1800"), "FR", marks="S1-S12"),
                CarnetItemValues("Display stand", D("1"), D("2500"), "FR"),
            ),
        ),
        user=None,
    )
    assert carnet.number == "FR/2025/1"
    assert carnet.valid_until == issued.replace(year=issued.year + 1) - dt.timedelta(days=1)
    services.record_visit(
        carnet=carnet,
        values=VisitValues(country="AE", entered_on=issued + dt.timedelta(days=10)),
        user=None,
    )
    with pytest.raises(ValidationError) as caught:
        services.record_visit(
            carnet=carnet,
            values=VisitValues(
                country="AE", entered_on=issued + dt.timedelta(days=20), vouchers_used=3
            ),
            user=None,
        )
    assert "vouchers_used" in caught.value.message_dict
    services.record_return(
        carnet=carnet,
        returned={1: D("10"), 2: D("1")},
        on=issued + dt.timedelta(days=20),
        user=None,
    )
    with pytest.raises(ValidationError):
        services.record_return(
            carnet=carnet, returned={1: D("3")}, on=issued + dt.timedelta(days=21), user=None
        )
    # expired with two casseroles abroad: marked and a task opened
    assert services.chase_customs(TODAY) == 1
    carnet.refresh_from_db()
    assert carnet.status == Carnet.Status.CLAIMED and carnet.task is not None
    assert "FR/2025/1" in carnet.task.title


def test_procedures(world, django_user_model) -> None:  # type: ignore[no-untyped-def]
    user = make_user(django_user_model, "lea", "assistant")
    returned = services.create_procedure(
        values=ProcedureValues(
            kind="returned_goods",
            description="Pans refused by the client",
            quantity=D("20"),
            value=D("600"),
            country="JP",
            exported_on=dt.date(2024, 2, 29),
        ),
        user=None,
    )
    assert returned.expected_return_on == dt.date(2027, 2, 28)
    with pytest.raises(ValidationError) as caught:
        services.create_procedure(
            values=ProcedureValues(
                kind="repair",
                description="Mould",
                quantity=D("1"),
                value=D("9000"),
                country="CN",
                exported_on=TODAY,
            ),
            user=None,
        )
    assert "expected_return_on" in caught.value.message_dict
    late = services.create_procedure(
        values=ProcedureValues(
            kind="repair",
            description="Mould",
            quantity=D("1"),
            value=D("9000"),
            country="CN",
            exported_on=TODAY - dt.timedelta(days=90),
            expected_return_on=TODAY - dt.timedelta(days=1),
            handled_by=user,
        ),
        user=None,
    )
    assert services.chase_customs(TODAY) == 1
    late.refresh_from_db()
    assert late.task is not None
    services.procedure_returned(procedure=late, on=TODAY, document="INF 2", user=None)
    late.refresh_from_db()
    assert late.returned_on == TODAY


def test_a_reader_cannot_write(world, django_user_model) -> None:  # type: ignore[no-untyped-def]
    reader = make_user(django_user_model, "rita", "readonly")
    with pytest.raises(PermissionDenied):
        services.save_rate(
            values=TariffValues(code="8481", kind="third_country", ad_valorem_pct=D("2.2")),
            user=reader,
        )
    assert not TariffRate.objects.filter(code="8481").exists()


def test_unknown_currency_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.create_entry(values=EntryValues(declared_on=TODAY, currency="XYZ"), user=None)
    assert "currency" in caught.value.message_dict
