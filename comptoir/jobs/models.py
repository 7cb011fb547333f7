"""What the schedule remembers: the days whose daily jobs were queued."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyRun(models.Model):
    """One row per day: the unique day makes several workers queue the daily jobs once."""

    day = models.DateField(_("day"), unique=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")

    def __str__(self) -> str:
        return self.day.isoformat()
