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


@dataclass(frozen=True, slots=True)
class VatTreatment:
    """Result of :func:`vat_treatment`: the rate, invoice mentions and EN 16931 codes."""

    case: VatCase
    rate: Decimal  # percent: Decimal("20") or Decimal("0")
    mention_fr: str  # legal mention to print on the invoice ("" when VAT is charged)
    mention_en: str
    legal_reference: str
    exemption_code: str  # EN 16931 VATEX code, "" when VAT is charged
    vat_category: str  # EN 16931 / UNCL 5305: "S", "K" or "G"
    buyer_vat_required: bool  # the buyer's VAT number must appear on the invoice


_EXPORT_FR = "Exonération de TVA, article 262 I du CGI"
_EXPORT_EN = "VAT exempt: export of goods, article 262 I of the French General Tax Code (CGI)"
_INTRA_FR = (
    "Exonération de TVA, article 262 ter I du CGI – Autoliquidation par l'acquéreur "
    "(article 138 de la directive 2006/112/CE)"
)
_INTRA_EN = (
    "VAT exempt intra-Community supply, article 262 ter I CGI – reverse charge by the buyer "
    "(article 138, Directive 2006/112/EC)"
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


def vat_treatment(
    buyer_country: str,
    buyer_vat_number: str = "",
    *,
    seller_country: str = "FR",
    domestic_rate: Decimal = Decimal("20"),
) -> VatTreatment:
    """VAT case of a sale of goods by a French seller, with the mention to print on the invoice.

    ``buyer_country`` is the ISO 3166 code of the country the goods are sent to. Rules:

    * France or Monaco (treated as France, directive 2006/112/EC art. 7(1)): DOMESTIC, French
      VAT at ``domestic_rate`` (CGI art. 278: 20 %; reduced rates art. 278-0 bis ff.);
    * another member state and a buyer's EU VAT number (any member state but France, or XI):
      INTRA_EU_B2B, exempt under CGI art. 262 ter I / directive art. 138. The number is checked
      offline (format and check digits); its validity on VIES is for the caller to check;
    * another member state without VAT number: INTRA_EU_B2C, French VAT is charged (CGI art.
      258 I a). Distance-selling thresholds and OSS (CGI art. 258 A) are out of scope;
    * GB with an XI VAT number: goods to Northern Ireland, INTRA_EU_B2B (Windsor Framework
      art. 8). Without an XI number, GB is a third country: a Northern Irish consumer cannot be
      told apart from a British one and is treated as an export;
    * any other country (including the French overseas departments GP, MQ, GF, RE, YT, outside
      the EU VAT territory under directive art. 6): EXPORT, exempt under CGI art. 262 I.

    Out of scope: the special territories that share a member state's ISO code but lie outside
    the EU VAT territory (Canary Islands, Ceuta, Melilla, Mount Athos, Heligoland, Büsingen,
    Livigno, Campione d'Italia; directive art. 6): the caller must treat them as exports.

    Only a French seller is supported (``seller_country`` must be FR).
    """
    if not isinstance(seller_country, str) or seller_country.strip().upper() != "FR":
        raise TradeInputError(
            f"Only a seller established in France is supported (got {seller_country!r}).",
            "seller_country",
        )
    rate = to_decimal(domestic_rate, "domestic_rate", minimum=0, strict_minimum=True, what="rate")
    if rate >= HUNDRED:
        raise TradeInputError("The VAT rate is a percentage below 100, e.g. 20.", "domestic_rate")
    country = _country(buyer_country, "buyer_country")
    if not isinstance(buyer_vat_number, str):
        raise TradeInputError("Give the buyer's VAT number as text.", "buyer_vat_number")
    number = _VAT_SEPARATORS.sub("", buyer_vat_number).upper()

    if country in _FRANCE_FOR_VAT:
        reference = "CGI art. 256 I and 278 (standard rate 20 %; reduced rates art. 278-0 bis ff.)"
        if country == "MC":
            reference += "; Monaco treated as France: directive 2006/112/EC art. 7(1)"
        return VatTreatment(VatCase.DOMESTIC, rate, "", "", reference, "", "S", False)

    goods_to_northern_ireland = country == "GB" and number.startswith(NORTHERN_IRELAND_PREFIX)
    if country in EU_MEMBER_STATES or goods_to_northern_ireland:
        if not number:
            return VatTreatment(
                VatCase.INTRA_EU_B2C,
                rate,
                "",
                "",
                "CGI art. 258 I a (no buyer VAT number: supply located in France, where the "
                "transport begins; BOI-TVA-CHAMP-30-20-10); distance sales (CGI art. 258 A) "
                "out of scope",
                "",
                "S",
                False,
            )
        prefix = number[:2]
        if prefix == "FR":
            raise TradeInputError(
                "A French VAT number does not allow an exempt intra-Community supply (CGI art. "
                "262 ter I requires a buyer identified in another member state): give the "
                "buyer's VAT number from another member state, or none to charge French VAT.",
                "buyer_vat_number",
            )
        if prefix not in _EXEMPT_BUYER_PREFIXES:
            raise TradeInputError(
                f"{buyer_vat_number!r} is not an EU VAT number: it must start with the prefix "
                "of a member state (EL for Greece) or XI for Northern Ireland.",
                "buyer_vat_number",
            )
        _check_vat_number(number)
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


def legal_term_warning(days: int, end_of_month: bool, buyer_case: VatCase) -> str | None:
    """Warning (English) when a payment term exceeds the ceilings of Code de commerce L441-10 I.

    Domestic and intra-EU sales: a warning above 60 days from the invoice date, or above 45 days
    end of month (which must also be expressly stipulated in the contract). Exports: None, not
    checked. The CEPC (opinions 16-12 and 21-3) considers that international sales governed by
    the Vienna Convention (CISG) are not subject to the ceiling, only to the ban on terms that
    are a manifest abuse of the creditor; L441-11 holds no general export exemption. Whether
    French law governs an international contract is the user's call, so exports are not
    checked and intra-EU sales get the warning with that caveat.
    """
    days = _payment_days(days)
    if not isinstance(buyer_case, VatCase):
        raise TradeInputError(
            f"Unknown VAT case {buyer_case!r}: one of {', '.join(c.value for c in VatCase)}.",
            "vat_case",
        )
    if buyer_case is VatCase.EXPORT:
        return None
    if end_of_month and days > MAX_DAYS_END_OF_MONTH:
        text = (
            f"A term of {days} days end of month exceeds the ceiling of {MAX_DAYS_END_OF_MONTH} "
            "days end of month of Code de commerce art. L441-10 I."
        )
    elif not end_of_month and days > MAX_DAYS_FROM_INVOICE:
        text = (
            f"A term of {days} days from the invoice date exceeds the ceiling of "
            f"{MAX_DAYS_FROM_INVOICE} days of Code de commerce art. L441-10 I."
        )
    else:
        return None
    if buyer_case in (VatCase.INTRA_EU_B2B, VatCase.INTRA_EU_B2C):
        text += (
            " For an international sale governed by the Vienna Convention (CISG) the CEPC "
            "considers the ceiling does not apply (opinion 21-3): check the contract's law."
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
        return (
            f"Pénalités de retard : {rate_fr}, exigibles le jour suivant la date de règlement "
            "figurant sur la facture, sans qu'un rappel soit nécessaire (article L441-10 du "
            "Code de commerce). Indemnité forfaitaire pour frais de recouvrement : "
            f"{indemnity} € (article D441-5 du Code de commerce). "
            "Pas d'escompte pour paiement anticipé."
        )
    rate_en = (
        f"{rate_text}% a year"
        if rate_text is not None
        else f"ECB rate + {margin} points (the European Central Bank's most recent main "
        f"refinancing rate plus {margin} percentage points)"
    )
    return (
        f"Late payment penalties: {rate_en}, due from the day after the payment date shown on "
        "the invoice, without any reminder (French Commercial Code, art. L441-10). Fixed "
        f"indemnity for recovery costs: EUR {indemnity} (art. D441-5). "
        "No discount for early payment."
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
