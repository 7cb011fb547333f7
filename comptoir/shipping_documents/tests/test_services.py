"""Issuing, receiving and sending the document set; refusal without an override, and the
override recorded with its reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F

from comptoir.shipping import services as shipping
from comptoir.shipping.inputs import ShipmentDetails
from comptoir.shipping.models import Shipment
from comptoir.shipping_documents import selectors, services
from comptoir.shipping_documents.models import DocumentSet, ShippingDocument

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def issue_all(shipment: Shipment, user: object = None) -> list[ShippingDocument]:
    issued = []
    for item in selectors.checklist(shipment):
        if item.ours and item.kind != "commercial_invoice":
            issued.append(services.issue_document(shipment=shipment, kind=item.kind, user=user))
    return issued


def bill_of_lading(shipment: Shipment, **changes: object) -> services.ReceivedValues:
    data = selectors.presentation(shipment).data
    values: dict[str, object] = {
        "kind": "bill_of_lading",
        "reference": "CMDU-MRS-778812",
        "document_date": TODAY,
        "packages": data.packages,
        "gross_weight_kg": data.gross_weight_kg,
        "marks": data.marks_and_numbers,
        "description": data.goods_description,
        "hs_codes": ("732392",),
        "consignee": data.consignee.name,
    }
    values.update(changes)
    return services.ReceivedValues(**values)  # type: ignore[arg-type]


def weighed_again(shipment: Shipment, extra: str = "5") -> None:
    """The forwarder's weighbridge finds more than declared and the user corrects the
    shipment: the documents issued before, and the invoice, no longer agree with it."""
    Shipment.objects.filter(pk=shipment.pk).update(
        gross_weight_kg=F("gross_weight_kg") + Decimal(extra)
    )


def test_checklist_of_the_casablanca_shipment(casa: Shipment) -> None:
    items = {i.kind: i for i in selectors.checklist(casa)}
    assert items["commercial_invoice"].status == "issued"  # the sales invoice exists
    assert items["bill_of_lading"].status == "to_do"
    assert items["eur1"].required is not None and items["eur1"].required.to_confirm
    assert "insurance_request" in items


def test_issue_numbers_snapshots_and_versions(casa: Shipment, assistant: object) -> None:
    first = services.issue_document(shipment=casa, kind="packing_list", user=assistant)
    assert first.number == f"{casa.number}-PL.1"
    assert first.figures["packages"] == 20
    assert first.figures["gross_weight_kg"] == "208.000"
    assert first.figures["consignee"] == "Atlas Cuisine SARL"
    assert first.figures["incoterm"] == "CIF Casablanca"
    assert first.language == "fr"
    assert bytes(first.pdf).startswith(b"%PDF")
    second = services.issue_document(shipment=casa, kind="packing_list", user=assistant)
    first.refresh_from_db()
    assert second.version == 2 and first.status == ShippingDocument.Status.REPLACED
    assert [d.number for d in selectors.current_documents(casa)] == [second.number]


def test_documents_of_another_mode_or_party_are_refused(casa: Shipment, tokyo: Shipment) -> None:
    with pytest.raises(ValidationError) as error:
        services.issue_document(shipment=casa, kind="cmr", user=None)
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.issue_document(shipment=casa, kind="bill_of_lading", user=None)
    with pytest.raises(ValidationError):
        services.issue_document(shipment=casa, kind="commercial_invoice", user=None)
    with pytest.raises(ValidationError):
        services.issue_document(shipment=casa, kind="dangerous_goods", user=None)
    assert services.issue_document(shipment=tokyo, kind="dangerous_goods", user=None).pdf


def test_a_read_only_user_cannot_issue(casa: Shipment, reader: object) -> None:
    with pytest.raises(PermissionDenied):
        services.issue_document(shipment=casa, kind="packing_list", user=reader)
    assert not ShippingDocument.objects.exists()


def test_a_changed_shipment_makes_the_issued_document_disagree(casa: Shipment) -> None:
    assert selectors.consistency(casa).agrees  # the invoice weighs what the shipment weighs
    services.issue_document(shipment=casa, kind="packing_list", user=None)
    Shipment.objects.filter(pk=casa.pk).update(packages=21)  # one more pallet after issuing
    result = selectors.consistency(casa)
    assert [d.field for d in result.differences] == ["packages"]
    labels = [label for label, _v in result.differences[0].values]
    assert any("PL.1" in label for label in labels)
    # issuing again from the corrected shipment fixes it
    services.issue_document(shipment=casa, kind="packing_list", user=None)
    assert selectors.consistency(casa).agrees


def test_received_bill_of_lading_is_compared(casa: Shipment) -> None:
    services.record_received(shipment=casa, values=bill_of_lading(casa, packages=21), user=None)
    result = selectors.consistency(casa)
    assert [d.field for d in result.differences] == ["packages"]
    assert ("Bill of lading " + f"{casa.number}-BL.1", "21") in result.differences[0].values
    services.record_received(shipment=casa, values=bill_of_lading(casa), user=None)
    assert selectors.consistency(casa).agrees


def test_received_values_are_checked(casa: Shipment) -> None:
    with pytest.raises(ValidationError) as error:
        services.record_received(
            shipment=casa,
            values=bill_of_lading(
                casa,
                kind="packing_list",
                reference=" ",
                document_date=TODAY + dt.timedelta(days=5),
                gross_weight_kg=Decimal("10"),
                net_weight_kg=Decimal("20"),
            ),
            user=None,
        )
    assert set(error.value.message_dict) == {
        "kind",
        "reference",
        "document_date",
        "gross_weight_kg",
    }


def test_sending_a_set_that_does_not_agree_is_refused_without_override(
    casa: Shipment, assistant: object
) -> None:
    issue_all(casa, assistant)
    weighed_again(casa)
    with pytest.raises(ValidationError) as error:
        services.send_set(shipment=casa, sent_to="bank", sent_on=TODAY, user=assistant)
    message = error.value.message_dict["override_reason"][0]
    assert "gross_weight_kg" in message and "Bill of lading" in message
    assert not ShippingDocument.objects.filter(status="sent").exists()
    # an assistant may not override
    with pytest.raises(PermissionDenied):
        services.send_set(
            shipment=casa, sent_to="bank", sent_on=TODAY, user=assistant, override_reason="ok"
        )
    assert not ShippingDocument.objects.filter(status="sent").exists()


def test_a_manager_overrides_with_a_reason_that_is_recorded(
    casa: Shipment, manager: object
) -> None:
    issue_all(casa, manager)
    weighed_again(casa)
    reason = "Weighbridge figure on the B/L; bank agreed by phone"
    doc_set = services.send_set(
        shipment=casa, sent_to="bank", sent_on=TODAY, user=manager, override_reason=reason
    )
    assert doc_set.override_reason == reason and doc_set.override_by == manager
    fields = [d["field"] for d in doc_set.override_differences]
    assert "gross_weight_kg" in fields and "missing" in fields
    assert doc_set.history.filter(history_change_reason=reason).exists()
    assert not ShippingDocument.objects.filter(shipment=casa, status="issued").exists()
    invoice = ShippingDocument.objects.get(shipment=casa, kind="commercial_invoice")
    assert invoice.status == "sent" and invoice.reference.startswith("FA")


def test_a_set_that_agrees_leaves_without_override(casa: Shipment, assistant: object) -> None:
    issue_all(casa, assistant)
    for kind, ref in (
        ("bill_of_lading", "BL-1"),
        ("origin_certificate", "CO-1"),
        ("insurance_certificate", "INS-1"),
    ):
        services.record_received(
            shipment=casa,
            values=bill_of_lading(casa, kind=kind, reference=ref),
            user=assistant,
        )
    assert selectors.consistency(casa).agrees
    doc_set = services.send_set(shipment=casa, sent_to="bank", sent_on=TODAY, user=assistant)
    assert doc_set.sent_on == TODAY and doc_set.override_reason == ""
    assert set(
        ShippingDocument.objects.filter(shipment=casa)
        .exclude(status="replaced")
        .values_list("status", flat=True)
    ) == {"sent"}


def test_one_document_sent(casa: Shipment, assistant: object) -> None:
    document = services.issue_document(shipment=casa, kind="shipping_instructions", user=assistant)
    sent = services.mark_sent(document=document, sent_to="forwarder", sent_on=TODAY, user=assistant)
    assert sent.status == "sent" and sent.sent_to == "forwarder"


def test_the_lc_checker_reads_one_presentation(casa: Shipment) -> None:
    services.issue_document(shipment=casa, kind="packing_list", user=None)
    p = selectors.presentation(casa)
    assert p.data.payment_instrument == "lc"
    assert [f.role for f in p.figures][:2] == ["shipment", "invoice"]
    assert len(p.documents) == 1 and p.checklist


def test_shipment_details_survive_reissue(casa: Shipment) -> None:
    """The issued document keeps its snapshot when the shipment changes."""
    first = services.issue_document(shipment=casa, kind="packing_list", user=None)
    details = ShipmentDetails(
        mode=casa.mode,
        partner=casa.partner,
        incoterm=casa.incoterm,
        incoterm_place=casa.incoterm_place,
        origin_country=casa.origin_country,
        destination_country=casa.destination_country,
        value=casa.value,
        currency=casa.currency,
        packages=22,
        package_kind=casa.package_kind,
        gross_weight_kg=Decimal("230"),
        net_weight_kg=casa.net_weight_kg,
        marks_and_numbers=casa.marks_and_numbers,
        goods_description=casa.goods_description,
    )
    shipping.save_shipment(shipment=casa, details=details, user=None)
    first.refresh_from_db()
    assert first.figures["packages"] == 20
    result = selectors.consistency(casa)
    assert "packages" in [d.field for d in result.differences]
    assert DocumentSet.objects.count() == 0


def test_insurance_below_110_percent_is_refused(casa: Shipment) -> None:
    Shipment.objects.filter(pk=casa.pk).update(insured_value=casa.value)
    with pytest.raises(ValidationError) as error:
        services.issue_document(shipment=casa, kind="insurance_request", user=None)
    assert "110 %" in error.value.message_dict["insured_value"][0]
    Shipment.objects.filter(pk=casa.pk).update(insured_value=casa.value * Decimal("1.2"))
    document = services.issue_document(shipment=casa, kind="insurance_request", user=None)
    assert document.pdf
