"""Transport claims: one file per incident on a shipment, from the reserves at delivery to the
money recovered from the carrier and the cargo insurer.

The deadlines and the carrier's liability cap come from the trade core
(:func:`comptoir.trade.claims.claim`); the claim keeps the dates it computed so that lists,
statistics and tasks read them, and the page shows the steps again from the same facts.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
from uuid import uuid4

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Kind(models.TextChoices):
    LOSS = "loss", _("Loss (goods never delivered)")
    DAMAGE = "damage", pgettext_lazy("claim kind", "Damage")
    SHORTAGE = "shortage", _("Shortage (part missing)")
    DELAY = "delay", _("Delay")
    THEFT = "theft", _("Theft")


class Convention(models.TextChoices):
    CMR = "CMR", _("CMR (international road)")
    FR_DOMESTIC = "FR_DOMESTIC", _("French domestic road (contrat type général)")
    MONTREAL = "MONTREAL", _("Montreal Convention (air)")
    HAGUE_VISBY = "HAGUE_VISBY", _("Hague-Visby Rules (sea)")


class ReservesDocument(models.TextChoices):
    CMR = "cmr", _("CMR consignment note")
    CONSIGNMENT_NOTE = "consignment_note", _("Domestic consignment note (lettre de voiture)")
    DELIVERY_NOTE = "delivery_note", _("Delivery note / proof of delivery")
    AIR_WAYBILL = "awb", _("Air waybill")
    BILL_OF_LADING = "bl", _("Bill of lading / equipment interchange receipt")
    OTHER = "other", _("Other document")


class Claim(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("claim status", "Open")
        RESERVES_SENT = "reserves_sent", _("Reserves sent")
        CLAIM_SENT = "claim_sent", _("Claim sent")
        NEGOTIATION = "negotiation", _("In negotiation")
        SETTLED = "settled", _("Settled")
        REFUSED = "refused", _("Refused")
        CLOSED = "closed", pgettext_lazy("claim status", "Closed")
        TIME_BARRED = "time_barred", _("Time-barred")

    number = models.CharField(_("number"), max_length=20, unique=True)
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    carrier = models.ForeignKey(
        "parties.Company",
        verbose_name=_("carrier claimed against"),
        on_delete=models.PROTECT,
        related_name="transport_claims",
    )
    insurer = models.ForeignKey(
        "parties.Company",
        verbose_name=_("cargo insurer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    insurance_policy = models.CharField(_("insurance policy no."), max_length=60, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("what happened"), max_length=10, choices=Kind.choices)
    apparent = models.BooleanField(
        _("visible at delivery"),
        default=True,
        help_text=_("Damage or shortage that could be seen when the goods were delivered."),
    )
    description = models.TextField(_("facts"), help_text=_("What was found, where and when."))
    discovered_on = models.DateField(_("discovered on"))
    delivery_date = models.DateField(
        _("delivery date"),
        help_text=_("For goods never delivered: the date they should have been delivered."),
    )
    reserves_taken = models.BooleanField(_("reserves taken at delivery"), default=False)
    reserves_text = models.TextField(_("reserves written"), blank=True)
    reserves_date = models.DateField(_("reserves dated"), null=True, blank=True)
    reserves_document = models.CharField(
        _("reserves written on"), max_length=20, choices=ReservesDocument.choices, blank=True
    )
    convention = models.CharField(_("applicable rules"), max_length=12, choices=Convention.choices)
    convention_reason = models.CharField(_("why these rules"), max_length=300, blank=True)
    weight_affected_kg = models.DecimalField(
        _("gross weight lost or damaged (kg)"),
        max_digits=12,
        decimal_places=3,
        validators=NOT_NEGATIVE,
    )
    packages_affected = models.PositiveIntegerField(
        _("packages lost or damaged"), null=True, blank=True
    )
    consignment_weight_kg = models.DecimalField(
        _("gross weight of the consignment (kg)"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    notice_deadline = models.DateField(_("reserves / notice due by"), null=True, blank=True)
    time_bar_date = models.DateField(_("time bar"), db_index=True)
    sdr_rate = models.DecimalField(
        _("value of one SDR"),
        max_digits=14,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    sdr_rate_date = models.DateField(_("SDR rate of"), null=True, blank=True)
    sdr_rate_source = models.CharField(_("SDR rate from"), max_length=120, blank=True)
    liability_cap_sdr = models.DecimalField(
        _("carrier's limit (SDR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    liability_cap = models.DecimalField(
        _("carrier's limit"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    amount_claimed = models.DecimalField(
        _("amount claimed"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE
    )
    recovered_carrier = models.DecimalField(
        _("recovered from the carrier"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    recovered_insurer = models.DecimalField(
        _("recovered from the insurer"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    entered_time_barred = models.BooleanField(_("entered after the time bar"), default=False)
    late_reason = models.CharField(_("why it is recorded anyway"), max_length=300, blank=True)
    reserves_sent_on = models.DateField(_("reserves confirmed on"), null=True, blank=True)
    claim_sent_on = models.DateField(_("claim sent to the carrier on"), null=True, blank=True)
    insurer_claimed_on = models.DateField(_("claim sent to the insurer on"), null=True, blank=True)
    settled_on = models.DateField(_("settled or refused on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
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
        ordering = ["-created_at", "-pk"]
        verbose_name = _("transport claim")
        verbose_name_plural = _("transport claims")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_claimed__gte=0)
                & Q(recovered_carrier__gte=0)
                & Q(recovered_insurer__gte=0),
                name="claim_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("claims:claim_detail", args=[self.pk])

    @property
    def recovered(self) -> Decimal:
        return self.recovered_carrier + self.recovered_insurer

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


FINISHED = frozenset(
    {
        Claim.Status.SETTLED,
        Claim.Status.REFUSED,
        Claim.Status.CLOSED,
        Claim.Status.TIME_BARRED,
    }
)


def attachment_path(instance: ClaimAttachment, filename: str) -> str:
    """Under MEDIA_ROOT (var/media, private): claims/<claim id>/<random>.<ext>; the name the
    user gave is kept in the row, never used as a path."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"claims/{instance.claim_id}/{uuid4().hex}{suffix}"


class ClaimAttachment(models.Model):
    """A photo or a document of the claim (survey report, POD with reserves, invoice)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("claim attachment")
        verbose_name_plural = _("claim attachments")

    def __str__(self) -> str:
        return self.name


class ClaimDeadline(models.Model):
    """A deadline of the claim and the task that reminds the person handling it."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Written reserves / notice")
        TIME_BAR_SOON = "time_bar_soon", _("Time bar in two months")
        TIME_BAR = "time_bar", _("Time bar in two weeks")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=14, choices=Kind.choices)
    due_on = models.DateField(_("date"))
    remind_on = models.DateField(_("reminder on"))
    task = models.ForeignKey(
        "parties.Task",
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "kind"], name="claim_deadline_once")
        ]

    def __str__(self) -> str:
        return f"{self.claim} {self.kind} {self.due_on}"


__all__ = [
    "FINISHED",
    "Claim",
    "ClaimAttachment",
    "ClaimDeadline",
    "Convention",
    "Kind",
    "ReservesDocument",
]
