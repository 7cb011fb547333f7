"""Currency hedges (forward contracts, bought options) and the payments we expect to make in
a foreign currency.

What we will receive is read from sales (open invoices, confirmed orders, accepted offers);
what we will pay has no purchasing area yet: the user enters it here as expected payments,
each with a free purchase-order reference and a nullable link kept for the purchase orders
of issue 15.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

MONEY: dict[str, int] = {"max_digits": 16, "decimal_places": 2}
POSITIVE = [MinValueValidator(Decimal("0.01"))]
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Hedge(models.Model):
    class Kind(models.TextChoices):
        FORWARD = "forward", _("Forward contract")
        OPTION = "option", _("Option (bought)")

    class Side(models.TextChoices):
        SELL = "sell", _("We sell the currency (covers receipts)")
        BUY = "buy", _("We buy the currency (covers payments)")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("hedge status", "Open")
        DELIVERED = "delivered", _("Delivered")
        EXPIRED = "expired", _("Expired (option not exercised)")
        CANCELLED = "cancelled", pgettext_lazy("hedge status", "Cancelled")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.FORWARD)
    reference = models.CharField(_("bank's deal reference"), max_length=60)
    bank = models.CharField(_("bank"), max_length=120)
    side = models.CharField(_("direction"), max_length=4, choices=Side.choices)
    currency = models.CharField(_("currency"), max_length=3, db_index=True)
    amount = models.DecimalField(
        _("amount in the currency"), max_digits=16, decimal_places=2, validators=POSITIVE
    )
    rate = models.DecimalField(
        _("contract rate (currency per EUR)"),
        max_digits=14,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_("As on the bank's confirmation: EUR/USD 1.0850 means 1 EUR = 1.0850 USD."),
    )
    trade_date = models.DateField(_("trade date"))
    window_from = models.DateField(
        _("usable from"),
        null=True,
        blank=True,
        help_text=_("A forward with a window may be delivered from this day until maturity."),
    )
    maturity = models.DateField(_("maturity"), db_index=True)
    premium_eur = models.DecimalField(
        _("premium paid (EUR)"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    delivered = models.DecimalField(
        _("delivered so far"),
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Gets the task a week before maturity."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["maturity", "pk"]
        verbose_name = _("currency hedge")
        verbose_name_plural = _("currency hedges")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(rate__gt=0), name="hedge_amount_rate_positive"
            ),
            models.CheckConstraint(
                condition=Q(delivered__gte=0) & Q(delivered__lte=F("amount")),
                name="hedge_delivered_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(maturity__gte=F("trade_date")), name="hedge_matures_after_trade"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.side} {self.currency} {self.amount})"

    def get_absolute_url(self) -> str:
        return reverse("fx_exposure:hedge_detail", args=[self.pk])

    @property
    def open_amount(self) -> Decimal:
        if self.status != self.Status.OPEN:
            return Decimal("0")
        return self.amount - self.delivered


class ExpectedPayment(models.Model):
    """A payment we expect to make in a foreign currency (a supplier, a freight invoice)."""

    class Status(models.TextChoices):
        EXPECTED = "expected", _("Expected")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", pgettext_lazy("payment status", "Cancelled")

    currency = models.CharField(_("currency"), max_length=3, db_index=True)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, validators=POSITIVE)
    due_on = models.DateField(_("expected on"))
    supplier = models.ForeignKey(
        "parties.Company",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purchase_reference = models.CharField(
        _("purchase order or invoice reference"), max_length=60, blank=True
    )
    #: The purchase order it comes from, once purchasing exists (issue 15): kept as an id so
    #: that this area needs no model that does not exist yet.
    purchase_order_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    description = models.CharField(_("what for"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.EXPECTED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("expected payment")
        verbose_name_plural = _("expected payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expected_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.amount} {self.due_on}"


__all__ = ["ExpectedPayment", "Hedge"]
