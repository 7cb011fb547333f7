"""Bank guarantees and standby letters of credit (cautions et garanties, URDG 758, ISP98).

Given: our bank guarantees our obligations to a client (bid bond, performance bond,
advance-payment guarantee, retention, warranty). Received: a supplier's bank guarantees
the supplier's obligations to us. The amount in force, the last day for a demand and the
fees come from :mod:`comptoir.trade.guarantees`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class _Money(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: _Money = {"max_digits": 14, "decimal_places": 2}


class Direction(models.TextChoices):
    GIVEN = "given", _("Given (we are the principal)")
    RECEIVED = "received", _("Received (we are the beneficiary)")


class GuaranteeKind(models.TextChoices):
    BID = "bid", _("Bid bond (tender guarantee)")
    PERFORMANCE = "performance", _("Performance bond")
    ADVANCE_PAYMENT = "advance_payment", _("Advance-payment guarantee")
    RETENTION = "retention", _("Retention money guarantee")
    WARRANTY = "warranty", _("Warranty bond")
    PAYMENT = "payment", _("Payment guarantee")
    STANDBY = "standby", _("Standby letter of credit")
    OTHER = "other", _("Other guarantee")


class Rules(models.TextChoices):
    URDG758 = "urdg758", _("URDG 758 (ICC demand guarantees)")
    ISP98 = "isp98", _("ISP98 (ICC standby practices)")
    UCP600 = "ucp600", _("UCP 600 (standby subject to UCP)")
    LOCAL = "local", _("Local law only")


class Structure(models.TextChoices):
    DIRECT = "direct", _("Direct: issued by the bank to the beneficiary")
    INDIRECT = "indirect", _("Indirect: a local bank issues against our bank's counter-guarantee")


class ReleaseHow(models.TextChoices):
    ORIGINAL_RETURNED = "original_returned", _("Original returned to the bank")
    RELEASE_LETTER = "release_letter", _("Beneficiary's release letter")
    EXPIRY = "expiry", _("Expiry (URDG 758 art. 25 b)")
    PAID_IN_FULL = "paid_in_full", _("Paid in full")
    BANK_CONFIRMED = "bank_confirmed", _("Bank confirmed the line is cancelled")


class Guarantee(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested from the bank")
        ISSUED = "issued", pgettext_lazy("guarantee status", "Issued")
        AMENDED = "amended", pgettext_lazy("guarantee status", "Amended")
        CALLED = "called", _("Called (demand received or made)")
        REDUCED = "reduced", pgettext_lazy("guarantee status", "Reduced")
        RELEASED = "released", pgettext_lazy("guarantee status", "Released")
        EXPIRED = "expired", pgettext_lazy("guarantee status", "Expired")

    number = models.CharField(_("number"), max_length=20, unique=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=GuaranteeKind.choices)
    partner = models.ForeignKey(
        "parties.Company",
        verbose_name=_("client or supplier"),
        on_delete=models.PROTECT,
        related_name="bank_guarantees",
        help_text=_("Given: the beneficiary (our client). Received: the principal (our supplier)."),
    )
    rules = models.CharField(_("rules"), max_length=8, choices=Rules.choices, default=Rules.URDG758)
    governing_law = models.CharField(_("governing law"), max_length=80, blank=True)
    structure = models.CharField(
        _("structure"), max_length=8, choices=Structure.choices, default=Structure.DIRECT
    )
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField(_("currency"), max_length=3)
    issuing_bank = models.ForeignKey(
        "parties.Company",
        verbose_name=_("issuing bank"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issuing_bank_name = models.CharField(_("issuing bank"), max_length=200)
    issuing_bank_bic = models.CharField(_("issuing bank's BIC"), max_length=11, blank=True)
    local_bank_name = models.CharField(
        _("local (second) bank"),
        max_length=200,
        blank=True,
        help_text=_("Indirect guarantee: the bank in the beneficiary's country that issues it."),
    )
    local_bank_bic = models.CharField(_("local bank's BIC"), max_length=11, blank=True)
    bank_reference = models.CharField(_("bank's reference"), max_length=40, blank=True)
    presentation_country = models.CharField(
        _("country of presentation"),
        max_length=2,
        default="FR",
        help_text=_("Where a demand is presented: its banking days move the expiry."),
    )
    order = models.ForeignKey(
        "sales.Order",
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bank_guarantees",
    )
    offer = models.ForeignKey(
        "sales.Offer",
        verbose_name=_("offer or tender"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bank_guarantees",
    )
    purchase_reference = models.CharField(
        _("purchase order or contract"),
        max_length=60,
        blank=True,
        help_text=_("Received guarantees: the supplier's contract or our purchase order."),
    )
    #: Received guarantees: the purchase order it secures (purchasing is a layer below: the
    #: id, its number kept in ``purchase_reference``).
    purchase_order_id = models.PositiveIntegerField(_("purchase order"), null=True, blank=True)
    underlying = models.CharField(_("underlying contract"), max_length=200, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True, db_index=True)
    expiry_event = models.CharField(_("expiry event"), max_length=200, blank=True)
    statement_required = models.BooleanField(
        _("demand needs a statement of breach"),
        default=True,
        help_text=_("URDG 758 art. 15 a, unless the guarantee excludes it."),
    )
    fee_rate_pct = models.DecimalField(
        _("bank commission (% per quarter)"),
        max_digits=5,
        decimal_places=3,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("25"))],
    )
    fee_minimum = models.DecimalField(
        _("minimum per quarter"), **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    remind_days = models.PositiveSmallIntegerField(
        _("remind before expiry (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.REQUESTED,
        db_index=True,
    )
    released_on = models.DateField(_("released on"), null=True, blank=True)
    release_how = models.CharField(
        _("released by"), max_length=20, choices=ReleaseHow.choices, blank=True
    )
    expiry_reminded_on = models.DateField(_("expiry reminder on"), null=True, blank=True)
    cancel_asked_on = models.DateField(_("cancellation chased on"), null=True, blank=True)
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
        verbose_name = _("bank guarantee")
        verbose_name_plural = _("bank guarantees")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="guarantee_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("guarantees:guarantee_detail", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.status in LIVE

    @property
    def principal_is_us(self) -> bool:
        return self.direction == Direction.GIVEN


LIVE = frozenset(
    {
        Guarantee.Status.ISSUED,
        Guarantee.Status.AMENDED,
        Guarantee.Status.CALLED,
        Guarantee.Status.REDUCED,
    }
)


class ReductionLine(models.Model):
    """One line of the reduction clause (URDG 758 art. 13): on a date, or on an event once
    the document that shows it is presented."""

    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="reductions")
    on = models.DateField(_("on"), null=True, blank=True)
    event = models.CharField(_("or on the event"), max_length=200, blank=True)
    occurred_on = models.DateField(_("event occurred on"), null=True, blank=True)
    amount_after = models.DecimalField(
        _("amount in force afterwards"), **MONEY, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("reduction")
        verbose_name_plural = _("reductions")

    def __str__(self) -> str:
        return f"{self.guarantee} → {self.amount_after}"


class Amendment(models.Model):
    """A change asked of the bank (amount, expiry, wording): the beneficiary's consent is
    needed for a change against him (URDG 758 art. 11)."""

    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="amendments")
    on = models.DateField(_("date"))
    description = models.CharField(_("what changes"), max_length=300)
    new_amount = models.DecimalField(_("new amount"), **MONEY, null=True, blank=True)
    new_expiry_date = models.DateField(_("new expiry date"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted by the beneficiary"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.guarantee} {self.on}"


class Demand(models.Model):
    """A call on the guarantee: received by the bank (given guarantee) or made by us
    (received guarantee)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Being examined")
        PAID = "paid", pgettext_lazy("demand outcome", "Paid")
        REJECTED = "rejected", _("Rejected as not complying")
        EXTENDED = "extended", _("Withdrawn against an extension (extend or pay)")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    guarantee = models.ForeignKey(Guarantee, on_delete=models.CASCADE, related_name="demands")
    presented_on = models.DateField(_("presented on"))
    amount = models.DecimalField(_("amount demanded"), **MONEY, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3)
    statement_of_breach = models.BooleanField(_("with a statement of breach"), default=True)
    extend_or_pay = models.BooleanField(_("extend or pay"), default=False)
    documents = models.TextField(_("documents presented"), blank=True)
    compliant = models.BooleanField(_("complying on its face"), default=True)
    issues = models.TextField(_("what does not comply"), blank=True)
    examine_by = models.DateField(_("examined by"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    paid_amount = models.DecimalField(
        _("amount paid"), **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["presented_on", "pk"]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")

    def __str__(self) -> str:
        return f"{self.guarantee} {self.presented_on}"


__all__ = [
    "LIVE",
    "Amendment",
    "Demand",
    "Direction",
    "Guarantee",
    "GuaranteeKind",
    "ReductionLine",
    "ReleaseHow",
    "Rules",
    "Structure",
]
