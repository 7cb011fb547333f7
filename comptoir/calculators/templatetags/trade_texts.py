"""``{{ value|in_language }}``: a trade-core text in the reader's language, for any page.

Pages that show a text of the trade core outside the calculators (the offer's price
build-up, for one) use this filter; other values pass through unchanged.
"""

from __future__ import annotations

from django import template

from comptoir.calculators.texts import localised

register = template.Library()


@register.filter
def in_language(value: object) -> object:
    return localised(value)
