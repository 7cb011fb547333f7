"""Writes of the market intelligence area: sources, their polling, items, alerts and matches.

Every service a person calls checks the role matrix first and writes in one transaction,
naming the author for the history. The polling jobs run as the system (``user=None``) and
never raise: a source that fails keeps its error (kind and limit) and the others go on.

Items are stored once: their ``fingerprint`` is unique and they are inserted with
``bulk_create(ignore_conflicts=True)``, so two polls of the same feed at the same moment
store each item once; matches are unique per (item, alert) the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html
import io
import logging
import re
import time
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import Any, cast

import nh3
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, can_manage, require
from comptoir.audit import stamp
from comptoir.calculators.texts import translate
from comptoir.common.countries import is_country
from comptoir.trade import text_match

from .fetch import FetchError, fetch
from .inputs import AlertValues, DocumentValues, LinkValues, SourceValues
from .models import (
    Alert,
    Digest,
    ErrorKind,
    Item,
    ItemCountry,
    Match,
    MatchRead,
    Source,
    SourceKind,
    Theme,
)

log = logging.getLogger(__name__)

#: The most entries read from one feed at one poll; the longest texts stored.
MAX_ENTRIES = 500
MAX_TEXT = 100_000
MAX_SUMMARY = 20_000
#: The part of an item's text the alerts read.
MATCH_CHARS = 50_000
#: A document uploaded: largest file, most PDF pages read.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 300
DOCUMENT_TYPES = (".pdf", ".txt", ".html", ".htm", ".md")
#: When an alert is created or changed, the items of these last days are matched again.
REMATCH_DAYS = 90
POLL_HOURS = (1, 720)

#: The HTML kept in a summary (nh3's defaults without images, forms or media).
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip


class IngestError(Exception):
    """What was read is no feed, page or document that can be used (kind "garbage")."""


# --------------------------------------------------------------------------- sanitising


def sanitise(markup: str) -> str:
    """HTML from outside, made safe to display: allowed tags only, links http(s) and mailto."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n\s*")


def plain_text(markup: str) -> str:
    """The text of some HTML (tags removed, entities read, blank runs shortened)."""
    markup = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h\d)\s*/?>", "\n", markup)
    text = html.unescape(nh3.clean(markup, tags=set()))
    return _LINES.sub("\n\n", _SPACES.sub(" ", text)).strip()


def _link(url: str) -> str:
    url = (url or "").strip()
    return url[:1000] if urllib.parse.urlsplit(url).scheme in ("http", "https") else ""


def fingerprint(
    *, entry_id: str = "", link: str = "", title: str = "", date: str = "", scope: str = ""
) -> str:
    """The item's identity: its entry id, else its normalised link, else title and date.

    An entry id that is no URI ("42") is only unique in its feed: the feed's address is
    added (``scope``)."""
    if entry_id:
        key = "id:" + (entry_id if ":" in entry_id else f"{scope}#{entry_id}")
    elif link:
        parts = urllib.parse.urlsplit(link.strip())
        query = urllib.parse.urlencode(sorted(urllib.parse.parse_qsl(parts.query)))
        key = "link:" + urllib.parse.urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/") or "/", query, "")
        )
    else:
        key = f"title:{scope}#{text_match.fold(title).strip()}#{date}"
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


# --------------------------------------------------------------------------- sources


def _check_source(values: SourceValues) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not values.name.strip():
        errors["name"] = _("Give the source a name.")
    if values.kind not in SourceKind.values:
        errors["kind"] = _("Choose a feed, a web page or documents.")
    if values.theme not in Theme.values:
        errors["theme"] = _("Choose a theme.")
    if values.kind in (SourceKind.FEED, SourceKind.PAGE):
        scheme = urllib.parse.urlsplit(values.url).scheme
        if not values.url.strip():
            errors["url"] = _("A feed or a web page needs its address.")
        elif scheme not in ("http", "https"):
            errors["url"] = _("Only http:// and https:// addresses can be read.")
    if values.country and not is_country(values.country):
        errors["country"] = _("Unknown country code: %(code)s.") % {"code": values.country}
    if not POLL_HOURS[0] <= values.poll_every_hours <= POLL_HOURS[1]:
        errors["poll_every_hours"] = _("Between 1 and 720 hours (30 days).")
    if not 1 <= values.reliability <= 5:
        errors["reliability"] = _("Reliability goes from 1 (confirmed) to 5 (not yet rated).")
    return errors


