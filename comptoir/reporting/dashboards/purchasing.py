"""The purchasing dashboard: spend in EUR by supplier, country, product family and month
(with the year before), OTIF per supplier, price trends of the main products, landed cost
against purchase price.

Spend is read from the supplier invoices (the amounts owed, in EUR at the rate each invoice
was booked at; credit notes count negative, in their month): a purchase order is only a
promise, an invoice is what the company pays. Every figure is grouped in the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from comptoir.accounts.roles import Actor
from comptoir.catalog import selectors as catalog_selectors
from comptoir.common.dates import current_language
from comptoir.supplier_invoices import selectors as invoice_selectors
from comptoir.supplier_invoices.models import SupplierInvoice, SupplierInvoiceLine
from comptoir.suppliers import selectors as supplier_selectors

from ..dashboard import Chart, Column, Dashboard, Figure, Row, Section, Series, Table
from ..drill import list_link
from ..filters import Period, ReportFilters
from ..registry import DashboardSpec, register
from ..render import month_label
from ._ops import link, money, months, percent, point

KEY = "purchasing"
TOP = 15
TOP_PRODUCTS = 5
#: the names ``spend_lines`` annotates (typed as plain strings: the type checker's Django
#: plugin does not see annotations made in another function)
MONTH: str = "month"
CHAPTER: str = "chapter"


def _lines(filters: ReportFilters, period: Period) -> QuerySet[SupplierInvoiceLine]:
    lines = invoice_selectors.spend_lines(period.start, period.end)
    if filters.supplier_id is not None:
        lines = lines.filter(invoice__supplier_id=filters.supplier_id)
    if filters.country:
        lines = lines.filter(invoice__supplier__country=filters.country.upper())
    if filters.product_id is not None:
        lines = lines.filter(order_line__product_id=filters.product_id)
    return lines


def _product_name(reference: str | None, name_fr: str | None, name_en: str | None) -> str:
    if reference is None:
        return _("Without a product")
    name = name_fr if current_language().startswith("fr") else name_en
    return f"{reference} {name}".strip()


def _total(lines: QuerySet[SupplierInvoiceLine]) -> Decimal:
    return money(lines.aggregate(total=Sum("eur"))["total"] or 0) or Decimal(0)


def _spend_section(filters: ReportFilters) -> Section:
    lines = _lines(filters, filters.period)
    before_lines = _lines(filters, filters.period.previous_year()) if filters.compare else None
    total = _total(lines)
    previous = _total(before_lines) if before_lines is not None else None
    money_col = Column("spend", _("Spend"), "money", "EUR")
    share_col = Column("share", _("Share"), "percent")

    by_supplier = []
    for row in (
        lines.values(
            "invoice__supplier_id", "invoice__supplier__name", "invoice__supplier__country"
        )
        .annotate(spend=Sum("eur"), invoices=Count("invoice", distinct=True))
        .order_by("-spend", "invoice__supplier__name")[:TOP]
    ):
        spend = money(row["spend"])
        by_supplier.append(
            Row(
                (
                    row["invoice__supplier__name"],
                    row["invoice__supplier__country"],
                    row["invoices"],
                    spend,
                    percent(spend, total),
                ),
                # the supplier invoices the spend is read from, of the period
                link=list_link("supplier_invoices", filters, supplier=row["invoice__supplier_id"]),
            )
        )
    by_country = []
    for row in (
        lines.values("invoice__supplier__country")
        .annotate(spend=Sum("eur"), suppliers=Count("invoice__supplier", distinct=True))
        .order_by("-spend", "invoice__supplier__country")
    ):
        spend = money(row["spend"])
        by_country.append(
            Row((row["invoice__supplier__country"], row["suppliers"], spend, percent(spend, total)))
        )
    chapters = list(
        lines.values(CHAPTER).annotate(spend=Sum("eur")).order_by("-spend", CHAPTER)[:TOP]
    )
    names = catalog_selectors.hs_descriptions(r["chapter"] for r in chapters if r["chapter"])
    by_family = []
    for row in chapters:
        chapter = row["chapter"] or ""
        label = (
            f"{chapter} {names.get(chapter, '')}".strip() if chapter else _("Without an HS code")
        )
        spend = money(row["spend"])
        by_family.append(Row((label, spend, percent(spend, total))))

    # by month, this period against the same months a year earlier
    this_year = {
        r["month"]: r["spend"]
        for r in lines.values(MONTH).annotate(spend=Sum("eur")).order_by(MONTH)
    }
    last_year: dict[Any, Any] = {}
    if before_lines is not None:
        last_year = {
            r["month"]: r["spend"]
            for r in before_lines.values(MONTH).annotate(spend=Sum("eur")).order_by(MONTH)
        }
    month_rows = []
    for first in months(filters.period.start, filters.period.end):
        year_before = first.replace(year=first.year - 1)
        now_spend = money(_by_month(this_year, first)) or Decimal(0)
        before_spend = (
            money(_by_month(last_year, year_before)) or Decimal(0)
            if before_lines is not None
            else None
        )
        month_rows.append(Row((month_label(first), now_spend, before_spend)))
    month_table = Table(
        "spend_by_month",
        _("Spend by month"),
        (
            Column("month", _("Month")),
            Column("spend", _("Spend"), "money", "EUR"),
            Column("previous", _("Same month a year earlier"), "money", "EUR"),
        ),
        tuple(month_rows),
        total=Row((_("Total"), total, previous)),
    )
    series = [Series(_("Spend"), tuple((str(r.values[0]), point(r.values[1])) for r in month_rows))]
    if before_lines is not None:
        series.append(
            Series(
                _("A year earlier"),
                tuple((str(r.values[0]), point(r.values[2])) for r in month_rows),
            )
        )
    return Section(
        _("Spend"),
        figures=(
            Figure(
                "spend",
                _("Spend"),
                total,
                kind="money",
                currency="EUR",
                previous=previous,
                link=list_link("supplier_invoices", filters),
                note=_(
                    "Supplier invoices dated in the period, less their credit notes, before "
                    "VAT, in EUR at the rate each invoice was booked at; cancelled invoices "
                    "left out."
                ),
            ),
            Figure(
                "suppliers",
                _("Suppliers invoiced"),
                lines.values("invoice__supplier").distinct().count(),
            ),
        ),
        charts=(
            Chart(
                "spend_by_month_chart",
                _("Spend by month"),
                "line",
                tuple(series),
                table_key="spend_by_month",
                kind_of_value="money",
                currency="EUR",
            ),
        ),
        tables=(
            Table(
                "spend_by_supplier",
                _("Spend by supplier (the %(n)d largest)") % {"n": TOP},
                (
                    Column("supplier", _("Supplier")),
                    Column("country", _("Country")),
                    Column("invoices", _("Invoices"), "number"),
                    money_col,
                    share_col,
                ),
                tuple(by_supplier),
            ),
            Table(
                "spend_by_country",
                _("Spend by supplier country"),
                (
                    Column("country", _("Country")),
                    Column("suppliers", _("Suppliers"), "number"),
                    money_col,
                    share_col,
                ),
                tuple(by_country),
            ),
            Table(
                "spend_by_family",
                _("Spend by product family (HS chapter)"),
                (Column("family", _("HS chapter")), money_col, share_col),
                tuple(by_family),
                note=_(
                    "The catalogue has no product categories: products are grouped by the "
                    "chapter (two first digits) of their HS code."
                ),
            ),
            month_table,
        ),
    )


def _by_month(values: dict[Any, Any], first: dt.date) -> Any:
    """The month's value whether the database gave a date or a datetime for TruncMonth."""
    for key, value in values.items():
        day = key.date() if isinstance(key, dt.datetime) else key
        if day == first:
            return value
    return None


