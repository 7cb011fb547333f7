"""The export document set: which documents a shipment needs, and whether they agree.

Sources:

* **Incoterms® 2020** (ICC publication 723), article A6/B6 "delivery/transport document":
  EXW A6: no document owed (the buyer's carrier takes the goods at the seller's premises);
  FCA, FAS, FOB A6: the usual proof that the goods have been delivered (FCA B6 / A6: an
  on-board bill of lading when the parties agree); CPT, CIP, CFR, CIF A6: the usual transport
  document for the agreed destination, at the seller's cost; DAP, DPU, DDP A6: a document
  enabling the buyer to take over the goods. Article A5 "insurance": CIF, minimum cover of
  the Institute Cargo Clauses (C); CIP, cover of the Institute Cargo Clauses (A); in both,
  at least the price of the contract plus 10 % (110 %) in the currency of the contract.
* **UCP 600** (ICC publication 600), documentary credits: art. 14 (d) data in a document
  must not conflict with the data in that document, any other stipulated document or the
  credit; art. 14 (e) other documents may describe the goods in general terms not
  conflicting with the credit; art. 18 commercial invoice; art. 19 multimodal transport
  document; art. 20 bill of lading; art. 23 air transport document; art. 24 road, rail or
  inland waterway document; art. 28 insurance document (art. 28 (e): dated no later than
  the date of shipment; (f) ii: at least 110 % of the CIF or CIP value when the credit says
  nothing).
* **Dangerous goods**: ADR 5.4.1 (road), IMDG Code 5.4.1 (sea), IATA Dangerous Goods
  Regulations 8.1 (air, Shipper's Declaration), RID 5.4.1 (rail): the transport document
  gives the UN number, the proper shipping name, the class, the packing group, the number
  and kind of packages and the total quantity.
* **Origin**: a certificate of origin (non-preferential origin, UCC art. 61, issued in
  France by the chambers of commerce) where the buyer's country or the credit asks for it;
  some countries ask for it legalised (chamber of commerce, then their consulate); the
  EUR.1 / EUR-MED movement certificate proves a preferential origin under the EU's
  agreements (Pan-Euro-Mediterranean convention, Appendix I art. 16-17) for goods of EU
  origin; other agreements use a statement on origin by a registered exporter (REX).
  Whether the preference really applies (rules of origin of the product) is the customs
  area's decision: this module only says that it *may* apply.

The consistency check (:func:`check_consistency`) compares the key figures of every
document of the set (as issued, or as received from the carrier) with each other and with
the shipment's current figures; nothing here knows a database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

__all__ = [
    "BEFORE_TRANSPORT",
    "DOCUMENT_KINDS",
    "EU_COUNTRIES",
    "LEGALISATION_COUNTRIES",
    "PREFERENCE_CERTIFICATE_COUNTRIES",
    "ORIGIN_STATEMENT_COUNTRIES",
    "ChecklistFacts",
    "ConsistencyResult",
    "Difference",
    "DocumentFigures",
    "RequiredDocument",
    "check_consistency",
    "dangerous_goods_regime",
    "insurance_cover",
    "required_documents",
    "transport_document_kinds",
]

ModeGroup = Literal["road", "sea", "air", "rail", "multimodal"]

#: Every document of the set, in the order the checklist shows them. ``ours``: we issue it
#: (printed from the dataset); otherwise another party issues it and we enter its figures
#: as received.
DOCUMENT_KINDS: Final[dict[str, bool]] = {
    "commercial_invoice": True,
    "packing_list": True,
    "shipping_instructions": True,
    "cmr": True,
    "bl_instructions": True,
    "bill_of_lading": False,
    "awb_instructions": True,
    "air_waybill": False,
    "transport_document": False,
    "origin_request": True,
    "origin_certificate": False,
    "eur1": True,
    "insurance_request": True,
    "insurance_certificate": False,
    "dangerous_goods": True,
}

#: EU member states (the goods' origin "EU" for the preference; the set needs no export
#: document inside the single market).
EU_COUNTRIES: Final = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)

#: Countries that commonly ask for the certificate of origin and the commercial invoice
#: legalised (chamber of commerce, then their consulate or the Franco-Arab chamber). A
#: short list of the frequent cases: the country sheet and the buyer's instructions say more.
LEGALISATION_COUNTRIES: Final = frozenset("AE BH EG IQ JO KW LB LY OM QA SA SY YE".split())

#: Partners of the EU with whom a EUR.1 or EUR-MED movement certificate can prove the
#: preferential origin (Pan-Euro-Mediterranean convention and agreements still using it).
PREFERENCE_CERTIFICATE_COUNTRIES: Final = frozenset(
    "AL BA CH CL DZ EG FO GE IL IS JO LB LI MA MD ME MK MX NO PS RS TN UA XK ZA".split()
)

#: Agreements where the preference is proved by a statement on origin on the invoice by a
#: registered exporter (REX), not by a certificate.
ORIGIN_STATEMENT_COUNTRIES: Final = frozenset("CA GB JP KR NZ SG VN".split())

#: Incoterms® 2020 rules.
E_TERMS: Final = frozenset({"EXW"})
F_TERMS: Final = frozenset({"FCA", "FAS", "FOB"})
C_TERMS: Final = frozenset({"CPT", "CIP", "CFR", "CIF"})
D_TERMS: Final = frozenset({"DAP", "DPU", "DDP"})
INCOTERMS: Final = E_TERMS | F_TERMS | C_TERMS | D_TERMS
LC_INSTRUMENTS: Final = frozenset({"lc", "confirmed_lc"})
MODE_GROUPS: Final = ("road", "sea", "air", "rail", "multimodal")


@dataclass(frozen=True, slots=True)
class ChecklistFacts:
    incoterm: str
    mode: ModeGroup
    origin_country: str
    destination_country: str
    payment_instrument: str = ""
    dangerous_goods: bool = False
    #: Every line of the goods is of EU origin (the preference may then apply).
    eu_origin: bool = False


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    kind: str
    reason: Text
    #: The rule that asks for it (shown beside the reason).
    rule: str
    #: Legalised by the chamber of commerce and the consulate.
    legalised: bool = False
    #: Not a requirement but a possibility to confirm (the preference).
    to_confirm: bool = False


def transport_document_kinds(mode: ModeGroup) -> tuple[str, ...]:
    """Our instructions and the carrier's document for a mode (the CMR is ours to fill)."""
    return {
        "road": ("cmr",),
        "sea": ("bl_instructions", "bill_of_lading"),
        "air": ("awb_instructions", "air_waybill"),
        "rail": ("transport_document",),
        "multimodal": ("transport_document",),
    }[mode]


