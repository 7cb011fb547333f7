"""The lists a dashboard's figure opens, with the filters that made the figure: the period
(the dates each list reads: invoices by issue date, orders by order date, shipments by the
day the goods leave, supplier invoices by their date) and the country or partner when the
list understands them. A figure of one period opens the documents of that period, not all
of them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from .filters import Period, ReportFilters

#: list -> (URL name, first-day parameter, last-day parameter)
LISTS = {
    "invoices": ("sales:invoice_list", "issued_from", "issued_to"),
    "orders": ("sales:order_list", "ordered_from", "ordered_to"),
    "shipments": ("shipping:shipment_list", "left_from", "left_to"),
    "supplier_invoices": ("supplier_invoices:invoice_list", "dated_from", "dated_to"),
}


def list_link(
    kind: str,
    filters: ReportFilters | None = None,
    period: Period | None = None,
    *,
    until_only: bool = False,
    **params: object,
) -> str:
    """The URL of list ``kind`` for ``period`` (the filters' own by default; ``until_only``:
    up to its last day, for a position at the end of the period), with the filters' country
    and client, and ``params`` (empty values left out)."""
    name, first, last = LISTS[kind]
    query: dict[str, object] = {}
    span = period or (filters.period if filters is not None else None)
    if span is not None:
        if not until_only:
            query[first] = span.start.isoformat()
        query[last] = span.end.isoformat()
    if filters is not None:
        query["country"] = filters.country
        if kind in ("invoices", "orders"):
            query["client"] = filters.client_id
        elif kind == "supplier_invoices":
            query["supplier"] = filters.supplier_id
    query.update(params)
    kept = {k: str(v) for k, v in query.items() if v not in ("", None)}
    url = reverse(name)
    return f"{url}?{urlencode(kept)}" if kept else url


def month_of(period: Period, month: dt.date) -> Period:
    """The days of ``month`` (its first day) within ``period``: a row of a month."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return Period(max(period.start, month), min(period.end, following - dt.timedelta(days=1)))
