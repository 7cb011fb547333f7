"""The supplementary unit of a CN code, read from the Combined Nomenclature that the catalog
holds (``catalog.CnCode``, loaded by ``comptoir cn import`` from the bundled CN 2026: units
written as the CN file writes them, e.g. ``PST`` pieces, ``M2``, ``L``, ``PA`` pairs).

Before the CN table exists (a database without it), the hook answers "" (no supplementary
unit) and the EMEBI lines carry no ``quantityInSU``. A ``catalog.selectors`` function
``cn_supplementary_unit(code)`` takes precedence when the catalog offers one.
"""

from __future__ import annotations

from functools import lru_cache

from django.apps import apps
from django.db import DatabaseError

#: The CN's "no supplementary unit" marks.
_NONE = {"", "-", "—", "none"}


def _from_table(cn8: str) -> str:
    try:
        model = apps.get_model("catalog", "CnCode")
    except LookupError:
        return ""
    try:
        unit = (
            model._default_manager.filter(code=cn8)
            .values_list("supplementary_unit", flat=True)
            .first()
        )
    except DatabaseError:
        return ""
    return str(unit or "")


@lru_cache(maxsize=4096)
def supplementary_unit(cn8: str) -> str:
    """The unit, or "" when the code has none (cached: call ``clear()`` before a month's
    computation so a new CN import is read)."""
    if len(cn8) != 8 or not cn8.isdigit():
        return ""
    from comptoir.catalog import selectors

    reader = getattr(selectors, "cn_supplementary_unit", None)
    unit = str(reader(cn8) or "") if reader is not None else _from_table(cn8)
    unit = unit.strip()
    return "" if unit.casefold() in _NONE else unit


def clear() -> None:
    supplementary_unit.cache_clear()
