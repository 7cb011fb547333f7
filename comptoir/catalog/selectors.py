"""Reads of the catalog for views, the API, documents and the areas above: products, prices,
and the two nomenclatures (HS 2022, the EU Combined Nomenclature)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from comptoir.trade import nomenclature
from comptoir.trade.nomenclature import CnEntry

from .models import CnCode, HsCode, PriceList, PriceListItem, Product

PRODUCT_COLUMNS = [
    "reference",
    "name_fr",
    "name_en",
    "hs_code",
    "cn_code",
    "taric_code",
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
        code = q.replace(" ", "").replace(".", "")
        qs = qs.filter(
            Q(reference__icontains=q)
            | Q(name_fr__icontains=q)
            | Q(name_en__icontains=q)
            | Q(hs_code__startswith=code)
            | Q(cn_code__startswith=code)
        )
    if chapter := params.get("chapter", "").strip():
        qs = qs.filter(hs_code__startswith=chapter[:2]) if chapter[:2].isdigit() else qs
    code = params.get("cn", "").replace(" ", "").replace(".", "")
    if code.isascii() and code.isdigit() and len(code) <= 8:
        qs = qs.filter(cn_code__startswith=code)
    if params.get("no_cn") == "1":
        qs = qs.filter(cn_code="")
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


def hs_descriptions(codes: Iterable[str]) -> dict[str, str]:
    """The description of each HS code of ``codes`` found in the nomenclature (one query)."""
    return dict(HsCode.objects.filter(code__in=list(codes)).values_list("code", "description"))


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


# ------------------------------------------------------------------ Combined Nomenclature


def _as_entry(row: CnCode) -> CnEntry:
    return CnEntry(
        row.level,
        row.code,
        row.display_code,
        row.parent,
        row.description_en,
        row.description_fr,
        row.supplementary_unit,
    )


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())[:10]


def cn_loaded() -> bool:
    """Whether a Combined Nomenclature is loaded (``comptoir cn import``)."""
    return CnCode.objects.filter(level=CnCode.Level.CN8).exists()


def cn_code_count() -> int:
    return CnCode.objects.filter(level=CnCode.Level.CN8).count()


def cn_entry(code: str) -> CnEntry | None:
    """The loaded CN line of ``code`` (any level: "61", "6109", "610910", "61091000"; a TARIC
    code is read as its CN code), or None."""
    digits = _digits(code)
    if len(digits) == 10:
        digits = digits[:8]
    row = CnCode.objects.filter(code=digits).first() if digits else None
    return _as_entry(row) if row else None


def cn_exists(code: str) -> bool:
    """Whether ``code`` is an 8-digit code of the loaded CN."""
    return CnCode.objects.filter(code=_digits(code), level=CnCode.Level.CN8).exists()


def _trees(codes: Iterable[str]) -> nomenclature.CnTree:
    """The loaded lines above ``codes`` (and the codes), in one query: a CN code's parents
    are its 2-, 4- and 6-digit starts."""
    wanted: set[str] = set()
    for code in codes:
        digits = _digits(code)[:8]
        wanted.update(digits[:n] for n in (2, 4, 6, 8) if len(digits) >= n)
    rows = CnCode.objects.filter(code__in=wanted) if wanted else CnCode.objects.none()
    return nomenclature.CnTree(_as_entry(row) for row in rows)


def cn_chain(code: str) -> list[CnEntry]:
    """The lines from the chapter down to ``code``, ``[]`` when the code is not loaded."""
    return _trees([code]).path(_digits(code)[:8])


def cn_path(code: str, language: str) -> str:
    """ "73 Articles of iron or steel > 7323 Table, kitchen… > 7323 92 00 Of cast iron,
    enamelled": the code named whole, in ``language`` ("" when unknown)."""
    return _trees([code]).label_path(_digits(code)[:8], language)


def supplementary_unit(code: str) -> str:
    """The supplementary unit of an 8-digit CN code ("p/st", "l"…), "" when none or unknown."""
    entry = cn_entry(code)
    return entry.supplementary_unit if entry and entry.level == "cn8" else ""


#: The name the intra-EU area looks for (``intra_eu/cn.py``): the same reading.
cn_supplementary_unit = supplementary_unit


