"""Validation and normalisation of trade identifiers: VAT, EORI, IBAN, BIC, phone numbers.

Each function returns the normalised value or raises ``django.core.exceptions.ValidationError``
with a message that says what is wrong, in the user's language.

Sources: python-stdnum (VAT number check digits per country, EU VIES formats), EU Regulation
(EU) No 952/2013 art. 9 and Delegated Reg. 2015/2446 art. 1(18) for the EORI number (country code
+ national identifier of at most 15 characters; in France the SIRET, in the UK the VAT number
followed by 000), schwifty (ISO 13616 IBAN, ISO 9362 BIC), phonenumbers (ITU-T E.164).
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import util as stdnum_util
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren, siret

#: Countries whose VAT numbers carry the ISO prefix in the EU VIES format (Greece is "EL").
EU_VAT_PREFIX = {c.upper(): c.upper() for c in eu_vat.MEMBER_STATES}
EU_VAT_PREFIX["GR"] = "EL"
EU_VAT_PREFIX.pop("EL", None)


def is_eu(country: str) -> bool:
    return country.upper() in EU_VAT_PREFIX or country.upper() == "EL"


def normalise_vat(number: str, country: str) -> str:
    """Check a VAT number against the rules of the partner's country.

    EU numbers are stored in the VIES format with their prefix (``FR40303265045``);
    a number given without the prefix gets it. Countries for which python-stdnum knows no
    VAT format are accepted as typed (compacted), since we cannot check them.
    """
    country = country.upper()
    compact = re.sub(r"[\s.\-/]", "", number).upper()
    if not compact:
        return ""
    if is_eu(country):
        prefix = EU_VAT_PREFIX.get(country, "EL")
        if not compact.startswith(prefix) and not compact[:2].isalpha():
            compact = prefix + compact
        if compact[:2] != prefix:
            raise ValidationError(
                _(
                    "This VAT number starts with %(found)s but the company is in %(country)s: expected %(prefix)s."
                ),
                params={"found": compact[:2], "country": country, "prefix": prefix},
                code="vat_country",
            )
        try:
            return str(eu_vat.validate(compact))
        except StdnumError as exc:
            raise ValidationError(
                _("Invalid VAT number for %(country)s: %(reason)s"),
                params={"country": country, "reason": _stdnum_reason(exc)},
                code="vat_invalid",
            ) from exc
    module = _vat_module(country)
    if module is None:
        return compact
    candidates = [compact]
    if compact[:2] == country:
        candidates.append(compact[2:])
    for candidate in candidates[:-1]:
        try:
            return _with_prefix(str(module.validate(candidate)), country)
        except StdnumError:
            continue
    try:
        return _with_prefix(str(module.validate(candidates[-1])), country)
    except StdnumError as exc:
        raise ValidationError(
            _("Invalid VAT number for %(country)s: %(reason)s"),
            params={"country": country, "reason": _stdnum_reason(exc)},
            code="vat_invalid",
        ) from exc


def _with_prefix(number: str, country: str) -> str:
    """UK VAT numbers are written GB123456789 on invoices; stdnum returns the digits only."""
    return f"GB{number}" if country == "GB" and number.isdigit() else number


def _vat_module(country: str):  # type: ignore[no-untyped-def]
    for name in ("vat", "mva", "tva", "gst", "rfc", "cnpj", "rut", "nit", "tin"):
        try:
            module = stdnum_util.get_cc_module(country.lower(), name)
        except Exception:  # noqa: BLE001 - stdnum raises various import errors
            module = None
        if module is not None:
            return module
    return None


def _stdnum_reason(exc: StdnumError) -> str:
    name = type(exc).__name__
    return {
        "InvalidChecksum": _("the check digits do not match"),
        "InvalidLength": _("wrong length"),
        "InvalidFormat": _("wrong format"),
        "InvalidComponent": _("a part of the number is not valid"),
    }.get(name, _("not a valid number"))


def normalise_eori(number: str) -> str:
    """Check an EORI number: ISO country code + up to 15 alphanumeric characters.

    For France the national part is the SIRET (14 digits, Luhn checked) or the SIREN
    followed by five zeros; for the United Kingdom it is the 9-digit VAT number + 000.
    """
    compact = re.sub(r"[\s.\-]", "", number).upper()
    if not compact:
        return ""
    if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{1,15}", compact):
        raise ValidationError(
            _(
                "An EORI number is a country code followed by 1 to 15 letters or digits (e.g. FR12345678900017)."
            ),
            code="eori_format",
        )
    country, national = compact[:2], compact[2:]
    if country == "FR":
        valid = (len(national) == 14 and national.isdigit() and siret.is_valid(national)) or (
            len(national) == 14 and national.endswith("00000") and siren.is_valid(national[:9])
        )
        if not valid:
            raise ValidationError(
                _(
                    "A French EORI number is FR followed by the 14-digit SIRET of the establishment; this SIRET is not valid."
                ),
                code="eori_fr",
            )
    elif country in ("GB", "XI"):
        if not (len(national) == 12 and national.isdigit() and national.endswith("000")):
            raise ValidationError(
                _("A UK EORI number is GB followed by 12 digits (the VAT number and 000)."),
                code="eori_gb",
            )
    return compact


def normalise_iban(value: str) -> str:
    compact = re.sub(r"\s", "", value).upper()
    if not compact:
        return ""
    try:
        return str(IBAN(compact).compact)
    except SchwiftyException as exc:
        raise ValidationError(
            _("Invalid IBAN: %(reason)s"), params={"reason": _schwifty_reason(exc)}, code="iban"
        ) from exc


def normalise_bic(value: str) -> str:
    compact = re.sub(r"\s", "", value).upper()
    if not compact:
        return ""
    try:
        return str(BIC(compact).compact)
    except SchwiftyException as exc:
        raise ValidationError(
            _("Invalid BIC: %(reason)s"), params={"reason": _schwifty_reason(exc)}, code="bic"
        ) from exc


def _schwifty_reason(exc: Exception) -> str:
    name = type(exc).__name__
    return {
        "InvalidChecksumDigits": _("the check digits do not match"),
        "InvalidLength": _("wrong length"),
        "InvalidStructure": _("wrong structure for this country"),
        "InvalidCountryCode": _("unknown country code"),
        "InvalidBankCode": _("unknown bank code"),
        "InvalidAccountCode": _("invalid account number"),
        "InvalidBBANChecksum": _("the national check digits do not match"),
    }.get(name, _("not a valid number"))


def bic_matches_iban(bic: str, iban: str) -> bool:
    """A BIC's country (characters 5-6) normally equals the IBAN's country."""
    return not bic or not iban or bic[4:6] == iban[:2]


def normalise_phone(value: str, country: str = "") -> str:
    """Return the number in E.164 (``+33472000000``); national numbers use the partner's country."""
    raw = value.strip()
    if not raw:
        return ""
    try:
        parsed = phonenumbers.parse(raw, country.upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Not a phone number: write it with its country code, e.g. +33 4 72 00 00 00."),
            code="phone_parse",
        ) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _("This phone number does not exist in the numbering plan of its country."),
            code="phone_invalid",
        )
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def format_phone(e164: str) -> str:
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