def _otif_section(filters: ReportFilters) -> Section:
    def rows_of(period: Period) -> list[dict[str, Any]]:
        return list(
            supplier_selectors.otif_by_supplier(
                period.start,
                period.end,
                company_id=filters.supplier_id,
                country=filters.country.upper(),
            )
        )

    now = rows_of(filters.period)
    before = rows_of(filters.period.previous_year()) if filters.compare else None
    table_rows = []
    for row in now:
        n = row["deliveries"]
        table_rows.append(
            Row(
                (
                    row["supplier__company__name"],
                    n,
                    percent(row["on_time_count"], n),
                    percent(row["in_full_count"], n),
                    percent(row["otif_count"], n),
                ),
                link=link("suppliers:performance", row["supplier_id"]),
            )
        )

    def overall(rows: list[dict[str, Any]]) -> Decimal | None:
        return percent(sum(r["otif_count"] for r in rows), sum(r["deliveries"] for r in rows))

    return Section(
        _("On time in full (OTIF)"),
        figures=(
            Figure(
                "otif",
                _("OTIF"),
                overall(now),
                kind="percent",
                previous=overall(before) if before is not None else None,
                better="up",
                link=link("suppliers:supplier_list"),
                note=_(
                    "Supplier deliveries of the period both on time (by the promised date plus "
                    "the supplier's tolerance) and in full (quantity accepted after inspection, "
                    "less the tolerance), as the supplier panel counts them."
                ),
            ),
        ),
        tables=(
            Table(
                "otif_by_supplier",
                _("OTIF by supplier"),
                (
                    Column("supplier", _("Supplier")),
                    Column("deliveries", _("Deliveries"), "number"),
                    Column("on_time", _("On time"), "percent"),
                    Column("in_full", _("In full"), "percent"),
                    Column("otif", _("OTIF"), "percent"),
                ),
                tuple(table_rows),
                note=_("The product filter does not apply: a delivery is counted per order."),
            ),
        ),
    )


