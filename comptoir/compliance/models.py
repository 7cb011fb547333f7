"""Sanctions lists and screening hits.

A :class:`ListVersion` is one official file imported (EU, UN, OFAC or UK): its publication
date, its hash and counts. Only the current version of each list has :class:`ListEntry` rows;
importing a newer file replaces them all at once. A :class:`Hit` ties a company or a contact
to a list entry (by the list and the entry's reference, so that it survives the next version)
with the score, the names that met and why; a person reviews it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Source(models.TextChoices):
    EU = "eu", _("EU consolidated financial sanctions list")
    UN = "un", _("UN Security Council consolidated list")
    OFAC = "ofac", _("US OFAC SDN list")
    UK = "uk", _("UK Sanctions List (FCDO)")


class EntryKind(models.TextChoices):
    PERSON = "person", _("Person")
    ENTITY = "entity", _("Entity")
    OTHER = "other", _("Other (ship, aircraft)")


class ListVersion(models.Model):
    source = models.CharField(_("list"), max_length=8, choices=Source.choices, db_index=True)
    file_format = models.CharField(_("format"), max_length=60)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    sha256 = models.CharField(_("file hash (SHA-256)"), max_length=64)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    name_count = models.PositiveIntegerField(_("names"), default=0)
    person_count = models.PositiveIntegerField(_("persons"), default=0)
    entity_count = models.PositiveIntegerField(_("entities"), default=0)
    is_current = models.BooleanField(_("current"), default=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "-imported_at"]
        verbose_name = _("sanctions list version")
        verbose_name_plural = _("sanctions list versions")
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=Q(is_current=True), name="one_current_list_version"
            )
        ]

    def __str__(self) -> str:
        day = self.published_on.isoformat() if self.published_on else "?"
        return f"{self.get_source_display()} ({day})"


class ListEntry(models.Model):
    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="entries")
    source = models.CharField(_("list"), max_length=8, choices=Source.choices)
    ref = models.CharField(_("reference"), max_length=60)
    kind = models.CharField(_("kind"), max_length=8, choices=EntryKind.choices)
    names = models.JSONField(_("names and aliases"), default=list)
    birth_dates = models.JSONField(_("dates of birth"), default=list)
    birth_years = models.JSONField(_("years of birth"), default=list)
    countries = models.JSONField(_("countries"), default=list)
    programmes = models.JSONField(_("programmes"), default=list)
    listed_on = models.DateField(_("listed on"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    fingerprint = models.CharField(max_length=32)

    class Meta:
        ordering = ["source", "ref"]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        constraints = [
            models.UniqueConstraint(fields=["version", "ref"], name="list_entry_unique_ref")
        ]
        indexes = [models.Index(fields=["source", "ref"])]

    def __str__(self) -> str:
        return f"{self.ref} {self.names[0] if self.names else ''}"

    @property
    def main_name(self) -> str:
        return str(self.names[0]) if self.names else ""


class HitStatus(models.TextChoices):
    OPEN = "open", _("To review")
    FALSE_POSITIVE = "false_positive", _("False positive")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("No longer matches")


class Hit(models.Model):
    """A possible match of one of our parties (a company or a contact) with a list entry."""

    company = models.ForeignKey(
        "parties.Company",
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    contact = models.ForeignKey(
        "parties.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    source = models.CharField(_("list"), max_length=8, choices=Source.choices)
    entry_ref = models.CharField(_("entry"), max_length=60)
    entry = models.ForeignKey(
        ListEntry,
        verbose_name=_("list entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hits",
    )
    entry_name = models.CharField(_("listed name"), max_length=300)
    entry_fingerprint = models.CharField(max_length=32)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    matched_name = models.CharField(_("our name"), max_length=300)
    listed_name = models.CharField(_("name on the list"), max_length=300)
    reasons = models.JSONField(_("why"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=HitStatus.choices, default=HitStatus.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("found on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("screening hit")
        verbose_name_plural = _("screening hits")
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False, contact__isnull=True)
                | Q(company__isnull=True, contact__isnull=False),
                name="hit_one_party",
            ),
            models.UniqueConstraint(
                fields=["company", "source", "entry_ref"],
                condition=Q(company__isnull=False),
                name="hit_company_entry_unique",
            ),
            models.UniqueConstraint(
                fields=["contact", "source", "entry_ref"],
                condition=Q(contact__isnull=False),
                name="hit_contact_entry_unique",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.party_name} ~ {self.entry_ref}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:hit_detail", args=[self.pk])

    @property
    def party_name(self) -> str:
        if self.contact_id and self.contact is not None:
            return f"{self.contact.first_name} {self.contact.last_name}".strip()
        return self.company.name if self.company is not None else ""
