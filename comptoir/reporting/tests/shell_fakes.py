"""A small fake dashboard registered for the shell's tests (not part of the product), and
hand-made invoices whose figures are computed by hand."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal as D

import pytest

from comptoir.accounts.roles import Actor
from comptoir.parties.models import Company
from comptoir.reporting import registry
from comptoir.reporting.dashboard import (
    Chart,
    Column,
    Dashboard,
    Figure,
    Row,
    Section,
    Series,
    Table,
)
from comptoir.reporting.filters import ReportFilters
from comptoir.sales.models import Invoice

_NUMBERS = itertools.count(1)
FAKE = "fake-test"
SEEN: list[ReportFilters] = []


def build_fake(filters: ReportFilters, user: Actor) -> Dashboard:
    SEEN.append(filters)
    table = Table(
        "fake_rows",
        "Rows = of the fake",
        (
            Column("day", "Day", "date"),
            Column("name", "Name"),
            Column("revenue", "Revenue", "money", "EUR"),
            Column("share", "Share", "percent"),
            Column("count", "Count", "number"),
        ),
        (
            Row(
                (dt.date(2026, 3, 1), '=HYPERLINK("http://x")', D("1234.50"), D("12.5"), 3),
                link="/sales/invoices/",
            ),
            Row((dt.date(2026, 3, 2), "Beta", D("-10.00"), None, 0)),
        ),
        total=Row(("", "Total", D("1224.50"), D("100"), 3)),
    )
    return Dashboard(
        FAKE,
        "Fake dashboard",
        (
            Section(
                "Fake section",
                figures=(
                    Figure(
                        "rev",
                        "Revenue",
                        D("1224.50"),
                        "money",
                        "EUR",
                        previous=D("1000"),
                        better="up",
                    ),
                    Figure("late", "Late", 4, previous=2, better="down"),
                ),
                charts=(
                    Chart(
                        "fake_chart",
                        "Revenue chart",
                        "bar",
                        (Series("2026", (("Mar 1", D("1234.50")), ("Mar 2", D("-10")))),),
                        table_key="fake_rows",
                        kind_of_value="money",
                        currency="EUR",
                    ),
                ),
                tables=(table,),
            ),
        ),
        notes=("Fake notes",),
    )


SPEC = registry.DashboardSpec(
    key=FAKE,
    title="Fake dashboard",
    description="For the tests",
    build=build_fake,
    filters=(
        "period",
        "compare",
        "country",
        "zone_id",
        "client_id",
        "supplier_id",
        "product_id",
        "agent_id",
        "transport_mode",
    ),
    order=999,
)


@pytest.fixture
def fake_dashboard():  # type: ignore[no-untyped-def]
    registry.register(SPEC)
    SEEN.clear()
    yield SPEC
    registry._SPECS.pop(FAKE, None)


def company(name: str, country: str, roles: str = ",client,") -> Company:
    return Company.objects.create(name=name, country=country, roles=roles)


def invoice(
    client: Company,
    net: str,
    day: dt.date,
    *,
    rate: str = "1",
    currency: str = "EUR",
    kind: str = Invoice.Kind.INVOICE,
    status: str = Invoice.Status.ISSUED,
) -> Invoice:
    return Invoice.objects.create(
        kind=kind,
        status=status,
        number=f"F-RP-{next(_NUMBERS):05d}" if status == Invoice.Status.ISSUED else None,
        client=client,
        issue_date=day,
        due_date=day + dt.timedelta(days=30),
        currency=currency,
        net_total=D(net),
        gross_total=D(net),
        balance_due=D(net),
        eur_rate=D(rate),
    )
