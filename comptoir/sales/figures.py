"""Reads of order to cash for the dashboards: revenue, costs, orders, offers, receivables and
dunning, aggregated in the database (sums grouped by month, client, product...), never by
looping over documents in Python.

Conventions (the same as :func:`comptoir.sales.selectors.net_invoiced_eur`): only issued
documents count; an amount in EUR is the document's amount times the EUR rate fixed on it at
issue (``Invoice.eur_rate``); a credit note counts negative, in the month it is issued.
Revenue, margin and discounts read the sales facts, where the client's country and zone and
the line's cost are as on the day of issue ("as invoiced"); a salesperson's objective counts
the clients whose account manager the person is now. Orders, offers and receivables read the
documents, with the client's country, zone and account manager as they are now.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from comptoir.common.dbfunctions import AddDays
from comptoir.trade import fx
from comptoir.trade import receivables as receivable_rules

from .models import (
    AgentContract,
    DunningLetter,
    Invoice,
    Offer,
    Order,
    OrderLine,
    PaymentAllocation,
    SalesFact,
    SalesMonth,
    SalesProductMonth,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
_MONEY: Any = DecimalField(max_digits=30, decimal_places=2)
#: Partial sums added up in Python, rounded to the cent only once added (as a single SUM).
_PARTIAL: Any = DecimalField(max_digits=36, decimal_places=6)
#: Orders that count as ordered (intake, backlog; the same as credit control counts).
ORDERED = (Order.Status.CONFIRMED, Order.Status.PARTLY_DELIVERED, Order.Status.DELIVERED)


def cents(value: Decimal | None) -> Decimal:
    return (value or ZERO).quantize(CENT)


# --------------------------------------------------------------------------- months


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each month from ``start``'s to ``end``'s."""
    out: list[dt.date] = []
    day = start.replace(day=1)
    while day <= end:
        out.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s month."""
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1) - dt.timedelta(days=1)


def month_index(field: str, months: Sequence[dt.date]) -> Case:
    """Which of ``months`` a date falls in (its index; -1 before the first): plain date
    comparisons, the same on SQLite and PostgreSQL (TruncMonth calls a Python function per
    row on SQLite)."""
    return Case(
        *(
            When(**{f"{field}__range": (m, month_end(m))}, then=Value(i))
            for i, m in enumerate(months)
        ),
        default=Value(-1),
        output_field=IntegerField(),
    )


def _month_of(index: int, months: Sequence[dt.date]) -> dt.date:
    return months[index] if index >= 0 else dt.date.min


# --------------------------------------------------------------------------- what to keep


@dataclass(frozen=True)
class Scope:
    """What a dashboard keeps; empty keeps everything."""

    country: str = ""
    zone_id: int | None = None
    client_id: int | None = None
    product_id: int | None = None
    agent_id: int | None = None


def agent_contract_q(contract: AgentContract, *, client: str, day: str) -> Q:
    """The documents an agent's contract covers: the client is in the contract's countries
    and the document is dated within the contract (the rule of the commission statements,
    :func:`comptoir.sales.selectors.commission_statement`). ``client`` and ``day`` name the
    client and date fields from the queried model (``"client"``, ``"issue_date"``)."""
    q = Q(**{f"{client}__country__in": contract.country_list, f"{day}__gte": contract.valid_from})
    if contract.valid_until:
        q &= Q(**{f"{day}__lte": contract.valid_until})
    return q


def agent_q(contracts: Iterable[AgentContract], *, client: str, day: str) -> Q:
    """Documents any of these contracts covers (none: nothing)."""
    found = Q(pk__in=[])
    for contract in contracts:
        found |= agent_contract_q(contract, client=client, day=day)
    return found


def agent_contracts(agent_id: int | None = None) -> list[AgentContract]:
    qs = AgentContract.objects.select_related("agent").order_by("agent__name", "valid_from")
    if agent_id is not None:
        qs = qs.filter(agent_id=agent_id)
    return list(qs)


def _scoped(qs: QuerySet[Any], scope: Scope, *, client: str, day: str, lines: str) -> Any:
    """``qs`` kept to the scope; ``lines`` names the document lines (for the product), or ""
    when ``qs`` is the lines themselves (then the product is ``product``)."""
    if scope.country:
        qs = qs.filter(**{f"{client}__country": scope.country})
    if scope.zone_id is not None:
        qs = qs.filter(**{f"{client}__zone_id": scope.zone_id})
    if scope.client_id is not None:
        qs = qs.filter(**{f"{client}_id": scope.client_id})
    if scope.product_id is not None:
        if lines:  # through a subquery: a join on the lines would repeat the documents
            having = qs.model._default_manager.filter(**{f"{lines}__product_id": scope.product_id})
            qs = qs.filter(pk__in=having.values("pk"))
        else:
            qs = qs.filter(product_id=scope.product_id)
    if scope.agent_id is not None:
        qs = qs.filter(agent_q(agent_contracts(scope.agent_id), client=client, day=day))
    return qs


# --------------------------------------------------------------------------- invoiced

# Revenue, margin and discounts read the sales facts (:class:`SalesFact`, one row per line
# of an issued document, written at issue by :mod:`comptoir.sales.facts`): amounts already
# in EUR and signed, the client's country and zone as invoiced, the unit cost decided at
# issue (the offer's, else the product's cost price). No join, no subquery per line.


def _fact_agent_q(contracts: Iterable[AgentContract], day: str = "issue_date") -> Q:
    """Facts any of these contracts covers: the fact's country (as invoiced) is in the
    contract's countries and its issue date within the contract (none: nothing). ``day``
    names the date field: ``"month"`` on the summaries, read for whole months only."""
    found = Q(pk__in=[])
    for contract in contracts:
        q = Q(country__in=contract.country_list, **{f"{day}__gte": contract.valid_from})
        if contract.valid_until:
            q &= Q(**{f"{day}__lte": contract.valid_until})
        found |= q
    return found


def _contract_cuts(contracts: Iterable[AgentContract]) -> set[dt.date]:
    """The days a contract starts or the day after it ends: what it covers changes there."""
    cuts: set[dt.date] = set()
    for contract in contracts:
        cuts.add(contract.valid_from)
        if contract.valid_until:
            cuts.add(contract.valid_until + dt.timedelta(days=1))
    return cuts


@dataclass(frozen=True)
class Split:
    """Which months of some periods are read from the monthly summaries (``SalesMonth``,
    ``SalesProductMonth``) and which days from the facts.

    A month is *whole* when all its days are in the periods and nothing that a figure
    depends on changes within it: no period, nor contract when agents count, starts or
    ends in it after its first day. A whole month is then wholly in or out of each period
    and contract, so that a summary row dated by its month counts as each of its facts
    would: the conditions on the issue date hold on the month's first day the same
    (``month__range=(start, end)`` for a period). The other days of the periods, at their
    edges, are read from the facts."""

    whole: tuple[dt.date, ...]  # the first day of each whole month
    days: tuple[tuple[dt.date, dt.date], ...]  # the other days, as ranges

    def facts(self, scope: Scope | None = None) -> list[QuerySet[SalesFact]]:
        """The facts of the edge days, one queryset per part-month (``month = ? AND
        issue_date BETWEEN ? AND ?``: an index range each, where an OR of ranges made the
        database read every fact), kept to the scope."""
        out = []
        for first, last in self.days:
            facts = SalesFact.objects.filter(issue_date__range=(first, last))
            if first.replace(day=1) == last.replace(day=1):
                facts = facts.filter(month=first.replace(day=1))
            out.append(_in_scope(facts, scope or Scope()))
        return out


def _union(querysets: Sequence[QuerySet[Any]]) -> list[Any]:
    """The rows of these grouped querysets, read as one query (UNION ALL)."""
    if not querysets:
        return []
    first, *rest = querysets
    return list(first.union(*rest, all=True) if rest else first)


def _merged(ranges: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    out: list[tuple[dt.date, dt.date]] = []
    for first, last in sorted(ranges):
        if out and first <= out[-1][1] + dt.timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def split(
    periods: Sequence[tuple[dt.date, dt.date]],
    cuts: Iterable[dt.date] = (),
    *,
    summary: bool = True,
) -> Split:
    """The whole months of ``periods`` and the days left at their edges (see
    :class:`Split`); ``cuts``: more days where what counts changes (contracts).
    ``summary=False``: every day from the facts (a filter the summaries cannot answer)."""
    spans = _merged(p for p in periods if p[0] <= p[1])
    if not summary:
        return Split((), tuple(spans))
    edges = set(cuts)
    for start, end in periods:
        edges |= {start, end + dt.timedelta(days=1)}
    whole: list[dt.date] = []
    days: list[tuple[dt.date, dt.date]] = []
    for start, end in spans:
        for month in months_between(start, end):
            last = month_end(month)
            first_day, last_day = max(month, start), min(last, end)
            if (
                first_day == month
                and last_day == last
                and not any(month < e <= last for e in edges)
            ):
                whole.append(month)
            else:
                days.append((first_day, last_day))
    return Split(tuple(whole), tuple(days))  # each within one month


def sales_facts(start: dt.date, end: dt.date, scope: Scope) -> QuerySet[SalesFact]:
    """The facts of the invoices and credit notes issued between two days, in the scope."""
    facts: QuerySet[SalesFact] = _in_scope(
        SalesFact.objects.filter(issue_date__range=(start, end)), scope
    )
    return facts


def _in_scope(qs: QuerySet[Any], scope: Scope, day: str = "issue_date") -> Any:
    """Facts or summary rows kept to the scope (``day``: their date field)."""
    if scope.country:
        qs = qs.filter(country=scope.country)
    if scope.zone_id is not None:
        qs = qs.filter(zone_id=scope.zone_id)
    if scope.client_id is not None:
        qs = qs.filter(client_id=scope.client_id)
    if scope.product_id is not None:
        qs = qs.filter(product_id=scope.product_id)
    if scope.agent_id is not None:
        qs = qs.filter(_fact_agent_q(agent_contracts(scope.agent_id), day))
    return qs


def _scope_split(
    periods: Sequence[tuple[dt.date, dt.date]], scope: Scope, *, summary: bool = True
) -> Split:
    cuts = _contract_cuts(agent_contracts(scope.agent_id)) if scope.agent_id is not None else ()
    return split(periods, cuts, summary=summary)


def in_period(start: dt.date, end: dt.date, day: str = "issue_date") -> Q:
    return Q(**{f"{day}__range": (start, end)})


def _sum_when(condition: Q, field: str = "revenue_eur") -> Sum:
    """The sum of ``field`` over the facts meeting ``condition``."""
    return Sum(Case(When(condition, then=F(field)), output_field=_MONEY))


def _add(a: Any, b: Any) -> Any:
    """Two partial sums added (None: nothing to add; both None stays None, as a SUM of no
    row)."""
    if a is None:
        return b
    return a if b is None else a + b


def _merge_rows(
    rows: Iterable[dict[str, Any]], group: Sequence[str], sums: Sequence[str]
) -> list[dict[str, Any]]:
    """Rows of the facts and of the summaries added up per ``group``, sorted by it (None
    first, as SQLite sorts)."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row[g] for g in group)
        if key not in found:
            found[key] = dict(row)
        else:
            for name in sums:
                found[key][name] = _add(found[key][name], row[name])
    return [found[key] for key in sorted(found, key=lambda k: tuple((v is not None, v) for v in k))]