def cn_short_label(code: str, language: str) -> str:
    """The label printed beside the code on a document, in the partner's ``language``: the
    code's own label, or with the label above it when the code is only "Other" / "autres"
    (the rule: :func:`comptoir.trade.nomenclature.short_label`)."""
    return cn_short_labels([code], language).get(_digits(code)[:8], "")


def cn_short_labels(codes: Iterable[str], language: str) -> dict[str, str]:
    """:func:`cn_short_label` for many codes in one query, keyed by the 8-digit code (codes
    that are not loaded 8-digit codes are left out)."""
    wanted = [_digits(code)[:8] for code in codes]
    tree = _trees(c for c in wanted if len(c) == 8)
    labels: dict[str, str] = {}
    for code in wanted:
        if len(code) == 8 and code not in labels:
            label = nomenclature.short_label(tree.path(code), language)
            if label:
                labels[code] = label
    return labels


def cn_children(parent: str) -> list[CnEntry]:
    """The lines right under ``parent`` (a section numeral, a chapter, heading or
    subheading); ``""`` gives the sections."""
    rows = (
        CnCode.objects.filter(parent=parent)
        if parent
        else CnCode.objects.filter(level=CnCode.Level.SECTION)
    )
    entries = [_as_entry(row) for row in rows]
    if not parent:
        order = {numeral: i for i, numeral in enumerate(_ROMANS, start=1)}
        entries.sort(key=lambda e: order.get(e.code, 99))
    return entries


def cn_sections() -> list[tuple[CnEntry, list[CnEntry]]]:
    """The sections in order, each with its chapters (one query): the CN's table of contents."""
    rows = CnCode.objects.filter(level__in=[CnCode.Level.SECTION, CnCode.Level.CHAPTER])
    chapters: dict[str, list[CnEntry]] = {}
    sections: list[CnEntry] = []
    for row in rows:
        entry = _as_entry(row)
        if entry.level == "section":
            sections.append(entry)
        else:
            chapters.setdefault(entry.parent, []).append(entry)
    order = {numeral: i for i, numeral in enumerate(_ROMANS, start=1)}
    sections.sort(key=lambda e: order.get(e.code, 99))
    return [(section, chapters.get(section.code, [])) for section in sections]


def cn_codes_under(prefix: str) -> list[CnEntry]:
    """Every line whose code starts with ``prefix`` (a chapter or heading), in code order."""
    return [_as_entry(row) for row in CnCode.objects.filter(code__startswith=prefix)]


_ROMANS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
    "XXI",
]


def products_with_unknown_cn() -> QuerySet[Product]:
    """Products whose CN code the loaded CN does not have (after loading a new year's CN)."""
    known = CnCode.objects.filter(level=CnCode.Level.CN8).values("code")
    return Product.objects.exclude(cn_code="").exclude(cn_code__in=known).order_by("reference")


def cn_facts(code: str, language: str) -> dict[str, object] | None:
    """What the product form, the JSON lookup and the API show of a CN code: its labels in
    both languages, the short label, the supplementary unit and the path in ``language``."""
    chain = cn_chain(code)
    if not chain:
        return None
    leaf = chain[-1]
    return {
        "code": leaf.code,
        "display_code": leaf.display_code,
        "level": leaf.level,
        "hs_code": leaf.code[:6] if len(leaf.code) >= 6 else "",
        "label": leaf.description(language),
        "label_en": leaf.description_en,
        "label_fr": leaf.description_fr,
        "short_label": nomenclature.short_label(chain, language),
        "supplementary_unit": leaf.supplementary_unit,
        "supplementary_unit_notation": nomenclature.unit_notation(leaf.supplementary_unit)
        if leaf.supplementary_unit
        else "",
        "language": language,
        "path": [
            {
                "code": e.code,
                "display_code": e.display_code,
                "level": e.level,
                "label": e.description(language),
            }
            for e in chain
        ],
        "path_text": " > ".join(f"{e.display_code} {e.description(language)}" for e in chain),
    }


def product_suggestions(q: str, limit: int = 15) -> QuerySet[Product]:
    """Products whose reference or name holds ``q``: the product picker of the reports."""
    return product_list({"q": q, "active": ""})[:limit]


def product_or_none(pk: int) -> Product | None:
    return Product.objects.filter(pk=pk).first()
