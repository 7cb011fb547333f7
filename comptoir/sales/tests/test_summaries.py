"""The monthly summaries of the sales facts (``SalesMonth``, ``SalesProductMonth``): kept
equal to the facts summed afresh by every writer (issuing, a delete of facts, the rebuild),
and the dashboard's figures read from whole months of summary plus the facts of the
part-months at the periods' edges equal the figures read from the facts alone, for any
period, scope and agent contract (a property test)."""

from __future__ import annotations

import datetime as dt
import importlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.sales import facts, figures
from comptoir.sales.figures import Scope, Target
from comptoir.sales.models import (
    AgentContract,
    Invoice,
    Order,
    SalesFact,
    SalesMonth,
    SalesProductMonth,
)

from .conftest import make_order
from .test_facts import _document, world  # noqa: F401 - the hand-made world of the facts
from .test_order_to_cash import delivered_and_invoiced

pytestmark = pytest.mark.django_db
D = Decimal
FIRST = dt.date(2025, 1, 1)


def _summaries() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Both summaries as sorted rows, amounts to the cent (each row's sum of facts)."""
    places = sorted(
        (r.month, r.client_id, r.country, r.zone_id, r.kind, figures.cents(r.revenue_eur))
        for r in SalesMonth.objects.all()
    )
    products = sorted(
        (
            r.month,
            r.product_id or 0,
            r.cost_source,
            figures.cents(r.revenue_eur),
            None if r.cost_eur is None else figures.cents(r.cost_eur),
        )
        for r in SalesProductMonth.objects.all()
    )
    return places, products


def _afresh() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    facts.summarize()  # every month summed again from the facts
    return _summaries()


@contextmanager
def facts_alone() -> Iterator[None]:
    """The figures read every day from the facts (no whole month from the summaries)."""
    real = figures.split

    def no_summary(periods: Any, cuts: Any = (), *, summary: bool = True) -> figures.Split:
        return real(periods, cuts, summary=False)

    with mock.patch.object(figures, "split", no_summary):
        yield


def _rows(rows: list[dict[str, Any]], group: list[str], sums: list[str]) -> dict[Any, Any]:
    """Rows to the cent, those with nothing left out (either way of reading may leave a
    group of zeros)."""
    out = {}
    for r in rows:
        values = tuple(figures.cents(r[s]) for s in sums)
        if any(values):
            out[tuple(r[g] for g in group)] = values
    return out


def _all_figures(
    periods: list[tuple[dt.date, dt.date]], scope: Scope, targets: list[Target]
) -> dict[str, Any]:
    contracts = figures.agent_contracts(scope.agent_id)
    place = ["client_id", "country", "zone_id"]
    sums = [f"r{i}" for i in range(len(periods))]
    margin = ["revenue", "offer_revenue", "offer_cost", "product_revenue", "product_cost"]
    return {
        "place": _rows(figures.revenue_by(periods, scope, place), place, sums),
        "month": _rows(figures.revenue_by(periods, scope, ["month"]), ["month"], sums),
        "product": _rows(figures.revenue_by(periods, scope, ["product_id"]), ["product_id"], sums),
        "margin": [
            _rows(figures.margin_by_product(start, end, scope), ["product_id"], margin)
            for start, end in periods
        ],
        "discount": [figures.discount_figures(start, end, scope) for start, end in periods],
        "agents": figures.revenue_by_agent(periods, scope, contracts),
        "objectives": figures.revenue_for(targets),
    }


DAY = st.integers(0, 540)  # days after 1 January 2025
LINE = st.tuples(
    st.integers(0, 3),  # product (3: none)
    st.integers(1, 20),  # quantity
    st.integers(1, 5000),  # unit price in cents
    st.sampled_from([D("0"), D("5"), D("12.5")]),
    st.booleans(),  # from the order behind the offer
)
DOCUMENT = st.tuples(
    st.integers(0, 2),  # client
    DAY,
    st.booleans(),  # credit note
    st.sampled_from([D("1"), D("0.92"), D("1.17345678")]),
    st.lists(LINE, min_size=1, max_size=3),
)
PERIOD = st.tuples(DAY, st.integers(0, 400))  # first day, length
SCOPE = st.sampled_from(["all", "country", "zone", "client", "product", "agent", "agent2"])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(DOCUMENT, min_size=1, max_size=12),
    PERIOD,
    SCOPE,
    st.lists(st.tuples(PERIOD, st.integers(0, 4)), max_size=4),
    st.integers(0, 540),
)
def test_figures_from_the_summaries_equal_figures_from_the_facts(
    world,  # noqa: F811
    documents,
    period,
    scope_kind,
    objectives,
    contract_day,
):
    SalesFact.objects.all().delete()  # (keeps the summaries as the facts left: none)
    Invoice.objects.all().delete()
    AgentContract.objects.exclude(agent=world["agent"]).delete()
    c, p = world["clients"], world["products"]
    # a second agent whose contract starts and ends within months
    other = AgentContract.objects.create(
        agent=c[1],
        countries="FR, AE",
        rate_pct=D("3"),
        valid_from=FIRST + dt.timedelta(days=contract_day),
        valid_until=FIRST + dt.timedelta(days=contract_day + 75),
    )
    owner = get_user_model().objects.get_or_create(username="owner")[0]
    c[2].portfolio_owner = owner
    c[2].save()
    issued = [
        _document(
            c[client],
            FIRST + dt.timedelta(days=offset),
            [
                (
                    p[prod] if prod < 3 else None,
                    D(q),
                    D(price) / 100,
                    discount,
                    world["line"] if from_order else None,
                )
                for prod, q, price, discount, from_order in lines
            ],
            kind=Invoice.Kind.CREDIT_NOTE if credit else Invoice.Kind.INVOICE,
            rate=rate,
        )
        for client, offset, credit, rate, lines in documents
    ]
    facts.write_facts([d.pk for d in issued])
    kept = _summaries()
    assert kept == _afresh()  # what the writer kept is the facts summed afresh

    start = FIRST + dt.timedelta(days=period[0])
    end = start + dt.timedelta(days=period[1])
    periods = [(start, end), (start.replace(year=start.year - 1), end.replace(year=end.year - 1))]
    scope = {
        "all": Scope(),
        "country": Scope(country="AE"),
        "zone": Scope(zone_id=c[0].zone_id),
        "client": Scope(client_id=c[1].pk),
        "product": Scope(product_id=p[0].pk),
        "agent": Scope(agent_id=world["agent"].pk),
        "agent2": Scope(agent_id=other.agent_id),
    }[scope_kind]
    targets = []
    for i, ((first, length), kind) in enumerate(objectives):
        t_start = FIRST + dt.timedelta(days=first)
        t_end = t_start + dt.timedelta(days=length)
        targets.append(
            Target(
                f"t{i}",
                t_start,
                t_end,
                person_id=owner.pk if kind == 1 else None,
                agent_id=other.agent_id if kind == 2 else None,
                zone_id=c[0].zone_id if kind == 3 else None,
                country="FR" if kind == 4 else "",
            )
        )
    found = _all_figures(periods, scope, targets)
    with facts_alone():
        expected = _all_figures(periods, scope, targets)
    assert found == expected


