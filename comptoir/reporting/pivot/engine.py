"""The pivot computed in the database: one grouped query for the period (values().annotate()),
one for the same period a year earlier when compared, and, for the sources whose amounts
need a rate, one small query for the currencies and months in use. Totals per row and
column are added up from the cells (every measure is a sum or a ratio of sums)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, DecimalField, F, Q, QuerySet, Value, When
from django.utils.translation import gettext

from comptoir.calculators.models import company_rate_source
from comptoir.parties import selectors as parties
from comptoir.trade import fx

from ..filters import Period
from .sources import AMOUNT, Dimension, Measure, Source, month_of_day
from .spec import MAX_COLUMNS, MAX_ROWS, PivotError, PivotSpec

RATE: DecimalField[Decimal, Decimal] = DecimalField(max_digits=18, decimal_places=8)
CellValues = dict[str, Decimal | int | None]
NO_COLUMN = ""


@dataclass(frozen=True)
class Header:
    key: str  # the value as text (filters, drill-down links)
    label: str


@dataclass(frozen=True)
class PivotResult:
    spec: PivotSpec
    period: Period
    previous_period: Period | None
    rows: tuple[Header, ...]
    columns: tuple[Header, ...]  # empty without a column dimension
    measures: tuple[Measure, ...]
    cells: dict[tuple[str, str], CellValues]
    previous_cells: dict[tuple[str, str], CellValues]
    row_totals: dict[str, CellValues]
    column_totals: dict[str, CellValues]
    total: CellValues
    previous_row_totals: dict[str, CellValues]
    previous_column_totals: dict[str, CellValues]
    previous_total: CellValues
    warnings: tuple[str, ...] = ()

    @property
    def source(self) -> Source:
        return self.spec.source_def

    def column_keys(self) -> list[str]:
        return [c.key for c in self.columns] or [NO_COLUMN]


# --------------------------------------------------------------------------- rates


class _Rates:
    """EUR per unit of a currency on the first day of a month: the company's rate, else the
    ECB's (one source for the whole computation)."""

    def __init__(self) -> None:
        self.source = fx.ChainRateSource(company_rate_source(), fx.EcbRateSource())
        self.missing: list[str] = []
        self._cache: dict[tuple[str, dt.date], Decimal | None] = {}

    def rate(self, currency: str, month: dt.date) -> Decimal | None:
        key = (currency, month)
        if key not in self._cache:
            try:
                self._cache[key] = self.source.quote(currency, "EUR", month).rate
            except (fx.RateNotFoundError, ValidationError, ValueError, KeyError):
                self._cache[key] = None
                self.missing.append(
                    gettext(
                        "No EUR rate for %(currency)s on %(date)s: its amounts of that month "
                        "are left out. Enter the rate under Calculators → Our exchange rates."
                    )
                    % {"currency": currency, "date": month.isoformat()}
                )
        return self._cache[key]


def _rate_builder(qs: QuerySet[Any], source: Source, rates: _Rates) -> Any:
    """``rate(path)``: a CASE giving, per fact, EUR per unit of its currency (NULL where no
    rate is known); one query finds the currencies and months in use."""
    cases: dict[str, list[When]] = {}
    for path in source.currency_paths:
        found = (
            qs.exclude(**{path: "EUR"})
            .exclude(**{path: ""})
            .annotate(_month=month_of_day())
            .values_list(path, "_month")
            .distinct()
            .order_by()
        )
        whens = [When(Q(**{path: "EUR"}), then=Value(Decimal(1)))]
        for currency, month in found:
            if month is None:
                continue
            text = str(month)[:7]
            value = rates.rate(currency, dt.date(int(text[:4]), int(text[5:7]), 1))
            if value is not None:
                whens.append(When(Q(**{path: currency}) & Q(_month=text), then=Value(value)))
        cases[path] = whens

    def rate(path: str) -> Any:
        return Case(*cases[path], default=Value(None), output_field=RATE)

    return rate


