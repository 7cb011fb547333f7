"""The facts the pivot view explores, declared as data.

Each :class:`Source` names the queryset of its facts (read from the owning area's
selectors), the day that places a fact in a period, its dimensions (what rows and columns
may be: a month, a country, a client...) mapped to ORM expressions, and its measures
mapped to aggregates. The engine (:mod:`.engine`) groups and sums in the database.

Amounts are in EUR: invoice lines at each invoice's own rate (``Invoice.eur_rate``, a
credit note counting negative in the month it is issued); order lines, shipments and
purchase lines at the rate of the first day of their month (the company's rate, else the
ECB's), since those documents keep no rate of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from babel.dates import format_date
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractQuarter, ExtractYear, Substr
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comptoir.common.countries import country_name
from comptoir.documents.charts import babel_locale
from comptoir.purchasing import selectors as purchasing
from comptoir.purchasing.models import TransportMode as PurchaseTransportMode
from comptoir.sales import selectors as sales
from comptoir.sales.models import Invoice, TransportMode
from comptoir.shipping import selectors as shipping
from comptoir.shipping.models import Direction, Mode

from ..dashboard import ColumnKind, Label

AMOUNT: DecimalField[Decimal, Decimal] = DecimalField(max_digits=20, decimal_places=2)
QUANTITY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=20, decimal_places=3)
#: A rate expression: EUR per unit of the currency at ``currency_path``, per fact.
RateFor = Callable[[str], Any]

DimensionKind = Literal["month", "quarter", "year", "country", "fk", "choice", "text"]


class BadValue(ValueError):
    """A filter value a dimension cannot read (the message names what it expects)."""


@dataclass(frozen=True)
class Dimension:
    """What rows or columns may be. ``path`` is the ORM path (or the day for the date kinds);
    ``expression`` replaces it when the value is computed (an agent found by contract)."""

    key: str
    label: Label
    kind: DimensionKind
    path: str = ""
    expression: Callable[[], Any] | None = None
    #: fk: the label's path(s) per language ("client__name"); empty: looked up by id
    label_paths: Callable[[str], tuple[str, ...]] | None = None
    choices: Mapping[str, Label] = field(default_factory=dict)
    pattern: str = ""  # text: what a filter value must look like
    text_prefix: str = ""  # text: shown before the value ("HS 84")

    @property
    def is_date(self) -> bool:
        return self.kind in ("month", "quarter", "year")

    def key_expression(self) -> Any:
        """The grouped value, an expression on the facts annotated with ``_day``."""
        if self.kind == "month":
            return month_of_day()
        if self.kind == "quarter":
            return ExpressionWrapper(
                ExtractYear("_day") * 10 + ExtractQuarter("_day"), output_field=IntegerField()
            )
        if self.kind == "year":
            return Cast(Substr(Cast("_day", CharField()), 1, 4), IntegerField())
        if self.expression is not None:
            return self.expression()
        return F(self.path)

    # -- values as text (URLs, saved views, filters) and back

    def to_text(self, value: object) -> str:
        if value is None:
            return "none"
        if self.kind == "month":
            return f"{value:%Y-%m}" if isinstance(value, dt.date) else str(value)[:7]
        if self.kind == "quarter":
            assert isinstance(value, int)
            return f"{value // 10}-Q{value % 10}"
        return str(value)

    def label_of(self, value: object, language: str, label: str = "") -> str:
        if value is None or value == "":
            return gettext("(none)")
        if self.kind == "month":
            return _month_label(self.to_text(value), language)
        if self.kind == "quarter":
            assert isinstance(value, int)
            return gettext("Q%(quarter)s %(year)s") % {"quarter": value % 10, "year": value // 10}
        if self.kind == "country":
            return f"{country_name(str(value), language)} ({value})"
        if self.kind == "choice":
            return str(self.choices.get(str(value), value))
        if self.kind == "text":
            return f"{self.text_prefix}{value}"
        return label or str(value)

    def condition(self, text: str) -> Q:
        """The facts whose value is ``text`` (as :meth:`to_text` writes it)."""
        text = text.strip()
        if self.is_date:
            start, end = self._date_range(text)
            return Q(_day__gte=start, _day__lt=end)
        target = self.expression_alias() if self.expression is not None else self.path
        if text == "none":
            return Q(**{f"{target}__isnull": True})
        if self.kind == "fk":
            if not text.isdigit() or len(text) > 12:
                raise BadValue(gettext("Give the number of a record (an id), or none."))
            return Q(**{target: int(text)})
        if self.kind == "country":
            if not re.fullmatch(r"[A-Za-z]{2}", text):
                raise BadValue(gettext("Give a country as its two-letter code (DE, US...)."))
            return Q(**{target: text.upper()})
        if self.kind == "choice":
            if text not in self.choices:
                raise BadValue(
                    gettext("Give one of: %(values)s.") % {"values": ", ".join(self.choices)}
                )
            return Q(**{target: text})
        if not re.fullmatch(self.pattern or r".{1,40}", text):
            raise BadValue(gettext("This value is not of the expected form."))
        return Q(**{target: text.upper()})

    def expression_alias(self) -> str:
        return f"_x_{self.key}"

    def _date_range(self, text: str) -> tuple[dt.date, dt.date]:
        try:
            if self.kind == "month":
                match = re.fullmatch(r"(\d{4})-(\d{2})", text)
                if match:
                    start = dt.date(int(match[1]), int(match[2]), 1)
                    return start, _add_months(start, 1)
            elif self.kind == "quarter":
                match = re.fullmatch(r"(\d{4})-Q([1-4])", text)
                if match:
                    start = dt.date(int(match[1]), 3 * int(match[2]) - 2, 1)
                    return start, _add_months(start, 3)
            elif re.fullmatch(r"\d{4}", text):
                start = dt.date(int(text), 1, 1)
                return start, dt.date(start.year + 1, 1, 1)
        except ValueError:
            pass
        examples = {"month": "2026-03", "quarter": "2026-Q1", "year": "2026"}
        raise BadValue(gettext("Write it as %(example)s.") % {"example": examples[self.kind]})


def month_of_day() -> Any:
    """The month of ``_day`` as "YYYY-MM": the first seven characters of the ISO date, on
    SQLite (dates are stored as text) and PostgreSQL alike. TruncMonth calls a Python
    function per row on SQLite, which doubled the time of a 200,000-line pivot."""
    return Substr(Cast("_day", CharField()), 1, 7)


def _month_label(text: str, language: str) -> str:
    """ "2026-03" as the reader writes it: "mars 2026", "Mar 2026"."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match[2]) <= 12:
        return text
    day = dt.date(int(match[1]), int(match[2]), 1)
    return str(format_date(day, "MMM y", locale=babel_locale(language)))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Measure:
    """A figure summed per cell. ``aggregate`` builds the SQL aggregate from the rate
    expression of the source (EUR per unit, per fact). A derived measure (a rate) has no
    aggregate: ``derive`` computes it from the summed measures it names in ``needs``."""

    key: str
    label: Label
    kind: ColumnKind
    aggregate: Callable[[RateFor], Any] | None = None
    currency: str = ""
    needs: tuple[str, ...] = ()
    derive: Callable[[Mapping[str, Decimal | int | None]], Decimal | None] | None = None
    hidden: bool = False  # a helper sum for a derived measure, not offered on its own
    note: Label = ""


