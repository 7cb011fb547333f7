"""The sales facts (:class:`comptoir.sales.models.SalesFact`): one row per line of an issued
invoice or credit note, written when the document is issued, in the same transaction, so
that the sales dashboard, the objectives and the pivot sum one table instead of joining
each line to its invoice, client, offer and product.

What a fact holds is decided here once, for every reader:

* revenue: the line's net amount times the EUR rate fixed on the document at issue,
  negative on a credit note;
* gross and discount: quantity x unit price (and its discount %) at the same rate;
* unit cost: the cost (EUR) the accepted offer behind the order gave the same product (the
  offer's first line for it with a cost), else the product's cost price when it is in EUR
  and not zero, on the day of issue, else unknown (the line stays out of the margin);
* the client's country and zone, and the agent whose contract covers that country on the
  issue date (the latest contract first), as they are on the day of issue ("as invoiced").

:func:`write_facts` is the one writer: the issuing service, the data migration, the
``rebuild_sales_facts`` command and the benchmark's seeding all call it. It takes the app
registry so that the migration can pass its historical models.

The monthly summaries (:class:`~comptoir.sales.models.SalesMonth` per month, client,
country, zone and kind; :class:`~comptoir.sales.models.SalesProductMonth` per month,
product and cost source) are the facts added up; :func:`write_facts` sums again, from the
facts, the months, clients and products it touched, in the same transaction. The agent is
not in them (the dashboard finds an agent's revenue from its contracts' countries), so a
new contract (:func:`refresh_agents`) leaves them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.db import connection, models
from django.db.models import OuterRef, Q, Subquery, Sum

ZERO = Decimal("0")
ONE = Decimal("1")
#: Invoices read per query (and facts written per INSERT) when many are written at once.
BATCH = 2000
CREDIT_NOTE = "credit_note"
OFFER, PRODUCT, UNKNOWN = "offer", "product", "unknown"


class _Agents:
    """Which agent covers a country on a day: the contracts read once, the latest contract
    covering it first (as :func:`comptoir.sales.selectors.agent_of`)."""

    def __init__(self, contract_model: Any) -> None:
        self.contracts = sorted(
            (
                (c.valid_from, c.pk, c.valid_until, c.agent_id, _country_list(c.countries))
                for c in contract_model.objects.all()
            ),
            reverse=True,
        )
        self.found: dict[tuple[str, dt.date], int | None] = {}

    def of(self, country: str, day: dt.date) -> int | None:
        key = (country, day)
        if key not in self.found:
            self.found[key] = next(
                (
                    agent_id
                    for start, _pk, until, agent_id, countries in self.contracts
                    if country in countries and start <= day and (until is None or until >= day)
                ),
                None,
            )
        return self.found[key]


def _country_list(countries: str) -> set[str]:
    return {c.strip().upper() for c in countries.split(",") if c.strip()}


def unit_cost(
    offer_cost: Decimal | None, cost_price: Decimal | None, cost_currency: str
) -> tuple[Decimal | None, str]:
    """The unit cost in EUR of a line and where it comes from: the offer's, else the
    product's cost price in EUR above zero, else unknown."""
    if offer_cost is not None:
        return offer_cost, OFFER
    if cost_currency == "EUR" and cost_price is not None and cost_price > 0:
        return cost_price, PRODUCT
    return None, UNKNOWN


def fact_values(line: dict[str, Any], agent_id: int | None) -> dict[str, Any]:
    """The fact of one line (a dict of the fields :func:`_lines` reads)."""
    sign = -ONE if line["invoice__kind"] == CREDIT_NOTE else ONE
    rate = line["invoice__eur_rate"]
    quantity = line["quantity"]
    gross = quantity * line["unit_price"] * rate * sign
    cost, source = unit_cost(
        line["offer_cost"], line["product__cost_price"], line["product__cost_currency"] or ""
    )
    day: dt.date = line["invoice__issue_date"]
    return {
        "line_id": line["pk"],
        "invoice_id": line["invoice_id"],
        "kind": line["invoice__kind"],
        "issue_date": day,
        "month": day.replace(day=1),
        "client_id": line["invoice__client_id"],
        "country": line["invoice__client__country"] or "",
        "zone_id": line["invoice__client__zone_id"],
        "agent_id": agent_id,
        "product_id": line["product_id"],
        "currency": line["invoice__currency"],
        "quantity": quantity * sign,
        "net_weight_kg": line["net_weight_kg"] * sign,
        "revenue_eur": line["net_amount"] * rate * sign,
        "gross_eur": gross,
        "discount_eur": gross * line["discount_pct"] / 100,
        "unit_cost_eur": cost,
        "cost_source": source,
        "cost_eur": None if cost is None else quantity * cost * sign,
    }


