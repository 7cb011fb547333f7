"""The receivables dashboard: outstanding and overdue in EUR at the period's end, DSO, ageing
buckets and their trend month by month, dunning results, credit-insurance cover used.

The ageing uses the buckets of the trade core (:func:`comptoir.trade.receivables.bucket`, the
aged receivables of sales); the balances on a past day are rebuilt from the sums of invoices
issued, payments received and credit notes issued up to that day (``sales.figures``)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.accounts.roles import Actor
from comptoir.common.dates import today as local_today
from comptoir.credit_insurance import selectors as insurance
from comptoir.sales import figures
from comptoir.sales.figures import Scope
from comptoir.trade import credit_insurance as cover_rules
from comptoir.trade import receivables as rules

from ..dashboard import Chart, Column, Dashboard, Figure, Row, Section, Series, Table
from ..drill import list_link
from ..filters import Period, ReportFilters
from ..registry import DashboardSpec, register
from .sales import months_of, pct

ZERO = Decimal("0")
BUCKET_LABELS = {
    "not_due": gettext_lazy("Not due"),
    "1-30": gettext_lazy("1-30 days"),
    "31-60": gettext_lazy("31-60 days"),
    "61-90": gettext_lazy("61-90 days"),
    "over_90": gettext_lazy("Over 90 days"),
}
#: Most buyers the credit-insurance table lists (the largest exposures).
MAX_BUYERS = 30


def scope_of(filters: ReportFilters) -> Scope:
    return Scope(country=filters.country, zone_id=filters.zone_id, client_id=filters.client_id)


def ageing_by_currency(
    movements: dict[str, list[dict[str, Any]]], day: dt.date
) -> dict[str, dict[str, Decimal]]:
    """Per currency and bucket on ``day``, in the invoices' currency (to compare with the aged
    receivables of sales)."""
    out: dict[str, dict[str, Decimal]] = {}
    for kind, sign in (("issued", 1), ("paid", -1), ("credited", -1)):
        for r in movements[kind]:
            if r["due"] is None:
                continue
            row = out.setdefault(r["currency"], dict.fromkeys(rules.BUCKETS, ZERO))
            row[rules.bucket(r["due"], day)] += sign * (r["amount"] or ZERO)
    return {
        c: {b: figures.cents(v) for b, v in row.items()}
        for c, row in out.items()
        if any(row.values())
    }


def dso(outstanding: Decimal, sales: Decimal, days: int) -> Decimal | None:
    """Days sales outstanding, simple formula: receivables at the end / sales of the period
    (VAT included, both) x days of the period."""
    if sales <= 0:
        return None
    return (outstanding * days / sales).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _as_of(period: Period) -> dt.date:
    return min(period.end, local_today())


def _position(
    period: Period, scope: Scope, buckets: dict[str, Decimal]
) -> tuple[dict[str, Decimal], Decimal | None]:
    """The buckets on the period's last day (read with the others) and the DSO."""
    day = _as_of(period)
    outstanding = sum(buckets.values(), ZERO)
    sales = figures.invoiced_gross_eur(period.start, day, scope)
    return buckets, dso(outstanding, sales, (day - period.start).days + 1)