@dataclass(frozen=True)
class Source:
    key: str
    label: Label
    facts: Callable[[], QuerySet[Any]]
    day: Callable[[], Any]  # the expression placing a fact in a period (annotated "_day")
    dimensions: tuple[Dimension, ...]
    measures: tuple[Measure, ...]
    #: the currency fields whose amounts need a rate (the engine finds the months in use)
    currency_paths: tuple[str, ...] = ()
    #: the drill-down list: each line's columns, as (label, path, kind)
    lines: tuple[tuple[Label, str, ColumnKind], ...] = ()
    #: the page of the document behind a line: (URL name, path of its id)
    document: tuple[str, str] = ("", "")
    note: Label = ""

    def dimension(self, key: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.key == key), None)

    def measure(self, key: str) -> Measure | None:
        return next((m for m in self.measures if m.key == key), None)

    def offered_measures(self) -> tuple[Measure, ...]:
        return tuple(m for m in self.measures if not m.hidden)


# --------------------------------------------------------------------------- shared parts


def _date_dimensions() -> tuple[Dimension, ...]:
    return (
        Dimension("month", _("Month"), "month"),
        Dimension("quarter", _("Quarter"), "quarter"),
        Dimension("year", _("Year"), "year"),
    )


def _party_dimensions(prefix: str, key: str, label: Label) -> tuple[Dimension, ...]:
    return (
        Dimension("country", _("Country"), "country", f"{prefix}__country"),
        Dimension(
            "zone",
            _("Zone"),
            "fk",
            f"{prefix}__zone_id",
            label_paths=lambda language: (f"{prefix}__zone__name",),
        ),
        Dimension(
            key, label, "fk", f"{prefix}_id", label_paths=lambda language: (f"{prefix}__name",)
        ),
    )


