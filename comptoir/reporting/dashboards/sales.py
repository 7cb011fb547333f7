"""The sales dashboard: revenue net of credit notes in EUR by month, country, zone, client,
product and agent; margin; order intake and backlog; offers and the conversion rate; the
average discount; objectives against actual. Figures come from ``sales.figures`` (sums in
the database); this module only arranges them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Actor
from comptoir.action_plan import selectors as action_plan
from comptoir.catalog.models import Product
from comptoir.common.countries import country_name
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties
from comptoir.sales import figures
from comptoir.sales.figures import Scope, Target

from ..dashboard import Chart, Column, Dashboard, Figure, Label, Row, Section, Series, Table
from ..drill import list_link
from ..filters import Period, ReportFilters
from ..registry import DashboardSpec, register
from ..selectors import MAX_OBJECTIVES, sales_objectives

ZERO = Decimal("0")
#: Rows of the client and product tables (the rest is summed in one "other" row).
TOP = 10
TOP_PRODUCTS = 20


def scope_of(filters: ReportFilters) -> Scope:
    return Scope(
        country=filters.country,
        zone_id=filters.zone_id,
        client_id=filters.client_id,
        product_id=filters.product_id,
        agent_id=filters.agent_id,
    )


def months_of(period: Period) -> list[dt.date]:
    """The first day of each month the period touches."""
    return figures.months_between(period.start, period.end)


def pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def change(now: Decimal, before: Decimal) -> Decimal | None:
    return pct(now - before, before) if before else None


def _language() -> str:
    return (get_language() or "en")[:2]


def _span(period: Period) -> tuple[dt.date, dt.date]:
    return (period.start, period.end)


# --------------------------------------------------------------------------- revenue


@dataclass
class ClientRow:
    client_id: int
    name: str
    now: Decimal
    before: Decimal


@dataclass
class Place:
    """Revenue where it was invoiced: per client, and per country and zone as invoiced (a
    client who moved counts in each country for what it was invoiced there)."""

    clients: list[ClientRow]
    countries: list[tuple[str, Decimal, Decimal]]
    zones: list[tuple[int | None, Decimal, Decimal]]


def _by_place(rows: Sequence[dict[str, Any]]) -> Place:
    """Rows per (client, country, zone) added up per client, per country and per zone."""
    clients: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    countries: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    zones: dict[int | None, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for r in rows:
        now, before = figures.cents(r["r0"]), figures.cents(r["r1"])
        for sums, key in (
            (clients, r["client_id"]),
            (countries, r["country"]),
            (zones, r["zone_id"]),
        ):
            sums[key][0] += now
            sums[key][1] += before
    return Place(
        # named once the few shown are chosen (:func:`_named`): not thousands of companies read
        [ClientRow(pk, "", v[0], v[1]) for pk, v in clients.items() if v[0] or v[1]],
        # a place with nothing in either period says nothing: left out
        sorted(
            ((k, v[0], v[1]) for k, v in countries.items() if v[0] or v[1]), key=lambda t: -t[1]
        ),
        sorted(((k, v[0], v[1]) for k, v in zones.items() if v[0] or v[1]), key=lambda t: -t[1]),
    )


def _named(rows: list[ClientRow]) -> list[ClientRow]:
    """These clients with their names (one query for the few shown)."""
    companies = parties.companies_by_id({c.client_id for c in rows})
    return [
        ClientRow(c.client_id, companies[c.client_id].name, c.now, c.before)
        for c in rows
        if c.client_id in companies
    ]


def _revenue_columns(compare: bool, first: Column) -> tuple[Column, ...]:
    cols = [first, Column("revenue", gettext_lazy("Revenue"), "money", "EUR")]
    if compare:
        cols += [
            Column("previous", gettext_lazy("Last year"), "money", "EUR"),
            Column("change", pgettext_lazy("change in percent", "Change"), "percent"),
        ]
    cols.append(Column("share", gettext_lazy("Share"), "percent"))
    return tuple(cols)


def _revenue_row(
    label: str, now: Decimal, before: Decimal, total: Decimal, compare: bool, link: str = ""
) -> Row:
    values: list[Any] = [label, now]
    if compare:
        values += [before, change(now, before)]
    values.append(pct(now, total))
    return Row(tuple(values), link)


def _client_link(client_id: int) -> str:
    return reverse("parties:company_detail", args=[client_id])


# --------------------------------------------------------------------------- objectives


@dataclass(frozen=True)
class ObjectiveItem:
    target: Target
    name: str
    scope: str
    revenue: Decimal
    intake: Decimal | None
    span_end: dt.date  # the last day of the objective's own period


def _objective_targets(period: Period) -> list[ObjectiveItem]:
    """(target, name, scope kind, revenue objective, intake objective) for the objectives
    whose span meets the period: ours, then the action plan's for the period's year."""
    found: list[ObjectiveItem] = []
    years = range(period.start.year, period.end.year + 1)
    for objective in sales_objectives().filter(year__in=list(years))[: MAX_OBJECTIVES + 1]:
        start, end = objective.span
        if end < period.start or start > period.end:
            continue
        target = Target(
            f"o{objective.pk}",
            start,
            min(end, period.end),
            person_id=objective.person_id,
            agent_id=objective.agent_id,
            zone_id=objective.zone_id,
            country=objective.country,
        )
        name = f"{objective.period_label} · {objective.scope_label}"
        found.append(
            ObjectiveItem(
                target, name, objective.scope, objective.revenue_eur, objective.intake_eur, end
            )
        )
    plan = action_plan.plan_of(period.end.year)
    if plan is not None:
        for aim in action_plan.objectives(plan)[:MAX_OBJECTIVES]:
            if not aim.revenue_eur:
                continue
            target = Target(
                f"p{aim.pk}",
                dt.date(plan.year, 1, 1),
                min(dt.date(plan.year, 12, 31), period.end),
                person_id=aim.person_id,
                zone_id=aim.zone_id,
                country=aim.country,
            )
            name = _("Action plan %(year)d · %(scope)s") % {
                "year": plan.year,
                "scope": aim.scope_label,
            }
            found.append(
                ObjectiveItem(
                    target,
                    name,
                    aim.scope,
                    aim.revenue_eur,
                    None,
                    dt.date(plan.year, 12, 31),
                )
            )
    return found


def _expected(amount: Decimal, target: Target, span_end: dt.date, day: dt.date) -> Decimal:
    """The objective spread evenly over the days of its span, to ``day``."""
    if day < target.start:
        return ZERO
    if day >= span_end:
        return amount
    elapsed = (day - target.start).days + 1
    total = (span_end - target.start).days + 1
    return (amount * elapsed / total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _intake_eur(
    rows: Sequence[dict[str, Any]], keys: Sequence[str]
) -> tuple[dict[str, Decimal], set[str]]:
    rates = figures.eur_rates((r["currency"], rate_day(r["month"])) for r in rows)
    totals: dict[str, Decimal] = dict.fromkeys(keys, ZERO)
    missing: set[str] = set()
    for r in rows:
        rate = rates[(r["currency"], rate_day(r["month"]))]
        if rate is None:
            missing.add(r["currency"])
            continue
        for key, amount in r["amounts"].items():
            totals[key] += amount * rate
    return {k: figures.cents(v) for k, v in totals.items()}, missing


def objectives_table(period: Period) -> Table:
    items = _objective_targets(period)
    actual = figures.revenue_for([i.target for i in items])
    with_intake = [i.target for i in items if i.intake is not None]
    intake, missing = _intake_eur(figures.intake_for(with_intake), [t.key for t in with_intake])
    rows = []
    for item in items:
        expected = _expected(item.revenue, item.target, item.span_end, period.end)
        done = actual[item.target.key]
        done_intake = intake.get(item.target.key) if item.intake is not None else None
        rows.append(
            Row(
                (
                    item.name,
                    str(SCOPES.get(item.scope, item.scope)),
                    done,
                    item.revenue,
                    pct(done, item.revenue),
                    expected,
                    pct(done, expected),
                    done_intake,
                    item.intake,
                    pct(done_intake, item.intake),
                )
            )
        )
    note = _(
        "Actual: revenue from the start of the objective's period to the end of the period "
        "shown. Expected: the objective spread evenly over the days of its period, to the end "
        "of the period shown. A salesperson's revenue is that of the clients whose account "
        "manager (portfolio owner) the person is now; an agent's, that of the clients of its "
        "contracts' countries while the contract runs. The country, zone, client, product and "
        "agent filters do not apply here: each objective has its own scope."
    )
    if missing:
        note += " " + _("Order intake in %(currencies)s left out: no EUR rate.") % {
            "currencies": ", ".join(sorted(missing))
        }
    if len(items) > MAX_OBJECTIVES:
        note += " " + _("Only the first %(n)d objectives are compared.") % {"n": MAX_OBJECTIVES}
    return Table(
        "objectives",
        gettext_lazy("Objectives and actual"),
        (
            Column("objective", gettext_lazy("Objective")),
            Column("scope", gettext_lazy("Scope")),
            Column("actual", gettext_lazy("Actual revenue"), "money", "EUR"),
            Column("target", gettext_lazy("Revenue objective"), "money", "EUR"),
            Column("reached", gettext_lazy("Objective reached"), "percent"),
            Column("expected", gettext_lazy("Expected to date (pro rata)"), "money", "EUR"),
            Column("vs_expected", gettext_lazy("Against expected"), "percent"),
            Column("intake", gettext_lazy("Order intake"), "money", "EUR"),
            Column("intake_target", gettext_lazy("Order intake objective"), "money", "EUR"),
            Column("intake_reached", gettext_lazy("Intake reached"), "percent"),
        ),
        tuple(rows[:MAX_OBJECTIVES]),
        note=note,
    )


SCOPES = {
    "person": gettext_lazy("Salesperson"),
    "agent": gettext_lazy("Agent"),
    "zone": gettext_lazy("Zone"),
    "country": gettext_lazy("Country"),
    "company": gettext_lazy("Whole company"),
}


# --------------------------------------------------------------------------- the builder


def rate_day(month: dt.date) -> dt.date:
    """The day whose EUR rate converts a month's orders: the month's last day (today for the
    month under way)."""
    nxt = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return min(nxt - dt.timedelta(days=1), local_today())


def _intake_total(period: Period, scope: Scope) -> tuple[Decimal, set[str]]:
    rows = figures.intake_by_month(period.start, period.end, scope)
    rates = figures.eur_rates((r["currency"], rate_day(r["month"])) for r in rows)
    total = ZERO
    missing: set[str] = set()
    for r in rows:
        rate = rates[(r["currency"], rate_day(r["month"]))]
        if rate is None:
            missing.add(r["currency"])
        else:
            total += r["amount"] * rate
    return figures.cents(total), missing


def _backlog(day: dt.date, scope: Scope) -> tuple[Decimal, set[str]]:
    by_currency = figures.backlog_by_currency(day, scope)
    rate_day = min(day, local_today())
    rates = figures.eur_rates((c, rate_day) for c in by_currency)
    total = ZERO
    missing: set[str] = set()
    for currency, amount in by_currency.items():
        rate = rates[(currency, rate_day)]
        if rate is None:
            missing.add(currency)
        else:
            total += amount * rate
    return figures.cents(total), missing


@dataclass
class Margin:
    revenue: Decimal = ZERO
    offer_revenue: Decimal = ZERO
    offer_cost: Decimal = ZERO
    product_revenue: Decimal = ZERO
    product_cost: Decimal = ZERO

    def add(self, row: dict[str, Any]) -> None:
        self.revenue += figures.cents(row["revenue"])
        self.offer_revenue += figures.cents(row["offer_revenue"])
        self.offer_cost += figures.cents(row["offer_cost"])
        self.product_revenue += figures.cents(row["product_revenue"])
        self.product_cost += figures.cents(row["product_cost"])

    @property
    def costed(self) -> Decimal:
        return self.offer_revenue + self.product_revenue

    @property
    def margin(self) -> Decimal:
        return self.costed - self.offer_cost - self.product_cost

    @property
    def rate(self) -> Decimal | None:
        return pct(self.margin, self.costed)

    @property
    def unknown(self) -> Decimal:
        return self.revenue - self.costed


def build_sales(filters: ReportFilters, user: Actor) -> Dashboard:
    period = filters.period
    before = period.previous_year()
    scope = scope_of(filters)
    compare = filters.compare
    language = _language()
    spans = [_span(period), _span(before)]

    # revenue per client (this period and last year's), then by country and zone
    place = _by_place(figures.revenue_by(spans, scope, ["client_id", "country", "zone_id"]))
    client_rows = place.clients
    total = sum((c.now for c in client_rows), ZERO)
    total_before = sum((c.before for c in client_rows), ZERO)
    month_rows = {
        r["month"]: r
        for r in figures.revenue_by(
            [_span(period)] + ([_span(before)] if compare else []), scope, ["month"]
        )
    }

    # margin per product
    margins: dict[int | None, Margin] = defaultdict(Margin)
    for r in figures.margin_by_product(period.start, period.end, scope):
        margins[r["product_id"]].add(r)
    margin = Margin()
    for m in margins.values():
        margin.revenue += m.revenue
        margin.offer_revenue += m.offer_revenue
        margin.offer_cost += m.offer_cost
        margin.product_revenue += m.product_revenue
        margin.product_cost += m.product_cost
    margin_before = Margin()
    if compare:
        for r in figures.margin_by_product(before.start, before.end, scope):
            margin_before.add(r)

    gross, discount = figures.discount_figures(period.start, period.end, scope)
    intake, intake_missing = _intake_total(period, scope)
    intake_before, _m = _intake_total(before, scope) if compare else (ZERO, set())
    backlog, backlog_missing = _backlog(period.end, scope)
    offers = figures.offer_counts(period.start, period.end, scope)
    offers_before = figures.offer_counts(before.start, before.end, scope) if compare else None

    def conversion(counts: dict[str, int] | None) -> Decimal | None:
        if counts is None:
            return None
        decided = counts["accepted"] + counts["declined"] + counts["expired"]
        return pct(Decimal(counts["accepted"]), Decimal(decided))

    invoices = list_link("invoices", filters)
    orders = list_link("orders", filters)
    key = Section(
        gettext_lazy("Key figures"),
        figures=(
            Figure(
                "revenue",
                gettext_lazy("Revenue"),
                total,
                "money",
                "EUR",
                total_before if compare else None,
                invoices,
                gettext_lazy("Invoices less credit notes, without VAT, in EUR at each one's rate."),
                "up",
            ),
            Figure(
                "margin",
                gettext_lazy("Margin"),
                margin.margin,
                "money",
                "EUR",
                margin_before.margin if compare else None,
                note=gettext_lazy("On the revenue whose cost is known."),
                better="up",
            ),
            Figure(
                "margin_rate",
                gettext_lazy("Margin rate"),
                margin.rate,
                "percent",
                previous=margin_before.rate if compare else None,
                better="up",
            ),
            Figure(
                "intake",
                gettext_lazy("Order intake"),
                intake,
                "money",
                "EUR",
                intake_before if compare else None,
                orders,
                gettext_lazy("Orders taken in the period (order date), in EUR."),
                "up",
            ),
            Figure(
                "backlog",
                gettext_lazy("Backlog"),
                backlog,
                "money",
                "EUR",
                link=list_link("orders", filters, until_only=True, status="confirmed"),
                note=gettext_lazy("Ordered, not yet invoiced, at the end of the period."),
            ),
            Figure(
                "offers_sent",
                gettext_lazy("Offers sent"),
                offers["sent"],
                previous=offers_before["sent"] if offers_before else None,
                link=reverse("sales:offer_list"),
                better="up",
            ),
            Figure(
                "conversion",
                gettext_lazy("Conversion rate"),
                conversion(offers),
                "percent",
                previous=conversion(offers_before),
                note=gettext_lazy(
                    "Accepted among the offers decided (accepted, declined, expired)."
                ),
                better="up",
            ),
            Figure(
                "discount",
                gettext_lazy("Average discount"),
                pct(discount, gross),
                "percent",
                note=gettext_lazy("Discounts given, weighted by the amount before discount."),
                better="down",
            ),
        ),
    )

    # by month
    month_table_rows = []
    this_series = []
    last_series = []
    for month in months_of(period):
        r = month_rows.get(month, {})
        now = figures.cents(r.get("r0"))
        month_label = f"{month:%Y-%m}"
        this_series.append((month_label, now))
        if compare:
            last_month = month.replace(year=month.year - 1)
            last = figures.cents(month_rows.get(last_month, {}).get("r1"))
            last_series.append((month_label, last))
        else:
            last = ZERO
        month_table_rows.append(_revenue_row(month_label, now, last, total, compare))
    series = [Series(gettext_lazy("This period"), tuple(this_series))]
    if compare:
        series.append(Series(gettext_lazy("Last year"), tuple(last_series)))
    by_month = Section(
        gettext_lazy("Revenue by month"),
        charts=(
            Chart(
                "revenue_by_month",
                gettext_lazy("Revenue by month"),
                "bar",
                tuple(series),
                "revenue_by_month",
                "money",
                "EUR",
            ),
        ),
        tables=(
            Table(
                "revenue_by_month",
                gettext_lazy("Revenue by month"),
                _revenue_columns(compare, Column("month", gettext_lazy("Month"))),
                tuple(month_table_rows),
                _revenue_row(str(_("Total")), total, total_before, total, compare),
            ),
        ),
    )

    # by country and zone
    country_rows = [
        _revenue_row(country_name(code, language) if code else "—", now, last, total, compare)
        for code, now, last in place.countries
    ]
    zone_names: dict[int | None, str] = {z.pk: z.name for z in parties.zones()}
    zone_rows = [
        _revenue_row(zone_names.get(zone_id, str(_("(no zone)"))), now, last, total, compare)
        for zone_id, now, last in place.zones
    ]
    geography = Section(
        gettext_lazy("Revenue by country and zone"),
        tables=(
            Table(
                "revenue_by_country",
                gettext_lazy("By country"),
                _revenue_columns(compare, Column("country", gettext_lazy("Country"))),
                tuple(country_rows),
                note=gettext_lazy("The client's country on the invoice (as invoiced)."),
            ),
            Table(
                "revenue_by_zone",
                gettext_lazy("By zone"),
                _revenue_columns(compare, Column("zone", gettext_lazy("Zone"))),
                tuple(zone_rows),
                note=gettext_lazy("The client's zone on the day of the invoice (as invoiced)."),
            ),
        ),
    )

    # clients: top 10 and those falling most against last year
    top = sorted((c for c in client_rows if c.now), key=lambda c: -c.now)[:TOP]
    falling = sorted((c for c in client_rows if c.now < c.before), key=lambda c: c.now - c.before)[
        :TOP
    ]
    named = {c.client_id: c for c in _named(top + falling)}
    top = [named[c.client_id] for c in top if c.client_id in named]
    falling = [named[c.client_id] for c in falling if c.client_id in named]
    client_columns = (
        Column("client", gettext_lazy("Client")),
        Column("revenue", gettext_lazy("Revenue"), "money", "EUR"),
        Column("previous", gettext_lazy("Last year"), "money", "EUR"),
        Column("difference", gettext_lazy("Difference"), "money", "EUR"),
        Column("change", pgettext_lazy("change in percent", "Change"), "percent"),
    )

    def client_row(c: ClientRow) -> Row:
        return Row(
            (c.name, c.now, c.before, c.now - c.before, change(c.now, c.before)),
            _client_link(c.client_id),
        )

    clients = Section(
        gettext_lazy("Clients"),
        tables=(
            Table(
                "top_clients",
                gettext_lazy("Top %(n)d clients") % {"n": TOP},
                client_columns,
                tuple(client_row(c) for c in top),
            ),
            Table(
                "falling_clients",
                gettext_lazy("Clients falling most against last year"),
                client_columns,
                tuple(client_row(c) for c in falling),
                note=gettext_lazy(
                    "The largest drops in EUR against the same period a year earlier."
                ),
            ),
        ),
    )

    # products and margin
    ranked = sorted(margins.items(), key=lambda kv: -kv[1].revenue)
    shown = ranked[:TOP_PRODUCTS]
    products = {
        p.pk: p for p in Product.objects.filter(pk__in=[k for k, _m in shown if k is not None])
    }
    product_rows = []
    for product_id, m in shown:
        product = products.get(product_id) if product_id is not None else None
        label = (
            f"{product.reference} {product.name(language)}"
            if product is not None
            else str(_("(lines without a product)"))
        )
        product_rows.append(
            Row(
                (label, m.revenue, pct(m.revenue, total), m.margin, m.rate, m.unknown),
                reverse("catalog:product_detail", args=[product_id]) if product else "",
            )
        )
    rest = Margin()
    for _k, m in ranked[TOP_PRODUCTS:]:
        rest.revenue += m.revenue
        rest.offer_revenue += m.offer_revenue
        rest.offer_cost += m.offer_cost
        rest.product_revenue += m.product_revenue
        rest.product_cost += m.product_cost
    if ranked[TOP_PRODUCTS:]:
        product_rows.append(
            Row(
                (
                    str(_("Other products")),
                    rest.revenue,
                    pct(rest.revenue, total),
                    rest.margin,
                    rest.rate,
                    rest.unknown,
                )
            )
        )
    product_columns = (
        Column("product", gettext_lazy("Product")),
        Column("revenue", gettext_lazy("Revenue"), "money", "EUR"),
        Column("share", gettext_lazy("Share"), "percent"),
        Column("margin", gettext_lazy("Margin"), "money", "EUR"),
        Column("margin_rate", gettext_lazy("Margin rate"), "percent"),
        Column("no_cost", gettext_lazy("Revenue without a known cost"), "money", "EUR"),
    )
    margin_rows = (
        Row(
            (
                str(_("Cost from the accepted offer")),
                margin.offer_revenue,
                margin.offer_cost,
                margin.offer_revenue - margin.offer_cost,
                pct(margin.offer_revenue - margin.offer_cost, margin.offer_revenue),
            )
        ),
        Row(
            (
                str(_("Cost price of the product")),
                margin.product_revenue,
                margin.product_cost,
                margin.product_revenue - margin.product_cost,
                pct(margin.product_revenue - margin.product_cost, margin.product_revenue),
            )
        ),
        Row((str(_("No known cost")), margin.unknown, None, None, None)),
    )
    product_section = Section(
        gettext_lazy("Products and margin"),
        tables=(
            Table(
                "revenue_by_product",
                gettext_lazy("By product"),
                product_columns,
                tuple(product_rows),
            ),
            Table(
                "margin_sources",
                gettext_lazy("Where the costs come from"),
                (
                    Column("source", gettext_lazy("Cost from")),
                    Column("revenue", gettext_lazy("Revenue"), "money", "EUR"),
                    Column("cost", gettext_lazy("Cost"), "money", "EUR"),
                    Column("margin", gettext_lazy("Margin"), "money", "EUR"),
                    Column("margin_rate", gettext_lazy("Margin rate"), "percent"),
                ),
                margin_rows,
                Row(
                    (
                        str(_("Total")),
                        margin.revenue,
                        margin.offer_cost + margin.product_cost,
                        margin.margin,
                        margin.rate,
                    )
                ),
                note=gettext_lazy(
                    "An invoice line takes the unit cost (EUR) of its order's accepted offer for "
                    "the same product; without one, the product's cost price when it is in EUR "
                    "and not zero; otherwise its cost is unknown and the line stays out of the "
                    "margin and of the margin rate."
                ),
            ),
        ),
    )

    # agents
    contracts = figures.agent_contracts(filters.agent_id)
    by_agent = figures.revenue_by_agent(spans, scope, contracts)
    agent_names = {c.agent_id: c.agent.name for c in contracts}
    agent_rows = [
        _revenue_row(agent_names[a], v[0], v[1], total, compare)
        for a, v in sorted(by_agent.items(), key=lambda kv: -kv[1][0])
    ]
    agents = Section(
        gettext_lazy("Revenue by agent"),
        tables=(
            Table(
                "revenue_by_agent",
                gettext_lazy("By agent"),
                _revenue_columns(compare, Column("agent", gettext_lazy("Agent"))),
                tuple(agent_rows),
                note=gettext_lazy(
                    "An agent's revenue is that of the clients in its contracts' countries, "
                    "invoiced while a contract runs: the rule of the commission statements."
                ),
            ),
        ),
    )

    # orders and offers
    decided = offers["accepted"] + offers["declined"] + offers["expired"]
    pipeline = Section(
        gettext_lazy("Orders and offers"),
        tables=(
            Table(
                "offers",
                gettext_lazy("Offers"),
                (
                    Column("what", gettext_lazy("Offers")),
                    Column("count", pgettext_lazy("how many", "Number"), "number"),
                ),
                (
                    Row((pgettext("offers", "Sent"), offers["sent"]), reverse("sales:offer_list")),
                    Row(
                        (str(_("Won (accepted)")), offers["accepted"]),
                        reverse("sales:offer_list") + "?status=accepted",
                    ),
                    Row(
                        (
                            str(_("Lost (declined or expired)")),
                            offers["declined"] + offers["expired"],
                        ),
                        reverse("sales:offer_list") + "?status=declined",
                    ),
                    Row(
                        (pgettext("offers", "Still open"), offers["open"]),
                        reverse("sales:offer_list") + "?status=sent",
                    ),
                    Row((pgettext("offers", "Decided"), decided)),
                ),
                note=gettext_lazy(
                    "Offers dated in the period; a revised offer counts once. Conversion rate: "
                    "accepted among the decided ones."
                ),
            ),
        ),
    )

    notes: list[Label] = [
        gettext_lazy(
            "Revenue: issued invoices less issued credit notes, without VAT, in EUR at the rate "
            "fixed on each document when it was issued; a credit note counts in the month it is "
            "issued. Drafts never count."
        ),
        gettext_lazy(
            "Order intake: confirmed orders (also delivered or partly delivered) by order date, "
            "in EUR at the company's or the ECB's rate of the last day of the order's month. Backlog: what those "
            "orders still have to invoice at the end of the period, in EUR at that day's rate."
        ),
    ]
    for what, missing in ((_("order intake"), intake_missing), (_("backlog"), backlog_missing)):
        if missing:
            notes.append(
                _("Left out of the %(what)s: amounts in %(currencies)s (no EUR rate).")
                % {"what": what, "currencies": ", ".join(sorted(missing))}
            )
    objectives = Section(gettext_lazy("Objectives"), tables=(objectives_table(period),))
    return Dashboard(
        "sales",
        gettext_lazy("Sales"),
        (key, by_month, geography, clients, product_section, agents, pipeline, objectives),
        tuple(notes),
    )


register(
    DashboardSpec(
        "sales",
        gettext_lazy("Sales"),
        gettext_lazy(
            "Revenue by month, country, zone, client, product and agent; margin; order intake "
            "and backlog; offers and conversion; objectives against actual."
        ),
        build_sales,
        ("period", "compare", "country", "zone_id", "client_id", "product_id", "agent_id"),
        order=10,
    )
)
