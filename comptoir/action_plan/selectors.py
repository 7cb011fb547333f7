"""Reads of the action plan area: contracts and their deadlines, performance of a contract
against its targets, progress of the plan's objectives, budget planned vs spent.

Revenue is what sales invoiced: issued invoices less issued credit notes, without VAT, in EUR
at each document's rate fixed at issue (``sales.selectors.net_invoiced_eur``). A client is
new in the year of its first issued invoice. A person's figures are those of the clients
whose account manager (portfolio owner) the person is; offers count for who made them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action as RoleAction
from comptoir.accounts.roles import Record, allowed
from comptoir.calculators.texts import translate
from comptoir.common.dates import today as local_today
from comptoir.events import selectors as events
from comptoir.events.models import Event
from comptoir.parties.models import Zone
from comptoir.prospecting import selectors as prospecting
from comptoir.prospecting.models import Campaign
from comptoir.sales import selectors as sales
from comptoir.trade import sales_network as rules

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
#: The home page lists contract deadlines within these days.
HOME_DAYS = 90
DIRECT_KINDS = (ContractKind.AGENT,)


# ---------------------------------------------------------------------------- contracts


def contracts(params: Mapping[str, str] | None = None) -> QuerySet[NetworkContract]:
    found = NetworkContract.objects.select_related("partner", "responsible", "commission")
    found = found.prefetch_related(Prefetch("zones", queryset=Zone.objects.order_by("name")))
    params = params or {}
    kind = params.get("kind", "")
    if kind in ContractKind.values:
        found = found.filter(kind=kind)
    status = params.get("status", "")
    if status in ContractStatus.values:
        found = found.filter(status=status)
    country = params.get("country", "").strip().upper()[:2]
    if country:
        found = found.filter(Q(countries__icontains=country) | Q(partner__country=country))
    return found


def contract_or_none(pk: int) -> NetworkContract | None:
    return contracts().filter(pk=pk).first()


@dataclass(frozen=True)
class DeadlineRow:
    contract: NetworkContract
    kind: str
    day: dt.date
    text: str
    days_left: int


def upcoming_deadlines(days: int = HOME_DAYS, today: dt.date | None = None) -> list[DeadlineRow]:
    """The contracts' notice dates and ends within ``days`` (and those just passed by a week,
    still to act on), soonest first."""
    from .services import contract_deadlines

    day = today or local_today()
    rows: list[DeadlineRow] = []
    for contract in contracts().exclude(status=ContractStatus.ENDED):
        for deadline in contract_deadlines(contract, day):
            left = (deadline.day - day).days
            if -7 <= left <= days:
                rows.append(
                    DeadlineRow(
                        contract, deadline.kind, deadline.day, translate(deadline.text), left
                    )
                )
    rows.sort(key=lambda r: (r.day, r.contract.partner.name))
    return rows


def contract_legal(contract: NetworkContract, today: dt.date | None = None) -> dict[str, Any]:
    """What the law says on this contract today: the notice, the non-compete, the indemnity
    as usually assessed (agents), active and passive sales (exclusive distribution)."""
    day = today or local_today()
    kind = ContractKind.AGENT if contract.kind == ContractKind.AGENT else ContractKind.DISTRIBUTOR
    months = rules.notice_months(kind, contract.starts_on, day, contract.notice_months)
    facts: dict[str, Any] = {
        "notice_guidance": translate(rules.notice_guidance(kind, contract.starts_on, day)),
        "notice_months": months,
        "notice_end_if_today": rules.notice_end(kind, day, months),
        "non_compete": [
            translate(t)
            for t in rules.non_compete_problems(
                contract.non_compete_months, limited_to_territory_and_goods=True
            )
        ],
        "indemnity": None,
        "sales_rules": [],
    }
    if contract.kind == ContractKind.AGENT and contract.commission is not None:
        yearly = []
        for year in range(day.year - 3, day.year):
            start = max(dt.date(year, 1, 1), contract.starts_on)
            end = dt.date(year, 12, 31)
            if end < contract.starts_on:
                continue
            yearly.append(sales.commission_statement(contract.commission, start, end)["commission"])
        indemnity = rules.agent_indemnity(yearly)
        facts["indemnity"] = {
            "amount": indemnity.amount,
            "average": indemnity.yearly_average,
            "years": indemnity.years_counted,
            "basis": translate(indemnity.basis),
        }
    if contract.exclusive and contract.kind != ContractKind.AGENT:
        facts["sales_rules"] = [
            translate(rules.restriction_verdict(passive=False, into_exclusive_territory=True).text),
            translate(rules.restriction_verdict(passive=True, into_exclusive_territory=True).text),
        ]
    return facts


# ------------------------------------------------------------------------------ figures


@dataclass
class Figures:
    """One scope's figures for a year: revenue by month, new clients, offers, margin."""

    monthly: list[Decimal] = field(default_factory=lambda: [ZERO] * 12)
    new_clients: set[int] = field(default_factory=set)
    offers: int = 0
    margin_eur: Decimal = ZERO
    margin_base_eur: Decimal = ZERO

    @property
    def revenue(self) -> Decimal:
        return sum(self.monthly, ZERO)

    @property
    def margin_pct(self) -> Decimal | None:
        if not self.margin_base_eur:
            return None
        return (self.margin_eur * 100 / self.margin_base_eur).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class YearData:
    year: int
    until: dt.date
    invoiced: list[sales.InvoicedMonth]
    first_days: dict[int, dt.date]
    offers: list[sales.OfferFigure]


