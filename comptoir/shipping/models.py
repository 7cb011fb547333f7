"""Shipments: the goods of one or more deliveries on their way, from "ready" to "arrived".

A shipment keeps its own copy of the goods (lines), packages and weights, taken from the
deliveries and their load plan when it is created and corrected by the user afterwards: the
transport documents print these figures, and the consistency check compares them with the
documents already issued. Imports (purchase receipts, when purchasing exists) link here the
same way deliveries do, through their own link table.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Mode(models.TextChoices):
    ROAD_GROUPAGE = "road_groupage", _("Road, groupage (part load)")
    ROAD_FULL = "road_full", _("Road, full truck")
    AIR = "air", _("Air freight")
    EXPRESS = "express", _("Express courier")
    SEA_FCL = "sea_fcl", _("Sea, full container (FCL)")
    SEA_LCL = "sea_lcl", _("Sea, groupage (LCL)")
    RAIL = "rail", _("Rail")
    MULTIMODAL = "multimodal", _("Multimodal")

    @classmethod
    def road(cls) -> set[str]:
        return {cls.ROAD_GROUPAGE.value, cls.ROAD_FULL.value}

    @classmethod
    def sea(cls) -> set[str]:
        return {cls.SEA_FCL.value, cls.SEA_LCL.value}

    @classmethod
    def air(cls) -> set[str]:
        return {cls.AIR.value, cls.EXPRESS.value}


class Direction(models.TextChoices):
    EXPORT = "export", _("Export (we ship)")
    IMPORT = "import", _("Import (we receive)")


class Step(models.TextChoices):
    """The milestones of a shipment, in the order the goods pass them."""

    READY = "ready", _("Goods ready")
    PICKUP = "pickup", _("Picked up")
    EXPORT_CLEARANCE = "export_clearance", _("Export clearance")
    DEPARTURE = "departure", _("Departure")
    TRANSHIPMENT = "transhipment", _("Transhipment")
    ARRIVAL = "arrival", _("Arrival")
    IMPORT_CLEARANCE = "import_clearance", _("Import clearance")
    DELIVERY = "delivery", _("Delivered")
    PROOF_OF_DELIVERY = "pod", _("Proof of delivery received")


#: Steps in the order the goods pass them (a later step cannot be dated before an earlier one).
STEPS_IN_ORDER: tuple[str, ...] = tuple(step.value for step in Step)


class Shipment(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        BOOKED = "booked", _("Booked")
        IN_TRANSIT = "in_transit", _("In transit")
        ARRIVED = "arrived", _("Arrived")
        DELIVERED = "delivered", _("Delivered")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.EXPORT
    )
    mode = models.CharField(_("mode of transport"), max_length=16, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    # The client (export) or the supplier (import): documents and e-mails use their language.
    partner = models.ForeignKey(
        "parties.Company",
        verbose_name=_("client or supplier"),
        on_delete=models.PROTECT,
        related_name="shipments",
    )
    # Empty shipper on an export, empty consignee on an import: our company.
    shipper = models.ForeignKey(
        "parties.Company",
        verbose_name=_("shipper"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: our company."),
    )
    consignee = models.ForeignKey(
        "parties.Company",
        verbose_name=_("consignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty on an export: the client; on an import: our company."),
    )
    consignee_address = models.ForeignKey(
        "parties.Address",
        verbose_name=_("delivery address"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notify = models.ForeignKey(
        "parties.Company",
        verbose_name=_("notify party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    carrier = models.ForeignKey(
        "parties.Company",
        verbose_name=_("carrier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments_carried",
    )
    forwarder = models.ForeignKey(
        "parties.Company",
        verbose_name=_("forwarder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments_forwarded",
    )
    customs_broker = models.ForeignKey(
        "parties.Company",
        verbose_name=_("customs broker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments_cleared",
    )
    incoterm = models.CharField(_("Incoterm"), max_length=3)
    incoterm_place = models.CharField(_("Incoterm place"), max_length=120, blank=True)
    payment_instrument = models.CharField(_("payment instrument"), max_length=16, blank=True)
    origin_country = models.CharField(_("country of departure"), max_length=2)
    destination_country = models.CharField(_("country of destination"), max_length=2)
    place_of_loading = models.CharField(_("place of loading"), max_length=120, blank=True)
    loading_locode = models.CharField(_("UN/LOCODE of loading"), max_length=5, blank=True)
    place_of_discharge = models.CharField(_("place of discharge"), max_length=120, blank=True)
    discharge_locode = models.CharField(_("UN/LOCODE of discharge"), max_length=5, blank=True)
    place_of_delivery = models.CharField(_("place of delivery"), max_length=120, blank=True)
    delivery_locode = models.CharField(_("UN/LOCODE of delivery"), max_length=5, blank=True)
    vessel = models.CharField(_("vessel"), max_length=80, blank=True)
    voyage = models.CharField(_("voyage"), max_length=40, blank=True)
    flight = models.CharField(_("flight"), max_length=40, blank=True)
    transport_document_number = models.CharField(
        _("transport document no. (B/L, AWB, CMR)"), max_length=60, blank=True
    )
    goods_description = models.TextField(_("description of the goods"), blank=True)
    marks_and_numbers = models.TextField(_("marks and numbers"), blank=True)
    packages = models.PositiveIntegerField(_("number of packages"), null=True, blank=True)
    package_kind = models.CharField(_("kind of packages"), max_length=40, blank=True)
    gross_weight_kg = models.DecimalField(
        _("gross weight (kg)"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    net_weight_kg = models.DecimalField(
        _("net weight (kg)"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    volume_m3 = models.DecimalField(
        _("volume (m³)"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    chargeable_weight_kg = models.DecimalField(
        _("chargeable weight (kg)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    loading_metres = models.DecimalField(
        _("loading metres"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    temperature_min_c = models.DecimalField(
        _("minimum temperature (°C)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    temperature_max_c = models.DecimalField(
        _("maximum temperature (°C)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    handling_instructions = models.TextField(_("handling instructions"), blank=True)
    value = models.DecimalField(
        _("value of the goods"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    insured_value = models.DecimalField(
        _("insured value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    # The carriage price agreed with the carrier or forwarder (freight quotes set it when a
    # quote is chosen): claims cap delay compensation at it (CMR art. 23 §5), KPIs divide it.
    freight_cost = models.DecimalField(
        _("freight cost"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    freight_currency = models.CharField(_("freight currency"), max_length=3, blank=True)
    # Steps at which the partner gets an e-mail, stored as ",departure,arrival," (one indexed
    # column that filters the same way on SQLite and PostgreSQL, like company roles).
    notify_steps = models.CharField(
        _("inform the client at"), max_length=200, default=",departure,arrival,", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        constraints = [
            models.CheckConstraint(
                condition=Q(gross_weight_kg__isnull=True)
                | Q(net_weight_kg__isnull=True)
                | Q(gross_weight_kg__gte=models.F("net_weight_kg")),
                name="shipment_gross_not_below_net",
            ),
            models.CheckConstraint(
                condition=Q(temperature_min_c__isnull=True)
                | Q(temperature_max_c__isnull=True)
                | Q(temperature_max_c__gte=models.F("temperature_min_c")),
                name="shipment_temperature_range",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("shipping:shipment_detail", args=[self.pk])

    @property
    def steps_to_notify(self) -> list[str]:
        return [step for step in self.notify_steps.split(",") if step]

    @property
    def is_dangerous(self) -> bool:
        return any(line.un_number for line in self.lines.all())


class ShipmentDelivery(models.Model):
    """A delivery carried by a shipment (a delivery travels in one shipment only)."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="delivery_links")
    delivery = models.OneToOneField(
        "sales.Delivery", on_delete=models.PROTECT, related_name="shipment_link"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.shipment} ← {self.delivery}"