# --------------------------------------------------------------------------- facts


def facts(spec: PivotSpec, period: Period) -> QuerySet[Any]:
    """The facts of the source in the period, with the spec's filters."""
    source = spec.source_def
    qs: QuerySet[Any] = source.facts().annotate(_day=source.day())
    qs = qs.filter(_day__gte=period.start, _day__lte=period.end)
    for key, value in spec.filters:
        dim = source.dimension(key)
        assert dim is not None  # checked by parse_spec
        if dim.expression is not None:
            qs = qs.alias(**{dim.expression_alias(): dim.key_expression()})
        qs = qs.filter(dim.condition(value))
    return qs


def _aggregates(spec: PivotSpec) -> list[Measure]:
    source = spec.source_def
    wanted: list[str] = []
    for key in spec.measures:
        measure = source.measure(key)
        assert measure is not None
        for name in (*measure.needs, key) if measure.derive else (key,):
            if name not in wanted and source.measure(name) and not source.measure(name).derive:  # type: ignore[union-attr]
                wanted.append(name)
    return [m for m in (source.measure(k) for k in wanted) if m is not None]


def _derive(source: Source, measures: tuple[Measure, ...], sums: CellValues) -> CellValues:
    values: CellValues = dict(sums)
    for measure in measures:
        if measure.derive is not None:
            values[measure.key] = measure.derive(sums)
    return values


def _add(total: CellValues, values: Mapping[str, Decimal | int | None]) -> None:
    for key, value in values.items():
        if value is None:
            total.setdefault(key, None)
            continue
        before = total.get(key)
        total[key] = value if before is None else before + value


def _label_fields(dim: Dimension, prefix: str, language: str) -> dict[str, Any]:
    if dim.kind != "fk" or dim.label_paths is None:
        return {}
    return {f"{prefix}{i}": F(path) for i, path in enumerate(dim.label_paths(language))}


@dataclass
class _Grouped:
    cells: dict[tuple[str, str], CellValues]
    rows: dict[str, tuple[Any, str]]  # text key -> (value, label)
    columns: dict[str, tuple[Any, str]]


def _shift(dim: Dimension | None, value: Any) -> Any:
    """A value of the year before, moved onto this year (months, quarters, years)."""
    if dim is None or value is None or not dim.is_date:
        return value
    if dim.kind == "month":
        text = dim.to_text(value)
        return f"{int(text[:4]) + 1}{text[4:7]}"
    if dim.kind == "quarter":
        return int(value) + 10
    return int(value) + 1


def _group(spec: PivotSpec, period: Period, language: str, rates: _Rates, shift: bool) -> _Grouped:
    source = spec.source_def
    row_dim = source.dimension(spec.rows)
    col_dim = source.dimension(spec.columns) if spec.columns else None
    assert row_dim is not None
    qs = facts(spec, period)
    if source.currency_paths:
        qs = qs.annotate(_month=month_of_day())
    rate = _rate_builder(qs, source, rates) if source.currency_paths else None
    keys: dict[str, Any] = {"_r": row_dim.key_expression()}
    keys |= _label_fields(row_dim, "_rl", language)
    if col_dim is not None:
        keys["_c"] = col_dim.key_expression()
        keys |= _label_fields(col_dim, "_cl", language)
    measures = {m.key: m for m in _aggregates(spec)}
    aggregates = {m.key: m.aggregate(rate) for m in measures.values() if m.aggregate}  # type: ignore[arg-type]
    limit = MAX_ROWS * max(MAX_COLUMNS, 1) + 1
    grouped = list(qs.annotate(**keys).values(*keys).annotate(**aggregates).order_by()[:limit])
    if len(grouped) >= limit:
        raise PivotError({"rows": _too_many(row_dim, MAX_ROWS)})
    result = _Grouped({}, {}, {})
    for group in grouped:
        row_value = _shift(row_dim, group["_r"]) if shift else group["_r"]
        row_key = row_dim.to_text(row_value)
        row_label = " — ".join(str(group[k]) for k in keys if k.startswith("_rl") and group[k])
        result.rows.setdefault(row_key, (row_value, row_label))
        col_key = NO_COLUMN
        if col_dim is not None:
            col_value = _shift(col_dim, group["_c"]) if shift else group["_c"]
            col_key = col_dim.to_text(col_value)
            col_label = " — ".join(str(group[k]) for k in keys if k.startswith("_cl") and group[k])
            result.columns.setdefault(col_key, (col_value, col_label))
        cell = result.cells.setdefault((row_key, col_key), {})
        _add(cell, {name: _rounded(measures[name], group[name]) for name in aggregates})
    if len(result.rows) > MAX_ROWS:
        raise PivotError({"rows": _too_many(row_dim, MAX_ROWS)})
    if col_dim is not None and len(result.columns) > MAX_COLUMNS:
        raise PivotError({"columns": _too_many(col_dim, MAX_COLUMNS)})
    return result


