"""Container identification: the ISO 6346 owner code, category and check digit.

Source: ISO 6346:1995 "Freight containers — Coding, identification and marking", clause 3
and annex A: owner code (3 letters), equipment category (U, J or Z), serial number
(6 digits) and a check digit computed from the ten characters before it. Letters take the
values 10 to 38 skipping the multiples of 11 (A=10, B=12 … K=21, L=23 … U=32, V=34 … Z=38);
each character's value is multiplied by 2 to the power of its position (0 to 9), the sum
is taken modulo 11, and a remainder of 10 counts as 0.
"""

from __future__ import annotations

import re
from typing import Final

from comptoir.trade.errors import TradeInputError

__all__ = ["check_digit", "is_well_formed", "normalise", "validate"]

_SHAPE: Final = re.compile(r"^[A-Z]{3}[UJZ]\d{7}$")


def _letter_values() -> dict[str, int]:
    values: dict[str, int] = {}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    return values


_LETTER_VALUES: Final = _letter_values()


def normalise(number: str) -> str:
    """Upper case, without the spaces, dashes and slashes printed between the parts."""
    return re.sub(r"[\s\-/]", "", number).upper()


def is_well_formed(code: str) -> bool:
    """Owner code, category U, J or Z, serial and check digit, normalised (no check of the
    digit's value: :func:`check_digit`)."""
    return bool(_SHAPE.match(code))


def check_digit(first_ten: str) -> int:
    """The check digit of an owner code, category and serial number (ISO 6346 annex A)."""
    if not re.fullmatch(r"[A-Z]{3}[UJZ]\d{6}", first_ten):
        raise TradeInputError(
            "Give the owner code (3 letters), the category (U, J or Z) and 6 digits.", "number"
        )
    total = 0
    for position, char in enumerate(first_ten):
        value = _LETTER_VALUES[char] if char.isalpha() else int(char)
        total += value * 2**position
    return total % 11 % 10


def validate(number: str, field: str = "number") -> str:
    """The container number, normalised, or an error saying what is wrong with it."""
    code = normalise(number)
    if not is_well_formed(code):
        raise TradeInputError(
            f"{code or number!r} is not a container number: 4 letters (owner code and U, J or "
            "Z) then 7 digits, e.g. MSCU1234566 (ISO 6346).",
            field,
        )
    expected = check_digit(code[:10])
    if int(code[10]) != expected:
        raise TradeInputError(
            f"{code}: the check digit should be {expected}, not {code[10]} (ISO 6346): a "
            "character was probably mistyped.",
            field,
        )
    return code
