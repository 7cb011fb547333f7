"""Supplier invoices checked against the purchase order and the goods received (three-way
match), their approval or dispute, their payments with the exchange difference, and the
landed cost of each received line.

* ``MatchSettings``: the company's tolerances and the approval threshold (one row).
* ``SupplierInvoice`` / ``SupplierInvoiceLine``: the supplier's invoice or credit note, each
  line billing a purchase order line; the match result is stored at each save
  (``differences``, computed by :mod:`comptoir.trade.three_way_match`).
* ``SupplierPayment``: a payment of an invoice (full or partial) with the rate obtained and
  the exchange difference against the invoice's rate.
* ``LandedCost`` / ``LandedCostItem`` / ``LandedCostLine``: the costs of a goods receipt and
  each received line's real unit cost (:mod:`comptoir.trade.cost_allocation`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
from typing import TypedDict
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class _Size(TypedDict):
    max_digits: int
    decimal_places: int


ZERO = Decimal("0")
MONEY: _Size = {"max_digits": 14, "decimal_places": 2}
PRICE: _Size = {"max_digits": 14, "decimal_places": 4}
QUANTITY: _Size = {"max_digits": 12, "decimal_places": 3}
RATE: _Size = {"max_digits": 18, "decimal_places": 8}
PERCENT = [MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))]


class MatchSettings(models.Model):
    """The company's matching tolerances and who approves (one row, ``MatchSettings.get()``)."""

    price_tolerance_pct = models.DecimalField(
        _("price tolerance (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=PERCENT,
        help_text=_("A unit price above the order's by at most this percentage is accepted."),
    )
    price_tolerance_eur = models.DecimalField(
        _("price tolerance per line (EUR)"),
        **MONEY,
        null=True,
        blank=True,
        default=Decimal("50"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("And at most this amount on the line. Empty: no amount limit."),
    )
    quantity_tolerance_pct = models.DecimalField(
        _("quantity tolerance (%)"),
        max_digits=5,
        decimal_places=2,
        default=ZERO,
        validators=PERCENT,
        help_text=_("Invoiced above the quantity received: 0 for goods counted in units."),
    )
    approval_threshold_eur = models.DecimalField(
        _("a manager approves above (EUR)"),
        **MONEY,
        null=True,
        blank=True,
        default=Decimal("10000"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("Empty: an assistant approves any matched invoice."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supplier invoice check settings")
        verbose_name_plural = _("supplier invoice check settings")

    def __str__(self) -> str:
        return str(_("Supplier invoice check settings"))

    @classmethod
    def get(cls) -> MatchSettings:
        """The settings row (defaults until someone saves them; a GET never writes)."""
        return cls.objects.order_by("pk").first() or cls()


def invoice_file_path(instance: SupplierInvoice, filename: str) -> str:
    """Under MEDIA_ROOT (private): supplier_invoices/<random>.pdf; the user's name is kept in
    the row only."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"supplier_invoices/{uuid4().hex}{suffix}"


class SupplierInvoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", pgettext_lazy("supplier invoice kind", "Invoice")
        CREDIT_NOTE = "credit_note", pgettext_lazy("supplier invoice kind", "Credit note")

    class Status(models.TextChoices):
        TO_CHECK = "to_check", pgettext_lazy("supplier invoice status", "Differences to settle")
        MATCHED = "matched", pgettext_lazy("supplier invoice status", "Matched, to approve")
        DISPUTED = "disputed", pgettext_lazy("supplier invoice status", "Disputed")
        APPROVED = "approved", pgettext_lazy("supplier invoice status", "Approved for payment")
        PAID = "paid", pgettext_lazy("supplier invoice status", "Paid")
        CANCELLED = "cancelled", pgettext_lazy("supplier invoice status", "Cancelled")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    supplier = models.ForeignKey(
        "parties.Company",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="supplier_invoices",
    )
    order = models.ForeignKey(
        "purchasing.PurchaseOrder",
        verbose_name=_("purchase order"),
        on_delete=models.PROTECT,
        related_name="supplier_invoices",
    )
    credited_invoice = models.ForeignKey(
        "self",
        verbose_name=_("invoice credited"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    number = models.CharField(_("supplier's invoice number"), max_length=40)
    invoice_date = models.DateField(_("invoice date"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    eur_rate = models.DecimalField(
        _("EUR per unit of the currency"),
        **RATE,
        default=Decimal("1"),
        help_text=_("The rate of the invoice date: the debt is booked at it."),
    )
    rate_date = models.DateField(_("rate of"), null=True, blank=True)
    rate_source = models.CharField(_("rate source"), max_length=120, blank=True)
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3, blank=True)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    payment_days = models.PositiveSmallIntegerField(
        _("payment term (days)"), default=0, validators=[MaxValueValidator(365)]
    )
    end_of_month = models.BooleanField(_("end of month"), default=False)
    terms_from = models.DateField(
        _("term runs from"),
        null=True,
        blank=True,
        help_text=_("Bill of lading or receipt date when the terms say so. Empty: invoice date."),
    )
    due_date = models.DateField(_("due date"), db_index=True)
    total = models.DecimalField(_("total"), **MONEY)
    total_eur = models.DecimalField(_("total (EUR at the invoice rate)"), **MONEY, default=ZERO)
    advance_deducted = models.DecimalField(
        _("advance deducted"),
        **MONEY,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Deposit already paid on the order and deducted on this invoice."),
    )
    paid_total = models.DecimalField(_("paid"), **MONEY, default=ZERO)
    credited_total = models.DecimalField(_("credited"), **MONEY, default=ZERO)
    balance_due = models.DecimalField(_("balance due"), **MONEY, default=ZERO)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TO_CHECK, db_index=True
    )
    #: The match result of the last save: a list of {kind, position, expected, found, amount,
    #: within_tolerance, text, params} (the text rendered in the reader's language).
    differences = models.JSONField(_("differences"), default=list, blank=True)
    owed = models.DecimalField(_("owed by order and receipt"), **MONEY, default=ZERO)
    file = models.FileField(
        _("invoice file (PDF)"), upload_to=invoice_file_path, max_length=200, blank=True
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    dispute_reason = models.TextField(_("reason of the dispute"), blank=True)
    task = models.ForeignKey(
        "parties.Task",
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approval_note = models.TextField(_("approval note"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-invoice_date", "-pk"]
        verbose_name = _("supplier invoice")
        verbose_name_plural = _("supplier invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "kind", "number"], name="supplier_invoice_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("supplier_invoices:invoice_detail", args=[self.pk])

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def blocking(self) -> list[dict[str, object]]:
        return [d for d in self.differences if not d.get("within_tolerance")]


class SupplierInvoiceLine(models.Model):
    invoice = models.ForeignKey(SupplierInvoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    order_line = models.ForeignKey(
        "purchasing.PurchaseOrderLine",
        verbose_name=_("order line"),
        on_delete=models.PROTECT,
        related_name="supplier_invoice_lines",
    )
    description = models.CharField(_("description"), max_length=250, blank=True)
    quantity = models.DecimalField(
        _("quantity"), **QUANTITY, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit_price = models.DecimalField(_("unit price"), **PRICE, validators=[MinValueValidator(ZERO)])
    amount = models.DecimalField(_("amount"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["invoice", "position", "pk"]
        verbose_name = _("supplier invoice line")
        verbose_name_plural = _("supplier invoice lines")

    def __str__(self) -> str:
        return f"{self.invoice} / {self.position}"


class SupplierPayment(models.Model):
    """A payment of a supplier invoice (in its currency) at the rate the bank applied."""

    invoice = models.ForeignKey(SupplierInvoice, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("paid on"), db_index=True)
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    eur_rate = models.DecimalField(_("EUR per unit of the currency"), **RATE, default=Decimal("1"))
    rate_source = models.CharField(_("rate source"), max_length=120, blank=True)
    amount_eur = models.DecimalField(_("amount (EUR)"), **MONEY, default=ZERO)
    exchange_difference_eur = models.DecimalField(
        _("exchange difference (EUR)"),
        **MONEY,
        default=ZERO,
        help_text=_("Positive: a gain (account 766); negative: a loss (666)."),
    )
    reference = models.CharField(_("bank reference"), max_length=80, blank=True)
    method = models.CharField(_("method"), max_length=40, default="transfer")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("supplier payment")
        verbose_name_plural = _("supplier payments")

    def __str__(self) -> str:
        return f"{self.amount} {self.invoice.currency} ({self.paid_on})"


class Basis(models.TextChoices):
    VALUE = "value", _("By value")
    WEIGHT = "weight", _("By weight")
    QUANTITY = "quantity", _("By quantity")
    DIRECT = "direct", _("Line by line")


class CostKind(models.TextChoices):
    FREIGHT = "freight", _("Freight")
    INSURANCE = "insurance", _("Insurance")
    DUTY = "duty", _("Customs duty")
    BROKERAGE = "brokerage", _("Customs brokerage")
    HANDLING = "handling", _("Handling")
    STORAGE = "storage", _("Storage before receipt")
    INSPECTION = "inspection", _("Inspection")
    OTHER = "other", _("Other cost")


class LandedCost(models.Model):
    """The landed cost of one goods receipt: the costs entered, and each line's result."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("landed cost status", "Draft")
        APPLIED = "applied", pgettext_lazy("landed cost status", "Applied to the cost prices")

    receipt = models.OneToOneField(
        "purchasing.Receipt",
        verbose_name=_("goods receipt"),
        on_delete=models.PROTECT,
        related_name="landed_cost",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    goods_eur = models.DecimalField(_("goods (EUR)"), **MONEY, default=ZERO)
    costs_eur = models.DecimalField(_("costs (EUR)"), **MONEY, default=ZERO)
    total_eur = models.DecimalField(_("landed cost (EUR)"), **MONEY, default=ZERO)
    #: How the goods were valued: "invoice" (the supplier's invoice at its rate) or
    #: "estimate" (the order's price at the receipt date's rate, no invoice yet).
    goods_source = models.CharField(_("goods valued from"), max_length=10, default="invoice")
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("landed cost")
        verbose_name_plural = _("landed costs")

    def __str__(self) -> str:
        return f"{self.receipt}"

    def get_absolute_url(self) -> str:
        return reverse("supplier_invoices:landed_cost", args=[self.receipt_id])


class LandedCostItem(models.Model):
    """A cost of bringing the goods in, in its currency, converted to EUR at a dated rate."""

    landed_cost = models.ForeignKey(LandedCost, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("cost"), max_length=12, choices=CostKind.choices)
    label = models.CharField(_("description"), max_length=120, blank=True)
    provider = models.ForeignKey(
        "parties.Company",
        verbose_name=_("invoiced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reference = models.CharField(_("their invoice"), max_length=60, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    eur_rate = models.DecimalField(_("EUR per unit of the currency"), **RATE, default=Decimal("1"))
    rate_date = models.DateField(_("rate of"), null=True, blank=True)
    amount_eur = models.DecimalField(_("amount (EUR)"), **MONEY, default=ZERO)
    basis = models.CharField(_("shared"), max_length=8, choices=Basis.choices, default=Basis.VALUE)
    #: For a cost shared line by line (duty from the import declaration): {receipt line id: EUR}.
    direct = models.JSONField(_("per line"), default=dict, blank=True)
    source = models.CharField(_("from"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["landed_cost", "pk"]
        verbose_name = _("landed cost item")
        verbose_name_plural = _("landed cost items")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency}"


class LandedCostLine(models.Model):
    """A received line's result: goods, the share of each kind of cost, the unit cost."""

    landed_cost = models.ForeignKey(LandedCost, on_delete=models.CASCADE, related_name="lines")
    receipt_line = models.ForeignKey(
        "purchasing.ReceiptLine", on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    weight_kg = models.DecimalField(_("weight (kg)"), **QUANTITY, default=ZERO)
    goods_eur = models.DecimalField(_("goods (EUR)"), **MONEY, default=ZERO)
    #: {kind: EUR} for every kind of cost.
    shares = models.JSONField(_("costs"), default=dict)
    total_eur = models.DecimalField(_("landed cost (EUR)"), **MONEY, default=ZERO)
    unit_cost = models.DecimalField(_("unit cost (EUR)"), **PRICE, default=ZERO)

    class Meta:
        ordering = ["landed_cost", "pk"]

    def __str__(self) -> str:
        return f"{self.landed_cost} / {self.receipt_line_id}"