_PLACES = {"money": Decimal("0.01"), "kg": Decimal("0.001"), "number": Decimal("0.001")}


def _rounded(measure: Measure, value: Any) -> Decimal | int | None:
    """A sum as the database gave it (SQLite sums in floating point), to the measure's
    places: cents for money, grams for kg."""
    if value is None or isinstance(value, int):
        return value
    places = _PLACES.get(measure.kind)
    number = Decimal(str(value))
    return number.quantize(places) if places else number


def _too_many(dim: Dimension, limit: int) -> str:
    return gettext(
        "More than %(max)s different values of %(dimension)s: filter the pivot (a country, a "
        "shorter period...) or choose a coarser dimension."
    ) % {"max": limit, "dimension": dim.label}


def _headers(
    dim: Dimension | None,
    found: dict[str, tuple[Any, str]],
    order: Mapping[str, Decimal | int | None],
    language: str,
) -> tuple[Header, ...]:
    if dim is None:
        return ()
    names: dict[int, str] = {}
    if dim.kind == "fk" and dim.label_paths is None:
        ids = {int(v) for v, _label in found.values() if v is not None}
        names = {pk: c.name for pk, c in parties.companies_by_id(ids).items()}
    headers = {
        key: Header(
            key,
            dim.label_of(
                value, language, label or (names.get(int(value), "") if names and value else "")
            ),
        )
        for key, (value, label) in found.items()
    }
    if dim.is_date:
        keys = sorted(found, key=lambda k: (found[k][0] is None, found[k][0] or 0))
    else:
        keys = sorted(
            found,
            key=lambda k: (-(order.get(k) or 0), headers[k].label.casefold()),
        )
    return tuple(headers[k] for k in keys)


