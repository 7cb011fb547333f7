"""French invoice rules for a French seller of goods: VAT case, payment terms, totals, credit notes.

Sources (the seller is a company established in France):

* VAT territory and cases:
  - Council Directive 2006/112/EC (VAT Directive), art. 7(1): transactions originating in or
    intended for the Principality of Monaco are treated as transactions originating in or
    intended for France (with the Franco-Monegasque tax convention of 18 May 1963, art. 15:
    turnover taxes apply in Monaco on the same bases and rates as in France);
  - Windsor Framework (Protocol on Ireland/Northern Ireland), art. 8: EU VAT rules on goods
    apply in Northern Ireland, whose traders use VAT numbers prefixed "XI";
  - CGI art. 262 I and directive art. 146: exports of goods outside the EU are exempt;
  - CGI art. 262 ter I and directive art. 138: supplies of goods dispatched to another member
    state for a taxable buyer identified for VAT there are exempt (the buyer accounts for the
    VAT of its intra-Community acquisition); the buyer's valid VAT number is a substantive
    condition since 1 January 2020 (directive 2018/1910), to be checked on VIES by the caller;
  - CGI art. 258 I a: when a condition of the exemption is missing (no VAT number), the supply
    is located in France, where the transport begins, and French VAT is charged (BOFiP
    BOI-TVA-CHAMP-30-20-10); distance sales to consumers (CGI art. 258 A, EUR 10,000 EU-wide
    threshold and OSS since 1 July 2021) are out of scope;
  - CGI art. 256 I and 278: domestic supplies, standard rate 20 %;
  - CGI annex II art. 242 nonies A: mandatory invoice mentions (VAT numbers of both parties for
    intra-Community supplies, reference to the exemption provision);
  - EN 16931-1 and the UNCL 5305 code list: VAT category codes S, K, G; the CEF VATEX code list:
    VATEX-EU-IC (intra-Community supply), VATEX-EU-G (export outside the EU); business rule
    BR-CO-17: VAT per category = taxable amount x rate / 100, rounded.
* Payment terms and late payment (Code de commerce):
  - art. L441-10 I: the agreed term may not exceed 60 days from the invoice date, or 45 days
    end of month if expressly stipulated and not a manifest abuse; the CEPC/DGCCRF Q&A
    "Délais de paiement : sur la computation des délais" accepts counting 45 days from the
    invoice date then going to the end of that month (used here), or end of month + 45 days;
  - CEPC opinions 16-12 (16 June 2016) and 21-3 (18 March 2021): international sales of goods
    governed by the Vienna Convention (CISG, 1980) are not subject to the L441-10 ceiling (the
    term must still not be a manifest abuse); L441-11 (2019, amended 2023) holds sector rules,
    no general export exemption;
  - art. L441-10 II: late-payment penalties, by default the ECB's most recent main refinancing
    rate + 10 percentage points, the rate in force on 1 January (1 July) applying for the first
    (second) half-year; a contractual rate may not be below 3 x the legal interest rate;
    penalties are due without reminder; a fixed recovery indemnity is owed;
  - art. D441-5: the fixed recovery indemnity is EUR 40;
  - art. L441-9: the invoice states the payment date, the discount conditions, the penalty rate
    and the recovery indemnity.
* Credit notes: CGI art. 289 I (a document amending an invoice refers to it specifically and
  unambiguously) and art. 272-1 (VAT charged on a sale later cancelled is recovered).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

import pycountry
from stdnum.eu import vat as eu_vat

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import currency_code, decimal_str, round_money, to_decimal

__all__ = [
    "EU_MEMBER_STATES",
    "LATE_PAYMENT_MARGIN",
    "MAX_DAYS_END_OF_MONTH",
    "MAX_DAYS_FROM_INVOICE",
    "RECOVERY_INDEMNITY_EUR",
    "Line",
    "Totals",
    "VatCase",
    "VatTreatment",
    "credit_note_allowed",
    "due_date",
    "late_payment_clause",
    "late_payment_interest",
    "late_payment_rate",
    "legal_term_warning",
    "line_net",
    "totals",
    "vat_treatment",
]

HUNDRED = Decimal(100)

#: ISO 3166-1 alpha-2 codes of the 27 EU member states (2026). Greece is GR here; its VAT
#: prefix is EL (see :data:`_VAT_PREFIX`). Monaco (MC) is not a member state but is treated
#: as France for VAT (directive 2006/112/EC art. 7(1)): :func:`vat_treatment` handles it.
EU_MEMBER_STATES: frozenset[str] = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip

#: Countries treated as France for VAT: France and Monaco (directive 2006/112/EC art. 7(1)).
_FRANCE_FOR_VAT = frozenset({"FR", "MC"})

#: VAT number prefix of each member state (VIES format): the ISO code, except Greece (EL).
_VAT_PREFIX = {code: ("EL" if code == "GR" else code) for code in EU_MEMBER_STATES}

#: Northern Ireland traders' prefix: EU VAT rules on goods apply there (Windsor Framework art. 8).
NORTHERN_IRELAND_PREFIX = "XI"

#: Prefixes of a buyer that can receive an exempt intra-Community supply from France.
_EXEMPT_BUYER_PREFIXES = frozenset(_VAT_PREFIX.values()) - {"FR"} | {NORTHERN_IRELAND_PREFIX}

#: Ceilings of Code de commerce art. L441-10 I.
MAX_DAYS_FROM_INVOICE = 60
MAX_DAYS_END_OF_MONTH = 45
MAX_PAYMENT_DAYS = 365

#: Percentage points added to the ECB main refinancing rate (Code de commerce art. L441-10 II).
LATE_PAYMENT_MARGIN = Decimal("10")
#: Fixed indemnity for recovery costs, in euros (Code de commerce art. D441-5).
RECOVERY_INDEMNITY_EUR = Decimal("40")

_VAT_SEPARATORS = re.compile(r"[\s.\-/]")


class VatCase(StrEnum):
    """The VAT case of a sale of goods by a French seller."""

    DOMESTIC = "domestic"  # goods delivered in France or Monaco: French VAT
    INTRA_EU_B2B = "intra_eu_b2b"  # to another member state, buyer with VAT number: exempt
    INTRA_EU_B2C = "intra_eu_b2c"  # to another member state, no VAT number: French VAT
    EXPORT = "export"  # outside the EU VAT territory: exempt
    OUTSIDE_SCOPE = "outside_scope"  # goods leaving from abroad: not subject to French VAT


@dataclass(frozen=True, slots=True)
class VatTreatment:
    """Result of :func:`vat_treatment`: the rate, invoice mentions and EN 16931 codes."""

    case: VatCase
    rate: Decimal  # percent: Decimal("20") or Decimal("0")
    mention_fr: str  # legal mention to print on the invoice ("" when VAT is charged)
    mention_en: str
    legal_reference: str
    exemption_code: str  # EN 16931 VATEX code, "" when VAT is charged
    vat_category: str  # EN 16931 / UNCL 5305: "S", "K", "G" or "O"
    buyer_vat_required: bool  # the buyer's VAT number must appear on the invoice
    review: tuple[ReviewPoint, ...] = ()  # what the user must check before issuing

    @property
    def exempt(self) -> bool:
        return self.rate == 0

    def mention(self, language: str) -> str:
        return self.mention_fr if language == "fr" else self.mention_en


_EXPORT_FR = "Exonération de TVA, article 262 I du CGI"
_EXPORT_EN = "VAT exempt: export of goods, article 262 I of the French General Tax Code (CGI)"
# Goods, not services: no "autoliquidation" wording (that belongs to reverse-charge supplies,
# CGI art. 283-2); the exemption article and, in English, the directive's article 138.
_INTRA_FR = "Exonération de TVA, article 262 ter I du CGI"
_INTRA_EN = (
    "VAT exempt intra-Community supply of goods, Article 138 of Council Directive "
    "2006/112/EC (article 262 ter I of the French General Tax Code)"
)
_OUTSIDE_FR = "Opération non soumise à la TVA française : livraison située hors de France (article 258 I du CGI)"
_OUTSIDE_EN = (
    "Not subject to French VAT: supply of goods located outside France "
    "(article 258 I of the French General Tax Code)"
)


def _country(value: str, field: str) -> str:
    code = value.strip().upper() if isinstance(value, str) else ""
    if code == "EL":
        raise TradeInputError(
            "EL is Greece's VAT prefix: give the country as its ISO 3166 code, GR.", field
        )
    if code == NORTHERN_IRELAND_PREFIX:
        raise TradeInputError(
            "XI is not a country code: give GB and the buyer's XI VAT number for Northern Ireland.",
            field,
        )
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise TradeInputError(
            f"Unknown country {value!r}: give a two-letter ISO 3166 code such as DE.", field
        )
    return code


def _check_vat_number(number: str) -> None:
    """Verify a compacted VAT number's format and check digits offline (python-stdnum)."""
    if not eu_vat.is_valid(number):
        raise TradeInputError(
            f"{number!r} is not a valid EU VAT number (wrong format or check digits).",
            "buyer_vat_number",
        )


