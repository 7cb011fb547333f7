"""The overview: what was invoiced in the period (net of credit notes, in EUR), month by
month against the year before, and what is open today (orders, shipments on their way,
overdue tasks). Every figure is aggregated in the database through the areas' selectors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from comptoir.accounts.roles import Actor
from comptoir.common.dates import today
from comptoir.parties import selectors as parties
from comptoir.sales import selectors as sales
from comptoir.shipping import selectors as shipping

from ..dashboard import Chart, Column, Dashboard, Figure, Row, Section, Series, Table
from ..drill import list_link, month_of
from ..filters import ReportFilters
from ..registry import DashboardSpec, register
from ..render import change_percent, month_label

KEY = "overview"
ZERO = Decimal("0.00")


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _shift(month: dt.date) -> dt.date:
    return month.replace(year=month.year + 1)


def build(filters: ReportFilters, user: Actor) -> Dashboard:
    period = filters.period
    country, client_id = filters.country, filters.client_id
    this = {
        m.month: m
        for m in sales.invoicing_by_month(
            period.start, period.end, country=country, client_id=client_id
        )
    }
    before: dict[dt.date, sales.InvoicingMonth] = {}
    if filters.compare:
        last = period.previous_year()
        before = {
            _shift(m.month): m
            for m in sales.invoicing_by_month(
                last.start, last.end, country=country, client_id=client_id
            )
        }
    months = _months(period.start, period.end)
    net = sum((m.net_eur for m in this.values()), ZERO)
    invoices = sum(m.invoices for m in this.values())
    credit_notes = sum(m.credit_notes for m in this.values())
    net_before = sum((m.net_eur for m in before.values()), ZERO) if filters.compare else None
    invoices_before = sum(m.invoices for m in before.values()) if filters.compare else None
    invoice_list = list_link("invoices", filters)
    figures = (
        Figure(
            "net_invoiced",
            _("Net invoiced"),
            net,
            kind="money",
            currency="EUR",
            previous=net_before,
            link=invoice_list,
            note=_(
                "Issued invoices less issued credit notes of the period, without VAT, in EUR "
                "at the rate fixed on each document."
            ),
            better="up",
        ),
        Figure(
            "invoices",
            _("Invoices issued"),
            invoices,
            previous=invoices_before,
            link=invoice_list,
            better="up",
        ),
        Figure("credit_notes", _("Credit notes issued"), credit_notes, link=invoice_list),
    )
    columns = [
        Column("month", _("Month")),
        Column("invoices", _("Invoices"), "number"),
        Column("credit_notes", _("Credit notes"), "number"),
        Column("net", _("Net invoiced"), "money", "EUR"),
    ]
    if filters.compare:
        columns += [
            Column("net_before", _("Year before"), "money", "EUR"),
            Column("change", pgettext("change in percent", "Change"), "percent"),
        ]
    rows: list[Row] = []
    labels: list[str] = []
    for month in months:
        label = month_label(month)
        labels.append(label)
        now = this.get(month)
        values: list[Decimal | int | str | None] = [
            label,
            now.invoices if now else 0,
            now.credit_notes if now else 0,
            now.net_eur if now else ZERO,
        ]
        if filters.compare:
            old = before.get(month)
            old_net = old.net_eur if old else ZERO
            values += [old_net, change_percent(now.net_eur if now else ZERO, old_net)]
        rows.append(
            Row(tuple(values), link=list_link("invoices", filters, month_of(period, month)))
        )
    total_values: list[Decimal | int | str | None] = [_("Total"), invoices, credit_notes, net]
    if filters.compare:
        total_values += [net_before, change_percent(net, net_before)]
    table = Table(
        "invoicing_by_month",
        _("Invoicing by month"),
        tuple(columns),
        tuple(rows),
        total=Row(tuple(total_values)),
    )
    series = [
        Series(
            str(period.end.year),
            tuple(
                (lbl, this[m].net_eur if m in this else ZERO)
                for lbl, m in zip(labels, months, strict=True)
            ),
        )
    ]
    if filters.compare:
        series.append(
            Series(
                str(period.end.year - 1),
                tuple(
                    (lbl, before[m].net_eur if m in before else ZERO)
                    for lbl, m in zip(labels, months, strict=True)
                ),
            )
        )
    chart = Chart(
        "invoicing_chart",
        _("Net invoiced by month (EUR)"),
        "bar",
        tuple(series),
        table_key=table.key,
        kind_of_value="money",
        currency="EUR",
    )
    day = today()
    open_figures = (
        Figure(
            "open_orders",
            _("Open orders"),
            sales.open_order_count(country=country, client_id=client_id),
            link=list_link("orders", status="confirmed", country=country, client=client_id),
            note=_("Orders confirmed, on credit hold or partly delivered, today."),
        ),
        Figure(
            "in_transit",
            _("Shipments in transit"),
            shipping.in_transit_count(country=filters.country, partner_id=filters.client_id),
            link=list_link("shipments", status="in_transit", country=filters.country),
        ),
        Figure(
            "overdue_tasks",
            _("Overdue tasks"),
            parties.overdue_task_count(day, company_id=filters.client_id),
            link=reverse("parties:task_list") + "?" + urlencode({"scope": "all"}),
            better="down",
        ),
    )
    return Dashboard(
        KEY,
        _("Overview"),
        (
            Section(_("Invoicing"), figures=figures, charts=(chart,), tables=(table,)),
            Section(
                _("Open today"),
                figures=open_figures,
                note=_("As of today, whatever the period chosen."),
            ),
        ),
        notes=(
            _(
                "Only issued documents count, never drafts; a credit note counts negative in "
                "the month it is issued."
            ),
        ),
    )


register(
    DashboardSpec(
        key=KEY,
        title=gettext_lazy("Overview"),
        description=gettext_lazy(
            "Invoicing of the period against the year before, open orders, shipments in "
            "transit and overdue tasks."
        ),
        build=build,
        filters=("period", "compare", "country", "client_id"),
        order=0,
    )
)
