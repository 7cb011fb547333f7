"""Template helpers for pages of other areas that link to shipments (a delivery's page)."""

from __future__ import annotations

from django import template

from comptoir.shipping.models import Mode

register = template.Library()


@register.simple_tag
def shipment_modes() -> list[tuple[str, str]]:
    """The modes of transport, to choose one when creating a shipment from a delivery."""
    return [(str(value), str(label)) for value, label in Mode.choices]
