"""Trade fairs and events: the event file, its checklist from a template, its budget planned
vs actual with receipts, the invitations sent to contacts and the visitors met on the stand.

Companies, contacts, activities and tasks stay in ``parties`` (written through its
services); a visitor keeps links to the company, contact and follow-up task it produced.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class EventKind(models.TextChoices):
    TRADE_FAIR = "trade_fair", _("Trade fair")
    EXHIBITION = "exhibition", _("Exhibition")
    SEMINAR = "seminar", _("Seminar")
    BUSINESS_TRIP = "business_trip", _("Business trip")
    WEBINAR = "webinar", _("Webinar")


class StandType(models.TextChoices):
    OWN = "own", _("Own stand")
    SHARED = "shared", _("Shared stand (pavilion, partner)")
    NONE = "none", _("No stand (visiting)")


class Anchor(models.TextChoices):
    START = "start", _("before/after the opening day")
    END = "end", _("after the closing day")


class Event(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", pgettext_lazy("event status", "Confirmed")
        HELD = "held", _("Held")
        CLOSED = "closed", pgettext_lazy("event status", "Closed")
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=16, choices=EventKind.choices, default=EventKind.TRADE_FAIR
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    starts_on = models.DateField(_("first day"), db_index=True)
    ends_on = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    stand_type = models.CharField(
        _("stand"), max_length=8, choices=StandType.choices, default=StandType.OWN
    )
    hall = models.CharField(_("hall"), max_length=40, blank=True)
    stand_number = models.CharField(_("stand number"), max_length=40, blank=True)
    stand_area_m2 = models.DecimalField(
        _("stand area (m²)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    shared_with = models.CharField(_("stand shared with"), max_length=200, blank=True)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="+"
    )
    lead_target = models.PositiveIntegerField(_("objective: leads"), null=True, blank=True)
    meeting_target = models.PositiveIntegerField(_("objective: meetings"), null=True, blank=True)
    meetings_held = models.PositiveIntegerField(_("meetings held"), default=0)
    objectives = models.TextField(_("objectives"), blank=True)
    sales_window_days = models.PositiveSmallIntegerField(
        _("offers and orders counted for (days after the first day)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
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
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%Y})"

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.pk])

    @property
    def stand(self) -> str:
        parts = [p for p in (self.hall, self.stand_number) if p]
        return " · ".join(parts)


class ChecklistTemplate(models.Model):
    """A reusable list of what to do for a fair, with the day of each item."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self) -> str:
        return self.name


class ChecklistTemplateItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("task"), max_length=200)
    anchor = models.CharField(_("counted from"), max_length=5, choices=Anchor.choices)
    offset_days = models.SmallIntegerField(
        _("days"),
        help_text=_("Negative: before the opening day (-120 = D-120). After the closing day: 7."),
        validators=[MinValueValidator(-730), MaxValueValidator(730)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "anchor", "offset_days", "pk"]
        verbose_name = _("checklist template item")
        verbose_name_plural = _("checklist template items")

    def __str__(self) -> str:
        return self.title


class ChecklistItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="checklist")
    title = models.CharField(_("task"), max_length=200)
    anchor = models.CharField(_("counted from"), max_length=5, choices=Anchor.choices)
    offset_days = models.SmallIntegerField(
        _("days"), validators=[MinValueValidator(-730), MaxValueValidator(730)]
    )
    due_on = models.DateField(_("due on"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.title

    @property
    def planner_label(self) -> str:
        """The planner's notation: "D-120" before the opening, "closing +7" after it."""
        if self.anchor == Anchor.END:
            return gettext("closing %(days)+d") % {"days": self.offset_days}
        return gettext("D%(days)+d") % {"days": self.offset_days}


class BudgetCategory(models.TextChoices):
    SPACE = "space", _("Stand space and registration")
    STAND = "stand", _("Stand design and build")
    TRAVEL = "travel", _("Travel")
    HOTEL = "hotel", _("Hotel and meals")
    SAMPLES = "samples", _("Samples and stand shipping")
    MARKETING = "marketing", _("Marketing materials")
    STAFF = "staff", _("Staff and hostesses")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    """One cost of the event in EUR: what was planned, what was spent."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=10, choices=BudgetCategory.choices)
    label = models.CharField(_("item"), max_length=200)
    planned = models.DecimalField(
        _("planned (EUR)"), max_digits=12, decimal_places=2, validators=NOT_NEGATIVE
    )
    actual = models.DecimalField(
        _("actual (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.label

    @property
    def variance(self) -> Decimal:
        return (self.actual or Decimal("0")) - self.planned


def receipt_path(instance: Receipt, filename: str) -> str:
    """Under MEDIA_ROOT (private): events/<event>/receipts/<random>.<ext>."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"events/{instance.line.event_id}/receipts/{uuid.uuid4().hex}{suffix}"


class Receipt(models.Model):
    """An invoice or a receipt of a budget line (PDF or photo)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(_("file"), upload_to=receipt_path, max_length=200)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    class Status(models.TextChoices):
        TO_SEND = "to_send", _("To send")
        SENT = "sent", pgettext_lazy("invitation", "Sent")
        ACCEPTED = "accepted", pgettext_lazy("invitation", "Will come")
        MAYBE = "maybe", pgettext_lazy("invitation", "Maybe")
        DECLINED = "declined", pgettext_lazy("invitation", "Will not come")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(
        "parties.Contact", verbose_name=_("contact"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("answer"), max_length=10, choices=Status.choices, default=Status.TO_SEND
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_online = models.BooleanField(_("answered through the link"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["event", "contact"], name="invitation_once")]

    def __str__(self) -> str:
        return f"{self.event} → {self.contact}"


ANSWERS = (Invitation.Status.ACCEPTED, Invitation.Status.MAYBE, Invitation.Status.DECLINED)


class Temperature(models.TextChoices):
    HOT = "hot", _("Hot (ready to buy)")
    WARM = "warm", _("Warm (interested)")
    COLD = "cold", _("Cold (information only)")


def card_path(instance: Visitor, filename: str) -> str:
    return f"events/{instance.event_id}/cards/{uuid.uuid4().hex}.jpg"


class Visitor(models.Model):
    """A visitor met on the stand, entered on a phone or tablet (perhaps offline): the
    ``client_id`` made on the device makes a second sending of the same form harmless."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="visitors")
    client_id = models.UUIDField(_("form id"), unique=True)
    company_name = models.CharField(_("company"), max_length=200)
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80)
    position = models.CharField(_("position"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    interest = models.TextField(_("interest"), blank=True)
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("products"), blank=True, related_name="+"
    )
    temperature = models.CharField(_("lead"), max_length=4, choices=Temperature.choices)
    consent = models.BooleanField(_("agrees to be contacted"), default=False)
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    card = models.FileField(_("business card"), upload_to=card_path, max_length=200, blank=True)
    met_at = models.DateTimeField(_("met"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    company = models.ForeignKey(
        "parties.Company",
        verbose_name=_("company in the CRM"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact = models.ForeignKey(
        "parties.Contact",
        verbose_name=_("contact in the CRM"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    existing_company = models.BooleanField(_("company already known"), default=False)
    task = models.ForeignKey(
        "parties.Task",
        verbose_name=_("follow-up task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-met_at", "-pk"]
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.company_name}".strip()


class Deal(models.Model):
    """An offer or an order attributed to the event by hand (one the window does not find,
    e.g. from a visitor's group company)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deals")
    offer = models.ForeignKey(
        "sales.Offer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    order = models.ForeignKey(
        "sales.Order", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("deal from the event")
        verbose_name_plural = _("deals from the event")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offer__isnull=False) | models.Q(order__isnull=False),
                name="event_deal_offer_or_order",
            )
        ]

    def __str__(self) -> str:
        return str(self.offer or self.order)
