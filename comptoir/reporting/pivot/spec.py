"""What a pivot asks for (:class:`PivotSpec`), read and checked from a query string, a JSON
body or a saved view. An unknown name or a value out of bounds is refused with a message
naming the field (:class:`PivotError`); nothing is computed from an unchecked spec."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from ..filters import Period
from .sources import SOURCES, BadValue, Source

#: Distinct rows and columns a pivot may have, and measures and filters a spec may name.
MAX_ROWS = 500
MAX_COLUMNS = 60
MAX_MEASURES = 4
MAX_FILTERS = 12
#: The longest period a pivot reads (ten years of facts).
MAX_PERIOD_DAYS = 3660

PERIODS = ("this_year", "last_12_months", "last_year", "custom")


class PivotError(ValueError):
    """What is wrong with a spec, per field (``source``, ``rows``, ``filters.country``...)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


@dataclass(frozen=True)
class PivotSpec:
    source: str
    rows: str
    measures: tuple[str, ...]
    columns: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    period: str = "this_year"
    start: dt.date | None = None  # custom period only
    end: dt.date | None = None
    compare: bool = False
    #: the source itself, set by :func:`parse_spec`
    _source: Source | None = field(default=None, compare=False, repr=False)

    @property
    def source_def(self) -> Source:
        return self._source or SOURCES[self.source]

    def dates(self, today: dt.date) -> Period:
        if self.period == "custom" and self.start and self.end:
            return Period(self.start, self.end)
        if self.period == "last_year":
            return Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
        if self.period == "last_12_months":
            index = today.year * 12 + today.month - 12
            return Period(dt.date(index // 12, index % 12 + 1, 1), today)
        return Period(dt.date(today.year, 1, 1), today)

    def to_data(self) -> dict[str, Any]:
        """The spec as JSON (saved views, the API): what :func:`parse_spec` reads back."""
        data: dict[str, Any] = {
            "source": self.source,
            "rows": self.rows,
            "columns": self.columns,
            "measures": list(self.measures),
            "filters": dict(self.filters),
            "period": self.period,
            "compare": self.compare,
        }
        if self.period == "custom":
            data["start"] = self.start.isoformat() if self.start else ""
            data["end"] = self.end.isoformat() if self.end else ""
        return data

    def to_query(self) -> list[tuple[str, str]]:
        """The spec as query-string pairs (links from a saved view, the drill-down)."""
        pairs = [("source", self.source), ("rows", self.rows)]
        if self.columns:
            pairs.append(("columns", self.columns))
        pairs += [("measures", m) for m in self.measures]
        pairs += [(f"f_{k}", v) for k, v in self.filters]
        pairs.append(("period", self.period))
        if self.period == "custom":
            pairs += [("start", str(self.start or "")), ("end", str(self.end or ""))]
        if self.compare:
            pairs.append(("compare", "1"))
        return pairs


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, Iterable):
        found: list[str] = []
        for item in value:
            found += _texts(item) if isinstance(item, str) else [str(item)]
        return found
    return [str(value)]


def _one(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return "" if value is None else str(value).strip()


def from_query(params: Any) -> dict[str, Any]:
    """A query string (a QueryDict) as the data :func:`parse_spec` reads: repeated
    ``measures``, filters as ``f_<dimension>=<value>``."""
    data: dict[str, Any] = {
        key: params.get(key, "")
        for key in ("source", "rows", "columns", "period", "start", "end", "compare")
    }
    data["measures"] = params.getlist("measures") if hasattr(params, "getlist") else []
    data["filters"] = {
        key[2:]: params.get(key, "")
        for key in params
        if key.startswith("f_") and params.get(key, "") != ""
    }
    return data


def _date(value: Any, name: str, errors: dict[str, str]) -> dt.date | None:
    text = _one(value)
    if not text:
        errors[name] = gettext("Give the date (YYYY-MM-DD).")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors[name] = gettext("%(value)s is not a date (YYYY-MM-DD).") % {"value": text[:20]}
        return None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return _one(value).lower() in ("1", "true", "on", "yes")


def parse_spec(data: Mapping[str, Any]) -> PivotSpec:
    """A checked spec from plain data (JSON, :func:`from_query`), or :class:`PivotError`."""
    errors: dict[str, str] = {}
    if not isinstance(data, Mapping):
        raise PivotError({"spec": gettext("Give the pivot as an object of named fields.")})
    source_key = _one(data.get("source")) or "invoice_lines"
    source = SOURCES.get(source_key)
    if source is None:
        raise PivotError(
            {
                "source": gettext("Unknown source %(value)s: choose one of %(known)s.")
                % {"value": source_key[:40], "known": ", ".join(SOURCES)}
            }
        )
    known_dims = ", ".join(d.key for d in source.dimensions)

    def dimension(name: str, required: bool) -> str:
        key = _one(data.get(name))
        if not key:
            if required:
                errors[name] = gettext("Choose what the rows show.")
            return ""
        if source.dimension(key) is None:
            errors[name] = gettext(
                "Unknown dimension %(value)s for %(source)s: choose one of %(known)s."
            ) % {"value": key[:40], "source": source.label, "known": known_dims}
            return ""
        return key

    rows = dimension("rows", True)
    columns = dimension("columns", False)
    if rows and columns and rows == columns:
        errors["columns"] = gettext("Rows and columns must show different things.")

    measures: list[str] = []
    asked = _texts(data.get("measures")) or _texts(data.get("measure"))
    if not asked:
        asked = [source.offered_measures()[0].key]
    known_measures = ", ".join(m.key for m in source.offered_measures())
    for key in asked:
        measure = source.measure(key)
        if measure is None or measure.hidden:
            errors["measures"] = gettext(
                "Unknown measure %(value)s for %(source)s: choose among %(known)s."
            ) % {"value": key[:40], "source": source.label, "known": known_measures}
        elif key not in measures:
            measures.append(key)
    if len(measures) > MAX_MEASURES:
        errors["measures"] = gettext("At most %(max)s measures at a time.") % {"max": MAX_MEASURES}

    filters: list[tuple[str, str]] = []
    raw_filters = data.get("filters") or {}
    if not isinstance(raw_filters, Mapping):
        errors["filters"] = gettext("Give the filters as dimension: value pairs.")
        raw_filters = {}
    if len(raw_filters) > MAX_FILTERS:
        errors["filters"] = gettext("At most %(max)s filters.") % {"max": MAX_FILTERS}
        raw_filters = {}
    for key, value in raw_filters.items():
        dim = source.dimension(str(key))
        text = _one(value)
        if dim is None:
            errors[f"filters.{str(key)[:40]}"] = gettext(
                "Unknown dimension %(value)s for %(source)s: choose one of %(known)s."
            ) % {"value": str(key)[:40], "source": source.label, "known": known_dims}
            continue
        if not text:
            continue
        try:
            dim.condition(text)
        except BadValue as exc:
            errors[f"filters.{dim.key}"] = gettext("%(label)s: %(message)s") % {
                "label": dim.label,
                "message": exc,
            }
            continue
        filters.append((dim.key, text))

    period = _one(data.get("period")) or "this_year"
    start = end = None
    if period not in PERIODS:
        errors["period"] = gettext("Unknown period %(value)s: choose one of %(known)s.") % {
            "value": period[:40],
            "known": ", ".join(PERIODS),
        }
    elif period == "custom":
        start = _date(data.get("start"), "start", errors)
        end = _date(data.get("end"), "end", errors)
        if start and end:
            if end < start:
                errors["end"] = gettext("The end comes before the start.")
            elif (end - start).days > MAX_PERIOD_DAYS:
                errors["end"] = gettext("A pivot covers at most ten years.")

    if errors:
        raise PivotError(errors)
    return PivotSpec(
        source=source.key,
        rows=rows,
        columns=columns,
        measures=tuple(measures),
        filters=tuple(sorted(filters)),
        period=period,
        start=start,
        end=end,
        compare=_flag(data.get("compare")),
        _source=source,
    )
