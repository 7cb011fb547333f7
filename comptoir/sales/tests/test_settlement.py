"""``Invoice.settled_on``: the day an invoice's balance reached zero, kept by the services.

Random sequences of what changes a balance -- two invoices issued, payments over one or both
(part or all of what is due), credit notes (part or all of a line, some refused for crediting
more than is left) -- each through the services. After every step, the day stored on each
document equals the one worked out here from its payments and credit notes, and the ageing
that skips the invoices settled before its first day gives the same buckets as the ageing of
every invoice. (The project has no service that takes a payment back: no reversal to try.)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.sales import billing, figures, settlement
from comptoir.sales.models import Invoice, Order, PaymentAllocation

from .conftest import make_order

pytestmark = pytest.mark.django_db

pays = st.tuples(
    st.just("pay"),
    st.integers(0, 9),  # days after the step before
    st.sampled_from(["a", "b", "ab"]),  # the invoices it settles
    st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal("1")]),  # share of their balance
)
credits = st.tuples(
    st.just("credit"),
    st.integers(0, 9),
    st.sampled_from(["a", "b"]),
    st.sampled_from([Decimal("1"), Decimal("3"), Decimal("10")]),  # quantity credited (of 10)
)
steps = st.lists(st.one_of(pays, credits), min_size=1, max_size=6)


def expected_day(invoice: Invoice) -> dt.date | None:
    """Worked out here, document by document, from the stored payments and credit notes."""
    if invoice.kind == Invoice.Kind.CREDIT_NOTE:
        return invoice.issue_date
    assert invoice.issue_date is not None
    events = [
        (a.payment.received_on, a.amount)
        for a in PaymentAllocation.objects.filter(invoice=invoice).select_related("payment")
    ] + [
        (note.issue_date, note.gross_total)
        for note in Invoice.objects.filter(credited_invoice=invoice, status=Invoice.Status.ISSUED)
    ]
    if invoice.gross_total - sum((amount for _d, amount in events), Decimal(0)) != 0:
        return None
    return max([invoice.issue_date, *(max(day, invoice.issue_date) for day, _a in events)])


def _issued(client: Any, product: Any, user: Any, day: dt.date) -> Invoice:
    order = make_order(client, product, "10", "79")
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    draft = billing.draft_from_order(order=Order.objects.get(pk=order.pk), user=user)
    return billing.issue(invoice=draft, user=user, issue_date=day)


def _check(first: dt.date, day: dt.date, monkeypatch: Any) -> None:
    for invoice in Invoice.objects.filter(status=Invoice.Status.ISSUED):
        assert invoice.settled_on == expected_day(invoice), invoice.number
        if invoice.kind == Invoice.Kind.INVOICE:  # nil balance: settled, and the reverse
            assert (invoice.balance_due == 0) == (invoice.settled_on is not None)
    days = [first, first + dt.timedelta(days=20), day]
    skipping = figures.receivable_ageing(days, figures.Scope())
    with monkeypatch.context() as every:  # the same ageing, reading every invoice
        every.setattr(figures, "open_on_or_after", lambda *_a, **_k: Q())
        reading_all = figures.receivable_ageing(days, figures.Scope())
    assert skipping == reading_all


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_settled_on_follows_the_payments_and_credit_notes(
    steps: list[tuple[Any, ...]], seller, clients, product, assistant, manager, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(billing, "_render", lambda *_a: b"%PDF-1.7 test")  # no PDF needed
    client = clients["de"]
    first = dt.date.today() - dt.timedelta(days=80)
    with transaction.atomic():
        invoices = {
            "a": _issued(client, product, assistant, first),
            "b": _issued(client, product, assistant, first + dt.timedelta(days=2)),
        }
        assert all(i.settled_on is None for i in invoices.values())
        day = first + dt.timedelta(days=2)
        for kind, later, which, amount in steps:
            day += dt.timedelta(days=later)
            if kind == "pay":
                balances = {
                    pk: Invoice.objects.get(pk=pk).balance_due
                    for pk in (invoices[w].pk for w in which)
                }
                shares = {
                    pk: (b * amount).quantize(Decimal("0.01"))
                    for pk, b in balances.items()
                    if b > 0
                }
                if shares:
                    billing.record_payment(
                        client=client,
                        received_on=day,
                        amount=sum(shares.values(), Decimal(0)),
                        currency="EUR",
                        allocations=shares,
                        user=assistant,
                    )
            else:
                original = invoices[which]
                line = original.lines.get()
                note = billing.draft_credit_note(
                    invoice=original,
                    user=manager,
                    quantities={line.pk: amount},
                    reason="Damaged in transit",
                )
                try:
                    billing.issue(invoice=note, user=manager, issue_date=day)
                except ValidationError:  # more than is left to credit: nothing changes
                    billing.delete_draft(invoice=note, user=manager)
            _check(first, day, monkeypatch)
        transaction.set_rollback(True)


def test_the_migration_fills_what_the_services_keep(
    seller, clients, product, assistant, monkeypatch
):  # type: ignore[no-untyped-def]
    """Documents issued before the column existed (``settled_on`` empty) get the day the
    services would have kept; a draft stays empty."""
    monkeypatch.setattr(billing, "_render", lambda *_a: b"%PDF-1.7 test")
    first = dt.date.today() - dt.timedelta(days=30)
    paid = _issued(clients["de"], product, assistant, first)
    open_one = _issued(clients["de"], product, assistant, first)
    billing.record_payment(
        client=clients["de"],
        received_on=first + dt.timedelta(days=12),
        amount=paid.gross_total,
        currency="EUR",
        allocations={paid.pk: paid.gross_total},
        user=assistant,
    )
    order = make_order(clients["de"], product, "1", "5")
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    draft = billing.draft_from_order(order=Order.objects.get(pk=order.pk), user=assistant)
    Invoice.objects.update(settled_on=None)
    changed = settlement.store_settled_days(Invoice.objects.values_list("pk", flat=True))
    assert changed == 1
    assert Invoice.objects.get(pk=paid.pk).settled_on == first + dt.timedelta(days=12)
    assert Invoice.objects.get(pk=open_one.pk).settled_on is None
    assert Invoice.objects.get(pk=draft.pk).settled_on is None
