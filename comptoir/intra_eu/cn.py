"""The supplementary unit of a CN code, read from the Combined Nomenclature when the catalog
has it (the CN data set lands with the "cn" work of issue 13).

Until then the hook answers "" (no supplementary unit), and the EMEBI lines carry no
``quantityInSU``. When ``comptoir.catalog.selectors`` offers ``cn_supplementary_unit(code)``
(the unit as the CN writes it: "p/st", "l", "m²", "kg/net eda"... or "" / "-" when none),
it is used without any change here.
"""

from __future__ import annotations

from functools import lru_cache

#: The CN's "no supplementary unit" marks.
_NONE = {"", "-", "—", "none"}


@lru_cache(maxsize=4096)
def supplementary_unit(cn8: str) -> str:
    if len(cn8) != 8 or not cn8.isdigit():
        return ""
    from comptoir.catalog import selectors

    reader = getattr(selectors, "cn_supplementary_unit", None)
    if reader is None:
        return ""
    unit = str(reader(cn8) or "").strip()
    return "" if unit.casefold() in _NONE else unit
