"""Market intelligence (veille): the sources the team watches and the items they bring.

A source is an RSS/Atom feed, a web page or a document uploaded by hand, filed by country,
sector and theme with a reliability rating and a polling frequency. Each item a source
brings is stored once (``fingerprint``), whatever the number of polls. The market studies
area above clips items into thematic files through :mod:`comptoir.intelligence.selectors`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS or Atom feed")
    PAGE = "page", _("Web page")
    DOCUMENT = "document", _("Document uploaded")


class Theme(models.TextChoices):
    MARKET = "market", _("Market and demand")
    COMPETITOR = "competitor", _("Competitors")
    REGULATION = "regulation", _("Regulation and customs")
    PRODUCT = "product", _("Products and technology")
    COUNTRY = "country", _("Country and risk")
    LOGISTICS = "logistics", _("Transport and logistics")


class Reliability(models.IntegerChoices):
    """How far the team trusts a source, from confirmed to unknown (the intelligence scale)."""

    CONFIRMED = 1, _("1 - official or confirmed source")
    RELIABLE = 2, _("2 - usually reliable")
    FAIRLY = 3, _("3 - fairly reliable")
    DOUBTFUL = 4, _("4 - doubtful")
    UNKNOWN = 5, _("5 - not yet rated")


class Source(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166 code of the country the source is about; empty for several."),
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    theme = models.CharField(_("theme"), max_length=12, choices=Theme.choices)
    language = models.CharField(_("language"), max_length=8, blank=True)
    reliability = models.PositiveSmallIntegerField(
        _("reliability"), choices=Reliability.choices, default=Reliability.UNKNOWN
    )
    poll_every_hours = models.PositiveIntegerField(
        _("polled every (hours)"),
        default=24,
        help_text=_("How often the feed or page is read again (1 to 720 hours)."),
    )
    active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("intelligence source")
        verbose_name_plural = _("intelligence sources")

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One article, page or document brought by a source, stored once."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items"
    )
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        unique=True,
        help_text=_("Hash of the item's identifier or link: the same item is never stored twice."),
    )
    title = models.CharField(_("title"), max_length=500)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    fetched_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    summary_html = models.TextField(
        _("summary (sanitised HTML)"), blank=True, help_text=_("Sanitised before it is stored.")
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("intelligence item")
        verbose_name_plural = _("intelligence items")

    def __str__(self) -> str:
        return self.title