def _cover_table(client_id: int | None, country: str, zone_id: int | None) -> Table:
    day = local_today()
    policy = insurance.policy_in_force(day)
    columns = (
        Column("buyer", gettext_lazy("Buyer")),
        Column("state", gettext_lazy("Cover")),
        Column("cover", gettext_lazy("Cover in force"), "money", "EUR"),
        Column("invoices", gettext_lazy("Open invoices"), "money", "EUR"),
        Column("orders", gettext_lazy("Orders not invoiced"), "money", "EUR"),
        Column("exposure", gettext_lazy("Exposure"), "money", "EUR"),
        Column("used", gettext_lazy("Cover used"), "percent"),
        Column("uncovered", gettext_lazy("Beyond cover"), "money", "EUR"),
    )
    title = gettext_lazy("Credit-insurance cover used")
    if policy is None:
        return Table(
            "credit_insurance", title, columns, (), note=gettext_lazy("No policy in force today.")
        )
    covers = list(insurance.covers(policy))
    if client_id is not None:
        covers = [c for c in covers if c.buyer_id == client_id]
    if country:
        covers = [c for c in covers if c.buyer.country == country]
    if zone_id is not None:
        covers = [c for c in covers if c.buyer.zone_id == zone_id]
    ids = [c.buyer_id for c in covers]
    invoices = figures.open_eur_by_client(ids)
    backlog = figures.backlog_by_client(ids, day)
    rates = figures.eur_rates((r["currency"], day) for r in backlog)
    orders: dict[int, Decimal] = {}
    missing: set[str] = set()
    for r in backlog:
        rate = rates[(r["currency"], day)]
        if rate is None:
            missing.add(r["currency"])
            continue
        orders[r["client_id"]] = orders.get(r["client_id"], ZERO) + figures.cents(
            r["amount"] * rate
        )
    rows = []
    for c in covers:
        amount, _basis = cover_rules.effective_cover(c.state, c.amount, policy.discretionary_limit)
        exposure = invoices.get(c.buyer_id, ZERO) + orders.get(c.buyer_id, ZERO)
        position = cover_rules.position(exposure, amount, policy.commercial_share_pct)
        rows.append(
            Row(
                (
                    c.buyer.name,
                    c.get_state_display(),
                    amount,
                    invoices.get(c.buyer_id, ZERO),
                    orders.get(c.buyer_id, ZERO),
                    exposure,
                    position.used_pct,
                    position.uncovered,
                ),
                reverse("credit_insurance:cover_detail", args=[c.pk]),
            )
        )
    rows.sort(key=lambda r: -(r.values[5] or ZERO))  # type: ignore[operator]
    note = _(
        "Today, under the policy %(policy)s: the cover the insurer granted (or the "
        "discretionary limit) against the exposure, open invoices at their rate plus orders "
        "not yet invoiced at today's rate, as credit control counts it."
    ) % {"policy": policy.number}
    if missing:
        note += " " + _("Orders in %(c)s left out: no EUR rate.") % {
            "c": ", ".join(sorted(missing))
        }
    if len(rows) > MAX_BUYERS:
        note += " " + _("The %(n)d largest exposures.") % {"n": MAX_BUYERS}
    return Table("credit_insurance", title, columns, tuple(rows[:MAX_BUYERS]), note=note)


def _bucket_row(label: str, buckets: dict[str, Decimal]) -> Row:
    total = sum(buckets.values(), ZERO)
    overdue = total - buckets["not_due"]
    return Row((label, *(buckets[b] for b in rules.BUCKETS), total, pct(overdue, total)))