def _lines(apps: Any, invoice_ids: Sequence[int]) -> Any:
    line_model = apps.get_model("sales", "InvoiceLine")
    offer_line = apps.get_model("sales", "OfferLine")
    offer_cost = Subquery(
        offer_line.objects.filter(
            offer_id=OuterRef("order_line__order__offer_id"),
            product_id=OuterRef("product_id"),
            unit_cost_eur__isnull=False,
        )
        .order_by("pk")
        .values("unit_cost_eur")[:1]
    )
    return (
        line_model.objects.filter(invoice_id__in=list(invoice_ids), invoice__status="issued")
        .annotate(offer_cost=offer_cost)
        .values(
            "pk",
            "invoice_id",
            "invoice__kind",
            "invoice__issue_date",
            "invoice__client_id",
            "invoice__client__country",
            "invoice__client__zone_id",
            "invoice__currency",
            "invoice__eur_rate",
            "product_id",
            "product__cost_price",
            "product__cost_currency",
            "quantity",
            "unit_price",
            "discount_pct",
            "net_amount",
            "net_weight_kg",
            "offer_cost",
        )
        .order_by("pk")
    )


def write_facts(
    invoice_ids: Iterable[int], *, apps: Any = django_apps, summarize_them: bool = True
) -> int:
    """Write the facts of these issued invoices and credit notes (drafts are skipped), in
    batches; replaces any fact their lines already have; then the monthly summaries of
    their months, clients and products (:func:`summarize`). Call it inside the transaction
    that issues them. Returns the number of facts written."""
    fact_model = apps.get_model("sales", "SalesFact")
    agents = _Agents(apps.get_model("sales", "AgentContract"))
    ids = list(invoice_ids)
    written = 0
    touched = _Touched()
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        replaced = fact_model.objects.filter(invoice_id__in=batch)
        touched.merge(touched_by(replaced))
        models.QuerySet.delete(replaced)  # summed again below with the new facts
        facts = [
            fact_model(
                **fact_values(
                    line,
                    agents.of(line["invoice__client__country"] or "", line["invoice__issue_date"]),
                )
            )
            for line in _lines(apps, batch)
        ]
        fact_model.objects.bulk_create(facts, batch_size=BATCH)
        touched.add((f.month, f.client_id, f.product_id) for f in facts)
        written += len(facts)
    if summarize_them and _has_summaries(apps):
        summarize(touched, apps=apps)
    return written


# --------------------------------------------------------------------------- the summaries

#: Above this many clients or products touched, their months are summed again whole.
MANY = 1000
#: PostgreSQL: the summaries are written by one transaction at a time (held to its end).
_SUMMARY_LOCK_KEY = 0x53554D4D  # "SUMM"


class _Touched:
    """The months, clients and products whose facts changed: their summaries are summed
    again from the facts."""

    def __init__(self) -> None:
        self.months: set[dt.date] = set()
        self.clients: set[int] = set()
        self.products: set[int | None] = set()

    def add(self, keys: Iterable[tuple[dt.date, int, int | None]]) -> None:
        for month, client_id, product_id in keys:
            self.months.add(month)
            self.clients.add(client_id)
            self.products.add(product_id)

    def merge(self, other: _Touched) -> None:
        self.months |= other.months
        self.clients |= other.clients
        self.products |= other.products


def _has_summaries(apps: Any) -> bool:
    """False in the migrations before the summaries' tables (``0010_fill_sales_facts``)."""
    try:
        apps.get_model("sales", "SalesMonth")
    except LookupError:
        return False
    return True


def touched_by(facts: Any) -> _Touched:
    """The months, clients and products of these facts (a queryset)."""
    touched = _Touched()
    touched.add(facts.values_list("month", "client_id", "product_id").distinct().order_by())
    return touched


def _summary_lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SUMMARY_LOCK_KEY])


def _product_q(products: set[int | None]) -> Q:
    q = Q(product_id__in=[p for p in products if p is not None])
    if None in products:
        q |= Q(product_id__isnull=True)
    return q