def _price_section(filters: ReportFilters) -> Section:
    invoices = _lines(filters, filters.period).filter(
        invoice__kind=SupplierInvoice.Kind.INVOICE, order_line__product__isnull=False
    )
    top = list(
        invoices.values("order_line__product_id")
        .annotate(spend=Sum("eur"))
        .order_by("-spend", "order_line__product_id")[:TOP_PRODUCTS]
    )
    product_ids = [r["order_line__product_id"] for r in top]
    monthly = (
        invoices.filter(order_line__product_id__in=product_ids)
        .values(
            "order_line__product_id",
            "order_line__product__reference",
            "order_line__product__name_fr",
            "order_line__product__name_en",
            MONTH,
        )
        .annotate(spend=Sum("eur"), quantity=Sum("quantity"))
        .order_by("order_line__product_id", MONTH)
    )
    rows, series, points = [], [], {}  # type: ignore[var-annotated]
    names: dict[int, str] = {}
    for row in monthly:
        pid = row["order_line__product_id"]
        names[pid] = _product_name(
            row["order_line__product__reference"],
            row["order_line__product__name_fr"],
            row["order_line__product__name_en"],
        )
        quantity = Decimal(str(row["quantity"] or 0))
        price = (
            (Decimal(str(row["spend"])) / quantity).quantize(Decimal("0.0001"))
            if quantity
            else None
        )
        points.setdefault(pid, []).append((row["month"], price))
    for pid in product_ids:
        base = next((p for _m, p in points.get(pid, []) if p), None)
        product_points = []
        for month, price in points.get(pid, []):
            index = (price * 100 / base).quantize(Decimal("0.1")) if price and base else None
            first = month.date() if isinstance(month, dt.datetime) else month
            rows.append(
                Row(
                    (names[pid], month_label(first), price, index),
                    link=link("catalog:product_detail", pid),
                )
            )
            product_points.append((month_label(first), index))
        series.append(Series(names.get(pid, str(pid)), tuple(product_points)))
    return Section(
        _("Price trends"),
        charts=(
            Chart(
                "price_index_chart",
                _("Purchase price index (first month = 100)"),
                "line",
                tuple(series),
                table_key="price_trends",
            ),
        )
        if rows
        else (),
        tables=(
            Table(
                "price_trends",
                _("Average purchase price of the %(n)d main products") % {"n": TOP_PRODUCTS},
                (
                    Column("product", _("Product")),
                    Column("month", _("Month")),
                    Column("price", _("Average unit price"), "money", "EUR"),
                    Column("index", _("Index (first month = 100)"), "number"),
                ),
                tuple(rows),
                note=_(
                    "Products with the largest spend in the period. Average unit price: the "
                    "invoiced amount in EUR divided by the quantity invoiced that month "
                    "(credit notes left out)."
                ),
            ),
        ),
    )


