"""Demo of the reporting area, through its services: the year's sales objectives that the
sales dashboard compares with (the action plan's objectives per zone, country and person are
the action plan demo's), the whole company's and the Gulf agent's."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from comptoir.parties.models import Company
from comptoir.reporting import services
from comptoir.reporting.inputs import SalesObjectiveValues

D = Decimal


def build(users: dict[str, User]) -> dict[str, int]:  # noqa: ARG001 - the demo parts' signature
    year = timezone.localdate().year
    objectives = [
        SalesObjectiveValues(
            year=year,
            revenue_eur=D("820000"),
            intake_eur=D("850000"),
            notes="Budget voté en janvier / budget approved in January",
        ),
        SalesObjectiveValues(year=year, quarter=4, revenue_eur=D("240000")),
    ]
    agent = Company.objects.filter(name="Agence Levant Commerce").first()
    if agent is not None:
        objectives.append(SalesObjectiveValues(year=year, agent=agent, revenue_eur=D("60000")))
    for values in objectives:
        services.save_sales_objective(objective=None, values=values, user=None)
    return {"sales_objectives": len(objectives)}