class SpecialCase(StrEnum):
    """Supplies the rules of :func:`vat_for_dispatch` cannot decide alone: the user checks."""

    NONE = ""
    CHAIN = "chain"  # successive supplies of the same goods, one transport
    TRIANGULAR = "triangular"  # chain of three parties in three member states
    CALL_OFF_STOCK = "call_off_stock"  # goods sent to a stock at the buyer's disposal
    BEFORE_IMPORT = "before_import"  # goods sold before they are imported into the EU


@dataclass(frozen=True, slots=True)
class ReviewPoint:
    """A point the user must check before issuing, with the rule that decides it."""

    code: str
    text_fr: str
    text_en: str
    rule: str

    def text(self, language: str) -> str:
        return self.text_fr if language == "fr" else self.text_en


_SPECIAL_REVIEW = {
    SpecialCase.CHAIN: ReviewPoint(
        "chain_sale",
        "Vente en chaîne : une seule des livraisons successives est la livraison "
        "intracommunautaire exonérée, celle à laquelle le transport est rattaché. Vérifiez "
        "qui organise le transport avant d'émettre.",
        "Chain sale: only the supply the transport is attributed to is the exempt "
        "intra-Community supply. Check who organises the transport before issuing.",
        "Directive 2006/112/EC art. 36 bis (36a); CGI art. 258 D, 262 ter I",
    ),
    SpecialCase.TRIANGULAR: ReviewPoint(
        "triangular",
        "Opération triangulaire : l'exonération et l'autoliquidation par le destinataire "
        "supposent les conditions de l'article 141 de la directive (acquéreur identifié dans "
        "un troisième État membre, transport direct, mention sur sa facture). Vérifiez-les.",
        "Triangular transaction: the simplification needs the conditions of article 141 of "
        "the directive (intermediary identified in a third member state, direct transport, "
        "mention on its invoice). Check them.",
        "Directive 2006/112/EC art. 141 and 197; CGI art. 258 D-I and 262 ter I",
    ),
    SpecialCase.CALL_OFF_STOCK: ReviewPoint(
        "call_off_stock",
        "Stock sous contrat de dépôt (call-off stock) : le transfert est exonéré quand les "
        "biens sont appelés par l'acquéreur dans les 12 mois et que les deux registres sont "
        "tenus ; sinon c'est un transfert assimilé à une livraison. Vérifiez.",
        "Call-off stock: the transfer is exempt when the buyer calls off the goods within 12 "
        "months and both registers are kept; otherwise it is a deemed supply. Check.",
        "Directive 2006/112/EC art. 17 bis (17a); CGI art. 256 III, 262 ter I and 286 quater",
    ),
    SpecialCase.BEFORE_IMPORT: ReviewPoint(
        "before_import",
        "Marchandises vendues avant leur importation : la livraison est située là où part le "
        "transport, ou dans l'État d'importation si le vendeur est redevable de la TVA "
        "d'importation. Vérifiez qui dédouane.",
        "Goods sold before import: the supply is located where the transport begins, or in "
        "the member state of import when the seller is liable for the import VAT. Check who "
        "clears the goods.",
        "Directive 2006/112/EC art. 32; CGI art. 258 I b and III",
    ),
}