def _landed_section(filters: ReportFilters) -> Section:
    lines = invoice_selectors.applied_landed_lines(filters.period.start, filters.period.end)
    if filters.supplier_id is not None:
        lines = lines.filter(landed_cost__receipt__order__supplier_id=filters.supplier_id)
    if filters.country:
        lines = lines.filter(landed_cost__receipt__order__supplier__country=filters.country.upper())
    if filters.product_id is not None:
        lines = lines.filter(product_id=filters.product_id)
    totals = lines.aggregate(goods=Sum("goods_eur"), landed=Sum("total_eur"))
    goods, landed = money(totals["goods"] or 0), money(totals["landed"] or 0)
    uplift = percent((landed or 0) - (goods or 0), goods) if goods else None
    rows = []
    for row in (
        lines.values(
            "product_id",
            "product__reference",
            "product__name_fr",
            "product__name_en",
            "landed_cost__receipt__order__supplier__name",
        )
        .annotate(
            goods=Sum("goods_eur"),
            landed=Sum("total_eur"),
            quantity=Sum("quantity"),
            receipts=Count("landed_cost", distinct=True),
        )
        .order_by("-goods", "product__reference")[:TOP]
    ):
        g, t = money(row["goods"]) or Decimal(0), money(row["landed"]) or Decimal(0)
        rows.append(
            Row(
                (
                    _product_name(
                        row["product__reference"], row["product__name_fr"], row["product__name_en"]
                    ),
                    row["landed_cost__receipt__order__supplier__name"],
                    row["receipts"],
                    g,
                    t,
                    percent(t - g, g),
                ),
                link=link("catalog:product_detail", row["product_id"]) if row["product_id"] else "",
            )
        )
    return Section(
        _("Landed cost against purchase price"),
        figures=(
            Figure(
                "landed_uplift",
                _("Landed cost above the purchase price"),
                uplift,
                kind="percent",
                better="down",
                link=link("supplier_invoices:landed_cost_list"),
                note=_(
                    "Landed costs applied to the cost prices for receipts of the period: "
                    "(landed cost - goods) / goods, both in EUR as the allocation computed them "
                    "(freight, duties, insurance and other costs shared by value, weight or "
                    "quantity)."
                ),
            ),
        ),
        tables=(
            Table(
                "landed_by_product",
                _("Landed cost by product and supplier"),
                (
                    Column("product", _("Product")),
                    Column("supplier", _("Supplier")),
                    Column("receipts", pgettext("goods received", "Receipts"), "number"),
                    Column("goods", _("Goods"), "money", "EUR"),
                    Column("landed", _("Landed cost"), "money", "EUR"),
                    Column("uplift", _("Uplift"), "percent"),
                ),
                tuple(rows),
                total=Row((_("Total"), "", None, goods, landed, uplift)),
            ),
        ),
    )


def build(filters: ReportFilters, actor: Actor) -> Dashboard:
    return Dashboard(
        KEY,
        _("Purchasing"),
        (
            _spend_section(filters),
            _otif_section(filters),
            _price_section(filters),
            _landed_section(filters),
        ),
        notes=(
            gettext_lazy(
                "Spend comes from the supplier invoices (in EUR at each invoice's booked rate; "
                "credit notes count negative in their month). The country filter keeps the "
                "suppliers of that country."
            ),
        ),
    )


register(
    DashboardSpec(
        key=KEY,
        title=gettext_lazy("Purchasing"),
        description=gettext_lazy(
            "Spend by supplier, country, product family and month, OTIF, price trends and "
            "landed cost."
        ),
        build=build,
        filters=("period", "compare", "supplier_id", "country", "product_id"),
        order=40,
    )
)
