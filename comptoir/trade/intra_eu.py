"""Intra-EU supplies of goods: proof of transport, EMEBI and the VAT recapitulative statement.

Pure rules, no Django. Sources:

- **Proof of transport** for the exemption of an intra-Community supply (CGI art. 262 ter I;
  directive 2006/112/EC art. 138): Council Implementing Regulation (EU) No 282/2011
  art. 45 bis (inserted by Regulation (EU) 2018/1912, in force 1 January 2020). The goods are
  *presumed* dispatched to another member state when the seller holds:

  - seller (or a third party on his behalf) transports: at least two non-contradictory items
    of evidence of **category (a)** (art. 45 bis §3 (a): signed CMR, bill of lading, air
    freight invoice, invoice from the carrier), or one item of (a) with one non-contradictory
    item of **category (b)** (§3 (b): insurance policy for the transport, bank documents
    proving payment of the transport, official documents issued by a public authority such as
    a notary confirming the arrival, a receipt from a warehouse keeper in the member state of
    destination) — art. 45 bis §1 (a);
  - the buyer (or a third party on his behalf) transports: the same items **plus** the
    buyer's written statement that the goods were transported by him, furnished by the
    **tenth day of the month following the supply** (§1 (b) (i));
  - in both cases the items are issued by **two different parties independent of each other,
    of the seller and of the buyer** (§1 (a), last sentence).

  Without the presumption the exemption still stands if the seller proves the dispatch by
  other means (BOI-TVA-CHAMP-30-10-30-10 §70 ff.): the rule below says "not presumed", never
  "taxable".
- **EMEBI** (enquête mensuelle statistique sur les échanges de biens intra-UE, French
  customs, since 1 January 2022; Regulation (EU) 2019/2152 and Implementing Regulation (EU)
  2020/1197): nature of transaction codes of Annex VI (two digits, 2022), mode of transport
  codes (Annex VI, the mode of the active means of transport leaving/entering France), net
  mass in whole kilograms, values in whole euros.
- **État récapitulatif des clients** (CGI art. 289 B; annex III art. 257 ter): per month
  from the first euro, each client's VAT number and the total of the exempt intra-Community
  supplies (regime 21); a credit note reduces the month in which it is issued (regime 25,
  "régularisation commerciale entraînant une minoration de valeur").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from comptoir.trade.texts import Text

# --------------------------------------------------------------------------- proof


class EvidenceKind(StrEnum):
    """The items of evidence of art. 45 bis §3, and the buyer's statement of §1 (b) (i)."""

    CMR = "cmr"  # (a) signed CMR document or note
    BILL_OF_LADING = "bill_of_lading"  # (a)
    AIR_WAYBILL = "air_waybill"  # (a) air freight invoice / air waybill
    CARRIER_INVOICE = "carrier_invoice"  # (a) invoice from the carrier of the goods
    INSURANCE = "insurance"  # (b) insurance policy for the transport
    BANK_PAYMENT = "bank_payment"  # (b) bank documents proving payment of the transport
    OFFICIAL_DOCUMENT = "official_document"  # (b) e.g. a notary's, confirming the arrival
    WAREHOUSE_RECEIPT = "warehouse_receipt"  # (b) warehouse keeper in the destination state
    BUYER_STATEMENT = "buyer_statement"  # §1 (b) (i) written statement from the acquirer


CATEGORY_A: frozenset[EvidenceKind] = frozenset(
    {
        EvidenceKind.CMR,
        EvidenceKind.BILL_OF_LADING,
        EvidenceKind.AIR_WAYBILL,
        EvidenceKind.CARRIER_INVOICE,
    }
)
CATEGORY_B: frozenset[EvidenceKind] = frozenset(
    {
        EvidenceKind.INSURANCE,
        EvidenceKind.BANK_PAYMENT,
        EvidenceKind.OFFICIAL_DOCUMENT,
        EvidenceKind.WAREHOUSE_RECEIPT,
    }
)


def category(kind: EvidenceKind) -> str:
    """ "a", "b" or "statement"."""
    if kind in CATEGORY_A:
        return "a"
    if kind in CATEGORY_B:
        return "b"
    return "statement"


class Transporter(StrEnum):
    SELLER = "seller"  # we transport, or a carrier on our behalf
    BUYER = "buyer"  # the buyer collects (EXW, FCA at our premises...), or a carrier for him


@dataclass(frozen=True)
class Evidence:
    kind: EvidenceKind
    issuer: str  # who issued it (carrier, insurer, bank, notary...): the independence test
    received_on: dt.date
    contradicts: bool = False  # the user found it at odds with another item (dates, places)