@dataclass(frozen=True, slots=True)
class Dispatch:
    """Where the goods go, and who buys them: what decides the VAT case of a sale of goods.

    ``departure_country``: where the goods are when the transport to the buyer begins (our
    warehouse, a supplier shipping direct). ``arrival_country``: the delivery address of the
    delivery, else of the order. ``buyer_country`` and ``buyer_vat_number``: the client's
    registered country and the VAT number it gave for this sale.
    """

    departure_country: str
    arrival_country: str
    buyer_country: str
    buyer_vat_number: str = ""
    special_case: SpecialCase = SpecialCase.NONE


def _charged_in_france(
    rate: Decimal, reference: str, review: tuple[ReviewPoint, ...]
) -> VatTreatment:
    return VatTreatment(VatCase.DOMESTIC, rate, "", "", reference, "", "S", False, review)


def vat_for_dispatch(
    dispatch: Dispatch, *, seller_country: str = "FR", domestic_rate: Decimal = Decimal("20")
) -> VatTreatment:
    """VAT case of a sale of goods by a French seller, decided by where the goods go.

    The place of a supply of goods dispatched or transported is where the transport begins
    (CGI art. 258 I a; directive 2006/112/EC art. 32); the buyer's registered country does
    not decide it. Rules, in order:

    * goods departing from outside France and Monaco: the supply is not located in France
      (CGI art. 258 I): OUTSIDE_SCOPE, no French VAT, flagged for review (the VAT of the
      departure country may apply, and goods sold before import have their own rule, art. 32);
    * goods arriving in France or Monaco (directive art. 7(1)): DOMESTIC, French VAT
      (CGI art. 256 I, 278), whatever the buyer's country (a German or Swiss client delivered
      in Lyon pays French VAT);
    * goods arriving in another member state (or Northern Ireland with an XI number,
      Windsor Framework art. 8) for a buyer identified for VAT in a member state other than
      France: INTRA_EU_B2B, exempt (CGI art. 262 ter I; directive art. 138(1)(b)); a VAT
      number from another state than the arrival one is flagged (chain or triangular sale?
      art. 36a, 141);
    * goods arriving in another member state without such a number (none, or a French one):
      INTRA_EU_B2C, French VAT (CGI art. 258 I a; the exemption's conditions are missing);
    * goods leaving the EU VAT territory: EXPORT, exempt (CGI art. 262 I; directive art. 146),
      whatever the buyer's country; proof of exit by the customs export declaration.

    Special cases the rules cannot settle alone (:class:`SpecialCase`) are flagged in
    ``review`` with the rule to check; the treatment given is the one of the plain rules.
    """
    if not isinstance(seller_country, str) or seller_country.strip().upper() != "FR":
        raise TradeInputError(
            f"Only a seller established in France is supported (got {seller_country!r}).",
            "seller_country",
        )
    rate = to_decimal(domestic_rate, "domestic_rate", minimum=0, strict_minimum=True, what="rate")
    if rate >= HUNDRED:
        raise TradeInputError("The VAT rate is a percentage below 100, e.g. 20.", "domestic_rate")
    departure = _country(dispatch.departure_country, "departure_country")
    arrival = _country(dispatch.arrival_country, "arrival_country")
    _country(dispatch.buyer_country, "buyer_country")
    if not isinstance(dispatch.buyer_vat_number, str):
        raise TradeInputError("Give the buyer's VAT number as text.", "buyer_vat_number")
    try:
        special = SpecialCase(dispatch.special_case)
    except ValueError:
        raise TradeInputError(
            f"Unknown special case {dispatch.special_case!r}: one of "
            f"{', '.join(c.value for c in SpecialCase if c.value)}.",
            "special_case",
        ) from None
    number = _VAT_SEPARATORS.sub("", dispatch.buyer_vat_number).upper()
    review: tuple[ReviewPoint, ...] = (
        (_SPECIAL_REVIEW[special],) if special is not SpecialCase.NONE else ()
    )

    if departure not in _FRANCE_FOR_VAT:
        review += (
            ReviewPoint(
                "departure_abroad",
                f"Les marchandises partent de {departure}, pas de France : la livraison n'est "
                "pas soumise à la TVA française ; la TVA du pays de départ peut s'appliquer.",
                f"The goods leave from {departure}, not from France: the supply is not subject "
                "to French VAT; the VAT of the departure country may apply.",
                "CGI art. 258 I; directive 2006/112/EC art. 32",
            ),
        )
        return VatTreatment(
            VatCase.OUTSIDE_SCOPE,
            Decimal(0),
            _OUTSIDE_FR,
            _OUTSIDE_EN,
            "CGI art. 258 I (supply located where the transport begins); directive "
            "2006/112/EC art. 32",
            "VATEX-EU-O",
            "O",
            False,
            review,
        )

    if arrival in _FRANCE_FOR_VAT:
        reference = (
            "CGI art. 256 I, 258 I a and 278 (standard rate 20 %; reduced rates art. 278-0 bis ff.)"
        )
        if arrival == "MC":
            reference += "; Monaco treated as France: directive 2006/112/EC art. 7(1)"
        return _charged_in_france(rate, reference, review)

    to_northern_ireland = arrival == "GB" and number.startswith(NORTHERN_IRELAND_PREFIX)
    if arrival in EU_MEMBER_STATES or to_northern_ireland:
        if number and number[:2] not in _EXEMPT_BUYER_PREFIXES | {"FR"}:
            raise TradeInputError(
                f"{dispatch.buyer_vat_number!r} is not an EU VAT number: it must start with the "
                "prefix of a member state (EL for Greece) or XI for Northern Ireland.",
                "buyer_vat_number",
            )
        if not number or number[:2] == "FR":
            if number:
                review += (
                    ReviewPoint(
                        "french_vat_number",
                        f"Marchandises livrées en {arrival} à un client qui donne un numéro de "
                        "TVA français : l'exonération suppose un acquéreur identifié dans un "
                        "autre État membre ; demandez son numéro de TVA de l'État d'arrivée.",
                        f"Goods delivered in {arrival} to a client giving a French VAT number: "
                        "the exemption needs a buyer identified in another member state; ask "
                        "for its VAT number in the arrival state.",
                        "CGI art. 262 ter I; directive 2006/112/EC art. 138(1)(b)",
                    ),
                )
            return VatTreatment(
                VatCase.INTRA_EU_B2C,
                rate,
                "",
                "",
                "CGI art. 258 I a (no VAT number of another member state: supply located in "
                "France, where the transport begins; BOI-TVA-CHAMP-30-20-10); distance sales "
                "(CGI art. 258 A) out of scope",
                "",
                "S",
                False,
                review,
            )
        _check_vat_number(number)
        prefix = number[:2]
        number_state = "GR" if prefix == "EL" else prefix
        if prefix != NORTHERN_IRELAND_PREFIX and number_state != arrival:
            review += (
                ReviewPoint(
                    "vat_number_other_state",
                    f"Le numéro de TVA du client est de {number_state} mais les marchandises "
                    f"arrivent en {arrival} : opération triangulaire ou en chaîne ? Sinon, "
                    f"demandez son numéro de TVA en {arrival}.",
                    f"The client's VAT number is from {number_state} but the goods arrive in "
                    f"{arrival}: a triangular or chain sale? Otherwise ask for its VAT number "
                    f"in {arrival}.",
                    "Directive 2006/112/EC art. 36a, 41, 138 and 141; CGI art. 262 ter I",
                ),
            )
        reference = (
            "CGI art. 262 ter I; directive 2006/112/EC art. 138; CGI annex II art. 242 nonies A "
            "(both VAT numbers on the invoice)"
        )
        if prefix == NORTHERN_IRELAND_PREFIX:
            reference += "; Northern Ireland: Windsor Framework art. 8"
        return VatTreatment(
            VatCase.INTRA_EU_B2B,
            Decimal(0),
            _INTRA_FR,
            _INTRA_EN,
            reference,
            "VATEX-EU-IC",
            "K",
            True,
            review,
        )

    return VatTreatment(
        VatCase.EXPORT,
        Decimal(0),
        _EXPORT_FR,
        _EXPORT_EN,
        "CGI art. 262 I; directive 2006/112/EC art. 146; proof of exit: customs export declaration",
        "VATEX-EU-G",
        "G",
        False,
        review,
    )


