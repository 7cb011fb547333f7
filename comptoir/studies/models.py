"""Market studies: thematic files (dossiers) of clipped intelligence items and notes, the
synthesis note of a file, the market selection matrix and its decision, SWOT and PESTEL notes.

Key terms and summaries are computed locally (:mod:`comptoir.trade.text_summary`) and kept
on the file and on each clip (``digest``); the file's digest is computed again whenever its
clips change (``digest_key`` says which clips it was computed from).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.intelligence.models import Item, Theme


class ThematicFile(models.Model):
    """A dossier on one subject: items clipped from the watch, notes typed by hand."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("theme"), max_length=12, choices=Theme.choices)
    countries = models.JSONField(
        _("countries"), default=list, blank=True, help_text=_("ISO codes, e.g. AE, SA.")
    )
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("products"), blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    shared = models.BooleanField(
        _("shared with the team"),
        default=True,
        help_text=_("A private file is seen by its owner only."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    #: {"language", "key_terms": [[term, score]...], "summary": [sentence...]}
    digest = models.JSONField(_("key terms and summary"), default=dict, blank=True)
    digest_key = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["digest", "digest_key", "updated_at"])

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("thematic file")
        verbose_name_plural = _("thematic files")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("studies:file_detail", args=[self.pk])


class Clip(models.Model):
    """An intelligence item clipped into a file with the user's comment, or a note typed by
    hand in the file (no item: ``title`` and ``text`` are the note)."""

    file = models.ForeignKey(
        ThematicFile, verbose_name=_("file"), on_delete=models.CASCADE, related_name="clips"
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("intelligence item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("note"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    digest = models.JSONField(_("key terms and summary"), default=dict, blank=True)
    clipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clipped by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    clipped_at = models.DateTimeField(_("clipped at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["digest"])

    class Meta:
        ordering = ["-clipped_at", "-id"]
        verbose_name = _("clip")
        verbose_name_plural = _("clips")
        constraints = [
            models.UniqueConstraint(fields=["file", "item"], name="studies_clip_once_per_file"),
        ]

    def __str__(self) -> str:
        return self.item.title if self.item_id and self.item else self.title


class NoteLanguage(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")


class SynthesisNote(models.Model):
    """The note the user writes from a file: sections, a conclusion, the clipped items as
    numbered sources cited [1], [2]... Each save is a new version (history)."""

    file = models.ForeignKey(
        ThematicFile, verbose_name=_("file"), on_delete=models.CASCADE, related_name="notes"
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=NoteLanguage.choices, default=NoteLanguage.FR
    )
    #: [{"heading": str, "body": str}, ...]
    sections = models.JSONField(_("sections"), default=list, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("synthesis note")
        verbose_name_plural = _("synthesis notes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("studies:note_detail", args=[self.pk])


class MarketStudy(models.Model):
    """A market selection: 2 to 12 candidate countries scored on weighted criteria."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being scored")
        DECIDED = "decided", _("Decided")

    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(
        _("products and scope"), blank=True, help_text=_("What we want to sell, to whom.")
    )
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("products"), blank=True, related_name="+"
    )
    files = models.ManyToManyField(
        ThematicFile, verbose_name=_("thematic files"), blank=True, related_name="studies"
    )
    #: criterion -> weight in percent (strings of decimals), summing to 100
    weights = models.JSONField(_("weights"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    chosen = models.JSONField(_("countries chosen"), default=list, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("market selection")
        verbose_name_plural = _("market selections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("studies:study_detail", args=[self.pk])


class Candidate(models.Model):
    """A candidate country of a market selection and its grade 0-5 per criterion."""

    study = models.ForeignKey(
        MarketStudy,
        verbose_name=_("market selection"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    country = models.CharField(_("country"), max_length=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    #: criterion -> grade 0-5 (strings of decimals); a missing criterion is not graded yet
    grades = models.JSONField(_("grades"), default=dict, blank=True)
    #: criterion -> where a proposed grade came from ("country sheet: high risk")
    grade_sources = models.JSONField(_("where the grades come from"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("candidate country")
        verbose_name_plural = _("candidate countries")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "country"], name="studies_candidate_once_per_study"
            ),
        ]

    def __str__(self) -> str:
        return self.country


class StrategyNote(models.Model):
    """A SWOT or PESTEL analysis of one market (country) or one product."""

    class Kind(models.TextChoices):
        SWOT = "swot", _("SWOT")
        PESTEL = "pestel", _("PESTEL")

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=NoteLanguage.choices, default=NoteLanguage.FR
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    files = models.ManyToManyField(
        ThematicFile, verbose_name=_("thematic files"), blank=True, related_name="strategy_notes"
    )
    #: part -> list of points (SWOT: strengths, weaknesses, opportunities, threats; PESTEL:
    #: political, economic, social, technological, environmental, legal)
    parts = models.JSONField(_("content"), default=dict)
    conclusion = models.TextField(_("conclusion"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("SWOT or PESTEL note")
        verbose_name_plural = _("SWOT and PESTEL notes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("studies:strategy_detail", args=[self.pk])


SWOT_PARTS = ("strengths", "weaknesses", "opportunities", "threats")
PESTEL_PARTS = ("political", "economic", "social", "technological", "environmental", "legal")
PART_LABELS = {
    "strengths": _("Strengths"),
    "weaknesses": _("Weaknesses"),
    "opportunities": _("Opportunities"),
    "threats": _("Threats"),
    "political": _("Political"),
    "economic": _("Economic"),
    "social": _("Social and cultural"),
    "technological": _("Technological"),
    "environmental": _("Environmental"),
    "legal": _("Legal"),
}


def parts_for(kind: str) -> tuple[str, ...]:
    """The parts of a SWOT or a PESTEL, in their printed order."""
    return SWOT_PARTS if kind == StrategyNote.Kind.SWOT else PESTEL_PARTS
