"""The supplier panel: one supplier file per company with the supplier role, its
certifications, audits and corrective actions, CSR checklist, the products it supplies with
their price history, and its performance (deliveries, incidents, yearly review).

The purchasing area above writes deliveries, incidents and prices through
:mod:`comptoir.suppliers.services`; the tenders area reads :mod:`comptoir.suppliers.selectors`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
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


class Instrument(models.TextChoices):
    """How a supplier accepts to be paid (the purchasing side of the payment instruments)."""

    ADVANCE = "advance", _("Advance payment (T/T)")
    LC = "lc", _("Documentary credit (L/C)")
    DP = "dp", _("Documents against payment (D/P)")
    DA = "da", _("Documents against acceptance (D/A)")
    OPEN_ACCOUNT = "open_account", _("Open account (transfer)")
    STANDBY = "standby", _("Open account with a standby L/C")


class PanelStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect (not yet approved)")
    APPROVED = "approved", _("Approved")
    CONDITIONAL = "conditional", _("Approved with conditions")
    BLOCKED = "blocked", _("Blocked (no new orders)")
    PHASED_OUT = "phased_out", _("Phased out")


class SupplierFile(models.Model):
    """What the buyers know about a supplier (one per company)."""

    company = models.OneToOneField(
        "parties.Company",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="supplier_file",
    )
    status = models.CharField(
        _("panel status"),
        max_length=12,
        choices=PanelStatus.choices,
        default=PanelStatus.PROSPECT,
        db_index=True,
    )
    categories = models.CharField(
        _("categories of goods"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas, e.g. enamelled lids, cast iron, packaging."),
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    payment_terms = models.CharField(
        _("payment terms"),
        max_length=200,
        blank=True,
        help_text=_("As agreed, e.g. 30 % deposit, balance against copy of B/L."),
    )
    payment_days = models.PositiveSmallIntegerField(
        _("payment days"), null=True, blank=True, validators=[MaxValueValidator(365)]
    )
    instruments = models.CharField(
        _("payment instruments accepted"),
        max_length=120,
        blank=True,
        help_text=_("Codes separated by commas."),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("usual lead time (days)"), null=True, blank=True, validators=[MaxValueValidator(730)]
    )
    minimum_order = models.CharField(
        _("minimum order"),
        max_length=200,
        blank=True,
        help_text=_("Minimum order value or quantities, e.g. USD 5,000 or one 20' container."),
    )
    audit_interval_months = models.PositiveSmallIntegerField(
        _("audit every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    on_time_tolerance_days = models.PositiveSmallIntegerField(
        _("on-time tolerance (days)"),
        default=0,
        validators=[MaxValueValidator(30)],
        help_text=_("A delivery this many days after the promised date still counts as on time."),
    )
    in_full_tolerance_pct = models.DecimalField(
        _("in-full tolerance (%)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("20"))],
        help_text=_("A delivery this much short of the quantity ordered still counts as full."),
    )
    notes = models.TextField(_("notes"), blank=True)
    audit_task = models.ForeignKey(
        "parties.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["company__name"]
        verbose_name = _("supplier file")
        verbose_name_plural = _("supplier files")

    def __str__(self) -> str:
        return str(self.company)

    def get_absolute_url(self) -> str:
        return reverse("suppliers:supplier_detail", args=[self.pk])

    @property
    def category_list(self) -> list[str]:
        return [c.strip() for c in self.categories.split(",") if c.strip()]

    @property
    def instrument_list(self) -> list[str]:
        return [c for c in self.instruments.split(",") if c]

    def instrument_labels(self) -> list[str]:
        names = dict(Instrument.choices)
        return [str(names.get(c, c)) for c in self.instrument_list]


class CertificationKind(models.TextChoices):
    ISO_9001 = "iso9001", "ISO 9001"
    ISO_14001 = "iso14001", "ISO 14001"
    ISO_45001 = "iso45001", "ISO 45001"
    BSCI = "bsci", "amfori BSCI"
    SA8000 = "sa8000", "SA8000"
    SMETA = "smeta", "SMETA (Sedex)"
    FSC = "fsc", "FSC"
    PEFC = "pefc", "PEFC"
    CE = "ce", _("CE marking (declaration of conformity)")
    FOOD_CONTACT = "food_contact", _("Food contact (EC 1935/2004)")
    OTHER = "other", pgettext_lazy("certification", "Other")


def certificate_path(instance: Certification, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"suppliers/{instance.supplier_id}/{uuid4().hex}{suffix}"


class Certification(models.Model):
    supplier = models.ForeignKey(
        SupplierFile, on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("certification"), max_length=14, choices=CertificationKind.choices)
    other_kind = models.CharField(
        _("name (other)"), max_length=80, blank=True, help_text=_("For “Other”: its name.")
    )
    number = models.CharField(_("certificate no."), max_length=80, blank=True)
    body = models.CharField(_("certification body"), max_length=120, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True, db_index=True)
    file = models.FileField(_("file"), upload_to=certificate_path, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(max_length=60, blank=True)
    task = models.ForeignKey(
        "parties.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_to", "pk"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="certification_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.kind == CertificationKind.OTHER and self.other_kind:
            return self.other_kind
        return str(self.get_kind_display())


class AuditKind(models.TextChoices):
    QUALITY = "quality", _("Quality")
    SOCIAL = "social", _("Social")
    ENVIRONMENTAL = "environmental", _("Environmental")


class Audit(models.Model):
    supplier = models.ForeignKey(SupplierFile, on_delete=models.CASCADE, related_name="audits")
    date = models.DateField(_("audit date"))
    auditor = models.CharField(_("auditor"), max_length=120)
    kind = models.CharField(_("kind of audit"), max_length=14, choices=AuditKind.choices)
    score = models.PositiveSmallIntegerField(_("score /100"), validators=[MaxValueValidator(100)])
    findings = models.TextField(_("findings"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("supplier audit")
        verbose_name_plural = _("supplier audits")
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="audit_score_at_most_100")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class CorrectiveAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("corrective action", "Open")
        DONE = "done", pgettext_lazy("corrective action", "Done")
        CANCELLED = "cancelled", pgettext_lazy("corrective action", "Cancelled")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("corrective action"), max_length=300)
    due_on = models.DateField(_("due by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    task = models.ForeignKey(
        "parties.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")

    def __str__(self) -> str:
        return self.description


class CsrCheck(models.Model):
    """One line of the CSR checklist (the criteria are in :data:`selectors.CSR_CHECKLIST`)."""

    supplier = models.ForeignKey(SupplierFile, on_delete=models.CASCADE, related_name="csr_checks")
    criterion = models.CharField(_("criterion"), max_length=30)
    met = models.BooleanField(_("met"), default=False)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "criterion"], name="csr_check_once")
        ]

    def __str__(self) -> str:
        return self.criterion


class SuppliedProduct(models.Model):
    """A product of our catalogue that the supplier supplies, at its current conditions."""

    supplier = models.ForeignKey(SupplierFile, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("our product"),
        on_delete=models.PROTECT,
        related_name="supplied_by",
    )
    supplier_reference = models.CharField(_("their reference"), max_length=60, blank=True)
    unit_price = models.DecimalField(
        _("unit price"), max_digits=14, decimal_places=4, validators=NOT_NEGATIVE
    )
    currency = models.CharField(_("currency"), max_length=3)
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3)
    incoterm_place = models.CharField(_("named place"), max_length=100)
    moq = models.DecimalField(
        _("minimum order quantity"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), null=True, blank=True, validators=[MaxValueValidator(730)]
    )
    valid_from = models.DateField(_("price valid from"))
    valid_to = models.DateField(_("price valid to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product__reference", "pk"]
        verbose_name = _("supplied product")
        verbose_name_plural = _("supplied products")
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "product"], name="supplied_product_once_per_supplier"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="supplied_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} ({self.supplier})"


class PricePoint(models.Model):
    """A price the supplier asked or we paid, on a day: the price trend reads them."""

    class Source(models.TextChoices):
        PRICE_LIST = "price_list", _("Supplier's price")
        TENDER = "tender", _("Answer to a call for tender")
        ORDER = "order", _("Purchase order")
        INVOICE = "invoice", _("Supplier invoice")

    supplier = models.ForeignKey(SupplierFile, on_delete=models.CASCADE, related_name="prices")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="supplier_prices"
    )
    day = models.DateField(_("date"), db_index=True)
    unit_price = models.DecimalField(
        _("unit price"), max_digits=14, decimal_places=4, validators=NOT_NEGATIVE
    )
    currency = models.CharField(_("currency"), max_length=3)
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    reference = models.CharField(_("reference"), max_length=60, blank=True)

    class Meta:
        ordering = ["day", "pk"]
        verbose_name = _("supplier price")
        verbose_name_plural = _("supplier prices")

    def __str__(self) -> str:
        return f"{self.product} {self.day} {self.unit_price} {self.currency}"


class Delivery(models.Model):
    """A delivery (receipt) of a purchase order, as the performance counts it."""

    supplier = models.ForeignKey(SupplierFile, on_delete=models.CASCADE, related_name="deliveries")
    order_ref = models.CharField(_("order"), max_length=60)
    receipt_ref = models.CharField(_("receipt"), max_length=60, blank=True)
    ordered_on = models.DateField(_("ordered on"), null=True, blank=True)
    promised_date = models.DateField(_("promised date"))
    delivered_date = models.DateField(_("delivered on"), db_index=True)
    quantity_ordered = models.DecimalField(_("quantity ordered"), max_digits=14, decimal_places=3)
    quantity_received = models.DecimalField(
        _("quantity received"), max_digits=14, decimal_places=3, validators=NOT_NEGATIVE
    )
    quantity_accepted = models.DecimalField(
        _("quantity accepted"), max_digits=14, decimal_places=3, validators=NOT_NEGATIVE
    )
    on_time = models.BooleanField(_("on time"), default=False)
    in_full = models.BooleanField(_("in full"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-delivered_date", "-pk"]
        verbose_name = _("supplier delivery")
        verbose_name_plural = _("supplier deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "order_ref", "receipt_ref"], name="delivery_once"
            ),
            models.CheckConstraint(
                condition=Q(quantity_ordered__gt=0)
                & Q(quantity_accepted__lte=models.F("quantity_received")),
                name="delivery_quantities_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_ref} {self.receipt_ref}".strip()

    @property
    def lateness_days(self) -> int:
        return (self.delivered_date - self.promised_date).days


class IncidentKind(models.TextChoices):
    NON_CONFORMITY = "non_conformity", _("Non-conformity (quality)")
    DAMAGE = "damage", pgettext_lazy("supplier incident", "Damage")
    SHORTAGE = "shortage", pgettext_lazy("supplier incident", "Shortage")
    LATE = "late", _("Late delivery")
    DOCUMENTS = "documents", _("Documents wrong or missing")
    OTHER = "other", pgettext_lazy("supplier incident", "Other")


#: incident kinds that count in the quality figure
QUALITY_KINDS = frozenset({"non_conformity", "damage"})


class IncidentOutcome(models.TextChoices):
    OPEN = "open", pgettext_lazy("incident outcome", "Open")
    CREDIT_NOTE = "credit_note", _("Credit note obtained")
    REPLACED = "replaced", _("Goods replaced")
    REWORKED = "reworked", _("Reworked or sorted at the supplier's cost")
    ACCEPTED = "accepted", _("Accepted as is (derogation)")
    REFUSED = "refused", _("Claim refused by the supplier")


class Incident(models.Model):
    supplier = models.ForeignKey(SupplierFile, on_delete=models.CASCADE, related_name="incidents")
    kind = models.CharField(_("kind"), max_length=16, choices=IncidentKind.choices)
    date = models.DateField(_("date"), db_index=True)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    description = models.TextField(_("what happened"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=IncidentOutcome.choices, default=IncidentOutcome.OPEN
    )
    outcome_note = models.CharField(_("outcome details"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("supplier incident")
        verbose_name_plural = _("supplier incidents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class Decision(models.TextChoices):
    DEVELOP = "develop", _("Develop (more business)")
    KEEP = "keep", _("Keep")
    WATCH = "watch", _("Watch (improvement plan)")
    PHASE_OUT = "phase_out", _("Phase out")


class Review(models.Model):
    """The yearly panel review of a supplier: criteria, weights, grades and decision."""

    supplier = models.ForeignKey(SupplierFile, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    #: [{"criterion", "weight", "proposed", "why", "grade"}] in the order of the grid
    grid = models.JSONField(_("grid"), default=list)
    figures = models.JSONField(_("figures"), default=dict)
    score = models.DecimalField(
        _("score /10"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("supplier review")
        verbose_name_plural = _("supplier reviews")
        constraints = [
            models.UniqueConstraint(fields=["supplier", "year"], name="review_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("suppliers:review_detail", args=[self.supplier_id, self.pk])
