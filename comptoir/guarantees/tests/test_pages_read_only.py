"""The pages of collections and guarantees never write on GET, their daily jobs are
registered, and the guarantee list reads its lines in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.guarantees import services
from comptoir.guarantees.inputs import GuaranteeValues, ReductionValues
from comptoir.jobs.daily import daily_steps
from comptoir.parties.models import Company

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
WRITES = ("INSERT", "UPDATE", "DELETE")


def _guarantees(count: int) -> list[int]:
    client = Company(name="Gulf Kitchens LLC", country="AE", city="Dubai")
    client.role_list = ["client"]
    client.save()
    made = []
    for index in range(count):
        made.append(
            services.create_guarantee(
                values=GuaranteeValues(
                    direction="given",
                    kind="performance",
                    partner=client,
                    amount=Decimal("10000") + index,
                    currency="EUR",
                    issuing_bank_name="Crédit Agricole",
                    issue_date=TODAY - dt.timedelta(days=30),
                    expiry_date=TODAY + dt.timedelta(days=20),
                ),
                reductions=(ReductionValues(on=TODAY, amount_after=Decimal("5000")),),
                user=None,
            ).pk
        )
    return made


def test_daily_jobs_are_registered() -> None:
    names = [name for name, _ in daily_steps()]
    assert "collections_follow_up" in names and "guarantees_expiry" in names


def test_get_never_writes_and_the_list_does_not_grow_with_rows(assistant_client) -> None:  # type: ignore[no-untyped-def]
    pks = _guarantees(3)
    urls = [
        "/guarantees/",
        f"/guarantees/{pks[0]}/",
        "/collections/",
        "/collections/new/",
        f"/guarantees/new/?partner={Company.objects.get().pk}",
        "/",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert assistant_client.get(url).status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url
    with CaptureQueriesContext(connection) as few:
        assistant_client.get("/guarantees/")
    _guarantees(5)
    with CaptureQueriesContext(connection) as more:
        assistant_client.get("/guarantees/")
    assert len(more) == len(few)
