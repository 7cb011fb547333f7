"""The trade core's texts in the reader's language.

The core returns :class:`~comptoir.trade.texts.Text` values: an English sentence with
``{placeholders}`` (a message of the gettext catalogue, extracted with
``makemessages --keyword=Text``) and its parameters. Here the message is translated
with Django's ``gettext`` and the parameters written for the language: in French
``1 234,56`` and ``2 mars 2026``; in English exactly as the JSON contract writes them
(``1234.56``, ``2026-03-02``), so English pages and the API's ``steps`` are unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import gettext

from comptoir.trade.texts import Text, english_value, render

__all__ = ["localised", "translate", "translate_figure", "with_french"]

#: Result fields that had a French twin in the JSON before the catalogue took over.
FRENCH_TWINS = ("steps", "rule", "guidance")


def _french_value(value: int | Decimal | date) -> str:
    """A number with exactly its decimals and French grouping (``1 234,50``), or a date in words."""
    if isinstance(value, date):
        # French writes the first of the month as an ordinal: "1er mars 2026".
        return format_date(value, "d'er' MMMM y" if value.day == 1 else "d MMMM y", locale="fr_FR")
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        pattern = "#,##0." + "0" * places if places else "#,##0"
        return format_decimal(value, format=pattern, locale="fr_FR", decimal_quantization=True)
    return format_decimal(value, format="#,##0", locale="fr_FR")


def translate_figure(value: Decimal) -> str:
    """A figure written the French way, exactly its decimals (``10 840,00``)."""
    return _french_value(value)


def translate(text: Text, language: str | None = None) -> str:
    """``text`` in ``language`` (default: the active language), figures written for it."""
    code = language or translation.get_language() or "en"
    if not code.startswith("fr"):
        with translation.override(code):
            return render(text, gettext, english_value)
    with translation.override(code):
        return render(text, gettext, _french_value)


def localised(value: Any, language: str | None = None) -> Any:
    """A JSON result with every trade-core text in ``language`` (other values untouched)."""
    if isinstance(value, Text):
        return translate(value, language)
    if isinstance(value, Mapping):
        return {key: localised(item, language) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [localised(item, language) for item in value]
    return value


def with_french(result: Mapping[str, Any]) -> dict[str, Any]:
    """The English JSON result plus ``steps_fr``, ``rule_fr``, ``guidance_fr`` in French.

    The API and the CLI answered these fields for some calculators before the texts
    moved to the catalogue; they now come for every calculator that has the English field.
    """
    out = {key: localised(value, "en") for key, value in result.items()}
    for key in FRENCH_TWINS:
        if key in result and result[key] is not None:
            out[f"{key}_fr"] = localised(result[key], "fr")
    return out