@dataclass(frozen=True)
class ProofResult:
    presumed: bool  # art. 45 bis presumption met
    missing: tuple[Text, ...]  # what is still needed, in the user's words
    items_a: int
    items_b: int
    statement_on_time: bool | None  # None when the buyer does not transport


def statement_deadline(supply_date: dt.date) -> dt.date:
    """The tenth day of the month following the supply (art. 45 bis §1 (b) (i))."""
    year, month = (
        (supply_date.year + 1, 1)
        if supply_date.month == 12
        else (
            supply_date.year,
            supply_date.month + 1,
        )
    )
    return dt.date(year, month, 10)


def _norm(issuer: str) -> str:
    return " ".join(issuer.casefold().split())


def proof_status(
    *, transporter: Transporter, items: Iterable[Evidence], supply_date: dt.date
) -> ProofResult:
    """Whether the items presume the dispatch to another member state (art. 45 bis §1)."""
    items = list(items)
    usable = [item for item in items if not item.contradicts]
    a_items = [i for i in usable if i.kind in CATEGORY_A]
    b_items = [i for i in usable if i.kind in CATEGORY_B]
    missing: list[Text] = []
    # Two items issued by two different independent parties: the best pair available.
    a_issuers = {_norm(i.issuer) for i in a_items if i.issuer.strip()}
    b_issuers = {_norm(i.issuer) for i in b_items if i.issuer.strip()}
    pair = len(a_issuers) >= 2 or (
        bool(a_issuers) and bool(b_issuers) and len(a_issuers | b_issuers) >= 2
    )
    if not a_items:
        missing.append(
            Text(
                "No transport document of category (a): a signed CMR, a bill of lading, an "
                "air waybill or the carrier's invoice (Reg. 282/2011 art. 45 bis §3 (a))."
            )
        )
    elif not pair:
        if len(a_items) + len(b_items) < 2:
            missing.append(
                Text(
                    "A second item is needed: another one of category (a), or one of "
                    "category (b) (transport insurance, bank proof of the transport's "
                    "payment, official document, warehouse receipt) (art. 45 bis §1)."
                )
            )
        else:
            missing.append(
                Text(
                    "The items must come from two different parties, independent of each "
                    "other, of us and of the buyer: say who issued each one (art. 45 bis §1)."
                )
            )
    statement_on_time: bool | None = None
    if transporter == Transporter.BUYER:
        statements = [i for i in usable if i.kind == EvidenceKind.BUYER_STATEMENT]
        deadline = statement_deadline(supply_date)
        statement_on_time = any(s.received_on <= deadline for s in statements)
        if not statements:
            missing.append(
                Text(
                    "The buyer transports: his written statement that he took the goods to "
                    "another member state is missing, due by {deadline} (art. 45 bis §1 (b) "
                    "(i)).",
                    deadline=deadline,
                )
            )
        elif not statement_on_time:
            missing.append(
                Text(
                    "The buyer's statement arrived after {deadline}, the tenth day of the "
                    "month after the supply: the presumption does not apply (art. 45 bis §1 "
                    "(b) (i)); keep other proof of the dispatch.",
                    deadline=deadline,
                )
            )
    presumed = (
        pair and bool(a_items) and (transporter == Transporter.SELLER or bool(statement_on_time))
    )
    if presumed:
        missing = []
    if any(item.contradicts for item in items):
        missing.append(
            Text(
                "An item contradicts the others: it does not count until the discrepancy is "
                "explained."
            )
        )
    return ProofResult(
        presumed=presumed,
        missing=tuple(missing),
        items_a=len(a_items),
        items_b=len(b_items),
        statement_on_time=statement_on_time,
    )


# --------------------------------------------------------------------------- EMEBI codes

#: Nature of transaction, 2022 codes (Implementing Regulation (EU) 2020/1197, Annex VI).
NATURE_OF_TRANSACTION: dict[str, str] = {
    "11": "Outright purchase/sale (except direct trade with private consumers)",
    "12": "Direct trade with or by private consumers (including distance sales)",
    "21": "Return of goods",
    "22": "Replacement for returned goods",
    "23": "Replacement (e.g. under warranty) for goods not being returned",
    "31": "Movements to/from a warehouse (excluding call-off and consignment stock)",
    "32": "Supply for sale on approval or after trial (including call-off and consignment stock)",
    "33": "Financial leasing",
    "34": "Transfer of ownership without financial compensation",
    "41": "Goods expected to return to the initial member state (processing under contract)",
    "42": "Goods not expected to return to the initial member state (processing)",
    "51": "Goods returning to the initial member state after processing",
    "52": "Goods not returning to the initial member state after processing",
    "60": "Particular transactions recorded for national purposes",
    "71": "Release for free circulation in a member state with a subsequent export to another",
    "72": "Transport from one member state to another to place the goods under export",
    "80": "Supply of building materials and equipment under a construction contract",
    "91": "Hire, loan and operational leasing longer than 24 months",
    "99": "Other",
}

