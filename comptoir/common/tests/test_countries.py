"""The country list in the reader's alphabetical order."""

from __future__ import annotations

from comptoir.common.countries import country_choices


def _position(choices: list[tuple[str, str]], code: str) -> int:
    return [c for c, _name in choices].index(code)


def test_accents_do_not_push_a_country_to_the_end_of_its_letter() -> None:
    french = country_choices("fr")
    # Bénin (BJ) before Burundi (BI); Égypte (EG) among the E, before Équateur's neighbours
    assert _position(french, "BJ") < _position(french, "BI")
    assert _position(french, "EG") < _position(french, "ES")  # Égypte before Espagne
    assert _position(french, "EG") > _position(french, "DK")  # and after the D


def test_english_order_unchanged() -> None:
    english = country_choices("en")
    assert _position(english, "FR") < _position(english, "DE") < _position(english, "GB")
