"""Order to cash through the API: same rules as the screens."""

from __future__ import annotations

import datetime as dt

import pytest

from comptoir.sales.models import Invoice, Offer, Order

pytestmark = pytest.mark.django_db


def test_order_created_confirmed_invoiced_and_paid(assistant_client, seller, clients, product):
    body = {
        "client": clients["fr"].pk,
        "client_reference": "PO-9",
        "order_date": dt.date.today().isoformat(),
        "currency": "EUR",
        "incoterm": "FCA",
        "incoterm_place": "Thiers",
        "payment_days": 30,
        "payment_instrument": "open_account",
        "transport_mode": "road",
        "language": "fr",
        "lines": [{"product": product.pk, "quantity": "10", "unit_price": "79.00"}],
    }
    created = assistant_client.post("/api/orders/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    confirmed = assistant_client.post(f"/api/orders/{pk}/confirm/")
    assert confirmed.json()["status"] == "confirmed"
    from comptoir.sales import billing

    draft = billing.draft_from_order(order=Order.objects.get(pk=pk), user=None)
    issued = assistant_client.post(
        f"/api/invoices/{draft.pk}/issue/", content_type="application/json"
    )
    assert issued.status_code == 200 and issued.json()["number"].startswith("FA")
    assert issued.json()["gross_total"] == "948.00"
    payment = assistant_client.post(
        "/api/payments/",
        {
            "client": clients["fr"].pk,
            "received_on": dt.date.today().isoformat(),
            "amount": "948.00",
            "currency": "EUR",
            "allocations": {str(draft.pk): "948.00"},
        },
        content_type="application/json",
    )
    assert payment.status_code == 201, payment.json()
    assert assistant_client.get(f"/api/invoices/{draft.pk}/").json()["balance"] == "0.00"


def test_bad_input_is_refused_with_the_field(assistant_client, seller, clients, product):
    body = {
        "client": clients["fr"].pk,
        "offer_date": dt.date.today().isoformat(),
        "valid_until": "2020-01-01",
        "currency": "EUR",
        "incoterm": "FCA",
        "incoterm_place": "Thiers",
        "payment_days": 30,
        "payment_instrument": "open_account",
        "transport_mode": "road",
        "lead_time": "2 weeks",
        "target_margin_pct": "30",
        "language": "en",
        "lines": [{"product": product.pk, "quantity": "0", "unit_price": "79"}],
    }
    response = assistant_client.post("/api/offers/", body, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()
    assert "valid_until" in errors and "quantity" in str(errors["lines"])
    assert Offer.objects.count() == 0


def test_issued_invoices_cannot_be_issued_twice(assistant_client, seller, clients, product):
    from comptoir.sales import billing, services
    from comptoir.sales.tests.conftest import make_order

    order = services.confirm_order(order=make_order(clients["fr"], product, "1", "79"), user=None)
    invoice = billing.issue(invoice=billing.draft_from_order(order=order, user=None), user=None)
    response = assistant_client.post(
        f"/api/invoices/{invoice.pk}/issue/", content_type="application/json"
    )
    assert response.status_code == 400 and "already issued" in str(response.json())
    assert Invoice.objects.get(pk=invoice.pk).number == invoice.number


def test_issue_records_the_ground_of_a_long_term_and_refuses_a_form_body(
    assistant_client, assistant, seller, clients, product, usd_rate
):
    from comptoir.sales import billing
    from comptoir.sales.models import Order
    from comptoir.sales.tests.conftest import make_order

    order = make_order(clients["us"], product, payment_days=90)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    order.refresh_from_db()
    draft = billing.draft_from_order(order=order, user=assistant)
    url = f"/api/invoices/{draft.pk}/issue/"
    refused = assistant_client.post(url, content_type="application/json")
    assert refused.status_code == 400 and "L441-10" in str(refused.json())
    form = assistant_client.post(url, {"term_basis": "foreign_law"})
    assert form.status_code == 415
    issued = assistant_client.post(
        url,
        {"term_basis": "foreign_law", "term_reason": "Contract under New York law"},
        content_type="application/json",
    )
    assert issued.status_code == 200, issued.json()
    assert issued.json()["term_basis"] == "foreign_law"
