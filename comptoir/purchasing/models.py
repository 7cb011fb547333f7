"""Purchase orders to our suppliers abroad, their follow-up and the goods receipt.

A purchase order is prepared as a draft, then issued once: it takes its number
(``PO-YYYY-NNNNN``, never renumbered) and its revision 0; a change after issue is a new
revision with its reason and a copy of what was sent (``PurchaseOrderRevision``). The
supplier's confirmation is recorded per line and compared with the order
(``trade.purchasing.compare_confirmation``); the payments due (deposit at order, balance
against a copy of the B/L...) are computed by ``trade.purchasing.payment_schedule`` and kept
as ``PaymentDue`` rows so that they can be marked paid. Production milestones, the
inspection before shipment and the ready date follow; the inbound shipment is a shipping
``Shipment`` (direction import) linked to the order. Receipts (several per order) record per
line what arrived and its condition; incidents open a ``SupplierClaim`` with its deadline.
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

from comptoir.common.choices import Language
from comptoir.sales.models import MONEY, PRICE

ZERO = Decimal("0")
PERCENT = [MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))]
QUANTITY = {"max_digits": 12, "decimal_places": 3}


class PaymentInstrument(models.TextChoices):
    """How we pay the supplier (the buyer's side of the instruments sales offers)."""

    ADVANCE = "advance", _("Advance payment (100 % at order)")
    DEPOSIT = "deposit", _("Deposit at order, balance later")
    LC = "lc", _("Documentary credit (L/C)")
    DP = "dp", _("Documents against payment (D/P)")
    DA = "da", _("Documents against acceptance (D/A)")
    OPEN_ACCOUNT = "open_account", _("Open account (transfer after invoice)")


class BalanceTrigger(models.TextChoices):
    """The event the balance (or the whole payment) falls due on."""

    ORDER = "order", _("At order")
    BEFORE_SHIPMENT = "before_shipment", _("Before shipment (goods ready)")
    BL_COPY = "bl_copy", _("Against a copy of the B/L")
    DOCUMENTS = "documents", _("Against the documents (bank)")
    ARRIVAL = "arrival", _("On arrival of the goods")
    INVOICE = "invoice", _("After the invoice date")
    RECEIPT = "receipt", _("After the goods receipt")


class TransportMode(models.TextChoices):
    SEA = "sea", _("Sea")
    AIR = "air", _("Air")
    ROAD = "road", _("Road")
    RAIL = "rail", _("Rail")
    MULTIMODAL = "multimodal", _("Multimodal")


class PurchaseOrder(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("purchase order status", "Draft")
        ISSUED = "issued", pgettext_lazy("purchase order status", "Sent to the supplier")
        CONFIRMED = "confirmed", pgettext_lazy("purchase order status", "Confirmed")
        DISPUTED = "disputed", pgettext_lazy("purchase order status", "Confirmation disputed")
        IN_PRODUCTION = "in_production", _("In production")
        READY = "ready", pgettext_lazy("purchase order status", "Ready")
        SHIPPED = "shipped", pgettext_lazy("purchase order status", "Shipped")
        PARTLY_RECEIVED = "partly_received", _("Partly received")
        RECEIVED = "received", pgettext_lazy("purchase order status", "Received")
        CLOSED = "closed", pgettext_lazy("purchase order status", "Closed")
        CANCELLED = "cancelled", pgettext_lazy("purchase order status", "Cancelled")

    #: ``PO-YYYY-NNNNN``, taken when the order is issued (a draft has none).
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    supplier = models.ForeignKey(
        "parties.Company",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="purchase_orders",
    )
    #: The call for tender this order comes from (tenders area; no foreign key across the
    #: branches that build it at the same time: the id and its reference are kept).
    tender_id = models.PositiveIntegerField(_("call for tender"), null=True, blank=True)
    tender_reference = models.CharField(_("call for tender"), max_length=40, blank=True)
    supplier_reference = models.CharField(
        _("supplier's reference"),
        max_length=60,
        blank=True,
        help_text=_("Their quotation or pro forma invoice number."),
    )
    order_date = models.DateField(_("order date"))
    currency = models.CharField(_("currency"), max_length=3)
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3)
    named_place = models.CharField(_("named place"), max_length=120)
    transport_mode = models.CharField(
        _("transport mode"), max_length=12, choices=TransportMode.choices, default="sea"
    )
    delivery_address = models.ForeignKey(
        "parties.Address",
        verbose_name=_("deliver to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Our warehouse. Empty: our company's address."),
    )
    payment_instrument = models.CharField(
        _("payment instrument"),
        max_length=15,
        choices=PaymentInstrument.choices,
        default=PaymentInstrument.OPEN_ACCOUNT,
    )
    deposit_pct = models.DecimalField(
        _("deposit (%)"), max_digits=5, decimal_places=2, default=ZERO, validators=PERCENT
    )
    balance_trigger = models.CharField(
        _("balance due"),
        max_length=16,
        choices=BalanceTrigger.choices,
        default=BalanceTrigger.INVOICE,
    )
    payment_days = models.PositiveSmallIntegerField(
        _("payment term (days)"), default=0, validators=[MaxValueValidator(365)]
    )
    requested_date = models.DateField(_("requested ready date"), null=True, blank=True)
    confirmed_date = models.DateField(_("confirmed ready date"), null=True, blank=True)
    ready_date = models.DateField(_("goods ready on"), null=True, blank=True)
    #: Over-delivery accepted at receipt (%); empty: none for counted units, 5 % for bulk
    #: units (kg, t, l, m), as UCP 600 art. 30 b reads quantities.
    receipt_tolerance_pct = models.DecimalField(
        _("quantity tolerance (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    #: Days to notify an apparent defect after receipt; empty: 8 days.
    claim_days = models.PositiveSmallIntegerField(
        _("claim period (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Days to notify the supplier of an apparent defect. Empty: 8 days."),
    )
    language = models.CharField(
        _("document language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("inbound shipment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="purchase_orders",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    terms = models.TextField(_("other conditions"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent by e-mail"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-order_date", "-pk"]
        verbose_name = _("purchase order")
        verbose_name_plural = _("purchase orders")

    def __str__(self) -> str:
        return self.number or _("Draft purchase order %(pk)s") % {"pk": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("purchasing:order_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status not in OPEN_EXCLUDED


OPEN_EXCLUDED = frozenset(
    {
        PurchaseOrder.Status.DRAFT,
        PurchaseOrder.Status.RECEIVED,
        PurchaseOrder.Status.CLOSED,
        PurchaseOrder.Status.CANCELLED,
    }
)


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    supplier_reference = models.CharField(_("supplier's reference"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=250, blank=True)
    quantity = models.DecimalField(
        _("quantity"), **QUANTITY, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.CharField(_("unit"), max_length=10, default="pcs")
    unit_price = models.DecimalField(_("unit price"), **PRICE, validators=[MinValueValidator(ZERO)])
    requested_date = models.DateField(_("requested date"), null=True, blank=True)
    confirmed_date = models.DateField(_("confirmed date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "position", "pk"]
        verbose_name = _("purchase order line")
        verbose_name_plural = _("purchase order lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="po_line_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit} × {self.product_id}"

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(Decimal("0.01"))


class PurchaseOrderRevision(models.Model):
    """What was sent to the supplier at each issue: revision 0 at first issue, then one per
    change after issue, with its reason (the order keeps its number)."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveSmallIntegerField(_("revision"))
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    #: the order and its lines as printed (plain JSON: figures as strings)
    snapshot = models.JSONField(_("as sent"), default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "revision"]
        verbose_name = _("purchase order revision")
        verbose_name_plural = _("purchase order revisions")
        constraints = [
            models.UniqueConstraint(fields=["order", "revision"], name="po_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order} rev. {self.revision}"


class SupplierConfirmation(models.Model):
    """The supplier's order confirmation, compared with the order."""

    class Status(models.TextChoices):
        TO_REVIEW = "to_review", _("To review")
        ACCEPTED = "accepted", pgettext_lazy("confirmation status", "Accepted")
        DISPUTED = "disputed", pgettext_lazy("confirmation status", "Disputed")

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="confirmations")
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("their confirmation number"), max_length=60, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    ready_date = models.DateField(_("confirmed ready date"), null=True, blank=True)
    #: the differences found, as plain data: [{"field", "line", "ordered", "confirmed"}]
    differences = models.JSONField(_("differences"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TO_REVIEW
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "-received_on", "-pk"]
        verbose_name = _("supplier's confirmation")
        verbose_name_plural = _("supplier's confirmations")

    def __str__(self) -> str:
        return f"{self.order} {self.reference or self.received_on}"


class ConfirmationLine(models.Model):
    confirmation = models.ForeignKey(
        SupplierConfirmation, on_delete=models.CASCADE, related_name="lines"
    )
    line = models.ForeignKey(PurchaseOrderLine, on_delete=models.CASCADE, related_name="+")
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    date = models.DateField(_("confirmed date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["confirmation", "line__position"]
        verbose_name = _("confirmed line")
        verbose_name_plural = _("confirmed lines")

    def __str__(self) -> str:
        return f"{self.confirmation} {self.line_id}"


class PaymentDue(models.Model):
    """A payment to the supplier computed from the order's terms, then marked paid."""

    class Kind(models.TextChoices):
        DEPOSIT = "deposit", _("Deposit")
        BALANCE = "balance", _("Balance")
        FULL = "full", _("Full payment")

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(_("payment"), max_length=8, choices=Kind.choices)
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    trigger = models.CharField(_("due"), max_length=16, choices=BalanceTrigger.choices)
    #: empty while the event it waits for has not happened (B/L not received...)
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("payment due")
        verbose_name_plural = _("payments due")

    def __str__(self) -> str:
        return f"{self.order} {self.kind} {self.amount} {self.currency}"


class ProductionMilestone(models.Model):
    class Kind(models.TextChoices):
        MATERIALS = "materials", _("Materials received")
        PRODUCTION_START = "production_start", _("Production started")
        SAMPLE_APPROVED = "sample_approved", _("Pre-production sample approved")
        PRODUCTION_END = "production_end", _("Production finished")
        PACKING = "packing", _("Packed")
        OTHER = "other", _("Other")

    order = models.ForeignKey(
        PurchaseOrder, on_delete=models.CASCADE, related_name="production_milestones"
    )
    kind = models.CharField(_("milestone"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=120, blank=True)
    planned_on = models.DateField(_("planned"), null=True, blank=True)
    actual_on = models.DateField(_("happened"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "planned_on", "pk"]
        verbose_name = _("production milestone")
        verbose_name_plural = _("production milestones")

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class InspectionResult(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASS = "pass", _("Passed")
    CONDITIONAL = "conditional", _("Passed with conditions")
    FAIL = "fail", _("Failed")


class Inspection(models.Model):
    """The inspection before shipment (our QC or an inspection company)."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="inspections")
    inspector = models.CharField(_("inspector"), max_length=120)
    inspection_date = models.DateField(_("inspection date"))
    result = models.CharField(
        _("result"), max_length=12, choices=InspectionResult.choices, default="pending"
    )
    report = models.FileField(
        _("report"), upload_to="purchasing/inspections/%Y/", blank=True, max_length=200
    )
    remarks = models.TextField(_("remarks"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "-inspection_date", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.order} {self.inspection_date}"


class Receipt(models.Model):
    """Goods received against an order (several per order: partial receipts)."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="receipts")
    number = models.CharField(_("number"), max_length=20, unique=True)
    received_on = models.DateField(_("received on"))
    shipment = models.ForeignKey(
        "shipping.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    delivery_note = models.CharField(_("delivery note"), max_length=60, blank=True)
    quality_result = models.CharField(
        _("quality control"), max_length=12, choices=InspectionResult.choices, default="pass"
    )
    remarks = models.TextField(_("remarks"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "received_on", "pk"]
        verbose_name = _("goods receipt")
        verbose_name_plural = _("goods receipts")

    def __str__(self) -> str:
        return self.number


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    DAMAGED = "damaged", _("Damaged")
    NONCONFORMING = "nonconforming", _("Not conforming")


class ReceiptLine(models.Model):
    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="lines")
    line = models.ForeignKey(PurchaseOrderLine, on_delete=models.PROTECT, related_name="receipts")
    quantity_received = models.DecimalField(
        _("quantity received"), **QUANTITY, validators=[MinValueValidator(ZERO)]
    )
    quantity_accepted = models.DecimalField(
        _("quantity accepted"), **QUANTITY, validators=[MinValueValidator(ZERO)]
    )
    condition = models.CharField(
        _("condition"), max_length=14, choices=Condition.choices, default=Condition.GOOD
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["receipt", "line__position"]
        verbose_name = _("receipt line")
        verbose_name_plural = _("receipt lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_accepted__lte=models.F("quantity_received")),
                name="receipt_accepted_within_received",
            )
        ]

    def __str__(self) -> str:
        return f"{self.receipt} {self.line_id}"


class SupplierClaim(models.Model):
    """A claim to the supplier opened by a receipt's incident, with its deadline."""

    class Kind(models.TextChoices):
        SHORTAGE = "shortage", _("Shortage")
        DAMAGE = "damage", _("Damage")
        NONCONFORMITY = "nonconformity", _("Non-conformity")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("supplier claim status", "Open, to notify")
        NOTIFIED = "notified", _("Notified to the supplier")
        ACCEPTED = "accepted", pgettext_lazy("supplier claim status", "Accepted")
        REJECTED = "rejected", pgettext_lazy("supplier claim status", "Rejected")
        SETTLED = "settled", _("Settled")

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="claims")
    receipt = models.ForeignKey(Receipt, on_delete=models.PROTECT, related_name="claims")
    line = models.ForeignKey(
        PurchaseOrderLine, on_delete=models.PROTECT, related_name="claims", null=True, blank=True
    )
    kind = models.CharField(_("incident"), max_length=14, choices=Kind.choices)
    quantity = models.DecimalField(_("quantity concerned"), **QUANTITY, default=ZERO)
    amount = models.DecimalField(_("amount claimed"), **MONEY, default=ZERO)
    currency = models.CharField(_("currency"), max_length=3)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateField(_("notify before"), db_index=True)
    deadline_basis = models.CharField(_("deadline rule"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    settled_amount = models.DecimalField(_("amount obtained"), **MONEY, null=True, blank=True)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("supplier claim")
        verbose_name_plural = _("supplier claims")

    def __str__(self) -> str:
        return f"{self.order} {self.get_kind_display()}"
