"""One page of a list, the same size and the same ``?page=`` parameter on every screen."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def page_of(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Page[Any]:
    """The page asked by ``?page=`` (the first for a missing or wrong value, the last past the end)."""
    return Paginator(items, size).get_page(request.GET.get("page"))