_UCP_TRANSPORT_ARTICLE: Final = {
    "road": "UCP 600 art. 24",
    "rail": "UCP 600 art. 24",
    "sea": "UCP 600 art. 20",
    "air": "UCP 600 art. 23",
    "multimodal": "UCP 600 art. 19",
}


def _check_facts(facts: ChecklistFacts) -> None:
    if facts.incoterm.upper() not in INCOTERMS:
        raise TradeInputError(
            Text("Unknown Incoterm® 2020 rule: {code}.", code=facts.incoterm), "incoterm"
        )
    if facts.mode not in MODE_GROUPS:
        raise TradeInputError(Text("Unknown mode of transport: {mode}.", mode=facts.mode), "mode")


def required_documents(facts: ChecklistFacts) -> list[RequiredDocument]:
    """The documents this Incoterm, mode, destination and payment instrument require, each
    with the rule that asks for it, in the order of :data:`DOCUMENT_KINDS`."""
    _check_facts(facts)
    incoterm = facts.incoterm.upper()
    destination = facts.destination_country.upper()
    lc = facts.payment_instrument in LC_INSTRUMENTS
    export = destination not in EU_COUNTRIES or facts.origin_country.upper() not in EU_COUNTRIES
    legalised = destination in LEGALISATION_COUNTRIES
    out: list[RequiredDocument] = []

    if lc:
        invoice_reason = Text(
            "The credit calls for it; it must describe the goods as the credit does."
        )
        invoice_rule = "UCP 600 art. 18"
    else:
        invoice_reason = Text("The seller's invoice, the basis of the customs value.")
        invoice_rule = "Incoterms® 2020 A1"
    if legalised:
        invoice_reason = Text(
            "{reason} {country} asks for it legalised (chamber of commerce, then consulate).",
            reason=invoice_reason,
            country=destination,
        )
    out.append(RequiredDocument("commercial_invoice", invoice_reason, invoice_rule, legalised))
    out.append(
        RequiredDocument(
            "packing_list",
            Text("Packages, contents and weights, for the carrier, customs and the buyer."),
            "Incoterms® 2020 A8" if not lc else "UCP 600 art. 14",
        )
    )
    if incoterm not in E_TERMS:
        out.append(
            RequiredDocument(
                "shipping_instructions",
                Text("What the forwarder needs to book, load and clear the goods."),
                "Incoterms® 2020 A4",
            )
        )
        if incoterm in C_TERMS:
            reason = Text(
                "The seller provides the usual transport document for the agreed destination, "
                "at its own cost."
            )
        elif incoterm in D_TERMS:
            reason = Text(
                "The seller provides a document enabling the buyer to take over the goods."
            )
        else:
            reason = Text(
                "The seller provides the usual proof that the goods were delivered to the "
                "carrier (an on-board bill of lading if agreed)."
            )
        rule = f"Incoterms® 2020 {incoterm} A6"
        if lc:
            rule += f", {_UCP_TRANSPORT_ARTICLE[facts.mode]}"
        for kind in transport_document_kinds(facts.mode):
            out.append(RequiredDocument(kind, reason, rule))

    origin_needed = export and (legalised or lc)
    if origin_needed:
        if legalised:
            reason = Text(
                "{country} asks for a certificate of origin, legalised (chamber of commerce, "
                "then consulate).",
                country=destination,
            )
        else:
            reason = Text("Documentary credits usually call for one: check the credit's list.")
        rule = "UCC art. 61" + (", UCP 600 art. 14 (f)" if lc else "")
        out.append(RequiredDocument("origin_request", reason, rule, legalised))
        out.append(RequiredDocument("origin_certificate", reason, rule, legalised))
    if export and facts.eu_origin and destination in PREFERENCE_CERTIFICATE_COUNTRIES:
        out.append(
            RequiredDocument(
                "eur1",
                Text(
                    "Goods of EU origin to {country}: a preference may apply with a EUR.1 or "
                    "EUR-MED movement certificate; to be confirmed by the customs area (rules "
                    "of origin of each product).",
                    country=destination,
                ),
                "PEM convention, Appendix I art. 16-17",
                to_confirm=True,
            )
        )
    if incoterm in ("CIF", "CIP"):
        clauses = "(A)" if incoterm == "CIP" else "(C)"
        reason = Text(
            "{incoterm}: the seller insures the goods for at least 110 % of the price, "
            "Institute Cargo Clauses {clauses}.",
            incoterm=incoterm,
            clauses=clauses,
        )
        rule = f"Incoterms® 2020 {incoterm} A5" + (", UCP 600 art. 28" if lc else "")
        out.append(RequiredDocument("insurance_request", reason, rule))
        out.append(RequiredDocument("insurance_certificate", reason, rule))
    if facts.dangerous_goods:
        regime = dangerous_goods_regime(facts.mode)
        out.append(
            RequiredDocument(
                "dangerous_goods",
                Text(
                    "UN-numbered goods: the dangerous goods declaration under {regime}.",
                    regime=regime,
                ),
                {
                    "ADR": "ADR 5.4.1",
                    "IMDG": "IMDG Code 5.4.1",
                    "IATA DGR": "IATA DGR 8.1",
                    "RID": "RID 5.4.1",
                }[regime],
            )
        )
    order = list(DOCUMENT_KINDS)
    return sorted(out, key=lambda r: order.index(r.kind))


