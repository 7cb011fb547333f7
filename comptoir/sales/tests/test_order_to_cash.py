"""Order to cash, rule by rule: credit control, deliveries, invoices, credit notes, payments."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal

import pypdf
import pypdfium2
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.sales import billing, selectors, services
from comptoir.sales.models import Invoice, NumberSequence, Order, Payment

from .conftest import make_order

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def delivered_and_invoiced(order, user, quantity=None):  # type: ignore[no-untyped-def]
    order = services.confirm_order(order=order, user=user)
    assert order.status == Order.Status.CONFIRMED, order.hold_reasons
    line = order.lines.get()
    delivery = services.create_delivery(
        order=order,
        user=user,
        planned_date=dt.date(2026, 11, 3),
        quantities={line.pk: Decimal(quantity or line.quantity)},
    )
    services.ship_delivery(delivery=delivery, user=user, shipped_on=dt.date(2026, 11, 3))
    invoice = billing.draft_from_delivery(delivery=delivery, user=user)
    return billing.issue(invoice=invoice, user=user, issue_date=dt.date(2026, 11, 4))


# ----------------------------------------------------------------------------- credit control


def test_an_order_within_the_credit_limit_is_confirmed(seller, clients, product, assistant):
    order = services.confirm_order(
        order=make_order(clients["fr"], product, "100", "79"), user=assistant
    )
    assert order.status == Order.Status.CONFIRMED and order.hold_reasons == ""


def test_an_order_over_the_credit_limit_is_held_until_a_manager_releases_it(
    seller, clients, product, assistant, manager
):
    client = clients["fr"]  # credit limit 20 000 EUR
    delivered_and_invoiced(make_order(client, product, "150", "79"), assistant)  # 14 220 EUR unpaid
    order = services.confirm_order(
        order=make_order(client, product, "100", "79"), user=assistant
    )  # + 7 900
    assert order.status == Order.Status.ON_HOLD
    assert "20000" in order.hold_reasons.replace(",", "").replace(" ", "")
    with pytest.raises(PermissionDenied, match="Manager"):
        services.release_order(order=order, user=assistant, reason="known client")
    with pytest.raises(ValidationError, match="reason"):
        services.release_order(order=order, user=manager, reason="  ")
    order = services.release_order(
        order=order, user=manager, reason="Payment promised by phone on 5 Nov"
    )
    assert order.status == Order.Status.CONFIRMED
    assert order.released_by == manager and "phone" in order.release_reason
    assert order.history.filter(history_change_reason__startswith="released").exists()


def test_a_confirmed_order_not_yet_invoiced_counts_in_the_outstanding(
    seller, clients, product, assistant
):
    client = clients["fr"]
    first = services.confirm_order(
        order=make_order(client, product, "200", "79"), user=assistant
    )  # 15 800
    assert first.status == Order.Status.CONFIRMED
    second = services.confirm_order(
        order=make_order(client, product, "60", "79"), user=assistant
    )  # + 4 740
    assert second.status == Order.Status.ON_HOLD


def test_advance_payment_skips_the_limit_but_not_overdue_invoices(
    seller, clients, product, assistant
):
    client = clients["fr"]
    order = make_order(client, product, "1000", "79", payment_instrument="advance")
    assert services.confirm_order(order=order, user=assistant).status == Order.Status.CONFIRMED
    # An invoice overdue by more than 30 days puts any new order on hold.
    invoice = delivered_and_invoiced(make_order(clients["de"], product, "10", "79"), assistant)
    Invoice.objects.filter(pk=invoice.pk).update(due_date=dt.date.today() - dt.timedelta(days=45))
    held = services.confirm_order(
        order=make_order(clients["de"], product, "1", "79", payment_instrument="advance"),
        user=assistant,
    )
    assert held.status == Order.Status.ON_HOLD and "overdue" in held.hold_reasons


# ----------------------------------------------------------------------------- deliveries


def test_partial_deliveries_and_no_more_than_ordered(seller, clients, product, assistant):
    order = services.confirm_order(
        order=make_order(clients["fr"], product, "100", "79"), user=assistant
    )
    line = order.lines.get()
    services.create_delivery(
        order=order,
        user=assistant,
        planned_date=dt.date(2026, 11, 3),
        quantities={line.pk: Decimal("60")},
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PARTLY_DELIVERED
    with pytest.raises(ValidationError, match="40"):
        services.create_delivery(
            order=order,
            user=assistant,
            planned_date=dt.date(2026, 11, 5),
            quantities={line.pk: Decimal("41")},
        )
    services.create_delivery(
        order=order,
        user=assistant,
        planned_date=dt.date(2026, 11, 5),
        quantities={line.pk: Decimal("40")},
    )
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert selectors.remaining_quantities(order) == {line.pk: Decimal("0")}


def test_a_draft_order_cannot_be_delivered(seller, clients, product, assistant):
    order = make_order(clients["fr"], product)
    with pytest.raises(ValidationError, match="confirmed"):
        services.create_delivery(
            order=order,
            user=assistant,
            planned_date=dt.date(2026, 11, 3),
            quantities={order.lines.get().pk: 1},
        )


# ----------------------------------------------------------------------------- invoices


def test_domestic_invoice_has_french_vat_and_the_legal_mentions(
    seller, clients, product, assistant
):
    invoice = delivered_and_invoiced(make_order(clients["fr"], product, "10", "79"), assistant)
    assert invoice.number == "FA2026-00001"
    assert (invoice.net_total, invoice.vat_rate, invoice.vat_total, invoice.gross_total) == (
        Decimal("790.00"),
        Decimal("20.00"),
        Decimal("158.00"),
        Decimal("948.00"),
    )
    assert invoice.due_date == dt.date(2026, 12, 4)  # 30 days
    text = pdf_text(bytes(invoice.pdf))
    assert "FA2026-00001" in text and "73239200" in text
    assert "12,15 %" in text and "40 €" in text  # ECB 2.15 + 10 points, and the 40 EUR indemnity
    assert invoice.facturx  # a French business client: Factur-X


def test_intra_eu_invoice_is_exempt_with_both_vat_numbers_and_factur_x(
    seller, clients, product, assistant
):
    from comptoir.trade import einvoice

    invoice = delivered_and_invoiced(make_order(clients["de"], product, "10", "79"), assistant)
    assert invoice.vat_total == 0 and invoice.gross_total == Decimal("790.00")
    assert "262 ter" in invoice.vat_mention
    text = pdf_text(bytes(invoice.pdf))
    assert "262 ter" in text and "DE136695976" in text and "FR96552100554" in text
    xml = einvoice.xml_from_pdf(bytes(invoice.pdf))
    einvoice.check_xml(xml)
    assert b"VATEX-EU-IC" in xml and b"FA2026-00001" in xml


def test_export_invoice_is_exempt_under_article_262_i_without_factur_x(
    seller, clients, product, assistant, usd_rate
):
    invoice = delivered_and_invoiced(make_order(clients["us"], product, "10", "89"), assistant)
    assert invoice.currency == "USD" and invoice.vat_total == 0
    assert "262 I" in invoice.vat_mention and "ter" not in invoice.vat_mention
    assert invoice.eur_rate == Decimal("0.90")
    assert not invoice.facturx


def test_numbers_are_consecutive_and_a_failed_issue_uses_none(
    seller, clients, product, assistant, monkeypatch
):
    from comptoir.sales import documents
    from comptoir.trade.errors import TradeInputError

    first = delivered_and_invoiced(make_order(clients["fr"], product, "1", "79"), assistant)
    # The Factur-X step fails after the number was taken: the whole issue rolls back...
    order = services.confirm_order(
        order=make_order(clients["fr"], product, "1", "79"), user=assistant
    )
    draft = billing.draft_from_order(order=order, user=assistant)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise TradeInputError("buyer.vat_number: not valid", "buyer.vat_number")

    monkeypatch.setattr(documents, "with_facturx", broken)
    with pytest.raises(ValidationError, match="Factur-X"):
        billing.issue(invoice=draft, user=assistant, issue_date=dt.date(2026, 11, 20))
    monkeypatch.undo()
    draft.refresh_from_db()
    assert draft.number is None and not draft.is_issued
    # ...and the next invoice takes the very next number.
    second = delivered_and_invoiced(make_order(clients["fr"], product, "1", "79"), assistant)
    assert (first.number, second.number) == ("FA2026-00001", "FA2026-00002")
    assert NumberSequence.objects.get(kind="invoice", year=2026).last == 2


def test_an_issued_invoice_is_never_edited_and_its_pdf_never_changes(
    seller, clients, product, assistant, manager, client
):
    invoice = delivered_and_invoiced(make_order(clients["fr"], product, "10", "79"), assistant)
    invoice.net_total = Decimal("1")
    with pytest.raises(ValidationError, match="credit note"):
        invoice.save()
    with pytest.raises(ValidationError):
        billing.delete_draft(invoice=invoice, user=manager)
    stored = Invoice.objects.get(pk=invoice.pk)
    assert hashlib.sha256(bytes(stored.pdf)).hexdigest() == stored.pdf_sha256
    client.force_login(assistant)
    response = client.get(f"/sales/invoices/{invoice.pk}/pdf/")
    assert response.content == bytes(stored.pdf)
    assert response["X-Content-SHA256"] == stored.pdf_sha256


def test_the_invoice_pdf_renders(seller, clients, product, assistant):
    invoice = delivered_and_invoiced(make_order(clients["fr"], product, "10", "79"), assistant)
    image = pypdfium2.PdfDocument(bytes(invoice.pdf))[0].render(scale=0.5).to_pil().convert("L")
    assert image.getextrema()[0] < 100  # not a blank page


# ----------------------------------------------------------------------------- credit notes


def test_partial_credit_note_with_its_own_sequence_and_never_more_than_invoiced(
    seller, clients, product, assistant, manager
):
    invoice = delivered_and_invoiced(make_order(clients["fr"], product, "10", "79"), assistant)
    line = invoice.lines.get()
    note = billing.draft_credit_note(
        invoice=invoice, user=manager, quantities={line.pk: Decimal("4")}, reason="4 damaged"
    )
    note = billing.issue(invoice=note, user=manager, issue_date=dt.date(2026, 11, 10))
    assert note.number == "AV2026-00001"
    assert note.gross_total == Decimal("379.20")  # 4 x 79 + 20 % VAT
    assert "FA2026-00001" in pdf_text(bytes(note.pdf))
    assert billing.open_balance(invoice) == Decimal("948.00") - Decimal("379.20")
    invoice.refresh_from_db()
    assert invoice.balance_due == Decimal("568.80")  # the stored balance follows
    # Crediting 7 more would exceed the 6 left.
    too_much = billing.draft_credit_note(
        invoice=invoice, user=manager, quantities={line.pk: Decimal("7")}, reason="more"
    )
    with pytest.raises(ValidationError):
        billing.issue(invoice=too_much, user=manager)
    too_much.refresh_from_db()
    assert too_much.number is None


# ----------------------------------------------------------------------------- payments


def test_partial_payment_then_the_rest_and_no_overpayment(seller, clients, product, assistant):
    invoice = delivered_and_invoiced(make_order(clients["fr"], product, "10", "79"), assistant)
    kwargs = {"client": clients["fr"], "currency": "EUR", "user": assistant}
    billing.record_payment(
        received_on=dt.date(2026, 11, 20),
        amount=Decimal("500"),
        allocations={invoice.pk: Decimal("500")},
        **kwargs,
    )
    invoice.refresh_from_db()
    assert billing.open_balance(invoice) == Decimal("448.00")
    with pytest.raises(ValidationError, match="448"):
        billing.record_payment(
            received_on=dt.date(2026, 11, 21),
            amount=Decimal("500"),
            allocations={invoice.pk: Decimal("500")},
            **kwargs,
        )
    assert Payment.objects.count() == 1  # the refused payment left nothing behind
    billing.record_payment(
        received_on=dt.date(2026, 11, 21),
        amount=Decimal("448"),
        allocations={invoice.pk: Decimal("448")},
        **kwargs,
    )
    invoice.refresh_from_db()
    assert billing.open_balance(invoice) == 0


def test_payment_in_dollars_records_the_exchange_difference(
    seller, clients, product, assistant, usd_rate
):
    invoice = delivered_and_invoiced(make_order(clients["us"], product, "10", "89"), assistant)
    assert invoice.gross_total == Decimal("890.00") and invoice.eur_rate == Decimal("0.90")
    payment = billing.record_payment(
        client=clients["us"],
        received_on=dt.date(2026, 11, 20),
        amount=Decimal("890"),
        currency="USD",
        allocations={invoice.pk: Decimal("890")},
        user=assistant,
        eur_per_unit=Decimal("0.92"),
    )
    allocation = payment.allocations.get()
    # 890 USD booked at 0.90 = 801.00 EUR, received at 0.92 = 818.80 EUR: a gain of 17.80.
    assert allocation.exchange_difference_eur == Decimal("17.80")


def test_a_payment_in_the_future_is_refused(seller, clients, product, assistant):
    invoice = delivered_and_invoiced(make_order(clients["fr"], product, "1", "79"), assistant)
    with pytest.raises(ValidationError, match="future"):
        billing.record_payment(
            client=clients["fr"],
            received_on=dt.date.today() + dt.timedelta(days=2),
            amount=Decimal("10"),
            currency="EUR",
            allocations={invoice.pk: Decimal("10")},
            user=assistant,
        )


def test_plan_the_load_of_a_delivery(seller, clients, product, assistant):
    from comptoir.logistics.models import Equipment

    order = services.confirm_order(
        order=make_order(clients["de"], product, "120", "79"), user=assistant
    )
    delivery = services.create_delivery(
        order=order,
        user=assistant,
        planned_date=dt.date(2026, 11, 3),
        quantities={order.lines.get().pk: Decimal("120")},
    )
    plan = services.plan_load_for_delivery(delivery=delivery, user=assistant)
    Equipment.objects.filter(code="TRAILER136").update(freight_price=Decimal("1350"))
    plan = services.plan_load_for_delivery(delivery=delivery, user=assistant)
    assert plan.client == clients["de"] and delivery.number in plan.title
    assert [(line.product, line.quantity) for line in plan.lines.all()] == [(product, 120)]
    assert plan.prices == {"TRAILER136": "1350.00"}
    delivery.refresh_from_db()
    assert delivery.load_plan == plan


def test_sales_plans_a_load_through_the_logistics_service(
    seller, clients, product, assistant, monkeypatch
):
    """Sales never writes load plans itself: it hands the delivery's goods to logistics."""
    from comptoir.logistics import services as logistics_services

    calls = []
    real = logistics_services.plan_for_delivery

    def spy(**values):
        calls.append(values)
        return real(**values)

    monkeypatch.setattr(logistics_services, "plan_for_delivery", spy)
    order = services.confirm_order(
        order=make_order(clients["de"], product, "7.5", "79"), user=assistant
    )
    delivery = services.create_delivery(
        order=order,
        user=assistant,
        planned_date=dt.date(2026, 11, 3),
        quantities={order.lines.get().pk: Decimal("7.5")},
    )
    plan = services.plan_load_for_delivery(delivery=delivery, user=assistant)
    assert len(calls) == 1 and calls[0]["delivery_number"] == delivery.number
    assert [(v.product, v.quantity) for v in calls[0]["lines"]] == [(product, 8)]
    assert plan.history.first().history_user == assistant


