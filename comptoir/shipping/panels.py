"""Sections that other areas add to the shipment page (freight quotes, documents, claims),
through the common registry (:mod:`comptoir.common.panels`) under the page key ``shipment``."""

from __future__ import annotations

from comptoir.common import panels as common_panels
from comptoir.common.panels import PanelContext

PAGE = common_panels.SHIPMENT


def register_panel(name: str, template: str, context: PanelContext, *, order: int = 50) -> None:
    """Add (or replace, on a second ready()) a section of the shipment page."""
    common_panels.register(PAGE, name, template, context, order=order)


def panels() -> list[common_panels.Panel]:
    return common_panels.panels(PAGE)