def dangerous_goods_regime(mode: ModeGroup) -> str:
    """The dangerous goods rules of the mode (multimodal: the sea leg's IMDG Code)."""
    return {"road": "ADR", "sea": "IMDG", "air": "IATA DGR", "rail": "RID", "multimodal": "IMDG"}[
        mode
    ]


@dataclass(frozen=True, slots=True)
class InsuranceCover:
    insured_value: Decimal
    clauses: str
    rule: str


def insurance_cover(value: Decimal, incoterm: str) -> InsuranceCover:
    """The minimum cover the seller buys under CIF or CIP (Incoterms® 2020 A5): 110 % of the
    price, rounded up to the cent, ICC (C) for CIF, ICC (A) for CIP. Other rules: no
    obligation (the buyer's choice), shown as 110 % ICC (A), the market's usual cover."""
    if value < 0:
        raise TradeInputError(Text("The value of the goods cannot be negative."), "value")
    insured = (value * Decimal("1.10")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    code = incoterm.upper()
    if code == "CIF":
        return InsuranceCover(insured, "ICC (C)", "Incoterms® 2020 CIF A5")
    if code == "CIP":
        return InsuranceCover(insured, "ICC (A)", "Incoterms® 2020 CIP A5")
    return InsuranceCover(insured, "ICC (A)", "")


# ------------------------------------------------------------------ the consistency check

#: Roles of documents in the date order: these are dated no later than the transport
#: document (UCP 600 art. 28 (e) for insurance; an invoice or packing list after the goods
#: left is the classic discrepancy).
BEFORE_TRANSPORT: Final = frozenset({"invoice", "packing", "instructions", "insurance"})

FIELDS: Final = (
    "packages",
    "gross_weight_kg",
    "net_weight_kg",
    "marks",
    "description",
    "hs_codes",
    "consignee",
    "incoterm",
)

Role = Literal[
    "shipment", "invoice", "packing", "instructions", "transport", "insurance", "origin", "other"
]


@dataclass(frozen=True, slots=True)
class DocumentFigures:
    """The key figures one document states; ``None`` where the document does not state it
    (it is then not compared)."""

    label: str
    role: Role = "other"
    packages: int | None = None
    gross_weight_kg: Decimal | None = None
    net_weight_kg: Decimal | None = None
    marks: str | None = None
    description: str | None = None
    hs_codes: tuple[str, ...] | None = None
    consignee: str | None = None
    incoterm: str | None = None
    date: date | None = None


@dataclass(frozen=True, slots=True)
class Difference:
    field: str
    #: Every document stating the field and what it says, in the order given.
    values: tuple[tuple[str, str], ...]
    rule: Text


@dataclass(frozen=True, slots=True)
class ConsistencyResult:
    differences: tuple[Difference, ...]
    compared: tuple[str, ...]
    tolerance_pct: Decimal
    rules: tuple[Text, ...] = field(default=())

    @property
    def agrees(self) -> bool:
        return not self.differences

    def labels_in_conflict(self) -> set[str]:
        return {label for d in self.differences for label, _v in d.values}


_SPACES = re.compile(r"\s+")


def normalise_text(value: str) -> str:
    """Case, accents kept; spaces, line breaks and punctuation spacing ignored."""
    return _SPACES.sub(" ", value.replace(",", ", ")).strip().casefold()


def normalise_marks(value: str) -> str:
    return _SPACES.sub(" ", value).strip().upper()


def hs_heading(code: str) -> str:
    """The first six digits of a code: the HS subheading every country shares (national
    codes add digits that other documents need not print)."""
    return "".join(ch for ch in code if ch.isdigit())[:6]


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, tuple):
        return ", ".join(value) if value else "—"
    return str(value)


