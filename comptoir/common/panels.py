"""Sections that areas above add to a page of an area below, which cannot import them.

The shipment page shows freight quotes, documents and claims; the product page shows origin
and export control. Each area registers its section in its AppConfig.ready, as the areas
register their daily jobs; the page renders every section of its ``page`` key in ``order``:
``template`` with the context that ``context(record, request)`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

#: the pages that take sections
PRODUCT = "product"
COMPANY = "company"
INVOICE = "invoice"
SHIPMENT = "shipment"
COUNTRY = "country"  # the record is the country code
ORDER = "order"
HOME = "home"  # the record is None: the user is request.user
TENDER = "tender"
PURCHASE_ORDER = "purchase_order"
INTELLIGENCE_ITEM = "intelligence_item"

PanelContext = Callable[[Any, "HttpRequest"], dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: PanelContext
    order: int


_PANELS: dict[str, dict[str, Panel]] = {}


def register(
    page: str, name: str, template: str, context: PanelContext, *, order: int = 50
) -> None:
    """Add (or replace, on a second ready()) the section ``name`` of ``page``."""
    _PANELS.setdefault(page, {})[name] = Panel(name, template, context, order)


def panels(page: str) -> list[Panel]:
    return sorted(_PANELS.get(page, {}).values(), key=lambda p: (p.order, p.name))


def sections(page: str, record: Any, request: HttpRequest) -> list[dict[str, Any]]:
    """What the page's template loops over: each section's template and context."""
    return [
        {"template": panel.template, **panel.context(record, request)} for panel in panels(page)
    ]
