"""Export credit insurance: the policy, the insurer's cover per buyer with its history, and
the threatened-loss declarations with their claim (indemnity, recoveries).

The rules (cover in force, outstanding vs cover, deadlines, indemnity) are in the trade core
(:mod:`comptoir.trade.credit_insurance`); amounts of the policy are in euros, as the French
insurers set their limits.
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

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
PERCENT = [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))]
MONEY: dict[str, int] = {"max_digits": 14, "decimal_places": 2}


class Policy(models.Model):
    insurer = models.CharField(
        _("insurer"),
        max_length=120,
        help_text=_("Allianz Trade, Coface, Atradius, Bpifrance Assurance Export…"),
    )
    number = models.CharField(_("policy number"), max_length=60, unique=True)
    starts_on = models.DateField(_("in force from"))
    ends_on = models.DateField(_("in force until"))
    commercial_share_pct = models.DecimalField(
        _("insured share, commercial risk (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("90"),
        validators=PERCENT,
        help_text=_("Quotité garantie: the share of a covered loss the insurer pays."),
    )
    political_share_pct = models.DecimalField(
        _("insured share, political risk (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    max_credit_days = models.PositiveSmallIntegerField(
        _("maximum credit period (days)"),
        default=120,
        help_text=_("Sales on longer payment terms are not covered. 0: no maximum."),
    )
    threatened_loss_days = models.PositiveSmallIntegerField(
        _("declare a threatened loss within (days after the due date)"),
        default=60,
        validators=[MaxValueValidator(720)],
    )
    waiting_period_days = models.PositiveSmallIntegerField(
        _("waiting period before indemnity (days)"),
        default=150,
        validators=[MaxValueValidator(720)],
        help_text=_("Délai constitutif de sinistre, counted from the declaration."),
    )
    premium_rate_pct = models.DecimalField(
        _("premium rate (% of insured turnover)"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
    )
    discretionary_limit = models.DecimalField(
        _("discretionary limit (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
        help_text=_(
            "Limite discrétionnaire: what we may cover on a buyer without the insurer's "
            "approval. 0: none."
        ),
    )
    refuse_when_cancelled = models.BooleanField(
        _("refuse to confirm orders of a buyer whose cover is cancelled or refused"),
        default=False,
        help_text=_("Off: such orders are only flagged, credit control stays as it is."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Gets the tasks to declare threatened losses."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-ends_on", "insurer"]
        verbose_name = _("credit insurance policy")
        verbose_name_plural = _("credit insurance policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="policy_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(discretionary_limit__gte=0), name="policy_discretionary_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insurer} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("credit_insurance:policy_detail", args=[self.pk])


class CoverState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    REDUCED = "reduced", _("Reduced")
    REFUSED = "refused", pgettext_lazy("cover", "Refused")
    CANCELLED = "cancelled", pgettext_lazy("cover", "Cancelled")


class BuyerCover(models.Model):
    """The insurer's credit limit on one buyer under one policy, as it stands now; every
    request and decision is a :class:`CoverEvent` (and in the record's history)."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="covers")
    buyer = models.ForeignKey(
        "parties.Company",
        verbose_name=_("buyer"),
        on_delete=models.PROTECT,
        related_name="insurance_covers",
    )
    state = models.CharField(_("state"), max_length=10, choices=CoverState.choices)
    requested_amount = models.DecimalField(
        _("amount requested (EUR)"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE
    )
    requested_on = models.DateField(_("requested on"))
    amount = models.DecimalField(
        _("limit granted (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    insurer_reference = models.CharField(_("insurer's reference"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["buyer__name"]
        verbose_name = _("buyer cover")
        verbose_name_plural = _("buyer covers")
        constraints = [
            models.UniqueConstraint(fields=["policy", "buyer"], name="one_cover_per_buyer"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(requested_amount__gte=0),
                name="cover_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} — {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return reverse("credit_insurance:cover_detail", args=[self.pk])


class CoverEvent(models.Model):
    """One step of a buyer's cover: a request, a decision (granted, reduced, refused,
    cancelled), with the insurer's reference."""

    cover = models.ForeignKey(BuyerCover, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(_("step"), max_length=10, choices=CoverState.choices)
    on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE
    )
    insurer_reference = models.CharField(_("insurer's reference"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("cover step")
        verbose_name_plural = _("cover steps")

    def __str__(self) -> str:
        return f"{self.cover} {self.state} {self.on}"


class Declaration(models.Model):
    """A threatened loss declared to the insurer (menace de sinistre), then the claim: the
    indemnity expected and received, recoveries before and after it."""

    class Status(models.TextChoices):
        DECLARED = "declared", _("Threatened loss declared")
        CLAIM = "claim", _("Claim filed")
        INDEMNIFIED = "indemnified", _("Indemnified")
        SETTLED = "settled", _("Paid by the buyer")
        CLOSED = "closed", pgettext_lazy("declaration status", "Closed")

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="declarations")
    buyer = models.ForeignKey(
        "parties.Company",
        verbose_name=_("buyer"),
        on_delete=models.PROTECT,
        related_name="threatened_losses",
    )
    invoices = models.ManyToManyField(
        "sales.Invoice", verbose_name=_("invoices"), blank=True, related_name="+"
    )
    due_date = models.DateField(_("first unpaid due date"))
    deadline = models.DateField(_("declare by"))
    declared_on = models.DateField(_("declared on"))
    late = models.BooleanField(_("declared after the deadline"), default=False)
    amount_declared = models.DecimalField(
        _("amount declared (EUR)"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE
    )
    cover_at_declaration = models.DecimalField(
        _("cover at the declaration (EUR)"),
        max_digits=14,
        decimal_places=2,
        validators=NOT_NEGATIVE,
    )
    insured_share_pct = models.DecimalField(
        _("insured share (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    reference = models.CharField(_("insurer's reference"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DECLARED
    )
    claim_filed_on = models.DateField(_("claim filed on"), null=True, blank=True)
    recovered_before = models.DecimalField(
        _("recovered before the indemnity (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    indemnity_expected = models.DecimalField(
        _("indemnity expected (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    indemnity_expected_on = models.DateField(_("indemnity expected on"))
    uncovered = models.DecimalField(
        _("not covered (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    indemnity_received = models.DecimalField(
        _("indemnity received (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    indemnity_received_on = models.DateField(_("indemnity received on"), null=True, blank=True)
    recovered_after = models.DecimalField(
        _("recovered after the indemnity (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=NOT_NEGATIVE,
    )
    recovered_to_insurer = models.DecimalField(
        _("of which due to the insurer (EUR)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-declared_on", "-pk"]
        verbose_name = _("threatened-loss declaration")
        verbose_name_plural = _("threatened-loss declarations")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_declared__gte=0)
                & Q(indemnity_received__gte=0)
                & Q(recovered_before__gte=0)
                & Q(recovered_after__gte=0),
                name="declaration_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} {self.declared_on} ({self.amount_declared} EUR)"

    def get_absolute_url(self) -> str:
        return reverse("credit_insurance:declaration_detail", args=[self.pk])


__all__ = ["BuyerCover", "CoverEvent", "CoverState", "Declaration", "Policy"]
