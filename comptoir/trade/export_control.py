"""Export control rules: dual-use control list numbers, licences, country measures.

Pure rules, no Django, each citing its source:

- **Control list numbers** of Annex I of Regulation (EU) 2021/821 (the "dual-use
  regulation"): a category digit 0-9, a product group letter A-E, three digits whose first
  names the regime the entry comes from (0 Wassenaar Arrangement, 1 MTCR, 2 NSG, 3 Australia
  Group, 4 CWC; the 9xx numbers are US-only and do not exist in the EU list), then
  sub-items alternating lower-case letters and numbers: ``5A002``, ``5A002.a``,
  ``6A003.b.4.b`` (Annex I, "General notes" and the numbering convention).
- **When a licence is needed**: exporting an Annex I item out of the customs territory of
  the Union needs an authorisation (art. 3(1)); transferring it inside the Union needs one
  only for Annex IV items (art. 11(1)).
- **Licences**: individual, global (art. 12(1) a-b), national general (art. 12(6)) and Union
  general export authorisations EU001-EU008 (art. 12(1) d, Annex II sections A-H), each
  valid for its destinations, items, end users, quantities, value and period.
- **Country measures**: EU restrictive measures under art. 215 TFEU (Council regulations
  such as 833/2014 for Russia): a full embargo refuses every export to the country, an arms
  embargo or sectoral measure refuses the goods whose Combined Nomenclature code
  (Reg. (EEC) 2658/87) starts with one of the listed codes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.invoicing import EU_MEMBER_STATES
from comptoir.trade.texts import Text

__all__ = [
    "EU_GENERAL_AUTHORISATIONS",
    "REGIMES",
    "Coverage",
    "coverage",
    "LicenceFacts",
    "LineNeed",
    "MeasureFacts",
    "cn_matches",
    "covers_control_number",
    "licence_refusals",
    "measure_refusal",
    "needs_licence",
    "normalise_cn_prefixes",
    "normalise_control_number",
    "normalise_countries",
    "plain",
    "regime",
]

_BASE = r"[0-9][A-E][0-4][0-9]{2}"
#: 5A002, 5A002.a, 5A002.a.1, 6A003.b.4.b, 1C350.d.12 (letters and numbers alternate).
CONTROL_NUMBER = re.compile(
    rf"^(?P<base>{_BASE})(?:\.[a-z](?:\.[0-9]{{1,2}}(?:\.[a-z](?:\.[0-9]{{1,2}})?)?)?)?$"
)

#: The second digit of the three-digit group names the regime the entry comes from
#: (Reg. (EU) 2021/821, Annex I, introductory note "Numbering").
REGIMES: dict[str, str] = {
    "0": "Wassenaar Arrangement",
    "1": "Missile Technology Control Regime (MTCR)",
    "2": "Nuclear Suppliers Group (NSG)",
    "3": "Australia Group",
    "4": "Chemical Weapons Convention (CWC)",
}

#: Union general export authorisations (Reg. (EU) 2021/821 art. 12(1)(d), Annex II sections
#: A-H): code -> (what it covers, destinations). An empty tuple: the destinations are those
#: of the annex that the company records with its registration (all destinations but a few,
#: or conditions too long for a list). The company keeps its own copy on each licence.
EU_GENERAL_AUTHORISATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Annex IIa as amended (the United Kingdom since 2021, Iceland since)
    "EU001": (
        "Exports of most Annex I items to certain destinations (Annex IIa)",
        ("AU", "CA", "CH", "GB", "IS", "JP", "LI", "NO", "NZ", "US"),
    ),
    "EU002": (
        "Exports of certain dual-use items to certain destinations (Annex IIb)",
        ("AR", "KR", "TR", "ZA"),
    ),
    # Annex IIc: Russia and Belarus listed in the annex are excluded by Reg. 833/2014 art. 2
    # and Reg. 765/2006 art. 1e (every dual-use export to them is prohibited).
    "EU003": (
        "Export after repair or replacement (Annex IIc)",
        (
            "AE",
            "AL",
            "AR",
            "BA",
            "BR",
            "CL",
            "CN",
            "HK",
            "IN",
            "IS",
            "KR",
            "KZ",
            "MA",
            "ME",
            "MK",
            "MO",
            "MX",
            "RS",
            "SG",
            "TN",
            "TR",
            "UA",
            "ZA",
        ),
    ),
    "EU004": ("Temporary export for exhibition or fair (Annex IId)", ()),
    "EU005": (
        "Telecommunications (Annex IIe)",
        ("AR", "CN", "HK", "IN", "KR", "MO", "TR", "UA", "ZA"),
    ),
    "EU006": ("Chemicals (Annex IIf)", ("AR", "IS", "KR", "TR", "UA")),
    "EU007": ("Intra-group transfer of software and technology (Annex IIg)", ()),
    "EU008": ("Encryption (Annex IIh)", ()),
}

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SEPARATORS = re.compile(r"[\s,;]+")


def normalise_control_number(value: str) -> str:
    """The control list number written as Annex I writes it (``5a002.A`` -> ``5A002.a``);
    refuse anything else with the expected shape."""
    text = value.strip().replace(" ", "")
    if len(text) >= 5:
        text = text[:5].upper() + text[5:].lower()
    if not CONTROL_NUMBER.match(text):
        raise TradeInputError(
            Text(
                "{value} is not a control list number of Annex I of Regulation (EU) 2021/821: "
                "expected a category digit, a group letter A-E and three digits, then the "
                "sub-items (e.g. 5A002.a.1).",
                value=value.strip() or "—",
            ),
            "control_number",
        )
    return text


def regime(control_number: str) -> str:
    """The regime an Annex I entry comes from (its third character)."""
    return REGIMES.get(control_number[2:3], "")


def covers_control_number(listed: str, item: str) -> bool:
    """A licence listing ``5A002`` covers ``5A002.a.1``: the listed entry equals the item's
    number or is one of its parents (cut on the dots), never a mere string prefix
    (``5A00`` or ``5A002.a`` do not cover ``5A002.b``)."""
    listed, item = listed.strip(), item.strip()
    if not listed or not item:
        return False
    return item == listed or item.startswith(listed + ".")


def normalise_cn_prefixes(values: str | Iterable[str]) -> list[str]:
    """CN codes or their first digits (chapter 2, heading 4, subheading 6, code 8),
    separated by spaces, commas or semicolons; dots inside a code are dropped (``8471.30``,
    ``8703``, ``93``). Digits only, sorted, once each; refuse what is not 2 to 8 digits."""
    items = _SEPARATORS.split(values) if isinstance(values, str) else list(values)
    cleaned: set[str] = set()
    for raw in items:
        digits = raw.replace(".", "").strip()
        if not digits:
            continue
        if not digits.isdigit() or not 2 <= len(digits) <= 8:
            raise TradeInputError(
                Text(
                    "{value} is not a Combined Nomenclature code or its first digits (2 to 8 "
                    "digits: chapter, heading, subheading or code).",
                    value=raw,
                ),
                "cn_prefixes",
            )
        cleaned.add(digits)
    return sorted(cleaned)


def cn_matches(cn8: str, prefixes: Iterable[str]) -> str:
    """The first listed code the product's CN code falls under ("" when none)."""
    code = cn8.strip()
    if not code:
        return ""
    for prefix in sorted(prefixes, key=lambda p: (-len(p), p)):
        if code.startswith(prefix):
            return prefix
    return ""


