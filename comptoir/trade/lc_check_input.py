"""The document checker's input: the credit and the presented documents, read and validated.

The JSON contract is issue 14's "document checker: a fixed contract"::

    {"credit": {...}, "presentation": {"date": "YYYY-MM-DD", "documents": [...]}}

Every value is read into a frozen dataclass (money as ``Decimal``, dates as ``date``);
anything malformed raises :class:`~comptoir.trade.errors.TradeInputError` naming the
field with its path (``"presentation.documents[2].amount"``). Unknown fields are
refused (a misspelt field silently ignored is how a discrepancy goes unseen).
Contradictions inside the credit are bad input, not discrepancies: an expiry date
before the latest shipment date, an issue date after the expiry date, a tolerance
above 100 % or negative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias

from comptoir.trade import calendars
from comptoir.trade.errors import TradeInputError
from comptoir.trade.incoterms import RULE_CODES
from comptoir.trade.money import currency_code, to_decimal

__all__ = [
    "COUNTED_UNITS",
    "DOCUMENT_TYPES",
    "MAX_DOCUMENTS",
    "MEASURED_UNITS",
    "BillOfLading",
    "CertificateOfOrigin",
    "Credit",
    "Document",
    "InsuranceDocument",
    "Invoice",
    "PackingList",
    "Presentation",
    "RequiredDocument",
    "parse",
]

#: The document types the checker knows, in the order a checker reads them.
DOCUMENT_TYPES: Final = (
    "commercial_invoice",
    "bill_of_lading",
    "insurance",
    "packing_list",
    "certificate_of_origin",
)

#: At most this many documents in one presentation (and required by one credit).
MAX_DOCUMENTS: Final = 50
#: Longest text accepted in one field (a goods description, B/L clauses).
MAX_TEXT: Final = 4000

#: Units counting individual items or packing units: no 5 % quantity tolerance (UCP 600
#: art. 30 b). UN/ECE Recommendation 20 codes and the usual abbreviations.
COUNTED_UNITS: Final = frozenset(
    {
        "PCS", "PCE", "PC", "H87", "C62", "EA", "EACH", "NAR", "NMB", "UNIT", "UNITS", "U",
        "CT", "CTN", "CTNS", "CARTON", "CARTONS", "CS", "CASE", "CASES", "BX", "BOX", "BOXES",
        "PK", "PA", "PACK", "PACKS", "BG", "BAG", "BAGS", "SA", "SACK", "SACKS", "PX", "PAL",
        "PALLET", "PALLETS", "DR", "DRUM", "DRUMS", "BO", "BOTTLE", "BOTTLES", "CR", "CRATE",
        "CRATES", "RO", "ROLL", "ROLLS", "SET", "SETS", "PR", "PAIR", "PAIRS", "DZN", "DOZEN",
        "CONTAINER", "CONTAINERS", "PIECE", "PIECES", "BE", "BUNDLE", "BUNDLES", "CN", "CAN",
        "CANS", "TU", "TUBE", "TUBES", "BL", "BALE", "BALES", "COIL", "COILS",
    }
)  # fmt: skip
#: Units of mass, volume, length and area: 5 % quantity tolerance allowed (art. 30 b).
MEASURED_UNITS: Final = frozenset(
    {
        "MT", "TNE", "T", "TON", "TONS", "TONNE", "TONNES", "KGM", "KG", "KGS", "GRM", "G",
        "LBR", "LB", "LBS", "STN", "LTN", "LTR", "L", "LITRE", "LITRES", "HLT", "MTQ", "M3",
        "CBM", "GLL", "BLL", "MTR", "M", "METRE", "METRES", "KMT", "MTK", "M2", "SQM", "FOT",
        "YRD", "DTN", "QNT", "MWH", "KWH",
    }
)  # fmt: skip

_ISO_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MODES: Final = ("allowed", "prohibited")
_FREIGHT: Final = ("prepaid", "collect")

Mode = Literal["allowed", "prohibited"]
#: A calendar day (an alias: documents have a field named ``date``).
Day: TypeAlias = date


# --- the typed model ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """A document the credit calls for (field 46A), with the details the checker verifies."""

    type: str
    originals: int | None = None  # None: art. 17 a (one) / art. 20 a (iv) (full set of a B/L)
    full_set: bool = False  # "full set" / "all originals" asked
    copies: int | None = None
    clean_on_board: bool = True
    freight: str | None = None  # "prepaid" or "collect"
    cover_pct: Decimal | None = None  # insurance cover, % of the CIF/CIP value (110 by art. 28 f)
    risks: str | None = None
    country_of_origin: str | None = None
    issuer: str | None = None
    consignee: str | None = None
    notify: str | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """The documentary credit's terms (the MT700 fields a checker reads)."""

    currency: str
    amount: Decimal
    tolerance_plus_pct: Decimal | None
    tolerance_minus_pct: Decimal | None
    about: bool
    issue_date: Day
    expiry_date: Day
    expiry_country: str
    latest_shipment_date: Day
    presentation_days: int
    partial_shipments: Mode
    transhipment: Mode
    incoterm: str | None
    named_place: str | None
    port_of_loading: str | None
    port_of_discharge: str | None
    goods_description: str | None
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    applicant: str
    beneficiary: str
    documents_required: tuple[RequiredDocument, ...]

    @property
    def counted_in_units(self) -> bool:
        """Whether the quantity counts items or packing units (no art. 30 b tolerance)."""
        return self.unit is not None and self.unit in COUNTED_UNITS


