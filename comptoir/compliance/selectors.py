"""Reads of the screening area for the pages and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from comptoir.parties.models import Company

from .models import Hit, HitStatus, ListEntry, ListVersion, Source


def current_versions() -> list[ListVersion]:
    return list(ListVersion.objects.filter(is_current=True).order_by("source"))


def versions() -> QuerySet[ListVersion]:
    return ListVersion.objects.select_related("imported_by").order_by("source", "-imported_at")


#: A list imported longer ago than this is flagged: the lists change several times a month.
STALE_AFTER = dt.timedelta(days=7)


def lists_overview() -> list[dict[str, Any]]:
    """One row per list: its current version or none, and whether it is out of date."""
    current = {v.source: v for v in current_versions()}
    now = timezone.now()
    return [
        {
            "source": value,
            "label": label,
            "version": current.get(value),
            "stale": value in current and now - current[value].imported_at > STALE_AFTER,
        }
        for value, label in Source.choices
    ]


def hit_list(params: Any) -> QuerySet[Hit]:
    hits = Hit.objects.select_related(
        "company", "contact", "contact__company", "entry", "reviewed_by"
    )
    status = params.get("status", "open")
    if status in HitStatus.values:
        hits = hits.filter(status=status)
    source = params.get("source", "")
    if source in Source.values:
        hits = hits.filter(source=source)
    q = (params.get("q") or "").strip()[:100]
    if q:
        hits = hits.filter(
            Q(matched_name__icontains=q)
            | Q(entry_name__icontains=q)
            | Q(entry_ref__icontains=q)
            | Q(company__name__icontains=q)
            | Q(contact__company__name__icontains=q)
        )
    return hits.order_by("-score", "-created_at", "-pk")


def hit_for_page(pk: int) -> Hit:
    return Hit.objects.select_related(
        "company", "contact", "contact__company", "entry", "entry__version", "reviewed_by"
    ).get(pk=pk)


def open_hit_count() -> int:
    return Hit.objects.filter(status=HitStatus.OPEN).count()


def company_hits(company: Company) -> QuerySet[Hit]:
    return (
        Hit.objects.filter(Q(company=company) | Q(contact__company=company))
        .select_related("contact", "reviewed_by")
        .order_by("status", "-score")
    )


def company_status(company: Company) -> dict[str, Any]:
    """What the company page shows: the lists screened against and the hits."""
    hits = list(company_hits(company))
    states = {h.status for h in hits}
    if HitStatus.CONFIRMED in states:
        state = "confirmed"
    elif HitStatus.OPEN in states:
        state = "open"
    else:
        state = "clear"
    lists = current_versions()
    if not lists:
        state = "no_list"
    return {
        "screening_state": state,
        "screening_hits": [h for h in hits if h.status != HitStatus.WITHDRAWN],
        "screening_lists": lists,
    }


def entry_for_hit(hit: Hit) -> ListEntry | None:
    if hit.entry is not None:
        return hit.entry
    return ListEntry.objects.filter(
        version__is_current=True, source=hit.source, ref=hit.entry_ref
    ).first()