def year_data(year: int, today: dt.date | None = None) -> YearData:
    """The year's sales once, for every objective and contract of a page."""
    day = today or local_today()
    start = dt.date(year, 1, 1)
    until = min(dt.date(year, 12, 31), day)
    if until < start:
        return YearData(year, until, [], {}, [])
    return YearData(
        year,
        until,
        sales.net_invoiced_eur(start, until),
        sales.first_invoice_days(),
        sales.offer_figures(start, until),
    )


def _figures(
    data: YearData,
    match: Any,
    offer_match: Any | None = None,
) -> Figures:
    figures = Figures()
    for row in data.invoiced:
        if match(row.client_id, row.country, row.zone_id, row.owner_id):
            figures.monthly[row.month - 1] += row.net_eur
            first = data.first_days.get(row.client_id)
            if first is not None and first.year == data.year:
                figures.new_clients.add(row.client_id)
    for offer in data.offers:
        ok = (
            offer_match(offer)
            if offer_match
            else match(offer.client_id, offer.country, offer.zone_id, offer.owner_id)
        )
        if not ok:
            continue
        figures.offers += 1
        if offer.accepted and offer.margin_eur is not None and offer.net_eur:
            figures.margin_eur += offer.margin_eur
            figures.margin_base_eur += offer.net_eur
    return figures


def _in_territory(contract: NetworkContract) -> Any:
    countries = set(contract.country_list)
    zone_ids = {z.pk for z in contract.zones.all()}
    partner = contract.partner_id

    def match(client_id: int, country: str, zone_id: int | None, _owner: int | None) -> bool:
        if contract.kind not in DIRECT_KINDS:
            return client_id == partner
        return client_id != partner and (country in countries or zone_id in zone_ids)

    return match


@dataclass(frozen=True)
class Progress:
    label: str
    target: Decimal
    actual: Decimal
    expected: Decimal
    pct: Decimal | None
    status: str


def _progress(label: str, target: Decimal, actual: Decimal, data: YearData) -> Progress:
    expected = rules.expected_to_date(target, data.year, data.until)
    return Progress(
        label,
        target,
        actual,
        expected,
        rules.progress_pct(actual, target),
        rules.status(actual, target, expected).value,
    )


@dataclass(frozen=True)
class ContractPerformance:
    contract: NetworkContract
    year: int
    revenue: Progress
    new_clients: Progress | None
    monthly: list[Decimal]
    cumulative: list[Decimal]
    target_line: list[Decimal]
    basis: str