class ShipmentLine(models.Model):
    """The goods as the transport documents describe them."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=300)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    origin_country = models.CharField(_("country of origin"), max_length=2, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    packages = models.PositiveIntegerField(_("packages"), null=True, blank=True)
    package_kind = models.CharField(_("kind of packages"), max_length=40, blank=True)
    net_weight_kg = models.DecimalField(
        _("net weight (kg)"), max_digits=12, decimal_places=3, validators=NOT_NEGATIVE
    )
    gross_weight_kg = models.DecimalField(
        _("gross weight (kg)"), max_digits=12, decimal_places=3, validators=NOT_NEGATIVE
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=NOT_NEGATIVE
    )
    un_number = models.CharField(_("UN number"), max_length=6, blank=True)
    dangerous_class = models.CharField(_("hazard class"), max_length=8, blank=True)
    packing_group = models.CharField(_("packing group"), max_length=3, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class Container(models.Model):
    """A container (or trailer) of the shipment, with its seal and verified gross mass."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="containers")
    number = models.CharField(
        _("container number"), max_length=11, help_text=_("ISO 6346, e.g. MSCU1234566.")
    )
    seal_number = models.CharField(_("seal number"), max_length=40, blank=True)
    equipment_code = models.CharField(_("type"), max_length=20, blank=True)
    packages = models.PositiveIntegerField(_("packages"), null=True, blank=True)
    gross_weight_kg = models.DecimalField(
        _("gross weight of the goods (kg)"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    verified_gross_mass_kg = models.DecimalField(
        _("verified gross mass (kg)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=_("SOLAS VI/2: container, goods and packing, declared before loading."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shipment", "number"], name="container_once_per_shipment"
            )
        ]

    def __str__(self) -> str:
        return self.number


class Milestone(models.Model):
    """A step of the journey: when it is planned and when it happened."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="milestones")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    planned_on = models.DateField(_("planned"), null=True, blank=True, db_index=True)
    actual_at = models.DateTimeField(_("happened"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["shipment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "step"], name="milestone_once_per_step")
        ]
        indexes = [
            # the reporting's periods: one step's milestones that happened (or, not yet,
            # are planned) between two days, read as a range instead of a scan of them all
            models.Index(fields=["step", "actual_at", "shipment"], name="milestone_step_happened"),
            models.Index(fields=["step", "planned_on", "shipment"], name="milestone_step_planned"),
        ]

    def __str__(self) -> str:
        return f"{self.shipment} {self.step}"

    @property
    def rank(self) -> int:
        return STEPS_IN_ORDER.index(self.step)


class TrackingEvent(models.Model):
    """What happened to the goods, entered by hand or read from a forwarder's status report."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        IMPORT = "import", _("Status report file")

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("when"))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, blank=True)
    location = models.CharField(_("place"), max_length=120, blank=True)
    locode = models.CharField(_("UN/LOCODE"), max_length=5, blank=True)
    description = models.CharField(_("event"), max_length=300)
    container_number = models.CharField(_("container"), max_length=11, blank=True)
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MANUAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["shipment", "occurred_at"], name="event_by_shipment")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.description}"


class ShipmentNotice(models.Model):
    """The e-mail telling the partner that the goods reached a step (once per step)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("To send")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent")
        FAILED = "failed", _("Could not be sent")

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="notices")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    recipient = models.EmailField(_("sent to"), blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("triggered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "step"], name="notice_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.shipment} {self.step} {self.status}"


__all__ = [
    "STEPS_IN_ORDER",
    "Container",
    "Direction",
    "Milestone",
    "Mode",
    "Shipment",
    "ShipmentDelivery",
    "ShipmentLine",
    "ShipmentNotice",
    "Step",
    "TrackingEvent",
]
