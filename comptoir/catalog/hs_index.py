"""One HS search index per process, built from the nomenclature loaded in the database.

The index is rebuilt when the nomenclature changes (``comptoir hs import`` bumps a version
counter kept in the cache-free way: the number of rows and the highest primary key).
"""

from __future__ import annotations

import threading

from django.db.models import Max

from comptoir.trade.hs import HsEntry, HsHit, HsIndex

from .models import HsCode

_lock = threading.Lock()
_cached: tuple[tuple[int, int | None], HsIndex] | None = None


def _signature() -> tuple[int, int | None]:
    stats = HsCode.objects.aggregate(n=Max("id"))
    return HsCode.objects.count(), stats["n"]


def current_index() -> HsIndex | None:
    """The search index of the loaded nomenclature, or None when none is loaded."""
    global _cached
    signature = _signature()
    if signature[0] == 0:
        return None
    with _lock:
        if _cached is None or _cached[0] != signature:
            entries = [
                HsEntry(code=c, description=d, parent=p, level=lv, section=s)
                for c, d, p, lv, s in HsCode.objects.values_list(
                    "code", "description", "parent", "level", "section"
                )
            ]
            _cached = (signature, HsIndex(entries))
        return _cached[1]


def search(query: str, top: int = 10, *, as_you_type: bool = False) -> list[HsHit]:
    """Best subheadings for a description (French or English) or a code prefix.

    ``as_you_type`` lets the last word be unfinished ("chauss" finds footwear).
    """
    index = current_index()
    if index is None or not query.strip():
        return []
    return index.search(query, top=top, prefix=as_you_type)


def is_loaded() -> bool:
    return HsCode.objects.exists()


def exists(code: str) -> bool:
    return HsCode.objects.filter(code=code).exists()
