"""Reads of the communication materials: the charter as the documents print it, a product as a
sheet shows it, a material's prices (from its price list, converted at a dated rate), the
product feed. Screens, the API, the PDFs, the newsletter and the demo read through here, so a
figure is the same everywhere. Everything returned for a document is plain data."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comptoir.calculators.models import company_rate_source
from comptoir.calculators.texts import translate
from comptoir.catalog import selectors as catalog_selectors
from comptoir.catalog.models import PriceList, PriceListItem, Product
from comptoir.common.countries import country_name
from comptoir.sales.documents import seller_context
from comptoir.trade import charter as core
from comptoir.trade import fx
from comptoir.trade.errors import TradeInputError
from comptoir.trade.money import minor_units, round_money
from comptoir.trade.texts import Text

from .images import data_url, thumbnail
from .models import Charter, FeedLink, Material, MaterialLine, ProductProfile, ProductVisual

#: products in one feed, one catalogue or price list (bounded)
MAX_PRODUCTS = 500


def charter() -> Charter:
    return Charter.current()


def legal_mentions(language: str) -> str:
    """The charter's legal mentions, or those built from our company data."""
    mark = charter()
    typed = mark.legal_fr if language == "fr" else mark.legal_en
    if typed.strip():
        return typed.strip()
    seller = seller_context()
    if not seller.get("legal_name"):
        return ""
    with translation.override(language):
        parts = [
            ", ".join(p for p in (seller["legal_name"], seller.get("legal_form", "")) if p),
            ", ".join(
                p
                for p in (
                    seller.get("street", ""),
                    f"{seller.get('postcode', '')} {seller.get('city', '')}".strip(),
                    country_name(seller.get("country", "FR"), language),
                )
                if p
            ),
        ]
        if seller.get("siren"):
            parts.append(_("SIREN %(siren)s") % {"siren": seller["siren"]})
        if seller.get("registry"):
            parts.append(seller["registry"])
        if seller.get("vat_number"):
            parts.append(_("VAT %(number)s") % {"number": seller["vat_number"]})
    return " — ".join(p for p in parts if p)


def charter_style(language: str) -> dict[str, Any]:
    """What every document prints of the charter: colours, fonts, logo, footer, mentions."""
    mark = charter()
    seller = seller_context()
    logo = bytes(mark.logo) if mark.logo else b""
    return {
        "primary": mark.primary_colour,
        "secondary": mark.secondary_colour,
        "accent": mark.accent_colour,
        "text_on_primary": mark.text_on_primary,
        "heading_font": mark.heading_font,
        "body_font": mark.body_font,
        "logo": data_url(logo, mark.logo_type) if logo else "",
        "tagline": (mark.tagline_fr if language == "fr" else mark.tagline_en) or mark.tagline_en,
        "footer": (mark.footer_fr if language == "fr" else mark.footer_en) or mark.footer_en,
        "legal": legal_mentions(language),
        "company": seller.get("trade_name") or seller.get("legal_name", ""),
        "website": seller.get("website", ""),
        "email": seller.get("email", ""),
        "phone": seller.get("phone", ""),
    }


def contrast_checks(mark: Charter | None = None) -> list[core.ContrastCheck]:
    mark = mark or charter()
    return core.charter_checks(
        primary=mark.primary_colour,
        secondary=mark.secondary_colour,
        text_on_primary=mark.text_on_primary,
    )


# --------------------------------------------------------------------------- products


def profile_of(product: Product) -> ProductProfile:
    """The product's marketing profile, or an unsaved empty one."""
    found = ProductProfile.objects.filter(product=product).first()
    return found if found is not None else ProductProfile(product=product)


def visuals_of(product: Product) -> QuerySet[ProductVisual]:
    return ProductVisual.objects.filter(product=product).defer("image")


def first_visual(product: Product) -> ProductVisual | None:
    return ProductVisual.objects.filter(product=product).first()


def products_for_materials() -> QuerySet[Product]:
    return Product.objects.filter(is_active=True).select_related("marketing_profile")


def products_in_category(category: str) -> QuerySet[Product]:
    """Active products whose category (French or English) is ``category``."""
    from django.db.models import Q

    return products_for_materials().filter(
        Q(marketing_profile__category_en__iexact=category)
        | Q(marketing_profile__category_fr__iexact=category)
    )


def categories() -> list[str]:
    return sorted(
        {c for c in ProductProfile.objects.values_list("category_en", flat=True) if c.strip()}
    )


