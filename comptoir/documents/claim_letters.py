"""Claim letters (reserves to the carrier, claim to the carrier, claim to the cargo insurer) as
PDF. The claims area builds a :class:`ClaimLetter` of plain values, in the recipient's
language; this module only lays it out."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .pdf import render_pdf

#: The letter's layout: a letterhead, the recipient's block, references, paragraphs, signature.
TEMPLATE = "claims/pdf/letter.html"


@dataclass(frozen=True, slots=True)
class LetterParty:
    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimLetter:
    language: str
    sender: LetterParty
    recipient: LetterParty
    place_and_date: str
    registered: str  # "Registered letter with acknowledgement of receipt", or empty
    subject: str
    references: tuple[tuple[str, str], ...]
    salutation: str
    paragraphs: tuple[str, ...]
    closing: str
    signature: tuple[str, ...]
    enclosures_title: str = ""
    enclosures: tuple[str, ...] = ()


def render_claim_letter(letter: ClaimLetter) -> bytes:
    """The letter as PDF bytes (WeasyPrint, network-free)."""
    return render_pdf(TEMPLATE, {"letter": asdict(letter)})
