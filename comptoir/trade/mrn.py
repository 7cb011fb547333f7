"""Movement Reference Numbers (MRN) and customs office reference numbers.

MRN: the 18-character number the customs system gives a declaration once accepted
(Union Customs Code, Delegated Regulation (EU) 2015/2446 and Implementing Regulation (EU)
2015/2447, Annex B, data element "Reference number/MRN"; earlier ECS/NCTS specifications):

* characters 1-2: the last two digits of the year of acceptance;
* characters 3-4: the ISO 3166 alpha-2 code of the Member State that accepted it;
* characters 5-16: a unique identifier per year and country (letters and digits);
* character 17: the procedure category identifier (a letter since the UCC, e.g. A for an
  export only, B export and exit summary declaration, H/J for release for free
  circulation); older MRNs carry a letter or a digit there;
* character 18: the check character, computed from the 17 characters before it with the
  ISO 6346 algorithm (DG TAXUD working document DGXXI/0879/99 Rev.1, "Check character
  algorithm for the MRN and GRN"): each character takes a value (digits 0-9, letters 10 to 38
  skipping multiples of 11: A=10, B=12 … K=21, L=23 … U=32, V=34 … Z=38), is multiplied by
  2 to the power of its position (0 to 16), the sum is divided by 11 and the remainder is the
  check character, 10 counting as 0.

Customs office reference number (COL, the EU Customs Office List): the ISO alpha-2 code of
the country followed by six letters or digits, e.g. FR000690 (Roissy fret), FR002300
(Le Havre port).
"""

from __future__ import annotations

import re
from typing import Final

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

__all__ = [
    "check_character",
    "normalise",
    "validate_mrn",
    "validate_office",
]

SOURCE = (
    "Regulations (EU) 2015/2446 and 2015/2447, Annex B (MRN); check character: ISO 6346 "
    "algorithm, DG TAXUD document DGXXI/0879/99 Rev.1"
)

_BODY: Final = re.compile(r"^\d{2}[A-Z]{2}[A-Z0-9]{13}$")
_OFFICE: Final = re.compile(r"^[A-Z]{2}[A-Z0-9]{6}$")


def _letter_values() -> dict[str, int]:
    values: dict[str, int] = {}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    return values


_VALUES: Final = _letter_values()


def normalise(text: str) -> str:
    """Upper case, without the spaces, dashes, dots and slashes people type between parts."""
    return re.sub(r"[\s\-./]", "", text).upper()


def check_character(first_17: str) -> str:
    """The check character (a digit) of the first 17 characters of an MRN."""
    if not _BODY.match(first_17):
        raise TradeInputError(
            Text(
                "An MRN starts with 2 digits (the year), 2 letters (the country) and 13 "
                "letters or digits."
            ),
            "mrn",
        )
    total = 0
    for position, char in enumerate(first_17):
        value = _VALUES[char] if char.isalpha() else int(char)
        total += value * 2**position
    return str(total % 11 % 10)


def validate_mrn(text: str, field: str = "mrn", *, country: str = "") -> str:
    """The MRN normalised, or a :class:`TradeInputError` saying what is wrong with it.

    ``country``: the Member State expected at characters 3-4 (empty: any).
    """
    mrn = normalise(text)
    if len(mrn) != 18:
        raise TradeInputError(Text("An MRN has 18 characters, not {count}.", count=len(mrn)), field)
    if not _BODY.match(mrn[:17]):
        raise TradeInputError(
            Text(
                "An MRN starts with 2 digits (the year), 2 letters (the country) and 13 "
                "letters or digits."
            ),
            field,
        )
    if country and mrn[2:4] != country.upper():
        raise TradeInputError(
            Text(
                "This MRN was given in {given}, not in {expected}: check the number.",
                given=mrn[2:4],
                expected=country.upper(),
            ),
            field,
        )
    expected = check_character(mrn[:17])
    if mrn[17] != expected:
        raise TradeInputError(
            Text(
                "The check character of this MRN should be {expected}, not {given}: a "
                "character is mistyped.",
                expected=expected,
                given=mrn[17],
            ),
            field,
        )
    return mrn


def validate_office(text: str, field: str = "office") -> str:
    """A customs office reference number (e.g. FR000690), normalised."""
    office = normalise(text)
    if not _OFFICE.match(office):
        raise TradeInputError(
            Text(
                "A customs office reference number is the country code and 6 letters or "
                "digits, e.g. FR000690."
            ),
            field,
        )
    return office