def contract_performance(
    contract: NetworkContract, year: int | None = None, data: YearData | None = None
) -> ContractPerformance:
    """This year's revenue of the contract (its territory's clients for an agent, sales to
    the distributor for the others) and new clients, against the yearly targets."""
    data = data or year_data(year or local_today().year)
    figures = _figures(data, _in_territory(contract))
    agent = contract.kind in DIRECT_KINDS
    revenue = _progress(str(_("Revenue (EUR)")), contract.target_revenue_eur, figures.revenue, data)
    new_clients = (
        _progress(
            str(_("New clients")),
            Decimal(contract.target_new_clients),
            Decimal(len(figures.new_clients)),
            data,
        )
        if agent
        else None
    )
    return ContractPerformance(
        contract,
        data.year,
        revenue,
        new_clients,
        figures.monthly,
        rules.cumulative(figures.monthly),
        rules.target_line(contract.target_revenue_eur),
        _("Invoiced to the clients of the territory, net of credit notes, in EUR.")
        if agent
        else _("Invoiced to the distributor, net of credit notes, in EUR."),
    )


# ---------------------------------------------------------------------------------- plans


def plans() -> QuerySet[Plan]:
    return Plan.objects.all()


def plan_of(year: int) -> Plan | None:
    return Plan.objects.filter(year=year).first()


def objectives(plan: Plan) -> list[Objective]:
    return list(plan.objectives.select_related("zone", "person"))


def actions(plan: Plan, params: Mapping[str, str] | None = None) -> QuerySet[Action]:
    found = plan.actions.select_related(
        "owner", "objective", "zone", "objective__zone", "event", "campaign"
    )
    params = params or {}
    if params.get("channel", "") in Channel.values:
        found = found.filter(channel=params["channel"])
    if params.get("status", "") in ActionStatus.values:
        found = found.filter(status=params["status"])
    owner = params.get("owner", "")
    if owner.isdigit() and len(owner) <= 12:
        found = found.filter(owner_id=int(owner))
    return found


#: The event files and campaigns offered in an action's form: those of the plan's year and
#: the year before (a campaign prepares a fair), at most this many of each.
LINK_CHOICES = 200


def events_for_plan(plan: Plan, user: Any) -> QuerySet[Event]:
    """The events an action of the plan may be: those taking place in the plan's year (none
    when the user may not read events)."""
    if not allowed(user, RoleAction.VIEW, Record.EVENT):
        return Event.objects.none()
    return Event.objects.filter(
        starts_on__year__lte=plan.year, ends_on__year__gte=plan.year
    ).order_by("starts_on", "pk")


def campaigns_for_plan(plan: Plan, user: Any) -> QuerySet[Campaign]:
    """The campaigns an action of the plan may be: created in the plan's year or the year
    before (none when the user may not read campaigns)."""
    if not allowed(user, RoleAction.VIEW, Record.CAMPAIGN):
        return Campaign.objects.none()
    return Campaign.objects.filter(
        created_at__year__gte=plan.year - 1, created_at__year__lte=plan.year
    ).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class LinkedResults:
    """What the fair or the campaign an action is brought: one set of figures for the action's
    page, the plan's progress and the API. Amounts of a fair are in EUR; a campaign's cost
    is in its currency."""

    kind: str  # "event" or "campaign"
    name: str
    url: str
    status: str
    leads: int
    lead_target: int | None
    meetings: int
    offers: int
    orders: int
    offers_eur: Decimal | None
    orders_eur: Decimal | None
    cost: Decimal
    currency: str
    cost_per_lead: Decimal | None
    sent: int | None = None
    replies: int | None = None


