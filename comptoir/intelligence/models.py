"""Market intelligence (veille): the sources the team watches and the items they bring.

A source is an RSS/Atom feed, a web page or a document uploaded by hand, filed by country,
sector and theme with a reliability rating and a polling frequency. Each item a source
brings is stored once (``fingerprint``), whatever the number of polls. The market studies
area above clips items into thematic files through :mod:`comptoir.intelligence.selectors`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
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


class ErrorKind(models.TextChoices):
    """Why the last reading of a source failed (shown with its limit on the source's page)."""

    TIMEOUT = "timeout", _("No answer in time")
    TOO_BIG = "too_big", _("Too big")
    HTTP = "http", _("Error answered by the server")
    GARBAGE = "garbage", _("Not a feed or page that can be read")
    REFUSED = "refused", _("Address refused")
    NETWORK = "network", _("Network error")
    REDIRECTS = "redirects", _("Too many redirections")


class CustomsTopic(models.TextChoices):
    """What a regulatory watch item changes for the customs area."""

    ANTI_DUMPING = "anti_dumping", _("Anti-dumping or countervailing duty")
    TARIFF = "tariff", _("Customs duty rate")
    QUOTA = "quota", _("Tariff quota or suspension")
    SANCTIONS = "sanctions", _("Sanctions or embargo")
    ORIGIN = "origin", _("Rules of origin, trade agreement")
    STANDARDS = "standards", _("Standards, labelling, product safety")
    OTHER = "other", _("Other customs formality")


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
    last_error_kind = models.CharField(
        _("kind of the last error"), max_length=10, choices=ErrorKind.choices, blank=True
    )
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last read without error"), null=True, blank=True)
    errors_in_a_row = models.PositiveIntegerField(_("errors in a row"), default=0)
    #: conditional GET: what the server answered last time (ETag, Last-Modified)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    #: a web page: the hash of the main text last read (a change makes a new item)
    page_hash = models.CharField(max_length=64, blank=True)
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

    def get_absolute_url(self) -> str:
        return reverse("intelligence:source_detail", args=[self.pk])

    def next_poll_at(self) -> dt.datetime | None:
        if self.kind == SourceKind.DOCUMENT or not self.active:
            return None
        if self.last_polled_at is None:
            return None
        return self.last_polled_at + dt.timedelta(hours=self.poll_every_hours)


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
    file = models.FileField(_("file"), upload_to="intelligence/%Y/%m/", blank=True)
    # regulatory watch: what the item concerns
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("products"), blank=True, related_name="+"
    )
    cn_code = models.CharField(
        _("CN code"),
        max_length=10,
        blank=True,
        help_text=_("Combined Nomenclature code (or its first digits) the measure concerns."),
    )
    customs_topic = models.CharField(
        _("customs topic"), max_length=14, choices=CustomsTopic.choices, blank=True
    )
    link_note = models.CharField(_("why it matters"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["text", "summary_html", "fetched_at"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("intelligence item")
        verbose_name_plural = _("intelligence items")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("intelligence:item_detail", args=[self.pk])

    @property
    def date(self) -> dt.datetime:
        return self.published_at or self.fetched_at


class ItemCountry(models.Model):
    """A country a regulatory watch item concerns (besides its source's country)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="countries")
    country = models.CharField(_("country"), max_length=2, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "country"], name="intel_item_country_once")
        ]
        ordering = ["country"]

    def __str__(self) -> str:
        return self.country


class Alert(models.Model):
    """Keywords and phrases watched in every item that arrives, for one user or the team."""

    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("for"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: shared with the whole team."),
    )
    terms = models.TextField(
        _("keywords and phrases"),
        blank=True,
        help_text=_(
            "One per line, in French or English; a phrase in quotes is matched word after word."
        ),
    )
    excluded = models.TextField(_("excluded words"), blank=True)
    theme = models.CharField(_("theme"), max_length=12, choices=Theme.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("products"), blank=True, related_name="+"
    )
    competitor = models.ForeignKey(
        "parties.Company",
        verbose_name=_("competitor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
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
        verbose_name = _("intelligence alert")
        verbose_name_plural = _("intelligence alerts")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("intelligence:alert_detail", args=[self.pk])


class Match(models.Model):
    """An item an alert matched, stored once."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="matches")
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="matches")
    matched_at = models.DateTimeField(_("matched at"), default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "alert"], name="intel_match_once")]
        ordering = ["-matched_at", "-id"]
        verbose_name = _("alert match")
        verbose_name_plural = _("alert matches")

    def __str__(self) -> str:
        return f"{self.alert_id} x {self.item_id}"


class MatchRead(models.Model):
    """A user has read a match (a shared alert's match is read by each user separately)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "user"], name="intel_match_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.match_id} read by {self.user_id}"


class Digest(models.Model):
    """When each user's daily digest last went out (the next one has the matches since)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_sent_at = models.DateTimeField()
    matches_sent = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.last_sent_at:%Y-%m-%d %H:%M}"