@dataclass(frozen=True, slots=True)
class Invoice:
    """A commercial invoice (UCP 600 art. 18)."""

    issuer: str
    addressee: str
    currency: str
    amount: Decimal
    goods_description: str
    date: Day | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    incoterm: str | None = None
    named_place: str | None = None
    reference: str | None = None
    type: str = "commercial_invoice"


@dataclass(frozen=True, slots=True)
class BillOfLading:
    """A bill of lading (UCP 600 art. 20)."""

    date: Day
    on_board_date: Day | None = None
    shipped_on_board: bool = False  # pre-printed "shipped on board": issue date = shipment date
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    clean: bool = True
    clauses: str | None = None
    originals_issued: int = 1
    originals_presented: int = 1
    freight: str | None = None
    transhipment: bool = False
    containerised: bool = False
    gross_weight_kg: Decimal | None = None
    packages: int | None = None
    goods_description: str | None = None
    vessel: str | None = None
    voyage: str | None = None
    reference: str | None = None
    type: str = "bill_of_lading"

    @property
    def shipment_date(self) -> Day | None:
        """The date of shipment (art. 20 a (ii)): the on-board notation's date, else the
        issue date of a "shipped on board" bill, else unknown (no on-board evidence)."""
        if self.on_board_date is not None:
            return self.on_board_date
        return self.date if self.shipped_on_board else None


@dataclass(frozen=True, slots=True)
class InsuranceDocument:
    """An insurance policy or certificate (UCP 600 art. 28)."""

    date: Day
    currency: str
    amount: Decimal
    risks: str | None = None
    effective_date: Day | None = None
    originals_issued: int = 1
    originals_presented: int = 1
    reference: str | None = None
    type: str = "insurance"


@dataclass(frozen=True, slots=True)
class PackingList:
    """A packing list (UCP 600 art. 14 f: content as required, not conflicting)."""

    date: Day | None = None
    gross_weight_kg: Decimal | None = None
    packages: int | None = None
    reference: str | None = None
    type: str = "packing_list"


@dataclass(frozen=True, slots=True)
class CertificateOfOrigin:
    """A certificate of origin (UCP 600 art. 14 f; ISBP 821 section L)."""

    date: Day | None = None
    country_of_origin: str | None = None
    issuer: str | None = None
    goods_description: str | None = None
    reference: str | None = None
    type: str = "certificate_of_origin"


Document = Invoice | BillOfLading | InsuranceDocument | PackingList | CertificateOfOrigin


@dataclass(frozen=True, slots=True)
class Presentation:
    """What the beneficiary presents: the date and the documents."""

    date: Day
    documents: tuple[Document, ...]

    def of_type(self, kind: str) -> tuple[Document, ...]:
        return tuple(doc for doc in self.documents if doc.type == kind)