def normalise_countries(values: str | Iterable[str]) -> list[str]:
    """ISO 3166 alpha-2 codes, upper-case, sorted, once each."""
    items = _SEPARATORS.split(values) if isinstance(values, str) else list(values)
    cleaned: set[str] = set()
    for raw in items:
        code = raw.strip().upper()
        if not code:
            continue
        if not _COUNTRY.match(code):
            raise TradeInputError(
                Text("{value} is not a two-letter country code (ISO 3166).", value=raw),
                "countries",
            )
        cleaned.add(code)
    return sorted(cleaned)


def needs_licence(*, control_number: str, annex_iv: bool, departure: str, destination: str) -> bool:
    """Whether moving a controlled item from ``departure`` to ``destination`` needs an
    authorisation: an export out of the Union (art. 3(1)), or an intra-Union transfer of an
    Annex IV item (art. 11(1)). Goods that do not leave from the Union are not exported
    under the regulation (a supplier abroad shipping direct)."""
    if not control_number:
        return False
    leaves_eu = departure in EU_MEMBER_STATES
    if not leaves_eu:
        return False
    if destination in EU_MEMBER_STATES:
        return annex_iv and destination != departure
    return True


# ------------------------------------------------------------------------------- licences


@dataclass(frozen=True)
class LicenceFacts:
    """What a licence allows, and what earlier shipments already took from it."""

    number: str
    countries: Sequence[str]
    valid_from: dt.date
    valid_until: dt.date | None  # None: no end (Union general authorisations)
    control_numbers: Sequence[str] = ()
    product_ids: Sequence[int] = ()
    end_user_ids: Sequence[int] = ()
    quantity_limit: Decimal | None = None
    value_limit: Decimal | None = None
    currency: str = "EUR"
    quantity_used: Decimal = Decimal("0")
    value_used: Decimal = Decimal("0")
    suspended: bool = False

    @property
    def quantity_left(self) -> Decimal | None:
        if self.quantity_limit is None:
            return None
        return self.quantity_limit - self.quantity_used

    @property
    def value_left(self) -> Decimal | None:
        if self.value_limit is None:
            return None
        return self.value_limit - self.value_used


@dataclass(frozen=True)
class LineNeed:
    """A controlled line: what it asks of a licence."""

    product_id: int
    product: str  # the product's reference, for the messages
    control_number: str
    country: str
    on: dt.date
    quantity: Decimal
    value: Decimal
    currency: str
    end_user_ids: Sequence[int] = field(default_factory=tuple)


