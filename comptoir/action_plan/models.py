"""The sales network's contracts (agents, distributors, importers, franchisees) and the yearly
commercial action plan: objectives per zone, country and person, actions across channels.

The commission of an agent stays where sales computes it (``sales.AgentContract``): a network
contract may point to it. The rules (notice, renewal, indemnity, progress) are in the trade
core (:mod:`comptoir.trade.sales_network`). Amounts are in euros.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


class ContractKind(models.TextChoices):
    AGENT = "agent", _("Commercial agent")
    DISTRIBUTOR = "distributor", _("Distributor")
    IMPORTER = "importer", _("Importer-distributor")
    FRANCHISE = "franchise", _("Franchisee")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("contract status", "Draft")
    ACTIVE = "active", pgettext_lazy("contract status", "In force")
    NOTICE = "notice", _("Notice given")
    ENDED = "ended", pgettext_lazy("contract status", "Ended")


def contract_file_path(instance: NetworkContract, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"action_plan/contracts/{instance.partner_id}/{uuid4().hex}{suffix}"


class NetworkContract(models.Model):
    """A contract with an agent or a distributor: territory, products, exclusivity, term and
    renewal, notice, yearly targets, terms in words and the signed copy."""

    partner = models.ForeignKey(
        "parties.Company",
        verbose_name=_("agent or distributor"),
        on_delete=models.PROTECT,
        related_name="network_contracts",
    )
    kind = models.CharField(_("kind of contract"), max_length=12, choices=ContractKind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    countries = models.CharField(
        _("countries"),
        max_length=200,
        blank=True,
        help_text=_("ISO codes separated by commas, e.g. AE, SA, QA."),
    )
    zones = models.ManyToManyField(
        "parties.Zone", verbose_name=_("zones"), blank=True, related_name="+"
    )
    products = models.CharField(
        _("products or categories"),
        max_length=300,
        blank=True,
        help_text=_("What the contract covers; empty: the whole range."),
    )
    exclusive = models.BooleanField(_("exclusive territory"), default=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Empty: an open-ended contract.")
    )
    tacit_renewal = models.BooleanField(_("renewed tacitly"), default=True)
    renewal_months = models.PositiveSmallIntegerField(
        _("renewal period (months)"), default=12, validators=[MaxValueValidator(120)]
    )
    notice_months = models.PositiveSmallIntegerField(
        _("agreed notice (months)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text=_("Empty: the legal minimum for an agent, one month otherwise."),
    )
    non_compete_months = models.PositiveSmallIntegerField(
        _("non-compete after the end (months)"),
        default=0,
        validators=[MaxValueValidator(24)],
        help_text=_("Two years at most for an agent (Code de commerce art. L134-14)."),
    )
    target_revenue_eur = models.DecimalField(
        _("yearly revenue target (EUR)"), **MONEY, default=Decimal("0"), validators=NOT_NEGATIVE
    )
    target_new_clients = models.PositiveIntegerField(_("yearly target of new clients"), default=0)
    terms = models.TextField(
        _("commission or discount terms"),
        blank=True,
        help_text=_("In words, as signed: rates, when due, the distributor's discount."),
    )
    commission = models.ForeignKey(
        "sales.AgentContract",
        verbose_name=_("commission (sales)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The agent's commission as the commission statements compute it."),
    )
    signed_file = models.FileField(
        _("signed contract"), upload_to=contract_file_path, max_length=200, blank=True
    )
    signed_file_name = models.CharField(_("file name"), max_length=200, blank=True)
    signed_file_type = models.CharField(max_length=60, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Gets the tasks before the notice date and the end."),
    )
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    notice_by = models.CharField(_("notice given by"), max_length=10, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name", "-starts_on"]
        verbose_name = _("network contract")
        verbose_name_plural = _("network contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="network_contract_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(target_revenue_eur__gte=0), name="network_target_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("action_plan:contract_detail", args=[self.pk])

    @property
    def country_list(self) -> list[str]:
        return [c.strip().upper() for c in self.countries.split(",") if c.strip()]


class Plan(models.Model):
    """The commercial action plan of a year."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    strategy = models.TextField(
        _("strategy and priorities"),
        blank=True,
        help_text=_("The markets, targets and positioning the plan serves, in a few lines."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("commercial action plan")
        verbose_name_plural = _("commercial action plans")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("action_plan:plan_detail", args=[self.year])


class Objective(models.Model):
    """A yearly objective for a zone, a country, a person or the whole company (nothing
    chosen): revenue, new clients, number of offers, margin."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    zone = models.ForeignKey(
        "parties.Zone",
        verbose_name=_("zone"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Counted on the clients whose account manager is this person."),
    )
    revenue_eur = models.DecimalField(
        _("revenue (EUR)"), **MONEY, default=Decimal("0"), validators=NOT_NEGATIVE
    )
    new_clients = models.PositiveIntegerField(_("new clients"), default=0)
    offers = models.PositiveIntegerField(_("offers sent"), default=0)
    margin_pct = models.DecimalField(
        _("gross margin (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("On accepted offers whose costs are known."),
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "zone__name", "country", "person__username", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.CheckConstraint(
                condition=Q(revenue_eur__gte=0), name="objective_revenue_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.year} {self.scope_label}"

    @property
    def scope(self) -> str:
        if self.person_id:
            return "person"
        if self.country:
            return "country"
        if self.zone_id:
            return "zone"
        return "company"

    @property
    def scope_label(self) -> str:
        if self.person_id and self.person is not None:
            return self.person.get_full_name() or self.person.username
        if self.country:
            from django.utils.translation import get_language

            from comptoir.common.countries import country_name

            return country_name(self.country, (get_language() or "en")[:2])
        if self.zone_id and self.zone is not None:
            return self.zone.name
        return str(_("Whole company"))


class Channel(models.TextChoices):
    FAIR = "fair", _("Trade fair")
    CAMPAIGN = "campaign", _("Prospecting campaign")
    VISIT = "visit", _("Visits and business trip")
    DIGITAL = "digital", _("Digital and newsletter")
    ADVERTISING = "advertising", _("Advertising")
    NETWORK = "network", _("Sales network")
    OTHER = "other", pgettext_lazy("channel", "Other")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("action status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
    DONE = "done", pgettext_lazy("action status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")


class Action(models.Model):
    """An action of the plan: channel, dates, budget and what was spent, owner, status, the
    result expected and the objective it serves. ``event`` or ``campaign`` is the event file
    or prospecting campaign it is (their results show on the action); ``reference`` names it
    in words when there is no such record (a trip, an advertisement)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=200)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    reference = models.CharField(
        _("reference"),
        max_length=120,
        blank=True,
        help_text=_("The fair, campaign or trip this action is, e.g. Ambiente 2027."),
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("fair or event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The event file this action is: its report gives the results."),
    )
    campaign = models.ForeignKey(
        "prospecting.Campaign",
        verbose_name=_("prospecting campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The campaign this action is: its results count here."),
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective served"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    zone = models.ForeignKey(
        "parties.Zone",
        verbose_name=_("zone"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    budget_eur = models.DecimalField(
        _("budget (EUR)"), **MONEY, default=Decimal("0"), validators=NOT_NEGATIVE
    )
    spent_eur = models.DecimalField(
        _("spent (EUR)"), **MONEY, default=Decimal("0"), validators=NOT_NEGATIVE
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    expected_result = models.CharField(_("expected result"), max_length=300, blank=True)
    result = models.TextField(_("result obtained"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("commercial action")
        verbose_name_plural = _("commercial actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="action_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(budget_eur__gte=0) & Q(spent_eur__gte=0),
                name="action_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("action_plan:action_edit", args=[self.plan.year, self.pk])


__all__ = [
    "Action",
    "ActionStatus",
    "Channel",
    "ContractKind",
    "ContractStatus",
    "NetworkContract",
    "Objective",
    "Plan",
]
