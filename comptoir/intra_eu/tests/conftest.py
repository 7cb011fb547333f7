"""An intra-EU invoice to Germany (and its credit note), our declarant settings, an arrival
from an Italian supplier, for the intra-EU tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from comptoir.intra_eu.models import DeclarantSettings
from comptoir.parties.models import Company
from comptoir.sales import billing, services
from comptoir.sales.models import Invoice
from comptoir.sales.tests.conftest import clients, make_order, product, seller  # noqa: F401

TODAY = dt.date.today()
LAST_MONTH = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def issued_invoice(client: Company, item: Any, day: dt.date, quantity: str = "10") -> Invoice:
    order = services.confirm_order(order=make_order(client, item, quantity, "79"), user=None)
    return billing.issue(
        invoice=billing.draft_from_order(order=order, user=None), user=None, issue_date=day
    )


def credit_note(invoice: Invoice, day: dt.date) -> Invoice:
    line = invoice.lines.get()
    draft = billing.draft_credit_note(
        invoice=invoice, user=None, quantities={line.pk: Decimal("1")}, reason="1 damaged"
    )
    return billing.issue(invoice=draft, user=None, issue_date=day)


@pytest.fixture
def declarant(db):  # type: ignore[no-untyped-def]
    return DeclarantSettings.objects.create(nic="00012", approval_number="4711")


@pytest.fixture
def de_invoice(seller, clients, product):  # type: ignore[no-untyped-def]  # noqa: F811
    product.hs_national = "7323920000"
    product.save()
    return issued_invoice(clients["de"], product, LAST_MONTH + dt.timedelta(days=4))