# --- reading JSON ---------------------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object; errors name the field with its path."""

    def __init__(self, data: object, allowed: Iterable[str], path: str) -> None:
        if not isinstance(data, Mapping):
            raise TradeInputError("Expected a JSON object {...}.", path or None)
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                raise TradeInputError(
                    f"Unknown field {key!r}. Fields: {', '.join(allowed)}.", self._join(path, key)
                )
        self.data: Mapping[str, Any] = data
        self.path = path

    @staticmethod
    def _join(path: str, key: str) -> str:
        return f"{path}.{key}" if path else key

    def field(self, key: str) -> str:
        return self._join(self.path, key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def required(self, key: str) -> Any:
        if not self.has(key):
            raise TradeInputError(f"The field {key!r} is required.", self.field(key))
        return self.data[key]

    def money(self, key: str, *, required: bool = True, what: str = "amount") -> Decimal | None:
        if not self.has(key):
            if required:
                raise TradeInputError(f"The field {key!r} is required.", self.field(key))
            return None
        return to_decimal(
            self.data[key], self.field(key), minimum=0, strict_minimum=True, what=what
        )

    def percentage(self, key: str) -> Decimal | None:
        if not self.has(key):
            return None
        value = to_decimal(self.data[key], self.field(key), what="percentage")
        if not 0 <= value <= 100:
            raise TradeInputError(
                "A tolerance is a percentage between 0 and 100 (not negative, not over 100).",
                self.field(key),
            )
        return value

    def count(self, key: str, default: int | None = None, minimum: int = 0) -> int | None:
        if not self.has(key):
            return default
        value: object = self.data[key]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TradeInputError("Give a whole number.", self.field(key))
        if not minimum <= value <= 10_000:
            raise TradeInputError(
                f"Give a whole number between {minimum} and 10000.", self.field(key)
            )
        return value

    def boolean(self, key: str, default: bool) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise TradeInputError("Give true or false.", self.field(key))
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        if not self.has(key):
            if required:
                raise TradeInputError(f"The field {key!r} is required.", self.field(key))
            return None
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            raise TradeInputError("Give a non-empty text.", self.field(key))
        if len(value) > MAX_TEXT:
            raise TradeInputError(f"At most {MAX_TEXT} characters.", self.field(key))
        return value.strip()

    def name(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def day(self, key: str, *, required: bool = True) -> date | None:
        if not self.has(key):
            if required:
                raise TradeInputError(f"The field {key!r} is required.", self.field(key))
            return None
        value = self.data[key]
        match = _ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise TradeInputError(f"Give the date as YYYY-MM-DD (got {value!r}).", self.field(key))
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise TradeInputError(f"{value} is not a date that exists.", self.field(key)) from None

    def date(self, key: str) -> date:
        value = self.day(key)
        assert value is not None
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
        if not self.has(key):
            return default
        value = self.data[key]
        normal = value.strip().lower().replace(" ", "_") if isinstance(value, str) else None
        if normal not in choices:
            raise TradeInputError(
                f"Unknown value {value!r}: give one of {', '.join(choices)}.", self.field(key)
            )
        return normal

    def currency(self, key: str) -> str:
        return currency_code(self.required(key), self.field(key))

    def items(self, key: str, *, allow_empty: bool = False) -> list[Any]:
        value = self.required(key)
        if not isinstance(value, list):
            raise TradeInputError("Expected a JSON list [...].", self.field(key))
        if not value and not allow_empty:
            raise TradeInputError("The list must not be empty.", self.field(key))
        if len(value) > MAX_DOCUMENTS:
            raise TradeInputError(
                f"At most {MAX_DOCUMENTS} documents in one list.", self.field(key)
            )
        return value


def _document_type(item: object, path: str) -> str:
    if not isinstance(item, Mapping):
        raise TradeInputError("Expected a JSON object {...}.", path)
    kind = item.get("type")
    if kind is None:
        raise TradeInputError("The field 'type' is required.", f"{path}.type")
    if kind not in DOCUMENT_TYPES:
        raise TradeInputError(
            f"Unknown document type {kind!r}: give one of {', '.join(DOCUMENT_TYPES)}.",
            f"{path}.type",
        )
    return str(kind)


def _freight_choice(r: _Reader, key: str) -> str | None:
    """``prepaid`` or ``collect`` (``"freight prepaid"``, ``"paid"`` and ``"freight collect"`` too)."""
    value = r.text(key)
    if value is None:
        return None
    normal = re.sub(r"[^a-z ]", " ", value.lower())
    words = set(normal.split())
    if words & {"prepaid", "paid"} and not words & {"collect", "payable"}:
        return "prepaid"
    if words & {"collect", "payable"} and not words & {"prepaid", "paid"}:
        return "collect"
    raise TradeInputError(
        f"Unknown freight terms {value!r}: give prepaid or collect.", r.field(key)
    )


def _required_document(item: object, path: str) -> RequiredDocument:
    kind = _document_type(item, path)
    r = _Reader(
        item,
        (
            "type",
            "originals",
            "copies",
            "clean_on_board",
            "freight",
            "cover_pct",
            "risks",
            "country_of_origin",
            "issuer",
            "consignee",
            "notify",
        ),
        path,
    )
    originals: int | None = None
    full_set = False
    raw = r.data.get("originals")
    if isinstance(raw, str) and raw.strip().lower().replace("_", " ") in {
        "all",
        "full set",
        "full",
    }:
        full_set = True
    else:
        originals = r.count("originals", minimum=1)
    cover = None
    if r.has("cover_pct"):
        cover = to_decimal(r.data["cover_pct"], r.field("cover_pct"), what="percentage")
        if not 100 <= cover <= 1000:
            raise TradeInputError(
                "The insurance cover is a percentage of the CIF/CIP value between 100 and 1000 "
                "(110 by default, UCP 600 art. 28 f (ii)).",
                r.field("cover_pct"),
            )
    country = r.text("country_of_origin")
    return RequiredDocument(
        type=kind,
        originals=originals,
        full_set=full_set,
        copies=r.count("copies"),
        clean_on_board=r.boolean("clean_on_board", True),
        freight=_freight_choice(r, "freight"),
        cover_pct=cover,
        risks=r.text("risks"),
        country_of_origin=country.upper() if country else None,
        issuer=r.text("issuer"),
        consignee=r.text("consignee"),
        notify=r.text("notify"),
    )


_CREDIT_FIELDS: Final = (
    "currency",
    "amount",
    "tolerance_plus_pct",
    "tolerance_minus_pct",
    "about",
    "issue_date",
    "expiry_date",
    "expiry_country",
    "latest_shipment_date",
    "presentation_days",
    "partial_shipments",
    "transhipment",
    "incoterm",
    "named_place",
    "port_of_loading",
    "port_of_discharge",
    "goods_description",
    "quantity",
    "unit",
    "unit_price",
    "applicant",
    "beneficiary",
    "documents_required",
)


def _unit(r: _Reader) -> str | None:
    value = r.text("unit")
    if value is None:
        return None
    code = value.strip().upper().rstrip(".")
    if code not in COUNTED_UNITS and code not in MEASURED_UNITS:
        raise TradeInputError(
            f"Unknown unit {value!r}: give a unit counting items such as PCS, PCE, H87, C62 or CT, "
            "or a measure such as MT, TNE, KGM, LTR or MTQ (UN/ECE Recommendation 20).",
            r.field("unit"),
        )
    return code


def _trade_term(r: _Reader, *, known: bool) -> str | None:
    """The Incoterms® rule's code (``"CIF Incoterms 2020"`` → ``CIF``); the credit's must exist."""
    value = r.text("incoterm")
    if value is None:
        return None
    words = value.upper().replace("INCOTERMS", " ").replace("®", " ").split()
    code = words[0] if words else ""
    if known and code not in RULE_CODES:
        raise TradeInputError(
            f"Unknown Incoterms rule {value!r}: give one of {', '.join(RULE_CODES)}.",
            r.field("incoterm"),
        )
    return code or None


def _credit(data: object) -> Credit:
    r = _Reader(data, _CREDIT_FIELDS, "credit")
    amount = r.money("amount", what="credit amount")
    assert amount is not None
    about = r.boolean("about", False)
    plus, minus = r.percentage("tolerance_plus_pct"), r.percentage("tolerance_minus_pct")
    if about and (plus is not None or minus is not None):
        raise TradeInputError(
            'Give either "about" (10 % either way, UCP 600 art. 30 a) or an explicit tolerance, '
            "not both.",
            r.field("tolerance_plus_pct" if plus is not None else "tolerance_minus_pct"),
        )
    issue, expiry = r.date("issue_date"), r.date("expiry_date")
    latest_shipment = r.date("latest_shipment_date")
    if issue > expiry:
        raise TradeInputError(
            f"The issue date {issue.isoformat()} is after the expiry date {expiry.isoformat()}.",
            r.field("issue_date"),
        )
    if expiry < latest_shipment:
        raise TradeInputError(
            f"The expiry date {expiry.isoformat()} is before the latest shipment date "
            f"{latest_shipment.isoformat()}.",
            r.field("expiry_date"),
        )
    if latest_shipment < issue:
        raise TradeInputError(
            f"The latest shipment date {latest_shipment.isoformat()} is before the issue date "
            f"{issue.isoformat()}.",
            r.field("latest_shipment_date"),
        )
    days = r.count("presentation_days", 21, minimum=1)
    assert days is not None
    if days > 366:
        raise TradeInputError(
            "The presentation period is a whole number of days between 1 and 366.",
            r.field("presentation_days"),
        )
    country = calendars.country_code(r.data.get("expiry_country", "FR"), r.field("expiry_country"))
    quantity = r.money("quantity", required=False, what="quantity")
    unit = _unit(r)
    if quantity is not None and unit is None:
        raise TradeInputError(
            "Give the unit of the quantity (PCS, MT, KGM...): UCP 600 art. 30 b depends on it.",
            r.field("unit"),
        )
    items = r.items("documents_required")
    required = tuple(
        _required_document(item, f"credit.documents_required[{i}]") for i, item in enumerate(items)
    )
    seen: set[str] = set()
    for i, doc in enumerate(required):
        if doc.type in seen:
            raise TradeInputError(
                f"The document type {doc.type!r} is required twice: give it once with its details.",
                f"credit.documents_required[{i}].type",
            )
        seen.add(doc.type)
    incoterm = _trade_term(r, known=True)
    return Credit(
        currency=r.currency("currency"),
        amount=amount,
        tolerance_plus_pct=plus,
        tolerance_minus_pct=minus,
        about=about,
        issue_date=issue,
        expiry_date=expiry,
        expiry_country=country,
        latest_shipment_date=latest_shipment,
        presentation_days=days,
        partial_shipments=_mode(r, "partial_shipments"),
        transhipment=_mode(r, "transhipment"),
        incoterm=incoterm,
        named_place=r.text("named_place"),
        port_of_loading=r.text("port_of_loading"),
        port_of_discharge=r.text("port_of_discharge"),
        goods_description=r.text("goods_description"),
        quantity=quantity,
        unit=unit,
        unit_price=r.money("unit_price", required=False, what="unit price"),
        applicant=r.name("applicant"),
        beneficiary=r.name("beneficiary"),
        documents_required=required,
    )


def _mode(r: _Reader, key: str) -> Mode:
    """``allowed`` or ``prohibited``; allowed when not stated (UCP 600 art. 31 a, 20 c)."""
    value = r.choice(key, _MODES, "allowed")
    return "prohibited" if value == "prohibited" else "allowed"


def _originals(r: _Reader) -> tuple[int, int]:
    issued = r.count("originals_issued", 1, minimum=1)
    presented = r.count("originals_presented", 1, minimum=0)
    assert issued is not None and presented is not None
    if presented > issued:
        raise TradeInputError(
            f"{presented} originals presented but only {issued} issued.",
            r.field("originals_presented"),
        )
    return issued, presented


def _invoice(r: _Reader) -> Invoice:
    amount = r.money("amount", what="invoice amount")
    assert amount is not None
    incoterm = _trade_term(r, known=False)
    return Invoice(
        issuer=r.name("issuer"),
        addressee=r.name("addressee"),
        currency=r.currency("currency"),
        amount=amount,
        goods_description=r.name("goods_description"),
        date=r.day("date", required=False),
        quantity=r.money("quantity", required=False, what="quantity"),
        unit_price=r.money("unit_price", required=False, what="unit price"),
        incoterm=incoterm,
        named_place=r.text("named_place"),
        reference=r.text("reference"),
    )


def _bill_of_lading(r: _Reader) -> BillOfLading:
    issued, presented = _originals(r)
    weight = r.money("gross_weight_kg", required=False, what="gross weight")
    return BillOfLading(
        date=r.date("date"),
        on_board_date=r.day("on_board_date", required=False),
        shipped_on_board=r.boolean("shipped_on_board", False),
        port_of_loading=r.text("port_of_loading"),
        port_of_discharge=r.text("port_of_discharge"),
        clean=r.boolean("clean", True),
        clauses=r.text("clauses"),
        originals_issued=issued,
        originals_presented=presented,
        freight=_freight_choice(r, "freight"),
        transhipment=r.boolean("transhipment", False),
        containerised=r.boolean("containerised", False),
        gross_weight_kg=weight,
        packages=r.count("packages", minimum=1),
        goods_description=r.text("goods_description"),
        vessel=r.text("vessel"),
        voyage=r.text("voyage"),
        reference=r.text("reference"),
    )


def _insurance(r: _Reader) -> InsuranceDocument:
    issued, presented = _originals(r)
    amount = r.money("amount", what="insured amount")
    assert amount is not None
    return InsuranceDocument(
        date=r.date("date"),
        currency=r.currency("currency"),
        amount=amount,
        risks=r.text("risks"),
        effective_date=r.day("effective_date", required=False),
        originals_issued=issued,
        originals_presented=presented,
        reference=r.text("reference"),
    )


def _packing_list(r: _Reader) -> PackingList:
    return PackingList(
        date=r.day("date", required=False),
        gross_weight_kg=r.money("gross_weight_kg", required=False, what="gross weight"),
        packages=r.count("packages", minimum=1),
        reference=r.text("reference"),
    )


def _certificate(r: _Reader) -> CertificateOfOrigin:
    country = r.text("country_of_origin")
    return CertificateOfOrigin(
        date=r.day("date", required=False),
        country_of_origin=country,
        issuer=r.text("issuer"),
        goods_description=r.text("goods_description"),
        reference=r.text("reference"),
    )


_DOCUMENT_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "commercial_invoice": (
        "type", "issuer", "addressee", "date", "currency", "amount", "quantity", "unit_price",
        "goods_description", "incoterm", "named_place", "reference",
    ),
    "bill_of_lading": (
        "type", "date", "on_board_date", "shipped_on_board", "port_of_loading",
        "port_of_discharge", "clean", "clauses", "originals_issued", "originals_presented",
        "freight", "transhipment", "containerised", "gross_weight_kg", "packages",
        "goods_description", "vessel", "voyage", "reference",
    ),
    "insurance": (
        "type", "date", "effective_date", "currency", "amount", "risks", "originals_issued",
        "originals_presented", "reference",
    ),
    "packing_list": ("type", "date", "gross_weight_kg", "packages", "reference"),
    "certificate_of_origin": (
        "type", "date", "country_of_origin", "issuer", "goods_description", "reference",
    ),
}  # fmt: skip

_DOCUMENT_READERS: Final[dict[str, Callable[[_Reader], Document]]] = {
    "commercial_invoice": _invoice,
    "bill_of_lading": _bill_of_lading,
    "insurance": _insurance,
    "packing_list": _packing_list,
    "certificate_of_origin": _certificate,
}


def _document(item: object, path: str) -> Document:
    kind = _document_type(item, path)
    reader: Callable[[_Reader], Document] = _DOCUMENT_READERS[kind]
    return reader(_Reader(item, _DOCUMENT_FIELDS[kind], path))


def parse(payload: object) -> tuple[Credit, Presentation]:
    """The credit and the presentation of a JSON payload, validated.

    Source: issue 14's contract; the credit's consistency (expiry not before the
    latest shipment date, UCP 600 art. 6 d and 29 c; issue not after expiry) and
    the tolerances of art. 30. Raises :class:`TradeInputError` with the field's path.
    """
    top = _Reader(payload, ("credit", "presentation"), "")
    credit = _credit(top.required("credit"))
    p = _Reader(top.required("presentation"), ("date", "documents"), "presentation")
    items = p.items("documents", allow_empty=True)
    documents = tuple(
        _document(item, f"presentation.documents[{i}]") for i, item in enumerate(items)
    )
    return credit, Presentation(p.date("date"), documents)
