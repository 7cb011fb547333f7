"""An agent in the Gulf, a distributor in Japan, clients with issued invoices, and helpers
for the action plan tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count

import pytest

from comptoir.action_plan import services
from comptoir.action_plan.inputs import ContractValues, PlanValues
from comptoir.action_plan.models import NetworkContract, Plan
from comptoir.parties.models import Company, Zone
from comptoir.sales.models import Invoice

D = Decimal
TODAY = dt.date.today()
_NUMBERS = count(1)


def company(name: str, country: str, roles: list[str], zone: Zone | None = None) -> Company:
    found = Company(name=name, country=country, city="City", zone=zone)
    found.role_list = roles
    found.save()
    return found


def invoice(
    client: Company,
    net: str,
    day: dt.date,
    *,
    rate: str = "1",
    currency: str = "EUR",
    kind: str = Invoice.Kind.INVOICE,
) -> Invoice:
    return Invoice.objects.create(
        kind=kind,
        status=Invoice.Status.ISSUED,
        number=f"F-AP-{next(_NUMBERS):05d}",
        client=client,
        issue_date=day,
        due_date=day + dt.timedelta(days=30),
        currency=currency,
        net_total=D(net),
        gross_total=D(net),
        balance_due=D(net),
        eur_rate=D(rate),
    )


@pytest.fixture
def gulf(db) -> Zone:  # type: ignore[no-untyped-def]
    return Zone.objects.create(name="Moyen-Orient & Afrique")


@pytest.fixture
def agent(db, gulf) -> Company:  # type: ignore[no-untyped-def]
    return company("Agence Levant Commerce", "AE", ["agent"], gulf)


@pytest.fixture
def distributor(db) -> Company:  # type: ignore[no-untyped-def]
    return company("Kitchen Art Tokyo K.K.", "JP", ["client", "distributor"])


def agent_values(agent: Company, **changes: object) -> ContractValues:
    values: dict[str, object] = {
        "partner": agent,
        "kind": "agent",
        "countries": "ae, SA, QA",
        "exclusive": True,
        "starts_on": dt.date(TODAY.year - 2, 1, 1),
        "ends_on": None,
        "target_revenue_eur": D("120000"),
        "target_new_clients": 4,
        "terms": "5 % of the net invoiced amount, due when the client pays.",
    }
    values.update(changes)
    return ContractValues(**values)  # type: ignore[arg-type]


@pytest.fixture
def agent_contract(agent) -> NetworkContract:  # type: ignore[no-untyped-def]
    return services.save_contract(contract=None, values=agent_values(agent), user=None)


@pytest.fixture
def plan(db) -> Plan:  # type: ignore[no-untyped-def]
    return services.save_plan(
        plan=None, values=PlanValues(year=TODAY.year, title="Export plan"), user=None
    )
