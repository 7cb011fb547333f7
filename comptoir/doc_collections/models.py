"""Documentary collections (remise documentaire, URC 522): our bank sends the shipping
documents to the buyer's bank, which releases them against payment (D/P) or against the
acceptance of a bill of exchange (D/A).

The rules (bill's due date, what the instruction must say) are in
:mod:`comptoir.trade.collections`; the collection keeps the due date it computed so that
lists, the home page and the reminders read it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    DP = "dp", _("D/P — documents against payment")
    DA = "da", _("D/A — documents against acceptance")


class Tenor(models.TextChoices):
    SIGHT = "sight", _("At sight")
    DAYS_AFTER_SIGHT = "days_after_sight", _("Days after sight (acceptance)")
    DAYS_AFTER_BL = "days_after_bl", _("Days after the bill of lading date")
    DAYS_AFTER_INVOICE = "days_after_invoice", _("Days after the invoice date")
    FIXED_DATE = "fixed_date", _("On a fixed date")


class Charges(models.TextChoices):
    DRAWEE = "drawee", _("All charges for the drawee")
    DRAWER = "drawer", _("All charges for us (the drawer)")
    SHARED = "shared", _("Our bank's charges for us, the collecting bank's for the drawee")


class DocumentKind(models.TextChoices):
    BILL_OF_EXCHANGE = "bill_of_exchange", _("Bill of exchange")
    COMMERCIAL_INVOICE = "commercial_invoice", _("Commercial invoice")
    BILL_OF_LADING = "bill_of_lading", _("Bill of lading")
    AIR_WAYBILL = "air_waybill", _("Air waybill")
    ROAD_CONSIGNMENT = "cmr", _("CMR consignment note")
    PACKING_LIST = "packing_list", _("Packing list")
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin", _("Certificate of origin")
    INSURANCE = "insurance", _("Insurance certificate")
    INSPECTION = "inspection", _("Inspection certificate")
    OTHER = "other", _("Other document")


class Collection(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("collection status", "Draft")
        SENT = "sent", _("Sent to our bank")
        AT_COLLECTING_BANK = "at_bank", _("Documents at the collecting bank")
        ACCEPTED = "accepted", _("Bill accepted")
        PAID = "paid", pgettext_lazy("collection status", "Paid")
        UNPAID = "unpaid", _("Unpaid / not accepted")
        PROTESTED = "protested", _("Protested")
        RETURNED = "returned", _("Documents returned")

    number = models.CharField(_("number"), max_length=20, unique=True)
    client = models.ForeignKey(
        "parties.Company",
        verbose_name=_("client (drawee)"),
        on_delete=models.PROTECT,
        related_name="documentary_collections",
    )
    drawee_address = models.TextField(
        _("drawee's address for presentation"),
        help_text=_("Where the collecting bank presents the documents (URC 522 art. 4 c)."),
    )
    order = models.ForeignKey(
        "sales.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documentary_collections",
    )
    invoices = models.ManyToManyField(
        "sales.Invoice", verbose_name=_("invoices"), related_name="documentary_collections"
    )
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documentary_collections",
    )
    kind = models.CharField(_("terms"), max_length=2, choices=Kind.choices, default=Kind.DP)
    tenor = models.CharField(
        _("bill's tenor"), max_length=20, choices=Tenor.choices, default=Tenor.SIGHT
    )
    tenor_days = models.PositiveSmallIntegerField(
        _("days"), default=0, validators=[MaxValueValidator(720)]
    )
    fixed_due_date = models.DateField(_("fixed due date"), null=True, blank=True)
    bl_date = models.DateField(_("bill of lading date"), null=True, blank=True)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount to collect"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(_("currency"), max_length=3)
    remitting_bank = models.ForeignKey(
        "parties.Company",
        verbose_name=_("our bank (remitting bank)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    remitting_bank_name = models.CharField(_("remitting bank"), max_length=200)
    remitting_bank_bic = models.CharField(_("remitting bank's BIC"), max_length=11, blank=True)
    remitting_reference = models.CharField(_("our bank's reference"), max_length=40, blank=True)
    collecting_bank = models.ForeignKey(
        "parties.Company",
        verbose_name=_("buyer's bank (collecting bank)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    collecting_bank_name = models.CharField(_("collecting bank"), max_length=200)
    collecting_bank_bic = models.CharField(_("collecting bank's BIC"), max_length=11)
    collecting_bank_address = models.TextField(_("collecting bank's address"), blank=True)
    collecting_reference = models.CharField(
        _("collecting bank's reference"), max_length=40, blank=True
    )
    bill_of_exchange = models.BooleanField(_("draw a bill of exchange"), default=False)
    charges = models.CharField(
        _("charges"), max_length=8, choices=Charges.choices, default=Charges.SHARED
    )
    charges_waivable = models.BooleanField(
        _("charges may be waived"),
        default=False,
        help_text=_(
            "Unticked: the documents are not released if the drawee refuses the charges "
            "(URC 522 art. 21 b)."
        ),
    )
    interest_rate = models.DecimalField(
        _("interest to collect (% a year)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("50"))],
    )
    protest_non_payment = models.BooleanField(_("protest for non-payment"), default=False)
    protest_non_acceptance = models.BooleanField(_("protest for non-acceptance"), default=False)
    unpaid_instructions = models.TextField(
        _("if unpaid or not accepted"),
        blank=True,
        help_text=_("Store and insure the goods, return the documents, wait for our instructions…"),
    )
    case_of_need = models.CharField(_("case-of-need"), max_length=200, blank=True)
    case_of_need_powers = models.TextField(_("case-of-need's powers"), blank=True)
    advise_by = models.CharField(
        _("advise us by"), max_length=40, default="SWIFT", help_text=_("SWIFT, e-mail…")
    )
    chase_after_days = models.PositiveSmallIntegerField(
        _("chase the bank after (days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    sent_on = models.DateField(_("sent to our bank on"), null=True, blank=True)
    at_bank_on = models.DateField(_("at the collecting bank on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    due_date = models.DateField(_("bill's due date"), null=True, blank=True, db_index=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    amount_received = models.DecimalField(
        _("amount received"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    bank_charges = models.DecimalField(
        _("bank charges for us"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    unpaid_on = models.DateField(_("unpaid advised on"), null=True, blank=True)
    unpaid_reason = models.CharField(_("reason given"), max_length=300, blank=True)
    protested_on = models.DateField(_("protested on"), null=True, blank=True)
    returned_on = models.DateField(_("documents returned on"), null=True, blank=True)
    chased_on = models.DateField(_("bank chased on"), null=True, blank=True)
    due_chased_on = models.DateField(_("due date chased on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("documentary collection")
        verbose_name_plural = _("documentary collections")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="collection_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("doc_collections:collection_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in FINISHED

    @property
    def short_kind(self) -> str:
        return "D/A" if self.kind == Kind.DA else "D/P"

    @property
    def drawee_name(self) -> str:
        return self.client.legal_name or self.client.name


FINISHED = frozenset({Collection.Status.PAID, Collection.Status.RETURNED})


class CollectionDocument(models.Model):
    """A document sent with the collection, with its originals and copies (URC 522 art.
    4 b vi: the documents enclosed and the count of each)."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=24, choices=DocumentKind.choices)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    originals = models.PositiveSmallIntegerField(
        _("originals"), default=1, validators=[MaxValueValidator(20)]
    )
    copies = models.PositiveSmallIntegerField(
        _("copies"), default=0, validators=[MaxValueValidator(20)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("collection document")
        verbose_name_plural = _("collection documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()


__all__ = [
    "FINISHED",
    "Charges",
    "Collection",
    "CollectionDocument",
    "DocumentKind",
    "Kind",
    "Tenor",
]
