"""Proof of transport and monthly declarations through the services, files checked against
the schema."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree
from openpyxl import load_workbook

from comptoir.documents import instat
from comptoir.intra_eu import selectors, services
from comptoir.intra_eu.models import Declaration
from comptoir.intra_eu.services import EvidenceValues

from .conftest import LAST_MONTH, TODAY, credit_note, issued_invoice

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def add(invoice, kind: str, issuer: str, **extra):  # type: ignore[no-untyped-def]
    return services.add_evidence(
        invoice=invoice,
        values=EvidenceValues(kind=kind, issuer=issuer, received_on=TODAY, **extra),
        user=None,
        upload=extra.pop("upload", None) if "upload" in extra else None,
    )


def test_the_german_invoice_is_intra_eu(de_invoice) -> None:  # type: ignore[no-untyped-def]
    assert de_invoice.vat_case == "intra_eu_b2b"
    assert selectors.is_intra_eu(de_invoice)


def test_proof_becomes_sufficient(de_invoice) -> None:  # type: ignore[no-untyped-def]
    assert not selectors.proof_result(de_invoice).presumed
    services.add_evidence(
        invoice=de_invoice,
        values=EvidenceValues(kind="cmr", issuer="Transports Martin", received_on=TODAY),
        user=None,
        upload=SimpleUploadedFile("cmr.pdf", PDF, content_type="application/pdf"),
    )
    assert not selectors.proof_result(de_invoice).presumed
    listed = selectors.proof_rows({"older_than": "0"})
    assert [row.invoice for row in listed] == [de_invoice]
    services.add_evidence(
        invoice=de_invoice,
        values=EvidenceValues(kind="insurance", issuer="Helvetia", received_on=TODAY),
        user=None,
    )
    assert selectors.proof_result(de_invoice).presumed
    assert selectors.proof_rows({"older_than": "0"}) == []
    assert len(selectors.proof_rows({"older_than": "0", "status": "all"})) == 1
    item = de_invoice.intra_eu_proof.evidence.get(kind="cmr")
    assert bytes(item.file) == PDF and item.content_type == "application/pdf"


def test_buyer_transport_needs_statement(de_invoice) -> None:  # type: ignore[no-untyped-def]
    for kind, issuer in (("cmr", "Spedition Huber"), ("bank_payment", "Commerzbank")):
        services.add_evidence(
            invoice=de_invoice,
            values=EvidenceValues(kind=kind, issuer=issuer, received_on=TODAY),
            user=None,
        )
    services.set_transporter(invoice=de_invoice, transporter="buyer", notes="EXW", user=None)
    result = selectors.proof_result(de_invoice)
    assert not result.presumed and "statement" in str(result.missing[0])


def test_bad_file_and_fields_named(de_invoice) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.add_evidence(
            invoice=de_invoice,
            values=EvidenceValues(kind="cmr", issuer="X", received_on=TODAY),
            user=None,
            upload=SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/pdf"),
        )
    assert "file" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.add_evidence(
            invoice=de_invoice,
            values=EvidenceValues(kind="cmr", issuer=" ", received_on=TODAY + dt.timedelta(days=3)),
            user=None,
        )
    assert {"issuer", "received_on"} <= set(refused.value.message_dict)


def test_french_invoice_takes_no_proof(seller, clients, product) -> None:  # type: ignore[no-untyped-def]
    invoice = issued_invoice(clients["fr"], product, LAST_MONTH)
    with pytest.raises(ValidationError):
        services.set_transporter(invoice=invoice, transporter="seller", notes="", user=None)


def test_emebi_dispatch_and_recap_files(de_invoice, declarant) -> None:  # type: ignore[no-untyped-def]
    credit_note(de_invoice, LAST_MONTH + dt.timedelta(days=9))
    emebi = selectors.compute(Declaration.Kind.EMEBI_DISPATCH, LAST_MONTH)
    assert emebi.problems == []
    goods = [line for line in emebi.lines if line["regime"] == "21"]
    credits = [line for line in emebi.lines if line["regime"] == "25"]
    assert len(goods) == 1 and len(credits) == 1
    assert goods[0]["cn8"] == "73239200"
    assert goods[0]["net_mass"] == 43  # 10 x 4.3 kg
    assert goods[0]["partner_vat"] == "DE136695976"
    assert goods[0]["invoiced_amount"] == 790
    assert goods[0]["mode"] == "3" and goods[0]["department"] == "63"
    assert credits[0]["signed_amount"] == -79
    declaration = services.prepare(kind="emebi_dispatch", month=LAST_MONTH, user=None)
    filed = services.file_declaration(declaration=declaration, user=None, portal_reference="A1")
    assert filed.is_filed and filed.total_eur == 790 - 79
    assert instat.validate(bytes(filed.xml)) == []
    tree = etree.fromstring(bytes(filed.xml))
    assert tree.findtext(".//declarationTypeCode") == "5"
    assert tree.findtext(".//flowCode") == "D"
    assert tree.findtext(".//PSIId") == "FR9655210055400012"
    assert tree.findtext(".//referencePeriod") == f"{LAST_MONTH:%Y-%m}"
    items = tree.findall(".//Item")
    assert [i.findtext("statisticalProcedureCode") for i in items] == ["21", "25"]
    assert items[0].findtext("CN8/CN8Code") == "73239200"
    assert items[0].findtext("NatureOfTransaction/natureOfTransactionACode") == "1"
    assert items[0].findtext("netMass") == "43"
    assert items[1].find("CN8") is None and items[1].findtext("invoicedAmount") == "79"
    sheet = load_workbook(io.BytesIO(bytes(filed.xlsx))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "73239200" and rows[1][7] == 43  # typed: the mass is a number
    assert rows[2][1] == "25" and rows[2][10] == -79

    recap = services.prepare(kind="recap", month=LAST_MONTH, user=None)
    recap = services.file_declaration(declaration=recap, user=None)
    assert instat.validate(bytes(recap.xml)) == []
    tree = etree.fromstring(bytes(recap.xml))
    assert tree.findtext(".//declarationTypeCode") == "4"
    assert [
        (
            i.findtext("partnerId"),
            i.findtext("statisticalProcedureCode"),
            i.findtext("invoicedAmount"),
        )
        for i in tree.findall(".//Item")
    ] == [("DE136695976", "21", "790"), ("DE136695976", "25", "79")]
    assert tree.find(".//CN8") is None


def test_filed_is_frozen_and_corrected_by_a_version(
    de_invoice, declarant, product, clients
) -> None:  # type: ignore[no-untyped-def]
    declaration = services.prepare(kind="recap", month=LAST_MONTH, user=None)
    filed = services.file_declaration(declaration=declaration, user=None)
    kept = bytes(filed.xml)
    issued_invoice(clients["de"], product, LAST_MONTH + dt.timedelta(days=6), quantity="1")
    filed.refresh_from_db()
    assert bytes(filed.xml) == kept and filed.total_eur == 790
    with pytest.raises(ValidationError):
        services.file_declaration(declaration=filed, user=None)
    with pytest.raises(ValidationError) as refused:
        services.prepare(kind="recap", month=LAST_MONTH, user=None)
    assert "reason" in refused.value.message_dict
    correction = services.prepare(
        kind="recap", month=LAST_MONTH, user=None, reason="Invoice forgotten"
    )
    assert correction.version == 2
    correction = services.file_declaration(declaration=correction, user=None)
    assert correction.total_eur == 790 + 79


def test_errors_block_filing(seller, clients, product, declarant) -> None:  # type: ignore[no-untyped-def]
    product.hs_national = ""
    product.save()
    issued_invoice(clients["de"], product, LAST_MONTH)
    computed = selectors.compute("emebi_dispatch", LAST_MONTH)
    assert {p.field for p in computed.problems} == {"cn8"}
    declaration = services.prepare(kind="emebi_dispatch", month=LAST_MONTH, user=None)
    with pytest.raises(ValidationError) as refused:
        services.file_declaration(declaration=declaration, user=None)
    assert "8-digit CN code" in " ".join(refused.value.messages)


def test_setup_needed_before_filing(de_invoice) -> None:  # type: ignore[no-untyped-def]
    declaration = services.prepare(kind="recap", month=LAST_MONTH, user=None)
    with pytest.raises(ValidationError) as refused:
        services.file_declaration(declaration=declaration, user=None)
    assert "NIC" in " ".join(refused.value.messages)


def test_future_month_refused(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.prepare(
            kind="recap", month=TODAY.replace(day=1) + dt.timedelta(days=40), user=None
        )


def test_schema_refuses_a_bad_file() -> None:
    bad = instat.render(
        instat.InstatFile(
            envelope_id="1",
            declarant_id="FR96552100554",  # NIC missing
            declarant_name="X",
            period="2026-13",
            flow="D",
            type_code="5",
            items=(instat.InstatItem(regime="21", invoiced_amount=-5, cn8="7323"),),
            created=dt.datetime(2026, 1, 1, 12, 0),
        )
    )
    problems = instat.validate(bad)
    assert len(problems) >= 3


def test_arrivals_from_an_eu_supplier(seller, product, declarant) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from comptoir.parties.models import Company
    from comptoir.shipping import services as shipping
    from comptoir.shipping.inputs import ShipmentDetails, ShipmentLineValues
    from comptoir.shipping.models import Milestone

    product.hs_national = "7323920000"
    product.save()
    supplier = Company(
        name="Fonderia Bresciana", country="IT", city="Brescia", vat_number="IT00743110157"
    )
    supplier.role_list = ["supplier"]
    supplier.save()
    shipment = shipping.create_shipment(
        details=ShipmentDetails(
            mode="road_full",
            partner=supplier,
            incoterm="DAP",
            origin_country="IT",
            destination_country="FR",
            value=Decimal("5000"),
            direction="import",
        ),
        lines=[
            ShipmentLineValues(
                description="Cast-iron lids",
                quantity=Decimal("200"),
                net_weight_kg=Decimal("300.4"),
                gross_weight_kg=Decimal("320"),
                value=Decimal("5000"),
                origin_country="IT",
                product=product,
            )
        ],
        user=None,
    )
    Milestone.objects.update_or_create(
        shipment=shipment,
        step="arrival",
        defaults={
            "actual_at": timezone.make_aware(
                dt.datetime.combine(LAST_MONTH + dt.timedelta(days=2), dt.time(10))
            )
        },
    )
    computed = selectors.compute("emebi_arrival", LAST_MONTH)
    assert computed.problems == []
    [line] = computed.lines
    assert (line["regime"], line["partner_country"], line["net_mass"], line["invoiced_amount"]) == (
        "11",
        "IT",
        300,
        5000,
    )
    declaration = services.prepare(kind="emebi_arrival", month=LAST_MONTH, user=None)
    filed = services.file_declaration(declaration=declaration, user=None)
    tree = etree.fromstring(bytes(filed.xml))
    assert tree.findtext(".//flowCode") == "A"
    assert tree.find(".//partnerId") is None


def test_daily_chase_opens_one_task_then_closes_it(de_invoice, django_user_model) -> None:  # type: ignore[no-untyped-def]
    from comptoir.parties.models import Task
    from conftest import make_user

    owner = make_user(django_user_model, "claire", "assistant")
    client = de_invoice.client
    client.portfolio_owner = owner
    client.save()
    later = TODAY + dt.timedelta(days=60)
    assert services.chase_missing_proofs(later) == 1
    assert services.chase_missing_proofs(later) == 0  # once per invoice
    task = Task.objects.get(assigned_to=owner, done_at__isnull=True)
    assert de_invoice.number in task.title
    for kind, issuer in (("cmr", "Martin"), ("air_waybill", "Air France Cargo")):
        services.add_evidence(
            invoice=de_invoice,
            values=EvidenceValues(kind=kind, issuer=issuer, received_on=TODAY),
            user=None,
        )
    task.refresh_from_db()
    assert task.done_at is not None


def test_supplementary_unit_hook(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from comptoir.catalog import selectors as catalog_selectors
    from comptoir.intra_eu import cn

    cn.clear()
    monkeypatch.setattr(
        catalog_selectors,
        "cn_supplementary_unit",
        lambda code: "PST" if code == "73239200" else "-",
        raising=False,
    )
    assert cn.supplementary_unit("73239200") == "PST"
    assert cn.supplementary_unit("73239300") == ""
    assert cn.supplementary_unit("7323") == ""
    cn.clear()


def test_quantity_in_supplementary_units_in_the_file(de_invoice, declarant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from comptoir.catalog import selectors as catalog_selectors

    monkeypatch.setattr(
        catalog_selectors, "cn_supplementary_unit", lambda code: "PST", raising=False
    )
    computed = selectors.compute("emebi_dispatch", LAST_MONTH)
    [line] = computed.lines
    assert (line["supplementary_unit"], line["quantity_su"]) == ("PST", 10)
    xml = instat.render(
        instat.InstatFile(
            envelope_id="4711",
            declarant_id="FR9655210055400012",
            declarant_name="Maison Ferrand",
            period=f"{LAST_MONTH:%Y-%m}",
            flow="D",
            type_code=instat.TYPE_EMEBI,
            items=(
                instat.InstatItem(
                    regime="21",
                    invoiced_amount=790,
                    partner_vat="DE136695976",
                    cn8="73239200",
                    supplementary_unit="PST",
                    partner_country="DE",
                    origin_country="FR",
                    net_mass=43,
                    quantity_su=10,
                    nature="11",
                    mode="3",
                    department="63",
                ),
            ),
            created=dt.datetime(2026, 11, 3, 9, 30),
        )
    )
    assert instat.validate(xml) == []
    tree = etree.fromstring(xml)
    assert tree.findtext(".//CN8/SUCode") == "PST" and tree.findtext(".//quantityInSU") == "10"
