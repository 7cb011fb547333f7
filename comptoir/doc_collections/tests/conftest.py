"""An issued export invoice to a Moroccan client, its bank and ours, for the collection tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.parties.models import Company
from comptoir.sales import billing
from comptoir.sales.models import Invoice, Order
from comptoir.sales.tests.conftest import _client, clients, make_order, product, seller  # noqa: F401

ISSUE_DAY = dt.date.today() - dt.timedelta(days=20)


def bank(name: str, country: str, bic: str) -> Company:
    firm = Company(name=name, country=country, city="City", bic=bic, language="fr")
    firm.role_list = ["bank"]
    firm.save()
    return firm


@pytest.fixture
def client_ma(db):  # type: ignore[no-untyped-def]
    return _client("Atlas Cuisine SARL", "MA", "", "EUR", "50000", "fr")


@pytest.fixture
def banks(db):  # type: ignore[no-untyped-def]
    return {
        "ours": bank("Crédit Agricole Centre France", "FR", "AGRIFRPP"),
        "theirs": bank("Attijariwafa bank", "MA", "BCMAMAMC"),
    }


def issued_invoice(client: Company, product, quantity: str = "100") -> Invoice:  # type: ignore[no-untyped-def]  # noqa: F811
    order = make_order(client, product, quantity, "79")
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    order.refresh_from_db()
    draft = billing.draft_from_order(order=order, user=None)
    return billing.issue(invoice=draft, user=None, issue_date=ISSUE_DAY)


@pytest.fixture
def invoice(seller, client_ma, product):  # type: ignore[no-untyped-def]  # noqa: F811
    return issued_invoice(client_ma, product)


def amount(value: str) -> Decimal:
    return Decimal(value)
