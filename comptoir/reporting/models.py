"""Records of the reporting area (saved pivot views, sales objectives, monthly reports)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PivotView(models.Model):
    """A pivot a user saved under a name (its spec as checked JSON: ``pivot.spec``); a
    manager shares it with everyone."""

    name = models.CharField(_("name"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="pivot_views",
    )
    shared = models.BooleanField(_("shared with everyone"), default=False)
    spec = models.JSONField(_("pivot"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved pivot view")
        verbose_name_plural = _("saved pivot views")
        indexes = [models.Index(fields=["shared", "name"], name="pivot_view_shared")]

    def __str__(self) -> str:
        return self.name
