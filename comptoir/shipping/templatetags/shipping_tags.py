"""Shipping panels shown on other pages (the home page's late steps)."""

from __future__ import annotations

from typing import Any

from django import template

from comptoir.common.dates import today
from comptoir.shipping import selectors

register = template.Library()


@register.inclusion_tag("shipping/_late_panel.html")
def shipping_late_panel() -> dict[str, Any]:
    return selectors.late_panel(today())