def plain(value: Decimal) -> Decimal:
    """A quantity without its trailing zeros (2.000 -> 2, 2.500 -> 2.5), never in exponent
    form."""
    if value == value.to_integral_value():
        return value.quantize(Decimal("1"))
    return value.normalize()


def licence_refusals(licence: LicenceFacts, need: LineNeed) -> list[Text]:
    """Why ``licence`` does not cover ``need`` ([] when it does): suspended, not yet or no
    longer valid on the day, country, item (product or control number), end user, quantity
    or value left (Reg. (EU) 2021/821 art. 12: an authorisation is valid for what it names)."""
    reasons: list[Text] = []
    number = licence.number
    if licence.suspended:
        reasons.append(Text("Licence {number} is suspended or revoked.", number=number))
    if need.on < licence.valid_from:
        reasons.append(
            Text(
                "Licence {number} is valid only from {day}.", number=number, day=licence.valid_from
            )
        )
    if licence.valid_until is not None and need.on > licence.valid_until:
        reasons.append(
            Text("Licence {number} expired on {day}.", number=number, day=licence.valid_until)
        )
    if need.country not in licence.countries:
        reasons.append(
            Text(
                "Licence {number} does not cover the country {country}.",
                number=number,
                country=need.country,
            )
        )
    by_product = need.product_id in licence.product_ids
    by_number = any(covers_control_number(c, need.control_number) for c in licence.control_numbers)
    if not by_product and not by_number:
        reasons.append(
            Text(
                "Licence {number} covers neither the product {product} nor its control "
                "number {control}.",
                number=number,
                product=need.product,
                control=need.control_number,
            )
        )
    if licence.end_user_ids and not set(need.end_user_ids) & set(licence.end_user_ids):
        reasons.append(
            Text("Licence {number} is for other end users.", number=number),
        )
    left = licence.quantity_left
    if left is not None and need.quantity > left:
        reasons.append(
            Text(
                "Licence {number} has {left} left, the line needs {quantity}.",
                number=number,
                left=plain(left),
                quantity=plain(need.quantity),
            )
        )
    value_left = licence.value_left
    if value_left is not None:
        if need.currency != licence.currency:
            reasons.append(
                Text(
                    "Licence {number} limits the value in {currency}: the value in {line} "
                    "cannot be checked against it.",
                    number=number,
                    currency=licence.currency,
                    line=need.currency,
                )
            )
        elif need.value > value_left:
            reasons.append(
                Text(
                    "Licence {number} has {left} {currency} of value left, the line needs "
                    "{value} {currency}.",
                    number=number,
                    left=value_left,
                    value=need.value,
                    currency=licence.currency,
                )
            )
    return reasons


@dataclass(frozen=True)
class Coverage:
    """The licences that would cover a need, and why each other one does not."""

    covering: tuple[str, ...]
    refused: dict[str, list[Text]]


def coverage(licences: Iterable[LicenceFacts], need: LineNeed) -> Coverage:
    covering: list[str] = []
    refused: dict[str, list[Text]] = {}
    for licence in licences:
        reasons = licence_refusals(licence, need)
        if reasons:
            refused[licence.number] = reasons
        else:
            covering.append(licence.number)
    return Coverage(tuple(covering), refused)


# ------------------------------------------------------------------------ country measures


FULL_EMBARGO = "full_embargo"
ARMS_EMBARGO = "arms_embargo"
SECTORAL = "sectoral"


@dataclass(frozen=True)
class MeasureFacts:
    title: str
    kind: str
    legal_reference: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    cn_prefixes: Sequence[str] = ()

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


def measure_refusal(
    measure: MeasureFacts, *, country: str, product: str, cn8: str, on: dt.date
) -> Text | None:
    """Why ``measure`` refuses this product for ``country`` on the day, or None.

    A full embargo refuses every product. An arms embargo or a sectoral measure refuses the
    products whose CN code starts with one of its listed codes; a product without a CN code
    cannot be checked, so it is refused until it is classified (the exporter must be able to
    show the goods are not listed before they leave)."""
    if not measure.in_force(on):
        return None
    if measure.kind == FULL_EMBARGO:
        return Text(
            "{country} is under a full embargo ({title}, {reference}): no export.",
            country=country,
            title=measure.title,
            reference=measure.legal_reference,
        )
    if not measure.cn_prefixes:
        return None
    if not cn8:
        return Text(
            "{product} has no CN code: it cannot be checked against {title} ({reference}) "
            "for {country}. Classify the product first.",
            product=product,
            title=measure.title,
            reference=measure.legal_reference,
            country=country,
        )
    matched = cn_matches(cn8, measure.cn_prefixes)
    if matched:
        return Text(
            "{product} (CN {cn}) falls under {title} ({reference}) for {country}: listed "
            "code {listed}.",
            product=product,
            cn=cn8,
            title=measure.title,
            reference=measure.legal_reference,
            country=country,
            listed=matched,
        )
    return None
