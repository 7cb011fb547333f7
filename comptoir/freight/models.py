"""Freight quotes and the carrier choice: requests for quotation sent to carriers and
forwarders, their quotes as they come, the choice with its reason, the provider's invoice
checked against the accepted quote.

A request belongs to one shipment and is sent to several providers (one recipient row each,
with the date it was sent). A quote has price lines, each in its own currency (an ocean
freight in USD beside terminal charges in EUR is the usual case), its transit time, its
validity and a service grade entered by the user. The comparison converts every line to EUR
at one dated rate and scores the quotes (``selectors.comparison``); the choice names the
carrier or forwarder on the shipment through ``shipping.services.set_providers``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ChargeKind(models.TextChoices):
    """The usual headings of a freight quote and of a forwarder's invoice."""

    PRE_CARRIAGE = "pre_carriage", _("Pre-carriage (pick-up to port or airport)")
    ORIGIN_CHARGES = "origin_charges", _("Terminal handling at origin (THC)")
    MAIN_CARRIAGE = "main_carriage", _("Main carriage (sea, air or road freight)")
    BAF = "baf", _("Bunker surcharge (BAF)")
    CAF = "caf", _("Currency surcharge (CAF)")
    SECURITY = "security", _("Security and other surcharges")
    DESTINATION_CHARGES = "destination_charges", _("Terminal handling at destination")
    ON_CARRIAGE = "on_carriage", _("On-carriage (to the consignee)")
    CUSTOMS = "customs", _("Customs clearance")
    DOCUMENTATION = "documentation", _("Documentation fees")
    INSURANCE = "insurance", _("Cargo insurance")
    DANGEROUS_GOODS = "dangerous_goods", _("Dangerous goods surcharge")
    OTHER = "other", _("Other")


class FreightRequest(models.Model):
    """A request for quotation (RFQ) for the carriage of one shipment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        DECIDED = "decided", _("Provider chosen")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.PROTECT,
        related_name="freight_requests",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reply_by = models.DateField(_("answers expected by"))
    ready_on = models.DateField(_("goods ready on"), null=True, blank=True)
    services_asked = models.TextField(
        _("services asked"),
        blank=True,
        help_text=_("E.g. pick-up in Thiers, export clearance, sea freight to Casablanca port."),
    )
    instructions = models.TextField(_("remarks to the providers"), blank=True)
    # The weights of the comparison (only their ratios matter; shown as they are).
    weight_cost = models.PositiveSmallIntegerField(_("weight of the cost"), default=40)
    weight_transit = models.PositiveSmallIntegerField(_("weight of the transit time"), default=25)
    weight_reliability = models.PositiveSmallIntegerField(_("weight of reliability"), default=20)
    weight_service = models.PositiveSmallIntegerField(_("weight of the service"), default=15)
    chosen_quote = models.ForeignKey(
        "freight.Quote",
        verbose_name=_("quote chosen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    choice_reason = models.TextField(_("reason for the choice"), blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    chosen_at = models.DateTimeField(_("chosen on"), null=True, blank=True)
    #: The day of the exchange rates the choice was made at (the comparison keeps it).
    rate_day = models.DateField(_("rates of"), null=True, blank=True)
    #: The winner's score and rank when chosen, as the table showed them.
    chosen_score = models.DecimalField(
        _("score when chosen"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    chosen_rank = models.PositiveSmallIntegerField(_("rank when chosen"), null=True, blank=True)
    booking_sent_at = models.DateTimeField(_("booking sent on"), null=True, blank=True)
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
        ordering = ["-created_at", "-pk"]
        verbose_name = _("freight request")
        verbose_name_plural = _("freight requests")

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("freight:request_detail", args=[self.pk])

    @property
    def weights(self) -> dict[str, int]:
        return {
            "cost": self.weight_cost,
            "transit": self.weight_transit,
            "reliability": self.weight_reliability,
            "service": self.weight_service,
        }


class Recipient(models.Model):
    """A carrier or forwarder asked for a quote, and when the request went to them."""

    request = models.ForeignKey(FreightRequest, on_delete=models.CASCADE, related_name="recipients")
    provider = models.ForeignKey(
        "parties.Company",
        verbose_name=_("carrier or forwarder"),
        on_delete=models.PROTECT,
        related_name="freight_requests_received",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mail left on"), null=True, blank=True)
    informed_at = models.DateTimeField(_("informed of the choice on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "provider"], name="freight_recipient_once_per_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} → {self.provider}"


class Quote(models.Model):
    """A provider's answer: price lines, transit time, validity, conditions."""

    request = models.ForeignKey(FreightRequest, on_delete=models.CASCADE, related_name="quotes")
    provider = models.ForeignKey(
        "parties.Company",
        verbose_name=_("carrier or forwarder"),
        on_delete=models.PROTECT,
        related_name="freight_quotes",
    )
    reference = models.CharField(_("their reference"), max_length=60, blank=True)
    received_on = models.DateField(_("received on"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    transit_days = models.PositiveSmallIntegerField(
        _("transit time (days)"), validators=[MaxValueValidator(365)]
    )
    valid_until = models.DateField(_("valid until"))
    conditions = models.TextField(_("conditions and remarks"), blank=True)
    service_grade = models.PositiveSmallIntegerField(
        _("service grade (0-10)"),
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_(
            "Your grade of the service offered: contact, tracking, flexibility, documents."
        ),
    )
    carrier_name = models.CharField(
        _("actual carrier (shipping line, airline)"), max_length=120, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("freight quote")
        verbose_name_plural = _("freight quotes")

    def __str__(self) -> str:
        return f"{self.provider} {self.reference}".strip()

    def get_absolute_url(self) -> str:
        return reverse("freight:request_detail", args=[self.request_id]) + f"#quote-{self.pk}"

    def currencies(self) -> set[str]:
        return {line.currency for line in self.lines.all()}


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("charge"), max_length=24, choices=ChargeKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency}"


class ProviderInvoice(models.Model):
    """The carrier's or forwarder's invoice for the shipment, checked against the accepted
    quote line by line before it goes to accounting for payment."""

    class Status(models.TextChoices):
        TO_CHECK = "to_check", _("To check")
        ACCEPTED = "accepted", _("Accepted")
        DISPUTED = "disputed", _("Disputed")

    request = models.ForeignKey(
        FreightRequest,
        verbose_name=_("freight request"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    quote = models.ForeignKey(
        Quote,
        verbose_name=_("accepted quote"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    provider = models.ForeignKey(
        "parties.Company",
        verbose_name=_("carrier or forwarder"),
        on_delete=models.PROTECT,
        related_name="freight_invoices",
    )
    number = models.CharField(_("invoice number"), max_length=40)
    invoice_date = models.DateField(_("invoice date"))
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TO_CHECK, db_index=True
    )
    notes = models.TextField(_("notes"), blank=True)
    #: Whether the check found a difference (kept for the KPIs, set at every save).
    has_differences = models.BooleanField(_("differences found"), default=False)
    difference_eur = models.DecimalField(
        _("difference (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked on"), null=True, blank=True)
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-invoice_date", "-pk"]
        verbose_name = _("carrier invoice")
        verbose_name_plural = _("carrier invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "number"], name="freight_invoice_number_once_per_provider"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("freight:invoice_detail", args=[self.pk])


class ProviderInvoiceLine(models.Model):
    invoice = models.ForeignKey(ProviderInvoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("charge"), max_length=24, choices=ChargeKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


__all__ = [
    "ChargeKind",
    "FreightRequest",
    "ProviderInvoice",
    "ProviderInvoiceLine",
    "Quote",
    "QuoteLine",
    "Recipient",
]
