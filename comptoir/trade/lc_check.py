"""The documentary-credit document checker (UCP 600 / ISBP 821): issue 14's fixed contract.

One entry point for the CLI (``comptoir lc check --file CHECK.json``), the API
(``POST /api/lc/check``), the page ``/calculators/lc-check/`` and the credits area::

    from comptoir.trade import lc_check
    result = lc_check.check_presentation(payload, language="fr")

``payload`` is ``{"credit": {...}, "presentation": {"date": ..., "documents": [...]}}``
(see :mod:`comptoir.trade.lc_check_input`); the result is::

    {"compliant": bool,
     "discrepancies": [{"code", "document", "field", "rule", "message"}, ...],
     "last_presentation_date": "YYYY-MM-DD",
     "steps": ["...", ...]}

``message`` and ``steps`` are in ``language`` ("en" or "fr"). Bad input raises
:class:`~comptoir.trade.errors.TradeInputError` whose ``field`` is the path of the
offending value (``"presentation.documents[2].amount"``). The rules are in
:mod:`comptoir.trade.lc_check_rules` (each discrepancy cites its article), the
comparison of words in :mod:`comptoir.trade.lc_check_text`.

The result never depends on the order of the documents, and a document presented
but not required is disregarded (UCP 600 art. 14 g).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from comptoir.trade.lc_check_input import (
    COUNTED_UNITS,
    DOCUMENT_TYPES,
    MAX_DOCUMENTS,
    MEASURED_UNITS,
    BillOfLading,
    CertificateOfOrigin,
    Credit,
    Document,
    InsuranceDocument,
    Invoice,
    PackingList,
    Presentation,
    RequiredDocument,
    parse,
)
from comptoir.trade.lc_check_rules import CODES, RULES, Discrepancy, examine
from comptoir.trade.texts import Text, english_value, render

__all__ = [
    "CODES",
    "COUNTED_UNITS",
    "DOCUMENT_TYPES",
    "MAX_DOCUMENTS",
    "MEASURED_UNITS",
    "RULES",
    "BillOfLading",
    "CertificateOfOrigin",
    "CheckResult",
    "Credit",
    "Discrepancy",
    "Document",
    "InsuranceDocument",
    "Invoice",
    "PackingList",
    "Presentation",
    "RequiredDocument",
    "check",
    "check_presentation",
    "parse",
]

#: Renders a trade-core text for a reader (the Django side passes ``calculators.texts.translate``).
TextRenderer = Callable[[Text, str], str]

LANGUAGES: Final = ("en", "fr")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict on one presentation."""

    credit: Credit
    presentation: Presentation
    discrepancies: tuple[Discrepancy, ...]
    last_presentation_date: date
    shipment_date: date | None
    steps: tuple[Text, ...]

    @property
    def compliant(self) -> bool:
        return not self.discrepancies

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.discrepancies)

    def as_dict(
        self, language: str = "en", translate: TextRenderer | None = None
    ) -> dict[str, Any]:
        """The contract's JSON object, texts in ``language``."""
        show = _renderer(language, translate)
        return {
            "compliant": self.compliant,
            "discrepancies": [
                {
                    "code": d.code,
                    "document": d.document,
                    "field": d.field,
                    "rule": d.rule,
                    "message": show(d.message),
                }
                for d in self.discrepancies
            ],
            "last_presentation_date": self.last_presentation_date.isoformat(),
            "steps": [show(step) for step in self.steps],
        }


def check(payload: Mapping[str, Any]) -> CheckResult:
    """Parse ``payload`` and examine the presentation: the typed result.

    Source: UCP 600 art. 14-31 and ISBP 821 (:mod:`comptoir.trade.lc_check_rules`).
    Raises :class:`~comptoir.trade.errors.TradeInputError` on bad input.
    """
    lc, presentation = parse(payload)
    found = examine(lc, presentation)
    return CheckResult(
        lc,
        presentation,
        tuple(found.discrepancies),
        found.last_presentation_date,
        found.shipment_date,
        tuple(found.steps),
    )


def check_presentation(
    payload: Mapping[str, Any], *, language: str = "en", translate: TextRenderer | None = None
) -> dict[str, Any]:
    """Check a presentation under a documentary credit; the contract's JSON result.

    Source: issue 14 ("The document checker: a fixed contract"); UCP 600 and ISBP 821.
    ``language`` ("en" or "fr") writes ``message`` and ``steps``; ``translate`` (a
    function ``(text, language) -> str``, e.g. ``comptoir.calculators.texts.translate``)
    renders them with Django's catalogue; without it the French catalogue file is read
    directly. Raises :class:`~comptoir.trade.errors.TradeInputError` on bad input.
    """
    return check(payload).as_dict(language, translate)


# --- texts in the reader's language ---------------------------------------------------------

#: The project's gettext catalogues (data files; no code of the project is imported).
_LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"


@lru_cache(maxsize=4)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("django", _LOCALE_DIR, languages=[language], fallback=True)


def _french_value(value: int | Decimal | date) -> str:
    from babel.dates import format_date
    from babel.numbers import format_decimal

    if isinstance(value, date):
        return format_date(value, "d'er' MMMM y" if value.day == 1 else "d MMMM y", locale="fr_FR")
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        pattern = "#,##0." + "0" * places if places else "#,##0"
        return str(format_decimal(value, format=pattern, locale="fr_FR", decimal_quantization=True))
    return str(format_decimal(value, format="#,##0", locale="fr_FR"))


def _renderer(language: str, translate: TextRenderer | None) -> Callable[[Text], str]:
    code = (language or "en").lower()[:2]
    if translate is not None:
        return lambda text: translate(text, code)
    if code == "fr":
        catalogue = _catalogue("fr")
        return lambda text: render(text, catalogue.gettext, _french_value)
    return lambda text: render(text, lambda msgid: msgid, english_value)
