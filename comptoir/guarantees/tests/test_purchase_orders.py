"""Guarantees received from a supplier that secure one of our purchase orders: the choice
checked by the service, the reference filled with the order's number, the links both ways,
the form prefilled from the order (an advance-payment guarantee for the 30 % deposit), the
API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from comptoir.guarantees import services
from comptoir.purchasing.models import PurchaseOrder

from .test_services import company, given

pytestmark = pytest.mark.django_db
D = Decimal
DEPOSIT = D("4665.00")  # 30 % of USD 15,550


def _received(supplier: Any, order: PurchaseOrder | None, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "direction": "received",
        "kind": "advance_payment",
        "amount": DEPOSIT,
        "currency": "USD",
        "issuing_bank_name": "Bank of China, Ningbo Branch",
        "issuing_bank_bic": "BKCHCNBJ92A",
        "purchase_order_id": order.pk if order else None,
        **changes,
    }
    return given(supplier, **values)


def test_an_advance_payment_guarantee_secures_the_deposit(
    supplier: Any,
    issued: PurchaseOrder,
    assistant: Any,
    assistant_client: Any,
) -> None:
    guarantee = services.create_guarantee(values=_received(supplier, issued), user=assistant)
    assert guarantee.purchase_order_id == issued.pk
    assert guarantee.purchase_reference == issued.number
    page = assistant_client.get(guarantee.get_absolute_url()).content.decode()
    assert reverse("purchasing:order_detail", args=[issued.pk]) in page
    po_page = assistant_client.get(issued.get_absolute_url()).content.decode()
    assert guarantee.get_absolute_url() in po_page
    assert f"purchase_order={issued.pk}" in po_page


def test_refusals_name_the_field(
    supplier: Any,
    issued: PurchaseOrder,
    assistant: Any,
) -> None:
    other = company("Mumbai Metals", "supplier", "IN")
    client = company("Atlas Cuisine SARL", "client")
    cases = [
        (_received(other, issued), "purchase_order"),
        (_received(supplier, issued, currency="EUR"), "currency"),
        (given(client, purchase_order_id=issued.pk), "purchase_order"),
    ]
    for values, field in cases:
        with pytest.raises(ValidationError) as refused:
            services.create_guarantee(values=values, user=assistant)
        assert field in refused.value.message_dict, field


def test_the_form_is_prefilled_from_the_order(issued: PurchaseOrder, assistant_client: Any) -> None:
    page = assistant_client.get(
        reverse("guarantees:guarantee_new") + f"?purchase_order={issued.pk}"
    )
    initial = page.context["form"].initial
    assert initial["direction"] == "received" and initial["kind"] == "advance_payment"
    assert initial["amount"] == DEPOSIT and initial["currency"] == "USD"
    assert initial["purchase_order"] == issued
    assert issued in list(page.context["form"].fields["purchase_order"].queryset)


def test_api_links_the_purchase_order(
    supplier: Any,
    issued: PurchaseOrder,
    client: Any,
    manager: Any,
) -> None:
    client.force_login(manager)
    body = {
        "direction": "received",
        "kind": "advance_payment",
        "partner": supplier.pk,
        "amount": "4665.00",
        "currency": "USD",
        "issuing_bank_name": "Bank of China, Ningbo Branch",
        "expiry_date": (dt.date.today() + dt.timedelta(days=120)).isoformat(),
        "purchase_order_id": issued.pk,
    }
    wrong = client.post(
        "/api/guarantees/", {**body, "purchase_order_id": 999999}, content_type="application/json"
    )
    assert wrong.status_code == 400 and "purchase_order_id" in wrong.json()
    made = client.post("/api/guarantees/", body, content_type="application/json")
    assert made.status_code == 201, made.json()
    assert made.json()["purchase_order_id"] == issued.pk
    assert made.json()["purchase_reference"] == issued.number
