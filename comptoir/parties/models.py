"""Parties and relations: companies with their roles, contacts, activities, tasks, countries."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.common.choices import Language
from comptoir.common.dates import current_language

INCOTERMS_2020 = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
INCOTERM_CHOICES = [(code, code) for code in INCOTERMS_2020]


class PartyRole(models.TextChoices):
    CLIENT = "client", _("Client")
    PROSPECT = "prospect", _("Prospect")
    SUPPLIER = "supplier", _("Supplier")
    CARRIER = "carrier", _("Carrier")
    FORWARDER = "forwarder", _("Freight forwarder")
    CUSTOMS_BROKER = "customs_broker", _("Customs broker")
    AGENT = "agent", _("Agent")
    DISTRIBUTOR = "distributor", _("Distributor")
    BANK = "bank", _("Bank")
    INSURER = "insurer", _("Insurer")


class Zone(models.Model):
    """A sales zone (e.g. "Europe du Nord", "Moyen-Orient") that groups countries and partners."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self) -> str:
        return self.name


class CompanyQuerySet(models.QuerySet["Company"]):
    def with_role(self, role: str) -> CompanyQuerySet:
        return self.filter(roles__contains=f",{role},")


class Company(models.Model):
    """A legal entity we work with, in one or more roles (client, supplier, carrier...)."""

    name = models.CharField(_("name"), max_length=200, db_index=True)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    #: Roles stored as ",client,supplier," so that one LIKE filter works on SQLite and PostgreSQL.
    roles = models.CharField(_("roles"), max_length=200, default=",", db_index=True)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    language = models.CharField(
        _("document language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    vat_number = models.CharField(_("VAT number"), max_length=32, blank=True)
    eori = models.CharField(_("EORI number"), max_length=17, blank=True)
    registration_number = models.CharField(
        _("company registration number"), max_length=40, blank=True
    )
    iban = models.CharField("IBAN", max_length=34, blank=True)
    bic = models.CharField("BIC", max_length=11, blank=True)
    bank_name = models.CharField(_("bank name"), max_length=120, blank=True)
    payment_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"), default=30, help_text=_("0 = payment at order or on receipt.")
    )
    payment_end_of_month = models.BooleanField(_("end of month"), default=False)
    credit_limit = models.DecimalField(
        _("credit limit"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "In the company's currency. 0 = no credit: orders need prepayment or a secured instrument."
        ),
    )
    solvency_notes = models.TextField(_("solvency information"), blank=True)
    default_incoterm = models.CharField(
        _("default Incoterm"), max_length=3, choices=INCOTERM_CHOICES, blank=True
    )
    incoterm_place = models.CharField(_("named place"), max_length=120, blank=True)
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="companies",
    )
    portfolio_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portfolio owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portfolio",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["vat_number"], condition=~Q(vat_number=""), name="company_vat_unique"
            ),
            models.CheckConstraint(
                condition=Q(credit_limit__gte=0), name="company_credit_limit_positive"
            ),
        ]
        indexes = [models.Index(fields=["country", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("parties:company_detail", args=[self.pk])

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]

    @role_list.setter
    def role_list(self, values: list[str]) -> None:
        ordered = [r.value for r in PartyRole if r.value in set(values)]
        self.roles = "," + ",".join(ordered) + ("," if ordered else "")

    def role_labels(self) -> list[str]:
        labels = dict(PartyRole.choices)
        return [str(labels[r]) for r in self.role_list if r in labels]

    def has_role(self, role: str) -> bool:
        return role in self.role_list

    @property
    def payment_terms_warning(self) -> str:
        """The client's usual term beyond the ceiling of Code de commerce L441-10 I, said in
        the user's language (the ground is recorded on each invoice that uses it)."""

        from comptoir.trade import invoicing

        excess = invoicing.payment_term_excess(
            min(self.payment_days, invoicing.MAX_PAYMENT_DAYS), self.payment_end_of_month
        )
        return excess.text(current_language()) if excess else ""

    @property
    def payment_terms_label(self) -> str:
        if self.payment_days == 0:
            return str(_("on receipt"))
        if self.payment_end_of_month:
            return str(_("%(days)s days end of month") % {"days": self.payment_days})
        return str(_("%(days)s days net") % {"days": self.payment_days})


class AddressKind(models.TextChoices):
    BILLING = "billing", _("Billing")
    DELIVERY = "delivery", _("Delivery")


class Address(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(_("kind"), max_length=10, choices=AddressKind.choices)
    label = models.CharField(_("label"), max_length=80, blank=True)
    line1 = models.CharField(_("address"), max_length=200)
    line2 = models.CharField(_("address (continued)"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("state / region"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2)
    is_default = models.BooleanField(_("default"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-is_default", "id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        parts = [
            self.line1,
            self.line2,
            f"{self.postcode} {self.city}".strip(),
            self.region,
            self.country,
        ]
        return ", ".join(p for p in parts if p)


class LawfulBasis(models.TextChoices):
    """GDPR art. 6(1): the legal ground for keeping a person's data."""

    CONSENT = "consent", _("Consent (art. 6.1.a)")
    CONTRACT = "contract", _("Contract (art. 6.1.b)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (art. 6.1.c)")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest (art. 6.1.f)")


class ContactQuerySet(models.QuerySet["Contact"]):
    def active(self) -> ContactQuerySet:
        return self.filter(erased_at__isnull=True)

    def mailable(self) -> ContactQuerySet:
        """People we may send marketing e-mail to: not opted out, not erased, with an address."""
        return self.active().filter(opted_out=False).exclude(email="")


class Contact(models.Model):
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="contacts"
    )
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80)
    position = models.CharField(_("position"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text=_("Stored in E.164 form.")
    )
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("Leave empty to use the company's.")
    )
    lawful_basis = models.CharField(
        _("GDPR lawful basis"),
        max_length=24,
        choices=LawfulBasis.choices,
        default=LawfulBasis.LEGITIMATE_INTEREST,
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    opted_out = models.BooleanField(_("opted out of mailings"), default=False)
    opted_out_at = models.DateTimeField(_("opted out on"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(lawful_basis="consent")
                | Q(consent_date__isnull=False)
                | Q(erased_at__isnull=False),
                name="contact_consent_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("parties:contact_detail", args=[self.pk])

    @property
    def effective_time_zone(self) -> str:
        return self.time_zone or self.company.time_zone


class ActivityKind(models.TextChoices):
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting")
    NOTE = "note", _("Note")


class Activity(models.Model):
    """One exchange with a partner, kept in its history."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="activities"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("details"), blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.subject}"


class Task(models.Model):
    title = models.CharField(_("task"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    due_date = models.DateField(_("due date"), db_index=True)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class CountrySheet(models.Model):
    """What the team knows about doing business in one country (the facts come from CLDR)."""

    class RiskLevel(models.TextChoices):
        LOW = "low", _("Low")
        MODERATE = "moderate", _("Moderate")
        HIGH = "high", _("High")
        VERY_HIGH = "very_high", _("Very high")

    country = models.CharField(_("country"), max_length=2, unique=True)
    business_customs = models.TextField(_("business customs and etiquette"), blank=True)
    intercultural_notes = models.TextField(_("intercultural codes"), blank=True)
    risk_level = models.CharField(
        _("country risk"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    risk_notes = models.TextField(_("risk notes"), blank=True)
    useful_organisations = models.TextField(
        _("useful organisations"),
        blank=True,
        help_text=_("Chamber of commerce, trade agencies, embassy..."),
    )
    ports_airports = models.TextField(_("ports and airports"), blank=True)
    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country"]
        verbose_name = _("country sheet")
        verbose_name_plural = _("country sheets")

    def __str__(self) -> str:
        return self.country
