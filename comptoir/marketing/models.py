"""Communication materials: the company's graphic charter, what the catalog does not hold
about a product for its marketing (category, certifications, availability, photos), the
materials made from the catalogue (catalogues, price lists, promotional offers, newsletters)
and the secret links of the product feed."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

#: fonts WeasyPrint finds offline on every Comptoir server (fonts-dejavu-core, which the CI
#: installs; Liberation when present, else DejaVu takes its place): never a web font
FONTS = [
    ("DejaVu Sans", "DejaVu Sans"),
    ("DejaVu Serif", "DejaVu Serif"),
    ("DejaVu Sans Mono", "DejaVu Sans Mono"),
    ("Liberation Sans", "Liberation Sans (Arial)"),
    ("Liberation Serif", "Liberation Serif (Times)"),
]


class Charter(models.Model):
    """Our graphic charter, one record (``current()``), set by a manager; history kept."""

    key = models.PositiveSmallIntegerField(default=1, unique=True, editable=False)
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(_("logo format"), max_length=20, blank=True, editable=False)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#1F4E79")
    secondary_colour = models.CharField(_("secondary colour"), max_length=7, default="#2E75B6")
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#C55A11")
    text_on_primary = models.CharField(
        _("text colour on the primary colour"), max_length=7, default="#FFFFFF"
    )
    heading_font = models.CharField(
        _("heading font"), max_length=40, choices=FONTS, default="DejaVu Sans"
    )
    body_font = models.CharField(
        _("body font"), max_length=40, choices=FONTS, default="DejaVu Sans"
    )
    tagline_fr = models.CharField(_("tagline (French)"), max_length=160, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=160, blank=True)
    footer_fr = models.CharField(_("footer (French)"), max_length=300, blank=True)
    footer_en = models.CharField(_("footer (English)"), max_length=300, blank=True)
    legal_fr = models.TextField(
        _("legal mentions (French)"),
        blank=True,
        help_text=_("Empty: company name, address, SIREN and VAT number from our company data."),
    )
    legal_en = models.TextField(_("legal mentions (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        verbose_name = _("graphic charter")
        verbose_name_plural = _("graphic charters")

    def __str__(self) -> str:
        return str(_("graphic charter"))

    @classmethod
    def current(cls) -> Charter:
        """The charter, or an unsaved one with the default colours when none is set."""
        return cls.objects.filter(key=1).first() or cls()


class ProductProfile(models.Model):
    """What the communication materials say about a product beyond the catalog."""

    class Availability(models.TextChoices):
        IN_STOCK = "in_stock", _("In stock")
        ON_ORDER = "on_order", _("Made to order")
        OUT_OF_STOCK = "out_of_stock", _("Out of stock")
        DISCONTINUED = "discontinued", _("Discontinued")

    product = models.OneToOneField(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="marketing_profile",
    )
    category_fr = models.CharField(_("category (French)"), max_length=80, blank=True)
    category_en = models.CharField(_("category (English)"), max_length=80, blank=True)
    selling_points_fr = models.TextField(_("selling points (French)"), blank=True)
    selling_points_en = models.TextField(_("selling points (English)"), blank=True)
    certifications = models.TextField(
        _("certifications"),
        blank=True,
        help_text=_("One per line, e.g. LFGB food contact, NF EN 12983-1, FSC."),
    )
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability.choices, default="in_stock"
    )
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product__reference"]
        verbose_name = _("product marketing profile")
        verbose_name_plural = _("product marketing profiles")

    def __str__(self) -> str:
        return str(self.product)

    def category(self, language: str) -> str:
        return (self.category_fr if language == "fr" else self.category_en) or self.category_en

    def certification_list(self) -> list[str]:
        return [line.strip() for line in self.certifications.splitlines() if line.strip()]


class ProductVisual(models.Model):
    """A product photo, decoded and re-encoded on upload (bounded, metadata dropped)."""

    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="visuals",
    )
    image = models.BinaryField(_("image"), editable=False)
    content_type = models.CharField(_("format"), max_length=20, editable=False)
    width = models.PositiveIntegerField(_("width (px)"), editable=False)
    height = models.PositiveIntegerField(_("height (px)"), editable=False)
    caption_fr = models.CharField(_("caption (French)"), max_length=200, blank=True)
    caption_en = models.CharField(_("caption (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["image"])

    class Meta:
        ordering = ["product", "order", "pk"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def __str__(self) -> str:
        return self.caption_en or f"{self.product.reference} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("marketing:visual", args=[self.pk])

    def caption(self, language: str) -> str:
        return (self.caption_fr if language == "fr" else self.caption_en) or self.caption_en


class Material(models.Model):
    """A catalogue, a price list, a promotional offer or a newsletter, in French and English."""

    class Kind(models.TextChoices):
        CATALOGUE = "catalogue", _("Catalogue")
        PRICE_LIST = "price_list", _("Price list")
        PROMOTION = "promotion", _("Promotional offer")
        NEWSLETTER = "newsletter", _("Newsletter")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    intro_fr = models.TextField(
        _("text (French)"), blank=True, help_text=_("Paragraphs separated by an empty line.")
    )
    intro_en = models.TextField(_("text (English)"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[("fr", _("French")), ("en", _("English"))],
        default="en",
        help_text=_("The language of the market; both can be downloaded."),
    )
    market = models.CharField(_("market"), max_length=120, blank=True)
    price_list = models.ForeignKey(
        "catalog.PriceList",
        verbose_name=_("price list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        help_text=_("Empty: the price list's. Another currency: converted at the rate date."),
    )
    rate_date = models.DateField(_("exchange rate of"), null=True, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, blank=True)
    place = models.CharField(_("Incoterm place"), max_length=120, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    payment_terms_fr = models.CharField(_("payment terms (French)"), max_length=200, blank=True)
    payment_terms_en = models.CharField(_("payment terms (English)"), max_length=200, blank=True)
    conditions_fr = models.TextField(_("conditions (French)"), blank=True)
    conditions_en = models.TextField(_("conditions (English)"), blank=True)
    call_to_action_fr = models.CharField(_("call to action (French)"), max_length=200, blank=True)
    call_to_action_en = models.CharField(_("call to action (English)"), max_length=200, blank=True)
    discount_percent = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Promotional offers: applied to every product without its own price."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("communication material")
        verbose_name_plural = _("communication materials")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="material_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.title_en}"

    def get_absolute_url(self) -> str:
        return reverse("marketing:material", args=[self.pk])

    def title(self, language: str) -> str:
        return (self.title_fr if language == "fr" else self.title_en) or self.title_en

    def text(self, name: str, language: str) -> str:
        fr, en = getattr(self, f"{name}_fr"), getattr(self, f"{name}_en")
        return str((fr if language == "fr" else en) or en or fr)

    @property
    def output_currency(self) -> str:
        return self.currency or (self.price_list.currency if self.price_list else "")


class MaterialLine(models.Model):
    """A product of a material, in its order; a promotional offer may set its own price."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    promotional_price = models.DecimalField(
        _("promotional price"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["material", "order", "pk"]
        verbose_name = _("product of a material")
        verbose_name_plural = _("products of a material")
        constraints = [
            models.UniqueConstraint(fields=["material", "product"], name="material_product_once")
        ]

    def __str__(self) -> str:
        return f"{self.material_id}: {self.product_id}"


class FeedLink(models.Model):
    """A secret link to the product feed for a website or a marketplace (no login). Only a
    digest of the secret is kept: the link is shown once, when made; revoking ends it."""

    name = models.CharField(_("name"), max_length=120, help_text=_("Who reads it, e.g. website."))
    price_list = models.ForeignKey(
        "catalog.PriceList",
        verbose_name=_("price list"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("begins with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("product feed link")
        verbose_name_plural = _("product feed links")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
