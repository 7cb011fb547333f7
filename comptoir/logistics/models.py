"""Load planning records: the company's container and truck types, and load plans.

The computation lives in the trade core (``comptoir.trade.packing``); these models keep
what the user entered (lines, pallet choice, freight prices) and the plan computed from it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.trade.packing.axles import AxleLayout
from comptoir.trade.packing.limits import MAX_STOPS
from comptoir.trade.packing.plan_result import PlanResult

POSITIVE = [MinValueValidator(Decimal("0.1"))]


class AxleLayoutKind(models.TextChoices):
    SEMI_TRAILER = "semi_trailer", _("Semi-trailer on a tractor (king pin, trailer axles)")
    RIGID = "rigid", _("Rigid truck (front axle, rear axle)")


class Equipment(models.Model):
    """A container or truck type the company ships in, with its inner size and payload."""

    class Kind(models.TextChoices):
        CONTAINER = "container", _("Container")
        TRUCK = "truck", _("Truck or trailer")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    length_cm = models.DecimalField(
        _("inner length (cm)"), max_digits=7, decimal_places=1, validators=POSITIVE
    )
    width_cm = models.DecimalField(
        _("inner width (cm)"), max_digits=7, decimal_places=1, validators=POSITIVE
    )
    height_cm = models.DecimalField(
        _("inner height (cm)"), max_digits=7, decimal_places=1, validators=POSITIVE
    )
    door_height_cm = models.DecimalField(
        _("door height (cm)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("Empty when loaded from the side or the top (curtain-sider)."),
    )
    door_width_cm = models.DecimalField(
        _("door width (cm)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    max_payload_kg = models.DecimalField(
        _("maximum payload (kg)"), max_digits=9, decimal_places=1, validators=POSITIVE
    )
    freight_price = models.DecimalField(
        _("usual freight price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Proposed on new load plans; each plan keeps its own prices."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    is_active = models.BooleanField(_("active"), default=True)
    # Axle loads (trucks): where the body rests and what each support may carry, from the
    # vehicle's papers; the standard types come with editable defaults (Directive 96/53/EC).
    axle_layout = models.CharField(
        _("axle layout"),
        max_length=12,
        choices=AxleLayoutKind.choices,
        blank=True,
        help_text=_("Fill in to have the axle loads of each plan checked."),
    )
    front_support_cm = models.DecimalField(
        _("king pin or front axle (cm from the front wall)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Negative when ahead of the body's front wall."),
    )
    front_tare_kg = models.DecimalField(
        _("empty load on the king pin or front axle (kg)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    front_limit_kg = models.DecimalField(
        _("limit on the king pin or front axle (kg)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    rear_axles_cm = models.DecimalField(
        _("centre of the rear axles (cm from the front wall)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
    )
    rear_tare_kg = models.DecimalField(
        _("empty load on the rear axles (kg)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    rear_limit_kg = models.DecimalField(
        _("limit on the rear axles (kg)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "length_cm", "height_cm"]
        verbose_name = _("container or truck type")
        verbose_name_plural = _("container and truck types")

    def __str__(self) -> str:
        return self.name_en

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    def axle_layout_figures(self) -> AxleLayout | None:
        """The trade core's layout, when every figure is filled in."""
        figures = (
            self.front_support_cm,
            self.front_tare_kg,
            self.front_limit_kg,
            self.rear_axles_cm,
            self.rear_tare_kg,
            self.rear_limit_kg,
        )
        if not self.axle_layout or any(f is None for f in figures):
            return None
        front, rear = (
            ("king pin", "trailer axles")
            if self.axle_layout == AxleLayoutKind.SEMI_TRAILER
            else ("front axle", "rear axle")
        )
        fa, ft, fl, ra, rt, rl = (float(f) for f in figures if f is not None)
        return AxleLayout(front, fa, ft, fl, rear, ra, rt, rl)


