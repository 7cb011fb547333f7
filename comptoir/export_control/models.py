"""Export control: the EU restrictive measures per country, the dual-use control list number
of each product, the export licences and what each shipment takes from them.

The rules (coverage of a licence, what is left, a measure matching a CN code) are pure in
:mod:`comptoir.trade.export_control`; these records keep the facts the company enters.
Countries, control numbers and CN codes are kept as space-separated lists of codes, as the
legal texts list them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
POSITIVE = [MinValueValidator(Decimal("0.001"))]


def codes(text: str) -> list[str]:
    """A stored list of codes ("RU BY") as a list."""
    return [code for code in text.split() if code]


class CountryMeasure(models.Model):
    """An EU restrictive measure (art. 215 TFEU) the company applies to a destination."""

    class Kind(models.TextChoices):
        FULL_EMBARGO = "full_embargo", _("Full embargo (no export)")
        ARMS_EMBARGO = "arms_embargo", _("Arms embargo")
        SECTORAL = "sectoral", _("Sectoral restrictions (listed goods)")

    country = models.CharField(_("country"), max_length=2, db_index=True)
    kind = models.CharField(_("kind of measure"), max_length=14, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=200,
        help_text=_("The Council regulation and its article or annex, e.g. Reg. (EU) 833/2014."),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    cn_prefixes = models.TextField(
        _("CN codes concerned"),
        blank=True,
        help_text=_(
            "Chapters, headings or codes (2 to 8 digits) separated by spaces. The goods whose "
            "CN code starts with one of them are refused. Empty for a full embargo."
        ),
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    source_url = models.URLField(_("official text"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "kind", "pk"]
        verbose_name = _("country measure")
        verbose_name_plural = _("country measures")

    def __str__(self) -> str:
        return f"{self.country} — {self.title_en}"

    def get_absolute_url(self) -> str:
        return reverse("export_control:measure_detail", args=[self.pk])

    def title(self, language: str) -> str:
        return self.title_fr if language.startswith("fr") and self.title_fr else self.title_en

    def description(self, language: str) -> str:
        if language.startswith("fr") and self.description_fr:
            return self.description_fr
        return self.description_en

    @property
    def prefixes(self) -> list[str]:
        return codes(self.cn_prefixes)


class DualUseClassification(models.Model):
    """A product's place in Annex I of Regulation (EU) 2021/821, or the finding that it is
    not listed (kept, so the page says who checked and when)."""

    product = models.OneToOneField(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="dual_use",
    )
    control_number = models.CharField(
        _("control list number"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("Annex I of Regulation (EU) 2021/821, e.g. 5A002.a. Empty: not listed."),
    )
    annex_iv = models.BooleanField(
        _("listed in Annex IV"),
        default=False,
        help_text=_("Annex IV items need a licence even to another EU country."),
    )
    basis = models.TextField(
        _("basis of the classification"),
        blank=True,
        help_text=_("Technical data checked, manufacturer's statement, ruling..."),
    )
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("classified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    classified_on = models.DateField(_("classified on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dual-use classification")
        verbose_name_plural = _("dual-use classifications")

    def __str__(self) -> str:
        return self.control_number or "—"

    @property
    def is_controlled(self) -> bool:
        return bool(self.control_number)


class Licence(models.Model):
    """An export authorisation for dual-use items (Reg. (EU) 2021/821 art. 12)."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual licence")
        GLOBAL = "global", _("Global licence")
        NATIONAL_GENERAL = "national_general", _("National general authorisation")
        EU_GENERAL = "eu_general", _("Union general export authorisation (EU001-EU008)")

    number = models.CharField(_("licence number"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    eu_authorisation = models.CharField(
        _("Union general authorisation"),
        max_length=5,
        blank=True,
        help_text=_("EU001 to EU008, for a Union general export authorisation."),
    )
    authority = models.CharField(
        _("issuing authority"),
        max_length=120,
        default="SBDU",
        help_text=_("In France the SBDU (service des biens à double usage)."),
    )
    countries = models.TextField(
        _("countries of destination"), help_text=_("Country codes separated by spaces.")
    )
    control_numbers = models.TextField(
        _("control numbers covered"),
        blank=True,
        help_text=_("Annex I entries separated by spaces; 5A002 covers 5A002.a.1."),
    )
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("products covered"), blank=True, related_name="+"
    )
    end_users = models.ManyToManyField(
        "parties.Company",
        verbose_name=_("end users"),
        blank=True,
        related_name="+",
        help_text=_("Empty: any end user in the countries."),
    )
    end_use = models.CharField(_("stated end use"), max_length=300, blank=True)
    quantity_limit = models.DecimalField(
        _("quantity authorised"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    value_limit = models.DecimalField(
        _("value authorised"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: no end date.")
    )
    suspended = models.BooleanField(_("suspended or revoked"), default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Gets the task before the licence expires."),
    )
    notes = models.TextField(_("notes"), blank=True)
    expiry_task = models.ForeignKey(
        "parties.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[products, end_users])

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = _("export licence")
        verbose_name_plural = _("export licences")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="licence_valid_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("export_control:licence_detail", args=[self.pk])

    @property
    def country_list(self) -> list[str]:
        return codes(self.countries)

    @property
    def control_number_list(self) -> list[str]:
        return codes(self.control_numbers)


class Allocation(models.Model):
    """What one shipment line takes from a licence (quantity, and value in the licence's
    currency)."""

    licence = models.ForeignKey(
        Licence, verbose_name=_("licence"), on_delete=models.PROTECT, related_name="allocations"
    )
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    shipment_line = models.OneToOneField(
        "shipping.ShipmentLine",
        verbose_name=pgettext_lazy("shipment", "line"),
        on_delete=models.CASCADE,
        related_name="licence_allocation",
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=3, validators=POSITIVE
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["shipment_id", "shipment_line__position", "pk"]
        verbose_name = _("licence allocation")
        verbose_name_plural = _("licence allocations")

    def __str__(self) -> str:
        return f"{self.licence} ← {self.quantity}"


__all__ = ["Allocation", "CountryMeasure", "DualUseClassification", "Licence", "codes"]