def test_whole_months_read_the_summaries_and_the_edges_the_facts() -> None:
    parts = figures.split([(dt.date(2026, 1, 15), dt.date(2026, 4, 10))])
    assert parts.whole == (dt.date(2026, 2, 1), dt.date(2026, 3, 1))
    assert parts.days == (
        (dt.date(2026, 1, 15), dt.date(2026, 1, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 10)),
    )
    # a contract starting on 10 March: March is read from the facts
    cut = figures.split([(dt.date(2026, 1, 15), dt.date(2026, 4, 10))], {dt.date(2026, 3, 10)})
    assert cut.whole == (dt.date(2026, 2, 1),)
    # nothing from the summaries when asked so (a filter they cannot answer)
    assert figures.split([(dt.date(2026, 1, 1), dt.date(2026, 3, 31))], summary=False).whole == ()


def test_issuing_keeps_the_summaries(seller, clients, product, assistant):
    invoice = delivered_and_invoiced(make_order(clients["de"], product, "2", "50"), assistant)
    month = invoice.issue_date.replace(day=1)
    row = SalesMonth.objects.get()
    assert (row.month, row.client_id, row.country, row.kind) == (
        month,
        clients["de"].pk,
        "DE",
        Invoice.Kind.INVOICE,
    )
    assert figures.cents(row.revenue_eur) == D("100.00")
    by_product = SalesProductMonth.objects.get()
    assert (by_product.product_id, figures.cents(by_product.revenue_eur)) == (product.pk, D("100"))


