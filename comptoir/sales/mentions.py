"""Texts that areas above sales print on an invoice, without sales importing them.

The origin area prints the statement on origin of the agreement concerned; another area may
print its own legal mention. Each registers a source in its AppConfig.ready; ``billing.issue``
calls :func:`collect` once, when the invoice is issued, and stores the texts in
``Invoice.mentions`` (an issued invoice is never re-computed); the invoice PDF prints them
after the VAT mention.

A source takes the invoice about to be issued (number, totals, language and issue date set,
not saved yet) and its lines, and returns its :class:`Mention` list, already in the
invoice's language, or ``[]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Invoice, InvoiceLine


@dataclass(frozen=True)
class Mention:
    key: str  # which source, e.g. "origin"
    title: str  # a heading in the invoice's language, or ""
    text: str  # the text, line breaks kept


Source = Callable[["Invoice", "list[InvoiceLine]"], list[Mention]]

_SOURCES: dict[str, tuple[int, Source]] = {}


def register(name: str, source: Source, *, order: int = 50) -> None:
    """Add (or replace, on a second ready()) the source ``name``."""
    _SOURCES[name] = (order, source)


def unregister(name: str) -> None:
    _SOURCES.pop(name, None)


def collect(invoice: Invoice, lines: list[InvoiceLine]) -> list[dict[str, str]]:
    """Every registered source's mentions for this invoice, in order, as stored."""
    found: list[dict[str, str]] = []
    for _order, source in sorted(_SOURCES.values(), key=lambda item: item[0]):
        found.extend(asdict(mention) for mention in source(invoice, lines))
    return found
