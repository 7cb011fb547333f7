"""Origin of goods: the trade agreements the company exports under, each product's
preferential origin per agreement, and the suppliers' declarations behind them.

A product's non-preferential origin stays ``catalog.Product.origin_country``.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.catalog.models import Product
from comptoir.parties.models import Company
from comptoir.trade import origin as rules


class ExporterNumber(models.TextChoices):
    REX = rules.REX, _("registered exporter (REX) number")
    APPROVED = rules.APPROVED, _("approved exporter authorisation")


class Agreement(models.Model):
    """A trade agreement (or convention) giving preferential origin, as its origin protocol
    sets the proof: who may make out the statement on origin, up to which value, in which
    words, and which certificate replaces it."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    partners = models.JSONField(
        _("partner countries"), default=list, help_text=_("ISO codes, e.g. GB, JP, CA.")
    )
    statement = models.BooleanField(_("statement on origin on the invoice"), default=True)
    statement_title_en = models.CharField(
        _("name of the statement (English)"), max_length=80, default="Statement on origin"
    )
    statement_title_fr = models.CharField(
        _("name of the statement (French)"), max_length=80, default="Déclaration d'origine"
    )
    wording_en = models.TextField(_("wording (English)"), blank=True)
    wording_fr = models.TextField(_("wording (French)"), blank=True)
    eur1 = models.BooleanField(_("EUR.1 certificate"), default=False)
    eur_med = models.BooleanField(_("EUR-MED certificate"), default=False)
    exporter_number = models.CharField(
        _("number above the threshold"),
        max_length=10,
        choices=ExporterNumber.choices,
        default=ExporterNumber.REX,
    )
    threshold_eur = models.DecimalField(
        _("statement by any exporter up to (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=rules.DEFAULT_THRESHOLD_EUR,
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        default=100,
        help_text=_("Lower first, when several agreements cover a country."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    active = models.BooleanField(_("in force"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "name"]
        verbose_name = _("trade agreement")
        verbose_name_plural = _("trade agreements")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("origin:agreement_detail", args=[self.pk])

    def proofs(self) -> list[str]:
        names = []
        if self.statement:
            names.append(self.statement_title_en)
        if self.eur1:
            names.append("EUR.1")
        if self.eur_med:
            names.append("EUR-MED")
        return names

    def terms(self) -> rules.AgreementTerms:
        return rules.AgreementTerms(
            code=self.code,
            name=self.name,
            partners=frozenset(str(c).upper() for c in self.partners),
            wording={"en": self.wording_en, "fr": self.wording_fr},
            statement=self.statement,
            certificates=tuple(
                c for c, on in (("eur1", self.eur1), ("eur_med", self.eur_med)) if on
            ),
            exporter_number=self.exporter_number,
            threshold_eur=self.threshold_eur,
            priority=self.priority,
        )


class Basis(models.TextChoices):
    WHOLLY_OBTAINED = "wholly_obtained", _("wholly obtained")
    SUFFICIENT_PROCESSING = "sufficient_processing", _("sufficient processing")
    SUPPLIER_DECLARATIONS = "supplier_declarations", _("suppliers' declarations")
    CUMULATION = "cumulation", _("cumulation")


class ProductOrigin(models.Model):
    """A product's preferential origin under one agreement, and what it rests on."""

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="origins"
    )
    preferential = models.BooleanField(_("preferential origin"), default=True)
    origin = models.CharField(
        _("preferential origin"),
        max_length=2,
        default="EU",
        help_text=_("EU, or the partner country's ISO code."),
    )
    basis = models.CharField(_("basis"), max_length=24, choices=Basis.choices, blank=True)
    rule = models.CharField(
        _("rule met"),
        max_length=200,
        blank=True,
        help_text=_("The product-specific rule, e.g. CTH or MaxNOM 50 % (EXW)."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement__priority", "agreement__name"]
        verbose_name = _("preferential origin")
        verbose_name_plural = _("preferential origins")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "agreement"], name="origin_once_per_product_agreement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.agreement}"


def declaration_path(instance: SupplierDeclaration, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"origin/declarations/{uuid.uuid4().hex}{suffix}"


class SupplierDeclaration(models.Model):
    """A supplier's declaration on the origin of the products it delivers (Reg. (EU)
    2015/2447 art. 61-66; Annex 22-15 long-term, 22-16 without preferential origin)."""

    class Kind(models.TextChoices):
        LONG_TERM = "long_term", _("long-term (Annex 22-15)")
        SINGLE = "single", _("for one consignment (Annex 22-15)")
        NON_PREFERENTIAL = "non_preferential", _("without preferential origin (Annex 22-16)")

    supplier = models.ForeignKey(
        Company,
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    products = models.ManyToManyField(Product, verbose_name=_("products"), related_name="+")
    agreements = models.ManyToManyField(
        Agreement,
        verbose_name=_("agreements"),
        related_name="+",
        blank=True,
        help_text=_("The countries or agreements the declaration names."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LONG_TERM)
    preferential = models.BooleanField(_("preferential origin declared"), default=True)
    origin = models.CharField(_("origin declared"), max_length=2, default="EU")
    reference = models.CharField(_("supplier's reference"), max_length=80, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    received_on = models.DateField(_("received on"))
    file = models.FileField(_("file"), upload_to=declaration_path, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    reminder_opened = models.BooleanField(_("reminder opened"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        ordering = ["valid_to", "pk"]
        verbose_name = _("supplier's declaration")
        verbose_name_plural = _("suppliers' declarations")
        indexes = [models.Index(fields=["valid_to"])]

    def __str__(self) -> str:
        return f"{self.supplier} · {self.valid_from:%Y-%m-%d} → {self.valid_to:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("origin:declaration_detail", args=[self.pk])
