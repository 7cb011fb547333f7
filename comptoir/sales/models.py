"""Order to cash: our company's identity, offers, orders, deliveries, invoices and payments.

Figures and rules come from the trade core (``comptoir.trade.invoicing``,
``comptoir.trade.receivables``, ``comptoir.trade.pricing``); these models keep the
records. An issued invoice is frozen: its number, lines, parties and PDF never change
(a credit note corrects it), which the model enforces in ``save``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.common.choices import Language
from comptoir.parties.models import Company

ZERO = Decimal("0")


class DecimalSize(TypedDict):
    """Digits of a DecimalField, spread into it with ``**`` (typed, so mypy checks the call)."""

    max_digits: int
    decimal_places: int


MONEY = DecimalSize(max_digits=14, decimal_places=2)
PRICE = DecimalSize(max_digits=14, decimal_places=4)
#: EUR amounts of the sales facts, unrounded (a line amount times an 8-decimal rate).
EUR_FACT = DecimalSize(max_digits=30, decimal_places=12)
PERCENT = [MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))]


class PaymentInstrument(models.TextChoices):
    OPEN_ACCOUNT = "open_account", _("Open account (bank transfer)")
    DOCUMENTARY_COLLECTION = "collection", _("Documentary collection")
    DOCUMENTARY_CREDIT = "lc", _("Documentary credit (L/C)")
    CONFIRMED_CREDIT = "confirmed_lc", _("Confirmed documentary credit")
    ADVANCE_PAYMENT = "advance", _("Advance payment")

    @classmethod
    def secured(cls) -> set[str]:
        """Instruments that secure payment: the credit limit does not apply to them."""
        return {cls.CONFIRMED_CREDIT.value, cls.ADVANCE_PAYMENT.value}


class TransportMode(models.TextChoices):
    ROAD = "road", _("Road")
    SEA = "sea", _("Sea")
    AIR = "air", _("Air")
    RAIL = "rail", _("Rail")
    MULTIMODAL = "multimodal", _("Multimodal")


class SellerProfile(models.Model):
    """Our company as it appears on offers and invoices (one record)."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    legal_form = models.CharField(_("legal form and capital"), max_length=120, blank=True)
    street = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=20)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, default="FR")
    siren = models.CharField(_("SIREN"), max_length=9)
    registry = models.CharField(_("trade registry (RCS)"), max_length=120, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=32)
    eori = models.CharField(_("EORI number"), max_length=17, blank=True)
    rex_number = models.CharField(
        _("REX number"),
        max_length=30,
        blank=True,
        help_text=_("Registered exporter number, printed on statements on origin (e.g. FRREX…)."),
    )
    approved_exporter_number = models.CharField(
        _("approved exporter authorisation"),
        max_length=40,
        blank=True,
        help_text=_("Customs authorisation number for the PEM and EU-Korea origin declarations."),
    )
    iban = models.CharField("IBAN", max_length=34)
    bic = models.CharField("BIC", max_length=11)
    bank_name = models.CharField(_("bank"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    domestic_vat_rate = models.DecimalField(
        _("French VAT rate (%)"), max_digits=5, decimal_places=2, default=Decimal("20")
    )
    ecb_rate = models.DecimalField(
        _("ECB main refinancing rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.15"),
        help_text=_(
            "Rate on 1 January or 1 July; late-payment penalties are this rate + 10 points."
        ),
    )
    max_overdue_days = models.PositiveSmallIntegerField(
        _("credit hold after (days overdue)"),
        default=30,
        help_text=_(
            "An order goes on hold when the client has an invoice overdue longer than this."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("our company")
        verbose_name_plural = _("our company")

    def __str__(self) -> str:
        return self.legal_name

    @classmethod
    def current(cls) -> SellerProfile | None:
        return cls.objects.order_by("pk").first()


class KeyRate(models.Model):
    """The ECB main refinancing rate in force on 1 January or 1 July, as the company entered it
    for a half-year the bundled table (``trade.keyrates``) does not cover (L441-10 II)."""

    half_year_start = models.DateField(_("half-year starting on"), unique=True)
    rate = models.DecimalField(_("ECB main refinancing rate (%)"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-half_year_start"]
        verbose_name = _("ECB key rate")
        verbose_name_plural = _("ECB key rates")

    def __str__(self) -> str:
        return f"{self.half_year_start:%Y-%m-%d}: {self.rate} %"

    def clean(self) -> None:
        day = self.half_year_start
        if day and (day.day != 1 or day.month not in (1, 7)):
            raise ValidationError(
                {"half_year_start": _("A half-year starts on 1 January or 1 July.")}
            )

    @classmethod
    def entered(cls) -> dict[object, Decimal]:
        return dict(cls.objects.values_list("half_year_start", "rate"))


class NumberSequence(models.Model):
    """One gapless counter per kind of document and year, taken under a row lock."""

    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="number_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class VatSpecialCase(models.TextChoices):
    """Sales whose VAT the rules cannot settle alone (``invoicing.SpecialCase``)."""

    NONE = "", _("None")
    CHAIN = "chain", _("Chain sale")
    TRIANGULAR = "triangular", _("Triangular transaction")
    CALL_OFF_STOCK = "call_off_stock", _("Call-off stock")
    BEFORE_IMPORT = "before_import", _("Goods sold before import")


class TermGround(models.TextChoices):
    """Grounds for a payment term beyond Code de commerce L441-10 I (``invoicing.TermBasis``)."""

    FOREIGN_LAW = "foreign_law", _("Contract under a foreign law (or the CISG) with a buyer abroad")
    EXPORT_PURCHASE_90 = (
        "export_purchase_90",
        _("Goods bought VAT-free to be delivered as they are outside the EU: 90 days (L441-11)"),
    )
    OTHER = "other", _("Another ground, written out")


class TradeTerms(models.Model):
    """Commercial terms shared by offers and orders."""

    client = models.ForeignKey(
        Company, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    #: Where the goods go decides the VAT case (CGI art. 258 I a), not the client's country.
    delivery_address = models.ForeignKey(
        "parties.Address",
        verbose_name=_("delivery address"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the goods go. Empty: the client's default delivery address."),
    )
    ship_from_country = models.CharField(
        _("goods leave from (country)"),
        max_length=2,
        default="FR",
        help_text=_(
            "Where the transport to the client begins: our warehouse in France, or a supplier abroad shipping direct."
        ),
    )
    vat_special_case = models.CharField(
        _("special VAT case"),
        max_length=16,
        choices=VatSpecialCase.choices,
        blank=True,
        default="",
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3, default="EXW")
    incoterm_place = models.CharField(_("named place"), max_length=120)
    payment_days = models.PositiveSmallIntegerField(
        _("payment term (days)"), default=30, validators=[MaxValueValidator(365)]
    )
    payment_end_of_month = models.BooleanField(_("end of month"), default=False)
    payment_instrument = models.CharField(
        _("payment instrument"),
        max_length=15,
        choices=PaymentInstrument.choices,
        default=PaymentInstrument.OPEN_ACCOUNT,
    )
    transport_mode = models.CharField(
        _("transport mode"),
        max_length=12,
        choices=TransportMode.choices,
        default=TransportMode.ROAD,
    )
    language = models.CharField(
        _("document language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True


class Offer(TradeTerms):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        SUPERSEDED = "superseded", _("Replaced by a revision")

    number = models.CharField(_("number"), max_length=20, db_index=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revision",
    )
    client = models.ForeignKey(
        Company, verbose_name=_("client"), on_delete=models.PROTECT, related_name="offers"
    )
    contact = models.ForeignKey(
        "parties.Contact",
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    offer_date = models.DateField(_("date"))
    valid_until = models.DateField(_("valid until"))
    lead_time = models.CharField(_("delivery lead time"), max_length=120)
    target_margin_pct = models.DecimalField(
        _("target margin (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("35"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("95"))],
    )
    exchange_rate = models.DecimalField(
        _("exchange rate used"),
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
        help_text=_("Units of the offer currency for 1 EUR, at the rate date."),
    )
    exchange_rate_date = models.DateField(_("rate date"), null=True, blank=True)
    cost_buildup = models.JSONField(
        _("price build-up"), default=dict, blank=True
    )  # the costs and insurance rate of the last build-up applied (internal)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-offer_date", "-number", "-revision"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(fields=["number", "revision"], name="offer_number_revision"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("offer_date")), name="offer_valid_after_date"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("sales:offer_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{self.number}-R{self.revision}" if self.revision > 1 else self.number

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SENT)


class DocumentLine(models.Model):
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("description"), max_length=250, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    unit_price = models.DecimalField(_("unit price"), **PRICE, validators=[MinValueValidator(ZERO)])
    discount_pct = models.DecimalField(
        _("discount (%)"), max_digits=5, decimal_places=2, default=ZERO, validators=PERCENT
    )

    class Meta:
        abstract = True
        ordering = ["pk"]


class OfferLine(DocumentLine):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="lines")
    unit_cost_eur = models.DecimalField(
        _("unit cost (EUR)"), **PRICE, null=True, blank=True
    )  # kept for the margin shown to the user, never printed
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id}"


class Order(TradeTerms):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ON_HOLD = "on_hold", _("On credit hold")
        CONFIRMED = "confirmed", _("Confirmed")
        PARTLY_DELIVERED = "partly_delivered", _("Partly delivered")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("number"), max_length=20, unique=True)
    client = models.ForeignKey(
        Company, verbose_name=_("client"), on_delete=models.PROTECT, related_name="orders"
    )
    offer = models.OneToOneField(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order",
    )
    client_reference = models.CharField(_("client's order reference"), max_length=60)
    order_date = models.DateField(_("order date"))
    requested_date = models.DateField(_("requested delivery date"), null=True, blank=True)
    confirmed_date = models.DateField(_("confirmed delivery date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    hold_reasons = models.TextField(_("hold reasons"), blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    release_reason = models.CharField(_("reason for the release"), max_length=250, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    #: The issue date of the invoice that brought the invoiced amount (net, credit notes
    #: left aside) up to the ordered amount; empty while something is left to invoice.
    #: Kept by the issuing (:func:`comptoir.sales.facts.refresh_invoiced_on`): the backlog
    #: on a day reads only the orders not fully invoiced by then.
    invoiced_on = models.DateField(_("fully invoiced on"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-order_date", "-number"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["invoiced_on", "order_date"], name="order_invoiced_on")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("sales:order_detail", args=[self.pk])


class OrderLine(DocumentLine):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SHIPPED = "shipped", _("Shipped")

    number = models.CharField(_("number"), max_length=20, unique=True)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="deliveries"
    )
    planned_date = models.DateField(_("planned date"))
    shipped_on = models.DateField(_("shipped on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    carrier = models.CharField(_("carrier"), max_length=120, blank=True)
    delivery_address = models.ForeignKey(
        "parties.Address",
        verbose_name=_("delivery address"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the order's delivery address."),
    )
    tracking = models.CharField(_("tracking or transport document no."), max_length=80, blank=True)
    load_plan = models.ForeignKey(
        "logistics.LoadPlan",
        verbose_name=_("load plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-planned_date", "-number"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("sales:delivery_detail", args=[self.pk])


class DeliveryLine(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="deliveries")
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line_id}"


class Invoice(models.Model):
    """An invoice or a credit note. Drafts are free; issuing numbers and freezes it."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    number = models.CharField(_("number"), max_length=20, null=True, blank=True, unique=True)
    client = models.ForeignKey(
        Company, verbose_name=_("client"), on_delete=models.PROTECT, related_name="invoices"
    )
    order = models.ForeignKey(
        Order,
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    delivery = models.ForeignKey(
        Delivery,
        verbose_name=_("delivery"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    credited_invoice = models.ForeignKey(
        "self",
        verbose_name=_("invoice credited"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    issue_date = models.DateField(_("date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    incoterm = models.CharField(_("Incoterm® 2020"), max_length=3, blank=True)
    incoterm_place = models.CharField(_("named place"), max_length=120, blank=True)
    payment_days = models.PositiveSmallIntegerField(_("payment term (days)"), default=30)
    payment_end_of_month = models.BooleanField(_("end of month"), default=False)
    payment_instrument = models.CharField(
        _("payment instrument"),
        max_length=15,
        choices=PaymentInstrument.choices,
        default=PaymentInstrument.OPEN_ACCOUNT,
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    vat_case = models.CharField(_("VAT case"), max_length=16, blank=True)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, default=ZERO)
    vat_mention = models.CharField(_("VAT mention"), max_length=250, blank=True)
    #: The tax facts decided once at issue (case, rate, category, mentions in both languages,
    #: exemption code, dispatch, review points, the EUR rate for VAT); the PDF, the Factur-X
    #: and every credit note read them, never the client's current record.
    tax = models.JSONField(_("tax facts as issued"), default=dict, blank=True)
    vat_total_eur = models.DecimalField(_("VAT in EUR"), **MONEY, null=True, blank=True)
    ship_to = models.JSONField(_("delivery address as issued"), default=dict, blank=True)
    review_note = models.TextField(
        _("VAT points checked"),
        blank=True,
        help_text=_("What you checked on the points the VAT rules could not settle alone."),
    )
    term_basis = models.CharField(
        _("ground for a term beyond the legal ceiling"),
        max_length=20,
        blank=True,
        choices=TermGround.choices,
    )
    term_reason = models.CharField(
        _("reason for a term beyond the legal ceiling"), max_length=250, blank=True
    )
    net_total = models.DecimalField(_("net total"), **MONEY, default=ZERO)
    vat_total = models.DecimalField(_("VAT"), **MONEY, default=ZERO)
    gross_total = models.DecimalField(_("total"), **MONEY, default=ZERO)
    paid_total = models.DecimalField(_("paid"), **MONEY, default=ZERO)
    #: Still due: total − payments − issued credit notes, kept up to date by the billing
    #: services (issue, payment, credit note) so that lists and ageing stay fast.
    balance_due = models.DecimalField(_("balance due"), **MONEY, default=ZERO)
    #: The day the balance reached zero (null while something is due, and for a draft); a
    #: credit note is settled on its date. Recomputed from the payments and credit notes by
    #: the services that record them (:mod:`comptoir.sales.settlement`), so that the
    #: receivables figures of a period read only the invoices still open at its start.
    settled_on = models.DateField(_("settled on"), null=True, blank=True, editable=False)
    eur_rate = models.DecimalField(
        _("EUR per unit of the currency at issue"),
        max_digits=18,
        decimal_places=8,
        default=Decimal("1"),
    )
    seller = models.JSONField(_("seller as issued"), default=dict, blank=True)
    buyer = models.JSONField(_("buyer as issued"), default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=250, blank=True)  # credit notes
    mentions = models.JSONField(_("mentions as issued"), default=list, blank=True)
    pdf = models.BinaryField(_("PDF as issued"), null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    facturx = models.BooleanField(_("Factur-X"), default=False)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["pdf", "settled_on"])

    class Meta:
        ordering = ["-issue_date", "-number", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        indexes = [
            models.Index(fields=["client", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["-issue_date", "-number"], name="invoice_list_order"),
            # the reporting's periods: issued documents by issue date (a range, not a scan
            # of every issued invoice)
            models.Index(fields=["status", "issue_date"], name="invoice_issued_on"),
            models.Index(
                fields=["due_date", "client"],
                condition=Q(balance_due__gt=0),
                name="invoice_open_due",
            ),
            # the receivables of a period: the issued invoices still open at its start
            # (settled_on IS NULL OR settled_on >= its first day, one range each). The
            # settlement day comes first: led by (status, kind), SQLite's planner took it
            # for every "issued invoices" query (the logistics dashboard's slowed down)
            models.Index(fields=["settled_on", "status", "kind"], name="invoice_settled_on"),
            # the credit notes of a period (the receivables' ageing): a few thousand among
            # tens of thousands of invoices. Partial, so that no "issued invoices" query
            # picks it (a plain (kind, status, issue_date) index slowed the logistics page
            # from 0.41 to 0.58 s on SQLite)
            models.Index(
                fields=["status", "issue_date"],
                name="credit_note_issued_on",
                condition=models.Q(kind="credit_note"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False),
                name="issued_invoice_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} ({_('draft')})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            stored = Invoice.objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] == self.Status.ISSUED:
                raise ValidationError(
                    _("An issued invoice cannot be changed: issue a credit note.")
                )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sales:invoice_detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.PROTECT, null=True, blank=True, related_name="invoice_lines"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    description = models.CharField(_("description"), max_length=250)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    origin_country = models.CharField(_("origin"), max_length=2, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    discount_pct = models.DecimalField(
        _("discount (%)"), max_digits=5, decimal_places=2, default=ZERO
    )
    net_amount = models.DecimalField(_("amount"), **MONEY)
    net_weight_kg = models.DecimalField(
        _("net weight (kg)"), max_digits=12, decimal_places=3, default=ZERO
    )
    gross_weight_kg = models.DecimalField(
        _("gross weight (kg)"), max_digits=12, decimal_places=3, default=ZERO
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.reference}"


class SalesFactQuerySet(models.QuerySet["SalesFact"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        """Facts deleted, and the monthly summaries of their months, clients and products
        summed again from the facts left (in one transaction)."""
        from . import facts

        with transaction.atomic():
            touched = facts.touched_by(self)
            deleted = super().delete()
            facts.summarize(touched)
        return deleted


class SalesFact(models.Model):
    """One line of an issued invoice or credit note as the reporting reads it: written in the
    same transaction as the issuing (:func:`comptoir.sales.facts.write_facts`), never changed
    since issued documents never change. What the dashboards and the pivot group and sum by
    is copied here "as invoiced" (the client's country and zone, the agent, the costs on the
    day of issue), so that their queries read one table without joins or subqueries.

    Amounts are in EUR at the document's rate, signed: a credit note's lines are negative
    (quantity, weight, revenue, gross, discount and cost alike)."""

    class CostSource(models.TextChoices):
        OFFER = "offer", _("Cost from the accepted offer")
        PRODUCT = "product", _("Cost price of the product")
        UNKNOWN = "unknown", _("No known cost")

    line = models.OneToOneField(InvoiceLine, on_delete=models.CASCADE, related_name="fact")
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Invoice.Kind.choices)
    issue_date = models.DateField(_("date"))
    month = models.DateField(_("month"))  # the first day of the issue date's month
    client = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="+")
    country = models.CharField(_("country"), max_length=2, blank=True)
    zone = models.ForeignKey(
        "parties.Zone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agent = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    currency = models.CharField(_("currency"), max_length=3)
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3)
    net_weight_kg = models.DecimalField(_("net weight (kg)"), max_digits=16, decimal_places=3)
    revenue_eur = models.DecimalField(_("revenue (EUR)"), **EUR_FACT)
    gross_eur = models.DecimalField(_("before discount (EUR)"), **EUR_FACT)
    discount_eur = models.DecimalField(_("discount (EUR)"), **EUR_FACT)
    unit_cost_eur = models.DecimalField(_("unit cost (EUR)"), **PRICE, null=True, blank=True)
    cost_source = models.CharField(_("cost from"), max_length=8, choices=CostSource.choices)
    cost_eur = models.DecimalField(_("cost (EUR)"), **EUR_FACT, null=True, blank=True)

    objects = SalesFactQuerySet.as_manager()

    class Meta:
        verbose_name = _("sales fact")
        verbose_name_plural = _("sales facts")
        # The dashboard's sums read these indexes alone (covering: the grouped and summed
        # columns after the filtered ones), never the wide fact rows (issue 17).
        indexes = [
            models.Index(
                fields=["issue_date", "kind", "gross_eur", "discount_eur"],
                name="salesfact_day_sums",
            ),
            models.Index(fields=["month", "country"], name="salesfact_month_country"),
            models.Index(
                fields=["month", "issue_date", "zone", "revenue_eur"], name="salesfact_month_sums"
            ),
            models.Index(
                fields=["country", "issue_date", "client", "zone", "revenue_eur"],
                name="salesfact_country_sums",
            ),
            models.Index(fields=["client", "issue_date"], name="salesfact_client_day"),
            models.Index(
                fields=["client", "country", "zone", "issue_date", "revenue_eur"],
                name="salesfact_place",
            ),
            models.Index(
                fields=["product", "issue_date", "cost_source", "revenue_eur", "cost_eur"],
                name="salesfact_product_cost",
            ),
            models.Index(fields=["zone", "issue_date"], name="salesfact_zone_day"),
        ]

    def __str__(self) -> str:
        return f"{self.issue_date} {self.line_id}"


class SalesMonth(models.Model):
    """The sales facts of a month added up per client, country and zone as invoiced, and
    kind (invoice or credit note): what the sales dashboard sums for the whole months of a
    period, a few rows per client and month instead of one per invoice line. Written with
    the facts, in the same transaction (:func:`comptoir.sales.facts.write_facts`), from them
    alone; ``comptoir sales rebuild-facts`` writes both again. Amounts as the facts'."""

    month = models.DateField(_("month"))  # the first day
    client = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="+")
    country = models.CharField(_("country"), max_length=2, blank=True)
    zone = models.ForeignKey(
        "parties.Zone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Invoice.Kind.choices)
    revenue_eur = models.DecimalField(_("revenue (EUR)"), **EUR_FACT)
    gross_eur = models.DecimalField(_("before discount (EUR)"), **EUR_FACT)
    discount_eur = models.DecimalField(_("discount (EUR)"), **EUR_FACT)

    class Meta:
        verbose_name = _("monthly sales")
        verbose_name_plural = _("monthly sales")
        indexes = [
            models.Index(
                fields=["month", "country", "zone", "client", "kind", "revenue_eur"],
                name="salesmonth_month_place",
            ),
            models.Index(fields=["client", "month"], name="salesmonth_client_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.client_id}"


class SalesProductMonth(models.Model):
    """The sales facts of a month added up per product and where the cost comes from: the
    margin of the sales dashboard for whole months. Kept as :class:`SalesMonth` is."""

    month = models.DateField(_("month"))  # the first day
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cost_source = models.CharField(
        _("cost from"), max_length=8, choices=SalesFact.CostSource.choices
    )
    revenue_eur = models.DecimalField(_("revenue (EUR)"), **EUR_FACT)
    cost_eur = models.DecimalField(_("cost (EUR)"), **EUR_FACT, null=True, blank=True)

    class Meta:
        verbose_name = _("monthly sales per product")
        verbose_name_plural = _("monthly sales per product")
        indexes = [
            models.Index(
                fields=["month", "product", "cost_source", "revenue_eur", "cost_eur"],
                name="salesproductmonth_sums",
            ),
            models.Index(fields=["product", "month"], name="salesproductmonth_product"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.product_id}"


class Payment(models.Model):
    client = models.ForeignKey(
        Company, verbose_name=_("client"), on_delete=models.PROTECT, related_name="payments"
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField(_("currency"), max_length=3)
    eur_rate = models.DecimalField(
        _("EUR per unit of the currency"), max_digits=18, decimal_places=8, default=Decimal("1")
    )
    method = models.CharField(_("method"), max_length=40, default="transfer")
    reference = models.CharField(_("bank reference"), max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.received_on})"


class PaymentAllocation(models.Model):
    """The part of a payment settling one invoice, in the invoice's currency."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="allocations")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    exchange_difference_eur = models.DecimalField(
        _("exchange difference (EUR)"), **MONEY, default=ZERO
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.amount} → {self.invoice_id}"


class DunningLevel(models.Model):
    """A step of the company's collection procedure and its letter."""

    level = models.PositiveSmallIntegerField(_("level"), unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    days_after_due = models.PositiveSmallIntegerField(
        _("days after the due date"), validators=[MinValueValidator(1)]
    )
    text_fr = models.TextField(_("letter (French)"))
    text_en = models.TextField(_("letter (English)"))
    hand_over = models.BooleanField(
        _("hand-over"),
        default=False,
        help_text=_("Last step: the file goes to litigation or to the credit insurer."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["level"]
        verbose_name = _("dunning level")
        verbose_name_plural = _("dunning levels")

    def __str__(self) -> str:
        return f"{self.level}. {self.name_en}"

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en


class DunningLetter(models.Model):
    """A reminder sent to a client for one or more overdue invoices, at one level."""

    client = models.ForeignKey(
        Company, verbose_name=_("client"), on_delete=models.PROTECT, related_name="dunning_letters"
    )
    level = models.ForeignKey(DunningLevel, verbose_name=_("level"), on_delete=models.PROTECT)
    invoices = models.ManyToManyField(Invoice, related_name="dunning_letters")
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    email_to = models.CharField(_("sent to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    total_due = models.DecimalField(_("total due"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("dunning letter")
        verbose_name_plural = _("dunning letters")

    def __str__(self) -> str:
        return f"{self.client} · {self.level} · {self.sent_on}"


class AgentContract(models.Model):
    """An agent's territory and commission rate on the paid invoices of its clients."""

    agent = models.ForeignKey(
        Company, verbose_name=_("agent"), on_delete=models.PROTECT, related_name="agent_contracts"
    )
    countries = models.CharField(
        _("countries"),
        max_length=200,
        help_text=_("ISO codes separated by commas, e.g. SA, AE, QA."),
    )
    rate_pct = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agent__name", "-valid_from"]
        verbose_name = _("agent contract")
        verbose_name_plural = _("agent contracts")

    def __str__(self) -> str:
        return f"{self.agent} {self.rate_pct} % ({self.countries})"

    @property
    def country_list(self) -> list[str]:
        return [c.strip().upper() for c in self.countries.split(",") if c.strip()]