def save_source(*, source: Source | None, values: SourceValues, user: Actor) -> Source:
    """Create or change a source (a changed address is read afresh: no conditional GET)."""
    require(user, Action.CHANGE if source else Action.CREATE, Record.INTELLIGENCE_SOURCE)
    errors = _check_source(values)
    if errors:
        raise ValidationError(errors)
    record = source or Source(created_by=user if isinstance(user, User) else None)
    if source is not None and (source.url != values.url or source.kind != values.kind):
        record.etag = record.last_modified = record.page_hash = ""
    for name in ("name", "kind", "url", "sector", "theme", "language", "reliability"):
        setattr(record, name, getattr(values, name))
    record.url = values.url.strip() if values.kind != SourceKind.DOCUMENT else ""
    record.country = values.country.upper()
    record.poll_every_hours = values.poll_every_hours
    record.active = values.active
    with transaction.atomic():
        stamp(record, user, "source changed" if source else "source added")
        record.save()
    return record


def delete_source(*, source: Source, user: Actor) -> None:
    """Delete a source and the items it brought (a manager's decision)."""
    require(user, Action.DELETE, Record.INTELLIGENCE_SOURCE)
    with transaction.atomic():
        stamp(source, user, "source deleted")
        source.delete()


def request_poll(*, source: Source, user: Actor) -> None:
    """ "Read now": queue the reading of one source (the page answers at once)."""
    from .tasks import poll_source_job

    require(user, Action.CHANGE, Record.INTELLIGENCE_SOURCE)
    if source.kind == SourceKind.DOCUMENT:
        raise ValidationError({"kind": _("A source of documents is not read: upload them.")})
    poll_source_job.enqueue(source.pk)


def due_sources(now: dt.datetime | None = None) -> list[Source]:
    """Active feeds and pages whose polling frequency has passed since they were last read."""
    now = now or timezone.now()
    due = []
    for source in Source.objects.filter(active=True).exclude(kind=SourceKind.DOCUMENT):
        last = source.last_polled_at
        if last is None or last + dt.timedelta(hours=source.poll_every_hours) <= now:
            due.append(source)
    return due


def poll_due(now: dt.datetime | None = None) -> int:
    """Queue one job per source due (a bad source never blocks the others); how many.

    Each source is claimed first (its ``last_polled_at`` moved on if unchanged), so two
    runs at the same moment queue it once."""
    from .tasks import poll_source_job

    now = now or timezone.now()
    queued = 0
    for source in due_sources(now):
        claimed = Source.objects.filter(pk=source.pk, last_polled_at=source.last_polled_at)
        if source.last_polled_at is None:
            claimed = Source.objects.filter(pk=source.pk, last_polled_at__isnull=True)
        if claimed.update(last_polled_at=now):
            poll_source_job.enqueue(source.pk)
            queued += 1
    return queued


def poll_due_daily(day: dt.date) -> int:
    """The daily step: the sources due (sources read more often need ``comptoir intelligence
    poll`` from cron)."""
    return poll_due()


def _failed(source: Source, kind: str, detail: str) -> None:
    now = timezone.now()
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_error=detail[:500],
        last_error_kind=kind,
        last_error_at=now,
        errors_in_a_row=source.errors_in_a_row + 1,
    )


