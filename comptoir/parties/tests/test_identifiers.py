"""VAT, EORI, IBAN, BIC and phone checks: good numbers normalised, bad ones explained."""

import pytest
from django.core.exceptions import ValidationError

from comptoir.parties import identifiers as ids


@pytest.mark.parametrize(
    ("number", "country", "expected"),
    [
        ("FR 40 303 265 045", "FR", "FR40303265045"),
        ("40303265045", "FR", "FR40303265045"),  # the prefix is added
        ("DE 136,695,976", "DE", "DE136695976"),
        ("BE0403019261", "BE", "BE0403019261"),
        ("EL094259216", "GR", "EL094259216"),  # Greece uses EL in VIES
        ("CHE-116.281.710 MWST", "CH", "CHE116281710MWST"),
        ("GB 980 7806 84", "GB", "GB980780684"),
    ],
)
def test_valid_vat_numbers_are_normalised(number, country, expected):
    assert ids.normalise_vat(number, country) == expected


@pytest.mark.parametrize(
    ("number", "country", "code"),
    [
        ("FR41303265045", "FR", "vat_invalid"),  # wrong key
        ("DE136695977", "DE", "vat_invalid"),  # wrong check digit
        ("DE136695976", "FR", "vat_country"),  # German number for a French company
        ("CHE-116.281.711", "CH", "vat_invalid"),
    ],
)
def test_invalid_vat_numbers_are_rejected_with_a_reason(number, country, code):
    with pytest.raises(ValidationError) as err:
        ids.normalise_vat(number, country)
    assert err.value.code == code


def test_vat_of_a_country_stdnum_does_not_know_is_kept_as_typed():
    assert ids.normalise_vat(" 12-345 ", "AQ") == "12345"


def test_eori():
    assert ids.normalise_eori("fr 732 829 320 00074") == "FR73282932000074"
    assert ids.normalise_eori("DE1234567") == "DE1234567"
    with pytest.raises(ValidationError):
        ids.normalise_eori("FR73282932000075")  # SIRET Luhn check fails
    with pytest.raises(ValidationError):
        ids.normalise_eori("12345")
    with pytest.raises(ValidationError):
        ids.normalise_eori("GB12345")


def test_iban_and_bic():
    assert ids.normalise_iban("fr76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189"
    with pytest.raises(ValidationError):
        ids.normalise_iban("FR7630006000011234567890188")
    assert ids.normalise_bic("bnpa frpp") == "BNPAFRPP"
    with pytest.raises(ValidationError):
        ids.normalise_bic("BNPA1RPP")
    assert ids.bic_matches_iban("BNPAFRPP", "FR7630006000011234567890189")
    assert not ids.bic_matches_iban("COBADEFF", "FR7630006000011234567890189")


def test_phone_numbers_are_stored_in_e164():
    assert ids.normalise_phone("04 73 80 12 34", "FR") == "+33473801234"
    assert ids.normalise_phone("+49 89 54321780") == "+498954321780"
    with pytest.raises(ValidationError):
        ids.normalise_phone("12", "FR")
    with pytest.raises(ValidationError):
        ids.normalise_phone("not a number", "FR")
    assert ids.format_phone("+33473801234") == "+33 4 73 80 12 34"
