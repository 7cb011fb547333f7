"""Sections that other areas add to the shipment page (freight quotes, documents, claims).

The shipping area sits below them and cannot import them; each registers its section in its
AppConfig.ready, as the areas register their daily jobs. The shipment page renders every
section in ``order``: ``template`` with the context that ``context(shipment, request)`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import Shipment

PanelContext = Callable[["Shipment", "HttpRequest"], dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: PanelContext
    order: int


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, template: str, context: PanelContext, *, order: int = 50) -> None:
    """Add (or replace, on a second ready()) a section of the shipment page."""
    _PANELS[name] = Panel(name, template, context, order)


def panels() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.name))
