"""Reads of the market intelligence area, for its pages, the API, the panels of other areas'
pages, and the market studies area above (which clips items into thematic files)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import Alert, Digest, Item, Match, MatchRead, Source

#: The most rows a list shows (the pages are paginated below it).
MAX_ROWS = 2000


def sources(filters: dict[str, Any] | None = None) -> QuerySet[Source]:
    """Sources, filtered by country, sector, theme, kind and status (active, paused, failing)."""
    f = filters or {}
    rows = Source.objects.annotate(item_count=Count("items"))
    if f.get("country"):
        rows = rows.filter(country=str(f["country"]).upper())
    if f.get("sector"):
        rows = rows.filter(sector__icontains=f["sector"])
    if f.get("theme"):
        rows = rows.filter(theme=f["theme"])
    if f.get("kind"):
        rows = rows.filter(kind=f["kind"])
    status = f.get("status")
    if status == "active":
        rows = rows.filter(active=True)
    elif status == "paused":
        rows = rows.filter(active=False)
    elif status == "failing":
        rows = rows.exclude(last_error_kind="")
    return rows.order_by("name")


def items(filters: dict[str, Any] | None = None) -> QuerySet[Item]:
    """Items, newest first: search in title and text, source, country, theme, alert, dates."""
    f = filters or {}
    rows = Item.objects.select_related("source")
    if f.get("q"):
        q = str(f["q"])[:200]
        rows = rows.filter(Q(title__icontains=q) | Q(text__icontains=q))
    if f.get("source"):
        rows = rows.filter(source_id=f["source"])
    if f.get("country"):
        code = str(f["country"]).upper()
        rows = rows.filter(Q(source__country=code) | Q(countries__country=code)).distinct()
    if f.get("theme"):
        rows = rows.filter(source__theme=f["theme"])
    if f.get("alert"):
        rows = rows.filter(matches__alert_id=f["alert"])
    if f.get("since"):
        rows = rows.filter(
            Q(published_at__date__gte=f["since"])
            | Q(published_at__isnull=True, fetched_at__date__gte=f["since"])
        )
    if f.get("until"):
        rows = rows.filter(
            Q(published_at__date__lte=f["until"])
            | Q(published_at__isnull=True, fetched_at__date__lte=f["until"])
        )
    if f.get("regulatory"):
        rows = rows.exclude(customs_topic="")
    return rows.order_by("-published_at", "-id")


def item(pk: int) -> Item:
    return Item.objects.select_related("source").get(pk=pk)


def items_by_ids(ids: list[int]) -> QuerySet[Item]:
    """For the market studies area: the items it clips, with their source."""
    return Item.objects.filter(pk__in=ids).select_related("source")


def alerts_of(user: User) -> QuerySet[Alert]:
    """The alerts a user receives: their own and the shared ones."""
    return Alert.objects.filter(Q(owner=user) | Q(owner__isnull=True))


def alerts(filters: dict[str, Any] | None = None, user: User | None = None) -> QuerySet[Alert]:
    f = filters or {}
    rows = Alert.objects.select_related("owner", "competitor").annotate(
        match_count=Count("matches")
    )
    if f.get("mine") and user is not None:
        rows = rows.filter(Q(owner=user) | Q(owner__isnull=True))
    return rows.order_by("name")


def matches_of(user: User, *, unread: bool = False) -> QuerySet[Match]:
    """The matches of the alerts a user receives, newest first; ``unread``: not read yet."""
    rows = Match.objects.filter(Q(alert__owner=user) | Q(alert__owner__isnull=True)).select_related(
        "item__source", "alert"
    )
    if unread:
        rows = rows.exclude(Exists(MatchRead.objects.filter(match=OuterRef("pk"), user=user)))
    return rows.order_by("-matched_at", "-id")


def matches_of_item(item: Item) -> QuerySet[Match]:
    return (
        Match.objects.filter(item=item)
        .select_related("alert", "alert__owner")
        .order_by("alert__name")
    )


def digest_matches(user: User, now: dt.datetime | None = None) -> QuerySet[Match]:
    """The user's unread matches since their last digest (the last day for a first one)."""
    now = now or timezone.now()
    last = Digest.objects.filter(user=user).values_list("last_sent_at", flat=True).first()
    since = last or now - dt.timedelta(days=1)
    return matches_of(user, unread=True).filter(matched_at__gt=since, matched_at__lte=now)


def items_of_product(product: Any) -> QuerySet[Item]:
    """Regulatory watch items linked to a product, or whose CN code covers the product's."""
    cn = (getattr(product, "cn_code", "") or "").replace(" ", "")
    by_code = Q()
    if cn:
        prefixes = [cn[:n] for n in range(2, len(cn) + 1)]
        by_code = Q(cn_code__in=prefixes)
    return (
        Item.objects.filter(Q(products=product) | by_code)
        .select_related("source")
        .distinct()
        .order_by("-published_at", "-id")
    )


def items_of_country(code: str) -> QuerySet[Item]:
    """Regulatory watch items linked to a country (and the items of sources about it)."""
    code = code.upper()
    return (
        Item.objects.filter(
            Q(countries__country=code) | Q(source__country=code, source__theme="regulation")
        )
        .select_related("source")
        .distinct()
        .order_by("-published_at", "-id")
    )
