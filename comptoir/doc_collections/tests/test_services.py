"""Collections from the invoice to the payment: defaults, URC 522 refusals, the follow-up,
the bill's due date on acceptance, the payment on the invoice, the reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from comptoir.doc_collections import selectors, services
from comptoir.doc_collections.inputs import CollectionValues, DocumentValues, StepValues
from comptoir.doc_collections.models import Collection
from comptoir.parties.models import Task
from comptoir.trade.calendars import is_business_day
from conftest import make_user

from .conftest import issued_invoice

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def values(client, invoices, banks, **changes):  # type: ignore[no-untyped-def]
    data = dict(
        client=client,
        invoices=tuple(invoices),
        kind="dp",
        tenor="sight",
        remitting_bank=banks["ours"],
        remitting_bank_name="Crédit Agricole Centre France",
        remitting_bank_bic="AGRIFRPP",
        collecting_bank=banks["theirs"],
        collecting_bank_name="Attijariwafa bank",
        collecting_bank_bic="bcma ma mc",
        unpaid_instructions="Store and insure the goods; advise us by SWIFT.",
    )
    data.update(changes)
    return CollectionValues(**data)  # type: ignore[arg-type]


def test_create_with_defaults(invoice, client_ma, banks):  # type: ignore[no-untyped-def]
    collection = services.create_collection(values=values(client_ma, [invoice], banks), user=None)
    assert collection.number.startswith(f"DC-{TODAY.year}-")
    assert collection.amount == invoice.balance_due
    assert collection.currency == invoice.currency
    assert collection.collecting_bank_bic == "BCMAMAMC"
    assert "1 Main Street" in collection.drawee_address
    assert collection.invoice_date == invoice.issue_date
    assert collection.status == Collection.Status.DRAFT
    assert list(collection.invoices.all()) == [invoice]
    with pytest.raises(ValidationError) as err:  # one collection at a time per invoice
        services.create_collection(values=values(client_ma, [invoice], banks), user=None)
    assert collection.number in str(err.value.error_dict["invoices"])
    services.update_collection(
        collection=collection,
        values=values(
            client_ma,
            [invoice],
            banks,
            kind="da",
            tenor="days_after_bl",
            tenor_days=30,
            bill_of_exchange=True,
        ),
        user=None,
    )
    assert collection.kind == "da"


def test_refusals_name_the_field(invoice, client_ma, banks, clients, product):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        services.create_collection(
            values=values(client_ma, [invoice], banks, amount=invoice.balance_due + 1), user=None
        )
    assert "amount" in err.value.error_dict
    with pytest.raises(ValidationError) as err:
        services.create_collection(
            values=values(client_ma, [invoice], banks, collecting_bank_bic="BCMA1AMC"), user=None
        )
    assert "collecting_bank_bic" in err.value.error_dict
    with pytest.raises(ValidationError) as err:
        services.create_collection(
            values=values(client_ma, [invoice], banks, kind="da", tenor="sight"), user=None
        )
    assert "tenor" in err.value.error_dict
    other = issued_invoice(clients["de"], product)
    with pytest.raises(ValidationError) as err:
        services.create_collection(values=values(client_ma, [other], banks), user=None)
    assert "invoices" in err.value.error_dict
    assert not Collection.objects.exists()


def test_dp_sent_at_bank_paid_records_the_payment(invoice, client_ma, banks):  # type: ignore[no-untyped-def]
    collection = services.create_collection(values=values(client_ma, [invoice], banks), user=None)
    with pytest.raises(ValidationError) as err:
        services.record_step(
            collection=collection, values=StepValues(step="sent", on=TODAY), user=None
        )
    assert "documents" in err.value.error_dict
    services.add_document(
        collection=collection,
        values=DocumentValues(kind="bill_of_lading", reference="MEDU1234567", originals=3),
        user=None,
    )
    services.add_document(
        collection=collection,
        values=DocumentValues(
            kind="commercial_invoice", reference=str(invoice), originals=2, copies=2
        ),
        user=None,
    )
    day = TODAY - dt.timedelta(days=5)
    services.record_step(collection=collection, values=StepValues(step="sent", on=day), user=None)
    with pytest.raises(ValidationError):
        services.record_step(
            collection=collection, values=StepValues(step="accepted", on=TODAY), user=None
        )
    services.record_step(
        collection=collection,
        values=StepValues(step="at_bank", on=TODAY - dt.timedelta(days=2)),
        user=None,
    )
    assert collection.due_date is not None  # at sight: payable on presentation
    services.record_step(
        collection=collection,
        values=StepValues(step="paid", on=TODAY, bank_charges=Decimal("35")),
        user=None,
    )
    invoice.refresh_from_db()
    assert invoice.balance_due == Decimal("0.00")
    assert invoice.allocations.get().payment.method == "collection"
    assert collection.status == Collection.Status.PAID
    with pytest.raises(ValidationError):
        services.add_document(
            collection=collection, values=DocumentValues(kind="packing_list"), user=None
        )


def test_da_due_date_on_acceptance_and_reminders(invoice, client_ma, banks, django_user_model):  # type: ignore[no-untyped-def]
    owner = make_user(django_user_model, "adv", "assistant")
    collection = services.create_collection(
        values=values(
            client_ma,
            [invoice],
            banks,
            kind="da",
            tenor="days_after_sight",
            tenor_days=60,
            handled_by=owner,
        ),
        user=None,
    )
    assert collection.bill_of_exchange  # D/A draws a bill
    assert collection.due_date is None  # known at acceptance
    services.add_document(
        collection=collection,
        values=DocumentValues(kind="bill_of_exchange", originals=2),
        user=None,
    )
    sent = TODAY - dt.timedelta(days=30)
    services.record_step(collection=collection, values=StepValues(step="sent", on=sent), user=None)
    # no news after 10 days: a task, once
    assert services.chase_collections(TODAY) == 1
    assert services.chase_collections(TODAY) == 0
    task = Task.objects.get(assigned_to=owner)
    assert "no news" in task.title
    accepted = TODAY - dt.timedelta(days=20)
    services.record_step(
        collection=collection, values=StepValues(step="at_bank", on=accepted), user=None
    )
    assert Task.objects.get(pk=task.pk).done_at is not None  # the bank answered
    services.record_step(
        collection=collection, values=StepValues(step="accepted", on=accepted), user=None
    )
    result = selectors.due_date_result(collection)
    assert result.unadjusted == accepted + dt.timedelta(days=60)
    assert collection.due_date == result.due_date
    assert is_business_day("MA", collection.due_date)
    # after the due date without payment: a task
    later = collection.due_date + dt.timedelta(days=1)
    assert services.chase_collections(later) == 1
    assert "fell due" in Task.objects.filter(assigned_to=owner, done_at=None).get().title


def test_unpaid_opens_a_task_and_role(invoice, client_ma, banks, django_user_model):  # type: ignore[no-untyped-def]
    owner = make_user(django_user_model, "adv2", "assistant")
    reader = make_user(django_user_model, "reader", "readonly")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_collection(values=values(client_ma, [invoice], banks), user=reader)
    collection = services.create_collection(
        values=values(client_ma, [invoice], banks, handled_by=owner), user=owner
    )
    services.add_document(
        collection=collection, values=DocumentValues(kind="bill_of_lading", originals=3), user=owner
    )
    services.record_step(
        collection=collection, values=StepValues(step="sent", on=TODAY), user=owner
    )
    services.record_step(
        collection=collection, values=StepValues(step="at_bank", on=TODAY), user=owner
    )
    services.record_step(
        collection=collection,
        values=StepValues(step="unpaid", on=TODAY, reason="Buyer disputes quality"),
        user=owner,
    )
    assert "26 c" in Task.objects.get(assigned_to=owner, done_at=None).title
    with pytest.raises(ValidationError):
        services.record_step(
            collection=collection, values=StepValues(step="sent", on=TODAY), user=owner
        )