def vat_treatment(
    buyer_country: str,
    buyer_vat_number: str = "",
    *,
    seller_country: str = "FR",
    domestic_rate: Decimal = Decimal("20"),
) -> VatTreatment:
    """VAT case of goods sent from France to ``buyer_country`` (a shortcut of
    :func:`vat_for_dispatch` where the goods arrive in the buyer's country).

    A buyer's French VAT number on goods sent to another member state is refused here (the
    exempt supply needs a buyer identified elsewhere, CGI art. 262 ter I);
    :func:`vat_for_dispatch` charges French VAT and flags it instead.
    """
    number = (
        _VAT_SEPARATORS.sub("", buyer_vat_number).upper()
        if isinstance(buyer_vat_number, str)
        else ""
    )
    country = _country(buyer_country, "buyer_country")
    if country in EU_MEMBER_STATES - {"FR"} and number.startswith("FR"):
        raise TradeInputError(
            "A French VAT number does not allow an exempt intra-Community supply (CGI art. "
            "262 ter I requires a buyer identified in another member state): give the "
            "buyer's VAT number from another member state, or none to charge French VAT.",
            "buyer_vat_number",
        )
    return vat_for_dispatch(
        Dispatch("FR", country, country, buyer_vat_number),
        seller_country=seller_country,
        domestic_rate=domestic_rate,
    )