def poll_source(source_id: int) -> dict[str, Any]:
    """Read one source now (the job): new items stored and matched, or its error recorded.

    Never raises for what the source answers: returns ``{"new": n}`` or
    ``{"error": kind, "detail": ...}``."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None or source.kind == SourceKind.DOCUMENT:
        return {"new": 0}
    started = time.monotonic()
    try:
        fetched = fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        if fetched.not_modified:
            new: list[Item] = []
        elif source.kind == SourceKind.FEED:
            new = ingest_feed(source, data=fetched.body)
        else:
            page = ingest_page(source, data=fetched.body, url=fetched.url)
            new = [page] if page else []
    except FetchError as exc:
        _failed(source, exc.kind, exc.detail)
        return {"error": exc.kind, "detail": exc.detail}
    except IngestError as exc:
        _failed(source, ErrorKind.GARBAGE, str(exc))
        return {"error": ErrorKind.GARBAGE.value, "detail": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a source never breaks the job or the others
        log.exception("source %s could not be read", source_id)
        _failed(source, ErrorKind.GARBAGE, f"{type(exc).__name__}: {exc}")
        return {"error": ErrorKind.GARBAGE.value, "detail": str(exc)[:300]}
    now = timezone.now()
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_success_at=now,
        last_error="",
        last_error_kind="",
        errors_in_a_row=0,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
    )
    return {"new": len(new), "seconds": round(time.monotonic() - started, 3)}


# --------------------------------------------------------------------------- items in


def _store(source: Source, candidates: Sequence[Item]) -> list[Item]:
    """Insert the items not stored yet (safe under two polls at once); match the new ones."""
    by_print = {c.fingerprint: c for c in candidates}
    if not by_print:
        return []
    known = set(
        Item.objects.filter(fingerprint__in=list(by_print)).values_list("fingerprint", flat=True)
    )
    fresh = [c for p, c in by_print.items() if p not in known]
    if not fresh:
        return []
    Item.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=500)
    stored = list(
        Item.objects.filter(
            fingerprint__in=[c.fingerprint for c in fresh], source=source
        ).select_related("source")
    )
    match_items(stored)
    return stored


def _when(parsed: Any) -> dt.datetime | None:
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def ingest_feed(source: Source, *, data: bytes) -> list[Item]:
    """Store the entries of an RSS or Atom feed read (``data``); returns the new items.

    Used by the poll and, without network, by the demo and the tests."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        raise IngestError(
            _("Not an RSS or Atom feed (%(why)s).")
            % {"why": str(parsed.get("bozo_exception") or _("no entry"))[:200]}
        )
    language = (parsed.feed.get("language") or source.language or "")[:8]
    candidates = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        title = plain_text(entry.get("title", ""))[:500] or _("(untitled)")
        link = _link(entry.get("link", ""))
        published = _when(entry.get("published_parsed") or entry.get("updated_parsed"))
        contents = entry.get("content") or []
        body = (contents[0].get("value") if contents else "") or entry.get("summary", "")
        summary = sanitise(entry.get("summary", "") or body)[:MAX_SUMMARY]
        candidates.append(
            Item(
                source=source,
                fingerprint=fingerprint(
                    entry_id=str(entry.get("id", "")).strip()[:1000],
                    link=link,
                    title=title,
                    date=published.isoformat() if published else "",
                    scope=source.url or f"source-{source.pk}",
                ),
                title=title,
                link=link,
                published_at=published,
                language=(entry.get("language") or language)[:8],
                summary_html=summary,
                text=plain_text(body)[:MAX_TEXT],
            )
        )
    return _store(source, candidates)


def ingest_page(source: Source, *, data: bytes, url: str = "") -> Item | None:
    """A web page read: its main text (trafilatura); a new item when the text changed."""
    import trafilatura

    markup = data.decode("utf-8", "replace")
    text = (trafilatura.extract(markup, include_comments=False, favor_precision=True) or "").strip()
    if not text:
        text = plain_text(markup)
    if not text:
        raise IngestError(_("The page has no text that can be read."))
    text = text[:MAX_TEXT]
    digest = hashlib.sha256(text.encode()).hexdigest()
    if digest == source.page_hash:
        return None
    metadata = trafilatura.extract_metadata(markup)
    title = ((metadata.title if metadata else "") or source.name)[:480]
    now = timezone.now()
    paragraphs = [p for p in text.split("\n") if p.strip()][:5]
    item = Item(
        source=source,
        fingerprint=fingerprint(entry_id=f"page:{url or source.url}#{digest}"),
        title=title,
        link=_link(url or source.url),
        published_at=now,
        language=source.language,
        summary_html=sanitise("".join(f"<p>{html.escape(p[:1000])}</p>" for p in paragraphs)),
        text=text,
    )
    stored = _store(source, [item])
    Source.objects.filter(pk=source.pk).update(page_hash=digest)
    source.page_hash = digest
    return stored[0] if stored else None


def _document_text(values: DocumentValues) -> str:
    name = values.filename.lower()
    if name.endswith(".pdf"):
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            reader = PdfReader(io.BytesIO(values.content))
            pages = reader.pages[:MAX_PDF_PAGES]
            return "\n".join((page.extract_text() or "") for page in pages)
        except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
            raise ValidationError(
                {"file": _("This PDF cannot be read (%(why)s).") % {"why": str(exc)[:200]}}
            ) from None
    raw = values.content.decode("utf-8", "replace")
    if name.endswith((".html", ".htm")):
        import trafilatura

        return trafilatura.extract(raw) or plain_text(raw)
    return raw


