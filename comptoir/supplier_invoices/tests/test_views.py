"""The supplier-invoice screens: record from the order, the match shown, approve, dispute,
pay; the landed cost page; no write on GET; a read-only user cannot write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.catalog.models import Product
from comptoir.supplier_invoices.models import LandedCost, SupplierInvoice
from conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _post_invoice(http, buy, price="2.40"):  # type: ignore[no-untyped-def]
    return http.post(
        f"/supplier-invoices/new/?order={buy.order.pk}",
        {
            "number": "NB-778",
            "invoice_date": (TODAY - dt.timedelta(days=2)).isoformat(),
            "currency": "usd",
            "incoterm": "FOB",
            "named_place": "Ningbo",
            "payment_days": "60",
            f"qty_{buy.l1.pk}": "960",
            f"price_{buy.l1.pk}": price,
            f"qty_{buy.l2.pk}": "500",
            f"price_{buy.l2.pk}": "2.40",
        },
    )


def _no_write(http, url):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = http.get(url)
    assert response.status_code == 200, url
    writes = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert not writes, writes
    return response


def test_record_match_dispute_and_pages(client, buy, django_user_model):  # type: ignore[no-untyped-def]
    user = make_user(django_user_model, "claire", "assistant")
    user.profile.language = "en"
    user.profile.save()
    client.force_login(user)
    response = _no_write(client, f"/supplier-invoices/new/?order={buy.order.pk}")
    assert b"2.4" in response.content
    response = _post_invoice(client, buy, price="2.55")
    invoice = SupplierInvoice.objects.get()
    assert response.status_code == 302 and invoice.status == SupplierInvoice.Status.TO_CHECK
    page = _no_write(client, invoice.get_absolute_url()).content.decode()
    assert "Unit price" in page and "to settle" in page and "144.00" in page
    client.post(f"{invoice.get_absolute_url()}dispute/", {"reason": "Agreed price USD 2.40"})
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoice.Status.DISPUTED and invoice.task_id
    for url in (
        "/supplier-invoices/",
        "/supplier-invoices/payables/",
        "/supplier-invoices/settings/",
        "/supplier-invoices/landed-costs/",
        f"/supplier-invoices/landed-costs/{buy.receipt.pk}/",
    ):
        _no_write(client, url)


def test_approve_pay_and_landed_cost_in_french(client, buy, django_user_model):  # type: ignore[no-untyped-def]
    user = make_user(django_user_model, "claire", "assistant")
    user.profile.language = "fr"
    user.profile.save()
    client.force_login(user)
    _post_invoice(client, buy)
    invoice = SupplierInvoice.objects.get()
    assert invoice.status == SupplierInvoice.Status.MATCHED
    client.post(f"{invoice.get_absolute_url()}approve/", {"note": ""})
    client.post(
        f"{invoice.get_absolute_url()}payment/",
        {"paid_on": TODAY.isoformat(), "amount": "3504.00", "eur_rate": "0.90"},
    )
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoice.Status.PAID
    assert invoice.payments.get().exchange_difference_eur == Decimal("70.08")
    page = client.get(invoice.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Rapprochement" in page
    base = f"/supplier-invoices/landed-costs/{buy.receipt.pk}/"
    client.post(f"{base}open/")
    client.post(
        f"{base}add/", {"kind": "freight", "amount": "800", "currency": "EUR", "basis": "weight"}
    )
    landed = LandedCost.objects.get()
    assert landed.costs_eur == Decimal("800.00")
    assert "Coût de revient" in client.get(base).content.decode()
    client.post(f"{base}apply/")
    product = Product.objects.get(pk=buy.lids.pk)
    assert product.cost_price_date == buy.receipt.received_on
    assert buy.receipt.number in client.get(f"/catalog/products/{product.pk}/").content.decode()


def test_read_only_user_cannot_write(client, buy, django_user_model):  # type: ignore[no-untyped-def]
    client.force_login(make_user(django_user_model, "paul", "readonly"))
    response = _post_invoice(client, buy)
    assert response.status_code == 403
    assert not SupplierInvoice.objects.exists()


def test_approve_button_only_for_who_may_approve(client, buy, django_user_model):  # type: ignore[no-untyped-def]
    """An invoice with a difference to settle: the assistant may dispute it but not approve
    it (no button); the manager sees the button."""
    assistant = make_user(django_user_model, "claire", "assistant")
    client.force_login(assistant)
    _post_invoice(client, buy, price="2.55")
    invoice = SupplierInvoice.objects.get()
    page = _no_write(client, invoice.get_absolute_url()).content.decode()
    assert 'id="dispute"' in page and 'id="approve"' not in page
    manager = make_user(django_user_model, "julien", "manager")
    client.force_login(manager)
    page = _no_write(client, invoice.get_absolute_url()).content.decode()
    assert 'id="approve"' in page
