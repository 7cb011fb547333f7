"""Intra-EU supplies: the proof of transport per invoice, and the monthly declarations
(EMEBI, état récapitulatif) frozen when filed.

The rules are in ``comptoir.trade.intra_eu``; these models keep what the user received and
what was filed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.trade import intra_eu as rules


class DeclarantSettings(models.Model):
    """Our company as the declarant of the DEB-sur-le-web files (one record)."""

    nic = models.CharField(
        _("establishment NIC"),
        max_length=5,
        blank=True,
        help_text=_("The last five digits of the declaring establishment's SIRET."),
    )
    approval_number = models.CharField(
        _("customs approval number for file upload"),
        max_length=20,
        blank=True,
        help_text=_(
            "The number the customs give for sending XML files on DEB sur le web "
            "(numéro d'habilitation)."
        ),
    )
    department = models.CharField(
        _("department of departure/arrival"),
        max_length=3,
        blank=True,
        help_text=_("Where the goods leave from or arrive. Empty: our company's postcode."),
    )
    emebi_dispatches = models.BooleanField(
        _("selected for the EMEBI on dispatches"),
        default=True,
        help_text=_(
            "The customs told us to answer the survey for dispatches: the EMEBI file then "
            "includes the état récapitulatif."
        ),
    )
    emebi_arrivals = models.BooleanField(_("selected for the EMEBI on arrivals"), default=False)
    default_nature = models.CharField(
        _("usual nature of transaction"),
        max_length=2,
        default="11",
        choices=[(code, f"{code} {label}") for code, label in rules.NATURE_OF_TRANSACTION.items()],
    )
    proof_days = models.PositiveSmallIntegerField(
        _("proof expected within (days)"),
        default=30,
        help_text=_("An intra-EU invoice older than this without sufficient proof is listed."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intra-EU declarant")
        verbose_name_plural = _("intra-EU declarant")

    def __str__(self) -> str:
        return str(_("intra-EU declarant"))

    @classmethod
    def current(cls) -> DeclarantSettings:
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls()


class Transporter(models.TextChoices):
    SELLER = rules.Transporter.SELLER.value, _("We (or our carrier)")
    BUYER = rules.Transporter.BUYER.value, _("The buyer (or his carrier)")


class InvoiceProof(models.Model):
    """The proof of transport kept for one intra-EU invoice."""

    invoice = models.OneToOneField(
        "sales.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="intra_eu_proof",
    )
    transporter = models.CharField(
        _("who transports"), max_length=6, choices=Transporter.choices, default=Transporter.SELLER
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proof of intra-EU transport")
        verbose_name_plural = _("proofs of intra-EU transport")

    def __str__(self) -> str:
        return f"{self.invoice}"

    def get_absolute_url(self) -> str:
        return reverse("intra_eu:invoice_proof", args=[self.invoice_id])


class EvidenceKind(models.TextChoices):
    CMR = rules.EvidenceKind.CMR.value, _("(a) Signed CMR")
    BILL_OF_LADING = rules.EvidenceKind.BILL_OF_LADING.value, _("(a) Bill of lading")
    AIR_WAYBILL = rules.EvidenceKind.AIR_WAYBILL.value, _("(a) Air waybill")
    CARRIER_INVOICE = rules.EvidenceKind.CARRIER_INVOICE.value, _("(a) Carrier's invoice")
    INSURANCE = rules.EvidenceKind.INSURANCE.value, _("(b) Transport insurance policy")
    BANK_PAYMENT = (
        rules.EvidenceKind.BANK_PAYMENT.value,
        _("(b) Bank proof of payment of the transport"),
    )
    OFFICIAL_DOCUMENT = (
        rules.EvidenceKind.OFFICIAL_DOCUMENT.value,
        _("(b) Official document (e.g. notary) confirming the arrival"),
    )
    WAREHOUSE_RECEIPT = (
        rules.EvidenceKind.WAREHOUSE_RECEIPT.value,
        _("(b) Warehouse receipt in the country of arrival"),
    )
    BUYER_STATEMENT = (
        rules.EvidenceKind.BUYER_STATEMENT.value,
        _("Buyer's written statement of transport"),
    )


class Evidence(models.Model):
    """One item of evidence received, with its file (PDF or picture, bounded)."""

    proof = models.ForeignKey(InvoiceProof, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("document"), max_length=20, choices=EvidenceKind.choices)
    reference = models.CharField(_("document number"), max_length=80, blank=True)
    issuer = models.CharField(
        _("issued by"),
        max_length=120,
        help_text=_("The carrier, insurer, bank, notary or warehouse that issued it."),
    )
    document_date = models.DateField(_("document date"), null=True, blank=True)
    received_on = models.DateField(_("received on"))
    contradicts = models.BooleanField(
        _("contradicts another document"),
        default=False,
        help_text=_("Tick when dates, places or quantities disagree with another item."),
    )
    file = models.BinaryField(_("file"), null=True, blank=True, editable=False)
    file_name = models.CharField(_("file name"), max_length=120, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("item of evidence")
        verbose_name_plural = _("items of evidence")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()

    @property
    def category(self) -> str:
        return rules.category(rules.EvidenceKind(self.kind))


class Declaration(models.Model):
    """One month's declaration of one kind; frozen (lines and files) when filed."""

    class Kind(models.TextChoices):
        EMEBI_DISPATCH = "emebi_dispatch", _("EMEBI dispatches")
        EMEBI_ARRIVAL = "emebi_arrival", _("EMEBI arrivals")
        RECAP = "recap", _("État récapitulatif (VAT)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FILED = "filed", _("Filed")

    kind = models.CharField(_("declaration"), max_length=16, choices=Kind.choices)
    month = models.DateField(_("month"))  # the first day of the month
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    lines = models.JSONField(_("lines as filed"), default=list, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    total_eur = models.BigIntegerField(_("total (EUR)"), default=0)
    xml = models.BinaryField(_("XML file as filed"), null=True, blank=True, editable=False)
    xml_sha256 = models.CharField(_("SHA-256 of the XML file"), max_length=64, blank=True)
    xlsx = models.BinaryField(_("XLSX as filed"), null=True, blank=True, editable=False)
    portal_reference = models.CharField(
        _("portal acknowledgement"),
        max_length=60,
        blank=True,
        help_text=_("The number DEB sur le web gave when the file was accepted."),
    )
    correction_reason = models.CharField(_("reason for the correction"), max_length=250, blank=True)
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["xml", "xlsx"])

    class Meta:
        ordering = ["-month", "kind", "-version"]
        verbose_name = _("intra-EU declaration")
        verbose_name_plural = _("intra-EU declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "month", "version"], name="intra_eu_declaration_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:%Y-%m} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("intra_eu:declaration", args=[self.pk])

    @property
    def period(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def is_filed(self) -> bool:
        return self.status == self.Status.FILED