def _number(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return f"{text} {unit}"


def _dimensions(length: Decimal | None, width: Decimal | None, height: Decimal | None) -> str:
    if not (length and width and height):
        return ""
    return " × ".join(f"{v.normalize():f}" for v in (length, width, height)) + " cm"


def product_block(
    product: Product,
    language: str,
    *,
    photos: int = 3,
    price: dict[str, Any] | None = None,
    photo_side: int | None = None,
) -> dict[str, Any]:
    """A product as the sheet, the catalogue and the flyer print it (plain data), in
    ``language``: photos, texts, technical data, codes with their labels, packing."""
    profile = profile_of(product)
    pictures = list(ProductVisual.objects.filter(product=product)[:photos])
    with translation.override(language):
        hs = catalog_selectors.hs_entry(product.hs_code)
        cn_label = (
            catalog_selectors.cn_short_label(product.cn_code, language) if product.cn_code else ""
        )
        technical = [
            (_("Net weight"), _number(product.net_weight_kg, "kg")),
            (_("Gross weight"), _number(product.gross_weight_kg, "kg")),
            (
                _("Dimensions (L × W × H)"),
                _dimensions(product.length_cm, product.width_cm, product.height_cm),
            ),
        ]
        per_pallet = (
            product.units_per_carton * product.cartons_per_pallet
            if product.units_per_carton and product.cartons_per_pallet
            else None
        )
        packing = [
            (_("Units per carton"), str(product.units_per_carton or "")),
            (
                _("Carton (L × W × H)"),
                _dimensions(
                    product.carton_length_cm, product.carton_width_cm, product.carton_height_cm
                ),
            ),
            (_("Carton gross weight"), _number(product.carton_gross_weight_kg, "kg")),
            (_("Cartons per pallet"), str(product.cartons_per_pallet or "")),
            (_("Units per pallet"), str(per_pallet or "")),
        ]
        return {
            "reference": product.reference,
            "name": product.name(language),
            "description": paragraphs(product.description(language)),
            "category": profile.category(language),
            "selling_points": [
                line.strip()
                for line in (
                    profile.selling_points_fr if language == "fr" else profile.selling_points_en
                ).splitlines()
                if line.strip()
            ],
            "photos": [
                {
                    "src": thumbnail(bytes(p.image), p.content_type, photo_side).data_url()
                    if photo_side
                    else data_url(bytes(p.image), p.content_type),
                    "caption": p.caption(language),
                }
                for p in pictures
            ],
            "technical": [(k, v) for k, v in technical if v],
            "packing": [(k, v) for k, v in packing if v],
            "hs_code": product.hs_code,
            "hs_label": hs.description if hs else "",
            "cn_code": product.cn_code,
            "cn_label": cn_label,
            "origin": country_name(product.origin_country, language)
            if product.origin_country
            else "",
            "certifications": profile.certification_list(),
            "availability": profile.get_availability_display(),
            "lead_time_days": profile.lead_time_days,
            "dangerous": product.un_number,
            "units_per_carton": product.units_per_carton,
            "price": price,
        }


def text_of(message: str, language: str | None = None) -> str:
    """A trade-core message in the reader's language (a plain string is kept as is)."""
    return translate(message, language) if isinstance(message, Text) else str(message)


def amount_text(amount: Decimal, currency: str) -> str:
    """An amount as the reader writes it (grouped thousands, the currency's decimals), in
    the active language: 10 066 (JPY), 1 234,50 (fr), 1,234.50 (en)."""
    return number_format(amount, decimal_pos=minor_units(currency), force_grouping=True)


def paragraphs(text: str) -> list[str]:
    """Paragraphs separated by an empty line, each kept on one line."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return [" ".join(b.split()) for b in blocks if b]


# --------------------------------------------------------------------------- prices


@dataclass(frozen=True)
class Pricing:
    """How a material's prices are obtained: the price list's currency, the output currency
    and, when they differ, the dated rate."""

    price_list: PriceList
    currency: str
    quote: fx.Quote | None

    def convert(self, amount: Decimal) -> Decimal:
        if self.quote is None:
            return round_money(amount, self.currency)
        return round_money(amount * self.quote.rate, self.currency)


def quote(from_currency: str, to_currency: str, on: dt.date) -> fx.Quote:
    """The company's own rate first (bank, budget), then the ECB's reference rate; when
    neither is known, the ECB's reason (it says until when its rates go)."""
    try:
        return company_rate_source().quote(from_currency, to_currency, on)
    except fx.RateNotFoundError:
        return fx.EcbRateSource().quote(from_currency, to_currency, on)


def pricing(price_list: PriceList, currency: str, on: dt.date) -> Pricing:
    """Raises ``TradeInputError`` when no rate is known for the pair at that date."""
    target = currency or price_list.currency
    if target == price_list.currency:
        return Pricing(price_list, target, None)
    return Pricing(price_list, target, quote(price_list.currency, target, on))


def list_prices(price_list: PriceList, products: Iterable[Product]) -> dict[int, Decimal]:
    """The unit price of each product for the smallest quantity of the list."""
    prices: dict[int, Decimal] = {}
    items = PriceListItem.objects.filter(
        price_list=price_list, product__in=list(products)
    ).order_by("product_id", "min_quantity")
    for item in items:
        prices.setdefault(item.product_id, item.unit_price)
    return prices


def cost_in(product: Product, currency: str, on: dt.date) -> Decimal | None:
    """The product's cost price in ``currency`` (None when no rate is known)."""
    if product.cost_currency == currency:
        return product.cost_price
    try:
        rate = quote(product.cost_currency, currency, on).rate
    except TradeInputError:
        return None
    return round_money(product.cost_price * rate, currency)


# --------------------------------------------------------------------------- materials


def material_list(kind: str = "") -> QuerySet[Material]:
    materials = Material.objects.select_related("price_list")
    return materials.filter(kind=kind) if kind else materials


def material_for_page(pk: int) -> Material:
    return (
        Material.objects.select_related("price_list")
        .prefetch_related(
            Prefetch("lines", queryset=MaterialLine.objects.select_related("product"))
        )
        .get(pk=pk)
    )


def rate_day(material: Material) -> dt.date:
    return material.rate_date or (material.updated_at or material.created_at).date()


def material_rows(material: Material, language: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Each product of the material with its price (converted), promotional price,
    discount and the warnings (no price, below cost), in ``language``."""
    lines = list(material.lines.select_related("product").order_by("order", "pk"))
    products = [line.product for line in lines]
    rows: list[dict[str, Any]] = []
    warnings: list[str] = []
    price_of: dict[int, Decimal] = {}
    prices: Pricing | None = None
    with translation.override(language):
        if material.price_list is not None:
            prices = pricing(material.price_list, material.currency, rate_day(material))
            price_of = list_prices(material.price_list, products)
        for line in lines:
            product = line.product
            row: dict[str, Any] = {"product": product, "line": line, "price": None}
            if prices is not None:
                listed = price_of.get(product.pk)
                if listed is None:
                    warnings.append(
                        _("%(reference)s has no price in the price list %(list)s.")
                        % {"reference": product.reference, "list": prices.price_list.name}
                    )
                else:
                    row["price"] = prices.convert(listed)
            if (
                material.kind == Material.Kind.PROMOTION
                and prices is not None
                and row["price"] is not None
            ):
                currency = prices.currency
                promo = line.promotional_price
                if promo is None and material.discount_percent:
                    promo = core.price_after_discount(
                        row["price"], material.discount_percent, minor_units(currency)
                    )
                if promo is not None:
                    try:
                        cost = cost_in(product, currency, rate_day(material))
                        offer = core.promotional_price(row["price"], promo, cost)
                    except TradeInputError as exc:
                        warnings.append(f"{product.reference}: {text_of(exc.message, language)}")
                    else:
                        row["promotional"] = offer.promotional
                        row["discount"] = offer.discount_percent
                        if offer.below_cost:
                            warnings.append(
                                _(
                                    "%(reference)s: the promotional price %(price)s %(currency)s "
                                    "is below the cost price (%(cost)s %(currency)s): a sale at a "
                                    "loss."
                                )
                                % {
                                    "reference": product.reference,
                                    "price": amount_text(offer.promotional, currency),
                                    "cost": amount_text(cost, currency) if cost else "",
                                    "currency": currency,
                                }
                            )
            rows.append(row)
    return rows, warnings


def material_document(material: Material, language: str) -> dict[str, Any]:
    """Everything a material's PDF, spreadsheet or e-mail prints (plain data), in
    ``language``. Raises ``TradeInputError`` when its exchange rate cannot be found."""
    rows, warnings = material_rows(material, language)
    currency = material.output_currency
    used = None
    if material.price_list is not None and currency != material.price_list.currency:
        used = pricing(material.price_list, currency, rate_day(material)).quote
    with translation.override(language):
        products = []
        for row in rows:
            price = None
            if row["price"] is not None:
                promotional = row.get("promotional")
                price = {
                    "amount": row["price"],
                    "currency": currency,
                    "promotional": promotional,
                    "discount": row.get("discount"),
                    "text": amount_text(row["price"], currency),
                    "promotional_text": amount_text(promotional, currency)
                    if promotional is not None
                    else "",
                }
            products.append(
                product_block(
                    row["product"],
                    language,
                    photos=1,
                    price=price,
                    photo_side=320 if material.kind == Material.Kind.NEWSLETTER else 700,
                )
            )
        groups: dict[str, list[dict[str, Any]]] = {}
        for block in products:
            groups.setdefault(block["category"] or _("Other products"), []).append(block)
        rate = None
        if used is not None:
            rate = {
                "text": _("1 %(from)s = %(rate)s %(to)s")
                % {
                    "from": used.from_currency,
                    "rate": f"{used.rate.normalize():f}",
                    "to": used.to_currency,
                },
                "date": used.rate_date,
                "source": text_of(used.source, language),
            }
        return {
            "kind": material.kind,
            "kind_label": str(Material.Kind(material.kind).label),
            "language": language,
            "title": material.title(language),
            "intro": paragraphs(material.text("intro", language)),
            "market": material.market,
            "currency": currency,
            "price_list": material.price_list.name if material.price_list else "",
            "rate": rate,
            "incoterm": material.incoterm,
            "place": material.place,
            "valid_from": material.valid_from,
            "valid_until": material.valid_until,
            "payment_terms": material.text("payment_terms", language),
            "conditions": paragraphs(material.text("conditions", language)),
            "call_to_action": material.text("call_to_action", language),
            "discount_percent": material.discount_percent,
            "products": products,
            "groups": list(groups.items()),
            "warnings": warnings,
            "charter": charter_style(language),
        }


def price_list_table(document: dict[str, Any]) -> tuple[list[str], list[list[object]]]:
    """The price list as a spreadsheet's header and rows (the rate and terms below)."""
    language = document["language"]
    with translation.override(language):
        header = [
            _("Reference"),
            _("Product"),
            _("Category"),
            _("HS code"),
            _("Units per carton"),
            _("Unit price"),
            _("Currency"),
        ]
        rows: list[list[object]] = []
        for block in document["products"]:
            price = block["price"] or {}
            units = block["units_per_carton"]
            rows.append(
                [
                    block["reference"],
                    block["name"],
                    block["category"],
                    block["cn_code"] or block["hs_code"],
                    units or "",
                    price.get("amount", ""),
                    price.get("currency", ""),
                ]
            )
        rows.append([])
        if document["incoterm"]:
            rows.append([_("Incoterm"), f"{document['incoterm']} {document['place']}".strip()])
        if document["valid_from"] or document["valid_until"]:
            rows.append([_("Valid from"), document["valid_from"] or ""])
            rows.append([_("Valid until"), document["valid_until"] or ""])
        if document["payment_terms"]:
            rows.append([_("Payment terms"), document["payment_terms"]])
        if document["rate"]:
            rows.append([_("Exchange rate"), document["rate"]["text"]])
            rows.append([_("Rate of"), document["rate"]["date"]])
    return header, rows


# --------------------------------------------------------------------------- feed


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def feed_link_for(secret: str) -> FeedLink | None:
    """The active link whose secret this is, or None."""
    if not secret or len(secret) > 100:
        return None
    return (
        FeedLink.objects.select_related("price_list")
        .filter(digest=digest(secret), revoked_at__isnull=True)
        .first()
    )


def feed_links() -> QuerySet[FeedLink]:
    return FeedLink.objects.select_related("price_list")


FEED_FIELDS = [
    "sku",
    "name_fr",
    "name_en",
    "description_fr",
    "description_en",
    "category_en",
    "category_fr",
    "hs_code",
    "cn_code",
    "origin_country",
    "net_weight_kg",
    "gross_weight_kg",
    "length_cm",
    "width_cm",
    "height_cm",
    "units_per_carton",
    "price",
    "currency",
    "availability",
    "image_url",
]


def feed_items(price_list: PriceList, image_base: str) -> list[dict[str, Any]]:
    """The products of a price list as the feed gives them (at most :data:`MAX_PRODUCTS`):
    only active products with a price; ``image_base`` makes the photo URL absolute."""
    items = (
        PriceListItem.objects.filter(price_list=price_list, product__is_active=True)
        .select_related("product", "product__marketing_profile")
        .order_by("product__reference", "min_quantity")
    )
    seen: dict[int, dict[str, Any]] = {}
    photos = dict(
        ProductVisual.objects.filter(product__prices__price_list=price_list)
        .order_by("product_id", "-order", "-pk")
        .values_list("product_id", "pk")
    )
    for item in items:
        product = item.product
        if product.pk in seen:
            continue
        if len(seen) >= MAX_PRODUCTS:
            break
        profile = profile_of(product)
        photo = photos.get(product.pk)
        seen[product.pk] = {
            "sku": product.reference,
            "name_fr": product.name_fr,
            "name_en": product.name_en,
            "description_fr": product.description_fr,
            "description_en": product.description_en,
            "category_en": profile.category_en,
            "category_fr": profile.category_fr,
            "hs_code": product.hs_code,
            "cn_code": product.cn_code,
            "origin_country": product.origin_country,
            "net_weight_kg": product.net_weight_kg,
            "gross_weight_kg": product.gross_weight_kg,
            "length_cm": product.length_cm,
            "width_cm": product.width_cm,
            "height_cm": product.height_cm,
            "units_per_carton": product.units_per_carton,
            "price": item.unit_price.quantize(Decimal("0.01")),
            "currency": price_list.currency,
            "availability": profile.availability,
            "image_url": f"{image_base}{photo}/" if photo else "",
        }
    return list(seen.values())