def _key(name: str, value: object) -> object:
    if name == "marks":
        assert isinstance(value, str)
        return normalise_marks(value)
    if name in ("description", "consignee"):
        assert isinstance(value, str)
        return normalise_text(value)
    if name == "incoterm":
        assert isinstance(value, str)
        return normalise_text(value)
    if name == "hs_codes":
        assert isinstance(value, tuple)
        return frozenset(hs_heading(c) for c in value if hs_heading(c))
    return value


def _weights_agree(values: list[Decimal], tolerance_pct: Decimal) -> bool:
    high, low = max(values), min(values)
    return high - low <= high * tolerance_pct / 100


def check_consistency(
    documents: Sequence[DocumentFigures], *, tolerance_pct: Decimal = Decimal(0)
) -> ConsistencyResult:
    """Every figure that two documents state differently, with every document and its value.

    Compared: number of packages (exactly); gross and net weights (exactly, or within
    ``tolerance_pct`` % of the higher value); marks and numbers (ignoring case and spacing);
    description and consignee (ignoring case and spacing); HS codes (as sets of six-digit
    subheadings); Incoterm and place; dates (a document of :data:`BEFORE_TRANSPORT` dated
    after a transport document). UCP 600 art. 14 (d): data must not conflict.
    """
    if tolerance_pct < 0 or tolerance_pct > 10:
        raise TradeInputError(Text("The weight tolerance is between 0 and 10 %."), "tolerance_pct")
    labels = [d.label for d in documents]
    if len(set(labels)) != len(labels):
        raise TradeInputError(Text("Two documents have the same label."), "documents")
    differences: list[Difference] = []
    for name in FIELDS:
        stated = [(d.label, getattr(d, name)) for d in documents if getattr(d, name) is not None]
        if len(stated) < 2:
            continue
        if name in ("gross_weight_kg", "net_weight_kg"):
            weights = [v for _l, v in stated]
            agree = _weights_agree(weights, tolerance_pct)
        else:
            agree = len({_key(name, v) for _l, v in stated}) == 1
        if not agree:
            differences.append(
                Difference(
                    name,
                    tuple((label, _shown(value)) for label, value in stated),
                    _RULES[name](tolerance_pct),
                )
            )
    transports = [d for d in documents if d.role == "transport" and d.date is not None]
    late = [
        (d, t)
        for d in documents
        if d.role in BEFORE_TRANSPORT and d.date is not None
        for t in transports
        if d.date > t.date  # type: ignore[operator]
    ]
    if late:
        involved: dict[str, str] = {}
        for d, t in late:
            involved[d.label] = d.date.isoformat()  # type: ignore[union-attr]
            involved[t.label] = t.date.isoformat()  # type: ignore[union-attr]
        differences.append(
            Difference(
                "dates",
                tuple(involved.items()),
                Text(
                    "The invoice, packing list, instructions and insurance are dated no later "
                    "than the transport document (UCP 600 art. 28 (e) for insurance)."
                ),
            )
        )
    return ConsistencyResult(tuple(differences), tuple(labels), tolerance_pct)


def _weight_rule(tolerance: Decimal) -> Text:
    if tolerance == 0:
        return Text("Weights must be the same on every document (no tolerance).")
    return Text(
        "Weights may differ by at most {tolerance} % of the higher value.", tolerance=tolerance
    )


_RULES: dict[str, Callable[[Decimal], Text]] = {
    "packages": lambda _t: Text("The number of packages must be the same on every document."),
    "gross_weight_kg": _weight_rule,
    "net_weight_kg": _weight_rule,
    "marks": lambda _t: Text("Marks and numbers must be the same (case and spacing ignored)."),
    "description": lambda _t: Text(
        "The description of the goods must not conflict (UCP 600 art. 14 (d) and (e))."
    ),
    "hs_codes": lambda _t: Text("The HS codes must be the same (six-digit subheadings)."),
    "consignee": lambda _t: Text("The consignee must be the same on every document."),
    "incoterm": lambda _t: Text("The Incoterm® and its place must be the same."),
}


def figures_total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of stated values, or ``None`` when one is missing."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total