def add_document(*, source: Source, values: DocumentValues, user: Actor) -> Item:
    """A document uploaded by hand (PDF, text or HTML) becomes an item of the source, matched."""
    require(user, Action.CREATE, Record.INTELLIGENCE_ITEM)
    if source.kind != SourceKind.DOCUMENT:
        raise ValidationError({"file": _("Documents are uploaded into a source of documents.")})
    if not values.filename.lower().endswith(DOCUMENT_TYPES):
        raise ValidationError({"file": _("Upload a PDF, text (.txt, .md) or HTML file.")})
    if len(values.content) > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "file": _("The file is too big: at most %(mb)d MB.")
                % {"mb": MAX_DOCUMENT_BYTES // 2**20}
            }
        )
    if not values.content:
        raise ValidationError({"file": _("The file is empty.")})
    text = _LINES.sub("\n\n", _SPACES.sub(" ", _document_text(values))).strip()[:MAX_TEXT]
    if not text:
        raise ValidationError({"file": _("No text could be read from this file (a scanned PDF?).")})
    digest = hashlib.sha256(values.content).hexdigest()
    if Item.objects.filter(fingerprint=digest).exists():
        raise ValidationError({"file": _("This document was already uploaded.")})
    published = (
        dt.datetime.combine(values.published_on, dt.time(12), tzinfo=dt.UTC)
        if values.published_on
        else timezone.now()
    )
    title = values.title.strip() or values.filename.rsplit("/", 1)[-1]
    paragraphs = [p for p in text.split("\n") if p.strip()][:5]
    item = Item(
        source=source,
        fingerprint=digest,
        title=title[:500],
        published_at=published,
        language=(values.language or source.language)[:8],
        summary_html=sanitise("".join(f"<p>{html.escape(p[:1000])}</p>" for p in paragraphs)),
        text=text,
    )
    with transaction.atomic():
        stamp(item, user, "document uploaded")
        item.file.save(
            values.filename.rsplit("/", 1)[-1][:100], ContentFile(values.content), save=False
        )
        item.save()
        match_items([item])
    return item


