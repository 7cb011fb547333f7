"""Import credits linked to the purchase order they pay: the choice checked by the service
(supplier, instrument, currency, amount with the tolerance, one live credit per order), the
links both ways, the API and the demo's L/C order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from comptoir.credits import services
from comptoir.credits.models import Credit
from comptoir.demo import credits as demo
from comptoir.parties.models import Company
from comptoir.purchasing import services as purchasing
from comptoir.purchasing.models import PurchaseOrder
from comptoir.purchasing.tests.conftest import line_values, order_values

from .conftest import TODAY, credit_values

pytestmark = pytest.mark.django_db
D = Decimal
TOTAL = D("15550.00")  # 5,000 × 1.85 + 3,000 × 2.10


def _order(supplier: Company, lids: Any, user: Any, **changes: Any) -> PurchaseOrder:
    terms: dict[str, Any] = {
        "payment_instrument": "lc",
        "deposit_pct": D("0"),
        "balance_trigger": "documents",
        "payment_days": 60,
        **changes,
    }
    order = purchasing.create_order(
        values=order_values(supplier, **terms), lines=line_values(lids), user=user
    )
    return purchasing.issue_order(order=order, user=user)


def _values(world: Any, supplier: Company, order: PurchaseOrder | None, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "direction": "import",
        "partner": supplier,
        "order": None,
        "purchase_order": order,
        "currency": "USD",
        "amount": TOTAL,
        "applicant_name": "Maison Ferrand SAS",
        "beneficiary_name": supplier.name,
        "issuing_bank": "Crédit Agricole",
        "issuing_bank_bic": "AGRIFRPP",
        "advising_bank": "Bank of China, Ningbo Branch",
        "advising_bank_bic": "BKCHCNBJ92A",
        "confirmed": False,
        "confirming_bank": "",
        "incoterm": "FOB",
        "named_place": "Ningbo",
        "port_of_loading": "Ningbo",
        "port_of_discharge": "Le Havre",
        **changes,
    }
    return credit_values(world, **values)


@pytest.fixture
def lc_order(supplier, lids, assistant) -> PurchaseOrder:  # type: ignore[no-untyped-def]
    return _order(supplier, lids, assistant)


def test_an_import_credit_pays_its_purchase_order(
    world: Any,
    supplier: Company,
    lc_order: PurchaseOrder,
    assistant: Any,
    assistant_client: Any,
) -> None:
    credit = services.create_credit(values=_values(world, supplier, lc_order), user=assistant)
    assert credit.purchase_order_id == lc_order.pk
    assert credit.purchase_reference == lc_order.number
    page = assistant_client.get(credit.get_absolute_url()).content.decode()
    assert reverse("purchasing:order_detail", args=[lc_order.pk]) in page
    po_page = assistant_client.get(lc_order.get_absolute_url()).content.decode()
    assert 'id="purchase-order-credits"' in po_page
    assert credit.get_absolute_url() in po_page


def test_the_purchase_order_page_asks_for_the_credit(
    lc_order: PurchaseOrder, assistant_client: Any
) -> None:
    page = assistant_client.get(lc_order.get_absolute_url()).content.decode()
    assert "open-import-credit" in page
    form = assistant_client.get(
        reverse("credits:credit_create") + f"?direction=import&purchase_order={lc_order.pk}"
    )
    initial = form.context["form"].initial
    assert initial["purchase_order"] == lc_order
    assert initial["amount"] == TOTAL and initial["currency"] == "USD"
    assert initial["partner"] == lc_order.supplier
    choices = list(form.context["form"].fields["purchase_order"].queryset)
    assert choices == [lc_order]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"currency": "EUR"}, "currency"),
        ({"amount": D("14000")}, "amount"),
        ({"direction": "export"}, "purchase_order"),
    ],
)
def test_refusals_name_the_field(
    world: Any,
    supplier: Company,
    lc_order: PurchaseOrder,
    assistant: Any,
    changes: Any,
    field: str,
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_credit(values=_values(world, supplier, lc_order, **changes), user=assistant)
    assert field in refused.value.message_dict


def test_the_tolerance_counts_and_one_credit_per_order(
    world: Any,
    supplier: Company,
    lc_order: PurchaseOrder,
    assistant: Any,
) -> None:
    # 15,000 + 5 % = 15,750: covers 15,550
    first = services.create_credit(
        values=_values(world, supplier, lc_order, amount=D("15000"), tolerance_plus_pct=D("5")),
        user=assistant,
    )
    with pytest.raises(ValidationError) as refused:
        services.create_credit(values=_values(world, supplier, lc_order), user=assistant)
    assert "purchase_order" in refused.value.message_dict
    services.set_status(credit=first, status="cancelled", user=assistant)
    assert services.create_credit(values=_values(world, supplier, lc_order), user=assistant)


def test_another_suppliers_order_or_an_order_not_paid_by_lc_is_refused(
    world: Any,
    supplier: Company,
    lids: Any,
    assistant: Any,
) -> None:
    by_deposit = _order(
        supplier, lids, assistant, payment_instrument="deposit", deposit_pct=D("30")
    )
    with pytest.raises(ValidationError) as refused:
        services.create_credit(values=_values(world, supplier, by_deposit), user=assistant)
    assert "documentary credit" in refused.value.message_dict["purchase_order"][0]
    other = Company.objects.create(name="Mumbai Metals", country="IN", roles=",supplier,")
    lc_order = _order(supplier, lids, assistant)
    with pytest.raises(ValidationError) as refused:
        services.create_credit(values=_values(world, other, lc_order), user=assistant)
    assert "another supplier" in refused.value.message_dict["purchase_order"][0]


def test_api_links_the_purchase_order(
    world: Any,
    supplier: Company,
    lc_order: PurchaseOrder,
    client: Any,
    manager: Any,
) -> None:
    client.force_login(manager)
    body = {
        "direction": "import",
        "partner": supplier.pk,
        "purchase_order_id": lc_order.pk,
        "currency": "USD",
        "amount": "15550.00",
        "expiry_date": (TODAY + dt.timedelta(days=60)).isoformat(),
        "issuing_bank": "Crédit Agricole",
        "applicant_name": "Maison Ferrand SAS",
        "beneficiary_name": supplier.name,
    }
    low = client.post(
        "/api/credits/", {**body, "amount": "1000.00"}, content_type="application/json"
    )
    assert low.status_code == 400 and "amount" in low.json()
    unknown = client.post(
        "/api/credits/", {**body, "purchase_order_id": 999999}, content_type="application/json"
    )
    assert unknown.status_code == 400 and "purchase_order_id" in unknown.json()
    made = client.post("/api/credits/", body, content_type="application/json")
    assert made.status_code == 201, made.json()
    assert made.json()["purchase_order_id"] == lc_order.pk
    assert made.json()["purchase_reference"] == lc_order.number


def test_demo_opens_the_credit_of_the_lc_order_once(
    seller: Any,
    lc_order: PurchaseOrder,
    assistant: Any,
) -> None:
    assert demo.link_import_credits({"claire": assistant}) == {
        "import_credits_for_purchase_orders": 1
    }
    credit = Credit.objects.get(purchase_order_id=lc_order.pk)
    assert credit.direction == "import" and credit.status == "received"
    assert credit.amount == TOTAL and credit.usance_days == 60
    assert demo.link_import_credits({"claire": assistant}) == {
        "import_credits_for_purchase_orders": 0
    }
