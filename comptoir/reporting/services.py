"""Writes of the reporting area: the sales objectives the sales dashboard compares with.

Every service checks the role matrix first (``Record.SALES_OBJECTIVE``: managers), validates
with messages naming the field, and writes in one transaction through :mod:`comptoir.audit`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import delete_instance, save_values
from comptoir.common.countries import is_country

from .inputs import SalesObjectiveValues
from .models import SalesObjective

ZERO = Decimal("0")
MAX_AMOUNT = Decimal("999999999999.99")


def _check(values: SalesObjectiveValues, objective: SalesObjective | None) -> str:
    errors: dict[str, str] = {}
    if not 2000 <= values.year <= 2100:
        errors["year"] = _("Give a year between 2000 and 2100.")
    if values.quarter is not None and not 1 <= values.quarter <= 4:
        errors["quarter"] = _("A quarter is 1 to 4.")
    if values.month is not None and not 1 <= values.month <= 12:
        errors["month"] = _("A month is 1 to 12.")
    if values.quarter is not None and values.month is not None:
        errors["month"] = _("Give a quarter or a month, not both.")
    country = values.country.strip().upper()
    if country and not is_country(country):
        errors["country"] = _("Unknown country code.")
    chosen = sum(1 for v in (values.person, values.agent, values.zone, country) if v)
    if chosen > 1:
        errors["person"] = _(
            "Choose one of salesperson, agent, zone or country (none: the whole company)."
        )
    if values.agent is not None and "agent" not in values.agent.role_list:
        errors["agent"] = _("This company is not an agent.")
    if not ZERO < values.revenue_eur <= MAX_AMOUNT:
        errors["revenue_eur"] = _("Give a revenue objective above zero.")
    if values.intake_eur is not None and not ZERO <= values.intake_eur <= MAX_AMOUNT:
        errors["intake_eur"] = _("An objective cannot be negative.")
    if len(values.notes) > 300:
        errors["notes"] = _("300 characters at most.")
    if not errors:
        same = SalesObjective.objects.filter(
            year=values.year,
            quarter=values.quarter,
            month=values.month,
            person=values.person,
            agent=values.agent,
            zone=values.zone,
            country=country,
        )
        if objective is not None:
            same = same.exclude(pk=objective.pk)
        if same.exists():
            errors["year"] = _("There is already an objective for this period and scope.")
    if errors:
        raise ValidationError(errors)
    return country


def save_sales_objective(
    *, objective: SalesObjective | None, values: SalesObjectiveValues, user: Actor
) -> SalesObjective:
    """A new sales objective (``objective=None``) or a change to one."""
    require(user, Action.CREATE if objective is None else Action.CHANGE, Record.SALES_OBJECTIVE)
    with transaction.atomic():
        country = _check(values, objective)
        objective = objective or SalesObjective()
        objective.year = values.year
        objective.quarter = values.quarter
        objective.month = values.month
        objective.person = values.person
        objective.agent = values.agent
        objective.zone = values.zone
        objective.country = country
        objective.revenue_eur = values.revenue_eur
        objective.intake_eur = values.intake_eur
        objective.notes = values.notes.strip()
        return save_values(objective, user, "sales objective")


def delete_sales_objective(*, objective: SalesObjective, user: Actor) -> None:
    require(user, Action.DELETE, Record.SALES_OBJECTIVE)
    delete_instance(objective, user, "sales objective deleted")
