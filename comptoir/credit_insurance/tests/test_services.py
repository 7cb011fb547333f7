"""Credit insurance services: cover requests and decisions with their history, outstanding
against cover, the order flag, threatened-loss declarations and their claim, the daily task,
the optional refusal at order confirmation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from comptoir.credit_insurance import selectors, services
from comptoir.credit_insurance.inputs import (
    ClaimValues,
    CoverDecision,
    CoverRequest,
    DeclarationValues,
    PolicyValues,
)
from comptoir.credit_insurance.models import CoverEvent, Declaration
from comptoir.parties.models import Task
from comptoir.sales import services as sales
from comptoir.sales.tests.conftest import make_order
from conftest import make_user

from .conftest import TODAY, granted, issued_invoice

pytestmark = pytest.mark.django_db
D = Decimal


def test_request_then_grant_then_reduce_keeps_the_history(policy, clients):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    cover = granted(policy, buyer, "50000")
    assert (cover.state, cover.amount) == ("granted", D("50000"))
    services.decide_cover(
        cover=cover,
        decision=CoverDecision(state="reduced", amount=D("20000"), decided_on=TODAY),
        user=None,
    )
    steps = list(
        CoverEvent.objects.filter(cover=cover).order_by("pk").values_list("state", "amount")
    )
    assert steps == [("requested", D("50000")), ("granted", D("50000")), ("reduced", D("20000"))]
    assert cover.history.count() == 3


def test_a_reduction_must_be_below_the_limit(policy, clients):  # type: ignore[no-untyped-def]
    cover = granted(policy, clients["de"], "50000")
    with pytest.raises(ValidationError) as caught:
        services.decide_cover(
            cover=cover,
            decision=CoverDecision(state="reduced", amount=D("60000"), decided_on=TODAY),
            user=None,
        )
    assert "amount" in caught.value.message_dict


def test_a_new_request_keeps_the_limit_until_the_insurer_answers(policy, clients):  # type: ignore[no-untyped-def]
    cover = granted(policy, clients["de"], "50000")
    again = services.request_cover(
        policy=policy,
        request=CoverRequest(buyer=clients["de"], amount=D("80000"), requested_on=TODAY),
        user=None,
    )
    assert again.pk == cover.pk and again.state == "granted" and again.amount == D("50000")


def test_policy_dates_in_order(db):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.save_policy(
            policy=None,
            values=PolicyValues(
                insurer="Coface",
                number="C-1",
                starts_on=TODAY,
                ends_on=TODAY - dt.timedelta(days=1),
                commercial_share_pct=D("90"),
            ),
            user=None,
        )
    assert "ends_on" in caught.value.message_dict


def test_position_counts_open_invoices_and_confirmed_orders(policy, clients, product):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    granted(policy, buyer, "15000")
    issued_invoice(buyer, "10000", TODAY + dt.timedelta(days=10))
    order = sales.confirm_order(order=make_order(buyer, product, "100", "79"), user=None)
    assert order.status == "confirmed"  # 17,900 within the 20,000 credit limit of sales
    position = selectors.buyer_position(buyer)
    assert position is not None
    assert position.outstanding.invoices == D("10000.00")
    assert position.outstanding.orders == D("7900.00")
    assert position.position.uncovered == D("2900.00")
    assert position.position.used_pct == D("119.33")


def test_an_order_beyond_cover_is_flagged_not_refused(policy, clients, product):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    granted(policy, buyer, "10000")
    issued_invoice(buyer, "6000", TODAY + dt.timedelta(days=10))
    order = make_order(buyer, product, "100", "79")  # 7,900: 3,900 beyond
    flag = selectors.order_flag(order)
    assert flag is not None and flag.beyond and flag.beyond_by == D("3900.00")
    assert [f.order for f in selectors.orders_beyond_cover()] == [order]
    confirmed = sales.confirm_order(order=order, user=None)  # within the credit limit of sales
    assert confirmed.status == "confirmed"


def test_a_buyer_without_cover_under_a_discretionary_limit(policy, clients, product):  # type: ignore[no-untyped-def]
    policy.discretionary_limit = D("5000")
    policy.save()
    order = make_order(clients["de"], product, "100", "79")
    flag = selectors.order_flag(order)
    assert flag is not None and flag.position.basis == "discretionary"
    assert flag.beyond_by == D("2900.00")


def test_refusal_only_when_the_policy_says_so(policy, clients, product):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    cover = granted(policy, buyer, "10000")
    services.decide_cover(
        cover=cover,
        decision=CoverDecision(state="cancelled", amount=D("0"), decided_on=TODAY),
        user=None,
    )
    assert sales.confirm_order(order=make_order(buyer, product, "1", "79"), user=None).status == (
        "confirmed"
    )
    policy.refuse_when_cancelled = True
    policy.save()
    with pytest.raises(ValidationError) as caught:
        sales.confirm_order(order=make_order(buyer, product, "1", "79"), user=None)
    assert "Allianz Trade" in str(caught.value)


def test_declaration_computes_deadline_and_indemnity(policy, clients):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    granted(policy, buyer, "10000")
    due = TODAY - dt.timedelta(days=20)
    first = issued_invoice(buyer, "8000", due)
    second = issued_invoice(buyer, "4000", due + dt.timedelta(days=5))
    declaration = services.declare_threatened_loss(
        policy=policy,
        values=DeclarationValues(buyer=buyer, invoices=[first, second], declared_on=TODAY),
        user=None,
    )
    assert declaration.amount_declared == D("12000.00")
    assert declaration.deadline == due + dt.timedelta(days=60)
    assert not declaration.late
    assert declaration.indemnity_expected == D("9000.00")  # 90 % of the 10,000 covered
    assert declaration.uncovered == D("2000.00")
    assert declaration.indemnity_expected_on == TODAY + dt.timedelta(days=150)
    assert selectors.invoices_to_declare() == []


def test_claim_follow_up_and_recoveries(policy, clients):  # type: ignore[no-untyped-def]
    buyer = clients["de"]
    granted(policy, buyer, "10000")
    invoice = issued_invoice(buyer, "10000", TODAY - dt.timedelta(days=70))
    declaration = services.declare_threatened_loss(
        policy=policy,
        values=DeclarationValues(buyer=buyer, invoices=[invoice], declared_on=TODAY),
        user=None,
    )
    assert declaration.late  # 70 days after the due date, the policy says 60
    with pytest.raises(ValidationError) as caught:
        services.update_claim(
            declaration=declaration,
            values=ClaimValues(status="indemnified"),
            user=None,
        )
    assert "indemnity_received" in caught.value.message_dict
    services.update_claim(
        declaration=declaration,
        values=ClaimValues(
            status="indemnified",
            indemnity_received=D("9000"),
            indemnity_received_on=TODAY,
            recovered_after=D("1000"),
        ),
        user=None,
    )
    declaration.refresh_from_db()
    assert declaration.recovered_to_insurer == D("900.00")
    with pytest.raises(ValidationError):
        services.update_claim(
            declaration=declaration, values=ClaimValues(status="declared"), user=None
        )


def test_declaration_refuses_another_buyers_invoice(policy, clients):  # type: ignore[no-untyped-def]
    other = issued_invoice(clients["fr"], "100", TODAY - dt.timedelta(days=5))
    with pytest.raises(ValidationError) as caught:
        services.declare_threatened_loss(
            policy=policy,
            values=DeclarationValues(buyer=clients["de"], invoices=[other], declared_on=TODAY),
            user=None,
        )
    assert "invoices" in caught.value.message_dict
    assert not Declaration.objects.exists()


def test_daily_task_before_the_deadline_once(policy, clients, django_user_model):  # type: ignore[no-untyped-def]
    owner = make_user(django_user_model, "claire", "assistant")
    policy.responsible = owner
    policy.save()
    buyer = clients["de"]
    granted(policy, buyer, "10000")
    issued_invoice(buyer, "3000", TODAY - dt.timedelta(days=55))  # deadline in 5 days
    issued_invoice(buyer, "1000", TODAY - dt.timedelta(days=2))
    assert services.remind_declarations(TODAY) == 1
    assert services.remind_declarations(TODAY) == 0
    task = Task.objects.get()
    assert "Allianz Trade" in task.title and task.assigned_to == owner
    assert task.due_date <= TODAY + dt.timedelta(days=5)
    rows = selectors.invoices_to_declare()
    services.declare_threatened_loss(
        policy=policy,
        values=DeclarationValues(
            buyer=buyer, invoices=[r.invoice for r in rows], declared_on=TODAY
        ),
        user=None,
    )
    task.refresh_from_db()
    assert task.done_at is not None


def test_no_task_far_from_the_deadline(policy, clients, django_user_model):  # type: ignore[no-untyped-def]
    policy.responsible = make_user(django_user_model, "claire", "assistant")
    policy.save()
    granted(policy, clients["de"], "10000")
    issued_invoice(clients["de"], "3000", TODAY - dt.timedelta(days=5))  # 55 days left
    assert services.remind_declarations(TODAY) == 0
