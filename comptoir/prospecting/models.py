"""Prospecting: target lists (from the CRM or a file), e-mail and call campaigns, each
recipient's state and outcome, bounces and replies, addresses that must not be written to
again, and the sales linked to a campaign."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.common.choices import Language
from comptoir.parties.models import Company, Contact

#: Bounds of the sending job.
MIN_BATCH, MAX_BATCH = 1, 500
MAX_PAUSE_SECONDS = 3600


class CompanySize(models.TextChoices):
    """Size bands of the EU recommendation 2003/361/EC (staff headcount)."""

    MICRO = "micro", _("Micro (fewer than 10)")
    SMALL = "small", _("Small (10-49)")
    MEDIUM = "medium", _("Medium (50-249)")
    LARGE = "large", _("Large (250 and more)")


class CompanyProfile(models.Model):
    """What prospecting knows of a company beyond the CRM: its sector (NACE Rev. 2 / NAF
    rév. 2 code) and its size band, for building target lists."""

    company = models.OneToOneField(
        Company, on_delete=models.CASCADE, related_name="prospect_profile"
    )
    sector = models.CharField(_("sector (NACE/NAF code)"), max_length=10, blank=True, db_index=True)
    size = models.CharField(_("size"), max_length=10, choices=CompanySize.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prospect profile")
        verbose_name_plural = _("prospect profiles")

    def __str__(self) -> str:
        return f"{self.company} {self.sector}".strip()


class TargetList(models.Model):
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    #: set instead of deleting a list that a started campaign went to (its recipients and
    #: results stay readable); an archived list is no longer offered for a new campaign
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("target list")
        verbose_name_plural = _("target lists")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("prospecting:list_detail", args=[self.pk])


class MatchState(models.TextChoices):
    NONE = "none", _("No match: new company")
    PROPOSED = "proposed", _("Match proposed")
    ACCEPTED = "accepted", _("Same company (accepted)")
    REFUSED = "refused", _("Not the same (refused)")
    LINKED = "linked", _("In the CRM")


class Target(models.Model):
    """One company (and person) of a list: taken from the CRM (``company`` set, state
    ``linked``) or read from a file (the columns kept as read, a match proposed)."""

    target_list = models.ForeignKey(TargetList, on_delete=models.CASCADE, related_name="targets")
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    #: the same target twice in one list is refused (trade.prospecting.target_key)
    key = models.CharField(max_length=260)
    company_name = models.CharField(_("company"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    sector = models.CharField(_("sector (NACE/NAF code)"), max_length=10, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=CompanySize.choices, blank=True)
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=32, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("company in the CRM"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    match = models.CharField(
        _("match"), max_length=10, choices=MatchState.choices, default=MatchState.NONE
    )
    proposed = models.ForeignKey(
        Company,
        verbose_name=_("proposed match"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    match_reason = models.CharField(_("why"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target_list", "row", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["target_list", "key"], name="target_once_per_list")
        ]

    def __str__(self) -> str:
        person = f"{self.first_name} {self.last_name}".strip()
        return f"{self.company_name} — {person}" if person else self.company_name


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    CALL = "call", _("Telephone")


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CALLING = "calling", _("Calls under way")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=120)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    target_list = models.ForeignKey(
        TargetList,
        verbose_name=_("target list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    #: where the body comes from ("" typed here; "newsletter" built by marketing...)
    origin = models.CharField(_("origin"), max_length=40, blank=True)
    subject_fr = models.CharField(_("subject (French)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_fr = models.TextField(_("message or call script (French)"), blank=True)
    body_en = models.TextField(_("message or call script (English)"), blank=True)
    html = models.BooleanField(_("HTML message"), default=False)
    cost = models.DecimalField(
        _("cost"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    batch_size = models.PositiveSmallIntegerField(
        _("e-mails per batch"),
        default=50,
        validators=[MinValueValidator(MIN_BATCH), MaxValueValidator(MAX_BATCH)],
    )
    pause_seconds = models.PositiveIntegerField(
        _("pause between batches (seconds)"),
        default=60,
        validators=[MaxValueValidator(MAX_PAUSE_SECONDS)],
    )
    results_window_days = models.PositiveSmallIntegerField(
        _("offers and orders counted for (days after sending)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    started_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="campaign_cost_positive"),
            models.CheckConstraint(
                condition=Q(batch_size__gte=MIN_BATCH) & Q(batch_size__lte=MAX_BATCH),
                name="campaign_batch_bounded",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("prospecting:campaign_detail", args=[self.pk])

    def subject(self, language: str) -> str:
        return self.subject_fr if language == "fr" and self.subject_fr else self.subject_en

    def body(self, language: str) -> str:
        return self.body_fr if language == "fr" and self.body_fr else self.body_en


class RecipientState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    EXCLUDED = "excluded", _("Excluded")
    TO_CALL = "to_call", _("To call")
    CALLED = "called", _("Called")


class CallOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", _("No answer")
    CALL_BACK = "call_back", _("Call back")
    NOT_INTERESTED = "not_interested", _("Not interested")
    INTERESTED = "interested", _("Interested")
    MEETING = "meeting", _("Meeting booked")
    WRONG_NUMBER = "wrong_number", _("Wrong number")


class Recipient(models.Model):
    """One address (e-mail) or one person to call in a campaign. The state moves
    queued -> sending -> sent | failed in its own transactions, so a job that stops
    half-way resumes with what is not sent, and nobody gets the campaign twice."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="+"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: the normalised e-mail address (e-mail), or "contact:<id>" / "company:<id>" (calls)
    address = models.CharField(_("address"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    lawful_basis = models.CharField(_("lawful basis"), max_length=24, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=RecipientState.choices, default=RecipientState.QUEUED
    )
    error = models.CharField(_("error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    bounced = models.CharField(_("bounce"), max_length=4, blank=True)  # "hard" | "soft"
    replied_at = models.DateTimeField(_("replied on"), null=True, blank=True)
    opted_out_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CallOutcome.choices, blank=True)
    outcome_at = models.DateTimeField(_("called on"), null=True, blank=True)
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "id"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            # never twice to the same address in one campaign
            models.UniqueConstraint(
                fields=["campaign", "address"], name="recipient_once_per_campaign"
            )
        ]
        indexes = [models.Index(fields=["campaign", "state"])]

    def __str__(self) -> str:
        return self.address if "@" in self.address else str(self.contact or self.company)


class EventKind(models.TextChoices):
    HARD_BOUNCE = "hard_bounce", _("Hard bounce (address does not exist)")
    SOFT_BOUNCE = "soft_bounce", _("Soft bounce (mailbox full, server down)")
    REPLY = "reply", _("Reply")
    UNSUBSCRIBE = "unsubscribe", _("Unsubscribed")


class MailEvent(models.Model):
    """A bounce, a reply or an unsubscription, recorded by hand, from a file or by the
    unsubscribe page."""

    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    recipient = models.ForeignKey(
        Recipient, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    address = models.CharField(_("address"), max_length=254)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("bounce or reply")
        verbose_name_plural = _("bounces and replies")

    def __str__(self) -> str:
        return f"{self.address} {self.kind}"


class BlockedAddress(models.Model):
    """An address no campaign writes to again: it bounced hard (it does not exist)."""

    address = models.CharField(_("address"), max_length=254, unique=True)
    reason = models.CharField(_("reason"), max_length=200)
    blocked_at = models.DateTimeField(_("blocked on"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["address"]
        verbose_name = _("blocked address")
        verbose_name_plural = _("blocked addresses")

    def __str__(self) -> str:
        return self.address


class LinkedSale(models.Model):
    """An offer or an order that came from a campaign, linked by hand."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="linked_sales")
    offer = models.ForeignKey(
        "sales.Offer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    order = models.ForeignKey(
        "sales.Order", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("linked offer or order")
        verbose_name_plural = _("linked offers and orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=False) | Q(order__isnull=False),
                name="linked_sale_has_one",
            ),
            models.UniqueConstraint(
                fields=["campaign", "offer"],
                condition=Q(offer__isnull=False),
                name="linked_offer_once",
            ),
            models.UniqueConstraint(
                fields=["campaign", "order"],
                condition=Q(order__isnull=False),
                name="linked_order_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.offer or self.order)
