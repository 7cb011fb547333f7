"""Supplier invoices through the services: the match on save, approval, dispute, credit notes,
payments with the exchange difference, the landed cost and the cost price it sets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from comptoir.parties.models import Task
from comptoir.supplier_invoices import selectors, services
from comptoir.supplier_invoices.inputs import (
    CostValues,
    CreditNoteValues,
    InvoiceLineValues,
    InvoiceValues,
    PaymentValues,
)
from comptoir.supplier_invoices.models import LandedCost, SupplierInvoice
from conftest import make_user

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date.today()
SYSTEM = None


def _values(buy, *, lids="960", price="2.40", supplier=None, number="INV-1", currency="USD"):  # type: ignore[no-untyped-def]
    return InvoiceValues(
        supplier=supplier or buy.supplier,
        order=buy.order,
        number=number,
        invoice_date=TODAY - dt.timedelta(days=3),
        currency=currency,
        incoterm="FOB",
        named_place="Ningbo",
        payment_days=60,
        lines=(
            InvoiceLineValues(order_line_id=buy.l1.pk, quantity=D(lids), unit_price=D(price)),
            InvoiceLineValues(order_line_id=buy.l2.pk, quantity=D("500"), unit_price=D("2.40")),
        ),
    )


def test_a_clean_invoice_matches_and_an_assistant_approves_it(buy, django_user_model):  # type: ignore[no-untyped-def]
    pdf = SimpleUploadedFile("inv.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    invoice = services.save_invoice(invoice=None, values=_values(buy), user=SYSTEM, file=pdf)
    assert invoice.status == SupplierInvoice.Status.MATCHED
    assert invoice.total == D("3504.00") and invoice.owed == D("3504.00")
    assert invoice.eur_rate == D("0.92") and invoice.total_eur == D("3223.68")
    assert invoice.due_date == TODAY - dt.timedelta(days=3) + dt.timedelta(days=60)
    assert invoice.differences == [] and invoice.file_name == "inv.pdf"
    assistant = make_user(django_user_model, "claire", "assistant")
    services.approve(invoice=invoice, user=assistant)
    assert invoice.status == SupplierInvoice.Status.APPROVED


def test_a_shortage_billed_needs_a_manager_and_a_reason(buy, django_user_model):  # type: ignore[no-untyped-def]
    invoice = services.save_invoice(invoice=None, values=_values(buy, lids="1000"), user=SYSTEM)
    assert invoice.status == SupplierInvoice.Status.TO_CHECK
    (diff,) = invoice.differences
    assert diff["kind"] == "quantity_over_received" and diff["amount"] == "96.00"
    assistant = make_user(django_user_model, "claire", "assistant")
    with pytest.raises(PermissionDenied):
        services.approve(invoice=invoice, user=assistant)
    manager = make_user(django_user_model, "julien", "manager")
    with pytest.raises(ValidationError) as err:
        services.approve(invoice=invoice, user=manager)
    assert "note" in err.value.message_dict
    services.approve(invoice=invoice, user=manager, note="Balance shipped next container")
    assert invoice.status == SupplierInvoice.Status.APPROVED


def test_a_price_difference_is_disputed_with_a_task(buy, django_user_model):  # type: ignore[no-untyped-def]
    invoice = services.save_invoice(invoice=None, values=_values(buy, price="2.55"), user=SYSTEM)
    assert invoice.status == SupplierInvoice.Status.TO_CHECK
    assert invoice.blocking[0]["kind"] == "price"
    assistant = make_user(django_user_model, "claire", "assistant")
    services.dispute(invoice=invoice, reason="Price agreed USD 2.40", user=assistant)
    assert invoice.status == SupplierInvoice.Status.DISPUTED
    task = Task.objects.get(pk=invoice.task_id)
    assert task.assigned_to == assistant and "disputed" in task.title
    with pytest.raises(ValidationError):
        services.record_payment(
            invoice=invoice, values=PaymentValues(paid_on=TODAY, amount=D("10")), user=SYSTEM
        )


def test_another_suppliers_invoice_is_refused_and_nothing_saved(buy):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        services.save_invoice(invoice=None, values=_values(buy, supplier=buy.other), user=SYSTEM)
    assert "supplier" in err.value.message_dict
    assert "Mumbai Metals" in err.value.message_dict["supplier"][0]
    assert not SupplierInvoice.objects.exists()


def test_duplicate_number_and_currency_without_rate(buy):  # type: ignore[no-untyped-def]
    services.save_invoice(invoice=None, values=_values(buy), user=SYSTEM)
    with pytest.raises(ValidationError) as err:
        services.save_invoice(invoice=None, values=_values(buy), user=SYSTEM)
    assert "number" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.save_invoice(
            invoice=None, values=_values(buy, number="X", currency="NGN"), user=SYSTEM
        )
    assert "NGN" in " ".join(err.value.messages)
    assert SupplierInvoice.objects.count() == 1


def test_payments_with_exchange_difference_and_credit_note(buy):  # type: ignore[no-untyped-def]
    invoice = services.save_invoice(invoice=None, values=_values(buy), user=SYSTEM)
    services.approve(invoice=invoice, user=SYSTEM)
    note = services.record_credit_note(
        invoice=invoice,
        values=CreditNoteValues(
            number="CN-1", invoice_date=TODAY, amount=D("4.00"), reason="Rebate"
        ),
        user=SYSTEM,
    )
    assert note.kind == SupplierInvoice.Kind.CREDIT_NOTE
    invoice.refresh_from_db()
    assert invoice.balance_due == D("3500.00")
    # USD 2,000 paid at 0.95 EUR per USD, booked at 0.92: 2,000 x (0.92 - 0.95) = -60.00 (loss)
    payment = services.record_payment(
        invoice=invoice,
        values=PaymentValues(paid_on=TODAY, amount=D("2000"), eur_rate=D("0.95")),
        user=SYSTEM,
    )
    assert payment.exchange_difference_eur == D("-60.00") and payment.amount_eur == D("1900.00")
    assert selectors.open_payables_by_currency() == {"USD": D("1500.00")}
    (open_item,) = selectors.open_payables()
    assert open_item.purchase_order_id == buy.order.pk and open_item.balance == D("1500.00")
    with pytest.raises(ValidationError) as err:
        services.record_payment(
            invoice=invoice, values=PaymentValues(paid_on=TODAY, amount=D("1500.01")), user=SYSTEM
        )
    assert "amount" in err.value.message_dict
    services.record_payment(
        invoice=invoice, values=PaymentValues(paid_on=TODAY, amount=D("1500")), user=SYSTEM
    )
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoice.Status.PAID and invoice.balance_due == 0
    assert selectors.open_payables() == []


def test_landed_cost_sets_the_cost_price_with_date_and_source(buy):  # type: ignore[no-untyped-def]
    landed = services.open_landed_cost(receipt=buy.receipt, user=SYSTEM)
    assert landed.goods_source == "estimate"  # no invoice yet: the order's price
    with pytest.raises(ValidationError):
        services.apply_cost_prices(landed_cost=landed, user=SYSTEM)
    invoice = services.save_invoice(invoice=None, values=_values(buy), user=SYSTEM)
    services.approve(invoice=invoice, user=SYSTEM)
    services.recompute(landed_cost=landed, user=SYSTEM)
    # goods: 960 x 2.40 x 0.92 = 2,119.68; 500 x 2.40 x 0.92 = 1,104.00
    services.add_cost(
        landed_cost=landed,
        values=CostValues(kind="freight", amount=D("1000"), currency="USD", basis="weight"),
        user=SYSTEM,
    )
    services.add_cost(
        landed_cost=landed,
        values=CostValues(kind="inspection", amount=D("146.00"), basis="quantity"),
        user=SYSTEM,
    )
    landed.refresh_from_db()
    assert landed.goods_source == "invoice"
    assert landed.goods_eur == D("3223.68")
    assert landed.costs_eur == D("920.00") + D("146.00")
    lids, handles = landed.lines.order_by("pk")
    # weights 960 x 0.46 = 441.6 kg, 500 x 1.48 = 740 kg: freight 920.00 shared 343.84 / 576.16
    assert D(lids.shares["freight"]) + D(handles.shares["freight"]) == D("920.00")
    assert D(lids.shares["inspection"]) == D("96.00")
    assert lids.total_eur == D("2119.68") + D(lids.shares["freight"]) + D("96.00")
    done = dict(services.apply_cost_prices(landed_cost=landed, user=SYSTEM))
    buy.lids.refresh_from_db()
    assert buy.lids.cost_price == done[buy.lids.pk] == lids.unit_cost
    assert buy.lids.cost_price_date == buy.receipt.received_on
    assert buy.receipt.number in buy.lids.cost_price_source
    assert LandedCost.objects.get().status == LandedCost.Status.APPLIED
    with pytest.raises(ValidationError):
        services.add_cost(
            landed_cost=landed, values=CostValues(kind="other", amount=D("1")), user=SYSTEM
        )


def test_weight_missing_is_said_with_the_cost(buy):  # type: ignore[no-untyped-def]
    buy.lids.gross_weight_kg = D("0")
    buy.lids.net_weight_kg = D("0")
    buy.lids.save()
    landed = services.open_landed_cost(receipt=buy.receipt, user=SYSTEM)
    with pytest.raises(ValidationError) as err:
        services.add_cost(
            landed_cost=landed,
            values=CostValues(kind="freight", amount=D("100"), basis="weight"),
            user=SYSTEM,
        )
    assert "weight" in err.value.messages[0]
    assert landed.items.count() == 0


def test_wider_tolerances_match_the_open_invoices_again(  # type: ignore[no-untyped-def]
    buy, django_user_model, django_capture_on_commit_callbacks
):
    """A 6.25 % price difference is to check at the default tolerances; once the manager
    accepts 10 %, the open invoice is matched again and passes; a second run changes
    nothing."""
    from comptoir.supplier_invoices.inputs import SettingsValues

    invoice = services.save_invoice(invoice=None, values=_values(buy, price="2.55"), user=SYSTEM)
    assert invoice.status == SupplierInvoice.Status.TO_CHECK
    manager = make_user(django_user_model, "julien", "manager")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_settings(
            values=SettingsValues(
                price_tolerance_pct=D("10"),
                price_tolerance_eur=D("1000"),
                quantity_tolerance_pct=D("0"),
                approval_threshold_eur=D("10000"),
            ),
            user=manager,
        )
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoice.Status.MATCHED
    assert invoice.differences and all(d["within_tolerance"] for d in invoice.differences)
    assert services.recheck_open(user=manager) == 0
    reader = make_user(django_user_model, "paul", "readonly")
    with pytest.raises(PermissionDenied):
        services.recheck_open(user=reader)