# --- payment terms -------------------------------------------------------------------------


def _payment_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_PAYMENT_DAYS:
        raise TradeInputError(
            f"The payment term is a whole number of days between 0 and {MAX_PAYMENT_DAYS}.",
            "payment_days",
        )
    return days


def due_date(invoice_date: date, days: int, end_of_month: bool = False) -> date:
    """Due date of an invoice: ``N days`` or ``N days end of month`` from the invoice date.

    "N days" is the invoice date + N calendar days. "N days end of month" (N jours fin de mois)
    is the invoice date + N days, then the last day of that month: the reading the CEPC/DGCCRF
    Q&A on Code de commerce art. L441-10 I describes first ("45 days from the invoice date, the
    limit falling at the end of the calendar month in which they expire"); e.g. an invoice of
    15 January at 45 days end of month is due on 31 March (15 January + 45 = 1 March).
    """
    end = invoice_date + timedelta(days=_payment_days(days))
    if end_of_month:
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    return end


class TermBasis(StrEnum):
    """Why a payment term beyond the L441-10 I ceiling is lawful, recorded when issuing."""

    FOREIGN_LAW = "foreign_law"
    EXPORT_PURCHASE_90_DAYS = "export_purchase_90"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class TermExcess:
    """A payment term beyond the ceiling of Code de commerce art. L441-10 I, and the rule."""

    days: int
    end_of_month: bool
    ceiling: str  # "60 days" or "45 days end of month"
    text_fr: str
    text_en: str
    rule: str = "Code de commerce art. L441-10 I (fines: art. L441-16)"

    def text(self, language: str) -> str:
        return self.text_fr if language == "fr" else self.text_en