def link_item(*, item: Item, values: LinkValues, user: Actor) -> Item:
    """Regulatory watch: say which products, countries, CN code and customs topic an item
    concerns (shown on those products' and countries' pages)."""
    require(user, Action.CHANGE, Record.INTELLIGENCE_ITEM)
    errors: dict[str, str] = {}
    countries = tuple(dict.fromkeys(c.strip().upper() for c in values.countries if c.strip()))
    bad = [c for c in countries if not is_country(c)]
    if bad:
        errors["countries"] = _("Unknown country code: %(code)s.") % {"code": ", ".join(bad)}
    elif len(countries) > 50:
        errors["countries"] = _("At most 50 countries.")
    cn = values.cn_code.replace(" ", "").replace(".", "")
    if cn and (not cn.isdigit() or not 2 <= len(cn) <= 10):
        errors["cn_code"] = _(
            "A CN code has 2 to 10 digits (the first digits cover a chapter or heading)."
        )
    from .models import CustomsTopic

    if values.customs_topic and values.customs_topic not in CustomsTopic.values:
        errors["customs_topic"] = _("Choose a customs topic from the list.")
    if len(values.products) > 200:
        errors["products"] = _("At most 200 products.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item.cn_code = cn
        item.customs_topic = values.customs_topic
        item.link_note = values.link_note.strip()[:500]
        stamp(item, user, "item linked")
        item.save(update_fields=["cn_code", "customs_topic", "link_note"])
        item.products.set(values.products)
        ItemCountry.objects.filter(item=item).exclude(country__in=countries).delete()
        for code in countries:
            ItemCountry.objects.get_or_create(item=item, country=code)
    return item


# --------------------------------------------------------------------------- alerts


def _terms(text: str, field: str) -> tuple[text_match.Term, ...]:
    try:
        return text_match.parse_terms(text)
    except text_match.TermError as exc:
        raise ValidationError({field: translate(exc.message)}) from None


def _phrase(name: str) -> text_match.Term | None:
    try:
        return text_match.parse_term('"' + name.replace('"', " ") + '"')
    except text_match.TermError:
        return None


def _rule(alert: Alert) -> text_match.AlertRule:
    scope: list[text_match.Term] = []
    if alert.competitor is not None:
        scope.append(_phrase(alert.competitor.name))  # type: ignore[arg-type]
    for product in alert.products.all():
        scope.extend(_phrase(n) for n in {product.name_fr, product.name_en} if n)  # type: ignore[misc]
    return text_match.AlertRule(
        alert.pk,
        text_match.parse_terms(alert.terms) if alert.terms.strip() else (),
        text_match.parse_terms(alert.excluded) if alert.excluded.strip() else (),
        tuple(t for t in scope if t is not None),
    )


def save_alert(*, alert: Alert | None, values: AlertValues, user: Actor) -> Alert:
    """Create or change an alert; the items of the last 90 days are matched again."""
    require(user, Action.CHANGE if alert else Action.CREATE, Record.INTELLIGENCE_ALERT)
    if alert is not None:
        _require_own(alert, user)
    errors: dict[str, str] = {}
    if not values.name.strip():
        errors["name"] = _("Give the alert a name.")
    try:
        terms = _terms(values.terms, "terms")
        _terms(values.excluded, "excluded")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        terms = ()
    if not terms and values.competitor is None and not values.products and "terms" not in errors:
        errors["terms"] = _("Give at least one keyword or phrase, a competitor or a product.")
    if values.theme and values.theme not in Theme.values:
        errors["theme"] = _("Choose a theme.")
    if values.country and not is_country(values.country):
        errors["country"] = _("Unknown country code: %(code)s.") % {"code": values.country}
    if len(values.products) > 50:
        errors["products"] = _("At most 50 products.")
    if (
        values.owner is not None
        and isinstance(user, User)
        and values.owner != user
        and not can_manage(user)
    ):
        errors["owner"] = _("An alert is for yourself or shared with the team.")
    if errors:
        raise ValidationError(errors)
    record = alert or Alert(created_by=user if isinstance(user, User) else None)
    record.name = values.name.strip()[:200]
    record.owner = values.owner
    record.terms = values.terms.strip()
    record.excluded = values.excluded.strip()
    record.theme = values.theme
    record.country = values.country.upper()
    record.competitor = values.competitor
    record.active = values.active
    with transaction.atomic():
        stamp(record, user, "alert changed" if alert else "alert added")
        record.save()
        record.products.set(values.products)
        rematch_alert(record)
    return record


def _require_own(alert: Alert, user: Actor) -> None:
    """Someone else's alert is changed by its owner or a manager; a shared one by anyone."""
    if isinstance(user, User) and alert.owner_id not in (None, user.pk) and not can_manage(user):
        raise PermissionDenied(
            _("This alert is someone else's: its owner or a manager changes it.")
        )


def delete_alert(*, alert: Alert, user: Actor) -> None:
    require(user, Action.DELETE, Record.INTELLIGENCE_ALERT)
    _require_own(alert, user)
    with transaction.atomic():
        stamp(alert, user, "alert deleted")
        alert.delete()


def _in_scope(alert: Alert, item: Item, countries: set[str]) -> bool:
    if alert.theme and item.source.theme != alert.theme:
        return False
    if alert.country and alert.country != item.source.country and alert.country not in countries:
        return False
    return True


def _match_text(item: Item) -> str:
    return f"{item.title}\n{item.text[:MATCH_CHARS]}"


def match_items(items: Sequence[Item], alerts: Iterable[Alert] | None = None) -> int:
    """Match items against the active alerts (or ``alerts``); store the new matches; how many."""
    if not items:
        return 0
    chosen = (
        list(alerts)
        if alerts is not None
        else list(
            Alert.objects.filter(active=True)
            .select_related("competitor")
            .prefetch_related("products")
        )
    )
    if not chosen:
        return 0
    by_key = {a.pk: a for a in chosen}
    matcher = text_match.compile_alerts([_rule(a) for a in chosen])
    countries: dict[int, set[str]] = {}
    for item_id, code in ItemCountry.objects.filter(item__in=[i.pk for i in items]).values_list(
        "item_id", "country"
    ):
        countries.setdefault(item_id, set()).add(code)
    now = timezone.now()
    found = [
        Match(item=item, alert_id=cast(int, key), matched_at=now)
        for item in items
        for key in matcher.match(_match_text(item))
        if _in_scope(by_key[key], item, countries.get(item.pk, set()))  # type: ignore[index]
    ]
    before = Match.objects.filter(item__in=[i.pk for i in items]).count()
    Match.objects.bulk_create(found, ignore_conflicts=True, batch_size=1000)
    return Match.objects.filter(item__in=[i.pk for i in items]).count() - before


def rematch_alert(alert: Alert) -> int:
    """Match one alert again over the items of the last 90 days: matches no longer true and
    not yet read go, new ones come; how many are new."""
    since = timezone.now() - dt.timedelta(days=REMATCH_DAYS)
    recent = Q(item__fetched_at__gte=since)
    if not alert.active:
        Match.objects.filter(recent, alert=alert, reads__isnull=True).delete()
        return 0
    items = list(Item.objects.filter(fetched_at__gte=since).select_related("source"))
    rule = _rule(alert)
    matcher = text_match.compile_alerts([rule])
    countries: dict[int, set[str]] = {}
    for item_id, code in ItemCountry.objects.filter(item__fetched_at__gte=since).values_list(
        "item_id", "country"
    ):
        countries.setdefault(item_id, set()).add(code)
    keep = {
        item.pk
        for item in items
        if matcher.match(_match_text(item))
        and _in_scope(alert, item, countries.get(item.pk, set()))
    }
    Match.objects.filter(recent, alert=alert, reads__isnull=True).exclude(item__in=keep).delete()
    known = set(Match.objects.filter(alert=alert, item__in=keep).values_list("item_id", flat=True))
    now = timezone.now()
    Match.objects.bulk_create(
        [Match(item_id=pk, alert=alert, matched_at=now) for pk in keep - known],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return len(keep - known)


def mark_read(*, matches: Iterable[Match], user: Actor) -> int:
    """The user has seen these matches (each user reads a shared alert's matches separately)."""
    require(user, Action.VIEW, Record.INTELLIGENCE_ITEM)
    if not isinstance(user, User):
        return 0
    rows = [MatchRead(match=m, user=user) for m in matches]
    before = MatchRead.objects.filter(user=user).count()
    MatchRead.objects.bulk_create(rows, ignore_conflicts=True)
    return MatchRead.objects.filter(user=user).count() - before


# --------------------------------------------------------------------------- digest


def digest_users(now: dt.datetime | None = None) -> list[int]:
    """Active users with an e-mail address and matches not sent yet (nor read)."""
    from . import selectors

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return [u.pk for u in users if selectors.digest_matches(u, now).exists()]


def queue_digests(day: dt.date) -> int:
    """The daily step: queue the digest of every user who has something new; how many."""
    from .tasks import email_digest

    users = digest_users()
    for user_id in users:
        email_digest.enqueue(user_id)
    return len(users)


def send_digest(user_id: int, now: dt.datetime | None = None) -> int:
    """E-mail one user, in their language, the matches since their last digest; how many.

    Nothing new, no e-mail. The moment is recorded so a second run sends nothing."""
    from django.core.mail import EmailMessage
    from django.utils import translation
    from django.utils.translation import ngettext

    from . import selectors

    now = now or timezone.now()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    matches = list(
        selectors.digest_matches(user, now).select_related("item__source", "alert")[:200]
    )
    if not matches:
        return 0
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", None) or settings.LANGUAGE_CODE[:2]
    with translation.override(language):
        subject = ngettext(
            "Comptoir intelligence: %(n)d new item for your alerts",
            "Comptoir intelligence: %(n)d new items for your alerts",
            len(matches),
        ) % {"n": len(matches)}
        lines = [_("Hello,"), "", _("New items matched your alerts since the last digest:"), ""]
        by_alert: dict[str, list[Match]] = {}
        for match in matches:
            by_alert.setdefault(match.alert.name, []).append(match)
        for name, group in sorted(by_alert.items()):
            lines.append(f"## {name}")
            for match in group:
                item = match.item
                day = item.date.date().isoformat()
                lines.append(f"- {item.title} ({item.source.name}, {day})")
                lines.append(
                    f"  {item.get_absolute_url()}" + (f"  {item.link}" if item.link else "")
                )
            lines.append("")
        lines.append(_("Mark them as read on your home page."))
        EmailMessage(subject, "\n".join(lines), to=[user.email]).send()
    Digest.objects.update_or_create(
        user=user, defaults={"last_sent_at": now, "matches_sent": len(matches)}
    )
    return len(matches)
