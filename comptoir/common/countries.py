"""Reference facts about countries, from pycountry, Babel (CLDR), tzdata and phonenumbers.

No Django here: the same facts serve the country sheets, the forms and the imports.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import phonenumbers
import pycountry
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_territory_currencies


@dataclass(frozen=True)
class CountryFacts:
    code: str
    name: str
    currencies: tuple[str, ...]
    languages: tuple[tuple[str, str], ...]  # (ISO 639 code, status) most spoken first
    time_zones: tuple[str, ...]
    calling_code: int | None
    flag: str


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale("en")


@functools.cache
def country_codes() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


def is_country(code: str) -> bool:
    return code.upper() in country_codes()


def country_name(code: str, language: str = "en") -> str:
    """The country's name in the user's language (CLDR), else its ISO name."""
    code = code.upper()
    name = _locale(language).territories.get(code)
    if name:
        return str(name)
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


def country_choices(language: str = "en") -> list[tuple[str, str]]:
    """(code, name) in the reader's alphabetical order: accents do not count (Bénin
    before Burundi, Égypte among the E)."""
    return sorted(
        ((c, country_name(c, language)) for c in country_codes()),
        key=lambda x: (_fold(x[1]), x[1]),
    )


@functools.cache
def _zone_tab() -> dict[str, tuple[str, ...]]:
    """Country -> IANA zones, in the order of tzdata's zone.tab (most populated first)."""
    zones: dict[str, list[str]] = {}
    text = (resources.files("tzdata.zoneinfo") / "zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        zones.setdefault(parts[0], []).append(parts[2])
    return {k: tuple(v) for k, v in zones.items()}


def time_zones(code: str) -> tuple[str, ...]:
    code = code.upper()
    zones = _zone_tab().get(code)
    if zones:
        return zones
    return tuple(get_global("territory_zones").get(code, ()))


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace(" ", "_")


def guess_time_zone(code: str, city: str = "") -> str:
    """The partner's time zone from its country and, where the country has several, its city.

    A city that names a zone (``"New York"`` -> ``America/New_York``) picks that zone;
    otherwise the country's main zone (first in zone.tab). The user can always correct it.
    """
    zones = time_zones(code)
    if not zones:
        return "UTC"
    if city and len(zones) > 1:
        wanted = _fold(city)
        for zone in zones:
            if _fold(zone.rsplit("/", 1)[-1]) == wanted:
                return zone
    return zones[0]


def currencies(code: str) -> tuple[str, ...]:
    try:
        return tuple(get_territory_currencies(code.upper()))
    except Exception:  # Babel raises for territories it does not know.
        return ()


def main_currency(code: str) -> str:
    found = currencies(code)
    return found[0] if found else "EUR"


def languages(code: str) -> tuple[tuple[str, str], ...]:
    data = get_global("territory_languages").get(code.upper(), {})
    ranked = sorted(data.items(), key=lambda kv: -(kv[1].get("population_percent") or 0))
    return tuple((lang, info.get("official_status") or "") for lang, info in ranked)


def main_language(code: str) -> str:
    """The partner's likely working language for Comptoir's documents: French or English."""
    spoken = [lang for lang, _status in languages(code)[:3]]
    return "fr" if "fr" in spoken else "en"


def calling_code(code: str) -> int | None:
    value = phonenumbers.country_code_for_region(code.upper())
    return value or None


def flag(code: str) -> str:
    code = code.upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in code)


def facts(code: str, language: str = "en") -> CountryFacts:
    code = code.upper()
    return CountryFacts(
        code=code,
        name=country_name(code, language),
        currencies=currencies(code),
        languages=languages(code),
        time_zones=time_zones(code),
        calling_code=calling_code(code),
        flag=flag(code),
    )


def language_name(code: str, language: str = "en") -> str:
    name = _locale(language).languages.get(code)
    return str(name) if name else code


def currency_codes() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_3 for c in pycountry.currencies))


def is_currency(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=code.upper()) is not None