def payment_term_excess(days: int, end_of_month: bool) -> TermExcess | None:
    """The excess of a payment term over the ceilings of Code de commerce art. L441-10 I.

    Ceilings: 60 days from the invoice date, or 45 days end of month (expressly stipulated
    and not a manifest abuse). Beyond them the seller risks an administrative fine of up to
    EUR 2 million (art. L441-16). None when the term is within the ceiling. Whether the
    ceiling applies at all (a contract under foreign law) is the user's call, recorded at
    issue with :class:`TermBasis` (see :func:`check_term_basis`).
    """
    days = _payment_days(days)
    if end_of_month and days > MAX_DAYS_END_OF_MONTH:
        return TermExcess(
            days,
            True,
            f"{MAX_DAYS_END_OF_MONTH} days end of month",
            f"Un délai de {days} jours fin de mois dépasse le plafond de "
            f"{MAX_DAYS_END_OF_MONTH} jours fin de mois (article L441-10 I du Code de "
            "commerce ; amende administrative, article L441-16).",
            f"A term of {days} days end of month exceeds the ceiling of "
            f"{MAX_DAYS_END_OF_MONTH} days end of month (French Commercial Code art. L441-10 I; "
            "administrative fine, art. L441-16).",
        )
    if not end_of_month and days > MAX_DAYS_FROM_INVOICE:
        return TermExcess(
            days,
            False,
            f"{MAX_DAYS_FROM_INVOICE} days",
            f"Un délai de {days} jours dépasse le plafond de {MAX_DAYS_FROM_INVOICE} jours "
            "à compter de la date de facture (article L441-10 I du Code de commerce ; amende "
            "administrative, article L441-16).",
            f"A term of {days} days exceeds the ceiling of {MAX_DAYS_FROM_INVOICE} days from "
            "the invoice date (French Commercial Code art. L441-10 I; administrative fine, "
            "art. L441-16).",
        )
    return None


#: Longest term for goods bought VAT-free to be delivered as they are outside the EU.
MAX_DAYS_EXPORT_PURCHASE = 90


def check_term_basis(
    basis: TermBasis | str, days: int, end_of_month: bool, case: VatCase, reason: str
) -> None:
    """Refuse a recorded basis for a term beyond the ceiling when it cannot apply.

    * FOREIGN_LAW: the contract is governed by a foreign law (or the Vienna Convention, CISG)
      with a buyer established abroad; the CEPC holds that L441-10 then does not apply
      (opinions 16-12 and 21-3). Not for a domestic sale (goods staying in France).
    * EXPORT_PURCHASE_90_DAYS: Code de commerce art. L441-11: goods bought free of VAT
      (CGI art. 275) to be delivered as they are outside the EU may be paid up to 90 days
      from the invoice date; never "end of month", never beyond 90 days.
    * OTHER: any other ground, which the user must write out.
    ``reason`` (free text) is required for OTHER and kept in the audit trail in every case.
    """
    try:
        basis = TermBasis(basis)
    except ValueError:
        raise TradeInputError(
            f"Unknown ground {basis!r}: one of {', '.join(b.value for b in TermBasis)}.",
            "term_basis",
        ) from None
    days = _payment_days(days)
    if basis is TermBasis.FOREIGN_LAW and case is VatCase.DOMESTIC:
        raise TradeInputError(
            "A sale whose goods stay in France is under French law for its payment term: "
            "the foreign-law ground does not apply.",
            "term_basis",
        )
    if basis is TermBasis.EXPORT_PURCHASE_90_DAYS and (
        end_of_month or days > MAX_DAYS_EXPORT_PURCHASE
    ):
        raise TradeInputError(
            f"Code de commerce art. L441-11 allows at most {MAX_DAYS_EXPORT_PURCHASE} days from "
            "the invoice date (not end of month).",
            "term_basis",
        )
    if basis is TermBasis.OTHER and not (isinstance(reason, str) and reason.strip()):
        raise TradeInputError("Write out the ground for this payment term.", "term_reason")


