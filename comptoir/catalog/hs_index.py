"""One classification search index per process, built from the nomenclatures in the database.

The HS 2022 subheadings (:class:`HsCode`) and, when loaded, the Combined Nomenclature
(:class:`CnCode`, French and English labels) make one
:class:`~comptoir.trade.cn_search.ClassificationIndex`. It is rebuilt when either table
changes (the signature is the row count and the highest primary key of each table), so an
import (``comptoir hs import``, ``comptoir cn import``) is seen by the next search.
"""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from comptoir.trade.cn_search import ClassificationIndex, CnHit
from comptoir.trade.hs import HsEntry, HsHit
from comptoir.trade.nomenclature import CnEntry

from .models import CnCode, HsCode

_lock = threading.Lock()
_Signature = tuple[int, int | None, int, int | None]
_cached: tuple[_Signature, ClassificationIndex] | None = None


def _signature() -> _Signature:
    hs = HsCode.objects.aggregate(n=Count("id"), top=Max("id"))
    cn = CnCode.objects.aggregate(n=Count("id"), top=Max("id"))
    return hs["n"], hs["top"], cn["n"], cn["top"]


def current_classification() -> ClassificationIndex | None:
    """The search index of the loaded nomenclatures, or None when no HS is loaded."""
    global _cached
    signature = _signature()
    if signature[0] == 0:
        return None
    with _lock:
        if _cached is None or _cached[0] != signature:
            hs_entries = [
                HsEntry(code=c, description=d, parent=p, level=lv, section=s)
                for c, d, p, lv, s in HsCode.objects.values_list(
                    "code", "description", "parent", "level", "section"
                )
            ]
            cn_entries = [
                CnEntry(lv, c, dc, p, en, fr, unit)
                for lv, c, dc, p, en, fr, unit in CnCode.objects.values_list(
                    "level",
                    "code",
                    "display_code",
                    "parent",
                    "description_en",
                    "description_fr",
                    "supplementary_unit",
                )
            ]
            _cached = (signature, ClassificationIndex(hs_entries, cn_entries))
        return _cached[1]


def current_index() -> ClassificationIndex | None:
    """Kept for the callers of the HS-only search: the same index."""
    return current_classification()


def classify(
    query: str, top: int = 10, *, language: str = "en", as_you_type: bool = False
) -> list[CnHit]:
    """Best CN8 codes (HS subheadings when no CN is loaded) for a description in French or
    English, or a code prefix, labelled in ``language``.

    ``as_you_type`` lets the last word be unfinished ("chauss" finds footwear).
    """
    index = current_classification()
    if index is None or not query.strip():
        return []
    return index.search(query, top=top, language=language, prefix=as_you_type)


def search(query: str, top: int = 10, *, as_you_type: bool = False) -> list[HsHit]:
    """Best 6-digit subheadings (English HS texts) for a description or a code prefix."""
    index = current_classification()
    if index is None or not query.strip():
        return []
    return index.hs.search(query, top=top, prefix=as_you_type)


def cn_loaded() -> bool:
    return CnCode.objects.filter(level=CnCode.Level.CN8).exists()


def is_loaded() -> bool:
    return HsCode.objects.exists()


def exists(code: str) -> bool:
    return HsCode.objects.filter(code=code).exists()
