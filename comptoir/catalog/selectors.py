from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import HsCode, PriceList, PriceListItem, Product

PRODUCT_COLUMNS = [
    "reference",
    "name_fr",
    "name_en",
    "hs_code",
    "hs_national",
    "origin_country",
    "net_weight_kg",
    "gross_weight_kg",
    "units_per_carton",
    "carton_length_cm",
    "carton_width_cm",
    "carton_height_cm",
    "carton_gross_weight_kg",
    "cartons_per_pallet",
    "un_number",
    "dangerous_class",
    "packing_group",
    "cost_price",
    "cost_currency",
]


def product_list(params: dict[str, str]) -> QuerySet[Product]:
    qs = Product.objects.all()
    if q := params.get("q", "").strip():
        qs = qs.filter(
            Q(reference__icontains=q)
            | Q(name_fr__icontains=q)
            | Q(name_en__icontains=q)
            | Q(hs_code__startswith=q)
        )
    if chapter := params.get("chapter", "").strip():
        qs = qs.filter(hs_code__startswith=chapter[:2]) if chapter[:2].isdigit() else qs
    if origin := params.get("origin"):
        qs = qs.filter(origin_country=origin.upper())
    if params.get("dangerous") == "1":
        qs = qs.exclude(un_number="")
    active = params.get("active", "1")
    if active in ("0", "1"):
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("reference")


def price_lists() -> QuerySet[PriceList]:
    return PriceList.objects.all()


def active_product_count() -> int:
    return Product.objects.filter(is_active=True).count()


def hs_heading_path(code: str) -> list[HsCode]:
    """The chapter and heading above a subheading, when the nomenclature is loaded."""
    return list(HsCode.objects.filter(code__in=[code[:2], code[:4]]).order_by("code"))


def hs_entry(code: str) -> HsCode | None:
    return HsCode.objects.filter(code=code).first()


def hs_code_count() -> int:
    return HsCode.objects.count()


def product_prices(product: Product) -> QuerySet[PriceListItem]:
    return product.prices.select_related("price_list").order_by("price_list__name", "min_quantity")


def price_list_items(price_list: PriceList) -> QuerySet[PriceListItem]:
    return price_list.items.select_related("product")


def product_rows(products: Iterable[Product]) -> tuple[list[str], list[list[object]]]:
    """The products as the columns of the CSV/XLSX export (empty cells for missing values)."""
    rows: list[list[object]] = [
        [getattr(p, c) if getattr(p, c) is not None else "" for c in PRODUCT_COLUMNS]
        for p in products
    ]
    return PRODUCT_COLUMNS, rows