def legal_term_warning(days: int, end_of_month: bool, buyer_case: VatCase) -> str | None:
    """Warning (English) when a payment term exceeds the ceilings of Code de commerce L441-10 I.

    Every VAT case is checked: a French seller's contract is under French law unless the
    parties chose another, so an export or intra-EU sale gets the warning too, with the
    caveat that the CEPC (opinions 16-12 and 21-3) considers contracts under a foreign law
    or the Vienna Convention (CISG) outside the ceiling.
    """
    if not isinstance(buyer_case, VatCase):
        raise TradeInputError(
            f"Unknown VAT case {buyer_case!r}: one of {', '.join(c.value for c in VatCase)}.",
            "vat_case",
        )
    excess = payment_term_excess(days, end_of_month)
    if excess is None:
        return None
    text = excess.text_en
    if buyer_case is not VatCase.DOMESTIC:
        text += (
            " For an international sale governed by a foreign law or the Vienna Convention "
            "(CISG) the CEPC considers the ceiling does not apply (opinion 21-3): check the "
            "contract's law."
        )
    return text


# --- late payment --------------------------------------------------------------------------


def late_payment_rate(ecb_rate: Decimal) -> Decimal:
    """Statutory late-payment rate: the ECB main refinancing rate + 10 percentage points.

    Source: Code de commerce art. L441-10 II. The caller passes the ECB rate of the first day
    of the half-year (in force on 1 January for January-June, on 1 July for July-December);
    e.g. 4.25 % on 1 July 2024 gives 14.25 % for the second half of 2024.
    """
    rate = to_decimal(ecb_rate, "ecb_rate", minimum=-100, maximum=100, what="ECB rate")
    return rate + LATE_PAYMENT_MARGIN


def late_payment_interest(
    amount: Decimal, annual_rate_pct: Decimal, days_late: int, currency: str
) -> Decimal:
    """Late-payment penalties: simple interest ``amount x rate / 100 x days / 365``, rounded.

    Source: Code de commerce art. L441-10 II (penalties run from the day after the due date,
    without reminder). Simple interest on an annual rate over a 365-day year (leap years
    included), rounded half-up to the currency's minor unit. The EUR 40 recovery indemnity
    (:data:`RECOVERY_INDEMNITY_EUR`) is owed on top, per invoice.
    """
    code = currency_code(currency)
    base = to_decimal(amount, "amount", minimum=0)
    rate = to_decimal(annual_rate_pct, "annual_rate_pct", minimum=0, maximum=100, what="rate")
    if isinstance(days_late, bool) or not isinstance(days_late, int) or days_late < 0:
        raise TradeInputError("The delay is a whole number of days, 0 or more.", "days_late")
    return round_money(base * rate / HUNDRED * days_late / 365, code)


def late_payment_clause(rate_pct: Decimal | None, language: str) -> str:
    """The payment-terms clause required on invoices between businesses, in "fr" or "en".

    Source: Code de commerce art. L441-9 (the invoice states the discount conditions, the
    penalty rate and the fixed recovery indemnity), L441-10 II (ECB rate + 10 points by
    default, due without reminder) and D441-5 (EUR 40). ``rate_pct`` is the annual penalty
    rate agreed in the contract; None prints the statutory ECB rate + 10 points. A contractual
    rate may not be below three times the legal interest rate (L441-10 II): not checked here.
    """
    notes = payment_notes(rate_pct, language)
    return " ".join((notes.penalties, notes.indemnity, notes.discount))


@dataclass(frozen=True, slots=True)
class PaymentNotes:
    """The three payment mentions of Code de commerce L441-9, one by one (the e-invoice
    carries each in a note with its own subject code: PMD, PMT, AAB)."""

    penalties: str
    indemnity: str
    discount: str


def payment_notes(rate_pct: Decimal | None, language: str) -> PaymentNotes:
    """The penalties, recovery indemnity and early-payment discount mentions, in "fr" or "en";
    :func:`late_payment_clause` joins them. ``rate_pct`` as there."""
    if language not in ("fr", "en"):
        raise TradeInputError("The clause language is 'fr' or 'en'.", "language")
    rate_text: str | None = None
    if rate_pct is not None:
        rate = to_decimal(rate_pct, "rate_pct", minimum=0, maximum=100, what="rate")
        rate_text = decimal_str(rate, 2)
    indemnity = decimal_str(RECOVERY_INDEMNITY_EUR)
    margin = decimal_str(LATE_PAYMENT_MARGIN)
    if language == "fr":
        rate_fr = (
            f"taux annuel de {rate_text.replace('.', ',')} %"
            if rate_text is not None
            else f"taux BCE + {margin} points (taux de la Banque centrale européenne à son "
            f"opération de refinancement la plus récente, majoré de {margin} points)"
        )
        return PaymentNotes(
            f"Pénalités de retard : {rate_fr}, exigibles le jour suivant la date de règlement "
            "figurant sur la facture, sans qu'un rappel soit nécessaire (article L441-10 du "
            "Code de commerce).",
            f"Indemnité forfaitaire pour frais de recouvrement : {indemnity} € (article D441-5 "
            "du Code de commerce).",
            "Pas d'escompte pour paiement anticipé.",
        )
    rate_en = (
        f"{rate_text}% a year"
        if rate_text is not None
        else f"ECB rate + {margin} points (the European Central Bank's most recent main "
        f"refinancing rate plus {margin} percentage points)"
    )
    return PaymentNotes(
        f"Late payment penalties: {rate_en}, due from the day after the payment date shown on "
        "the invoice, without any reminder (French Commercial Code, art. L441-10).",
        f"Fixed indemnity for recovery costs: EUR {indemnity} (art. D441-5).",
        "No discount for early payment.",
    )


