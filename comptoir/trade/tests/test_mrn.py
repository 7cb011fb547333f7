"""MRN check character (ISO 6346 algorithm over 17 characters) and customs office numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.trade.errors import TradeInputError
from comptoir.trade.mrn import check_character, normalise, validate_mrn, validate_office


def _by_hand(first_17: str) -> str:
    # the table of DGXXI/0879/99 written out: A=10, B=12 ... K=21, L=23 ... U=32, V=34 ... Z=38
    table = dict(
        zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            [
                10,
                12,
                13,
                14,
                15,
                16,
                17,
                18,
                19,
                20,
                21,
                23,
                24,
                25,
                26,
                27,
                28,
                29,
                30,
                31,
                32,
                34,
                35,
                36,
                37,
                38,
            ],
            strict=True,
        )
    )
    total = sum((table[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(first_17))
    return str(total % 11 % 10)


@pytest.mark.parametrize(
    "first_17", ["24FR0006900001234", "25DE123456789012A", "26FRE00690XY7890B", "19IT9876AB8890120"]
)
def test_check_character_follows_the_table(first_17: str) -> None:
    assert check_character(first_17) == _by_hand(first_17)


def test_worked_example() -> None:
    # 2*1 + 4*2 + F(16)*4 + R(29)*8 + ... + 4*2^16 = 404 786 = 11 x 36 798 + 8
    body = "24FR0006900001234"
    assert check_character(body) == _by_hand(body) == "8"
    mrn = body + "8"
    assert validate_mrn(mrn) == mrn


def test_mistyped_character_is_refused_with_the_expected_one() -> None:
    body = "24FR0006900001234"
    good = check_character(body)
    wrong = str((int(good) + 1) % 10)
    with pytest.raises(TradeInputError) as caught:
        validate_mrn(body + wrong, "export.mrn")
    assert f"should be {good}, not {wrong}" in caught.value.message
    assert caught.value.field == "export.mrn"


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("24FR00069000012", "18 characters, not 15"),
        ("2XFR0006900001234" + "0", "2 digits"),
        ("2412000690000123" + "40", "2 letters"),
    ],
)
def test_wrong_shapes(bad: str, words: str) -> None:
    with pytest.raises(TradeInputError) as caught:
        validate_mrn(bad)
    assert words in caught.value.message


def test_country_expected() -> None:
    body = "24DE0006900001234"
    with pytest.raises(TradeInputError, match="given in DE, not in FR"):
        validate_mrn(body + check_character(body), country="FR")


def test_printed_spacing_is_ignored() -> None:
    body = "24FR0006900001234"
    mrn = body + check_character(body)
    assert validate_mrn(f" {mrn[:4].lower()} {mrn[4:10]}-{mrn[10:]} ") == mrn
    assert normalise("fr 000.690") == "FR000690"


def test_office() -> None:
    assert validate_office("fr000690") == "FR000690"
    with pytest.raises(TradeInputError, match="FR000690"):
        validate_office("F0000690")
    with pytest.raises(TradeInputError):
        validate_office("FR00069")


@given(
    year=st.integers(0, 99),
    country=st.sampled_from(["FR", "DE", "IT", "BE", "NL", "ES"]),
    ident=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=13, max_size=13),
)
def test_every_well_formed_number_validates(year: int, country: str, ident: str) -> None:
    body = f"{year:02d}{country}{ident}"
    mrn = body + check_character(body)
    assert validate_mrn(mrn.lower()) == mrn
    assert check_character(body) == _by_hand(body)


@given(
    body=st.from_regex(r"\A\d{2}[A-Z]{2}[0-9]{13}\Z"),
    position=st.integers(4, 16),
    delta=st.integers(1, 9),
)
def test_a_changed_digit_changes_the_sum_mod_11(body: str, position: int, delta: int) -> None:
    """A digit changed by 1-9 changes the weighted sum modulo 11 (the weights 2^i are never
    multiples of 11): the check character catches it unless the two remainders are 0 and 10."""
    new_digit = (int(body[position]) + delta) % 10
    changed = body[:position] + str(new_digit) + body[position + 1 :]
    if changed == body:
        return
    assert check_character(changed) != check_character(body) or {
        int(_sum(body)) % 11,
        int(_sum(changed)) % 11,
    } == {0, 10}


def _sum(first_17: str) -> int:
    table = {
        c: v
        for c, v in zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            [
                10,
                12,
                13,
                14,
                15,
                16,
                17,
                18,
                19,
                20,
                21,
                23,
                24,
                25,
                26,
                27,
                28,
                29,
                30,
                31,
                32,
                34,
                35,
                36,
                37,
                38,
            ],
            strict=True,
        )
    }
    return sum((table[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(first_17))
