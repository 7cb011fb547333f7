"""The typed values the origin services take (forms and serializers build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from comptoir.catalog.models import Product
from comptoir.parties.models import Company

from .models import Agreement


@dataclass(frozen=True, kw_only=True)
class AgreementValues:
    code: str
    name: str
    partners: tuple[str, ...]
    statement: bool = True
    statement_title_en: str = "Statement on origin"
    statement_title_fr: str = "Déclaration d'origine"
    wording_en: str = ""
    wording_fr: str = ""
    eur1: bool = False
    eur_med: bool = False
    exporter_number: str = "rex"
    threshold_eur: Decimal = Decimal("6000")
    priority: int = 100
    source: str = ""
    active: bool = True


@dataclass(frozen=True, kw_only=True)
class OriginValues:
    agreement: Agreement
    preferential: bool = True
    origin: str = "EU"
    basis: str = ""
    rule: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DeclarationValues:
    supplier: Company
    products: tuple[Product, ...]
    agreements: tuple[Agreement, ...] = ()
    kind: str = "long_term"
    preferential: bool = True
    origin: str = "EU"
    reference: str = ""
    valid_from: dt.date
    valid_to: dt.date
    received_on: dt.date
    note: str = ""
