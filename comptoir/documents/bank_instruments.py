"""Bank instruments as PDF: the collection instruction to our bank (URC 522 art. 4) and the
bill of exchange drawn on the buyer. The collections area builds plain values in the
reader's language; this module only lays them out (and writes an amount in words)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

from .pdf import render_pdf

INSTRUCTION_TEMPLATE = "doc_collections/pdf/instruction.html"
BILL_TEMPLATE = "doc_collections/pdf/bill.html"


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CollectionInstruction:
    language: str
    title: str
    subtitle: str
    sender: Party
    recipient: Party
    place_and_date: str
    references: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    documents_title: str
    documents_head: tuple[str, str, str, str]
    documents: tuple[tuple[str, str, str, str], ...]
    closing: str
    signature: tuple[str, ...]
    footer: str


@dataclass(frozen=True, slots=True)
class BillOfExchange:
    language: str
    title: str  # "LETTRE DE CHANGE" / "BILL OF EXCHANGE"
    copies: tuple[str, ...]  # ("First of exchange", "Second of exchange") or ("",)
    amount_figure: str
    place_and_date: str
    order_text: str  # the unconditional order to pay, with tenor, payee and amount in words
    drawee_title: str
    drawee: Party
    payment_place: str
    references: tuple[tuple[str, str], ...]
    drawer_title: str
    drawer: Party
    acceptance_title: str
    acceptance_text: str


def amount_in_words(amount: Decimal, currency: str, language: str, minor_digits: int = 2) -> str:
    """``USD forty-eight thousand six hundred and 50/100``: the whole units in words, the
    minor units as a fraction, as banks write amounts on bills and cheques."""
    lang = "fr" if language == "fr" else "en"
    if minor_digits:
        value = amount.quantize(Decimal(1).scaleb(-minor_digits), rounding=ROUND_HALF_UP)
    else:
        value = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    whole = int(value)
    words = num2words(whole, lang=lang)
    if not minor_digits:
        return f"{currency} {words}"
    cents = int((value - whole) * (10**minor_digits))
    joiner = "et" if lang == "fr" else "and"
    return f"{currency} {words} {joiner} {cents:0{minor_digits}d}/{10**minor_digits}"


def render_instruction(instruction: CollectionInstruction) -> bytes:
    return render_pdf(INSTRUCTION_TEMPLATE, {"doc": asdict(instruction)})


def render_bill(bill: BillOfExchange) -> bytes:
    return render_pdf(BILL_TEMPLATE, {"bill": asdict(bill)})