def _product_dimensions(prefix: str) -> tuple[Dimension, ...]:
    return (
        Dimension(
            "product",
            _("Product"),
            "fk",
            f"{prefix}_id",
            label_paths=lambda language: (
                f"{prefix}__reference",
                f"{prefix}__name_fr" if language == "fr" else f"{prefix}__name_en",
            ),
        ),
        Dimension(
            "category",
            _("Product category (HS chapter)"),
            "text",
            expression=lambda: Substr(f"{prefix}__hs_code", 1, 2),
            pattern=r"\d{2}",
            text_prefix="HS ",
        ),
    )


def _currency_dimension(path: str) -> Dimension:
    return Dimension("currency", _("Currency"), "text", path, pattern=r"[A-Za-z]{3}")


def _sum(expression: Any, output: DecimalField[Decimal, Decimal] = AMOUNT) -> Sum:
    return Sum(ExpressionWrapper(expression, output_field=output), output_field=output)


def _rate_pct(part: str, whole: str) -> Callable[[Mapping[str, Any]], Decimal | None]:
    def derive(sums: Mapping[str, Any]) -> Decimal | None:
        numerator, denominator = sums.get(part), sums.get(whole)
        if numerator is None or not denominator:
            return None
        return (Decimal(100) * Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.1"))

    return derive


def _transport_choices(choices: Any) -> dict[str, Label]:
    return {value: label for value, label in choices}


# --------------------------------------------------------------------------- invoice lines


def _invoice_margin(rate: RateFor) -> Any:
    # cost_eur is NULL where the cost is unknown: the difference too, which SUM leaves out
    return _sum(F("revenue_eur") - F("cost_eur"))


def _invoice_revenue_with_cost(rate: RateFor) -> Any:
    return _sum(Case(When(cost_eur__isnull=False, then=F("revenue_eur")), default=Value(None)))


INVOICE_LINES = Source(
    key="invoice_lines",
    label=_("Invoice lines (revenue)"),
    facts=sales.sales_facts,
    day=lambda: F("issue_date"),
    dimensions=(
        *_date_dimensions(),
        Dimension("country", _("Country"), "country", "country"),
        Dimension("zone", _("Zone"), "fk", "zone_id", label_paths=lambda language: ("zone__name",)),
        Dimension(
            "client", _("Client"), "fk", "client_id", label_paths=lambda language: ("client__name",)
        ),
        *_product_dimensions("product"),
        Dimension(
            "agent", _("Agent"), "fk", "agent_id", label_paths=lambda language: ("agent__name",)
        ),
        Dimension(
            "transport_mode",
            _("Transport mode"),
            "choice",
            "invoice__order__transport_mode",
            choices=_transport_choices(TransportMode.choices),
        ),
        _currency_dimension("currency"),
        Dimension(
            "kind",
            _("Invoice or credit note"),
            "choice",
            "kind",
            choices=_transport_choices(Invoice.Kind.choices),
        ),
    ),
    measures=(
        Measure(
            "revenue",
            _("Revenue"),
            "money",
            lambda rate: _sum(F("revenue_eur")),
            currency="EUR",
            note=_(
                "Net of VAT, in EUR at each invoice's rate; credit notes count negative in "
                "the month they are issued. Only issued documents."
            ),
        ),
        Measure(
            "margin",
            _("Margin"),
            "money",
            _invoice_margin,
            currency="EUR",
            note=_(
                "Revenue minus the cost: the unit cost the accepted offer behind the order "
                "gave the product, else the product's cost price (in EUR, not zero) on the "
                "day of issue; lines without a known cost are left out."
            ),
        ),
        Measure(
            "revenue_with_cost",
            _("Revenue with a known cost"),
            "money",
            _invoice_revenue_with_cost,
            currency="EUR",
            hidden=True,
        ),
        Measure(
            "margin_rate",
            _("Margin rate"),
            "percent",
            needs=("margin", "revenue_with_cost"),
            derive=_rate_pct("margin", "revenue_with_cost"),
            note=_("Margin as a share of the revenue of the lines whose cost is known."),
        ),
        Measure("quantity", _("Quantity"), "number", lambda rate: _sum(F("quantity"), QUANTITY)),
        Measure(
            "net_kg", _("Net weight (kg)"), "kg", lambda rate: _sum(F("net_weight_kg"), QUANTITY)
        ),
    ),
    lines=(
        (_("Invoice"), "invoice__number", "text"),
        (_("Date"), "issue_date", "date"),
        (_("Client"), "client__name", "text"),
        (_("Country"), "country", "text"),
        (_("Reference"), "line__reference", "text"),
        (_("Description"), "line__description", "text"),
        (_("Quantity"), "line__quantity", "number"),
        (_("Amount"), "line__net_amount", "money"),
        (_("Currency"), "currency", "text"),
        (_("Amount (EUR)"), "_eur", "money"),
    ),
    document=("sales:invoice_detail", "invoice_id"),
    note=_(
        "Issued invoices and credit notes, line by line, dated by their issue date; amounts "
        "in EUR at each invoice's rate, credit notes negative. The client's country and zone, "
        "the agent and the costs are those of the day of issue (as invoiced)."
    ),
)


# --------------------------------------------------------------------------- order lines


def _line_amount(quantity: str, price: str, discount: str | None) -> Any:
    amount = F(quantity) * F(price)
    if discount:
        amount = amount * (Value(Decimal(100)) - F(discount)) / Value(Decimal(100))
    return amount


ORDER_LINES = Source(
    key="order_lines",
    label=_("Order lines (order intake)"),
    facts=sales.booked_order_lines,
    day=lambda: F("order__order_date"),
    currency_paths=("order__currency",),
    dimensions=(
        *_date_dimensions(),
        *_party_dimensions("order__client", "client", _("Client")),
        *_product_dimensions("product"),
        Dimension(
            "agent",
            _("Agent"),
            "fk",
            expression=lambda: sales.agent_of("order__client__country", "order__order_date"),
        ),
        Dimension(
            "transport_mode",
            _("Transport mode"),
            "choice",
            "order__transport_mode",
            choices=_transport_choices(TransportMode.choices),
        ),
        _currency_dimension("order__currency"),
    ),
    measures=(
        Measure(
            "intake",
            _("Order intake"),
            "money",
            lambda rate: _sum(
                _line_amount("quantity", "unit_price", "discount_pct") * rate("order__currency")
            ),
            currency="EUR",
            note=_(
                "Confirmed orders (delivered or not), net of discounts, by order date, in EUR "
                "at the rate of the first day of the month."
            ),
        ),
        Measure("quantity", _("Quantity"), "number", lambda rate: _sum(F("quantity"), QUANTITY)),
    ),
    lines=(
        (_("Order"), "order__number", "text"),
        (_("Date"), "order__order_date", "date"),
        (_("Client"), "order__client__name", "text"),
        (_("Country"), "order__client__country", "text"),
        (_("Product"), "product__reference", "text"),
        (_("Quantity"), "quantity", "number"),
        (_("Unit price"), "unit_price", "money"),
        (_("Currency"), "order__currency", "text"),
    ),
    document=("sales:order_detail", "order_id"),
    note=_("Lines of confirmed orders, dated by the order date."),
)


# --------------------------------------------------------------------------- shipments


SHIPMENTS = Source(
    key="shipments",
    label=_("Shipments"),
    facts=shipping.shipments_for_reporting,
    day=shipping.leaving_day,
    currency_paths=("currency", "freight_currency"),
    dimensions=(
        *_date_dimensions(),
        *_party_dimensions("partner", "partner", _("Client or supplier")),
        Dimension(
            "transport_mode",
            _("Transport mode"),
            "choice",
            "mode",
            choices=_transport_choices(Mode.choices),
        ),
        Dimension(
            "direction",
            _("Direction"),
            "choice",
            "direction",
            choices=_transport_choices(Direction.choices),
        ),
        Dimension("destination", _("Country of destination"), "country", "destination_country"),
        _currency_dimension("currency"),
    ),
    measures=(
        Measure("count", _("Shipments"), "number", lambda rate: Count("pk")),
        Measure(
            "gross_kg",
            _("Gross weight (kg)"),
            "kg",
            lambda rate: _sum(F("gross_weight_kg"), QUANTITY),
        ),
        Measure(
            "value",
            _("Value of the goods"),
            "money",
            lambda rate: _sum(F("value") * rate("currency")),
            currency="EUR",
            note=_("In EUR at the rate of the first day of the shipment's month."),
        ),
        Measure(
            "freight",
            _("Freight cost"),
            "money",
            lambda rate: _sum(F("freight_cost") * rate("freight_currency")),
            currency="EUR",
            note=_("Where the freight cost is known, in EUR at the rate of the month."),
        ),
    ),
    lines=(
        (_("Shipment"), "number", "text"),
        (_("Date"), "_day", "date"),
        (_("Client or supplier"), "partner__name", "text"),
        (_("Mode"), "mode", "text"),
        (_("Destination"), "destination_country", "text"),
        (_("Gross weight (kg)"), "gross_weight_kg", "kg"),
        (_("Value"), "value", "money"),
        (_("Currency"), "currency", "text"),
    ),
    document=("shipping:shipment_detail", "pk"),
    note=_(
        "Shipments not cancelled, dated by the day the goods leave: the pick-up (done, else "
        "planned), else the departure (done, else planned); a shipment with neither dated "
        "is in no month. The logistics dashboard counts the same way."
    ),
)


# --------------------------------------------------------------------------- purchase lines


PURCHASE_LINES = Source(
    key="purchase_lines",
    label=_("Purchase order lines (spend)"),
    facts=purchasing.placed_order_lines,
    day=lambda: F("order__order_date"),
    currency_paths=("order__currency",),
    dimensions=(
        *_date_dimensions(),
        *_party_dimensions("order__supplier", "supplier", _("Supplier")),
        *_product_dimensions("product"),
        Dimension(
            "transport_mode",
            _("Transport mode"),
            "choice",
            "order__transport_mode",
            choices=_transport_choices(PurchaseTransportMode.choices),
        ),
        _currency_dimension("order__currency"),
    ),
    measures=(
        Measure(
            "spend",
            _("Spend"),
            "money",
            lambda rate: _sum(
                _line_amount("quantity", "unit_price", None) * rate("order__currency")
            ),
            currency="EUR",
            note=_(
                "Purchase orders sent to suppliers (not drafts, not cancelled), by order date, "
                "in EUR at the rate of the first day of the month."
            ),
        ),
        Measure("quantity", _("Quantity"), "number", lambda rate: _sum(F("quantity"), QUANTITY)),
    ),
    lines=(
        (_("Purchase order"), "order__number", "text"),
        (_("Date"), "order__order_date", "date"),
        (_("Supplier"), "order__supplier__name", "text"),
        (_("Product"), "product__reference", "text"),
        (_("Quantity"), "quantity", "number"),
        (_("Unit price"), "unit_price", "money"),
        (_("Currency"), "order__currency", "text"),
    ),
    document=("purchasing:order_detail", "order_id"),
    note=_("Lines of the purchase orders sent, dated by the order date."),
)


SOURCES: dict[str, Source] = {
    s.key: s for s in (INVOICE_LINES, ORDER_LINES, SHIPMENTS, PURCHASE_LINES)
}
