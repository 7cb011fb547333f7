"""The typed values the intelligence services take (forms and serializers build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from comptoir.catalog.models import Product
from comptoir.parties.models import Company


@dataclass(frozen=True, kw_only=True)
class SourceValues:
    name: str
    kind: str
    url: str = ""
    country: str = ""
    sector: str = ""
    theme: str
    language: str = ""
    reliability: int = 5
    poll_every_hours: int = 24
    active: bool = True


@dataclass(frozen=True, kw_only=True)
class DocumentValues:
    """A document uploaded by hand into a source of kind "document"."""

    filename: str
    content: bytes
    title: str = ""
    published_on: dt.date | None = None
    language: str = ""


@dataclass(frozen=True, kw_only=True)
class AlertValues:
    name: str
    owner: User | None = None
    terms: str = ""
    excluded: str = ""
    theme: str = ""
    country: str = ""
    products: tuple[Product, ...] = ()
    competitor: Company | None = None
    active: bool = True


@dataclass(frozen=True, kw_only=True)
class LinkValues:
    """What a regulatory watch item concerns: products, countries, a CN code, a topic."""

    products: tuple[Product, ...] = ()
    countries: tuple[str, ...] = ()
    cn_code: str = ""
    customs_topic: str = ""
    link_note: str = ""
