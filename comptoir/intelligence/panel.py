"""The intelligence sections of other areas' pages (registered in ``apps.ready``): the home
page (the user's new matches), the product page and the country page (regulatory watch)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest

from comptoir.catalog.models import Product

from . import selectors

#: Rows a section shows.
ROWS = 10


def home(record: None, request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return {"matches": [], "unread": 0}
    unread = selectors.matches_of(user, unread=True)
    return {"matches": list(unread[:ROWS]), "unread": unread.count()}


def product_items(product: Product, request: HttpRequest) -> dict[str, Any]:
    return {"items": list(selectors.items_of_product(product)[:ROWS]), "product": product}


def country_items(code: str, request: HttpRequest) -> dict[str, Any]:
    return {"items": list(selectors.items_of_country(code)[:ROWS]), "country": code}
