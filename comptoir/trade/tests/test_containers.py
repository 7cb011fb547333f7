"""ISO 6346 container numbers: the check digit and the refusal of a mistyped number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.containers import check_digit, normalise, validate
from comptoir.trade.errors import TradeInputError


@pytest.mark.parametrize(
    ("first_ten", "digit"),
    [
        ("CSQU305438", 3),  # the example of ISO 6346 annex A (and of BIC's documentation)
        ("MSCU123456", 6),
        ("TGHU000000", 8),
    ],
)
def test_check_digit_of_known_numbers(first_ten: str, digit: int) -> None:
    assert check_digit(first_ten) == digit


def test_printed_spacing_is_ignored() -> None:
    assert validate("csqu 305438-3") == "CSQU3054383"
    assert normalise("CSQU 305438/3") == "CSQU3054383"


def test_wrong_check_digit_names_the_expected_one() -> None:
    with pytest.raises(TradeInputError) as caught:
        validate("CSQU3054384", "containers.0.number")
    assert "should be 3, not 4" in caught.value.message
    assert caught.value.field == "containers.0.number"


@pytest.mark.parametrize("bad", ["CSQ3054383", "CSQX3054383", "1SQU3054383", "CSQU305438"])
def test_wrong_shapes_are_refused(bad: str) -> None:
    with pytest.raises(TradeInputError):
        validate(bad)


serials = st.tuples(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3),
    st.sampled_from("UJZ"),
    st.integers(min_value=0, max_value=999_999),
)


@given(serials, st.integers(min_value=0, max_value=9))
def test_only_the_computed_digit_passes(parts: tuple[str, str, int], other: int) -> None:
    owner, category, serial = parts
    first_ten = f"{owner}{category}{serial:06d}"
    digit = check_digit(first_ten)
    assert validate(f"{first_ten}{digit}") == f"{first_ten}{digit}"
    if other != digit:
        with pytest.raises(TradeInputError):
            validate(f"{first_ten}{other}")


@given(serials, st.integers(min_value=4, max_value=9), st.integers(min_value=1, max_value=9))
def test_a_changed_serial_digit_changes_the_remainder(
    parts: tuple[str, str, int], position: int, shift: int
) -> None:
    """Each position weighs 2^i and 11 is prime: one changed digit changes the sum modulo 11."""
    owner, category, serial = parts
    first_ten = f"{owner}{category}{serial:06d}"
    digits = list(first_ten)
    digits[position] = str((int(digits[position]) + shift) % 10)
    changed = "".join(digits)

    def remainder(code: str) -> int:
        from comptoir.trade.containers import _LETTER_VALUES

        return (
            sum((_LETTER_VALUES[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(code))
            % 11
        )

    assert remainder(changed) != remainder(first_ten)