def summarize(touched: _Touched | None = None, *, apps: Any = django_apps) -> None:
    """The monthly summaries (``SalesMonth``, ``SalesProductMonth``) of the touched months,
    clients and products summed again from the facts (all of them with ``touched=None``).
    The caller holds the transaction that wrote the facts."""
    fact_model = apps.get_model("sales", "SalesFact")
    month_model = apps.get_model("sales", "SalesMonth")
    product_model = apps.get_model("sales", "SalesProductMonth")
    if touched is not None and not touched.months:
        return
    _summary_lock()
    facts = fact_model.objects.all()
    places = month_model.objects.all()
    products = product_model.objects.all()
    if touched is not None:
        months = sorted(touched.months)
        facts = facts.filter(month__in=months)
        places = places.filter(month__in=months)
        products = products.filter(month__in=months)
        by_client = facts
        if len(touched.clients) <= MANY:
            places = places.filter(client_id__in=sorted(touched.clients))
            by_client = facts.filter(client_id__in=sorted(touched.clients))
        by_product = facts
        if len(touched.products) <= MANY:
            products = products.filter(_product_q(touched.products))
            by_product = facts.filter(_product_q(touched.products))
    else:
        by_client = by_product = facts
    places.delete()
    products.delete()
    month_model.objects.bulk_create(
        (
            month_model(**row)
            for row in by_client.values("month", "client_id", "country", "zone_id", "kind")
            .annotate(
                revenue_eur=Sum("revenue_eur"),
                gross_eur=Sum("gross_eur"),
                discount_eur=Sum("discount_eur"),
            )
            .order_by()
        ),
        batch_size=BATCH,
    )
    product_model.objects.bulk_create(
        (
            product_model(**row)
            for row in by_product.values("month", "product_id", "cost_source")
            .annotate(revenue_eur=Sum("revenue_eur"), cost_eur=Sum("cost_eur"))
            .order_by()
        ),
        batch_size=BATCH,
    )


# --------------------------------------------------------------------------- the backlog


def refresh_invoiced_on(order_ids: Iterable[int], *, apps: Any = django_apps) -> None:
    """Each order's ``invoiced_on`` found again: the issue date of its invoice (issued, not
    a credit note: the backlog leaves them aside) that brought what is invoiced (net) up to
    what is ordered (net of discounts, as the backlog sums it); empty while something is
    left. Call it in the transaction that issues an invoice of the order."""
    order_model = apps.get_model("sales", "Order")
    line_model = apps.get_model("sales", "OrderLine")
    invoice_model = apps.get_model("sales", "Invoice")
    ids = sorted(set(order_ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        ordered: dict[int, Decimal] = dict.fromkeys(batch, ZERO)
        for order_id, quantity, price, discount in line_model.objects.filter(
            order_id__in=batch
        ).values_list("order_id", "quantity", "unit_price", "discount_pct"):
            ordered[order_id] += quantity * price * (100 - discount) / 100
        invoiced: dict[int, Decimal] = dict.fromkeys(batch, ZERO)
        done: dict[int, dt.date | None] = dict.fromkeys(batch)
        for order_id, day, net in (
            invoice_model.objects.filter(order_id__in=batch, kind="invoice", status="issued")
            .order_by("issue_date", "pk")
            .values_list("order_id", "issue_date", "net_total")
        ):
            invoiced[order_id] += net
            if done[order_id] is None and invoiced[order_id] >= ordered[order_id]:
                done[order_id] = day
        by_day: dict[dt.date | None, list[int]] = {}
        for order_id, day in done.items():
            by_day.setdefault(day, []).append(order_id)
        for day, orders in by_day.items():
            order_model.objects.filter(pk__in=orders).exclude(invoiced_on=day).update(
                invoiced_on=day
            )


def refresh_agents(countries: Iterable[str], *, apps: Any = django_apps) -> None:
    """The agent of the facts of these countries found again from the contracts, after a
    contract is entered (the caller holds the transaction): a few UPDATEs, the contracts in
    the order of precedence so that the latest covering a fact is the one left on it."""
    fact_model = apps.get_model("sales", "SalesFact")
    contract_model = apps.get_model("sales", "AgentContract")
    wanted = {c.strip().upper() for c in countries if c.strip()}
    if not wanted:
        return
    fact_model.objects.filter(country__in=wanted).update(agent=None)
    for contract in contract_model.objects.order_by("valid_from", "pk"):
        mine = _country_list(contract.countries) & wanted
        if not mine:
            continue
        covered = fact_model.objects.filter(country__in=mine, issue_date__gte=contract.valid_from)
        if contract.valid_until is not None:
            covered = covered.filter(issue_date__lte=contract.valid_until)
        covered.update(agent_id=contract.agent_id)


def rebuild(*, apps: Any = django_apps) -> int:
    """Every fact written again from the issued documents, the monthly summaries summed
    again and each order's ``invoiced_on`` found again (the caller holds the
    transaction). Returns the number of facts."""
    fact_model = apps.get_model("sales", "SalesFact")
    invoice_model = apps.get_model("sales", "Invoice")
    fact_model.objects.all().delete()
    ids = invoice_model.objects.filter(status="issued").order_by("pk").values_list("pk", flat=True)
    written = write_facts(list(ids), apps=apps, summarize_them=False)
    summarize(apps=apps)  # every month
    order_model = apps.get_model("sales", "Order")
    refresh_invoiced_on(order_model.objects.values_list("pk", flat=True), apps=apps)
    return written
