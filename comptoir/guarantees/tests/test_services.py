"""Guarantees given and received: the reduction clause, issue, amendment, demands checked
on their face, release (a manager's), reminders before and after expiry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.guarantees import selectors, services
from comptoir.guarantees.inputs import (
    AmendmentValues,
    DemandValues,
    GuaranteeValues,
    ReductionValues,
)
from comptoir.guarantees.models import Guarantee
from comptoir.parties.models import Company, Task
from conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
D = Decimal


def company(name: str, role: str, country: str = "MA") -> Company:
    firm = Company(name=name, country=country, city="City")
    firm.role_list = [role]
    firm.save()
    return firm


def given(partner: Company, **changes: object) -> GuaranteeValues:
    data: dict[str, object] = dict(
        direction="given",
        kind="performance",
        partner=partner,
        amount=D("50000"),
        currency="EUR",
        issuing_bank_name="Crédit Agricole Centre France",
        issuing_bank_bic="AGRIFRPP",
        issue_date=TODAY - dt.timedelta(days=100),
        expiry_date=TODAY + dt.timedelta(days=200),
        fee_rate_pct=D("0.5"),
    )
    data.update(changes)
    return GuaranteeValues(**data)  # type: ignore[arg-type]


def test_performance_bond_with_reduction_clause() -> None:
    client = company("Atlas Cuisine SARL", "client")
    guarantee = services.create_guarantee(
        values=given(client),
        reductions=(
            ReductionValues(on=TODAY - dt.timedelta(days=10), amount_after=D("25000")),
            ReductionValues(event="Final acceptance certificate", amount_after=D("10000")),
        ),
        user=None,
    )
    assert guarantee.number.startswith(f"BG-{TODAY.year}-")
    assert guarantee.status == Guarantee.Status.REDUCED  # the dated reduction passed
    assert selectors.amount_in_force(guarantee, TODAY).amount == D("25000.00")
    line = guarantee.reductions.get(event__startswith="Final")
    services.record_event(line=line, occurred_on=TODAY, user=None)
    assert selectors.amount_in_force(guarantee, TODAY).amount == D("10000.00")
    fees = selectors.fees(guarantee, TODAY)
    assert fees is not None and len(fees.quarters) == 2
    # first quarter on 50,000, the second began after the reduction to 25,000: 250 + 125
    assert fees.total == D("375.00")


def test_refusals() -> None:
    client = company("Atlas", "client")
    supplier = company("Shenzhen Parts", "supplier", "CN")
    with pytest.raises(ValidationError) as err:
        services.create_guarantee(values=given(supplier), user=None)
    assert "partner" in err.value.error_dict
    with pytest.raises(ValidationError) as err:
        services.create_guarantee(
            values=given(client, expiry_date=TODAY - dt.timedelta(days=200)), user=None
        )
    assert "expiry_date" in err.value.error_dict
    with pytest.raises(ValidationError) as err:
        services.create_guarantee(
            values=given(client),
            reductions=(ReductionValues(on=TODAY, amount_after=D("60000")),),
            user=None,
        )
    assert "reductions" in err.value.error_dict
    with pytest.raises(ValidationError) as err:
        services.create_guarantee(values=given(client, structure="indirect"), user=None)
    assert "local_bank_name" in err.value.error_dict
    with pytest.raises(ValidationError) as err:
        services.create_guarantee(values=given(client, rules="isp98", expiry_date=None), user=None)
    assert "expiry_date" in err.value.error_dict
    assert not Guarantee.objects.exists()


def test_received_guarantee_issue_amend_demand_paid(django_user_model) -> None:  # type: ignore[no-untyped-def]
    owner = make_user(django_user_model, "buyer", "assistant")
    supplier = company("Shenzhen Parts", "supplier", "CN")
    guarantee = services.create_guarantee(
        values=given(
            supplier,
            direction="received",
            kind="advance_payment",
            amount=D("30000"),
            currency="USD",
            issue_date=None,
            issuing_bank_name="Bank of China Shenzhen",
            issuing_bank_bic="BKCHCNBJ45A",
            handled_by=owner,
        ),
        user=owner,
    )
    assert guarantee.status == Guarantee.Status.REQUESTED
    services.record_issue(guarantee=guarantee, issued_on=TODAY - dt.timedelta(days=30), user=owner)
    services.amend(
        guarantee=guarantee,
        values=AmendmentValues(
            on=TODAY, description="Extension", new_expiry_date=TODAY + dt.timedelta(days=300)
        ),
        user=owner,
    )
    assert guarantee.status == Guarantee.Status.AMENDED
    with pytest.raises(ValidationError):  # once issued, the amount changes by amendment
        services.update_guarantee(
            guarantee=guarantee,
            values=given(supplier, direction="received", kind="advance_payment", amount=D("1")),
            user=owner,
        )
    demand = services.record_demand(
        guarantee=guarantee,
        values=DemandValues(
            presented_on=TODAY, amount=D("35000"), currency="USD", statement_of_breach=False
        ),
        user=owner,
    )
    assert not demand.compliant
    assert "17 b" in demand.issues and "15 a" in demand.issues
    assert guarantee.status == Guarantee.Status.CALLED
    assert Task.objects.filter(assigned_to=owner, title__contains="called").exists()
    services.decide_demand(demand=demand, outcome="rejected", on=TODAY, user=owner)
    second = services.record_demand(
        guarantee=guarantee,
        values=DemandValues(presented_on=TODAY, amount=D("12000"), currency="USD"),
        user=owner,
    )
    assert second.compliant
    services.decide_demand(
        demand=second, outcome="paid", on=TODAY, paid_amount=D("12000"), user=owner
    )
    assert selectors.amount_in_force(guarantee, TODAY).amount == D("18000.00")
    assert guarantee.status == Guarantee.Status.REDUCED
    with pytest.raises(PermissionDenied):  # releasing is a manager's
        services.release(guarantee=guarantee, on=TODAY, how="release_letter", user=owner)
    manager = make_user(django_user_model, "boss", "manager")
    services.release(guarantee=guarantee, on=TODAY, how="release_letter", user=manager)
    assert guarantee.status == Guarantee.Status.RELEASED


def test_reminders_before_and_after_expiry(django_user_model) -> None:  # type: ignore[no-untyped-def]
    owner = make_user(django_user_model, "adv", "assistant")
    client = company("Gulf Kitchens LLC", "client", "AE")
    soon = services.create_guarantee(
        values=given(client, expiry_date=TODAY + dt.timedelta(days=20), handled_by=owner), user=None
    )
    past = services.create_guarantee(
        values=given(
            client,
            issue_date=TODAY - dt.timedelta(days=400),
            expiry_date=TODAY - dt.timedelta(days=10),
            handled_by=owner,
        ),
        user=None,
    )
    local = services.create_guarantee(
        values=given(
            client,
            rules="local",
            issue_date=TODAY - dt.timedelta(days=400),
            expiry_date=TODAY - dt.timedelta(days=10),
            handled_by=owner,
        ),
        user=None,
    )
    assert services.follow_expiries(TODAY) == 3
    assert services.follow_expiries(TODAY) == 0
    past.refresh_from_db()
    local.refresh_from_db()
    soon.refresh_from_db()
    assert past.status == Guarantee.Status.EXPIRED
    assert local.status == Guarantee.Status.ISSUED  # local law: nothing lapses by itself
    assert soon.expiry_reminded_on == TODAY
    titles = sorted(Task.objects.filter(assigned_to=owner).values_list("title", flat=True))
    assert any("25 b" in t for t in titles)
    assert any("local law" in t for t in titles)
    assert any("release" in t for t in titles)
    assert [g.pk for g in selectors.expiring(TODAY, 30)] == [local.pk, soon.pk]
