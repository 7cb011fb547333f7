"""Import duties of a customs declaration, line by line: the tariff rate that applies, the
customs value, the duty, anti-dumping duty, import VAT (paid or postponed) and landed cost,
and the comparison with the customs broker's figures.

Sources:

* Tariff: Common Customs Tariff (Council Regulation (EEC) No 2658/87, Annex I, the
  Combined Nomenclature) and TARIC (art. 2). The duty applies to the goods' CN code; a
  rate written for a heading (4 digits) or a subheading (6 digits) applies to every code
  under it unless a more specific code has its own rate, so the most specific code wins.
  A preferential rate applies only when a proof of origin is given for it (Union Customs
  Code, Regulation (EU) No 952/2013, art. 56(2)(d)-(e) and 64). Anti-dumping and
  countervailing duties (Regulations (EU) 2016/1036 and 2016/1037) are set per origin
  country and, where the regulation lists them, per producer (TARIC additional code); "all
  other companies" applies otherwise. They are a percentage of the CIF Union frontier
  price, i.e. of the customs value.
* Customs value: UCC art. 70 (transaction value), art. 71 (additions: commissions other
  than buying commissions, packing, assists, royalties and licence fees, transport and
  insurance to the place where the goods enter the Union's customs territory), art. 72
  (not included: transport after that place, buying commissions, interest, assembly after
  import, import duties).
* Exchange rate: UCC art. 53(1)(a) and Implementing Regulation (EU) 2015/2447 art. 146:
  the customs rate of the month (ECB rate of the penultimate Wednesday of the previous
  month); the rate is written here as units of the invoice currency for 1 EUR.
* Import VAT: Directive 2006/112/EC art. 85 (customs value) and 86(1) (plus duties, taxes
  and levies due by reason of importation other than VAT, and incidental expenses, transport
  included, to the first place of destination in the Member State of import); French rates
  20 %, 10 %, 5.5 % and 2.1 % (CGI art. 278 to 281 nonies).
* Postponed accounting (autoliquidation): CGI art. 1695 II, compulsory since 1 January
  2022 for importers identified for VAT in France: the import VAT is declared on the VAT
  return (CA3) as due and deducted in the same return, not paid to customs.

Rounding: neither the UCC nor Regulation 2658/87 sets one. Each amount is computed per
declaration item (goods item, "article" of the DAU) and rounded half-up to the cent in EUR,
as the French customs liquidate each item; totals add the rounded items. A broker's system
rounding otherwise is absorbed by the comparison's tolerance (see :func:`compare`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import round_money
from comptoir.trade.texts import Text

__all__ = [
    "AD_KINDS",
    "FRENCH_VAT_RATES",
    "KINDS",
    "SPECIFIC_UNITS",
    "BrokerFigures",
    "Difference",
    "EntryResult",
    "LineInput",
    "LineResult",
    "TariffMatch",
    "TariffRow",
    "allocate",
    "compare",
    "compute_entry",
    "compute_line",
    "lookup",
]

HUNDRED: Final = Decimal(100)
ZERO: Final = Decimal(0)
EUR: Final = "EUR"

THIRD_COUNTRY: Final = "third_country"
PREFERENTIAL: Final = "preferential"
ANTI_DUMPING: Final = "anti_dumping"
COUNTERVAILING: Final = "countervailing"
KINDS: Final = (THIRD_COUNTRY, PREFERENTIAL, ANTI_DUMPING, COUNTERVAILING)
AD_KINDS: Final = frozenset({ANTI_DUMPING, COUNTERVAILING})

#: Units a specific duty is expressed in, and what quantity of the line it applies to.
#: "kg", "100kg" and "tonne" apply to the net mass; the others to the line's quantity
#: counted in that unit (items "p/st", pairs, litres, m²).
SPECIFIC_UNITS: Final = ("kg", "100kg", "tonne", "item", "pair", "litre", "m2")
_MASS_DIVISOR: Final = {"kg": Decimal(1), "100kg": Decimal(100), "tonne": Decimal(1000)}

#: French VAT rates (CGI art. 278, 278-0 bis, 278 bis to 279, 281 quater to nonies).
FRENCH_VAT_RATES: Final = (Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"), ZERO)


# ----------------------------------------------------------------------------- tariff


@dataclass(frozen=True, slots=True)
class TariffRow:
    """One rate of the company's tariff table.

    ``code``: 2 to 10 digits (a heading or subheading applies to the codes under it).
    ``origin``: ISO country code, or "" for every origin (erga omnes).
    ``agreement``: the trade agreement's short code for a preferential rate (EU-UK, CETA...).
    ``producer``: for anti-dumping/countervailing rates, the producer named in the
    regulation (or its TARIC additional code); "" = all other companies.
    """

    code: str
    kind: str
    ad_valorem_pct: Decimal = ZERO
    specific_amount: Decimal = ZERO
    specific_unit: str = ""
    origin: str = ""
    agreement: str = ""
    producer: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""
    key: object = None  # the caller's id of the row (a database pk)

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def covers(self, cn_code: str) -> bool:
        return cn_code.startswith(self.code)


@dataclass(frozen=True, slots=True)
class TariffMatch:
    """The rates that apply to one line: the duty (third-country or preferential) and the
    anti-dumping/countervailing rate, with why."""

    duty: TariffRow | None
    anti_dumping: TariffRow | None
    third_country: TariffRow | None
    preference_applied: bool
    notes: tuple[Text, ...] = ()


def _most_specific(rows: Iterable[TariffRow]) -> TariffRow | None:
    """The row with the longest code; among equals, the most recent start date, then the
    one naming an origin or producer (more specific than "all")."""
    best: TariffRow | None = None
    for row in rows:
        rank = (len(row.code), bool(row.origin), bool(row.producer), row.valid_from or dt.date.min)
        if best is None or rank > (
            len(best.code),
            bool(best.origin),
            bool(best.producer),
            best.valid_from or dt.date.min,
        ):
            best = row
    return best


def lookup(
    rows: Iterable[TariffRow],
    *,
    cn_code: str,
    origin: str,
    day: dt.date,
    agreement: str = "",
    proof_of_origin: bool = False,
    producer: str = "",
) -> TariffMatch:
    """The rates for goods of ``cn_code`` from ``origin`` declared on ``day``.

    * the third-country rate: the most specific erga omnes code (or one for this origin)
      valid on the day;
    * the preferential rate of ``agreement``: only when a proof of origin is claimed
      (UCC art. 64), and only if lower than the third-country rate;
    * the anti-dumping or countervailing rate for the origin, the producer's own when the
      table names it, otherwise the rate for all other companies.
    """
    code = cn_code.strip()
    if not code.isdigit() or not 2 <= len(code) <= 10:
        raise TradeInputError(Text("A CN code is 8 digits (TARIC: 10)."), "cn_code")
    country = origin.strip().upper()
    valid = [r for r in rows if r.valid_on(day) and r.covers(code)]
    notes: list[Text] = []
    third = _most_specific(
        r for r in valid if r.kind == THIRD_COUNTRY and r.origin in ("", country)
    )
    if third is None:
        notes.append(
            Text(
                "No third-country rate in the tariff table for {code} on {day}: add it "
                "(TARIC) before relying on the duty.",
                code=code,
                day=day,
            )
        )
    duty = third
    preference = False
    claimed = agreement.strip().upper()
    if claimed:
        pref = _most_specific(
            r
            for r in valid
            if r.kind == PREFERENTIAL
            and r.agreement.upper() == claimed
            and r.origin in ("", country)
        )
        if not proof_of_origin:
            notes.append(
                Text(
                    "Preference {agreement} claimed without a proof of origin: the "
                    "third-country rate applies (UCC art. 64).",
                    agreement=claimed,
                )
            )
        elif pref is None:
            notes.append(
                Text(
                    "No preferential rate under {agreement} for {code} in the tariff table: "
                    "the third-country rate applies.",
                    agreement=claimed,
                    code=code,
                )
            )
        elif third is not None and (pref.ad_valorem_pct, pref.specific_amount) > (
            third.ad_valorem_pct,
            third.specific_amount,
        ):
            notes.append(
                Text(
                    "The preferential rate under {agreement} is not lower than the "
                    "third-country rate: the lower rate is kept.",
                    agreement=claimed,
                )
            )
        else:
            duty = pref
            preference = True
    producer_key = producer.strip().upper()
    measures = [r for r in valid if r.kind in AD_KINDS and r.origin == country]
    own = [r for r in measures if r.producer and r.producer.upper() == producer_key]
    anti_dumping = _most_specific(own) or _most_specific(r for r in measures if not r.producer)
    if anti_dumping is not None and not own and producer_key:
        notes.append(
            Text(
                "Producer {producer} is not named in the measure: the rate for all other "
                "companies applies.",
                producer=producer.strip(),
            )
        )
    return TariffMatch(duty, anti_dumping, third, preference, tuple(notes))


# ---------------------------------------------------------------------- one line


@dataclass(frozen=True, slots=True)
class LineInput:
    """One item of an import declaration; amounts in EUR except ``invoice_amount``
    (in ``currency``, converted at ``exchange_rate`` units of it for 1 EUR)."""

    invoice_amount: Decimal
    currency: str = EUR
    exchange_rate: Decimal = Decimal(1)
    quantity: Decimal = Decimal(1)
    net_mass_kg: Decimal = ZERO
    freight_to_border: Decimal = ZERO
    insurance_to_border: Decimal = ZERO
    #: UCC art. 71: selling commissions and brokerage, packing, assists, royalties
    additions: Decimal = ZERO
    #: UCC art. 72(a): transport after the EU border when the invoice price includes it
    transport_after_border_in_price: Decimal = ZERO
    #: UCC art. 72(b)-(g): other amounts in the price but not in the customs value
    #: (buying commissions, interest, assembly after import)
    other_deductions: Decimal = ZERO
    duty_pct: Decimal = ZERO
    specific_amount: Decimal = ZERO
    specific_unit: str = ""
    anti_dumping_pct: Decimal = ZERO
    anti_dumping_specific: Decimal = ZERO
    anti_dumping_unit: str = ""
    other_taxes: Decimal = ZERO
    #: transport from the border to the first place of destination paid on top of the price
    transport_to_destination: Decimal = ZERO
    vat_rate_pct: Decimal = Decimal(20)


@dataclass(frozen=True, slots=True)
class LineResult:
    invoice_value_eur: Decimal
    customs_value: Decimal
    duty: Decimal
    anti_dumping: Decimal
    other_taxes: Decimal
    vat_base: Decimal
    vat: Decimal
    landed_cost: Decimal
    landed_cost_per_unit: Decimal
    steps: tuple[Text, ...]


def _specific(amount: Decimal, unit: str, line: LineInput, field_name: str) -> Decimal:
    if not amount:
        return ZERO
    if unit in _MASS_DIVISOR:
        if line.net_mass_kg <= 0:
            raise TradeInputError(
                Text("A duty per {unit} needs the net mass of the line.", unit=unit),
                "net_mass_kg",
            )
        return amount * line.net_mass_kg / _MASS_DIVISOR[unit]
    if unit in SPECIFIC_UNITS:
        return amount * line.quantity
    raise TradeInputError(Text("Unknown unit for a specific duty."), field_name)


def compute_line(line: LineInput) -> LineResult:
    """Customs value, duty, anti-dumping duty, import VAT and landed cost of one item
    (amounts in EUR, each rounded half-up to the cent; see the module's sources)."""
    for name in (
        "invoice_amount",
        "freight_to_border",
        "insurance_to_border",
        "additions",
        "transport_after_border_in_price",
        "other_deductions",
        "duty_pct",
        "specific_amount",
        "anti_dumping_pct",
        "anti_dumping_specific",
        "other_taxes",
        "transport_to_destination",
        "net_mass_kg",
    ):
        if getattr(line, name) < 0:
            raise TradeInputError(Text("The amount must not be negative."), name)
    if line.exchange_rate <= 0:
        raise TradeInputError(Text("The exchange rate must be greater than zero."), "exchange_rate")
    if line.quantity <= 0:
        raise TradeInputError(Text("The quantity must be greater than zero."), "quantity")
    if line.duty_pct > 1000 or line.anti_dumping_pct > 1000:
        raise TradeInputError(Text("A duty rate is a percentage between 0 and 1000."), "duty_pct")
    if not 0 <= line.vat_rate_pct <= 100:
        raise TradeInputError(
            Text("The VAT rate is a percentage between 0 and 100."), "vat_rate_pct"
        )
    value_eur = round_money(
        line.invoice_amount if line.currency == EUR else line.invoice_amount / line.exchange_rate,
        EUR,
    )
    deducted = line.transport_after_border_in_price + line.other_deductions
    if deducted > value_eur + line.additions:
        raise TradeInputError(
            Text("The deductions cannot exceed the invoice value and the additions."),
            "transport_after_border_in_price",
        )
    customs_value = round_money(
        value_eur + line.freight_to_border + line.insurance_to_border + line.additions - deducted,
        EUR,
    )
    ad_valorem = customs_value * line.duty_pct / HUNDRED
    specific = _specific(line.specific_amount, line.specific_unit, line, "specific_unit")
    duty = round_money(ad_valorem + specific, EUR)
    ad_specific = _specific(
        line.anti_dumping_specific, line.anti_dumping_unit, line, "anti_dumping_unit"
    )
    anti_dumping = round_money(customs_value * line.anti_dumping_pct / HUNDRED + ad_specific, EUR)
    other_taxes = round_money(line.other_taxes, EUR)
    after_border = round_money(
        line.transport_after_border_in_price + line.transport_to_destination, EUR
    )
    vat_base = customs_value + duty + anti_dumping + other_taxes + after_border
    vat = round_money(vat_base * line.vat_rate_pct / HUNDRED, EUR)
    landed = vat_base + round_money(line.other_deductions, EUR)
    per_unit = round_money(landed / line.quantity, EUR)
    steps: list[Text] = []
    if line.currency != EUR:
        steps.append(
            Text(
                "Invoice value {amount} {currency} / {rate} (customs rate, UCC art. 53) = "
                "{value} EUR",
                amount=line.invoice_amount,
                currency=line.currency,
                rate=line.exchange_rate,
                value=value_eur,
            )
        )
    steps.append(
        Text(
            "Customs value = invoice {value} + freight to the EU border {freight} + insurance "
            "{insurance} + additions {additions} (UCC art. 71) - deductions {deducted} (UCC "
            "art. 72) = {customs_value} EUR",
            value=value_eur,
            freight=round_money(line.freight_to_border, EUR),
            insurance=round_money(line.insurance_to_border, EUR),
            additions=round_money(line.additions, EUR),
            deducted=round_money(deducted, EUR),
            customs_value=customs_value,
        )
    )
    if specific:
        steps.append(
            Text(
                "Duty = {customs_value} x {pct} % + specific duty {specific} = {duty} EUR",
                customs_value=customs_value,
                pct=line.duty_pct,
                specific=round_money(specific, EUR),
                duty=duty,
            )
        )
    else:
        steps.append(
            Text(
                "Duty = {customs_value} x {pct} % = {duty} EUR",
                customs_value=customs_value,
                pct=line.duty_pct,
                duty=duty,
            )
        )
    if anti_dumping:
        steps.append(
            Text(
                "Anti-dumping/countervailing duty = {customs_value} x {pct} % = {amount} EUR",
                customs_value=customs_value,
                pct=line.anti_dumping_pct,
                amount=anti_dumping,
            )
        )
    steps.append(
        Text(
            "VAT base = customs value {customs_value} + duties {duties} + other taxes {taxes} "
            "+ transport to the first place of destination {after} = {base} EUR (VAT "
            "Directive art. 85-86)",
            customs_value=customs_value,
            duties=duty + anti_dumping,
            taxes=other_taxes,
            after=after_border,
            base=vat_base,
        )
    )
    steps.append(
        Text(
            "Import VAT = {base} x {rate} % = {vat} EUR",
            base=vat_base,
            rate=line.vat_rate_pct,
            vat=vat,
        )
    )
    return LineResult(
        value_eur,
        customs_value,
        duty,
        anti_dumping,
        other_taxes,
        vat_base,
        vat,
        landed,
        per_unit,
        tuple(steps),
    )


# ------------------------------------------------------------------- the entry


@dataclass(frozen=True, slots=True)
class EntryResult:
    lines: tuple[LineResult, ...]
    customs_value: Decimal
    duty: Decimal
    anti_dumping: Decimal
    other_taxes: Decimal
    vat_base: Decimal
    vat: Decimal
    postponed: bool
    #: paid to customs (or through the broker): duties and taxes, and VAT unless postponed
    cash_to_customs: Decimal
    #: declared on the CA3 as due and deducted in the same return (postponed accounting)
    vat_on_return: Decimal
    broker_fees: Decimal
    landed_cost: Decimal
    #: each line's landed cost with its share of the broker's fees (by customs value)
    landed_per_line: tuple[Decimal, ...] = field(default_factory=tuple)
    notes: tuple[Text, ...] = ()


def compute_entry(
    lines: Sequence[LineInput],
    *,
    postponed_vat: bool = True,
    broker_fees: Decimal = ZERO,
    vat_recoverable: bool = True,
) -> EntryResult:
    """Every line, the totals and what is paid: with postponed accounting (CGI art. 1695
    II) the import VAT is not paid to customs but declared and deducted on the CA3; without
    it, it is paid at import and deducted later (Directive 2006/112/EC art. 168(e)).

    The broker's fees (excluding VAT) are shared among the lines by customs value for the
    landed cost; they are not in the customs value (services after the border).
    """
    if not lines:
        raise TradeInputError(Text("A declaration has at least one line."), "lines")
    if broker_fees < 0:
        raise TradeInputError(Text("The amount must not be negative."), "broker_fees")
    results = tuple(compute_line(line) for line in lines)
    customs_value = sum((r.customs_value for r in results), ZERO)
    duty = sum((r.duty for r in results), ZERO)
    anti_dumping = sum((r.anti_dumping for r in results), ZERO)
    other_taxes = sum((r.other_taxes for r in results), ZERO)
    vat_base = sum((r.vat_base for r in results), ZERO)
    vat = sum((r.vat for r in results), ZERO)
    fees = round_money(broker_fees, EUR)
    shares = allocate(fees, [r.customs_value for r in results])
    per_line = tuple(
        r.landed_cost + share + (ZERO if vat_recoverable else r.vat)
        for r, share in zip(results, shares, strict=True)
    )
    cash = duty + anti_dumping + other_taxes + (ZERO if postponed_vat else vat)
    notes: list[Text] = []
    if postponed_vat:
        notes.append(
            Text(
                "Postponed accounting (CGI art. 1695 II): import VAT {vat} EUR is declared "
                "on the CA3 as due and deducted in the same return; nothing is paid to customs "
                "for it.",
                vat=vat,
            )
        )
    else:
        notes.append(
            Text(
                "Import VAT {vat} EUR is paid at import and deducted on the VAT return "
                "(Directive 2006/112/EC art. 168(e)).",
                vat=vat,
            )
        )
    return EntryResult(
        results,
        customs_value,
        duty,
        anti_dumping,
        other_taxes,
        vat_base,
        vat,
        postponed_vat,
        cash,
        vat if postponed_vat else ZERO,
        fees,
        sum(per_line, ZERO),
        per_line,
        tuple(notes),
    )


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``total`` shared in cents by ``weights`` (largest remainder), summing exactly."""
    if not total:
        return [ZERO for _ in weights]
    weight = sum(weights, ZERO)
    if weight <= 0:
        weights = [Decimal(1) for _ in weights]
        weight = Decimal(len(weights))
    cents = int(total * 100)
    raw = [Decimal(cents) * w / weight for w in weights]
    floors = [int(r) for r in raw]
    rest = cents - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - floors[i], -i), reverse=True)
    for i in order[:rest]:
        floors[i] += 1
    return [Decimal(f) / 100 for f in floors]


# ------------------------------------------------------------ broker comparison


@dataclass(frozen=True, slots=True)
class BrokerFigures:
    """The figures of the broker's declaration (DAU/H1) for one item, or for the whole
    entry (``position`` 0). A figure left ``None`` was not given and is not compared."""

    position: int
    customs_value: Decimal | None = None
    duty: Decimal | None = None
    anti_dumping: Decimal | None = None
    vat: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Difference:
    position: int  # 0: the totals
    figure: str  # customs_value, duty, anti_dumping, vat
    ours: Decimal
    theirs: Decimal
    within_tolerance: bool

    @property
    def amount(self) -> Decimal:
        return self.theirs - self.ours


FIGURES: Final = ("customs_value", "duty", "anti_dumping", "vat")


def compare(
    result: EntryResult,
    broker: Iterable[BrokerFigures],
    *,
    tolerance: Decimal = Decimal("1.00"),
) -> list[Difference]:
    """Every figure of the broker that differs from ours (per line and for the totals).

    A difference up to ``tolerance`` EUR (per line; per total: the tolerance times the
    number of lines) is listed as within tolerance: a rounding practice, not an error.
    The broker's per-line figures that are given are also totalled against ours when the
    broker gave no total. Items are matched by position (1 = first line).
    """
    if tolerance < 0:
        raise TradeInputError(Text("The tolerance must not be negative."), "tolerance")
    differences: list[Difference] = []
    given = list(broker)
    totals = next((b for b in given if b.position == 0), None)
    per_line = {b.position: b for b in given if b.position > 0}
    for position in per_line:
        if position > len(result.lines):
            raise TradeInputError(
                Text("The broker's declaration has no line {position} in ours.", position=position),
                "position",
            )
    for position, figures in sorted(per_line.items()):
        ours = result.lines[position - 1]
        for name in FIGURES:
            theirs = getattr(figures, name)
            if theirs is None:
                continue
            mine = getattr(ours, name)
            if theirs != mine:
                differences.append(
                    Difference(position, name, mine, theirs, abs(theirs - mine) <= tolerance)
                )
    total_tolerance = tolerance * max(len(result.lines), 1)
    for name in FIGURES:
        mine = getattr(result, name)
        if totals is not None and getattr(totals, name) is not None:
            theirs_total: Decimal | None = getattr(totals, name)
        elif (
            per_line
            and all(getattr(b, name) is not None for b in per_line.values())
            and len(per_line) == len(result.lines)
        ):
            theirs_total = sum((getattr(b, name) for b in per_line.values()), ZERO)
        else:
            theirs_total = None
        if theirs_total is not None and theirs_total != mine:
            differences.append(
                Difference(0, name, mine, theirs_total, abs(theirs_total - mine) <= total_tolerance)
            )
    return differences
