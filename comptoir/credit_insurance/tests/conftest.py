"""A policy in force, the sales tests' clients and product, and helpers for issued invoices
and orders, for the credit insurance tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.credit_insurance import services
from comptoir.credit_insurance.inputs import CoverDecision, CoverRequest, PolicyValues
from comptoir.credit_insurance.models import BuyerCover, Policy
from comptoir.parties.models import Company
from comptoir.sales.models import Invoice
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401  (fixtures)

TODAY = dt.date.today()
D = Decimal


@pytest.fixture
def policy(db) -> Policy:  # type: ignore[no-untyped-def]
    return services.save_policy(
        policy=None,
        values=PolicyValues(
            insurer="Allianz Trade",
            number="AT-2026-0042",
            starts_on=TODAY - dt.timedelta(days=200),
            ends_on=TODAY + dt.timedelta(days=165),
            commercial_share_pct=D("90"),
            max_credit_days=120,
            threatened_loss_days=60,
            waiting_period_days=150,
        ),
        user=None,
    )


def granted(policy: Policy, buyer: Company, amount: str) -> BuyerCover:
    cover = services.request_cover(
        policy=policy,
        request=CoverRequest(
            buyer=buyer, amount=D(amount), requested_on=TODAY - dt.timedelta(days=20)
        ),
        user=None,
    )
    return services.decide_cover(
        cover=cover,
        decision=CoverDecision(
            state="granted",
            amount=D(amount),
            decided_on=TODAY - dt.timedelta(days=10),
            insurer_reference="AGR-1",
        ),
        user=None,
    )


_NUMBERS = iter(range(1, 10_000))


def issued_invoice(
    client: Company, balance: str, due: dt.date, *, currency: str = "EUR", rate: str = "1"
) -> Invoice:
    number = next(_NUMBERS)
    return Invoice.objects.create(
        kind=Invoice.Kind.INVOICE,
        status=Invoice.Status.ISSUED,
        number=f"F-TEST-{number:04d}",
        client=client,
        issue_date=due - dt.timedelta(days=30),
        due_date=due,
        currency=currency,
        net_total=D(balance),
        gross_total=D(balance),
        balance_due=D(balance),
        eur_rate=D(rate),
    )
