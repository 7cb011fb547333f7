"""Calls for tender (appels d'offres, requests for offers): what we want to buy, from whom we
ask offers, their answers as they arrive, the route costs to our warehouse, the decision.

A tender has lines (a product, a quantity, specifications), a delivery date and place (our
warehouse), the Incoterm and payment terms wanted, a deadline for answers. Each invited
supplier has an invitation (its status: to send, sent, answered, declined; "no answer" once
the deadline has passed) carrying the route costs from that supplier to our warehouse (the
forwarder's quote per shipment, per kg or per m³). An answer gives a unit price per line in
its currency with its Incoterm and place, lead time, payment terms, validity, MOQ, samples.
The comparison (``selectors.comparison``) brings every answer to one cost per unit delivered
in EUR and scores them with the tender's weights; the decision awards each line to one answer
line (``Award``), which the purchasing area reads through ``selectors.awarded_lines``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from comptoir.trade import tender_comparison as core


class CostKind(models.TextChoices):
    PRE_CARRIAGE = core.PRE_CARRIAGE, _("Pre-carriage (loading, to port or airport)")
    EXPORT_CLEARANCE = core.EXPORT_CLEARANCE, _("Export clearance")
    MAIN_FREIGHT = core.MAIN_FREIGHT, _("Main freight")
    INSURANCE = core.INSURANCE, _("Cargo insurance")
    DESTINATION = core.DESTINATION, _("Destination charges (handling, import clearance)")
    ON_CARRIAGE = core.ON_CARRIAGE, _("On-carriage to our warehouse")


class CostBasis(models.TextChoices):
    SHIPMENT = core.SHIPMENT, _("per shipment")
    KG = core.PER_KG, _("per kg gross")
    M3 = core.PER_M3, _("per m³")
    PERCENT = core.PERCENT, _("% of the goods value")


class Tender(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call for tender", "Draft")
        SENT = "sent", pgettext_lazy("call for tender", "Sent")
        DECIDED = "decided", pgettext_lazy("call for tender", "Decided")
        CANCELLED = "cancelled", pgettext_lazy("call for tender", "Cancelled")

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    title = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reply_by = models.DateField(_("answers expected by"))
    delivery_date = models.DateField(_("delivery wanted on"))
    delivery_place = models.CharField(
        _("delivery place"), max_length=200, help_text=_("Our warehouse: address and town.")
    )
    incoterm = models.CharField(_("Incoterm wanted"), max_length=3, default="FCA")
    incoterm_place = models.CharField(_("named place wanted"), max_length=120, blank=True)
    payment_terms = models.CharField(_("payment terms wanted"), max_length=200, blank=True)
    instructions = models.TextField(_("remarks to the suppliers"), blank=True)
    # the weights of the comparison (only their ratios matter)
    weight_price = models.PositiveSmallIntegerField(_("weight of the delivered cost"), default=40)
    weight_quality = models.PositiveSmallIntegerField(_("weight of quality"), default=20)
    weight_lead_time = models.PositiveSmallIntegerField(_("weight of the lead time"), default=15)
    weight_reliability = models.PositiveSmallIntegerField(_("weight of reliability"), default=10)
    weight_payment = models.PositiveSmallIntegerField(_("weight of payment terms"), default=10)
    weight_csr = models.PositiveSmallIntegerField(_("weight of CSR"), default=5)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    rate_day = models.DateField(_("rates of"), null=True, blank=True)
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
        ordering = ["-created_at", "-pk"]
        verbose_name = _("call for tender")
        verbose_name_plural = _("calls for tender")

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("tenders:detail", args=[self.pk])

    @property
    def weights(self) -> dict[str, int]:
        return {c: getattr(self, f"weight_{c}") for c in core.CRITERIA}


class TenderLine(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="tender_lines",
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    specifications = models.TextField(_("specifications"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.product} x {self.quantity}"


class Invitation(models.Model):
    """A supplier asked for an offer, its status and the route costs to our warehouse."""

    class Status(models.TextChoices):
        TO_SEND = "to_send", _("To send")
        SENT = "sent", _("Sent")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined")

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="invitations")
    supplier = models.ForeignKey(
        "parties.Company",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="tender_invitations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TO_SEND
    )
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mail left on"), null=True, blank=True)
    informed_at = models.DateTimeField(_("informed of the decision on"), null=True, blank=True)
    declined_reason = models.CharField(_("reason for declining"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "supplier"], name="tender_invitation_once_per_supplier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tender} → {self.supplier}"


class RouteCost(models.Model):
    """A cost from this supplier to our warehouse (in EUR), from the forwarder's quote."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(_("cost"), max_length=24, choices=CostKind.choices)
    basis = models.CharField(_("basis"), max_length=10, choices=CostBasis.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.get_basis_display()})"


class Answer(models.Model):
    class Samples(models.TextChoices):
        NONE = "none", _("Not asked")
        ASKED = "asked", _("Asked")
        RECEIVED = "received", _("Received")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="answer", verbose_name=_("supplier")
    )
    reference = models.CharField(_("their reference"), max_length=60, blank=True)
    received_on = models.DateField(_("received on"))
    currency = models.CharField(_("currency"), max_length=3)
    incoterm = models.CharField(_("Incoterm"), max_length=3)
    incoterm_place = models.CharField(_("named place"), max_length=120)
    origin_country = models.CharField(_("country of origin"), max_length=2)
    preference_agreement = models.CharField(
        _("preference claimed"),
        max_length=20,
        blank=True,
        help_text=_("The trade agreement, only if the supplier will give a proof of origin."),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), validators=[MaxValueValidator(core.MAX_LEAD_DAYS)]
    )
    payment_terms = models.CharField(_("payment terms"), max_length=200, blank=True)
    payment_days = models.PositiveSmallIntegerField(
        _("days of credit"),
        default=0,
        validators=[MaxValueValidator(core.MAX_PAYMENT_DAYS)],
        help_text=_("0 for payment at order or before shipment; 60 for 60 days after B/L."),
    )
    valid_until = models.DateField(_("valid until"))
    samples = models.CharField(
        _("samples"), max_length=10, choices=Samples.choices, default=Samples.NONE
    )
    quality_grade = models.PositiveSmallIntegerField(
        _("quality grade (0-10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("Your grade of the samples and specifications met; empty: neutral 5."),
    )
    remarks = models.TextField(_("remarks"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("answer to a tender")
        verbose_name_plural = _("answers to tenders")

    def __str__(self) -> str:
        return f"{self.invitation.supplier} {self.reference}".strip()


class AnswerLine(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="lines")
    line = models.ForeignKey(TenderLine, on_delete=models.CASCADE, related_name="answers")
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=4)
    moq = models.DecimalField(
        _("minimum order quantity"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    remarks = models.CharField(_("remarks"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["line__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "line"], name="tender_answer_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.line.position}: {self.unit_price}"


class Award(models.Model):
    """The decision for one tender line: the answer line chosen."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="awards")
    line = models.OneToOneField(TenderLine, on_delete=models.CASCADE, related_name="award")
    answer_line = models.ForeignKey(AnswerLine, on_delete=models.PROTECT, related_name="awards")
    unit_delivered_eur = models.DecimalField(
        _("cost per unit delivered (EUR)"), max_digits=14, decimal_places=4
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["line__position"]

    def __str__(self) -> str:
        return f"{self.tender} {self.line.position}"


__all__ = [
    "Answer",
    "AnswerLine",
    "Award",
    "CostBasis",
    "CostKind",
    "Invitation",
    "RouteCost",
    "Tender",
    "TenderLine",
]