def event_results(event: Event, today: dt.date, language: str) -> LinkedResults:
    found = events.report(event, today, language)
    return LinkedResults(
        kind="event",
        name=event.name,
        url=event.get_absolute_url(),
        status=str(event.get_status_display()),
        leads=found["leads"],
        lead_target=event.lead_target,
        meetings=found["meetings"],
        offers=sum(1 for d in found["deals"] if d.kind == "offer"),
        orders=sum(1 for d in found["deals"] if d.kind == "order"),
        offers_eur=found["offers_eur"],
        orders_eur=found["orders_eur"],
        cost=found["spent"],
        currency="EUR",
        cost_per_lead=found["cost_per_lead"],
    )


def campaign_results(campaign: Campaign) -> LinkedResults:
    found = prospecting.results(campaign)
    return LinkedResults(
        kind="campaign",
        name=campaign.name,
        url=campaign.get_absolute_url(),
        status=str(campaign.get_status_display()),
        leads=found.leads,
        lead_target=None,
        meetings=found.meetings,
        offers=found.offer_count,
        orders=found.order_count,
        offers_eur=None,
        orders_eur=None,
        cost=found.cost,
        currency=found.currency,
        cost_per_lead=found.cost_per_lead,
        sent=found.sent if found.channel == "email" else found.called,
        replies=found.replies if found.channel == "email" else found.reached,
    )


def linked_results(
    action: Action, today: dt.date | None = None, language: str = "en"
) -> LinkedResults | None:
    """The results of the event file or the campaign the action is, if any."""
    if action.event is not None:
        return event_results(action.event, today or local_today(), language)
    if action.campaign is not None:
        return campaign_results(action.campaign)
    return None


def _objective_match(objective: Objective) -> tuple[Any, Any]:
    def match(client_id: int, country: str, zone_id: int | None, owner_id: int | None) -> bool:
        if objective.person_id:
            return owner_id == objective.person_id
        if objective.country:
            return country == objective.country
        if objective.zone_id:
            return zone_id == objective.zone_id
        return True

    def offer_match(offer: sales.OfferFigure) -> bool:
        if objective.person_id:
            return offer.created_by_id == objective.person_id
        return match(offer.client_id, offer.country, offer.zone_id, offer.owner_id)

    return match, offer_match


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: Objective
    scope: str
    label: str
    revenue: Progress
    new_clients: Progress
    offers: Progress
    margin_pct: Decimal | None
    budget_eur: Decimal
    spent_eur: Decimal
    actions: int
    monthly: list[Decimal]
    #: from the fairs and campaigns of its actions (their reports and results)
    leads: int = 0
    linked_offers: int = 0
    linked_orders: int = 0


@dataclass(frozen=True)
class ChannelBudget:
    channel: str
    label: str
    actions: int
    budget_eur: Decimal
    spent_eur: Decimal


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    until: dt.date
    rows: list[ObjectiveProgress]
    company: Figures
    company_cumulative: list[Decimal]
    company_target_line: list[Decimal]
    company_target: Decimal
    channels: list[ChannelBudget]
    budget_eur: Decimal
    spent_eur: Decimal
    actions_done: int
    actions_total: int
    #: leads of the plan's fairs and campaigns (cancelled actions left out)
    leads: int = 0


