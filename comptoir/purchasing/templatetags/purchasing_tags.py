"""Template filters of the purchasing pages."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

register = template.Library()

DIFFERENCES: dict[str, Promise] = {
    "currency": _("Currency"),
    "incoterm": _("Incoterm®"),
    "named_place": _("Named place"),
    "ready_date": _("Ready date"),
    "quantity": _("Quantity"),
    "unit_price": _("Unit price"),
    "date": _("Line date"),
    "line_missing": _("Line not confirmed"),
}


@register.filter
def difference_label(field: str) -> str:
    """The name of a difference between order and confirmation, in the reader's language."""
    return str(DIFFERENCES.get(field, field))