#: What the summary per month and place (``SalesMonth``) can group and filter by.
_PLACE_FIELDS = {"month", "client_id", "country", "zone_id"}


def revenue_by(
    periods: Sequence[tuple[dt.date, dt.date]], scope: Scope, group: Sequence[str]
) -> list[dict[str, Any]]:
    """Revenue in EUR per ``group`` (fact fields: ``client_id``, ``country``, ``zone_id``,
    ``product_id``, ``month``...), one sum per period (``r0``, ``r1``...). Whole months
    from the summary per month and place when it holds the groups and the scope, the days
    at the periods' edges from the facts (:func:`split`), in one query."""
    summary = scope.product_id is None and set(group) <= _PLACE_FIELDS
    parts = _scope_split(periods, scope, summary=summary)
    names = [f"r{i}" for i in range(len(periods))]
    branches: list[QuerySet[Any]] = [
        facts.values(*group).annotate(
            **{n: _sum_when(in_period(*p)) for n, p in zip(names, periods, strict=True)}
        )
        for facts in parts.facts(scope)
    ]
    if parts.whole:
        months = _in_scope(SalesMonth.objects.filter(month__in=parts.whole), scope, "month")
        branches.append(
            months.values(*group).annotate(
                **{
                    n: _sum_when(in_period(*p, "month"))
                    for n, p in zip(names, periods, strict=True)
                }
            )
        )
    return _merge_rows(_union([b.order_by() for b in branches]), group, names)