# --- lines and totals ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """An invoice line: quantity x unit price, less a discount in percent."""

    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal = Decimal("0")

    def __post_init__(self) -> None:
        quantity = to_decimal(
            self.quantity, "quantity", minimum=0, strict_minimum=True, what="quantity"
        )
        price = to_decimal(self.unit_price, "unit_price", minimum=0, what="unit price")
        discount = to_decimal(self.discount_pct, "discount_pct", minimum=0, what="discount")
        if discount >= HUNDRED:
            raise TradeInputError(
                "The discount is a percentage below 100 (a free line has a unit price of 0).",
                "discount_pct",
            )
        object.__setattr__(self, "quantity", quantity)
        object.__setattr__(self, "unit_price", price)
        object.__setattr__(self, "discount_pct", discount)


def line_net(line: Line, currency: str) -> Decimal:
    """Net amount of a line, ``quantity x unit price x (1 - discount / 100)``, rounded.

    Source: house rule (docs/architecture.md): rounded half-up to the currency's ISO 4217 minor
    unit at the line total (JPY to the yen, KWD to the fils).
    """
    code = currency_code(currency)
    return round_money(
        line.quantity * line.unit_price * (HUNDRED - line.discount_pct) / HUNDRED, code
    )


@dataclass(frozen=True, slots=True)
class Totals:
    """Document totals: net (sum of line nets), VAT on the net, gross = net + VAT."""

    net: Decimal
    vat: Decimal
    gross: Decimal
    vat_rate: Decimal


def totals(lines: Sequence[Line], vat_rate_pct: Decimal, currency: str) -> Totals:
    """Invoice totals: VAT computed once on the total net, rounded half-up; gross = net + VAT.

    Source: EN 16931-1 BR-CO-17 (the VAT of a category is its taxable amount x rate / 100,
    rounded), CGI annex II art. 242 nonies A (VAT total per rate on the invoice); the net is
    the sum of the rounded line nets (:func:`line_net`).
    """
    code = currency_code(currency)
    rate = to_decimal(vat_rate_pct, "vat_rate_pct", minimum=0, what="VAT rate")
    if rate >= HUNDRED:
        raise TradeInputError("The VAT rate is a percentage below 100, e.g. 20.", "vat_rate_pct")
    if not lines:
        raise TradeInputError("An invoice needs at least one line.", "lines")
    for index, line in enumerate(lines):
        if not isinstance(line, Line):
            raise TradeInputError("Each line is a Line (quantity, unit price).", f"lines.{index}")
    net = sum((line_net(line, code) for line in lines), Decimal(0))
    vat = round_money(net * rate / HUNDRED, code, ROUND_HALF_UP)
    return Totals(net, vat, net + vat, rate)


# --- credit notes --------------------------------------------------------------------------


def credit_note_allowed(
    invoice_gross: Decimal, already_credited: Decimal, requested: Decimal
) -> None:
    """Check that a credit note of ``requested`` can be issued against an invoice.

    A credit note reduces one invoice (CGI art. 289 I: it refers to it specifically and
    unambiguously; art. 272-1: the VAT recovered is that of the sale cancelled), so all the
    credit notes together never exceed the invoice's gross amount. Raises
    :class:`TradeInputError` (field ``amount``) when ``requested`` is not positive or exceeds
    what is left; returns None otherwise.
    """
    gross = to_decimal(invoice_gross, "invoice_gross", minimum=0, strict_minimum=True)
    done = to_decimal(already_credited, "already_credited", minimum=0)
    if done > gross:
        raise TradeInputError(
            f"Already credited {decimal_str(done)} exceeds the invoice gross {decimal_str(gross)}.",
            "already_credited",
        )
    amount = to_decimal(requested, "amount")
    if amount <= 0:
        raise TradeInputError("The credit note amount must be greater than zero.", "amount")
    left = gross - done
    if amount > left:
        raise TradeInputError(
            f"A credit note of {decimal_str(amount)} exceeds the {decimal_str(left)} left on the "
            f"invoice (gross {decimal_str(gross)}, already credited {decimal_str(done)}).",
            "amount",
        )