class PlanResultField(models.JSONField):
    """A computed plan: stored as its JSON (:meth:`PlanResult.to_json`), read back as a
    :class:`~comptoir.trade.packing.plan_result.PlanResult`, so no reader handles the raw dict."""

    _pyi_private_set_type: PlanResult | None
    _pyi_private_get_type: PlanResult | None

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        data = super().from_db_value(value, expression, connection)
        if isinstance(data, dict) and "units" in data:  # a key lookup reads part of it raw
            return PlanResult.from_json(data)
        return data

    def to_python(self, value: Any) -> Any:
        if isinstance(value, dict):
            return PlanResult.from_json(value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, PlanResult):
            value = value.to_json()
        return super().get_prep_value(value)

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        if isinstance(value, PlanResult):
            value = value.to_json()
        super().validate(value, model_instance)

    def value_to_string(self, obj: models.Model) -> Any:
        value = self.value_from_object(obj)
        return value.to_json() if isinstance(value, PlanResult) else value


class LoadPlan(models.Model):
    """A load plan: goods to ship, how to palletise them and the vehicles to compare."""

    class PalletChoice(models.TextChoices):
        EUR = "eur", _("EUR pallet 120 × 80")
        INDUSTRIAL = "industrial", _("Industrial pallet 120 × 100")
        NONE = "none", _("No pallets: cartons floor-loaded")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not computed")
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Computing")
        DONE = "done", _("Computed")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=120)
    client = models.ForeignKey(
        "parties.Company",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="load_plans",
    )
    destination = models.CharField(_("destination"), max_length=120, blank=True)
    pallet = models.CharField(
        _("pallets"), max_length=12, choices=PalletChoice.choices, default=PalletChoice.EUR
    )
    max_pallet_height_cm = models.DecimalField(
        _("maximum pallet height (cm)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("180"),
        validators=[MinValueValidator(Decimal("40")), MaxValueValidator(Decimal("300"))],
        help_text=_("Deck included; ask the client's warehouse (often 160 to 220 cm)."),
    )
    stackable_pallets = models.BooleanField(
        _("pallets may be stacked"),
        default=False,
        help_text=_("Double-stacking: only when the goods and the packaging allow it."),
    )
    pallet_overhang_cm = models.DecimalField(
        _("overhang allowed (cm per side)"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
        help_text=_(
            "How far cartons may stick out of the pallet deck on each side; 0 = none "
            "(the usual rule: overhanging cartons get crushed)."
        ),
    )
    single_product_pallets = models.BooleanField(
        _("one product per pallet where possible"),
        default=True,
        help_text=_("Whole pallets of one product first; the remainders share mixed pallets."),
    )
    currency = models.CharField(_("currency of the freight prices"), max_length=3, default="EUR")
    prices = models.JSONField(
        _("freight prices"), default=dict, blank=True, help_text=_("Price per equipment code.")
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_message = models.CharField(_("progress"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = PlanResultField(_("result"), null=True, blank=True)
    total_cost = models.DecimalField(
        _("freight cost"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
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
    history = HistoricalRecords(excluded_fields=["progress", "progress_message", "result"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("load plan")
        verbose_name_plural = _("load plans")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("logistics:plan_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"LP-{self.pk:05d}" if self.pk else "LP-new"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class LoadPlanLine(models.Model):
    plan = models.ForeignKey(LoadPlan, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity (units)"), validators=[MinValueValidator(1)])
    #: Multi-drop: the delivery stop of the line's goods (1 = delivered first); the plan
    #: loads the last stop first so that each stop's goods are at the doors.
    stop = models.PositiveSmallIntegerField(
        _("delivery stop"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STOPS)],
        help_text=_("1 = delivered first. The last stop is loaded first, stop 1 at the doors."),
    )
    stop_place = models.CharField(_("consignee or place of the stop"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("load plan line")
        verbose_name_plural = _("load plan lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="load_line_quantity_positive"),
            models.CheckConstraint(
                condition=Q(stop__gte=1) & Q(stop__lte=MAX_STOPS), name="load_line_stop_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product.reference}"
