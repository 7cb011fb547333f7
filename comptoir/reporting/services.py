"""Writes of the reporting area: saved pivot views (save, rename, delete one's own; a
manager shares one with everyone). Each service checks the role first and writes in a
transaction with the audit stamp.

The sales objectives the sales dashboard compares with:

Every service checks the role matrix first (``Record.SALES_OBJECTIVE``: managers), validates
with messages naming the field, and writes in one transaction through :mod:`comptoir.audit`.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import delete_instance, save_instance, save_values
from comptoir.common.countries import is_country

from .inputs import SalesObjectiveValues
from .models import PivotView, SalesObjective
from .pivot.spec import PivotSpec

MAX_VIEWS_PER_USER = 200


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the view a name.")})
    if len(name) > 120:
        raise ValidationError({"name": _("A name has at most 120 characters.")})
    return name


def _own(view: PivotView, user: Actor) -> None:
    if user is not None and view.owner_id != user.pk:
        raise PermissionDenied(_("Only its owner may change or delete a saved view."))


def save_view(*, owner: User, name: str, spec: PivotSpec, user: Actor) -> PivotView:
    """A new saved view of ``owner`` (the acting user, or anyone for the system)."""
    require(user, Action.CREATE, Record.PIVOT_VIEW)
    if user is not None and owner.pk != user.pk:
        raise PermissionDenied(_("A view is saved for oneself."))
    clean = _name(name)
    if PivotView.objects.filter(owner=owner).count() >= MAX_VIEWS_PER_USER:
        raise ValidationError(
            {"name": _("At most %(max)s saved views: delete some.") % {"max": MAX_VIEWS_PER_USER}}
        )
    return save_instance(
        PivotView(owner=owner, name=clean, spec=spec.to_data()), user, "saved pivot view"
    )


def rename_view(*, view: PivotView, name: str, user: Actor) -> PivotView:
    require(user, Action.CHANGE, Record.PIVOT_VIEW)
    _own(view, user)
    view.name = _name(name)
    return save_instance(view, user, "renamed")


def delete_view(*, view: PivotView, user: Actor) -> None:
    require(user, Action.DELETE, Record.PIVOT_VIEW)
    _own(view, user)
    delete_instance(view, user, "deleted")


def share_view(*, view: PivotView, shared: bool, user: Actor) -> PivotView:
    """Show the view to everyone (or stop): a manager's."""
    require(user, Action.ADMINISTER, Record.PIVOT_VIEW)
    view.shared = shared
    return save_instance(view, user, "shared" if shared else "no longer shared")


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
