"""``{{ item.summary_html|clean_html }}``: HTML from feeds is shown only sanitised, even
though it was sanitised before it was stored (a rule changed since, a row written by hand)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from comptoir.intelligence.services import sanitise

register = template.Library()


@register.filter
def clean_html(markup: str) -> SafeString:
    return mark_safe(sanitise(markup or ""))  # noqa: S308 - nh3 leaves only allowed tags