def plan_progress(plan: Plan, today: dt.date | None = None) -> PlanProgress:
    """Each objective's actual against target (revenue, new clients, offers, margin), the
    budget planned vs spent of its actions and per channel, the company's revenue by month."""
    data = year_data(plan.year, today)
    plan_actions = list(plan.actions.select_related("event", "campaign"))
    by_objective: dict[int | None, list[Action]] = defaultdict(list)
    for action in plan_actions:
        by_objective[action.objective_id].append(action)
    linked = linked_by_action(
        [a for a in plan_actions if a.status != ActionStatus.CANCELLED], today
    )
    rows: list[ObjectiveProgress] = []
    company_target = ZERO
    for objective in objectives(plan):
        match, offer_match = _objective_match(objective)
        figures = _figures(data, match, offer_match)
        mine = [a for a in by_objective.get(objective.pk, []) if a.status != "cancelled"]
        results = _distinct(linked[a.pk] for a in mine if a.pk in linked)
        if objective.scope == "company":
            company_target = objective.revenue_eur
        rows.append(
            ObjectiveProgress(
                objective,
                objective.scope,
                objective.scope_label,
                _progress(str(_("Revenue (EUR)")), objective.revenue_eur, figures.revenue, data),
                _progress(
                    str(_("New clients")),
                    Decimal(objective.new_clients),
                    Decimal(len(figures.new_clients)),
                    data,
                ),
                _progress(
                    str(_("Offers sent")),
                    Decimal(objective.offers),
                    Decimal(figures.offers),
                    data,
                ),
                figures.margin_pct,
                sum((a.budget_eur for a in mine), ZERO),
                sum((a.spent_eur for a in mine), ZERO),
                len(mine),
                figures.monthly,
                sum(r.leads for r in results),
                sum(r.offers for r in results),
                sum(r.orders for r in results),
            )
        )
    order = {"company": 0, "zone": 1, "country": 2, "person": 3}
    rows.sort(key=lambda r: (order[r.scope], r.label))
    company = _figures(data, lambda *_: True)
    if not company_target:
        company_target = sum(
            (r.objective.revenue_eur for r in rows if r.scope == "zone"), ZERO
        ) or sum((r.objective.revenue_eur for r in rows if r.scope == "country"), ZERO)
    live = [a for a in plan_actions if a.status != ActionStatus.CANCELLED]
    return PlanProgress(
        plan,
        data.until,
        rows,
        company,
        rules.cumulative(company.monthly),
        rules.target_line(company_target),
        company_target,
        channel_budgets(live),
        sum((a.budget_eur for a in live), ZERO),
        sum((a.spent_eur for a in live), ZERO),
        sum(1 for a in live if a.status == ActionStatus.DONE),
        len(live),
        sum(r.leads for r in _distinct(linked.values())),
    )


def _distinct(results: Iterable[LinkedResults]) -> list[LinkedResults]:
    """Each fair or campaign once, however many actions are it (a fair's registration and its
    stand are two actions, its leads are counted once)."""
    return list({(r.kind, r.url): r for r in results}.values())


def linked_by_action(
    actions: Iterable[Action], today: dt.date | None = None
) -> dict[int, LinkedResults]:
    """Each linked action's results, a fair or a campaign read once even if several actions
    are it."""
    day = today or local_today()
    by_event: dict[int, LinkedResults] = {}
    by_campaign: dict[int, LinkedResults] = {}
    found: dict[int, LinkedResults] = {}
    for action in actions:
        if action.event is not None:
            if action.event_id not in by_event:
                by_event[action.event.pk] = event_results(action.event, day, "en")
            found[action.pk] = by_event[action.event.pk]
        elif action.campaign is not None:
            if action.campaign_id not in by_campaign:
                by_campaign[action.campaign.pk] = campaign_results(action.campaign)
            found[action.pk] = by_campaign[action.campaign.pk]
    return found


def channel_budgets(actions: Iterable[Action]) -> list[ChannelBudget]:
    totals: dict[str, list[Any]] = {}
    for action in actions:
        row = totals.setdefault(action.channel, [0, ZERO, ZERO])
        row[0] += 1
        row[1] += action.budget_eur
        row[2] += action.spent_eur
    return [
        ChannelBudget(channel, str(Channel(channel).label), n, budget, spent)
        for channel, (n, budget, spent) in sorted(totals.items())
    ]


def home_watch(user: Any, today: dt.date | None = None) -> dict[str, Any]:
    day = today or local_today()
    return {
        "network_deadlines": upcoming_deadlines(HOME_DAYS, day)[:10],
        "plan_actions_soon": list(
            Action.objects.filter(
                owner=user,
                status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS],
                starts_on__range=(day, day + dt.timedelta(days=30)),
            ).select_related("plan")[:10]
        )
        if getattr(user, "is_authenticated", False)
        else [],
    }
