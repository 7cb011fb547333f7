"""``{% load nomenclature %}``: ``{{ code|cn_format }}`` prints "73239200" as "7323 92 00"."""

from __future__ import annotations

from django import template

from comptoir.trade.nomenclature import format_cn

register = template.Library()


@register.filter
def cn_format(code: object) -> str:
    """A CN/TARIC code as the nomenclature prints it (digits grouped), "" for none."""
    return format_cn(str(code or ""))
