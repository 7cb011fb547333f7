"""The payments to suppliers in the currency exposure: supplier invoices matched or approved
on their due date, the payments due of issued purchase orders not yet invoiced, never the same
money twice; a buy forward reduces the short position."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from comptoir.fx_exposure import selectors, services
from comptoir.fx_exposure.inputs import HedgeValues, PaymentValues
from comptoir.fx_exposure.models import ExpectedPayment
from comptoir.purchasing import services as purchasing
from comptoir.purchasing.models import PaymentDue, PurchaseOrder
from comptoir.purchasing.tests.conftest import line_values, order_values
from comptoir.supplier_invoices import services as invoices
from comptoir.supplier_invoices.inputs import PaymentValues as InvoicePayment
from comptoir.supplier_invoices.models import SupplierInvoice

pytestmark = pytest.mark.django_db
D = Decimal
AS_OF = dt.date(2026, 1, 15)
# The order of the purchasing tests: 5,000 × 1.85 + 3,000 × 2.10 = USD 15,550, 30 % deposit
# at order (2 March 2026: 4,665.00), the balance 10,885.00 against a copy of the B/L, not yet
# shipped: estimated on the requested ready date, 15 April 2026.
DEPOSIT = D("4665.00")
BALANCE = D("10885.00")


def _usd(as_of: dt.date = AS_OF):  # type: ignore[no-untyped-def]
    found = [c for c in selectors.exposure(as_of).currencies if c.currency == "USD"]
    return found[0] if found else None


def _payments(as_of: dt.date = AS_OF) -> dict[str, Decimal]:
    usd = _usd(as_of)
    return {m.month: m.payments for m in usd.months if m.payments} if usd else {}


def _invoice(order: PurchaseOrder, **changes: object) -> SupplierInvoice:
    values: dict[str, object] = {
        "kind": SupplierInvoice.Kind.INVOICE,
        "supplier": order.supplier,
        "order": order,
        "number": "NB-INV-2026-031",
        "invoice_date": dt.date(2026, 1, 20),
        "currency": "USD",
        "eur_rate": D("0.92"),
        "due_date": dt.date(2026, 3, 20),
        "total": D("12000.00"),
        "balance_due": D("12000.00"),
        "status": SupplierInvoice.Status.APPROVED,
        **changes,
    }
    return SupplierInvoice.objects.create(**values)


def test_deposit_and_estimated_balance_of_an_issued_order(issued) -> None:  # type: ignore[no-untyped-def]
    assert _payments() == {"2026-03": DEPOSIT, "2026-04": BALANCE}
    rows = selectors.exposure(AS_OF).payables_in("USD")
    assert [(p.kind, p.flow.amount, p.estimated) for p in rows] == [
        ("purchase_order", DEPOSIT, False),
        ("purchase_order", BALANCE, True),
    ]
    assert rows[0].url == issued.get_absolute_url()
    assert issued.number in rows[0].label


def test_a_draft_order_and_a_paid_deposit_do_not_count(draft, assistant) -> None:  # type: ignore[no-untyped-def]
    assert _payments() == {}
    order = purchasing.issue_order(order=draft, user=assistant)
    deposit = PaymentDue.objects.get(order=order, kind="deposit")
    purchasing.mark_paid(
        payment=deposit, paid_on=dt.date(2026, 3, 3), reference="T1", user=assistant
    )
    assert _payments() == {"2026-04": BALANCE}


def test_supplier_invoice_of_12000_due_in_march_with_the_deposit_of_another_order(
    issued,
    supplier,
    lids,
    assistant,
) -> None:
    other = purchasing.issue_order(
        order=purchasing.create_order(
            values=order_values(supplier, payment_instrument="open_account", deposit_pct=D("0")),
            lines=line_values(lids),
            user=assistant,
        ),
        user=assistant,
    )
    # the open-account order is invoiced in full (12,000 agreed): its payment is the invoice's
    _invoice(other, total=D("15550.00"), balance_due=D("12000.00"), credited_total=D("3550.00"))
    usd = _usd()
    assert usd is not None
    by_month = {m.month: m for m in usd.months}
    assert by_month["2026-03"].payments == D("12000.00") + DEPOSIT
    assert by_month["2026-04"].payments == BALANCE
    assert usd.net == -(D("12000.00") + DEPOSIT + BALANCE)
    labels = [p.label for p in selectors.exposure(AS_OF).payables_in("USD")]
    assert labels[:2] == [
        f"Deposit of purchase order {issued.number}",
        "Supplier invoice NB-INV-2026-031",
    ]


def test_the_invoice_of_an_order_replaces_its_balance_never_twice(issued, assistant) -> None:  # type: ignore[no-untyped-def]
    deposit = PaymentDue.objects.get(order=issued, kind="deposit")
    purchasing.mark_paid(
        payment=deposit, paid_on=dt.date(2026, 3, 3), reference="T1", user=assistant
    )
    # the full invoice, the deposit deducted: what is owed is the invoice's 10,885.00
    invoice = _invoice(
        issued,
        total=D("15550.00"),
        advance_deducted=DEPOSIT,
        balance_due=BALANCE,
        due_date=dt.date(2026, 5, 10),
    )
    assert _payments() == {"2026-05": BALANCE}
    # paid: nothing left to pay in USD
    invoices.record_payment(
        invoice=invoice,
        values=InvoicePayment(paid_on=dt.date(2026, 5, 10), amount=BALANCE, eur_rate=D("0.91")),
        user=assistant,
    )
    assert _payments() == {}


def test_an_invoice_still_to_check_leaves_the_order_schedule(issued) -> None:  # type: ignore[no-untyped-def]
    _invoice(issued, total=D("15550.00"), balance_due=D("15550.00"), status="to_check")
    assert _payments() == {"2026-03": DEPOSIT, "2026-04": BALANCE}


def test_a_partial_invoice_covers_the_balance_first(issued) -> None:  # type: ignore[no-untyped-def]
    # half the goods invoiced, no deposit deducted yet (the deposit is still unpaid)
    _invoice(issued, total=D("7000.00"), balance_due=D("7000.00"), due_date=dt.date(2026, 6, 1))
    assert _payments() == {
        "2026-03": DEPOSIT,
        "2026-04": BALANCE - D("7000.00"),
        "2026-06": D("7000.00"),
    }


def test_expected_payment_linked_to_a_followed_order_is_not_counted_again(issued) -> None:  # type: ignore[no-untyped-def]
    services.save_payment(
        payment=None,
        values=PaymentValues(
            currency="USD", amount=D("900"), due_on=dt.date(2026, 2, 10), description="Freight"
        ),
        user=None,
    )
    linked = services.save_payment(
        payment=None,
        values=PaymentValues(currency="USD", amount=D("4665"), due_on=dt.date(2026, 3, 2)),
        user=None,
    )
    ExpectedPayment.objects.filter(pk=linked.pk).update(purchase_order_id=issued.pk)
    assert _payments() == {"2026-02": D("900.00"), "2026-03": DEPOSIT, "2026-04": BALANCE}


def test_a_buy_forward_reduces_the_short_position(issued) -> None:  # type: ignore[no-untyped-def]
    services.save_hedge(
        hedge=None,
        values=HedgeValues(
            kind="forward",
            reference="FWD-BUY-1",
            bank="BNP Paribas",
            side="buy",
            currency="USD",
            amount=D("10000"),
            rate=D("1.0850"),
            trade_date=dt.date(2026, 1, 10),
            maturity=dt.date(2026, 4, 15),
        ),
        user=None,  # type: ignore[arg-type]
    )
    usd = _usd()
    assert usd is not None
    april = {m.month: m for m in usd.months}["2026-04"]
    assert april.net == -BALANCE
    assert april.uncovered == -BALANCE + D("10000")
    assert usd.uncovered == -(DEPOSIT + BALANCE) + D("10000")


def test_the_page_and_the_api_link_the_payables(issued, assistant_client) -> None:  # type: ignore[no-untyped-def]
    page = assistant_client.get(reverse("fx_exposure:exposure"))
    html = page.content.decode()
    assert issued.get_absolute_url() in html
    assert "fx-payables" in html
    data = assistant_client.get("/api/currency-exposure").json()
    usd = next(c for c in data["currencies"] if c["currency"] == "USD")
    assert [(p["kind"], p["amount"], p["estimated"]) for p in usd["payables"]] == [
        ("purchase_order", "4665.00", False),
        ("purchase_order", "10885.00", True),
    ]
