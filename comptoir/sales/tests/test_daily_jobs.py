"""Order to cash in the daily jobs: offers expire, the dunning run becomes a manager's task."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from comptoir.jobs import daily
from comptoir.parties.models import Task
from comptoir.sales import collection
from comptoir.sales.models import Offer

from .test_collection import overdue_invoice


def test_the_daily_run_expires_sent_offers_past_their_validity(seller, clients, assistant):
    today = dt.date.today()
    common = {"client": clients["de"], "offer_date": today - dt.timedelta(40), "lead_time": "3w"}
    past = Offer.objects.create(
        number="O-1", status=Offer.Status.SENT, valid_until=today - dt.timedelta(1), **common
    )
    valid = Offer.objects.create(
        number="O-2", status=Offer.Status.SENT, valid_until=today, **common
    )
    assert daily.run_daily(today)["offers_expired"] == 1
    past.refresh_from_db()
    valid.refresh_from_db()
    assert (past.status, valid.status) == (Offer.Status.EXPIRED, Offer.Status.SENT)


def test_the_offer_list_writes_nothing(seller, clients, assistant_client):
    today = dt.date.today()
    offer = Offer.objects.create(
        number="O-1",
        status=Offer.Status.SENT,
        client=clients["de"],
        offer_date=today - dt.timedelta(40),
        valid_until=today - dt.timedelta(1),
        lead_time="3w",
    )
    assert assistant_client.get(reverse("sales:offer_list")).status_code == 200
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT  # the daily job expires it, not a GET


def test_the_dunning_run_proposal_becomes_one_task_per_manager(
    seller, clients, product, assistant, manager
):
    invoice = overdue_invoice(clients["de"], product, assistant, 20)
    today = dt.date.today()
    assert daily.run_daily(today)["dunning_letters_proposed"] == 1
    # (the other daily jobs open their own tasks, e.g. the intra-EU proof of this invoice)
    dunning_tasks = Task.objects.filter(done_at__isnull=True, notes=reverse("sales:dunning_run"))
    (task,) = dunning_tasks
    assert task.assigned_to == manager and task.due_date == today
    assert task.notes == reverse("sales:dunning_run")
    assert "1 letter" in task.title or "1 lettre" in task.title
    # The same day again: nothing more; the next day replaces the undone task.
    collection.propose_dunning_run(today)
    assert dunning_tasks.count() == 1
    collection.propose_dunning_run(today + dt.timedelta(1))
    (newer,) = dunning_tasks.all()
    assert newer.due_date == today + dt.timedelta(1)
    assert task.history.first().history_change_reason == "newer dunning proposal"
    assert invoice.number  # the invoice stays open: only the task changed
