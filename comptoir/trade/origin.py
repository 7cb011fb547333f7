"""Preferential origin on an export: which trade agreement a sale falls under, whether the
exporter may make out the statement on origin on the invoice, and its wording.

The rules, as the agreements' origin protocols give them for an exporter in the EU:

* The statement on origin (also called origin declaration or invoice declaration) is made
  out on the invoice by the exporter, in the wording of the agreement's annex:
  EU-UK TCA art. ORIG.19 and Annex ORIG-4; EU-Japan EPA art. 3.17 and Annex 3-D; CETA
  Origin Protocol art. 19 and Annex 2; EU-Korea Protocol on originating products art. 15
  and Annex III; PEM Convention Appendix I art. 21-22 and Annexes IVa/IVb (EU-Switzerland
  Protocol 3 and EU-Morocco Protocol 4 refer to it).
* Any exporter may make it out for a consignment of originating products up to
  EUR 6,000; above, only a registered exporter (REX, Reg. (EU) 2015/2447 art. 68 and the
  TCA, EU-Japan and CETA protocols) or an approved exporter (EU-Korea art. 16, PEM
  Appendix I art. 22) whose number the statement carries.
* Where no statement can be made, the PEM agreements still grant preference on a
  movement certificate EUR.1 or EUR-MED endorsed by customs; the EU-Korea, EU-Japan,
  EU-UK and CETA protocols have no certificate: no statement, no preference.
* A supplier's long-term declaration covers at most two years (Reg. (EU) 2015/2447
  art. 62); the exporter keeps it as the proof behind the origin it declares.

Pure: no Django, no database; the agreements come in as :class:`AgreementTerms`.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

__all__ = [
    "APPROVED",
    "CERTIFICATES",
    "DEFAULT_THRESHOLD_EUR",
    "LONG_TERM_MAX_DAYS",
    "PLACEHOLDERS",
    "REMINDER_DAYS",
    "REX",
    "AgreementTerms",
    "Exporter",
    "LineOrigin",
    "Outcome",
    "StatementDecision",
    "candidates",
    "check_wording",
    "decide_statement",
    "declaration_problem",
    "fill",
    "origin_label",
    "reminder_due",
]

#: Any exporter may make out the statement up to this consignment value (every protocol).
DEFAULT_THRESHOLD_EUR = Decimal("6000")
#: The number a statement above the threshold carries: registered exporter (REX) ...
REX = "rex"
#: ... or approved exporter's customs authorisation.
APPROVED = "approved"
#: Movement certificates a PEM agreement accepts instead of a statement.
CERTIFICATES = ("eur1", "eur_med")
#: The placeholders a statement's wording may hold.
PLACEHOLDERS = frozenset({"number", "origin", "place", "date", "exporter"})
#: A long-term supplier's declaration covers at most two years (IA art. 62(2)).
LONG_TERM_MAX_DAYS = 731
#: A task opens this many days before a supplier's declaration ends.
REMINDER_DAYS = 30

#: The preferential origin as printed in each language ("EU" for the Union).
_ORIGIN_LABELS = {"EU": {"en": "EU", "fr": "UE"}}


class Outcome(StrEnum):
    NO_AGREEMENT = "no_agreement"  # no agreement with the client's country
    NOT_ORIGINATING = "not_originating"  # some line has no preferential origin
    STATEMENT = "statement"  # the statement goes on the invoice
    CERTIFICATE = "certificate"  # no statement possible: an EUR.1 / EUR-MED is needed
    NO_PROOF = "no_proof"  # no statement possible and the agreement has no certificate


@dataclass(frozen=True)
class AgreementTerms:
    """One agreement as the rule reads it."""

    code: str
    name: str
    partners: frozenset[str]
    #: language -> wording with {number}, {origin}, {place}, {date}, {exporter}
    wording: Mapping[str, str]
    statement: bool = True
    certificates: tuple[str, ...] = ()
    exporter_number: str = REX
    threshold_eur: Decimal = DEFAULT_THRESHOLD_EUR
    priority: int = 100


@dataclass(frozen=True)
class LineOrigin:
    """An invoice line: its reference and, per agreement code, its preferential origin
    ("EU" or a partner's ISO code) where the product has one on the invoice's date."""

    reference: str
    origins: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Exporter:
    name: str
    place: str
    rex_number: str = ""
    approved_number: str = ""

    def number(self, kind: str) -> str:
        return (self.rex_number if kind == REX else self.approved_number).strip()


@dataclass(frozen=True)
class StatementDecision:
    outcome: Outcome
    agreement: str = ""
    origin: str = ""
    #: the statement to print, in the invoice's language ("" when there is none)
    text: str = ""
    #: why there is no statement (None when there is one)
    reason: Text | None = None
    #: the certificate to ask customs for instead ("eur1"/"eur_med"), or ""
    certificate: str = ""


def origin_label(origin: str, language: str) -> str:
    return _ORIGIN_LABELS.get(origin, {}).get(language, origin)


def check_wording(wording: str, field_name: str = "wording") -> None:
    """Refuse a wording with a placeholder the statement cannot fill, or without the
    preferential origin (every annex has it)."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(wording) if name is not None}
    except ValueError:
        raise TradeInputError(
            Text(
                "Unbalanced braces in the wording: write {open} and {close} for a brace.",
                open="{{",
                close="}}",
            ),
            field_name,
        ) from None
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        raise TradeInputError(
            Text(
                "Unknown placeholder {names}: use {allowed}.",
                names=", ".join("{" + n + "}" for n in unknown),
                allowed=", ".join("{" + n + "}" for n in sorted(PLACEHOLDERS)),
            ),
            field_name,
        )
    if "origin" not in names:
        raise TradeInputError(
            Text(
                "The wording must hold the preferential origin: {placeholder}.",
                placeholder="{origin}",
            ),
            field_name,
        )


def fill(wording: str, **values: str) -> str:
    """The wording with its placeholders filled; an empty number leaves its space blank, as
    the annexes' footnotes allow below the threshold ("the space left blank")."""
    check_wording(wording)
    text = wording.format(**{name: values.get(name, "") for name in PLACEHOLDERS})
    text = re.sub(r"[ \t]+\)", ")", text)  # "(No )" -> "(No)" when the number is blank
    text = re.sub(r"[ \t]{2,}", " ", text)
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def candidates(agreements: Iterable[AgreementTerms], country: str) -> list[AgreementTerms]:
    """The agreements with the client's country, the most specific first (a bilateral
    agreement before the PEM convention that also covers the country)."""
    return sorted(
        (a for a in agreements if country.upper() in a.partners), key=lambda a: (a.priority, a.code)
    )


def decide_statement(
    *,
    agreements: Iterable[AgreementTerms],
    country: str,
    lines: Sequence[LineOrigin],
    value_eur: Decimal | None,
    exporter: Exporter,
    language: str,
    date_text: str,
) -> StatementDecision:
    """What the invoice to a client in ``country`` carries about preferential origin.

    ``value_eur`` is the consignment's value in euros (None when it cannot be converted:
    then only a numbered exporter may make out the statement)."""
    options = candidates(agreements, country)
    if not options:
        return StatementDecision(
            Outcome.NO_AGREEMENT,
            reason=Text("No trade agreement with {country} in the table.", country=country),
        )
    if not lines:
        return StatementDecision(
            Outcome.NOT_ORIGINATING, options[0].code, reason=Text("The invoice has no line.")
        )
    chosen = next((a for a in options if all(a.code in line.origins for line in lines)), None)
    if chosen is None:
        first = options[0]
        missing = [line.reference or "?" for line in lines if first.code not in line.origins]
        return StatementDecision(
            Outcome.NOT_ORIGINATING,
            first.code,
            reason=Text(
                "No preferential origin under {agreement} recorded for {lines}.",
                agreement=first.name,
                lines=", ".join(missing[:10]),
            ),
        )
    origins = sorted({line.origins[chosen.code] for line in lines})
    if len(origins) > 1:
        return StatementDecision(
            Outcome.NOT_ORIGINATING,
            chosen.code,
            reason=Text(
                "The lines have different preferential origins ({origins}): make out the "
                "statement by hand, marking each line's origin.",
                origins=", ".join(origins),
            ),
        )
    origin = origins[0]
    certificate = _certificate(chosen)
    if not chosen.statement:
        return StatementDecision(
            Outcome.CERTIFICATE if certificate else Outcome.NO_PROOF,
            chosen.code,
            origin,
            reason=Text("{agreement} has no statement on origin.", agreement=chosen.name),
            certificate=certificate,
        )
    number = exporter.number(chosen.exporter_number)
    over = value_eur is None or value_eur > chosen.threshold_eur
    if over and not number:
        reason = (
            Text(
                "Above EUR {threshold} only a registered exporter (REX) may make out the "
                "statement on origin: enter our REX number (Sales → Our company).",
                threshold=_whole(chosen.threshold_eur),
            )
            if chosen.exporter_number == REX
            else Text(
                "Above EUR {threshold} only an approved exporter may make out the statement "
                "on origin: enter our authorisation number (Sales → Our company).",
                threshold=_whole(chosen.threshold_eur),
            )
        )
        if value_eur is None:
            reason = Text(
                "The value in euros is unknown, so the EUR {threshold} limit cannot be checked. "
                "{why}",
                threshold=_whole(chosen.threshold_eur),
                why=reason,
            )
        if certificate:
            reason = Text(
                "{why} Ask customs for a {certificate} instead.",
                why=reason,
                certificate=_CERTIFICATE_NAMES[certificate],
            )
        return StatementDecision(
            Outcome.CERTIFICATE if certificate else Outcome.NO_PROOF,
            chosen.code,
            origin,
            reason=reason,
            certificate=certificate,
        )
    wording = chosen.wording.get(language) or chosen.wording.get("en") or ""
    if not wording.strip():
        return StatementDecision(
            Outcome.NO_PROOF,
            chosen.code,
            origin,
            reason=Text("{agreement} has no statement wording.", agreement=chosen.name),
        )
    text = fill(
        wording,
        number=number,
        origin=origin_label(origin, language if language in chosen.wording else "en"),
        place=exporter.place,
        date=date_text,
        exporter=exporter.name,
    )
    return StatementDecision(Outcome.STATEMENT, chosen.code, origin, text=text)


_CERTIFICATE_NAMES = {"eur1": "EUR.1", "eur_med": "EUR-MED"}


def _whole(amount: Decimal) -> int | Decimal:
    """EUR 6,000 rather than EUR 6,000.00 in a sentence."""
    return int(amount) if amount == amount.to_integral_value() else amount


def _certificate(agreement: AgreementTerms) -> str:
    return next((c for c in CERTIFICATES if c in agreement.certificates), "")


def declaration_problem(
    *, valid_from: dt.date, valid_to: dt.date, long_term: bool
) -> TradeInputError | None:
    """What is wrong with a supplier's declaration's period, or None: an end before the
    start, or a long-term declaration over two years (Reg. (EU) 2015/2447 art. 62(2))."""
    if valid_to < valid_from:
        return TradeInputError(Text("The period ends before it starts."), "valid_to")
    if long_term and (valid_to - valid_from).days >= LONG_TERM_MAX_DAYS:
        return TradeInputError(
            Text(
                "A long-term supplier's declaration covers at most two years "
                "(Reg. (EU) 2015/2447 art. 62)."
            ),
            "valid_to",
        )
    return None


def reminder_due(valid_to: dt.date, today: dt.date, days: int = REMINDER_DAYS) -> bool:
    """True from ``days`` days before the declaration ends until it ends."""
    return today <= valid_to <= today + dt.timedelta(days=days)
