"""Documentary credits, export and import, from receipt (or opening) to payment.

A credit is read against the sale on receipt (``trade.lc_receipt``), amended until it fits
(UCP 600 art. 10), then used: each presentation stores the document checker's answer as a
snapshot (``trade.lc_check``), the bank's answer (payment, acceptance or a discrepancy
notice under art. 16) and the outcome. Deadlines (latest shipment, last presentation day,
expiry) become tasks once per credit and date.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from comptoir.sales.models import MONEY

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
#: ISO 9362: 4 letters (bank), 2 letters (country), 2 letters or digits (place), 3 optional.
BIC = RegexValidator(
    r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$",
    _("A BIC has 8 or 11 characters: 4 letters, the country, 2 letters or digits (e.g. BNPAFRPP)."),
)


class Direction(models.TextChoices):
    EXPORT = "export", _("Export (we are the beneficiary)")
    IMPORT = "import", _("Import (we are the applicant)")


class Availability(models.TextChoices):
    SIGHT = "sight", _("Sight payment")
    DEFERRED = "deferred", _("Deferred payment")
    ACCEPTANCE = "acceptance", _("Acceptance of a draft")
    NEGOTIATION = "negotiation", _("Negotiation")


class AvailableWith(models.TextChoices):
    ADVISING = "advising", _("The advising bank")
    CONFIRMING = "confirming", _("The confirming bank")
    ISSUING = "issuing", _("The issuing bank only")
    ANY = "any", _("Any bank")
    NOMINATED = "nominated", _("Another nominated bank")


class Allowed(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    PROHIBITED = "prohibited", _("Prohibited")


class Charges(models.TextChoices):
    USUAL = "usual", _("Each party the charges of its country")
    BENEFICIARY = "beneficiary", _("All charges for the beneficiary")
    APPLICANT = "applicant", _("All charges for the applicant")


class DocumentType(models.TextChoices):
    COMMERCIAL_INVOICE = "commercial_invoice", _("Commercial invoice")
    BILL_OF_LADING = "bill_of_lading", _("Bill of lading")
    SEA_WAYBILL = "sea_waybill", _("Sea waybill")
    AIR_WAYBILL = "air_waybill", _("Air waybill")
    ROAD_CONSIGNMENT_NOTE = "road_consignment_note", _("Road consignment note (CMR)")
    MULTIMODAL = "multimodal_transport_document", _("Multimodal transport document")
    INSURANCE = "insurance", _("Insurance policy or certificate")
    PACKING_LIST = "packing_list", _("Packing list")
    WEIGHT_LIST = "weight_list", _("Weight list")
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin", _("Certificate of origin")
    INSPECTION_CERTIFICATE = "inspection_certificate", _("Inspection certificate")
    HEALTH_CERTIFICATE = "health_certificate", _("Health or phytosanitary certificate")
    BENEFICIARY_CERTIFICATE = "beneficiary_certificate", _("Beneficiary's certificate")
    CONSULAR_INVOICE = "consular_invoice", _("Consular invoice")
    RECEIPT_BY_APPLICANT = "receipt_by_applicant", _("Receipt of the goods signed by the buyer")
    OTHER = "other", _("Other document")


class Issuer(models.TextChoices):
    BENEFICIARY = "beneficiary", _("The beneficiary")
    CARRIER = "carrier", _("The carrier or its agent")
    INSURER = "insurer", _("The insurer")
    CHAMBER = "chamber_of_commerce", _("A chamber of commerce")
    INSPECTION = "inspection_company", _("An inspection company")
    AUTHORITY = "authority", _("An authority of the country of shipment")
    APPLICANT = "applicant", _("The applicant (the buyer)")
    BUYER_AUTHORITY = "buyer_authority", _("An authority or embassy of the buyer's country")
    OTHER = "other", _("Other")


class Credit(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Opening requested")  # import: the request to our bank
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        AMENDMENT_REQUESTED = "amendment_requested", _("Amendment requested")
        ACCEPTED = "accepted", pgettext_lazy("credit status", "Accepted")
        PRESENTED = "presented", _("Documents presented")
        DISCREPANT = "discrepant", _("Discrepant")
        PAID = "paid", pgettext_lazy("credit status", "Paid")
        EXPIRED = "expired", pgettext_lazy("credit status", "Expired")
        CANCELLED = "cancelled", pgettext_lazy("credit status", "Cancelled")

    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.EXPORT
    )
    number = models.CharField(_("credit number"), max_length=40, blank=True)
    reference = models.CharField(_("our reference"), max_length=20, unique=True)
    partner = models.ForeignKey(
        "parties.Company",
        verbose_name=_("client or supplier"),
        on_delete=models.PROTECT,
        related_name="documentary_credits",
    )
    order = models.ForeignKey(
        "sales.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documentary_credits",
    )
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documentary_credits",
    )
    #: import: the supplier's pro forma or our purchase reference; the purchase order of
    #: issue 15 will be linked through ``purchase_order_id`` (no foreign key before it exists).
    purchase_reference = models.CharField(_("purchase reference"), max_length=60, blank=True)
    purchase_order_id = models.PositiveIntegerField(_("purchase order"), null=True, blank=True)
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_address = models.CharField(_("applicant's address"), max_length=300, blank=True)
    beneficiary_name = models.CharField(_("beneficiary"), max_length=200)
    beneficiary_address = models.CharField(_("beneficiary's address"), max_length=300, blank=True)
    issuing_bank = models.CharField(_("issuing bank"), max_length=120)
    issuing_bank_bic = models.CharField(
        _("issuing bank BIC"), max_length=11, blank=True, validators=[BIC]
    )
    advising_bank = models.CharField(_("advising bank"), max_length=120, blank=True)
    advising_bank_bic = models.CharField(
        _("advising bank BIC"), max_length=11, blank=True, validators=[BIC]
    )
    confirming_bank = models.CharField(_("confirming bank"), max_length=120, blank=True)
    confirming_bank_bic = models.CharField(
        _("confirming bank BIC"), max_length=11, blank=True, validators=[BIC]
    )
    nominated_bank = models.CharField(_("nominated bank"), max_length=120, blank=True)
    nominated_bank_bic = models.CharField(
        _("nominated bank BIC"), max_length=11, blank=True, validators=[BIC]
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)
    transferable = models.BooleanField(_("transferable"), default=False)
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    about = models.BooleanField(
        _("“about” the amount"),
        default=False,
        help_text=_("“About” or “approximately”: 10 % more or less (UCP 600 art. 30 a)."),
    )
    tolerance_plus_pct = models.DecimalField(
        _("tolerance + (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    tolerance_minus_pct = models.DecimalField(
        _("tolerance − (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    issue_date = models.DateField(_("date of issue"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), db_index=True)
    expiry_place = models.CharField(_("place of expiry"), max_length=120, blank=True)
    expiry_country = models.CharField(
        _("country of expiry"),
        max_length=2,
        default="FR",
        help_text=_("Its bank closing days extend the expiry (UCP 600 art. 29 a)."),
    )
    latest_shipment_date = models.DateField(_("latest shipment date"), null=True, blank=True)
    presentation_days = models.PositiveSmallIntegerField(
        _("presentation period (days)"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    availability = models.CharField(
        _("available by"), max_length=12, choices=Availability.choices, default="sight"
    )
    usance_days = models.PositiveSmallIntegerField(
        _("days (deferred payment, acceptance)"), default=0
    )
    usance_basis = models.CharField(
        _("days after"),
        max_length=80,
        blank=True,
        help_text=_("e.g. the bill of lading date, sight, the invoice date"),
    )
    available_with = models.CharField(
        _("available with"),
        max_length=12,
        choices=AvailableWith.choices,
        default=AvailableWith.ADVISING,
    )
    partial_shipments = models.CharField(
        _("partial shipments"), max_length=10, choices=Allowed.choices, default=Allowed.ALLOWED
    )
    transhipment = models.CharField(
        _("transhipment"), max_length=10, choices=Allowed.choices, default=Allowed.ALLOWED
    )
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3, blank=True)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    port_of_loading = models.CharField(_("port or place of loading"), max_length=120, blank=True)
    port_of_discharge = models.CharField(
        _("port or place of discharge"), max_length=120, blank=True
    )
    goods_description = models.TextField(_("description of the goods"), blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    unit_price = models.DecimalField(
        _("unit price"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    special_conditions = models.TextField(_("special conditions"), blank=True)
    charges = models.CharField(
        _("charges"), max_length=12, choices=Charges.choices, default=Charges.USUAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["expiry_date", "pk"]
        verbose_name = _("documentary credit")
        verbose_name_plural = _("documentary credits")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="credit_amount_positive"),
            models.CheckConstraint(
                condition=Q(latest_shipment_date__isnull=True)
                | Q(latest_shipment_date__lte=models.F("expiry_date")),
                name="credit_shipment_before_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.number}".strip()

    def get_absolute_url(self) -> str:
        return reverse("credits:credit_detail", args=[self.pk])

    @property
    def is_export(self) -> bool:
        return self.direction == Direction.EXPORT

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


CLOSED = frozenset({Credit.Status.PAID, Credit.Status.EXPIRED, Credit.Status.CANCELLED})


class RequiredDocument(models.Model):
    """A document the credit calls for (MT700 field 46A), with its details."""

    credit = models.ForeignKey(Credit, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    type = models.CharField(_("document"), max_length=30, choices=DocumentType.choices)
    originals = models.PositiveSmallIntegerField(_("originals"), default=1)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    issuer = models.CharField(_("issued by"), max_length=20, choices=Issuer.choices, blank=True)
    legalised = models.BooleanField(_("legalised by the consulate"), default=False)
    consignee = models.CharField(_("consignee"), max_length=200, blank=True)
    notify = models.CharField(_("notify party"), max_length=200, blank=True)
    freight = models.CharField(
        _("freight"),
        max_length=8,
        blank=True,
        choices=[("prepaid", _("prepaid")), ("collect", _("collect"))],
    )
    clean_on_board = models.BooleanField(_("clean on board"), default=False)
    cover_pct = models.DecimalField(
        _("insurance cover (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    risks = models.CharField(_("risks covered"), max_length=120, blank=True)
    details = models.TextField(_("other details"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.get_type_display()


class Amendment(models.Model):
    """An amendment requested from the applicant, then received from the bank and accepted
    or refused (UCP 600 art. 10: not binding on us until we accept; a partial acceptance is
    a refusal)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested from the applicant")
        RECEIVED = "received", _("Received, to decide")
        ACCEPTED = "accepted", pgettext_lazy("amendment status", "Accepted")
        REFUSED = "refused", pgettext_lazy("amendment status", "Refused")

    credit = models.ForeignKey(Credit, on_delete=models.CASCADE, related_name="amendments")
    sequence = models.PositiveSmallIntegerField(_("no."), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    request_text = models.TextField(_("amendments requested"), blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    #: the credit's fields the amendment changes: {"field": "new value as text"}
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    #: the credit's values before the changes were applied (kept when accepted)
    previous = models.JSONField(_("values before"), default=dict, blank=True)
    description = models.TextField(_("amendment as received"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["credit", "sequence"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["credit", "sequence"], name="amendment_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.credit} #{self.sequence}"

    def change_rows(self) -> list[dict[str, object]]:
        """Each change for the page: the credit field's label (not its code name), the new
        value and the one before, dates and amounts in the reader's format."""
        rows: list[dict[str, object]] = []
        for name, new in self.changes.items():
            try:
                label = getattr(Credit._meta.get_field(name), "verbose_name", name)
            except FieldDoesNotExist:
                label = name
            rows.append(
                {"label": label, "new": _readable(new), "old": _readable(self.previous.get(name))}
            )
        return rows


def _readable(value: object) -> object:
    """An amendment's stored text as a date or a number when it is one, for formatting."""
    if not isinstance(value, str):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    if _NUMBER.fullmatch(value):
        return Decimal(value)
    return value


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


class Presentation(models.Model):
    """Documents presented under the credit, the checker's answer then, the bank's answer."""

    class Status(models.TextChoices):
        PRESENTED = "presented", _("Presented, awaiting the bank")
        COMPLIANT = "compliant", _("Compliant, payment due")
        DISCREPANT = "discrepant", _("Discrepancies notified")
        PAID = "paid", pgettext_lazy("presentation status", "Paid")
        REFUSED = "refused", pgettext_lazy("presentation status", "Refused")
        REPLACED = "replaced", _("Replaced by corrected documents")

    credit = models.ForeignKey(Credit, on_delete=models.CASCADE, related_name="presentations")
    sequence = models.PositiveSmallIntegerField(_("no."), default=1)
    presented_on = models.DateField(_("presented on"))
    bank = models.CharField(_("presented to"), max_length=120)
    amount = models.DecimalField(_("amount drawn"), **MONEY)
    invoice = models.ForeignKey(
        "sales.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: the checker's input as it was (credit and documents) and its answer
    check_input = models.JSONField(_("documents presented"), default=dict)
    check_result = models.JSONField(_("document check"), default=dict)
    compliant = models.BooleanField(_("compliant by our check"), default=False)
    presented_anyway = models.BooleanField(_("presented with known discrepancies"), default=False)
    waiver_reason = models.CharField(_("why present anyway"), max_length=300, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("corrects presentation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PRESENTED
    )
    due_date = models.DateField(_("payment due on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = models.DecimalField(_("amount received"), **MONEY, null=True, blank=True)
    bank_charges = models.DecimalField(_("bank charges"), **MONEY, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["credit", "sequence"]
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        constraints = [
            models.UniqueConstraint(fields=["credit", "sequence"], name="presentation_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.credit} P{self.sequence}"


class BankNotice(models.Model):
    """The bank's notice of refusal (UCP 600 art. 16 c: a single notice listing every
    discrepancy and what the bank does with the documents) and its outcome."""

    class Disposal(models.TextChoices):
        HOLDING = "holding", _("Holding the documents pending our instructions")
        HOLDING_WAIVER = "holding_waiver", _("Holding the documents until the applicant waives")
        RETURNING = "returning", _("Returning the documents")
        PREVIOUS = "previous", _("Acting on instructions received before")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        WAIVED = "waived", _("Waiver accepted by the applicant: paid")
        REFUSED = "refused", _("Waiver refused: documents returned")
        CORRECTED = "corrected", _("Corrected documents presented")

    presentation = models.OneToOneField(
        Presentation, on_delete=models.CASCADE, related_name="notice"
    )
    received_on = models.DateField(_("received on"))
    discrepancies = models.TextField(_("discrepancies listed by the bank"))
    disposal = models.CharField(
        _("documents"), max_length=16, choices=Disposal.choices, default=Disposal.HOLDING_WAIVER
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    discrepancy_fee = models.DecimalField(_("discrepancy fee"), **MONEY, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bank notice")
        verbose_name_plural = _("bank notices")

    def __str__(self) -> str:
        return f"{self.presentation} notice"


class CreditDeadline(models.Model):
    """A deadline of the credit and its task, once per credit, kind and date."""

    class Kind(models.TextChoices):
        SHIPMENT = "shipment", _("Latest shipment")
        PRESENTATION = "presentation", _("Last day for presentation")
        EXPIRY = "expiry", _("Expiry")

    credit = models.ForeignKey(Credit, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=12, choices=Kind.choices)
    due_on = models.DateField(_("date"))
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
            models.UniqueConstraint(
                fields=["credit", "kind", "due_on"], name="credit_deadline_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.credit} {self.kind} {self.due_on}"


__all__ = [
    "CLOSED",
    "Allowed",
    "Amendment",
    "Availability",
    "AvailableWith",
    "BankNotice",
    "Charges",
    "Credit",
    "CreditDeadline",
    "Direction",
    "DocumentType",
    "Issuer",
    "Presentation",
    "RequiredDocument",
]
