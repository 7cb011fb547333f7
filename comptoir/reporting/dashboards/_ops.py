"""Small helpers shared by the operations dashboards (logistics, purchasing, compliance)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode

from comptoir.sales import figures
from comptoir.sales import selectors as sales_selectors

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def money(value: Decimal | float | int | None) -> Decimal | None:
    """An amount rounded to the cent (SQLite sums decimals in floating point)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def kg(value: Decimal | float | int | None) -> Decimal:
    return Decimal(str(value or 0)).quantize(TENTH, rounding=ROUND_HALF_UP)


def percent(
    part: Decimal | float | int | None, whole: Decimal | float | int | None
) -> Decimal | None:
    """``part`` in percent of ``whole``, one decimal; None when there is no whole."""
    if part is None or not whole:
        return None
    return (Decimal(str(part)) * 100 / Decimal(str(whole))).quantize(TENTH, rounding=ROUND_HALF_UP)


def ratio(part: Decimal | None, whole: Decimal | float | int | None) -> Decimal | None:
    """``part / whole`` to the cent; None when there is no whole."""
    if part is None or not whole:
        return None
    return (Decimal(str(part)) / Decimal(str(whole))).quantize(CENT, rounding=ROUND_HALF_UP)


def percentile(histogram: dict[int, int], share: float) -> int | None:
    """The value below or at which ``share`` of the counted values lie (nearest rank): read
    from a histogram value -> count grouped in the database, never from the rows."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)  # pragma: no cover - the loop always reaches the rank


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from ``start``'s to ``end``'s."""
    first, found = start.replace(day=1), []
    while first <= end:
        found.append(first)
        first = (first + dt.timedelta(days=32)).replace(day=1)
    return found


class EurRates:
    """EUR per unit of each currency on one day, asked once per currency (the sales area's
    rate: the company's own first, then the ECB's); a currency without a rate is kept aside
    and its amounts left out (the dashboard says which)."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        self.rates: dict[str, Decimal] = {"EUR": Decimal(1), "": Decimal(1)}
        self.missing: set[str] = set()

    def preload(self, currencies: Iterable[str]) -> None:
        """Ask the rates of these currencies together: the company's rates are read once,
        not once per currency."""
        wanted = {c for c in currencies if c not in self.rates and c not in self.missing}
        for (currency, _day), rate in figures.eur_rates((c, self.day) for c in wanted).items():
            if rate is None:
                self.missing.add(currency)
            else:
                self.rates[currency] = rate

    def to_eur(self, amount: Decimal | float | int | None, currency: str) -> Decimal | None:
        if amount is None:
            return None
        if currency not in self.rates and currency not in self.missing:
            try:
                self.rates[currency] = sales_selectors.eur_rate(currency, self.day).rate
            except ValidationError:
                self.missing.add(currency)
        if currency in self.missing:
            return None
        return Decimal(str(amount)) * self.rates[currency]


def link(name: str, *args: object, **params: object) -> str:
    """The URL of a list page with its query-string filters (empty values left out)."""
    url = reverse(name, args=args)
    kept = {k: str(v) for k, v in params.items() if v not in ("", None)}
    return f"{url}?{urlencode(kept)}" if kept else url


def total_of(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def point(value: object) -> Decimal | int | None:
    """A table cell as a chart point (numbers only)."""
    return value if isinstance(value, (Decimal, int)) and not isinstance(value, bool) else None