def revenue_by_agent(
    periods: Sequence[tuple[dt.date, dt.date]], scope: Scope, contracts: Sequence[AgentContract]
) -> dict[int, list[Decimal]]:
    """Revenue in EUR per agent (company id) and period: the revenue a contract covers,
    summed per country and span of days between the dates where a contract or a period
    starts or ends (each span is then wholly in or out of each contract and period); each
    agent's sums are added up here from those few rows. Whole months (none of those dates
    inside) from the summary per month and place, per country and month; the other days
    from the facts."""
    agents: dict[int, list[AgentContract]] = defaultdict(list)
    for contract in contracts:
        agents[contract.agent_id].append(contract)
    if not agents:
        return {}
    start = min(p[0] for p in periods)
    end = max(p[1] for p in periods)
    cuts = _contract_cuts(contracts)
    parts = split(
        periods,
        cuts | (_contract_cuts(agent_contracts(scope.agent_id)) if scope.agent_id else set()),
        summary=scope.product_id is None,
    )
    edges = {start, end + dt.timedelta(days=1)} | cuts
    for p_start, p_end in periods:
        edges |= {p_start, p_end + dt.timedelta(days=1)}
    bounds = sorted(e for e in edges if start < e <= end)  # spans: [start, b0), [b0, b1)...
    firsts = [start, *bounds]  # the first day of each span
    # the first day of its span: the span holds the same contracts and periods as that day
    first_of_span = Case(
        *(When(issue_date__lt=b, then=Value(firsts[k])) for k, b in enumerate(bounds)),
        default=Value(firsts[-1]),
        output_field=DateField(),
    )
    branches: list[QuerySet[Any]] = [
        facts.filter(_fact_agent_q(contracts))  # only the facts some contract covers
        .annotate(day=first_of_span)
        .values_list("country", "day")
        .annotate(eur=Sum("revenue_eur"))
        for facts in parts.facts(scope)
    ]
    if parts.whole:  # a whole month holds the same contracts and periods as its first day
        branches.append(
            _in_scope(SalesMonth.objects.filter(month__in=parts.whole), scope, "month")
            .filter(_fact_agent_q(contracts, "month"))
            .values_list("country", "month")
            .annotate(eur=Sum("revenue_eur"))
        )
    found = _union([b.order_by() for b in branches])
    out = {agent_id: [ZERO] * len(periods) for agent_id in agents}
    for country, day, eur in found:
        for agent_id, mine in agents.items():
            if not any(
                country in c.country_list
                and c.valid_from <= day
                and (not c.valid_until or day <= c.valid_until)
                for c in mine
            ):
                continue
            for i, (p_start, p_end) in enumerate(periods):
                if p_start <= day <= p_end:
                    out[agent_id][i] += eur or ZERO
    return {agent_id: [cents(v) for v in sums] for agent_id, sums in out.items()}


