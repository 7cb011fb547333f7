"""Purchase orders from draft to receipt, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.parties.models import Company, Task
from comptoir.purchasing import selectors, services
from comptoir.purchasing.inputs import (
    ConfirmationValues,
    ConfirmedLineValues,
    InspectionValues,
    MilestoneValues,
    ReceiptLineValues,
    ReceiptValues,
)
from comptoir.purchasing.models import (
    PaymentDue,
    PurchaseOrder,
    Receipt,
    SupplierClaim,
    SupplierConfirmation,
)

from .conftest import ORDER_DAY, line_values, order_values

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_draft_has_no_number_and_issue_numbers_it_once(draft, assistant) -> None:  # type: ignore[no-untyped-def]
    assert draft.number is None and draft.status == "draft"
    assert draft.language == "en"  # the supplier's
    assert [line.description for line in selectors.order_lines(draft)][0] == "Enamelled lid 24 cm"
    order = services.issue_order(order=draft, user=assistant)
    assert order.number == "PO-2026-00001"
    assert order.revisions.get().snapshot["total"] == "15550.00"
    with pytest.raises(ValidationError):
        services.issue_order(order=order, user=assistant)
    second = services.create_order(
        values=order_values(draft.supplier),
        lines=line_values([line.product for line in order.lines.all()]),
        user=assistant,
    )
    assert services.issue_order(order=second, user=assistant).number == "PO-2026-00002"


def test_issue_computes_the_deposit_and_waits_for_the_bl_for_the_balance(issued) -> None:  # type: ignore[no-untyped-def]
    deposit, balance = PaymentDue.objects.filter(order=issued).order_by("pk")
    assert (deposit.kind, deposit.amount, deposit.due_on) == ("deposit", D("4665.00"), ORDER_DAY)
    assert (balance.kind, balance.amount, balance.due_on) == ("balance", D("10885.00"), None)


def test_bad_order_values_name_their_fields(supplier, lids, assistant) -> None:  # type: ignore[no-untyped-def]
    client = Company.objects.create(name="Not a supplier", country="DE", roles=",client,")
    with pytest.raises(ValidationError) as error:
        services.create_order(
            values=order_values(
                client, currency="XX", incoterm="ZZZ", named_place="", deposit_pct=D("0")
            ),
            lines=[],
            user=assistant,
        )
    assert set(error.value.message_dict) == {
        "supplier",
        "currency",
        "incoterm",
        "named_place",
        "deposit_pct",
        "lines",
    }
    assert not PurchaseOrder.objects.exists()


def test_a_reader_cannot_order(supplier, lids, reader) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.create_order(values=order_values(supplier), lines=line_values(lids), user=reader)


def test_a_sent_order_changes_as_a_revision_with_its_reason(issued, lids, assistant) -> None:  # type: ignore[no-untyped-def]
    lines = line_values(lids)
    lines[0] = type(lines[0])(product=lids[0], quantity=D("6000"), unit_price=D("1.80"))
    with pytest.raises(ValidationError) as error:
        services.update_draft(
            order=issued, values=order_values(issued.supplier), lines=lines, user=assistant
        )
    assert "revision" in str(error.value)
    with pytest.raises(ValidationError):
        services.revise_order(
            order=issued,
            values=order_values(issued.supplier),
            lines=lines,
            reason=" ",
            user=assistant,
        )
    order = services.revise_order(
        order=issued,
        values=order_values(issued.supplier),
        lines=lines,
        reason="More 24 cm lids for the autumn range",
        user=assistant,
    )
    assert (order.number, order.revision) == ("PO-2026-00001", 1)
    assert [r.revision for r in order.revisions.all()] == [0, 1]
    assert order.revisions.get(revision=1).snapshot["lines"][0]["quantity"] == "6000.000"
    assert order.payments.get(kind="deposit").amount == D("5130.00")  # 30 % of 17 100


def test_a_confirmation_as_ordered_confirms_the_order(issued, assistant) -> None:  # type: ignore[no-untyped-def]
    lines = list(selectors.order_lines(issued))
    confirmation = services.record_confirmation(
        order=issued,
        values=ConfirmationValues(
            received_on=dt.date(2026, 3, 4),
            currency="USD",
            incoterm="FOB",
            named_place="NINGBO",
            ready_date=dt.date(2026, 4, 15),
            reference="SC-7781",
        ),
        lines=[
            ConfirmedLineValues(line=line, quantity=line.quantity, unit_price=line.unit_price)
            for line in lines
        ],
        user=assistant,
    )
    assert confirmation.status == "accepted" and confirmation.differences == []
    issued.refresh_from_db()
    assert (issued.status, issued.confirmed_date, issued.revision) == (
        "confirmed",
        dt.date(2026, 4, 15),
        0,
    )


def test_differences_are_listed_then_accepted_as_a_revision_or_disputed(issued, assistant) -> None:  # type: ignore[no-untyped-def]
    first, second = selectors.order_lines(issued)
    values = ConfirmationValues(
        received_on=dt.date(2026, 3, 4),
        currency="USD",
        incoterm="FOB",
        named_place="Ningbo",
        ready_date=dt.date(2026, 4, 25),
    )
    confirmed = [
        ConfirmedLineValues(line=first, quantity=D("5000"), unit_price=D("1.95")),
        ConfirmedLineValues(line=second, quantity=D("2800"), unit_price=D("2.10")),
    ]
    confirmation = services.record_confirmation(
        order=issued, values=values, lines=confirmed, user=assistant
    )
    assert confirmation.status == "to_review"
    assert {(d["field"], d["line"]) for d in confirmation.differences} == {
        ("ready_date", None),
        ("unit_price", first.pk),
        ("quantity", second.pk),
    }
    with pytest.raises(ValidationError):
        services.decide_confirmation(
            confirmation=confirmation, accept=False, note="", user=assistant
        )
    services.decide_confirmation(
        confirmation=confirmation, accept=False, note="Price as quoted, please", user=assistant
    )
    issued.refresh_from_db()
    assert issued.status == "disputed"
    again = services.record_confirmation(
        order=issued, values=values, lines=confirmed, user=assistant
    )
    services.decide_confirmation(confirmation=again, accept=True, note="ok", user=assistant)
    issued.refresh_from_db()
    first.refresh_from_db()
    assert (issued.status, issued.revision, issued.confirmed_date) == (
        "confirmed",
        1,
        dt.date(2026, 4, 25),
    )
    assert (first.unit_price, first.confirmed_date) == (D("1.95"), dt.date(2026, 4, 25))
    assert SupplierConfirmation.objects.filter(status="disputed").count() == 1


def _ship_and_receive(order, user, received):  # type: ignore[no-untyped-def]
    lines = list(selectors.order_lines(order))
    return services.record_receipt(
        order=order,
        values=ReceiptValues(received_on=dt.date.today(), delivery_note="CMR 5521"),
        lines=[
            ReceiptLineValues(line=line, quantity_received=D(quantity))
            for line, quantity in zip(lines, received, strict=True)
        ],
        user=user,
    )


def test_follow_up_to_receipt_with_a_shortage(issued, assistant) -> None:  # type: ignore[no-untyped-def]
    services.save_milestone(
        order=issued,
        values=MilestoneValues(
            kind="production_start", planned_on=dt.date(2026, 3, 10), actual_on=dt.date(2026, 3, 11)
        ),
        user=assistant,
    )
    issued.refresh_from_db()
    assert issued.status == "in_production"
    services.record_inspection(
        order=issued,
        values=InspectionValues(
            inspector="QIMA", inspection_date=dt.date(2026, 4, 12), result="fail"
        ),
        user=assistant,
    )
    with pytest.raises(ValidationError) as error:
        services.set_ready(order=issued, ready_on=dt.date(2026, 4, 14), user=assistant)
    assert "inspection failed" in str(error.value)
    services.record_inspection(
        order=issued,
        values=InspectionValues(
            inspector="QIMA", inspection_date=dt.date(2026, 4, 13), result="pass"
        ),
        user=assistant,
    )
    services.set_ready(order=issued, ready_on=dt.date(2026, 4, 14), user=assistant)
    shipment = services.create_inbound_shipment(order=issued, user=assistant)
    assert (shipment.direction, shipment.reference, shipment.incoterm) == (
        "import",
        "PO-2026-00001",
        "FOB",
    )
    assert shipment.lines.count() == 2
    services.set_payment_event(
        order=issued, event="bl_copy", day=dt.date(2026, 4, 20), user=assistant
    )
    issued.refresh_from_db()
    assert issued.status == "shipped"
    assert issued.payments.get(kind="balance").due_on == dt.date(2026, 4, 20)

    receipt = _ship_and_receive(issued, assistant, ["4800", "3000"])
    issued.refresh_from_db()
    assert issued.status == "partly_received"
    assert receipt.number.startswith("GR-") and receipt.shipment == shipment
    claim = SupplierClaim.objects.get()
    assert (claim.kind, claim.quantity, claim.amount) == ("shortage", D("200"), D("370.00"))
    assert claim.deadline == dt.date.today() + dt.timedelta(days=8)
    assert "CISG" in claim.deadline_basis
    assert Task.objects.filter(title__startswith="Notify Ningbo").exists()
    # the suppliers area got the delivery (OTIF) and the incident
    from comptoir.suppliers.models import Delivery, Incident

    assert Delivery.objects.filter(order_ref="PO-2026-00001").count() == 2
    assert Incident.objects.get().kind == "shortage"
    assert selectors.received_quantities(issued) == {
        line.pk: D(q)
        for line, q in zip(selectors.order_lines(issued), ["4800", "3000"], strict=True)
    }
    # the rest arrives later: a second, partial receipt completes the order
    first = selectors.order_lines(issued)[0]
    services.record_receipt(
        order=issued,
        values=ReceiptValues(received_on=dt.date.today()),
        lines=[ReceiptLineValues(line=first, quantity_received=D("200"))],
        user=assistant,
    )
    issued.refresh_from_db()
    assert issued.status == "received"


def test_a_receipt_above_the_order_is_refused_and_nothing_is_saved(issued, assistant) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        _ship_and_receive(issued, assistant, ["5000", "3001"])
    message = error.value.message_dict["lines.2.quantity_received"][0]
    assert "Line 2 (LID-28)" in message and "at most 3000 pcs more" in message
    assert not Receipt.objects.exists() and not SupplierClaim.objects.exists()


def test_damaged_goods_open_a_damage_claim_with_the_contract_period(
    supplier, lids, assistant
) -> None:  # type: ignore[no-untyped-def]
    order = services.create_order(
        values=order_values(supplier, claim_days=15), lines=line_values(lids), user=assistant
    )
    services.issue_order(order=order, user=assistant)
    first, _ = selectors.order_lines(order)
    services.record_receipt(
        order=order,
        values=ReceiptValues(received_on=dt.date.today(), quality_result="conditional"),
        lines=[
            ReceiptLineValues(
                line=first,
                quantity_received=D("5000"),
                quantity_accepted=D("4950"),
                condition="damaged",
                note="50 lids chipped",
            )
        ],
        user=assistant,
    )
    claim = SupplierClaim.objects.get()
    assert (claim.kind, claim.quantity) == ("damage", D("50"))
    assert claim.deadline == dt.date.today() + dt.timedelta(days=15)
    assert selectors.accepted_quantities(order)[first.pk] == D("4950")


def test_cancel_is_a_managers_decision(issued, assistant, manager) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.cancel_order(order=issued, reason="price too high", user=assistant)
    assert (
        services.cancel_order(order=issued, reason="price too high", user=manager).status
        == "cancelled"
    )


def test_late_orders_and_daily_tasks(issued, assistant) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2026, 4, 20)  # requested 15 April, not ready
    assert list(selectors.late_orders(day)) == [issued]
    assert services.daily_follow_up(day) >= 1
    again = services.daily_follow_up(day)
    assert again == 0  # idempotent
    services.set_ready(order=issued, ready_on=dt.date(2026, 4, 19), user=assistant)
    assert list(selectors.late_orders(day)) == []
