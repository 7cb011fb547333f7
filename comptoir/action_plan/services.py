"""Writes of the action plan area: the sales network's contracts (with the signed copy and the
notice), the yearly plan, its objectives and actions; the daily job that turns contract
deadlines into tasks.

Every service checks the role matrix first, validates with messages naming the field, and
writes in one transaction through :mod:`comptoir.audit` (the history's author). Tasks go
through ``parties.services``; sales figures are only read (``sales.selectors``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action as RoleAction
from comptoir.accounts.roles import Actor, Record, allowed, require
from comptoir.audit import delete_instance, save_values
from comptoir.calculators.texts import translate
from comptoir.common.countries import is_country
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties import services as parties
from comptoir.parties.models import PartyRole, Task
from comptoir.suppliers.attachments import check_upload
from comptoir.trade import sales_network as rules
from comptoir.trade.errors import TradeInputError

from .inputs import ActionValues, ContractValues, NoticeValues, ObjectiveValues, PlanValues
from .models import (
    Action,
    ActionStatus,
    Channel,
    ContractKind,
    ContractStatus,
    NetworkContract,
    Objective,
    Plan,
)

ZERO = Decimal("0")
#: Tasks are opened this many days before a contract's notice date or end.
REMIND_DAYS = 60
#: Most countries a contract's territory lists.
MAX_COUNTRIES = 60
NETWORK_ROLES = {
    ContractKind.AGENT: "agent",
    ContractKind.DISTRIBUTOR: "distributor",
    ContractKind.IMPORTER: "distributor",
    ContractKind.FRANCHISE: "distributor",
}


def _countries(raw: str, field: str, errors: dict[str, str]) -> str:
    codes = [c.strip().upper() for c in raw.replace(";", ",").split(",") if c.strip()]
    wrong = [c for c in codes if not is_country(c)]
    if wrong:
        errors[field] = _("Unknown country codes: %(codes)s.") % {"codes": ", ".join(wrong)}
    if len(codes) > MAX_COUNTRIES:
        errors[field] = _("%(max)d countries at most.") % {"max": MAX_COUNTRIES}
    return ", ".join(dict.fromkeys(codes))


# ---------------------------------------------------------------------------- contracts


def _check_contract(values: ContractValues) -> str:
    errors: dict[str, str] = {}
    if values.kind not in ContractKind.values:
        errors["kind"] = _("Choose the kind of contract.")
    countries = _countries(values.countries, "countries", errors)
    if not countries and not values.zones and values.kind in ContractKind.values:
        errors["countries"] = _("Give the territory: countries, zones or both.")
    if values.ends_on is not None and values.ends_on < values.starts_on:
        errors["ends_on"] = _("The contract cannot end before it starts.")
    if values.tacit_renewal and values.ends_on is not None and values.renewal_months <= 0:
        errors["renewal_months"] = _("Give the length of a renewal in months.")
    if values.target_revenue_eur < ZERO:
        errors["target_revenue_eur"] = _("A target cannot be negative.")
    if values.kind == ContractKind.AGENT:
        for problem in rules.non_compete_problems(
            values.non_compete_months, limited_to_territory_and_goods=True
        ):
            errors["non_compete_months"] = translate(problem)
    elif values.non_compete_months > rules.MAX_NON_COMPETE_MONTHS:
        errors["non_compete_months"] = _("Two years at most.")
    role = (
        NETWORK_ROLES.get(ContractKind(values.kind)) if values.kind in ContractKind.values else None
    )
    if role and role not in values.partner.role_list:
        errors["partner"] = _(
            "%(company)s does not have the role “%(role)s”: add it on the company first."
        ) % {"company": values.partner.name, "role": PartyRole(role).label}
    if values.commission is not None and values.commission.agent_id != values.partner.pk:
        errors["commission"] = _("This commission is another agent's.")
    if errors:
        raise ValidationError(errors)
    return countries


def save_contract(
    *,
    contract: NetworkContract | None,
    values: ContractValues,
    user: Actor,
    signed_file: UploadedFile | None = None,
) -> NetworkContract:
    """Record (or correct) a contract with an agent or a distributor, with its signed copy
    (PDF or picture, 10 MB at most) when given."""
    require(
        user, RoleAction.CREATE if contract is None else RoleAction.CHANGE, Record.NETWORK_CONTRACT
    )
    countries = _check_contract(values)
    content_type = ""
    if signed_file is not None:
        try:
            content_type = check_upload(signed_file)
        except ValidationError as exc:
            raise ValidationError({"signed_file": exc.messages}) from None
    with transaction.atomic():
        contract = contract or NetworkContract()
        contract.partner = values.partner
        contract.kind = values.kind
        contract.countries = countries
        contract.products = values.products.strip()
        contract.exclusive = values.exclusive
        contract.starts_on = values.starts_on
        contract.ends_on = values.ends_on
        contract.tacit_renewal = values.tacit_renewal
        contract.renewal_months = values.renewal_months
        contract.notice_months = values.notice_months
        contract.non_compete_months = values.non_compete_months
        contract.target_revenue_eur = values.target_revenue_eur
        contract.target_new_clients = values.target_new_clients
        contract.terms = values.terms
        contract.commission = values.commission
        contract.responsible = values.responsible
        contract.notes = values.notes
        if signed_file is not None:
            contract.signed_file_name = (signed_file.name or "contract")[:200]
            contract.signed_file_type = content_type
            contract.signed_file.save(signed_file.name or "contract", signed_file, save=False)
        save_values(contract, user, "network contract")
        contract.zones.set(values.zones)
    return contract


def give_notice(*, contract: NetworkContract, values: NoticeValues, user: Actor) -> NetworkContract:
    """Record the notice given (by us or by the partner): the contract ends at the end of the
    notice (for an agent at least the legal one, at the end of a calendar month: L134-11)."""
    require(user, RoleAction.CHANGE, Record.NETWORK_CONTRACT)
    errors: dict[str, str] = {}
    if contract.status in (ContractStatus.NOTICE, ContractStatus.ENDED):
        errors["given_on"] = _("Notice was already given on this contract.")
    if values.by not in ("us", "partner"):
        errors["by"] = _("Say who gave notice.")
    if values.given_on < contract.starts_on:
        errors["given_on"] = _("Notice cannot come before the contract starts.")
    if values.given_on > local_today():
        errors["given_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    months = rules.notice_months(
        contract.kind if contract.kind == ContractKind.AGENT else ContractKind.DISTRIBUTOR,
        contract.starts_on,
        values.given_on,
        contract.notice_months,
    )
    kind = ContractKind.AGENT if contract.kind == ContractKind.AGENT else ContractKind.DISTRIBUTOR
    end = rules.notice_end(kind, values.given_on, months)
    with transaction.atomic():
        contract.status = ContractStatus.NOTICE
        contract.notice_given_on = values.given_on
        contract.notice_by = values.by
        contract.ends_on = end
        contract.tacit_renewal = False
        if values.note:
            contract.notes = (contract.notes + "\n" + values.note).strip()
        save_values(contract, user, "notice given")
        parties.close_tasks(
            tasks=_contract_tasks(contract),
            user=user,
            reason="notice given",
        )
    return contract


def end_contract(*, contract: NetworkContract, user: Actor) -> NetworkContract:
    require(user, RoleAction.CHANGE, Record.NETWORK_CONTRACT)
    with transaction.atomic():
        contract.status = ContractStatus.ENDED
        if contract.ends_on is None or contract.ends_on > local_today():
            contract.ends_on = max(local_today(), contract.starts_on)
        contract.tacit_renewal = False
        save_values(contract, user, "contract ended")
        parties.close_tasks(
            tasks=_contract_tasks(contract),
            user=user,
            reason="contract ended",
        )
    return contract


def _contract_url(contract: NetworkContract) -> str:
    return reverse("action_plan:contract_detail", args=[contract.pk])


def _contract_tasks(contract: NetworkContract) -> list[Task]:
    """The open reminders of a contract (their notes: its page, the deadline after ``#``)."""
    prefix = _contract_url(contract) + "#"
    return [
        task
        for task in parties_selectors.open_tasks(company=contract.partner)
        if task.notes.startswith(prefix)
    ]


def contract_deadlines(contract: NetworkContract, today: dt.date) -> list[rules.Deadline]:
    """The notice date before a tacit renewal and the end of the term running."""
    if contract.status == ContractStatus.ENDED:
        return []
    kind = ContractKind.AGENT if contract.kind == ContractKind.AGENT else ContractKind.DISTRIBUTOR
    try:
        return rules.deadlines(
            kind=kind,
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            tacit_renewal=contract.tacit_renewal and contract.status != ContractStatus.NOTICE,
            renewal_months=contract.renewal_months or 12,
            agreed_notice_months=contract.notice_months,
            today=today,
        )
    except TradeInputError:
        return []


def remind_contract_deadlines(day: dt.date) -> int:
    """Daily: a task to the contract's responsible when its last day to give notice before a
    tacit renewal, or its end, comes within ``REMIND_DAYS`` (once per deadline)."""
    opened = 0
    contracts = NetworkContract.objects.exclude(status=ContractStatus.ENDED).select_related(
        "partner", "responsible", "partner__portfolio_owner"
    )
    for contract in contracts:
        owner = contract.responsible or contract.partner.portfolio_owner
        if owner is None:
            continue
        for deadline in contract_deadlines(contract, day):
            if not day <= deadline.day <= day + dt.timedelta(days=REMIND_DAYS):
                continue
            notes = f"{_contract_url(contract)}#{deadline.kind}-{deadline.day.isoformat()}"
            if parties_selectors.open_tasks(notes=notes).exists():
                continue
            profile = getattr(owner, "profile", None)
            with translation.override(getattr(profile, "language", None) or "fr"):
                if deadline.kind == "notice":
                    title = _(
                        "Decide on the contract with %(partner)s: notice by %(day)s, or it is "
                        "renewed"
                    )
                else:
                    title = _("The contract with %(partner)s ends on %(day)s")
                title = title % {
                    "partner": contract.partner.name,
                    "day": formats.date_format(deadline.day, "SHORT_DATE_FORMAT"),
                }
            parties.open_task(
                title=title[:200],
                due=deadline.day,
                assigned_to=owner,
                company=contract.partner,
                notes=notes,
                user=None,
            )
            opened += 1
    return opened


# -------------------------------------------------------------------------------- plans


def save_plan(*, plan: Plan | None, values: PlanValues, user: Actor) -> Plan:
    require(user, RoleAction.CREATE if plan is None else RoleAction.CHANGE, Record.ACTION_PLAN)
    errors: dict[str, str] = {}
    if not 2000 <= values.year <= 2100:
        errors["year"] = _("Give a year between 2000 and 2100.")
    taken = Plan.objects.filter(year=values.year)
    if plan is not None:
        taken = taken.exclude(pk=plan.pk)
    if taken.exists():
        errors["year"] = _("There is already a plan for %(year)d.") % {"year": values.year}
    if not values.title.strip():
        errors["title"] = _("Give the plan a title.")
    if errors:
        raise ValidationError(errors)
    plan = plan or Plan()
    plan.year = values.year
    plan.title = values.title.strip()
    plan.strategy = values.strategy
    return save_values(plan, user, "action plan")


def _check_objective(plan: Plan, values: ObjectiveValues, objective: Objective | None) -> str:
    errors: dict[str, str] = {}
    country = values.country.strip().upper()
    if country and not is_country(country):
        errors["country"] = _("Unknown country code.")
    chosen = sum(1 for v in (values.zone, country, values.person) if v)
    if chosen > 1:
        errors["country"] = _("Choose one of zone, country or person (none: the whole company).")
    if values.revenue_eur < ZERO:
        errors["revenue_eur"] = _("A target cannot be negative.")
    if (
        values.revenue_eur == ZERO
        and not values.new_clients
        and not values.offers
        and values.margin_pct is None
    ):
        errors["revenue_eur"] = _("Give at least one target.")
    same = Objective.objects.filter(
        plan=plan, zone=values.zone, country=country, person=values.person
    )
    if objective is not None:
        same = same.exclude(pk=objective.pk)
    if not errors and same.exists():
        errors["country"] = _("This plan already has an objective for it.")
    if errors:
        raise ValidationError(errors)
    return country


def save_objective(
    *, plan: Plan, objective: Objective | None, values: ObjectiveValues, user: Actor
) -> Objective:
    """A yearly objective for a zone, a country, a person or the whole company."""
    require(user, RoleAction.CREATE if objective is None else RoleAction.CHANGE, Record.ACTION_PLAN)
    country = _check_objective(plan, values, objective)
    objective = objective or Objective(plan=plan)
    objective.zone = values.zone
    objective.country = country
    objective.person = values.person
    objective.revenue_eur = values.revenue_eur
    objective.new_clients = values.new_clients
    objective.offers = values.offers
    objective.margin_pct = values.margin_pct
    objective.notes = values.notes
    return save_values(objective, user, "objective")


#: The channels an action linked to an event file or to a campaign may have: an event file
#: is a fair, an exhibition, a seminar, a business trip or a webinar; a campaign is e-mails
#: (a newsletter too) or calls.
EVENT_CHANNELS = (Channel.FAIR, Channel.VISIT, Channel.DIGITAL, Channel.OTHER)
CAMPAIGN_CHANNELS = (Channel.CAMPAIGN, Channel.DIGITAL, Channel.OTHER)


def _check_links(plan: Plan, values: ActionValues, user: Actor) -> dict[str, str]:
    """An action is one fair or one campaign, never both (their leads and costs would be
    counted twice); its channel says what it is; an event that does not take place in the
    plan's year is refused (the fair of another year is another action); what the user may
    not read cannot be linked."""
    errors: dict[str, str] = {}
    event, campaign = values.event, values.campaign
    if event is not None and campaign is not None:
        errors["campaign"] = _(
            "An action is one fair or one campaign: link the other one to its own action."
        )
        return errors
    if event is not None:
        if not allowed(user, RoleAction.VIEW, Record.EVENT):
            errors["event"] = _("You may not read the events.")
        elif values.channel in Channel.values and values.channel not in EVENT_CHANNELS:
            errors["event"] = _(
                "An event file goes with a fair, a visit, a digital or another action, "
                "not with “%(channel)s”."
            ) % {"channel": Channel(values.channel).label}
        elif event.ends_on.year < plan.year or event.starts_on.year > plan.year:
            errors["event"] = _(
                "%(event)s takes place from %(start)s to %(end)s, not in %(year)d: choose "
                "the event of the plan's year."
            ) % {
                "event": event.name,
                "start": formats.date_format(event.starts_on, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(event.ends_on, "SHORT_DATE_FORMAT"),
                "year": plan.year,
            }
    if campaign is not None:
        if not allowed(user, RoleAction.VIEW, Record.CAMPAIGN):
            errors["campaign"] = _("You may not read the campaigns.")
        elif values.channel in Channel.values and values.channel not in CAMPAIGN_CHANNELS:
            errors["campaign"] = _(
                "A campaign goes with a prospecting campaign, a digital or another action, "
                "not with “%(channel)s”."
            ) % {"channel": Channel(values.channel).label}
    return errors


def save_action(*, plan: Plan, action: Action | None, values: ActionValues, user: Actor) -> Action:
    """An action of the plan across the channels, with its budget, owner and status."""
    require(
        user, RoleAction.CREATE if action is None else RoleAction.CHANGE, Record.COMMERCIAL_ACTION
    )
    errors: dict[str, str] = {}
    if not values.title.strip():
        errors["title"] = _("Say what the action is.")
    if values.channel not in Channel.values:
        errors["channel"] = _("Choose the channel.")
    if values.status not in ActionStatus.values:
        errors["status"] = _("Choose the status.")
    if values.ends_on < values.starts_on:
        errors["ends_on"] = _("The action cannot end before it starts.")
    if values.starts_on.year > plan.year or values.ends_on.year < plan.year:
        errors["starts_on"] = _("The action must take place (at least partly) in %(year)d.") % {
            "year": plan.year
        }
    for name in ("budget_eur", "spent_eur"):
        if getattr(values, name) < ZERO:
            errors[name] = _("An amount cannot be negative.")
    country = values.country.strip().upper()
    if country and not is_country(country):
        errors["country"] = _("Unknown country code.")
    objective = None
    if values.objective_id is not None:
        objective = Objective.objects.filter(plan=plan, pk=values.objective_id).first()
        if objective is None:
            errors["objective"] = _("Choose an objective of this plan.")
    if values.status == ActionStatus.DONE and values.starts_on > local_today():
        errors["status"] = _("An action that has not started cannot be done.")
    errors.update(_check_links(plan, values, user))
    if errors:
        raise ValidationError(errors)
    action = action or Action(plan=plan)
    action.title = values.title.strip()
    action.channel = values.channel
    action.reference = values.reference.strip()
    action.event = values.event
    action.campaign = values.campaign
    action.objective = objective
    action.zone = values.zone
    action.country = country
    action.starts_on = values.starts_on
    action.ends_on = values.ends_on
    action.budget_eur = values.budget_eur
    action.spent_eur = values.spent_eur
    action.owner = values.owner
    action.status = values.status
    action.expected_result = values.expected_result.strip()
    action.result = values.result
    return save_values(action, user, "commercial action")


def delete_action(*, action: Action, user: Actor) -> None:
    require(user, RoleAction.DELETE, Record.COMMERCIAL_ACTION)
    delete_instance(action, user, "commercial action deleted")