_MARGIN_SUMS = ("revenue", "offer_revenue", "offer_cost", "product_revenue", "product_cost")


def margin_by_product(start: dt.date, end: dt.date, scope: Scope) -> list[dict[str, Any]]:
    """Per product: revenue, the revenue whose cost is known from the offer, from the
    product's cost price, and the cost of both (EUR). Whole months from the summary per
    month and product when the scope is at most a product, the edges from the facts."""
    offer = Q(cost_source=SalesFact.CostSource.OFFER)
    product = Q(cost_source=SalesFact.CostSource.PRODUCT)
    sums = {
        "revenue": Sum("revenue_eur"),
        "offer_revenue": _sum_when(offer),
        "offer_cost": _sum_when(offer, "cost_eur"),
        "product_revenue": _sum_when(product),
        "product_cost": _sum_when(product, "cost_eur"),
    }
    only_product = Scope(product_id=scope.product_id)
    parts = split([(start, end)], summary=scope == only_product)
    branches: list[QuerySet[Any]] = [
        facts.values("product_id").annotate(**sums) for facts in parts.facts(scope)
    ]
    if parts.whole:
        months = SalesProductMonth.objects.filter(month__in=parts.whole)
        if scope.product_id is not None:
            months = months.filter(product_id=scope.product_id)
        branches.append(months.values("product_id").annotate(**sums))
    return _merge_rows(_union([b.order_by() for b in branches]), ["product_id"], _MARGIN_SUMS)


def discount_figures(start: dt.date, end: dt.date, scope: Scope) -> tuple[Decimal, Decimal]:
    """Gross (before discount) and discount amounts in EUR on the invoices (not the credit
    notes) of the period: their ratio is the average discount weighted by gross amount."""
    parts = _scope_split([(start, end)], scope, summary=scope.product_id is None)
    sources: list[QuerySet[Any]] = list(parts.facts(scope))
    if parts.whole:
        sources.append(_in_scope(SalesMonth.objects.filter(month__in=parts.whole), scope, "month"))
    gross = discount = None
    for row in _union(
        [
            qs.filter(kind=Invoice.Kind.INVOICE)
            .values("kind")
            .annotate(gross=Sum("gross_eur"), discount=Sum("discount_eur"))
            .order_by()
            for qs in sources
        ]
    ):
        gross, discount = _add(gross, row["gross"]), _add(discount, row["discount"])
    return cents(gross), cents(discount)


# --------------------------------------------------------------------------- orders


#: An order line's net amount in the order's currency (before rounding per line).
_ORDER_LINE_NET = ExpressionWrapper(
    F("quantity") * F("unit_price") * (100 - F("discount_pct")) / 100, output_field=_MONEY
)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def intake_by_month(start: dt.date, end: dt.date, scope: Scope) -> list[dict[str, Any]]:
    """Orders taken (confirmed, delivered or partly) with their order date in the period:
    net amount per currency and month of the order date (``month``), in the order's
    currency. Summed per currency and order day in the database (a plain GROUP BY on the
    date, the same on SQLite and PostgreSQL), then the days added per month here."""
    lines = OrderLine.objects.filter(
        order__status__in=ORDERED, order__order_date__range=(start, end)
    )
    lines = _scoped(lines, scope, client="order__client", day="order__order_date", lines="")
    months: dict[tuple[str, dt.date], Decimal] = defaultdict(lambda: ZERO)
    for currency, day, amount in (
        lines.values_list("order__currency", "order__order_date")
        .annotate(amount=Sum(_ORDER_LINE_NET, output_field=_PARTIAL))
        .order_by()
    ):
        months[(currency, _month_start(_as_date(day)))] += amount or ZERO
    return [
        {"currency": currency, "month": month, "amount": amount.quantize(CENT)}
        for (currency, month), amount in sorted(months.items())
    ]


def backlog_by_currency(day: dt.date, scope: Scope) -> dict[str, Decimal]:
    rows = backlog_rows(day, scope, by=("currency",))
    return {r["currency"]: cents(r["amount"]) for r in rows}


