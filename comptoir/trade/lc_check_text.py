"""Comparing the words of documents the way a documentary-credit checker does.

UCP 600 art. 14 d: data in a document need not be *identical* to the data in the
credit or another document, only *not conflicting*. So names, ports and goods
descriptions are compared after normalisation: case, accents, spacing and
punctuation do not count (``"ACME S.A.R.L."`` = ``"Acme SARL"``), thousands
separators inside numbers neither (``"5,000"`` = ``"5000"``), and a plural is the
singular (``"machines"`` = ``"machine"``). Art. 18 c and ISBP 821 C3-C5: the invoice's
description *corresponds* with the credit's when it carries every word of it (it may
add words, never drop or change one); art. 14 e: the other documents may describe
the goods in general terms, provided they do not conflict.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from babel import Locale

__all__ = [
    "GENERIC_WORDS",
    "LEGAL_FORMS",
    "country_names",
    "foreign_words",
    "names_match",
    "normal",
    "words",
    "words_contained",
]

#: Legal forms a name may carry or drop without naming another company.
LEGAL_FORMS: Final = frozenset(
    {
        "sa", "sarl", "sas", "sasu", "eurl", "sci", "snc", "ltd", "limited", "llc", "inc",
        "incorporated", "co", "company", "corp", "corporation", "gmbh", "ag", "kg", "spa", "srl",
        "bv", "nv", "plc", "sl", "slu", "ab", "as", "oy", "pte", "pty", "fze", "fzco", "fzc",
        "jsc", "ojsc", "cjsc", "ooo", "llp", "lp", "sprl", "bvba", "kft", "sro", "zoo",
    }
)  # fmt: skip

#: Words a transport or origin document uses to speak of goods in general terms
#: (packaging, counting, "said to contain"): never a conflict with the credit (art. 14 e).
GENERIC_WORDS: Final = frozenset(
    {
        "a", "an", "the", "of", "and", "in", "on", "for", "with", "to", "per", "as", "by", "x",
        "goods", "cargo", "general", "merchandise", "merchandises", "commodity", "said",
        "contain", "containing", "stc", "slac", "shipper", "load", "count", "packed", "pallet",
        "carton", "package", "container", "piece", "pc", "pcs", "unit", "lot", "no", "nos",
        "number", "qty", "quantity", "net", "gross", "weight", "kg", "kgs", "mt", "ton", "tonne",
        "cbm", "m3", "bag", "box", "case", "drum", "crate", "bundle", "roll", "bale", "coil",
        "fcl", "lcl", "ft", "dry", "hc", "hs", "code", "tariff", "origin", "made", "total",
        "freight", "prepaid", "collect", "clean", "board", "shipped", "according", "invoice",
        "order", "proforma", "contract", "purchase", "po", "ref", "reference", "lc", "credit",
        "documentary", "dated", "date", "item", "various", "assorted", "part", "parts", "bulk",
        "loose", "palletised", "palletized", "packing", "packaging",
    }
)  # fmt: skip

_DIGIT_GROUP: Final = re.compile(r"(?<=\d)[,.\s'](?=\d{3}(?!\d))")
_DROPPED: Final = re.compile(r"[.'’`]")
_SEPARATORS: Final = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _stem(word: str) -> str:
    """The singular of a plural (``machines`` → ``machine``), a light and symmetric rule."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The normalised words of ``text``: folded, punctuation out, numbers ungrouped, singular."""
    folded = _fold(text)
    while True:
        ungrouped = _DIGIT_GROUP.sub("", folded)
        if ungrouped == folded:
            break
        folded = ungrouped
    folded = _DROPPED.sub("", folded)
    return tuple(_stem(word) for word in _SEPARATORS.split(folded) if word)


def normal(text: str) -> str:
    """``text`` normalised as one string of words (for equality of short values)."""
    return " ".join(words(text))


def words_contained(part: str, whole: str, ignore: frozenset[str] = frozenset()) -> bool:
    """Whether every word of ``part`` (bar ``ignore``) appears in ``whole``."""
    return set(words(part)) - ignore <= set(words(whole))


def names_match(expected: str, shown: str) -> bool:
    """Whether ``shown`` names the party ``expected`` (legal form and address words aside).

    The shown name may add words (an address, a department); it may not drop or change
    a word of the name, apart from its legal form (``SARL``, ``Ltd``).
    """
    wanted = set(words(expected)) - LEGAL_FORMS
    if not wanted:
        wanted = set(words(expected))
    return wanted <= set(words(shown))


def foreign_words(description: str, *references: str) -> tuple[str, ...]:
    """Words of ``description`` found in none of ``references`` nor among the general terms.

    Digits and one-letter words are never foreign (marks, numbers, sizes). A word of the
    references appearing as a prefix also counts (``machinery`` for ``machine``).
    """
    known: set[str] = set(GENERIC_WORDS)
    for reference in references:
        known.update(words(reference))
    out = []
    for word in words(description):
        if word in known or len(word) < 2 or any(c.isdigit() for c in word):
            continue
        if any(len(k) >= 4 and (word.startswith(k) or k.startswith(word)) for k in known):
            continue
        out.append(word)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=512)
def country_names(value: str) -> frozenset[str]:
    """The normalised ways of writing a country: its ISO code and English and French names."""
    names = {normal(value)}
    code = value.strip().upper()
    if len(code) == 2 and code.isalpha():
        for language in ("en", "fr"):
            name = Locale(language).territories.get(code)
            if name:
                names.add(normal(name))
    else:
        wanted = normal(value)
        for language in ("en", "fr"):
            for territory, name in Locale(language).territories.items():
                if len(territory) == 2 and territory.isalpha() and normal(name) == wanted:
                    names.update(country_names(territory))
    return frozenset(names)