def compute(spec: PivotSpec, *, today: dt.date, language: str = "en") -> PivotResult:
    """The pivot of ``spec``: cells, totals and, when compared, the year before."""
    source = spec.source_def
    period = spec.dates(today)
    rates = _Rates()
    current = _group(spec, period, language, rates, shift=False)
    previous_period = period.previous_year() if spec.compare else None
    before = (
        _group(spec, previous_period, language, rates, shift=True)
        if previous_period
        else _Grouped({}, {}, {})
    )
    for key, found in before.rows.items():
        current.rows.setdefault(key, found)
    for key, found in before.columns.items():
        current.columns.setdefault(key, found)
    row_dim = source.dimension(spec.rows)
    col_dim = source.dimension(spec.columns) if spec.columns else None
    if len(current.rows) > MAX_ROWS and row_dim is not None:
        raise PivotError({"rows": _too_many(row_dim, MAX_ROWS)})
    if col_dim is not None and len(current.columns) > MAX_COLUMNS:
        raise PivotError({"columns": _too_many(col_dim, MAX_COLUMNS)})

    measures = tuple(m for m in (source.measure(k) for k in spec.measures) if m is not None)

    def totals(cells: dict[tuple[str, str], CellValues]) -> tuple[Any, Any, CellValues]:
        by_row: dict[str, CellValues] = defaultdict(dict)
        by_column: dict[str, CellValues] = defaultdict(dict)
        total: CellValues = {}
        for (row, column), values in cells.items():
            _add(by_row[row], values)
            _add(by_column[column], values)
            _add(total, values)
        return (
            {k: _derive(source, measures, v) for k, v in by_row.items()},
            {k: _derive(source, measures, v) for k, v in by_column.items()},
            _derive(source, measures, total),
        )

    row_totals, column_totals, total = totals(current.cells)
    prev_rows, prev_columns, prev_total = totals(before.cells)
    first = spec.measures[0]
    order = {k: v.get(first) for k, v in row_totals.items()}
    column_order = {k: v.get(first) for k, v in column_totals.items()}
    return PivotResult(
        spec=spec,
        period=period,
        previous_period=previous_period,
        rows=_headers(row_dim, current.rows, order, language),
        columns=_headers(col_dim, current.columns, column_order, language),
        measures=measures,
        cells={k: _derive(source, measures, v) for k, v in current.cells.items()},
        previous_cells={k: _derive(source, measures, v) for k, v in before.cells.items()},
        row_totals=row_totals,
        column_totals=column_totals,
        total=total,
        previous_row_totals=prev_rows,
        previous_column_totals=prev_columns,
        previous_total=prev_total,
        warnings=tuple(dict.fromkeys(rates.missing)),
    )


def change_pct(now: Decimal | int | None, before: Decimal | int | None) -> Decimal | None:
    """The change from the year before, in %; None without a base."""
    if now is None or before is None or not before:
        return None
    return (Decimal(100) * (Decimal(now) - Decimal(before)) / abs(Decimal(before))).quantize(
        Decimal("0.1")
    )


# --------------------------------------------------------------------------- drill-down


def drill(
    spec: PivotSpec,
    *,
    today: dt.date,
    row: str | None = None,
    column: str | None = None,
    previous: bool = False,
) -> QuerySet[Any]:
    """The lines behind a cell (``row``/``column`` as :meth:`Dimension.to_text` writes them;
    None: every value, for a total), newest first, as dicts of the source's line fields
    plus ``_id`` (the document's id for its link)."""
    source = spec.source_def
    period = spec.dates(today)
    if previous:
        period = period.previous_year()
    qs = facts(spec, period)
    for key, value in ((spec.rows, row), (spec.columns, column)):
        if not key or value is None:
            continue
        dim = source.dimension(key)
        assert dim is not None
        if previous and dim.is_date:
            value = _unshift(dim, value)
        if dim.expression is not None:
            qs = qs.alias(**{dim.expression_alias(): dim.key_expression()})
        qs = qs.filter(dim.condition(value))
    fields = [path for _label, path, _kind in source.lines]
    if "_eur" in fields:  # invoice lines: their sales fact's EUR, credit notes negative
        qs = qs.annotate(_eur=F("revenue_eur"))
    qs = qs.annotate(_id=F(source.document[1]))
    lines: QuerySet[Any] = qs.values(*fields, "_id").order_by("-_day", "-pk")
    return lines


def _unshift(dim: Dimension, text: str) -> str:
    """A this-year value of a date dimension moved back a year (the compared cell)."""
    try:
        if dim.kind == "month":
            return f"{int(text[:4]) - 1}{text[4:]}"
        if dim.kind == "quarter":
            return f"{int(text[:4]) - 1}{text[4:]}"
        return str(int(text) - 1)
    except ValueError:
        return text


__all__ = ["AMOUNT", "Header", "PivotResult", "change_pct", "compute", "drill", "facts"]