def backlog_rows(
    day: dt.date,
    scope: Scope,
    *,
    by: Sequence[str],
    client_ids: Iterable[int] | None = None,
) -> list[dict[str, Any]]:
    """Ordered and not yet invoiced on ``day``: per order taken by then and not fully
    invoiced by then (``Order.invoiced_on``), its net amount less the net of its invoices
    issued by then (never below zero; credit notes left aside, as in
    :func:`comptoir.sales.selectors.uninvoiced_amount`), summed per ``by`` (order fields).

    What is left per order is floored at zero in the sum itself (``MAX(left, 0)``) rather
    than by a filter on it, which repeated both correlated subqueries in the WHERE clause;
    groups left with nothing are dropped here, as the filter dropped them."""
    ordered = Subquery(
        OrderLine.objects.filter(order_id=OuterRef("pk"))
        .values("order_id")
        .annotate(s=Sum(_ORDER_LINE_NET))
        .values("s")[:1],
        output_field=_MONEY,
    )
    invoiced = Subquery(
        Invoice.objects.filter(
            order_id=OuterRef("pk"),
            kind=Invoice.Kind.INVOICE,
            status=Invoice.Status.ISSUED,
            issue_date__lte=day,
        )
        .values("order_id")
        .annotate(s=Sum("net_total"))
        .values("s")[:1],
        output_field=_MONEY,
    )
    orders = Order.objects.filter(status__in=ORDERED, order_date__lte=day).filter(
        # the others had all they ordered invoiced by then: nothing left (stored at issue)
        Q(invoiced_on__isnull=True) | Q(invoiced_on__gt=day)
    )
    orders = _scoped(orders, scope, client="client", day="order_date", lines="lines")
    if client_ids is not None:
        orders = orders.filter(client_id__in=list(client_ids))
    left = Greatest(
        Coalesce(ordered, Value(ZERO)) - Coalesce(invoiced, Value(ZERO)),
        Value(ZERO),
        output_field=_MONEY,
    )
    rows = orders.values(*by).annotate(amount=Sum(left)).order_by(*by)
    return [r for r in rows if r["amount"] and r["amount"] > 0]


def eur_rates(wanted: Iterable[tuple[str, dt.date]]) -> dict[tuple[str, dt.date], Decimal | None]:
    """EUR per unit of each currency on each day: the company's rate first, then the ECB's
    (as :func:`comptoir.sales.selectors.eur_rate`), read once; None where there is none.
    Only the company's rates between these currencies and EUR, up to the last day asked,
    are read."""
    from comptoir.calculators.models import company_rate_source

    asked = set(wanted)
    if not asked:
        return {}
    company = company_rate_source(
        {"EUR"} | {currency for currency, _day in asked}, until=max(day for _c, day in asked)
    )
    source = fx.ChainRateSource(company, fx.EcbRateSource())
    found: dict[tuple[str, dt.date], Decimal | None] = {}
    for currency, day in asked:
        if currency == "EUR":
            found[(currency, day)] = Decimal("1")
            continue
        try:
            found[(currency, day)] = source.quote(currency, "EUR", day).rate
        except fx.RateNotFoundError:
            found[(currency, day)] = None
    return found


# --------------------------------------------------------------------------- offers


def offer_counts(start: dt.date, end: dt.date, scope: Scope) -> dict[str, int]:
    """Offers dated in the period, sent (every status but draft; a revised offer counts once,
    as its last revision), and how many are accepted, declined, expired or still open."""
    offers = Offer.objects.filter(offer_date__range=(start, end)).exclude(
        status__in=[Offer.Status.DRAFT, Offer.Status.SUPERSEDED]
    )
    offers = _scoped(offers, scope, client="client", day="offer_date", lines="lines")
    rows = offers.values("status").annotate(n=Count("pk", distinct=True)).order_by("status")
    counts = {r["status"]: r["n"] for r in rows}
    return {
        "sent": sum(counts.values()),
        "accepted": counts.get(Offer.Status.ACCEPTED, 0),
        "declined": counts.get(Offer.Status.DECLINED, 0),
        "expired": counts.get(Offer.Status.EXPIRED, 0),
        "open": counts.get(Offer.Status.SENT, 0),
    }


# --------------------------------------------------------------------------- receivables


def open_on_or_after(first_day: dt.date, invoice: str = "") -> Q:
    """Invoices still open on ``first_day`` or later: not settled (``settled_on`` null) or
    settled that day or after (``invoice`` names the invoice from the queried model, e.g.
    ``"invoice__"``). An invoice settled before ``first_day`` has had all its payments and
    credit notes by then (:mod:`comptoir.sales.settlement`): on any day from ``first_day``
    on, its issued amount less those is nil, so leaving it out changes no balance."""
    return Q(**{f"{invoice}settled_on__isnull": True}) | Q(
        **{f"{invoice}settled_on__gte": first_day}
    )


def _receivable_events(
    day: dt.date, scope: Scope, *, open_from: dt.date | None = None
) -> tuple[Any, Any, Any]:
    """The invoices issued by ``day``, their payments received and credit notes issued by
    then; with ``open_from``, only those of the invoices still open on that day or later
    (the balances of the days from ``open_from`` on are the same)."""
    invoices = Invoice.objects.filter(
        status=Invoice.Status.ISSUED, kind=Invoice.Kind.INVOICE, issue_date__lte=day
    )
    invoices = _scoped(invoices, scope, client="client", day="issue_date", lines="lines")
    paid = PaymentAllocation.objects.filter(
        payment__received_on__lte=day,
        invoice__status=Invoice.Status.ISSUED,
        invoice__issue_date__lte=day,
    )
    paid = _scoped(
        paid, scope, client="invoice__client", day="invoice__issue_date", lines="invoice__lines"
    )
    credited = Invoice.objects.filter(
        status=Invoice.Status.ISSUED,
        kind=Invoice.Kind.CREDIT_NOTE,
        issue_date__lte=day,
        credited_invoice__isnull=False,
    )
    credited = _scoped(
        credited,
        scope,
        client="credited_invoice__client",
        day="credited_invoice__issue_date",
        lines="credited_invoice__lines",
    )
    if open_from is not None:
        # the invoices (of the scope) still open then, read once through their index
        # (issued invoices by settlement day); their payments and credit notes looked up
        # from that list
        invoices = invoices.filter(open_on_or_after(open_from))
        still_open = invoices.values("pk")
        paid = paid.filter(invoice_id__in=still_open)
        # credit notes are few: read through their own index, their invoice joined (a list
        # of every open invoice probed one by one took a fifth of the page)
        credited = credited.filter(open_on_or_after(open_from, "credited_invoice__"))
    return invoices, paid, credited


