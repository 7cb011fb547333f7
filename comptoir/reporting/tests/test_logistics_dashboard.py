"""The logistics dashboard on hand-made shipments whose figures were computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from comptoir.claims.models import Claim
from comptoir.logistics.models import Equipment, LoadPlan
from comptoir.reporting import registry
from comptoir.reporting.dashboard import Dashboard, Figure, Table
from comptoir.reporting.dashboards import logistics
from comptoir.reporting.dashboards._ops import percentile
from comptoir.reporting.filters import Period, ReportFilters
from comptoir.shipping.models import Shipment

from . import ops_data as data

pytestmark = pytest.mark.django_db
D = Decimal
MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def figure(board: Dashboard, key: str) -> Figure:
    return next(f for s in board.sections for f in s.figures if f.key == key)


def table(board: Dashboard, key: str) -> Table:
    return next(t for t in board.tables() if t.key == key)


def rows(board: Dashboard, key: str) -> list[tuple[Any, ...]]:
    return [r.values for r in table(board, key).rows]


@pytest.fixture
def shipments() -> dict[str, Shipment]:
    """March 2026:
    A sea FR->MA 1,000 kg, EUR 10,000, freight EUR 500; picked up 2 March, delivered 11 March
      (planned 12): on time, 9 days; invoiced EUR 20,000 less a credit note of 2,000.
    B sea FR->MA 3,000 kg, USD 5,000 (x 0.92 = EUR 4,600), freight USD 1,000 (= EUR 920);
      picked up 5 March, delivered 20 March (planned 15): late, 15 days; invoiced USD 10,000
      at 0.90 = EUR 9,000.
    C road FR->DE 2,000 kg, EUR 8,000, no freight cost; picked up 10 March, no delivery
      milestone, arrived 12 March as planned: on time, 2 days.
    Left out: a cancelled shipment in March, one in May, and one of March 2025 (the year
    before: road FR->DE 500 kg, EUR 1,000, delivered late).
    """
    data.usd_rate("0.92")
    ma, de = data.company("Atlas", "MA"), data.company("Berger", "DE")
    made = {
        "A": data.shipment(
            ma,
            freight="500",
            freight_currency="EUR",
            steps={
                "pickup": (dt.date(2026, 3, 2), dt.date(2026, 3, 2)),
                "delivery": (dt.date(2026, 3, 12), dt.date(2026, 3, 11)),
            },
        ),
        "B": data.shipment(
            ma,
            kg="3000",
            value="5000",
            currency="USD",
            freight="1000",
            freight_currency="USD",
            steps={
                "pickup": (None, dt.date(2026, 3, 5)),
                "delivery": (dt.date(2026, 3, 15), dt.date(2026, 3, 20)),
            },
        ),
        "C": data.shipment(
            de,
            mode="road_full",
            destination="DE",
            kg="2000",
            value="8000",
            status=Shipment.Status.ARRIVED,
            steps={
                "pickup": (None, dt.date(2026, 3, 10)),
                "arrival": (dt.date(2026, 3, 12), dt.date(2026, 3, 12)),
            },
        ),
    }
    data.shipment(
        ma,
        status=Shipment.Status.CANCELLED,
        steps={"pickup": (dt.date(2026, 3, 3), None)},
    )
    data.shipment(ma, steps={"pickup": (dt.date(2026, 5, 3), None)})
    data.shipment(
        de,
        mode="road_groupage",
        destination="DE",
        kg="500",
        value="1000",
        steps={
            "pickup": (None, dt.date(2025, 3, 5)),
            "delivery": (dt.date(2025, 3, 6), dt.date(2025, 3, 9)),
        },
    )
    data.invoiced(made["A"], "20000", credit="2000")
    data.invoiced(made["B"], "10000", currency="USD", eur_rate="0.90")
    return made


def build(**filters: Any) -> Dashboard:
    return logistics.build(ReportFilters(period=MARCH, **filters), None)


def test_registered_with_its_filters() -> None:
    spec = registry.get("logistics")
    assert spec is not None
    assert spec.filters == ("period", "compare", "country", "transport_mode")


def test_percentile_reads_the_histogram_by_nearest_rank() -> None:
    assert percentile({9: 1, 15: 1, 2: 1}, 0.5) == 9
    assert percentile({9: 1, 15: 1, 2: 1}, 0.9) == 15
    assert percentile({1: 9, 30: 1}, 0.9) == 1
    assert percentile({}, 0.5) is None


def test_shipment_figures_by_hand(shipments: dict[str, Shipment]) -> None:
    board = build()
    assert figure(board, "shipments").value == 3
    assert figure(board, "shipments").previous == 1
    assert figure(board, "weight").value == D("6000.0")
    assert figure(board, "value").value == D("22600.00")  # 10,000 + 4,600 + 8,000
    assert figure(board, "on_time").value == D("66.7")  # A and C of A, B, C
    assert figure(board, "on_time").previous == D("0.0")
    assert figure(board, "transit_median").value == 9  # 2, 9, 15
    by_mode = rows(board, "by_mode")
    assert by_mode[0] == (
        "Sea, full container (FCL)",
        2,
        D("4000.0"),
        D("14600.00"),
        D("50.0"),
        9,
        15,
    )
    assert by_mode[1] == ("Road, full truck", 1, D("2000.0"), D("8000.00"), D("100.0"), 2, 2)
    assert table(board, "by_mode").total.values[1:] == (  # type: ignore[union-attr]
        3,
        D("6000.0"),
        D("22600.00"),
        D("66.7"),
        9,
        15,
    )
    lanes = table(board, "by_lane")
    assert [r.values[:3] for r in lanes.rows] == [
        ("FR → MA", 2, D("4000.0")),
        ("FR → DE", 1, D("2000.0")),
    ]
    # the lane's list, of the dashboard's period (the day the goods leave)
    assert lanes.rows[0].link.endswith(
        "?left_from=2026-03-01&left_to=2026-03-31&origin=FR&destination=MA"
    )


def test_freight_per_kg_and_share_of_sales(shipments: dict[str, Shipment]) -> None:
    board = build()
    # (500 + 920) / (1,000 + 3,000) kg
    assert figure(board, "freight_per_kg").value == D("0.36")
    # (500 + 920) / (20,000 - 2,000 + 10,000 x 0.90)
    assert figure(board, "freight_share").value == D("5.3")
    sea = rows(board, "freight_by_mode")[0]
    assert sea == (
        "Sea, full container (FCL)",
        D("1420.00"),
        D("4000.0"),
        D("0.36"),
        D("27000.00"),
        D("5.3"),
    )


def test_country_filter_keeps_the_lanes_of_that_country(shipments: dict[str, Shipment]) -> None:
    board = build(country="DE")
    assert figure(board, "shipments").value == 1
    assert figure(board, "weight").value == D("2000.0")
    assert figure(board, "shipments").previous == 1
    assert [r[0] for r in rows(board, "by_lane")] == ["FR → DE"]


def test_transport_mode_filter(shipments: dict[str, Shipment]) -> None:
    board = build(transport_mode="sea")
    assert figure(board, "shipments").value == 2
    assert figure(board, "on_time").value == D("50.0")
    assert figure(board, "shipments").previous == 0
    assert build(transport_mode="air").sections[0].figures[0].value == 0


def test_period_filter_moves_the_count(shipments: dict[str, Shipment]) -> None:
    may = logistics.build(
        ReportFilters(period=Period(dt.date(2026, 5, 1), dt.date(2026, 5, 31)), compare=False),
        None,
    )
    assert figure(may, "shipments").value == 1  # planned pick-up in May
    assert figure(may, "shipments").previous is None
    assert figure(may, "on_time").value is None


def _plan(code: str, volume: float, weight: float, *more: tuple[str, float, float]) -> LoadPlan:
    units = [
        {"code": c, "volume_utilisation": v, "weight_utilisation": w}
        for c, v, w in ((code, volume, weight), *more)
    ]
    plan = LoadPlan.objects.create(
        title=f"plan {code}", status=LoadPlan.Status.DONE, computed_at=timezone.now()
    )
    # the stored JSON as the planner writes it; only the vehicles' figures are read here
    LoadPlan.objects.filter(pk=plan.pk).update(
        result={"units": units, "currency": "EUR"},
        computed_at=data.at(dt.date(2026, 3, 15)),
    )
    return plan


def test_container_fill_per_equipment_type(db: None) -> None:
    _plan("40HC", 0.80, 0.50)
    _plan("40HC", 0.60, 0.30, ("20DV", 0.50, 0.90))
    old = _plan("20DV", 0.10, 0.10)
    LoadPlan.objects.filter(pk=old.pk).update(computed_at=data.at(dt.date(2026, 1, 5)))
    board = build(compare=False)
    fill = {r[0]: r[1:] for r in rows(board, "fill_by_equipment")}
    names = dict(Equipment.objects.values_list("code", "name_en"))
    # 40HC: (0.80 + 0.60) / 2 and (0.50 + 0.30) / 2; 20DV: the second plan's second vehicle
    assert fill[names["40HC"]] == (2, D("70.0"), D("40.0"))
    assert fill[names["20DV"]] == (1, D("50.0"), D("90.0"))
    latest = rows(board, "latest_plans")
    assert [r[4] for r in latest] == [2, 1]  # vehicles: newest first (same day: by number)
    assert latest[0][5:] == (D("60.0"), D("30.0"))


def test_claims_by_carrier(shipments: dict[str, Shipment]) -> None:
    carrier = data.company("Marfret", "FR", roles=",carrier,")
    common: dict[str, Any] = {
        "shipment": shipments["A"],
        "carrier": carrier,
        "kind": "damage",
        "convention": "hague_visby",
        "time_bar_date": dt.date(2027, 3, 1),
        "delivery_date": dt.date(2026, 3, 11),
        "weight_affected_kg": D("100"),
        "description": "Dented",
        "currency": "EUR",
    }
    Claim.objects.create(
        number="CL-1",
        discovered_on=dt.date(2026, 3, 12),
        amount_claimed=D("1200"),
        recovered_carrier=D("300"),
        recovered_insurer=D("600"),
        status="settled",
        **common,
    )
    Claim.objects.create(
        number="CL-2", discovered_on=dt.date(2026, 3, 20), amount_claimed=D("800"), **common
    )
    Claim.objects.create(
        number="CL-3", discovered_on=dt.date(2025, 12, 1), amount_claimed=D("50"), **common
    )
    board = build()
    assert figure(board, "open_claims").value == 2  # CL-2 and CL-3, whatever their period
    assert rows(board, "claims_by_carrier") == [
        ("Marfret", "EUR", 2, 1, D("2000.00"), D("900.00"), D("45.0"))
    ]
    assert build(country="DE").sections[3].figures[0].value == 0


def test_query_count_is_bounded(
    shipments: dict[str, Shipment], django_assert_max_num_queries: Any
) -> None:
    build()  # rates read once
    with django_assert_max_num_queries(16):
        build()
