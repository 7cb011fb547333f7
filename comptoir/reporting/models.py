"""Records of the reporting area (saved pivot views, sales objectives, monthly reports)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class PivotView(models.Model):
    """A pivot a user saved under a name (its spec as checked JSON: ``pivot.spec``); a
    manager shares it with everyone."""

    name = models.CharField(_("name"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="pivot_views",
    )
    shared = models.BooleanField(_("shared with everyone"), default=False)
    spec = models.JSONField(_("pivot"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved pivot view")
        verbose_name_plural = _("saved pivot views")
        indexes = [models.Index(fields=["shared", "name"], name="pivot_view_shared")]

    def __str__(self) -> str:
        return self.name


class SalesObjective(models.Model):
    """A revenue objective (and optionally an order intake objective) in EUR for a year, a
    quarter or a month, for a salesperson, an agent, a zone, a country or the whole company
    (none of them chosen)."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Empty: the whole year (or the month below)."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Empty: the whole year (or the quarter above)."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Counted on the clients whose account manager is this person."),
    )
    agent = models.ForeignKey(
        "parties.Company",
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Counted on the clients of the agent's territory (its agent contracts)."),
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
    revenue_eur = models.DecimalField(
        _("revenue objective (EUR)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    intake_eur = models.DecimalField(
        _("order intake objective (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "quarter", "month", "pk"]
        verbose_name = _("sales objective")
        verbose_name_plural = _("sales objectives")
        indexes = [models.Index(fields=["year"], name="sales_objective_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(month__isnull=True),
                name="sales_objective_quarter_or_month",
            ),
            models.CheckConstraint(
                condition=Q(revenue_eur__gt=0), name="sales_objective_revenue_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label} {self.scope_label}"

    @property
    def scope(self) -> str:
        if self.person_id:
            return "person"
        if self.agent_id:
            return "agent"
        if self.zone_id:
            return "zone"
        if self.country:
            return "country"
        return "company"

    @property
    def scope_label(self) -> str:
        if self.person_id and self.person is not None:
            return self.person.get_full_name() or self.person.username
        if self.agent_id and self.agent is not None:
            return self.agent.name
        if self.zone_id and self.zone is not None:
            return self.zone.name
        if self.country:
            from django.utils.translation import get_language

            from comptoir.common.countries import country_name

            return country_name(self.country, (get_language() or "en")[:2])
        return str(_("Whole company"))

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day the objective covers."""
        if self.month:
            first = dt.date(self.year, self.month, 1)
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if self.quarter:
            first = dt.date(self.year, 3 * self.quarter - 2, 1)
            end_month = 3 * self.quarter
            nxt = dt.date(self.year + (end_month == 12), end_month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)

    @property
    def period_label(self) -> str:
        if self.month:
            return f"{self.year}-{self.month:02d}"
        if self.quarter:
            return f"{self.year} Q{self.quarter}"
        return str(self.year)


#: The longest commentary of a monthly report (about three printed pages).
MAX_COMMENTARY = 6000


class MonthlyReportSettings(models.Model):
    """What the monthly report holds and who receives it (one row for the company, a
    manager's): the dashboards in order, the recipients with the language of their e-mail,
    the language of the PDF, whether the first working day sends it by itself."""

    dashboards = models.JSONField(_("dashboards"), default=list, blank=True)
    #: [{"email": "...", "language": "fr"|"en"}, ...]
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    language = models.CharField(
        _("language of the report"),
        max_length=2,
        choices=[("fr", _("French")), ("en", _("English"))],
        default="fr",
    )
    auto_send = models.BooleanField(_("send automatically on the first working day"), default=False)
    year_to_date = models.BooleanField(_("add the year to date"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly report settings")
        verbose_name_plural = _("monthly report settings")

    def __str__(self) -> str:
        return str(_("Monthly report settings"))


class MonthlyReport(models.Model):
    """The report of one month: the commentary written while it is a draft; once sent, the
    PDF as sent, when and to whom, frozen (a resend sends the same PDF)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", pgettext_lazy("monthly report", "Sent")

    class Job(models.TextChoices):
        PREVIEW = "preview", _("Prepare the PDF")
        SEND = "send", _("Send")

    class JobState(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RENDERING = "rendering", _("Making the PDF")
        READY = "ready", pgettext_lazy("monthly report PDF", "Ready")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    commentary = models.TextField(_("commentary"), blank=True, max_length=MAX_COMMENTARY)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    dashboards = models.JSONField(_("dashboards"), default=list, blank=True)
    pdf = models.BinaryField(_("PDF as sent"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_to = models.JSONField(_("sent to"), default=list, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The PDF made by the job queue (``reporting.tasks.monthly_report_job``), not in a
    # request: what the last job was asked (a draft to look at, or the sending), where it is,
    # its error in French and English; the last draft PDF and what it was made from.
    job = models.CharField(_("job"), max_length=8, choices=Job.choices, blank=True)
    job_state = models.CharField(
        _("state of the PDF"), max_length=10, choices=JobState.choices, blank=True
    )
    job_error = models.JSONField(_("error"), default=dict, blank=True)
    job_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    job_queued_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    draft_pdf = models.BinaryField(_("draft PDF"), null=True, blank=True, editable=False)
    draft_rendered_at = models.DateTimeField(_("draft PDF made at"), null=True, blank=True)
    #: what the draft PDF was made from (commentary and settings), to tell when it is stale
    draft_basis = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=[
            "pdf",
            "draft_pdf",
            "job",
            "job_state",
            "job_error",
            "job_by",
            "job_queued_at",
            "draft_rendered_at",
            "draft_basis",
        ]
    )

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="monthly_report_one_per_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="monthly_report_month"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def job_pending(self) -> bool:
        """A job is waiting or running: the page refreshes itself, no second one is taken."""
        return self.job_state in (self.JobState.QUEUED, self.JobState.RENDERING)

    @property
    def sending(self) -> bool:
        return self.job == self.Job.SEND and self.job_pending

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
