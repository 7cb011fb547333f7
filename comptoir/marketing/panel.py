"""The section the marketing area adds to the product page (the catalog cannot import it):
the product's photos, category, certifications and its product sheet in French and English."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from comptoir.catalog.models import Product

from . import selectors


def product_marketing(product: Product, request: HttpRequest) -> dict[str, Any]:
    profile = selectors.profile_of(product)
    return {
        "product": product,
        "profile": profile if profile.pk else None,
        "visuals": list(selectors.visuals_of(product)[:6]),
    }
