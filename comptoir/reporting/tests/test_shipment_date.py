"""One date for a shipment (issue 17): the pivot and the logistics dashboard count a shipment
in the month its goods leave — the pick-up (done, else planned), else the departure — so
their counts per month are the same for the same shipments; the shipment list's "left
from / left to" is the same rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from comptoir.reporting.dashboard import Dashboard
from comptoir.reporting.dashboards import logistics
from comptoir.reporting.filters import Period, ReportFilters
from comptoir.reporting.pivot import engine
from comptoir.reporting.pivot.spec import parse_spec
from comptoir.shipping.models import Milestone, Shipment

from . import ops_data as data

pytestmark = pytest.mark.django_db

D = dt.date
MONTHS = [(2026, m) for m in range(1, 7)]


def _month(year: int, month: int) -> Period:
    following = D(year + (month == 12), month % 12 + 1, 1)
    return Period(D(year, month, 1), following - dt.timedelta(days=1))


@pytest.fixture
def shipments(db: Any) -> dict[str, Shipment]:
    """Each way a shipment can be dated, and the month its goods leave (None: no month)."""
    ma = data.company("Atlas", "MA")
    s = data.shipment
    made = {
        # picked up in March, sailed in April: March (the departure used to say April)
        "picked_then_sailed": s(
            ma, steps={"pickup": (D(2026, 3, 1), D(2026, 3, 5)), "departure": (None, D(2026, 4, 2))}
        ),
        # pick-up only planned (March), departure done (March 25)
        "pickup_planned": s(
            ma, steps={"pickup": (D(2026, 3, 20), None), "departure": (None, D(2026, 3, 25))}
        ),
        # done before the planned day: the day it happened counts (February)
        "picked_early": s(ma, steps={"pickup": (D(2026, 3, 2), D(2026, 2, 27))}),
        # no pick-up: the planned departure (March 31)
        "departure_only": s(ma, steps={"departure": (D(2026, 3, 31), None)}),
        # a pick-up without any date: the departure (April)
        "undated_pickup": s(
            ma, steps={"pickup": (None, None), "departure": (D(2026, 3, 30), D(2026, 4, 1))}
        ),
        # nothing dated: in no month (the pivot used to count it on its creation day)
        "undated": s(ma, steps={"arrival": (D(2026, 3, 15), None)}),
        "cancelled": s(
            ma, status=Shipment.Status.CANCELLED, steps={"pickup": (None, D(2026, 3, 10))}
        ),
        # picked up late in the evening of 31 May, local time: May
        "late_evening": s(ma),
        "june": s(ma, steps={"pickup": (D(2026, 6, 1), None)}),
    }
    evening = timezone.make_aware(dt.datetime(2026, 5, 31, 23, 30))
    Milestone.objects.create(shipment=made["late_evening"], step="pickup", actual_at=evening)
    return made


EXPECTED = {(2026, 2): 1, (2026, 3): 3, (2026, 4): 1, (2026, 5): 1, (2026, 6): 1}


def _dashboard_count(period: Period) -> int:
    board: Dashboard = logistics.build(ReportFilters(period=period, compare=False), None)
    for section in board.sections:
        for figure in section.figures:
            if figure.key == "shipments":
                return int(figure.value or 0)
    raise AssertionError("no shipments figure")


def _pivot_counts() -> dict[str, int]:
    result = engine.compute(
        parse_spec(
            {
                "source": "shipments",
                "rows": "month",
                "measures": ["count"],
                "period": "custom",
                "start": "2026-01-01",
                "end": "2026-06-30",
            }
        ),
        today=D(2026, 12, 6),
    )
    return {key: int(values["count"] or 0) for key, values in result.row_totals.items()}


def test_pivot_and_dashboard_count_the_same_shipments_per_month(
    shipments: dict[str, Shipment],
) -> None:
    pivot = _pivot_counts()
    for year, month in MONTHS:
        expected = EXPECTED.get((year, month), 0)
        assert _dashboard_count(_month(year, month)) == expected, (year, month)
        assert pivot.get(f"{year}-{month:02d}", 0) == expected, (year, month, pivot)
    # the whole half-year: every dated shipment once, the undated and the cancelled never
    assert _dashboard_count(Period(D(2026, 1, 1), D(2026, 6, 30))) == sum(EXPECTED.values())
    assert sum(pivot.values()) == sum(EXPECTED.values())


def test_shipment_list_left_from_to_is_the_same_rule(
    shipments: dict[str, Shipment], client: Any, assistant: Any
) -> None:
    client.force_login(assistant)
    page = client.get("/shipping/shipments/", {"left_from": "2026-03-01", "left_to": "2026-03-31"})
    assert page.status_code == 200
    listed = {s.pk for s in page.context["page"]}
    march = {"picked_then_sailed", "pickup_planned", "departure_only"}
    assert listed == {shipments[name].pk for name in march}
    # the dashboard's figure opens that list
    board = logistics.build(ReportFilters(period=_month(2026, 3), compare=False), None)
    link = next(f.link for s in board.sections for f in s.figures if f.key == "shipments")
    assert "left_from=2026-03-01" in link and "left_to=2026-03-31" in link
    assert {s.pk for s in client.get(link).context["page"]} == listed


@pytest.mark.parametrize("language", ["fr", "en"])
def test_shipment_list_refuses_a_wrong_period(
    shipments: dict[str, Shipment], client: Any, assistant: Any, language: str
) -> None:
    client.force_login(assistant)
    client.cookies["comptoir_language"] = language
    answer = client.get(
        "/shipping/shipments/", {"left_from": "2026-04-01", "left_to": "2026-03-01"}
    )
    assert answer.status_code == 400 and not list(answer.context["page"])
    assert ("Partie jusqu" if language == "fr" else "Left to") in answer.content.decode()
    bad = client.get("/api/shipments/", {"left_from": "2026-02-30"})
    assert bad.status_code == 400 and "left_from" in bad.json()


def test_local_date_agrees_with_truncdate_around_midnight_and_dst(db: Any) -> None:
    """The day the goods leave is read without a Python function per row on SQLite
    (``LocalDate``); it must give the same local day as ``TruncDate`` at every moment,
    around midnight, in winter and summer time and on the days the clocks change."""
    from django.db.models.functions import TruncDate

    from comptoir.common.dbfunctions import LocalDate

    ma = data.company("Atlas", "MA")
    shipment = data.shipment(ma)
    utc = dt.UTC
    moments = [
        dt.datetime(day.year, day.month, day.day, tzinfo=utc) + dt.timedelta(minutes=20 * k)
        for day in (D(2026, 1, 15), D(2026, 3, 28), D(2026, 7, 15), D(2026, 10, 24))
        for k in range(3 * 24 * 3)  # three days, every 20 minutes
    ]
    Milestone.objects.bulk_create(
        Milestone(shipment=shipment, step=f"s{i}"[:20], actual_at=moment)
        for i, moment in enumerate(moments)
    )
    zone = timezone.get_current_timezone_name()
    assert zone == "Europe/Paris"
    rows = Milestone.objects.filter(shipment=shipment).annotate(
        fast=LocalDate("actual_at", zone=zone), exact=TruncDate("actual_at")
    )
    pairs = list(rows.values_list("fast", "exact", "actual_at"))
    assert len(pairs) == len(moments)
    wrong = [(fast, exact, at) for fast, exact, at in pairs if fast != exact]
    assert not wrong, wrong[:5]
    # and what Python says
    for fast, _exact, at in pairs[::7]:
        assert fast == timezone.localtime(at).date()