def receivable_movements(
    day: dt.date, scope: Scope, *, since: dt.date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """What the invoices issued by ``day`` owe, as three kinds of movement up to ``day``:
    issued (gross), paid (payments received), credited (credit notes issued). An invoice's
    balance is never negative (payments and credit notes are capped at what is due), so on
    any day D up to ``day`` the sum of balances is issued - paid - credited counting the
    movements of months up to D's: the ageing of each month end comes from these rows.

    Rows per currency, the invoice's due date and the month of the movement (``event``), in
    the invoice's currency (``amount``) and in EUR at the invoice's rate (``eur``)."""
    invoices, paid, credited = _receivable_events(day, scope)
    #: the months told apart (from ``since``'s); earlier movements count on any of them
    months = months_between(since or day, day)

    def eur(amount: str, rate: str) -> Any:
        return ExpressionWrapper(F(amount) * F(rate), output_field=_MONEY)

    return {
        "issued": [
            {
                "currency": r["currency"],
                "due": r["due_date"],
                "event": _month_of(r["event"], months),
                "amount": r["total"],
                "eur": r["eur"],
            }
            for r in invoices.annotate(event=month_index("issue_date", months))
            .values("currency", "due_date", "event")
            .annotate(total=Sum("gross_total"), eur=Sum(eur("gross_total", "eur_rate")))
            .order_by()
        ],
        "paid": [
            {
                "currency": r["invoice__currency"],
                "due": r["invoice__due_date"],
                "event": _month_of(r["event"], months),
                "amount": r["total"],
                "eur": r["eur"],
            }
            for r in paid.annotate(event=month_index("payment__received_on", months))
            .values("invoice__currency", "invoice__due_date", "event")
            .annotate(total=Sum("amount"), eur=Sum(eur("amount", "invoice__eur_rate")))
            .order_by()
        ],
        "credited": [
            {
                "currency": r["credited_invoice__currency"],
                "due": r["credited_invoice__due_date"],
                "event": _month_of(r["event"], months),
                "amount": r["total"],
                "eur": r["eur"],
            }
            for r in credited.annotate(event=month_index("issue_date", months))
            .values("credited_invoice__currency", "credited_invoice__due_date", "event")
            .annotate(
                total=Sum("gross_total"), eur=Sum(eur("gross_total", "credited_invoice__eur_rate"))
            )
            .order_by()
        ],
    }


def _day_index(field: str, days: Sequence[dt.date]) -> Case:
    """Which of the ascending ``days`` a movement dated by ``field`` first counts on: 0 on
    or before the first, i when after ``days[i - 1]`` and on or before ``days[i]`` (the
    old movements, most of them, stop at the first test)."""
    return Case(
        *(When(**{f"{field}__lte": day}, then=Value(i)) for i, day in enumerate(days)),
        default=Value(len(days)),
        output_field=IntegerField(),
    )


def receivable_ageing(days: Sequence[dt.date], scope: Scope) -> dict[dt.date, dict[str, Decimal]]:
    """EUR per ageing bucket (:func:`comptoir.trade.receivables.bucket`) on each of ``days``,
    rebuilt from the movements as :func:`receivable_movements` reads them: on a day D, the
    invoices issued by D less the payments received by D (on invoices issued by D) and the
    credit notes issued by D, aged on each invoice's due date, in EUR at the invoice's rate.

    Three grouped queries serve every day (the period's end, each month end, a year
    earlier), reading only the invoices still open on the first of ``days`` or later
    (``Invoice.settled_on``, indexed): each movement is tagged in the database with the first of ``days`` it counts
    on and summed per (due date, that tag); Python then ages those few rows per day."""
    ordered = sorted(set(days))
    if not ordered:
        return {}
    # only the invoices still open on the first day asked or later: the others add nothing
    invoices, paid, credited = _receivable_events(ordered[-1], scope, open_from=ordered[0])
    net: dict[tuple[dt.date, int], Decimal] = defaultdict(lambda: ZERO)
    for rows, sign in (
        (
            invoices.annotate(due=F("due_date"), tag=_day_index("issue_date", ordered))
            .values("due", "tag")
            .annotate(eur=Sum(ExpressionWrapper(F("gross_total") * F("eur_rate"), _MONEY))),
            1,
        ),
        (
            paid.annotate(counted_on=Greatest("payment__received_on", "invoice__issue_date"))
            .annotate(
                due=F("invoice__due_date"),
                # counted once both happened (as receivable_movements reads them per day)
                tag=_day_index("counted_on", ordered),
            )
            .values("due", "tag")
            .annotate(eur=Sum(ExpressionWrapper(F("amount") * F("invoice__eur_rate"), _MONEY))),
            -1,
        ),
        (
            credited.annotate(
                due=F("credited_invoice__due_date"), tag=_day_index("issue_date", ordered)
            )
            .values("due", "tag")
            .annotate(
                eur=Sum(
                    ExpressionWrapper(F("gross_total") * F("credited_invoice__eur_rate"), _MONEY)
                )
            ),
            -1,
        ),
    ):
        for r in rows.order_by():
            if r["due"] is not None:
                net[(r["due"], r["tag"])] += sign * (r["eur"] or ZERO)
    out: dict[dt.date, dict[str, Decimal]] = {}
    for i, day in enumerate(ordered):
        buckets = dict.fromkeys(receivable_rules.BUCKETS, ZERO)
        for (due, tag), eur in net.items():
            if tag <= i:
                buckets[receivable_rules.bucket(due, day)] += eur
        out[day] = {b: cents(v) for b, v in buckets.items()}
    return out


def open_balances_now(scope: Scope) -> list[dict[str, Any]]:
    """Today's open balances (the stored ``balance_due``) per currency and due date."""
    invoices = Invoice.objects.filter(
        status=Invoice.Status.ISSUED, kind=Invoice.Kind.INVOICE, balance_due__gt=0
    )
    invoices = _scoped(invoices, scope, client="client", day="issue_date", lines="lines")
    return list(
        invoices.values("currency", "due_date")
        .annotate(
            amount=Sum("balance_due"),
            eur=Sum(ExpressionWrapper(F("balance_due") * F("eur_rate"), output_field=_MONEY)),
        )
        .order_by()
    )


def invoiced_gross_eur(start: dt.date, end: dt.date, scope: Scope) -> Decimal:
    """Invoiced in the period, VAT included, in EUR (credit notes deducted): the DSO's sales."""
    invoices = Invoice.objects.filter(status=Invoice.Status.ISSUED, issue_date__range=(start, end))
    invoices = _scoped(invoices, scope, client="client", day="issue_date", lines="lines")
    sign = Case(
        When(kind=Invoice.Kind.CREDIT_NOTE, then=Value(Decimal("-1"))),
        default=Value(Decimal("1")),
        output_field=DecimalField(max_digits=2, decimal_places=0),
    )
    found = invoices.aggregate(
        s=Sum(ExpressionWrapper(F("gross_total") * F("eur_rate") * sign, output_field=_MONEY))
    )
    return cents(found["s"])


def _as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def dunning_results(start: dt.date, end: dt.date, scope: Scope) -> list[dict[str, Any]]:
    """Letters sent in the period per level, and what was paid on their invoices within 30
    days after each letter (EUR at the invoice's rate; a payment that follows two letters
    within 30 days counts under each)."""
    letters = DunningLetter.objects.filter(sent_on__range=(start, end))
    letters = _scoped(letters, scope, client="client", day="sent_on", lines="invoices__lines")
    sent = {
        r["level__level"]: r["n"]
        for r in letters.values("level__level").annotate(n=Count("pk", distinct=True)).order_by()
    }
    paid = PaymentAllocation.objects.filter(
        # paid after a letter of the period: on an invoice still open at its start
        open_on_or_after(start, "invoice__"),
        invoice__dunning_letters__in=letters.values("pk"),
        invoice__dunning_letters__sent_on__range=(start, end),
        payment__received_on__gte=F("invoice__dunning_letters__sent_on"),
        # a date the database computes (``F + timedelta`` runs Python per row on SQLite)
        payment__received_on__lte=AddDays(F("invoice__dunning_letters__sent_on"), 30),
    )
    amounts = {
        r["invoice__dunning_letters__level__level"]: cents(r["eur"])
        for r in paid.values("invoice__dunning_letters__level__level")
        .annotate(
            eur=Sum(ExpressionWrapper(F("amount") * F("invoice__eur_rate"), output_field=_MONEY))
        )
        .order_by()
    }
    return [
        {"level": level, "letters": sent.get(level, 0), "paid_eur": amounts.get(level, ZERO)}
        for level in sorted(set(sent) | set(amounts))
    ]


def open_eur_by_client(client_ids: Iterable[int]) -> dict[int, Decimal]:
    """Today's open invoices per client in EUR at each invoice's rate (credit insurance's
    outstanding on invoices, :func:`comptoir.credit_insurance.selectors.outstanding`)."""
    rows = (
        Invoice.objects.filter(
            client_id__in=list(client_ids),
            status=Invoice.Status.ISSUED,
            kind=Invoice.Kind.INVOICE,
            balance_due__gt=0,
        )
        .values("client_id")
        .annotate(eur=Sum(ExpressionWrapper(F("balance_due") * F("eur_rate"), output_field=_MONEY)))
        .order_by()
    )
    return {r["client_id"]: cents(r["eur"]) for r in rows}


def backlog_by_client(client_ids: Iterable[int], day: dt.date) -> list[dict[str, Any]]:
    """Ordered not invoiced per client and currency (see :func:`backlog_by_currency`)."""
    return backlog_rows(day, Scope(), by=("client_id", "currency"), client_ids=client_ids)


# --------------------------------------------------------------------------- objectives


@dataclass(frozen=True)
class Target:
    """What an objective counts: a span of days and a scope (a salesperson: the clients whose
    account manager the person is; an agent: its contracts' territory; a zone; a country;
    nothing: the whole company)."""

    key: str
    start: dt.date
    end: dt.date
    person_id: int | None = None
    agent_id: int | None = None
    zone_id: int | None = None
    country: str = ""


def _target_q(
    target: Target, contracts: dict[int, list[AgentContract]], *, client: str, day: str
) -> Q:
    q = Q(**{f"{day}__range": (target.start, target.end)})
    if target.person_id is not None:
        q &= Q(**{f"{client}__portfolio_owner_id": target.person_id})
    elif target.agent_id is not None:
        q &= agent_q(contracts.get(target.agent_id, []), client=client, day=day)
    elif target.zone_id is not None:
        q &= Q(**{f"{client}__zone_id": target.zone_id})
    elif target.country:
        q &= Q(**{f"{client}__country": target.country})
    return q


def _contracts_of(targets: Sequence[Target]) -> dict[int, list[AgentContract]]:
    ids = {t.agent_id for t in targets if t.agent_id is not None}
    found: dict[int, list[AgentContract]] = defaultdict(list)
    if ids:
        for contract in AgentContract.objects.filter(agent_id__in=ids):
            found[contract.agent_id].append(contract)
    return found


def _fact_target_q(
    target: Target, contracts: dict[int, list[AgentContract]], day: str = "issue_date"
) -> Q:
    """The facts an objective counts (a salesperson: the clients whose account manager the
    person is now; the others as invoiced); ``day``: ``"month"`` on the summary."""
    q = in_period(target.start, target.end, day)
    if target.person_id is not None:
        q &= Q(client__portfolio_owner_id=target.person_id)
    elif target.agent_id is not None:
        q &= _fact_agent_q(contracts.get(target.agent_id, []), day)
    elif target.zone_id is not None:
        q &= Q(zone_id=target.zone_id)
    elif target.country:
        q &= Q(country=target.country)
    return q


def revenue_for(targets: Sequence[Target]) -> dict[str, Decimal]:
    """Revenue in EUR of each target (a conditional sum per target): whole months from the
    summary per month and place, the other days from the facts (:func:`split`)."""
    if not targets:
        return {}
    contracts = _contracts_of(targets)
    parts = split(
        [(t.start, t.end) for t in targets],
        _contract_cuts(c for mine in contracts.values() for c in mine),
    )
    branches: list[QuerySet[Any]] = [
        facts.values("kind").annotate(
            **{f"t{i}": _sum_when(_fact_target_q(t, contracts)) for i, t in enumerate(targets)}
        )
        for facts in parts.facts()
    ]
    if parts.whole:
        branches.append(
            SalesMonth.objects.filter(month__in=parts.whole)
            .values("kind")
            .annotate(
                **{
                    f"t{i}": _sum_when(_fact_target_q(t, contracts, "month"))
                    for i, t in enumerate(targets)
                }
            )
        )
    totals: dict[str, Any] = {t.key: None for t in targets}
    for row in _union([b.order_by() for b in branches]):
        for i, t in enumerate(targets):
            totals[t.key] = _add(totals[t.key], row[f"t{i}"])
    return {key: cents(total) for key, total in totals.items()}


def intake_for(targets: Sequence[Target]) -> list[dict[str, Any]]:
    """Orders taken per target, per currency and month of the order date (one query, summed
    per currency and order day in the database, the days added per month here): the caller
    converts each month's amounts to EUR."""
    if not targets:
        return []
    contracts = _contracts_of(targets)
    sums = {
        f"t{i}": Sum(
            Case(
                When(
                    _target_q(t, contracts, client="order__client", day="order__order_date"),
                    then=_ORDER_LINE_NET,
                ),
                output_field=_PARTIAL,
            )
        )
        for i, t in enumerate(targets)
    }
    lines = OrderLine.objects.filter(
        order__status__in=ORDERED,
        order__order_date__range=(min(t.start for t in targets), max(t.end for t in targets)),
    )
    months: dict[tuple[str, dt.date], dict[str, Decimal]] = {}
    for r in lines.values("order__currency", "order__order_date").annotate(**sums).order_by():
        key = (r["order__currency"], _month_start(_as_date(r["order__order_date"])))
        amounts = months.setdefault(key, {t.key: ZERO for t in targets})
        for i, t in enumerate(targets):
            amounts[t.key] += r[f"t{i}"] or ZERO
    return [
        {
            "currency": currency,
            "month": month,
            "amounts": {k: v.quantize(CENT) for k, v in amounts.items()},
        }
        for (currency, month), amounts in sorted(months.items())
    ]
