"""Origin in the demo: the products' preferential origin under the agreements (the Thiers
cookware and knives are EU-originating, the tea towels are not), the suppliers' long-term
declarations behind the bought-in parts (one ends within a month: its reminder task opens).
Everything goes through ``comptoir.origin.services``.

Needs: the demo users (``claire`` records the declarations), the products (by reference) and
the supplier companies (by name). Called before the sales demo issues its invoices: a
statement on origin is decided when an invoice is issued, so the invoices to the UK, Japan
and Canada carry it (with the REX number the sales demo gives our company).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from comptoir.catalog.models import Product
from comptoir.common.dates import today
from comptoir.origin import services
from comptoir.origin.inputs import DeclarationValues, OriginValues
from comptoir.origin.models import Agreement, ProductOrigin, SupplierDeclaration
from comptoir.parties.models import Company

#: Product -> (basis, rule met, note): the same rule is met under every agreement here.
ORIGINS: dict[str, tuple[str, str, str]] = {
    "CF-24-RG": ("sufficient_processing", "CTH", "Cast and enamelled in Thiers from pig iron."),
    "CF-28-OV": ("sufficient_processing", "CTH", "Cast and enamelled in Thiers from pig iron."),
    "PX-28": ("sufficient_processing", "CTH", "Deep-drawn from tri-ply sheet (heading 7219)."),
    "SX-20": ("sufficient_processing", "CTH", "Deep-drawn from stainless sheet (heading 7219)."),
    "AL-26": (
        "supplier_declarations",
        "CTH",
        "Pressed from aluminium discs of Alluminio Brianza (supplier's declaration).",
    ),
    "CC-20": (
        "sufficient_processing",
        "CTH",
        "Forged blade; olive-wood handle of Madeiras do Minho (supplier's declaration).",
    ),
    "CT-6": ("sufficient_processing", "CTH", ""),
    "MP-18": (
        "sufficient_processing",
        "MaxNOM 50 % (EXW)",
        "Ceramic grinder bought from Japan: 22 % of the ex-works price (calculation of "
        "2026-01-15).",
    ),
    "PL-40": ("supplier_declarations", "", "Made in Portugal; supplier's long-term declaration."),
    "PG-32": ("sufficient_processing", "CTH", ""),
    "NX-AER": ("sufficient_processing", "MaxNOM 50 % (EXW)", ""),
}
#: Products that do not meet the rule: recorded as not preferential, with why.
NOT_ORIGINATING: dict[str, str] = {
    "TC-2": "Woven in India, made up in France: the rule (weaving combined with making-up) "
    "is not met.",
}
AGREEMENTS = (
    "eu-uk-tca",
    "eu-japan-epa",
    "ceta",
    "eu-korea",
    "eu-switzerland",
    "eu-morocco",
    "pem",
)


def build(users: dict[str, User]) -> dict[str, int]:
    """The demo's product origins and suppliers' declarations; how many of each."""
    author = users.get("claire") or users.get("admin")
    agreements = {a.code: a for a in Agreement.objects.filter(code__in=AGREEMENTS)}
    products = {p.reference: p for p in Product.objects.all()}
    for reference, (basis, rule, note) in ORIGINS.items():
        product = products.get(reference)
        if product is None:
            continue
        for code in AGREEMENTS:
            if code in agreements:
                services.save_product_origin(
                    product=product,
                    values=OriginValues(
                        agreement=agreements[code], basis=basis, rule=rule, note=note
                    ),
                    user=author,
                )
    for reference, why in NOT_ORIGINATING.items():
        product = products.get(reference)
        for code in ("eu-uk-tca", "eu-japan-epa", "ceta"):
            if product is not None and code in agreements:
                services.save_product_origin(
                    product=product,
                    values=OriginValues(agreement=agreements[code], preferential=False, note=why),
                    user=author,
                )
    _declarations(author, products, agreements)
    services.remind_expiring_declarations(today())
    return {
        "product_origins": ProductOrigin.objects.count(),
        "supplier_declarations": SupplierDeclaration.objects.count(),
    }


def _declarations(
    author: User | None, products: dict[str, Product], agreements: dict[str, Agreement]
) -> None:
    day = today()
    specs = [
        # the Portuguese olive wood: ends in three weeks, the reminder task opens
        (
            "Madeiras do Minho Lda",
            ("PL-40", "CMP-MANCHE"),
            day - dt.timedelta(days=344),
            day + dt.timedelta(days=21),
            "MM-DLT-2026",
        ),
        # the Italian aluminium discs: valid well into next year
        (
            "Alluminio Brianza S.p.A.",
            ("CMP-DISC",),
            day - dt.timedelta(days=60),
            day + dt.timedelta(days=600),
            "AB/2026/114",
        ),
    ]
    for name, references, start, end, reference in specs:
        supplier = Company.objects.filter(name=name).first()
        covered = tuple(products[r] for r in references if r in products)
        if supplier is None or not covered:
            continue
        services.save_declaration(
            declaration=None,
            values=DeclarationValues(
                supplier=supplier,
                products=covered,
                agreements=tuple(agreements.values()),
                kind=SupplierDeclaration.Kind.LONG_TERM,
                origin="EU",
                reference=reference,
                valid_from=start,
                valid_to=end,
                received_on=min(start + dt.timedelta(days=5), day),
            ),
            user=author,
        )