def build_receivables(filters: ReportFilters, user: Actor) -> Dashboard:
    period = filters.period
    scope = scope_of(filters)
    day = _as_of(period)
    month_ends = [
        min(figures.month_end(month), day) for month in months_of(Period(period.start, day))
    ]
    previous = period.previous_year()
    # every day aged at once: the end, each month end and, to compare, a year earlier
    ageing = figures.receivable_ageing(
        [day, *month_ends, *([_as_of(previous)] if filters.compare else [])], scope
    )
    buckets = ageing[day]
    outstanding = sum(buckets.values(), ZERO)
    overdue = outstanding - buckets["not_due"]
    sales = figures.invoiced_gross_eur(period.start, day, scope)
    days = (day - period.start).days + 1
    dso_now = dso(outstanding, sales, days)
    before: tuple[dict[str, Decimal], Decimal | None] | None = None
    if filters.compare:
        before = _position(previous, scope, ageing[_as_of(previous)])
    prev_buckets = before[0] if before else None
    prev_outstanding = sum(prev_buckets.values(), ZERO) if prev_buckets else None
    prev_overdue = (
        prev_outstanding - prev_buckets["not_due"]
        if prev_buckets is not None and prev_outstanding is not None
        else None
    )

    # a position at the end of the period: the invoices issued by then, open today
    open_invoices = list_link("invoices", filters, until_only=True, state="open")
    overdue_invoices = list_link("invoices", filters, until_only=True, state="overdue")
    key = Section(
        gettext_lazy("Key figures"),
        figures=(
            Figure(
                "outstanding",
                gettext_lazy("Outstanding"),
                outstanding,
                "money",
                "EUR",
                prev_outstanding,
                open_invoices,
                gettext_lazy("What clients owe at the end of the period, VAT included."),
                "down",
            ),
            Figure(
                "overdue",
                gettext_lazy("Overdue"),
                overdue,
                "money",
                "EUR",
                prev_overdue,
                overdue_invoices,
                gettext_lazy("Past the due date at the end of the period."),
                "down",
            ),
            Figure(
                "overdue_share",
                gettext_lazy("Overdue share"),
                pct(overdue, outstanding),
                "percent",
                previous=pct(prev_overdue, prev_outstanding),
                better="down",
            ),
            Figure(
                "dso",
                gettext_lazy("DSO"),
                dso_now,
                "days",
                previous=before[1] if before else None,
                note=gettext_lazy(
                    "Simple formula: outstanding at the end / invoiced in the period (VAT "
                    "included) x days of the period."
                ),
                better="down",
            ),
        ),
    )

    bucket_columns = (
        Column("when", gettext_lazy("On")),
        *(Column(b, BUCKET_LABELS[b], "money", "EUR") for b in rules.BUCKETS),
        Column("total", gettext_lazy("Outstanding"), "money", "EUR"),
        Column("overdue_share", gettext_lazy("Overdue share"), "percent"),
    )
    ageing_rows = [_bucket_row(f"{day:%Y-%m-%d}", buckets)]
    if prev_buckets is not None:
        ageing_rows.append(_bucket_row(f"{_as_of(previous):%Y-%m-%d}", prev_buckets))
    trend_rows = []
    trend_points = []
    for month, end in zip(months_of(Period(period.start, day)), month_ends, strict=True):
        b = ageing[end]
        trend_rows.append(_bucket_row(f"{month:%Y-%m}", b))
        total = sum(b.values(), ZERO)
        trend_points.append((f"{month:%Y-%m}", pct(total - b["not_due"], total)))
    ageing_section = Section(
        gettext_lazy("Ageing"),
        charts=(
            Chart(
                "overdue_trend",
                gettext_lazy("Overdue share at each month end"),
                "line",
                (Series(gettext_lazy("Overdue share"), tuple(trend_points)),),
                "ageing_trend",
                "percent",
            ),
        ),
        tables=(
            Table(
                "ageing",
                gettext_lazy("Ageing at the end of the period"),
                bucket_columns,
                tuple(ageing_rows),
                note=gettext_lazy(
                    "Days past the due date, as in the aged receivables; EUR at each invoice's rate."
                ),
            ),
            Table(
                "ageing_trend",
                gettext_lazy("Ageing at each month end"),
                bucket_columns,
                tuple(trend_rows),
            ),
        ),
    )

    dunning_rows = [
        Row(
            (
                r["level"],
                r["letters"],
                r["paid_eur"],
            ),
            reverse("sales:dunning_run"),
        )
        for r in figures.dunning_results(period.start, period.end, scope)
    ]
    dunning = Section(
        gettext_lazy("Dunning"),
        tables=(
            Table(
                "dunning",
                gettext_lazy("Dunning letters and what they brought in"),
                (
                    Column("level", gettext_lazy("Level"), "number"),
                    Column("letters", gettext_lazy("Letters sent"), "number"),
                    Column("paid", gettext_lazy("Paid within 30 days"), "money", "EUR"),
                ),
                tuple(dunning_rows),
                note=gettext_lazy(
                    "Letters sent in the period; paid: payments on the letter's invoices "
                    "received within 30 days after it (EUR at the invoice's rate). A payment "
                    "after two letters within 30 days counts under each."
                ),
            ),
        ),
    )
    cover = Section(
        gettext_lazy("Credit insurance"),
        tables=(_cover_table(filters.client_id, filters.country, filters.zone_id),),
    )
    notes = (
        gettext_lazy(
            "Outstanding: issued invoices less payments received and credit notes issued up to "
            "the end of the period (today when the period ends later), VAT included, in EUR at "
            "each invoice's rate. Overdue: the part past its due date."
        ),
        gettext_lazy(
            "DSO (days sales outstanding, délai moyen de paiement clients) by the simple "
            "formula: outstanding / invoiced in the period x days, not the count-back method."
        ),
    )
    return Dashboard(
        "receivables", gettext_lazy("Receivables"), (key, ageing_section, dunning, cover), notes
    )


register(
    DashboardSpec(
        "receivables",
        gettext_lazy("Receivables"),
        gettext_lazy(
            "Outstanding and overdue, DSO, ageing and its trend, dunning results, "
            "credit-insurance cover used."
        ),
        build_receivables,
        ("period", "compare", "country", "zone_id", "client_id"),
        order=20,
    )
)
