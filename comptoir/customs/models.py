"""Customs: the company's tariff table, import declarations checked against the broker's,
export declarations with their proof of exit, ATA carnets and the other special procedures.

The arithmetic lives in the trade core (:mod:`comptoir.trade.import_duties`,
:mod:`comptoir.trade.mrn`, :mod:`comptoir.trade.special_procedures`); the records keep
what the user entered and the figures computed from it, so lists and exports read them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))]


def _money(label: Any, **extra: Any) -> Any:
    """A money field in EUR or the stated currency: 14 digits, 2 decimals, not negative."""
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, validators=NOT_NEGATIVE, **extra
    )


class RateKind(models.TextChoices):
    THIRD_COUNTRY = "third_country", _("Third-country duty (erga omnes)")
    PREFERENTIAL = "preferential", _("Preferential duty (trade agreement)")
    ANTI_DUMPING = "anti_dumping", _("Anti-dumping duty")
    COUNTERVAILING = "countervailing", _("Countervailing duty")


class SpecificUnit(models.TextChoices):
    KG = "kg", _("per kg net")
    HUNDRED_KG = "100kg", _("per 100 kg net")
    TONNE = "tonne", _("per tonne net")
    ITEM = "item", _("per item (p/st)")
    PAIR = "pair", _("per pair")
    LITRE = "litre", _("per litre")
    M2 = "m2", _("per m²")


class TariffRate(models.Model):
    """One rate of the tariff table the company keeps for the goods it imports."""

    code = models.CharField(
        _("CN code"),
        max_length=10,
        db_index=True,
        help_text=_("8 digits, or a shorter heading that applies to every code under it."),
    )
    kind = models.CharField(_("kind of rate"), max_length=16, choices=RateKind.choices)
    origin = models.CharField(
        _("origin"), max_length=2, blank=True, help_text=_("Empty: every origin (erga omnes).")
    )
    agreement = models.CharField(
        _("trade agreement"),
        max_length=20,
        blank=True,
        help_text=_("For a preferential rate: EU-UK, EU-JP, CETA, EU-KR, CH, MA…"),
    )
    producer = models.CharField(
        _("producer"),
        max_length=120,
        blank=True,
        help_text=_(
            "Anti-dumping: the producer named in the regulation (or its TARIC additional "
            "code); empty: all other companies."
        ),
    )
    ad_valorem_pct = models.DecimalField(
        _("ad valorem (%)"), max_digits=7, decimal_places=3, default=Decimal(0), validators=PERCENT
    )
    specific_amount = models.DecimalField(
        _("specific duty (EUR)"),
        max_digits=12,
        decimal_places=4,
        default=Decimal(0),
        validators=NOT_NEGATIVE,
    )
    specific_unit = models.CharField(
        _("per"), max_length=6, choices=SpecificUnit.choices, blank=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("TARIC consultation, regulation, binding tariff information…"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "kind", "origin", "agreement", "producer", "valid_from"]
        verbose_name = _("tariff rate")
        verbose_name_plural = _("tariff rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="tariff_rate_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()} {self.origin or 'erga omnes'}"


class VatRate(models.TextChoices):
    STANDARD = "20", _("20 % (standard)")
    INTERMEDIATE = "10", _("10 %")
    REDUCED = "5.5", _("5.5 %")
    SUPER_REDUCED = "2.1", _("2.1 %")
    EXEMPT = "0", _("0 % (exempt)")


class ImportEntry(models.Model):
    """An import declaration: our computation of the duties and import VAT, and the
    customs broker's figures to check against it."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("import entry status", "To check")
        CHECKED = "checked", _("Checked")
        DISPUTED = "disputed", _("Disputed with the broker")

    number = models.CharField(_("number"), max_length=20, unique=True)
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_entries",
    )
    supplier = models.ForeignKey(
        "parties.Company",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    broker = models.ForeignKey(
        "parties.Company",
        verbose_name=_("customs broker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invoice_reference = models.CharField(_("supplier's invoice"), max_length=60, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, blank=True)
    declared_on = models.DateField(
        _("declaration date"), help_text=_("The tariff and the rate of this day apply.")
    )
    currency = models.CharField(_("invoice currency"), max_length=3, default="EUR")
    exchange_rate = models.DecimalField(
        _("customs exchange rate"),
        max_digits=14,
        decimal_places=6,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_("Units of the invoice currency for 1 EUR (the customs rate of the month)."),
    )
    rate_date = models.DateField(_("rate of"), null=True, blank=True)
    freight_to_border = _money(_("freight to the EU border (EUR)"), default=Decimal(0))
    insurance_to_border = _money(_("insurance to the EU border (EUR)"), default=Decimal(0))
    transport_to_destination = _money(
        _("transport from the border to the first destination (EUR)"),
        default=Decimal(0),
        help_text=_("Paid on top of the invoice: not in the customs value, in the VAT base."),
    )
    postponed_vat = models.BooleanField(
        _("postponed VAT accounting (autoliquidation)"),
        default=True,
        help_text=_("CGI art. 1695 II: the import VAT goes on the CA3, not paid to customs."),
    )
    vat_recoverable = models.BooleanField(_("import VAT recoverable"), default=True)
    broker_fees = _money(_("broker's fees excl. VAT (EUR)"), default=Decimal(0))
    tolerance = _money(
        _("tolerance per line (EUR)"),
        default=Decimal("1.00"),
        help_text=_("A difference up to this amount is a rounding, not an error."),
    )
    # the broker's declaration (DAU / H1)
    mrn = models.CharField(_("MRN"), max_length=18, blank=True)
    broker_declared_on = models.DateField(_("accepted by customs on"), null=True, blank=True)
    broker_customs_value = _money(_("broker: customs value"), null=True, blank=True)
    broker_duty = _money(_("broker: duty"), null=True, blank=True)
    broker_anti_dumping = _money(_("broker: anti-dumping duty"), null=True, blank=True)
    broker_vat = _money(_("broker: import VAT"), null=True, blank=True)
    # our computation (recomputed on each change)
    customs_value = _money(_("customs value"), default=Decimal(0))
    duty = _money(_("duty"), default=Decimal(0))
    anti_dumping = _money(_("anti-dumping duty"), default=Decimal(0))
    other_taxes = _money(_("other taxes"), default=Decimal(0))
    vat = _money(_("import VAT"), default=Decimal(0))
    cash_to_customs = _money(_("paid to customs"), default=Decimal(0))
    landed_cost = _money(_("landed cost"), default=Decimal(0))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_note = models.TextField(_("check note"), blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-declared_on", "-pk"]
        verbose_name = _("import declaration")
        verbose_name_plural = _("import declarations")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("customs:import_detail", args=[self.pk])

    @property
    def total_duties(self) -> Decimal:
        return Decimal(self.duty) + Decimal(self.anti_dumping)

    @property
    def has_broker_figures(self) -> bool:
        return (
            any(
                v is not None
                for v in (
                    self.broker_customs_value,
                    self.broker_duty,
                    self.broker_anti_dumping,
                    self.broker_vat,
                )
            )
            or self.lines.filter(
                Q(broker_customs_value__isnull=False)
                | Q(broker_duty__isnull=False)
                | Q(broker_vat__isnull=False)
                | Q(broker_anti_dumping__isnull=False)
            ).exists()
        )


class ImportLine(models.Model):
    """One item of the import declaration."""

    entry = models.ForeignKey(ImportEntry, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("item"), default=1)
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=300)
    cn_code = models.CharField(_("CN code"), max_length=10)
    origin = models.CharField(_("origin"), max_length=2)
    agreement = models.CharField(_("preference claimed"), max_length=20, blank=True)
    proof_of_origin = models.CharField(
        _("proof of origin"),
        max_length=120,
        blank=True,
        help_text=_("Statement on origin, EUR.1, REX… and its reference."),
    )
    producer = models.CharField(_("producer"), max_length=120, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    net_mass_kg = models.DecimalField(
        _("net mass (kg)"),
        max_digits=12,
        decimal_places=3,
        default=Decimal(0),
        validators=NOT_NEGATIVE,
    )
    invoice_amount = _money(_("invoice value"))
    additions = _money(
        _("additions (EUR)"),
        default=Decimal(0),
        help_text=_("Commissions other than buying, royalties, assists, packing (UCC art. 71)."),
    )
    transport_after_border_in_price = _money(
        _("transport after the border in the price (EUR)"),
        default=Decimal(0),
        help_text=_("Shown separately on the invoice: deducted (UCC art. 72(a))."),
    )
    other_deductions = _money(
        _("other deductions (EUR)"),
        default=Decimal(0),
        help_text=_("Buying commissions, interest, assembly after import (UCC art. 72)."),
    )
    other_taxes = _money(_("other taxes (EUR)"), default=Decimal(0))
    vat_rate = models.CharField(
        _("VAT rate"), max_length=4, choices=VatRate.choices, default=VatRate.STANDARD
    )
    # the rates applied (from the tariff table, or typed over it)
    duty_pct = models.DecimalField(
        _("duty (%)"), max_digits=7, decimal_places=3, default=Decimal(0), validators=PERCENT
    )
    specific_amount = models.DecimalField(
        _("specific duty (EUR)"),
        max_digits=12,
        decimal_places=4,
        default=Decimal(0),
        validators=NOT_NEGATIVE,
    )
    specific_unit = models.CharField(
        _("per"), max_length=6, choices=SpecificUnit.choices, blank=True
    )
    anti_dumping_pct = models.DecimalField(
        _("anti-dumping (%)"),
        max_digits=7,
        decimal_places=3,
        default=Decimal(0),
        validators=PERCENT,
    )
    rates_from_tariff = models.BooleanField(_("rates from the tariff table"), default=True)
    preference_applied = models.BooleanField(_("preference applied"), default=False)
    tariff_notes = models.TextField(_("tariff notes"), blank=True)
    # computed
    freight_share = _money(_("freight share"), default=Decimal(0))
    insurance_share = _money(_("insurance share"), default=Decimal(0))
    customs_value = _money(_("customs value"), default=Decimal(0))
    duty = _money(_("duty"), default=Decimal(0))
    anti_dumping = _money(_("anti-dumping duty"), default=Decimal(0))
    vat_base = _money(_("VAT base"), default=Decimal(0))
    vat = _money(_("import VAT"), default=Decimal(0))
    landed_cost = _money(_("landed cost"), default=Decimal(0))
    landed_cost_per_unit = _money(_("landed cost per unit"), default=Decimal(0))
    # the broker's figures for this item
    broker_customs_value = _money(_("broker: customs value"), null=True, blank=True)
    broker_duty = _money(_("broker: duty"), null=True, blank=True)
    broker_anti_dumping = _money(_("broker: anti-dumping duty"), null=True, blank=True)
    broker_vat = _money(_("broker: import VAT"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["entry", "position", "pk"]
        verbose_name = _("import declaration line")
        verbose_name_plural = _("import declaration lines")
        constraints = [
            models.UniqueConstraint(fields=["entry", "position"], name="import_line_position")
        ]

    def __str__(self) -> str:
        return f"{self.entry} / {self.position}"


def proof_path(instance: ExportDeclaration, filename: str) -> str:
    """Under MEDIA_ROOT (private): customs/exports/<random>.<ext>; the user's name is kept in
    the row only."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"customs/exports/{uuid4().hex}{suffix}"


class ExitEvidence(models.TextChoices):
    EXIT_NOTICE = "exit_notice", _("ECS exit notice (IE599, « visa de sortie »)")
    ALTERNATIVE = "alternative", _("Alternative proof (transport document, customs stamp abroad)")


class ExportDeclaration(models.Model):
    """An export declaration of a shipment and its proof of exit, which justifies the
    VAT exemption of the sale (CGI art. 262 I; Directive 2006/112/EC art. 146)."""

    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.PROTECT,
        related_name="export_declarations",
    )
    mrn = models.CharField(_("MRN"), max_length=18, unique=True)
    office_of_export = models.CharField(_("office of export"), max_length=8)
    office_of_exit = models.CharField(_("office of exit"), max_length=8, blank=True)
    declared_on = models.DateField(_("declaration date"), db_index=True)
    invoice_reference = models.CharField(_("invoice"), max_length=60, blank=True)
    exit_confirmed_on = models.DateField(_("exit confirmed on"), null=True, blank=True)
    exit_evidence = models.CharField(
        _("proof of exit"), max_length=12, choices=ExitEvidence.choices, blank=True
    )
    proof_file = models.FileField(
        _("proof document"), upload_to=proof_path, max_length=200, blank=True
    )
    proof_name = models.CharField(_("file name"), max_length=200, blank=True)
    proof_content_type = models.CharField(_("type"), max_length=60, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    task = models.ForeignKey(
        "parties.Task",
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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
        ordering = ["-declared_on", "-pk"]
        verbose_name = _("export declaration")
        verbose_name_plural = _("export declarations")

    def __str__(self) -> str:
        return self.mrn

    def get_absolute_url(self) -> str:
        return reverse("customs:export_detail", args=[self.pk])

    @property
    def exited(self) -> bool:
        return self.exit_confirmed_on is not None


class CarnetPurpose(models.TextChoices):
    EXHIBITION = "exhibition", _("Fair or exhibition")
    PROFESSIONAL = "professional", _("Professional equipment")
    SAMPLES = "samples", _("Commercial samples")


class Carnet(models.Model):
    """An ATA carnet: goods that travel abroad and come back without duty or guarantee."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("carnet status", "Open")
        CLOSED = "closed", _("Closed (every item back)")
        CLAIMED = "claimed", _("Items not back: regularise")

    number = models.CharField(_("carnet number"), max_length=30, unique=True)
    issuing_chamber = models.CharField(_("issuing chamber of commerce"), max_length=120)
    holder = models.CharField(_("holder"), max_length=200)
    representative = models.CharField(_("authorised representative"), max_length=200, blank=True)
    purpose = models.CharField(_("intended use"), max_length=14, choices=CarnetPurpose.choices)
    event = models.CharField(_("event"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    vouchers_bought = models.PositiveSmallIntegerField(
        _("vouchers bought"),
        default=0,
        help_text=_("Foreign vouchers (import, re-export, transit)."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    task = models.ForeignKey(
        "parties.Task",
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("ATA carnet")
        verbose_name_plural = _("ATA carnets")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("customs:carnet_detail", args=[self.pk])


class CarnetItem(models.Model):
    """A line of the carnet's general list, and how much of it came back."""

    carnet = models.ForeignKey(Carnet, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("item"))
    description = models.CharField(_("description"), max_length=300)
    marks = models.CharField(_("marks and serial numbers"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=12,
        decimal_places=3,
        default=Decimal(0),
        validators=NOT_NEGATIVE,
    )
    value = _money(_("value (EUR)"))
    origin = models.CharField(_("origin"), max_length=2)
    returned_quantity = models.DecimalField(
        _("quantity back"),
        max_digits=12,
        decimal_places=3,
        default=Decimal(0),
        validators=NOT_NEGATIVE,
    )
    returned_on = models.DateField(_("back on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["carnet", "position"]
        verbose_name = _("carnet item")
        verbose_name_plural = _("carnet items")
        constraints = [
            models.UniqueConstraint(fields=["carnet", "position"], name="carnet_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.carnet} / {self.position}"

    @property
    def missing(self) -> Decimal:
        return max(self.quantity - self.returned_quantity, Decimal(0))


class CarnetVisit(models.Model):
    """A country the goods went to under the carnet, with the vouchers used."""

    carnet = models.ForeignKey(Carnet, on_delete=models.CASCADE, related_name="visits")
    country = models.CharField(_("country"), max_length=2)
    entered_on = models.DateField(_("entered on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    vouchers_used = models.PositiveSmallIntegerField(_("vouchers used"), default=2)
    office = models.CharField(_("customs office"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["carnet", "entered_on", "pk"]
        verbose_name = _("carnet visit")
        verbose_name_plural = _("carnet visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("entered_on")),
                name="carnet_visit_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.carnet} {self.country} {self.entered_on}"


class ProcedureKind(models.TextChoices):
    REPAIR = "repair", _("Temporary export for repair (outward processing)")
    EXHIBITION = "exhibition", _("Temporary export for an exhibition")
    RETURNED_GOODS = "returned_goods", _("Returned goods (relief, UCC art. 203)")
    SAMPLES = "samples", _("Samples without commercial value")


class SpecialProcedure(models.Model):
    """Goods that leave under a special procedure and are expected back (or sent free)."""

    kind = models.CharField(_("procedure"), max_length=16, choices=ProcedureKind.choices)
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(_("goods"), max_length=300)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    value = _money(_("value (EUR)"))
    country = models.CharField(_("country"), max_length=2)
    export_mrn = models.CharField(_("MRN of the export"), max_length=18, blank=True)
    exported_on = models.DateField(_("exported on"))
    expected_return_on = models.DateField(_("expected back by"), null=True, blank=True)
    returned_on = models.DateField(_("back on"), null=True, blank=True)
    return_document = models.CharField(
        _("return document"),
        max_length=120,
        blank=True,
        help_text=_("INF 3, re-import declaration MRN…"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    task = models.ForeignKey(
        "parties.Task",
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-exported_on", "-pk"]
        verbose_name = _("special procedure")
        verbose_name_plural = _("special procedures")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.description}"

    @property
    def overdue(self) -> bool:
        from comptoir.common.dates import today

        return (
            self.returned_on is None
            and self.expected_return_on is not None
            and self.expected_return_on < today()
        )


__all__ = [
    "Carnet",
    "CarnetItem",
    "CarnetPurpose",
    "CarnetVisit",
    "ExitEvidence",
    "ExportDeclaration",
    "ImportEntry",
    "ImportLine",
    "ProcedureKind",
    "RateKind",
    "SpecialProcedure",
    "SpecificUnit",
    "TariffRate",
    "VatRate",
]
