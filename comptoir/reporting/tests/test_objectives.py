"""Sales objectives: the service's checks, the screens (list, add, change, delete with
confirmation) and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.parties.models import Company, Zone
from comptoir.reporting import services
from comptoir.reporting.inputs import SalesObjectiveValues
from comptoir.reporting.models import SalesObjective

pytestmark = pytest.mark.django_db


def _values(**fields):  # type: ignore[no-untyped-def]
    return SalesObjectiveValues(**{"year": 2026, "revenue_eur": D("1000"), **fields})


def test_span_of_year_quarter_month() -> None:
    assert SalesObjective(year=2026).span == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert SalesObjective(year=2026, quarter=4).span == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    assert SalesObjective(year=2024, month=2).span == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"quarter": 1, "month": 2}, "month"),
        ({"quarter": 5}, "quarter"),
        ({"revenue_eur": D("0")}, "revenue_eur"),
        ({"intake_eur": D("-1")}, "intake_eur"),
        ({"country": "XX"}, "country"),
        ({"year": 1999}, "year"),
    ],
)
def test_bad_values_name_the_field(fields, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        services.save_sales_objective(objective=None, values=_values(**fields), user=None)
    assert field in caught.value.message_dict
    assert not SalesObjective.objects.exists()


def test_one_scope_one_objective_per_period() -> None:
    zone = Zone.objects.create(name="Europe")
    with pytest.raises(ValidationError) as caught:
        services.save_sales_objective(
            objective=None, values=_values(zone=zone, country="DE"), user=None
        )
    assert "person" in caught.value.message_dict
    client = Company(name="Not an agent", country="DE")
    client.role_list = ["client"]
    client.save()
    with pytest.raises(ValidationError) as caught:
        services.save_sales_objective(objective=None, values=_values(agent=client), user=None)
    assert "agent" in caught.value.message_dict
    made = services.save_sales_objective(objective=None, values=_values(country="de"), user=None)
    assert made.country == "DE" and made.scope == "country"
    with pytest.raises(ValidationError) as caught:
        services.save_sales_objective(objective=None, values=_values(country="DE"), user=None)
    assert "year" in caught.value.message_dict
    changed = services.save_sales_objective(
        objective=made, values=_values(country="DE", revenue_eur=D("2000")), user=None
    )
    assert changed.revenue_eur == D("2000")


def test_assistant_may_not_set_objectives(assistant) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.save_sales_objective(objective=None, values=_values(), user=assistant)


def test_screens(client, manager, reader) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    answer = client.post(
        "/reporting/objectives/new/",
        {"year": "2026", "quarter": "2", "country": "DE", "revenue_eur": "50000"},
    )
    assert answer.status_code == 302 and answer["Location"].endswith("?year=2026")
    objective = SalesObjective.objects.get()
    assert (objective.quarter, objective.country, objective.revenue_eur) == (2, "DE", D("50000"))
    page = client.get("/reporting/objectives/?year=2026")
    assert b"2026 Q2" in page.content
    bad = client.post("/reporting/objectives/new/", {"year": "2026", "revenue_eur": "-5"})
    assert bad.status_code == 200 and SalesObjective.objects.count() == 1
    assert client.get("/reporting/objectives/?year=abc").status_code == 400
    answer = client.post(
        f"/reporting/objectives/{objective.pk}/",
        {"year": "2026", "quarter": "2", "country": "DE", "revenue_eur": "60000"},
    )
    assert answer.status_code == 302
    confirm = client.get(f"/reporting/objectives/{objective.pk}/delete/")
    assert confirm.status_code == 200 and SalesObjective.objects.exists()
    assert client.post(f"/reporting/objectives/{objective.pk}/delete/").status_code == 302
    assert not SalesObjective.objects.exists()
    # a reader sees the list, not the forms
    client.force_login(reader)
    assert client.get("/reporting/objectives/").status_code == 200
    assert client.get("/reporting/objectives/new/").status_code == 403


def test_api(client, manager, assistant) -> None:  # type: ignore[no-untyped-def]
    client.force_login(manager)
    made = client.post(
        "/api/sales-objectives/",
        {"year": 2026, "month": 3, "country": "FR", "revenue_eur": "1200.50", "intake_eur": None},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["scope"] == "country"
    refused = client.post(
        "/api/sales-objectives/",
        {"year": 2026, "quarter": 1, "month": 3, "revenue_eur": "10"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "month" in refused.json()
    assert client.get("/api/sales-objectives/?year=2026").json()["count"] == 1
    assert client.get("/api/sales-objectives/?year=2025").json()["count"] == 0
    client.force_login(assistant)
    assert (
        client.patch(
            f"/api/sales-objectives/{pk}/", {"revenue_eur": "1"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert client.delete(f"/api/sales-objectives/{pk}/").status_code == 403
    client.force_login(manager)
    assert client.delete(f"/api/sales-objectives/{pk}/").status_code == 204
    assert not SalesObjective.objects.exists()
