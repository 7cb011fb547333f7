"""Purchase orders prepared from a decided call for tender: one draft per supplier chosen at
the answered price, once; refused before the decision and to a read-only user; the same from
the tender page and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from comptoir.purchasing import from_tender, services
from comptoir.purchasing.models import PurchaseOrder
from comptoir.tenders import selectors as tender_selectors
from comptoir.tenders import services as tender_services
from comptoir.tenders.inputs import DecisionValues
from comptoir.tenders.models import Tender
from comptoir.tenders.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _decide(tender: Tender, country: str, reason: str = "") -> Any:
    table = tender_selectors.comparison(tender)
    chosen = next(r for r in table.rows if r.invitation.supplier.country == country)
    tender_services.decide(
        tender=tender,
        values=DecisionValues(
            overall=chosen.invitation.supplier, reason=reason, inform_losers=False
        ),
        user=None,
    )
    return chosen.invitation.supplier


def test_one_draft_per_supplier_at_the_answered_price_once(
    answered: Tender, assistant: Any
) -> None:
    portugal = _decide(answered, "PT", reason="Shorter lead time, within the EU")
    answered.refresh_from_db()
    orders = from_tender.create_orders_from_tender(
        tender=answered, order_date=TODAY, user=assistant
    )
    assert len(orders) == 1
    order = orders[0]
    assert order.status == PurchaseOrder.Status.DRAFT and order.number is None
    assert order.supplier == portugal
    assert (order.currency, order.incoterm, order.named_place) == ("EUR", "FCA", "Port")
    # Portugal answered 60 days: open account after the invoice; within the EU: by road
    assert order.payment_instrument == "open_account" and order.payment_days == 60
    assert order.transport_mode == "road"
    assert order.tender_id == answered.pk and order.tender_reference == answered.number
    assert order.requested_date == TODAY + dt.timedelta(days=21)
    [line] = list(order.lines.all())
    assert line.quantity == Decimal(2000) and line.unit_price == Decimal("4.15")
    assert line.description == "black"
    with pytest.raises(ValidationError) as info:
        from_tender.create_orders_from_tender(tender=answered, order_date=TODAY, user=assistant)
    assert "tender" in info.value.message_dict
    assert PurchaseOrder.objects.filter(tender_id=answered.pk).count() == 1
    services.delete_draft(order=order, user=assistant)
    again = from_tender.create_orders_from_tender(tender=answered, order_date=TODAY, user=None)
    assert len(again) == 1


def test_sea_supplier_paid_before_shipment(answered: Tender) -> None:
    china = _decide(answered, "CN", reason="Cheapest EXW, we book the freight")
    [order] = from_tender.create_orders_from_tender(tender=answered, order_date=TODAY, user=None)
    assert order.supplier == china and order.incoterm == "EXW"
    assert order.payment_instrument == "advance" and order.transport_mode == "sea"


def test_refused_before_the_decision_and_to_a_reader(answered: Tender, reader: Any) -> None:
    with pytest.raises(ValidationError) as info:
        from_tender.create_orders_from_tender(tender=answered, order_date=TODAY, user=None)
    assert "tender" in info.value.message_dict
    _decide(answered, "PT", reason="Lead time")
    with pytest.raises(PermissionDenied):
        from_tender.create_orders_from_tender(tender=answered, order_date=TODAY, user=reader)
    assert not PurchaseOrder.objects.exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_tender_page_prepares_the_orders(
    answered: Tender, assistant_client: Any, assistant: Any, language: str
) -> None:
    assistant.profile.language = language
    assistant.profile.save()
    _decide(answered, "PT", reason="Lead time")
    page = reverse("tenders:detail", args=[answered.pk])
    html = assistant_client.get(page).content.decode()
    assert 'id="prepare-orders"' in html
    assert not PurchaseOrder.objects.exists()  # nothing written on GET
    response = assistant_client.post(reverse("purchasing:from_tender", args=[answered.pk]))
    order = PurchaseOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    html = assistant_client.get(page).content.decode()
    assert order.get_absolute_url() in html and 'id="prepare-orders"' not in html
    again = assistant_client.post(
        reverse("purchasing:from_tender", args=[answered.pk]), follow=True
    )
    text = again.content.decode()
    assert ("already prepared" in text) or ("déjà préparées" in text)
    assert PurchaseOrder.objects.count() == 1


def test_api_prepares_the_orders_and_refuses_in_json(
    answered: Tender, assistant_client: Any
) -> None:
    url = "/api/purchase-orders/from-tender/"
    refused = assistant_client.post(url, {"tender": answered.pk}, content_type="application/json")
    assert refused.status_code == 400 and "tender" in refused.json()
    _decide(answered, "IN", reason="FOB Mumbai, our forwarder")
    made = assistant_client.post(url, {"tender": answered.pk}, content_type="application/json")
    assert made.status_code == 201
    [order] = made.json()
    assert order["currency"] == "USD" and order["incoterm"] == "FOB"
    missing = assistant_client.post(url, {"tender": 999999}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["tender"]
