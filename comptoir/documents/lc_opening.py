"""The request to our bank to open an import documentary credit ("demande d'ouverture de
crédit documentaire"), as PDF. The credits area builds an :class:`OpeningRequest` of plain
values in the chosen language; this module only lays it out (the bank's form: applicant,
beneficiary, amount, dates, shipment, goods, documents, conditions, signature)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .pdf import render_pdf

TEMPLATE = "credits/pdf/opening_request.html"


@dataclass(frozen=True, slots=True)
class OpeningSection:
    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class OpeningDocument:
    name: str
    originals: str
    details: str


@dataclass(frozen=True, slots=True)
class OpeningRequest:
    language: str
    title: str
    subtitle: str
    applicant: tuple[str, ...]
    bank: tuple[str, ...]
    place_and_date: str
    intro: str
    sections: tuple[OpeningSection, ...]
    documents_title: str
    documents_headers: tuple[str, str, str]
    documents: tuple[OpeningDocument, ...]
    rules_line: str
    undertaking: str
    signature_title: str
    signature_lines: tuple[str, ...]


def render_opening_request(request: OpeningRequest) -> bytes:
    """The request as PDF bytes (WeasyPrint, network-free)."""
    return render_pdf(TEMPLATE, {"request": asdict(request)})
