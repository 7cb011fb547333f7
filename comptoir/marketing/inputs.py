"""The clean values the marketing services take (forms and serializers build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from comptoir.catalog.models import PriceList, Product


@dataclass(frozen=True, kw_only=True)
class CharterValues:
    primary_colour: str
    secondary_colour: str
    accent_colour: str
    text_on_primary: str = "#FFFFFF"
    heading_font: str = "DejaVu Sans"
    body_font: str = "DejaVu Sans"
    tagline_fr: str = ""
    tagline_en: str = ""
    footer_fr: str = ""
    footer_en: str = ""
    legal_fr: str = ""
    legal_en: str = ""


@dataclass(frozen=True, kw_only=True)
class LogoUpload:
    """A logo file as uploaded (checked by the service); ``remove`` takes the logo away."""

    content: bytes = b""
    filename: str = ""
    remove: bool = False


@dataclass(frozen=True, kw_only=True)
class ProfileValues:
    category_fr: str = ""
    category_en: str = ""
    selling_points_fr: str = ""
    selling_points_en: str = ""
    certifications: str = ""
    availability: str = "in_stock"
    lead_time_days: int | None = None


@dataclass(frozen=True, kw_only=True)
class VisualValues:
    content: bytes
    caption_fr: str = ""
    caption_en: str = ""
    order: int = 0


@dataclass(frozen=True, kw_only=True)
class LineValues:
    product: Product
    promotional_price: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class MaterialValues:
    kind: str
    title_fr: str
    title_en: str
    lines: tuple[LineValues, ...]
    intro_fr: str = ""
    intro_en: str = ""
    language: str = "en"
    market: str = ""
    price_list: PriceList | None = None
    currency: str = ""
    rate_date: dt.date | None = None
    incoterm: str = ""
    place: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    payment_terms_fr: str = ""
    payment_terms_en: str = ""
    conditions_fr: str = ""
    conditions_en: str = ""
    call_to_action_fr: str = ""
    call_to_action_en: str = ""
    discount_percent: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class FeedLinkValues:
    name: str
    price_list: PriceList
