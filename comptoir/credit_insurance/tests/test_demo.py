"""The demo's credit insurance and currency part, on the sales tests' clients (two of them
carry the demo's names): the policy, their covers, the budget rates, a forward on the dollar
receipts, the expected payments, the day's reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from comptoir.calculators.models import ExchangeRate
from comptoir.credit_insurance.models import BuyerCover, Policy
from comptoir.demo import insurance_fx as demo
from comptoir.fx_exposure.models import ExpectedPayment, Hedge

from .conftest import TODAY, issued_invoice

pytestmark = pytest.mark.django_db


def test_demo_insurance_and_currency(clients, django_user_model):  # type: ignore[no-untyped-def]
    from conftest import make_user

    users = {
        "claire": make_user(django_user_model, "claire", "assistant"),
        "julien": make_user(django_user_model, "julien", "manager"),
        "admin": make_user(django_user_model, "admin", "administrator"),
    }
    ExchangeRate.objects.create(
        from_currency="USD", to_currency="EUR", valid_from=TODAY, rate=Decimal("0.92")
    )
    issued_invoice(
        clients["us"], "100000", TODAY + dt.timedelta(days=30), currency="USD", rate="0.9"
    )
    made = demo.build(users)
    assert made == {
        "insurance_covers": 2,
        "threatened_losses": 0,
        "hedges": 1,
        "expected_payments": 2,
    }
    policy = Policy.objects.get()
    assert policy.starts_on <= TODAY <= policy.ends_on
    assert set(BuyerCover.objects.values_list("buyer__name", "state")) == {
        ("Küchenhaus Berger GmbH", "granted"),
        ("Chef's Table Imports Inc.", "granted"),
    }
    hedge = Hedge.objects.get()
    # 60 % of the net dollar receipts (100,000 - 33,500), in thousands
    assert (hedge.currency, hedge.side, hedge.amount) == ("USD", "sell", Decimal("40000"))
    assert ExpectedPayment.objects.count() == 2
    assert ExchangeRate.objects.filter(kind="budget").count() == 2


def test_demo_without_the_clients_makes_no_cover(db):  # type: ignore[no-untyped-def]
    made = demo.build({})
    assert made["insurance_covers"] == 0 and made["hedges"] == 0
