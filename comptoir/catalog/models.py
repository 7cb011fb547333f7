"""Products, their packaging and prices, and the nomenclatures they are classified in (HS 2022,
the EU Combined Nomenclature)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

POSITIVE = [MinValueValidator(Decimal("0"))]


class HsCode(models.Model):
    """One line of the Harmonized System nomenclature (WCO), as imported by ``comptoir hs import``.

    Reference data, replaced as a whole on each import: no history.
    """

    code = models.CharField(_("code"), max_length=10, unique=True)
    description = models.TextField(_("description"))
    parent = models.CharField(_("parent"), max_length=10, blank=True)
    level = models.PositiveSmallIntegerField(_("level"))
    section = models.CharField(_("section"), max_length=5, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")

    def __str__(self) -> str:
        return f"{self.code} {self.description[:60]}"


class CnCode(models.Model):
    """One line of the EU Combined Nomenclature (sections to 8-digit codes), labelled in
    English and French, as loaded by ``comptoir cn import`` (:mod:`comptoir.trade.nomenclature`).

    Reference data, replaced as a whole on each import: no history.
    """

    class Level(models.TextChoices):
        SECTION = "section", _("section")
        CHAPTER = "chapter", _("chapter")
        HEADING = "heading", _("heading")
        SUBHEADING = "subheading", _("subheading")
        CN8 = "cn8", _("CN code")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=8, unique=True)
    display_code = models.CharField(_("code as printed"), max_length=12)
    parent = models.CharField(_("parent"), max_length=8, blank=True)
    description_en = models.TextField(_("description (English)"))
    description_fr = models.TextField(_("description (French)"))
    supplementary_unit = models.CharField(_("supplementary unit"), max_length=20, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("CN code")
        verbose_name_plural = _("CN codes")

    def __str__(self) -> str:
        return f"{self.display_code} {self.description_en[:60]}"


class Product(models.Model):
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    hs_code = models.CharField(
        _("HS code"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("An HS code has exactly 6 digits."))],
        help_text=_("6-digit Harmonized System subheading."),
    )
    cn_code = models.CharField(
        _("CN code"),
        max_length=8,
        blank=True,
        db_index=True,
        validators=[RegexValidator(r"^\d{8}$", _("A CN code has exactly 8 digits."))],
        help_text=_("8-digit Combined Nomenclature code (EU customs, EMEBI)."),
    )
    taric_code = models.CharField(
        _("TARIC code"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{10}$", _("A TARIC code has exactly 10 digits."))],
        help_text=_("Optional: 10 digits, the CN code and 2 TARIC digits (EU import measures)."),
    )
    origin_country = models.CharField(_("country of origin"), max_length=2)
    net_weight_kg = models.DecimalField(
        _("net weight (kg)"), max_digits=10, decimal_places=3, validators=POSITIVE
    )
    gross_weight_kg = models.DecimalField(
        _("gross weight (kg)"), max_digits=10, decimal_places=3, validators=POSITIVE
    )
    length_cm = models.DecimalField(
        _("length (cm)"), max_digits=8, decimal_places=1, null=True, blank=True, validators=POSITIVE
    )
    width_cm = models.DecimalField(
        _("width (cm)"), max_digits=8, decimal_places=1, null=True, blank=True, validators=POSITIVE
    )
    height_cm = models.DecimalField(
        _("height (cm)"), max_digits=8, decimal_places=1, null=True, blank=True, validators=POSITIVE
    )
    units_per_carton = models.PositiveIntegerField(_("units per carton"), null=True, blank=True)
    carton_length_cm = models.DecimalField(
        _("carton length (cm)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    carton_width_cm = models.DecimalField(
        _("carton width (cm)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    carton_height_cm = models.DecimalField(
        _("carton height (cm)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    carton_gross_weight_kg = models.DecimalField(
        _("carton gross weight (kg)"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    cartons_per_pallet = models.PositiveIntegerField(_("cartons per pallet"), null=True, blank=True)
    carton_this_side_up = models.BooleanField(
        _("this side up"),
        default=True,
        help_text=_(
            "The carton must stay upright (arrows on the carton); untick if it may lie on a side."
        ),
    )
    carton_max_load_kg = models.DecimalField(
        _("maximum load on a carton (kg)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Weight one carton can bear on top; 0 = do not stack; empty = no limit."),
    )
    un_number = models.CharField(
        _("UN number"),
        max_length=6,
        blank=True,
        validators=[
            RegexValidator(r"^UN\d{4}$", _("A UN number is UN followed by 4 digits (e.g. UN1263)."))
        ],
        help_text=_("Dangerous goods only (ADR / IMDG / IATA)."),
    )
    dangerous_class = models.CharField(
        _("hazard class"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(
                r"^[1-9](\.[1-6])?[A-G]?$",
                _("A hazard class is a digit 1 to 9, with its division (e.g. 3, 2.1, 6.1)."),
            )
        ],
        help_text=_("ADR / IMDG / IATA class of a dangerous product."),
    )
    packing_group = models.CharField(
        _("packing group"),
        max_length=3,
        blank=True,
        choices=[("I", "I"), ("II", "II"), ("III", "III")],
        help_text=_("I: high danger, II: medium, III: low."),
    )
    cost_price = models.DecimalField(
        _("cost price"), max_digits=14, decimal_places=4, validators=POSITIVE
    )
    cost_currency = models.CharField(_("cost currency"), max_length=3, default="EUR")
    #: When the cost price was last set from a real purchase, and from which (the landed cost
    #: of a goods receipt); empty for a cost price typed by hand.
    cost_price_date = models.DateField(_("cost price of"), null=True, blank=True)
    cost_price_source = models.CharField(_("cost price from"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(gross_weight_kg__gte=models.F("net_weight_kg")),
                name="product_gross_ge_net",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.name_en}"

    def get_absolute_url(self) -> str:
        return reverse("catalog:product_detail", args=[self.pk])

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    def description(self, language: str) -> str:
        return self.description_fr if language == "fr" else self.description_en

    @property
    def is_dangerous(self) -> bool:
        return bool(self.un_number)

    @property
    def full_hs_code(self) -> str:
        """The most detailed code known: TARIC, else CN, else HS."""
        return self.taric_code or self.cn_code or self.hs_code

    @property
    def cn8(self) -> str:
        """The 8-digit Combined Nomenclature code (customs, EMEBI), or "" when not classified."""
        return self.cn_code

    # Until 2026-12 the national code was one field ``hs_national`` (8 or 10 digits); it was
    # split into ``cn_code`` and ``taric_code`` (migration 0005). Kept as a property so that
    # code and tests written against the old field still read and set the code.
    @property
    def hs_national(self) -> str:
        return self.taric_code or self.cn_code

    @hs_national.setter
    def hs_national(self, value: str) -> None:
        digits = "".join(ch for ch in value if ch.isdigit())
        self.cn_code = digits[:8]
        self.taric_code = digits if len(digits) == 10 else ""
        if len(self.cn_code) == 8:
            self.hs_code = self.cn_code[:6]


class PriceList(models.Model):
    """Selling prices for one market in one currency (e.g. "Export USD — North America 2026")."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    currency = models.CharField(_("currency"), max_length=3)
    market = models.CharField(
        _("market"), max_length=120, blank=True, help_text=_("Zone, country or channel.")
    )
    incoterm = models.CharField(_("Incoterm of the prices"), max_length=3, default="EXW")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("price list")
        verbose_name_plural = _("price lists")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="pricelist_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.currency})"

    def get_absolute_url(self) -> str:
        return reverse("catalog:pricelist_detail", args=[self.pk])


class PriceListItem(models.Model):
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="prices"
    )
    min_quantity = models.PositiveIntegerField(_("from quantity"), default=1)
    unit_price = models.DecimalField(
        _("unit price"), max_digits=14, decimal_places=4, validators=POSITIVE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["product__reference", "min_quantity"]
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "product", "min_quantity"], name="pricelist_item_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product.reference} {self.unit_price} {self.price_list.currency}"
