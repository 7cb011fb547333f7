"""The role matrix in the API: a refusal is a 403 in JSON that names what is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.accounts.tokens import issue_token
from comptoir.parties.tests.factories import company
from comptoir.sales.models import Order

pytestmark = pytest.mark.django_db


def _login(client, user):  # type: ignore[no-untyped-def]
    secret, _record = issue_token(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {secret}"
    return client


def test_an_assistant_cannot_raise_a_credit_limit(client, assistant):
    firm = company(credit_limit=Decimal("20000"))
    api = _login(client, assistant)
    response = api.patch(
        f"/api/companies/{firm.pk}/", {"credit_limit": "900000"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "credit limit" in response.json()["detail"]
    firm.refresh_from_db()
    assert firm.credit_limit == Decimal("20000")


@pytest.mark.parametrize(
    ("field", "value"),
    [("payment_days", 120), ("payment_end_of_month", True), ("currency", "USD")],
)
def test_an_assistant_cannot_change_what_credit_control_reads(client, assistant, field, value):
    firm = company(credit_limit=Decimal("20000"))
    response = _login(client, assistant).patch(
        f"/api/companies/{firm.pk}/", {field: value}, content_type="application/json"
    )
    assert response.status_code == 403, response.json()


def test_an_assistant_cannot_create_a_client_with_a_credit_limit(client, assistant):
    body = {
        "name": "New",
        "roles": ["client"],
        "country": "FR",
        "currency": "EUR",
        "language": "fr",
        "payment_days": 30,
        "credit_limit": "50000",
    }
    response = _login(client, assistant).post(
        "/api/companies/", body, content_type="application/json"
    )
    assert response.status_code == 403
    assert "credit limit" in response.json()["detail"]


def test_a_manager_sets_the_credit_limit(client, manager):
    firm = company(credit_limit=Decimal("20000"))
    response = _login(client, manager).patch(
        f"/api/companies/{firm.pk}/", {"credit_limit": "90000"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    firm.refresh_from_db()
    assert firm.credit_limit == Decimal("90000")


def test_an_assistant_still_edits_the_rest_of_a_company(client, assistant):
    firm = company(credit_limit=Decimal("20000"))
    response = _login(client, assistant).patch(
        f"/api/companies/{firm.pk}/", {"city": "Hamburg"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()


def test_an_assistant_cannot_mark_an_order_secured(client, assistant, seller, clients, product):
    body = {
        "client": clients["fr"].pk,
        "client_reference": "PO-9",
        "order_date": dt.date.today().isoformat(),
        "currency": "EUR",
        "incoterm": "FCA",
        "incoterm_place": "Thiers",
        "payment_days": 30,
        "payment_instrument": "advance",
        "transport_mode": "road",
        "language": "fr",
        "lines": [{"product": product.pk, "quantity": "10", "unit_price": "79.00"}],
    }
    api = _login(client, assistant)
    response = api.post("/api/orders/", body, content_type="application/json")
    assert response.status_code == 403
    assert "payment instrument" in response.json()["detail"]
    body["payment_instrument"] = "open_account"
    body["payment_days"] = 90  # the client's terms are 30 days
    response = api.post("/api/orders/", body, content_type="application/json")
    assert response.status_code == 403
    assert "payment term" in response.json()["detail"]
    assert not Order.objects.exists()
    body["payment_days"] = 30
    assert api.post("/api/orders/", body, content_type="application/json").status_code == 201


def test_an_assistant_creates_a_client_on_the_default_terms(client, assistant):
    body = {"name": "New", "roles": ["client"], "country": "FR", "currency": "EUR"}
    body.update(language="fr", payment_days=30, credit_limit="0")  # the defaults: no credit
    response = _login(client, assistant).post(
        "/api/companies/", body, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert Decimal(response.json()["credit_limit"]) == 0
