"""Template helpers for pages of other areas that link to shipments (a delivery's page)."""

from __future__ import annotations

from django import template

from comptoir.common import countries
from comptoir.common.dates import current_language
from comptoir.shipping.models import Mode

register = template.Library()


@register.simple_tag
def shipment_modes() -> list[tuple[str, str]]:
    """The modes of transport, to choose one when creating a shipment from a delivery."""
    return [(str(value), str(label)) for value, label in Mode.choices]


@register.filter
def country_name(code: str) -> str:
    """A country's name in the reader's language (the code when unknown)."""
    return countries.country_name(code, current_language()) if code else ""