#: Mode of transport (Annex VI): the active means of transport leaving or entering France.
MODE_OF_TRANSPORT: dict[str, str] = {
    "1": "Sea",
    "2": "Rail",
    "3": "Road",
    "4": "Air",
    "5": "Post",
    "7": "Fixed transport installations",
    "8": "Inland waterway",
    "9": "Own propulsion",
}

#: French regime codes of the DEB / EMEBI file (statisticalProcedureCode).
REGIME_ARRIVAL = "11"  # intra-Community acquisition taxable in France
REGIME_DISPATCH = "21"  # exempt supply in France, taxable in the member state of arrival
REGIME_CREDIT = "25"  # commercial adjustment reducing the value (credit note), fiscal only
REGIME_OTHER_DISPATCH = "29"  # other dispatches (B2C distance sales...), statistical only


def net_mass_kg(kg: Decimal) -> int:
    """Net mass in whole kilograms, rounded to the nearest (half up); a positive mass under
    half a kilogram is declared as 1 kg, never 0 (the customs refuse a zero mass)."""
    if kg <= 0:
        return 0
    whole = int(kg.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return max(whole, 1)


def whole_euros(amount: Decimal) -> int:
    """Values of the DEB file are whole euros, rounded half up (amounts are never negative
    in the file: a credit note is a positive amount under regime 25)."""
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def to_eur(amount: Decimal, eur_rate: Decimal) -> Decimal:
    """An amount in the invoice's currency, in EUR at the invoice's rate, to the cent."""
    return (amount * eur_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def department_of(postcode: str, country: str = "FR") -> str:
    """The French department of a postcode (two digits, 2A/2B for Corsica, three for the
    overseas departments 971-976); "" when it cannot be told."""
    code = postcode.replace(" ", "")
    if country != "FR" or len(code) != 5 or not code.isdigit():
        return ""
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    if code.startswith("97"):
        return code[:3]
    return code[:2]


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class SourceLine:
    """One line of an invoice, credit note or receipt, as the declarations read it."""

    document: str  # number of the invoice/credit note/shipment
    document_date: dt.date
    flow: str  # "D" dispatch, "A" arrival
    credit: bool  # a credit note
    cn8: str
    description: str
    partner_country: str  # member state of destination (D) or consignment (A)
    partner_vat: str
    origin_country: str
    net_mass_kg: Decimal
    quantity: Decimal
    value_eur: Decimal  # net value in EUR (positive)
    nature: str
    mode: str
    department: str
    regime: str = REGIME_DISPATCH  # 21 (B2B), 29 (to a buyer without VAT number), 11 arrivals
    supplementary_unit: str = ""  # the CN code's unit ("p/st", "l"...) or ""


@dataclass(frozen=True)
class DeclarationLine:
    cn8: str
    partner_country: str
    partner_vat: str
    origin_country: str
    nature: str
    mode: str
    department: str
    regime: str
    supplementary_unit: str
    net_mass: int
    quantity_su: int | None
    invoiced_amount: int  # whole euros, positive
    statistical_value: int
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    document: str
    field: str
    message: Text


def _line_problems(line: SourceLine, need_vat: bool) -> list[Problem]:
    problems: list[Problem] = []
    if len(line.cn8) != 8 or not line.cn8.isdigit():
        problems.append(
            Problem(
                line.document,
                "cn8",
                Text("{what}: no 8-digit CN code on the product.", what=line.description),
            )
        )
    if need_vat and not line.partner_vat.strip():
        problems.append(
            Problem(line.document, "partner_vat", Text("The client has no VAT number."))
        )
    if net_mass_kg(line.net_mass_kg) == 0:
        problems.append(
            Problem(
                line.document,
                "net_mass",
                Text("{what}: the net mass is zero.", what=line.description),
            )
        )
    if line.nature not in NATURE_OF_TRANSACTION:
        problems.append(Problem(line.document, "nature", Text("Unknown nature of transaction.")))
    if line.mode not in MODE_OF_TRANSPORT:
        problems.append(
            Problem(
                line.document,
                "mode",
                Text(
                    "The mode of transport is not known (multimodal): set the mode of the "
                    "vehicle that crosses the border on the order or shipment."
                ),
            )
        )
    if not line.origin_country:
        problems.append(
            Problem(
                line.document,
                "origin_country",
                Text("{what}: no country of origin.", what=line.description),
            )
        )
    if not line.department:
        problems.append(
            Problem(
                line.document,
                "department",
                Text("The department of departure or arrival is unknown."),
            )
        )
    return problems


def emebi_lines(
    sources: Sequence[SourceLine], flow: str
) -> tuple[list[DeclarationLine], list[Problem]]:
    """EMEBI lines of one flow, grouped by the declared keys (CN8, country, VAT number,
    origin, nature, mode, department): masses, quantities and values are summed before
    rounding, as one item per combination. Credit notes do not move goods: they are in the
    fiscal part only (regime 25, see :func:`recap_lines`); returned goods are arrivals with
    nature 21."""
    problems: list[Problem] = []
    groups: dict[tuple[str, str, str, str, str, str, str, str, str], list[SourceLine]] = {}
    for line in sources:
        if line.flow != flow or line.credit:
            continue
        line_problems = _line_problems(line, need_vat=line.regime == REGIME_DISPATCH)
        problems.extend(line_problems)
        key = (
            line.cn8,
            line.partner_country,
            line.partner_vat.replace(" ", "").upper() if line.regime == REGIME_DISPATCH else "",
            line.origin_country,
            line.nature,
            line.mode,
            line.department,
            line.supplementary_unit,
            line.regime,
        )
        groups.setdefault(key, []).append(line)
    result: list[DeclarationLine] = []
    for key, grouped in groups.items():
        lines = grouped
        cn8, country, vat, origin, nature, mode, department, unit, regime = key
        value = sum((line.value_eur for line in lines), Decimal("0"))
        mass = sum((line.net_mass_kg for line in lines), Decimal("0"))
        quantity = sum((line.quantity for line in lines), Decimal("0"))
        result.append(
            DeclarationLine(
                cn8=cn8,
                partner_country=country,
                partner_vat=vat,
                origin_country=origin,
                nature=nature,
                mode=mode,
                department=department,
                regime=regime,
                supplementary_unit=unit,
                net_mass=net_mass_kg(mass),
                quantity_su=whole_euros(quantity) if unit else None,
                invoiced_amount=whole_euros(value),
                statistical_value=whole_euros(value),
                documents=tuple(sorted({line.document for line in lines})),
            )
        )
    result.sort(key=lambda d: (d.partner_country, d.cn8, d.partner_vat, d.origin_country))
    return result, problems


@dataclass(frozen=True)
class RecapSource:
    document: str
    document_date: dt.date
    credit: bool
    client: str
    partner_vat: str
    value_eur: Decimal  # positive


@dataclass(frozen=True)
class RecapLine:
    partner_vat: str
    client: str
    regime: str  # 21 supplies, 25 credit notes
    amount: int  # whole euros, positive as filed
    signed_amount: int  # negative for credit notes (what the month reduces)
    documents: tuple[str, ...]


def recap_lines(sources: Sequence[RecapSource]) -> tuple[list[RecapLine], list[Problem]]:
    """État récapitulatif: one line per client VAT number and regime (21 supplies, 25 credit
    notes of the month), totals in whole euros from the first euro (CGI art. 289 B)."""
    problems: list[Problem] = []
    groups: dict[tuple[str, str], list[RecapSource]] = {}
    for source in sources:
        vat = source.partner_vat.replace(" ", "").upper()
        if not vat:
            problems.append(
                Problem(
                    source.document,
                    "partner_vat",
                    Text("{client} has no VAT number.", client=source.client),
                )
            )
            continue
        regime = REGIME_CREDIT if source.credit else REGIME_DISPATCH
        groups.setdefault((vat, regime), []).append(source)
    lines: list[RecapLine] = []
    for (vat, regime), items in sorted(groups.items()):
        amount = whole_euros(sum((i.value_eur for i in items), Decimal("0")))
        lines.append(
            RecapLine(
                partner_vat=vat,
                client=items[0].client,
                regime=regime,
                amount=amount,
                signed_amount=-amount if regime == REGIME_CREDIT else amount,
                documents=tuple(sorted({i.document for i in items})),
            )
        )
    return lines, problems


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of ``month``'s month."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)