def test_deleting_facts_and_the_rebuild_keep_the_summaries(world):  # noqa: F811
    c, p = world["clients"], world["products"]
    docs = [
        _document(c[0], dt.date(2026, 3, 5), [(p[0], D("2"), D("100"), D("5"), None)]),
        _document(c[1], dt.date(2026, 4, 9), [(p[1], D("1"), D("10"), D("0"), None)]),
    ]
    facts.write_facts([d.pk for d in docs])
    assert SalesMonth.objects.count() == 2
    SalesFact.objects.filter(invoice=docs[0]).delete()
    assert list(SalesMonth.objects.values_list("client_id", flat=True)) == [c[1].pk]
    assert list(SalesProductMonth.objects.values_list("product_id", flat=True)) == [p[1].pk]
    SalesMonth.objects.all().delete()  # lost: the rebuild writes them again
    call_command("sales", "rebuild-facts", stdout=io.StringIO())
    assert sorted(SalesMonth.objects.values_list("client_id", flat=True)) == [c[0].pk, c[1].pk]
    assert _summaries() == _afresh()


# --------------------------------------------------------------------------- the backlog


def test_an_order_is_fully_invoiced_on_the_day_of_its_last_invoice(
    seller, clients, product, assistant
):
    order = make_order(clients["de"], product, "4", "50")  # 200.00 ordered
    invoice = delivered_and_invoiced(order, assistant, quantity="1")  # 50.00 on 4 November
    order.refresh_from_db()
    assert order.invoiced_on is None  # 150.00 left
    day = invoice.issue_date
    assert figures.backlog_by_currency(day, Scope()) == {"EUR": D("150.00")}
    rest = Invoice.objects.create(
        kind=Invoice.Kind.INVOICE,
        status=Invoice.Status.ISSUED,
        number="T-REST",
        client=clients["de"],
        order=order,
        currency="EUR",
        issue_date=day + dt.timedelta(days=10),
        eur_rate=D("1"),
        net_total=D("150.00"),
    )
    facts.refresh_invoiced_on([order.pk])
    order.refresh_from_db()
    assert order.invoiced_on == rest.issue_date
    # before the last invoice the order is still open; from its day on, nothing is left
    assert figures.backlog_by_currency(rest.issue_date - dt.timedelta(days=1), Scope()) == {
        "EUR": D("150.00")
    }
    assert figures.backlog_by_currency(rest.issue_date, Scope()) == {}
    # a credit note does not reopen it (the backlog leaves credit notes aside)
    Invoice.objects.create(
        kind=Invoice.Kind.CREDIT_NOTE,
        status=Invoice.Status.ISSUED,
        number="T-AV",
        client=clients["de"],
        order=order,
        currency="EUR",
        issue_date=rest.issue_date,
        eur_rate=D("1"),
        net_total=D("20.00"),
    )
    facts.refresh_invoiced_on([order.pk])
    order.refresh_from_db()
    assert order.invoiced_on == rest.issue_date


def test_the_backlog_is_the_same_with_the_stored_days(seller, clients, product, assistant):
    """Reading only the orders not fully invoiced gives the backlog every order gives."""
    orders = [make_order(clients["de"], product, str(n), "10") for n in (2, 3, 5)]
    for order, part in zip(orders, ("2", "1", "5"), strict=True):
        delivered_and_invoiced(order, assistant, quantity=part)
    stored = {o.number: o.invoiced_on for o in Order.objects.filter(pk__in=[o.pk for o in orders])}
    assert sorted(stored.values(), key=str) == [dt.date(2026, 11, 4), dt.date(2026, 11, 4), None]
    days = [dt.date(2026, 11, 3), dt.date(2026, 11, 4), dt.date(2026, 12, 31)]
    found = [figures.backlog_by_currency(day, Scope()) for day in days]
    Order.objects.update(invoiced_on=None)  # as if none were known fully invoiced
    assert [figures.backlog_by_currency(day, Scope()) for day in days] == found
    assert found[2] == {"EUR": D("20.00")}


def test_the_data_migrations_fill_the_summaries_and_the_days(world):  # noqa: F811
    """0010 (before the summaries existed) writes the facts alone; 0013 sums the summaries
    and finds each order's day with the historical models."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    c, p = world["clients"], world["products"]
    doc = _document(c[0], dt.date(2026, 3, 5), [(p[0], D("2"), D("100"), D("5"), None)])
    loader = MigrationLoader(connection)
    before = loader.project_state(("sales", "0010_fill_sales_facts")).apps
    assert facts.write_facts([doc.pk], apps=before) == 1
    assert not SalesMonth.objects.exists()  # no summary yet at 0010
    fill = importlib.import_module(
        "comptoir.sales.migrations.0013_fill_sales_summaries_invoiced_on"
    )
    fill.fill(loader.project_state(("sales", "0013_fill_sales_summaries_invoiced_on")).apps, None)
    assert figures.cents(SalesMonth.objects.get().revenue_eur) == D("190.00")
    assert _summaries() == _afresh()
