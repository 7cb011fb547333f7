"""The clean values the market studies services take (forms and serializers build them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from comptoir.catalog.models import Product
from comptoir.intelligence.models import Item

from .models import ThematicFile


@dataclass(frozen=True, kw_only=True)
class FileValues:
    title: str
    theme: str
    description: str = ""
    countries: tuple[str, ...] = ()
    products: tuple[Product, ...] = ()
    shared: bool = True


@dataclass(frozen=True, kw_only=True)
class ClipValues:
    """An item to clip into a file, with the user's comment."""

    item: Item
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class HandNoteValues:
    """A note typed by hand in a file (a phone call, a visit, a figure heard at a fair)."""

    title: str
    text: str
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class Section:
    heading: str
    body: str


@dataclass(frozen=True, kw_only=True)
class NoteValues:
    title: str
    language: str
    sections: tuple[Section, ...]
    conclusion: str = ""


@dataclass(frozen=True, kw_only=True)
class StudyValues:
    title: str
    countries: tuple[str, ...]
    scope: str = ""
    products: tuple[Product, ...] = ()
    files: tuple[ThematicFile, ...] = ()
    #: criterion -> weight in percent; None: the default weights
    weights: Mapping[str, Decimal] | None = None


@dataclass(frozen=True, kw_only=True)
class DecisionValues:
    chosen: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class StrategyValues:
    kind: str
    title: str
    language: str = "fr"
    country: str = ""
    product: Product | None = None
    files: tuple[ThematicFile, ...] = ()
    #: part (strengths, ..., or political, ...) -> points, one per line
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    conclusion: str = ""