def test_an_intra_eu_invoice_before_delivery_gives_the_invoicing_period_not_a_future_date(
    seller, clients, product, assistant
):
    """BR-IC-11 wants the actual delivery date or the invoicing period: before shipping, the
    period from the issue date to the requested delivery (never a date not yet happened as
    the actual delivery date, BT-72)."""
    from comptoir.trade import einvoice

    order = services.confirm_order(
        order=make_order(clients["de"], product, "5", "79", requested_date=dt.date(2026, 12, 1)),
        user=assistant,
    )
    invoice = billing.issue(
        invoice=billing.draft_from_order(order=order, user=assistant),
        user=assistant,
        issue_date=dt.date(2026, 10, 20),
    )  # advance invoice
    assert invoice.facturx
    xml = einvoice.xml_from_pdf(bytes(invoice.pdf))
    assert b"ActualDeliverySupplyChainEvent" not in xml
    assert b"BillingSpecifiedPeriod" in xml
    assert b"20261020" in xml and b"20261201" in xml


def test_the_issued_invoice_is_pdf_a_3(seller, clients, product, assistant):
    invoice = delivered_and_invoiced(make_order(clients["de"], product, "1", "79"), assistant)
    assert invoice.facturx
    metadata = pypdf.PdfReader(io.BytesIO(bytes(invoice.pdf))).xmp_metadata
    assert metadata is not None
    assert (metadata.pdfaid_part, metadata.pdfaid_conformance) == ("3", "B")


def test_a_registered_gate_refuses_the_confirmation_with_its_reason(
    seller, clients, product, assistant
):
    from comptoir.common import gates

    order = make_order(clients["fr"], product, "10", "79")
    gates.register(
        gates.ORDER_CONFIRMATION, "test", lambda *, order: [f"Blocked: {order.client.name}"]
    )
    try:
        with pytest.raises(ValidationError, match="Blocked: "):
            services.confirm_order(order=order, user=assistant)
    finally:
        gates.unregister(gates.ORDER_CONFIRMATION, "test")
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT
    assert services.confirm_order(order=order, user=assistant).status == Order.Status.CONFIRMED
