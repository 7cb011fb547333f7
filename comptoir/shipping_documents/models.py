"""The export document set of a shipment: each document issued (numbered, with a snapshot
of its key figures and its PDF) or received (the carrier's B/L, the certified certificate
of origin... with the figures they state), and the set's sending.

An issued document is never edited: a correction is a new version, and the older one is
marked replaced. The consistency check compares the snapshots (``figures``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.common.choices import Language


class Kind(models.TextChoices):
    COMMERCIAL_INVOICE = "commercial_invoice", _("Commercial invoice")
    PACKING_LIST = "packing_list", _("Packing list")
    SHIPPING_INSTRUCTIONS = "shipping_instructions", _("Shipping instructions")
    CMR = "cmr", _("CMR consignment note")
    BL_INSTRUCTIONS = "bl_instructions", _("Bill of lading instructions")
    BILL_OF_LADING = "bill_of_lading", _("Bill of lading")
    AWB_INSTRUCTIONS = "awb_instructions", _("Air waybill instructions")
    AIR_WAYBILL = "air_waybill", _("Air waybill")
    TRANSPORT_DOCUMENT = "transport_document", _("Transport document (rail, multimodal)")
    ORIGIN_REQUEST = "origin_request", _("Certificate of origin request")
    ORIGIN_CERTIFICATE = "origin_certificate", _("Certificate of origin (certified)")
    EUR1 = "eur1", _("EUR.1 / EUR-MED movement certificate")
    INSURANCE_REQUEST = "insurance_request", _("Insurance certificate request")
    INSURANCE_CERTIFICATE = "insurance_certificate", _("Insurance certificate")
    DANGEROUS_GOODS = "dangerous_goods", _("Dangerous goods declaration")


class SentTo(models.TextChoices):
    FORWARDER = "forwarder", _("forwarder")
    CARRIER = "carrier", _("carrier")
    BANK = "bank", _("bank")
    CLIENT = "client", _("client")
    INSURER = "insurer", _("insurer")
    CHAMBER = "chamber", _("chamber of commerce")
    CUSTOMS = "customs", _("customs broker")


class ShippingDocument(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        SENT = "sent", _("Sent")
        RECEIVED = "received", _("Received")
        REPLACED = "replaced", _("Replaced by a newer version")

    shipment = models.ForeignKey(
        "shipping.Shipment", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=24, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    number = models.CharField(_("number"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    # Documents others issue: their own number (B/L no., AWB no., certificate no.) and date.
    reference = models.CharField(_("their reference"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"))
    figures = models.JSONField(_("key figures as issued or received"), default=dict)
    pdf = models.BinaryField(_("PDF as issued"), null=True, blank=True, editable=False)
    sent_to = models.CharField(_("sent to"), max_length=10, choices=SentTo.choices, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["shipment", "kind", "-version"]
        verbose_name = _("shipping document")
        verbose_name_plural = _("shipping documents")
        constraints = [
            models.UniqueConstraint(
                fields=["shipment", "kind", "version"], name="shipping_document_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def current(self) -> bool:
        return self.status != self.Status.REPLACED

    def get_pdf_url(self) -> str:
        return reverse("shipping_documents:pdf", args=[self.pk])


class DocumentSet(models.Model):
    """The set of one shipment as a whole: sent (with an override by a manager when the
    documents did not agree, and the reason)."""

    shipment = models.OneToOneField(
        "shipping.Shipment", on_delete=models.CASCADE, related_name="document_set"
    )
    sent_on = models.DateField(_("set sent on"), null=True, blank=True)
    sent_to = models.CharField(_("sent to"), max_length=10, choices=SentTo.choices, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    override_reason = models.CharField(
        _("reason for sending a set that does not agree"), max_length=300, blank=True
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    override_at = models.DateTimeField(_("overridden"), null=True, blank=True)
    # The differences the manager accepted, as listed when the set was sent.
    override_differences = models.JSONField(_("differences accepted"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document set")
        verbose_name_plural = _("document sets")

    def __str__(self) -> str:
        return f"{self.shipment}"
