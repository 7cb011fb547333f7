"""Reads of the supplier panel: lists, the supplier's page, its performance, and the
selectors the tenders and purchasing areas (above) read:

- :func:`supplier_reliability` ``(company) -> Decimal | None``: OTIF in percent (0-100) over
  the last 24 months, None without a recorded delivery;
- :func:`certifications_valid` ``(company, on=date)``: the certifications valid that day;
- :func:`csr_score` ``(company) -> Decimal | None``: share of the CSR checklist met (0-100);
- :func:`supplied_products` ``(product)``: who supplies it, at which current conditions;
- :func:`file_of` ``(company)``: the supplier file or None.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import WithAnnotations

from comptoir.catalog.models import Product
from comptoir.common.dates import today as local_today
from comptoir.parties import selectors as parties_selectors
from comptoir.parties.models import Company, PartyRole
from comptoir.trade import supplier_rating
from comptoir.trade.errors import TradeInputError

from .models import (
    QUALITY_KINDS,
    Audit,
    Certification,
    CorrectiveAction,
    CsrCheck,
    Delivery,
    Incident,
    PanelStatus,
    PricePoint,
    Review,
    SuppliedProduct,
    SupplierFile,
)

#: the statuses whose reminders run (a blocked or phased-out supplier needs none)
ACTIVE_STATUSES = (PanelStatus.PROSPECT, PanelStatus.APPROVED, PanelStatus.CONDITIONAL)
#: a certification expiring within this many days is flagged in the list
EXPIRING_DAYS = 60
#: the window the reliability that tenders read covers
RELIABILITY_MONTHS = 24
#: the CSR checklist (code, label): the ten points the buyers check, from the amfori BSCI
#: code of conduct, the ILO core conventions and the French duty of vigilance (loi 2017-399)
CSR_CHECKLIST = (
    ("code_of_conduct", _("Our supplier code of conduct signed")),
    ("child_labour", _("No child labour (ILO C138, C182)")),
    ("forced_labour", _("No forced labour, free passports and deposits (ILO C29, C105)")),
    ("wages_hours", _("Legal minimum wage and working hours respected")),
    ("health_safety", _("Health and safety: fire exits, protective equipment, training")),
    ("freedom_association", _("Freedom of association (ILO C87, C98)")),
    ("environment", _("Environmental policy: waste, water and emissions managed")),
    ("chemicals", _("Chemicals: REACH and food-contact compliance declared")),
    ("anti_corruption", _("Anti-corruption commitment (Sapin II)")),
    ("subcontracting", _("Subcontractors declared and bound by the same rules")),
)


def csr_checklist() -> tuple[tuple[str, Any], ...]:
    return CSR_CHECKLIST


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def file_of(company: Company | int) -> SupplierFile | None:
    pk = company if isinstance(company, int) else company.pk
    return SupplierFile.objects.filter(company_id=pk).select_related("company").first()


def suppliers_without_file() -> QuerySet[Company]:
    """Companies with the supplier role and no supplier file yet."""
    return (
        Company.objects.with_role(PartyRole.SUPPLIER)
        .filter(supplier_file__isnull=True)
        .order_by("name")
    )


def supplier_list(params: Mapping[str, str], day: dt.date | None = None) -> QuerySet[SupplierFile]:
    """The panel, filtered: ``q`` (name, category), ``category``, ``country``, ``status``,
    ``expiring`` (a certification ending within 60 days or already ended)."""
    day = day or local_today()
    rows = SupplierFile.objects.select_related("company", "buyer").annotate(
        expiring_count=Count(
            "certifications",
            filter=Q(certifications__valid_to__lte=day + dt.timedelta(days=EXPIRING_DAYS)),
            distinct=True,
        ),
        product_count=Count("products", distinct=True),
    )
    q = (params.get("q") or "").strip()[:100]
    if q:
        rows = rows.filter(Q(company__name__icontains=q) | Q(categories__icontains=q))
    category = (params.get("category") or "").strip()[:100]
    if category:
        rows = rows.filter(categories__icontains=category)
    country = (params.get("country") or "").strip().upper()[:2]
    if country:
        rows = rows.filter(company__country=country)
    status = params.get("status") or ""
    if status in PanelStatus.values:
        rows = rows.filter(status=status)
    if params.get("expiring"):
        rows = rows.filter(expiring_count__gt=0)
    return rows.order_by("company__name")


def categories() -> list[str]:
    """Every category used on the files, sorted (for the list's filter)."""
    seen: dict[str, str] = {}
    for text in SupplierFile.objects.values_list("categories", flat=True):
        for name in text.split(","):
            name = name.strip()
            if name:
                seen.setdefault(name.casefold(), name)
    return sorted(seen.values(), key=str.casefold)


def supplier_for_page(pk: int) -> SupplierFile:
    return (
        SupplierFile.objects.select_related("company", "buyer")
        .prefetch_related(
            "certifications",
            Prefetch("audits", queryset=Audit.objects.prefetch_related("actions")),
            Prefetch("products", queryset=SuppliedProduct.objects.select_related("product")),
            "csr_checks",
        )
        .get(pk=pk)
    )


def next_audit_due(supplier: SupplierFile) -> dt.date | None:
    """The last audit + the file's interval; a supplier never audited is due from the day
    its file was opened."""
    last = supplier.audits.order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return supplier.created_at.date() if supplier.created_at else local_today()
    return _add_months(last, supplier.audit_interval_months)


@dataclass(frozen=True)
class CountryRisk:
    level: str
    label: str
    notes: str


def country_risk(supplier: SupplierFile) -> CountryRisk | None:
    sheet = parties_selectors.country_sheet(supplier.company.country)
    if sheet is None or not sheet.risk_level:
        return None
    return CountryRisk(sheet.risk_level, str(sheet.get_risk_level_display()), sheet.risk_notes)


def certification_rows(supplier: SupplierFile, day: dt.date) -> list[dict[str, Any]]:
    rows = []
    for cert in supplier.certifications.all():
        if cert.valid_to is not None and cert.valid_to < day:
            state = "expired"
        elif cert.valid_to is not None and cert.valid_to <= day + dt.timedelta(days=EXPIRING_DAYS):
            state = "expiring"
        elif cert.valid_from is not None and cert.valid_from > day:
            state = "future"
        else:
            state = "valid"
        rows.append({"cert": cert, "state": state})
    return rows


def csr_rows(supplier: SupplierFile) -> list[dict[str, Any]]:
    answers = {c.criterion: c for c in supplier.csr_checks.all()}
    return [
        {"code": code, "label": label, "check": answers.get(code)} for code, label in CSR_CHECKLIST
    ]


def overdue_actions(supplier: SupplierFile, day: dt.date) -> QuerySet[CorrectiveAction]:
    return CorrectiveAction.objects.filter(
        audit__supplier=supplier, status=CorrectiveAction.Status.OPEN, due_on__lt=day
    )


# ---------------------------------------------------------------- read by tenders/purchasing


def supplier_reliability(company: Company, on: dt.date | None = None) -> Decimal | None:
    """OTIF in percent (0-100) over the last 24 months; None without a delivery."""
    return reliabilities([company.pk], on).get(company.pk)


def reliabilities(company_ids: list[int], on: dt.date | None = None) -> dict[int, Decimal | None]:
    """``supplier_reliability`` of several companies in one query (a tender's suppliers)."""
    day = on or local_today()
    since = _add_months(day, -RELIABILITY_MONTHS)
    rows = Delivery.objects.filter(
        supplier__company_id__in=company_ids, delivered_date__gt=since, delivered_date__lte=day
    ).values_list("supplier__company_id", "on_time", "in_full")
    counts: dict[int, list[int]] = {}
    for company_id, on_time, in_full in rows:
        tally = counts.setdefault(company_id, [0, 0])
        tally[0] += 1
        tally[1] += on_time and in_full
    return {
        pk: (Decimal(both) * 100 / Decimal(count)).quantize(Decimal("0.1"))
        for pk, (count, both) in counts.items()
    }


def certifications_valid(company: Company, on: dt.date | None = None) -> QuerySet[Certification]:
    """The certifications valid on ``on`` (today by default)."""
    day = on or local_today()
    return Certification.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        supplier__company=company,
    )


def csr_score(company: Company) -> Decimal | None:
    """Share of the CSR checklist met, in percent; None when the checklist is not filled in
    (an unanswered line counts as not met once any line is answered)."""
    return csr_scores([company.pk]).get(company.pk)


def csr_scores(company_ids: list[int]) -> dict[int, Decimal | None]:
    """``csr_score`` of several companies in one query."""
    codes = {code for code, _label in CSR_CHECKLIST}
    answered: dict[int, int] = {}
    for company_id, code, ok in CsrCheck.objects.filter(
        supplier__company_id__in=company_ids
    ).values_list("supplier__company_id", "criterion", "met"):
        answered[company_id] = answered.get(company_id, 0) + (1 if ok and code in codes else 0)
    return {
        pk: (Decimal(yes) * 100 / Decimal(len(codes))).quantize(Decimal("0.1"))
        for pk, yes in answered.items()
    }


def supplied_products(product: Product, on: dt.date | None = None) -> QuerySet[SuppliedProduct]:
    """The suppliers of ``product`` whose price is valid on ``on``, cheapest first in each
    currency (prices in different currencies are not compared here: tenders do that)."""
    day = on or local_today()
    return (
        SuppliedProduct.objects.filter(product=product, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .exclude(supplier__status__in=[PanelStatus.BLOCKED, PanelStatus.PHASED_OUT])
        .select_related("supplier__company")
        .order_by("currency", "unit_price")
    )


# -------------------------------------------------------------------------- performance


@dataclass
class ProductTrend:
    product: Product
    currency: str
    incoterm: str
    trend: supplier_rating.PriceTrend


@dataclass
class Performance:
    since: dt.date
    until: dt.date
    deliveries: list[Delivery]
    otif: supplier_rating.OtifResult
    lead: supplier_rating.LeadTimeResult
    incidents: list[Incident]
    quality_incidents: int
    incident_rate: Decimal | None
    open_incidents: int
    outcomes: dict[str, int]
    trends: list[ProductTrend] = field(default_factory=list)


def _facts(deliveries: list[Delivery]) -> list[supplier_rating.DeliveryFact]:
    return [
        supplier_rating.DeliveryFact(
            promised=d.promised_date,
            delivered=d.delivered_date,
            ordered=d.quantity_ordered,
            accepted=d.quantity_accepted,
            received=d.quantity_received,
            ordered_on=d.ordered_on,
        )
        for d in deliveries
    ]


def price_trends(supplier: SupplierFile, since: dt.date, until: dt.date) -> list[ProductTrend]:
    """One trend per product, currency and Incoterm (a change of Incoterm is another price)."""
    groups: dict[tuple[int, str, str], list[PricePoint]] = {}
    products: dict[int, Product] = {}
    points = (
        PricePoint.objects.filter(supplier=supplier, day__gte=since, day__lte=until)
        .select_related("product")
        .order_by("product__reference", "day", "pk")[: supplier_rating.MAX_FACTS]
    )
    for point in points:
        groups.setdefault((point.product_id, point.currency, point.incoterm), []).append(point)
        products[point.product_id] = point.product
    trends = []
    for (product_id, currency, incoterm), rows in groups.items():
        trend = supplier_rating.price_trend(
            [supplier_rating.PricePoint(p.day, p.unit_price, p.currency) for p in rows]
        )
        if trend is not None:
            trends.append(ProductTrend(products[product_id], currency, incoterm, trend))
    return trends


def performance(
    supplier: SupplierFile, since: dt.date | None = None, until: dt.date | None = None
) -> Performance:
    """The figures over a period (default: the last twelve months)."""
    until = until or local_today()
    since = since or _add_months(until, -12)
    deliveries = list(
        Delivery.objects.filter(
            supplier=supplier, delivered_date__gte=since, delivered_date__lte=until
        )[: supplier_rating.MAX_FACTS]
    )
    facts = _facts(deliveries)
    result = supplier_rating.otif(
        facts,
        tolerance_days=supplier.on_time_tolerance_days,
        tolerance_pct=supplier.in_full_tolerance_pct,
    )
    lead = supplier_rating.lead_time_reliability(
        facts, tolerance_days=supplier.on_time_tolerance_days
    )
    incidents = list(Incident.objects.filter(supplier=supplier, date__gte=since, date__lte=until))
    quality = sum(1 for i in incidents if i.kind in QUALITY_KINDS)
    outcomes: dict[str, int] = {}
    for incident in incidents:
        outcomes[incident.outcome] = outcomes.get(incident.outcome, 0) + 1
    return Performance(
        since=since,
        until=until,
        deliveries=deliveries,
        otif=result,
        lead=lead,
        incidents=incidents,
        quality_incidents=quality,
        incident_rate=supplier_rating.incident_rate(quality, len(deliveries)),
        open_incidents=outcomes.get("open", 0),
        outcomes=outcomes,
        trends=price_trends(supplier, _add_months(until, -36), until),
    )


@dataclass
class Proposal:
    grades: dict[str, supplier_rating.ProposedGrade]
    figures: dict[str, str | None]


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def review_proposal(supplier: SupplierFile, year: int) -> Proposal:
    """The grades the year's figures propose (January to December, or to today)."""
    since = dt.date(year, 1, 1)
    until = min(dt.date(year, 12, 31), local_today())
    figures = performance(supplier, since, until)
    audit = (
        Audit.objects.filter(supplier=supplier, date__lte=until)
        .order_by("-date")
        .values_list("score", flat=True)
        .first()
    )
    changes = [
        t.trend.change_pct
        for t in price_trends(supplier, since, until)
        if t.trend.change_pct is not None and t.trend.count > 1
    ]
    change = (sum(changes, Decimal(0)) / len(changes)).quantize(Decimal("0.1")) if changes else None
    csr = csr_score(supplier.company)
    audit_score = Decimal(audit) if audit is not None else None
    values = {
        "otif_pct": figures.otif.otif_pct,
        "incident_rate_pct": figures.incident_rate,
        "audit_score": audit_score,
        "price_change_pct": change,
        "csr_pct": csr,
    }
    return Proposal(
        supplier_rating.proposed_grades(**values),
        {
            **{k: _s(v) for k, v in values.items()},
            "deliveries": str(figures.otif.count),
            "incidents": str(len(figures.incidents)),
        },
    )


def grades_from_figures(
    figures: Mapping[str, str | None],
) -> dict[str, supplier_rating.ProposedGrade]:
    """The proposal again from a review's stored figures (for its page, in the reader's
    language)."""

    def dec(name: str) -> Decimal | None:
        value = figures.get(name)
        return Decimal(value) if value else None

    try:
        return supplier_rating.proposed_grades(
            otif_pct=dec("otif_pct"),
            incident_rate_pct=dec("incident_rate_pct"),
            audit_score=dec("audit_score"),
            price_change_pct=dec("price_change_pct"),
            csr_pct=dec("csr_pct"),
        )
    except (TradeInputError, ArithmeticError):
        return {}


def reviews_of(supplier: SupplierFile) -> QuerySet[Review]:
    return supplier.reviews.select_related("reviewer")


def company_panel(company: Company) -> dict[str, Any]:
    """What the company page shows of a supplier (nothing for other companies)."""
    if PartyRole.SUPPLIER not in company.role_list:
        return {}
    supplier = file_of(company)
    if supplier is None:
        return {"supplier_company": company, "supplier_file": None}
    day = local_today()
    return {
        "supplier_company": company,
        "supplier_file": supplier,
        "supplier_reliability": supplier_reliability(company, day),
        "supplier_csr": csr_score(company),
        "supplier_certifications": certification_rows(supplier, day),
        "supplier_products": supplier.products.select_related("product")[:10],
        "supplier_next_audit": next_audit_due(supplier),
        "supplier_review": supplier.reviews.first(),
    }


# ---------------------------------------------------------------------------- reporting


def otif_by_supplier(
    since: dt.date,
    until: dt.date,
    *,
    company_id: int | None = None,
    country: str = "",
) -> QuerySet[WithAnnotations[Delivery], dict[str, Any]]:
    """OTIF per supplier over the deliveries of the period, counted in the database: one row
    per supplier file with ``deliveries``, ``on_time``, ``in_full`` and ``otif`` (both). Each
    delivery's on-time and in-full flags are the ones :func:`comptoir.trade.supplier_rating.
    is_on_time` and ``is_in_full`` set when it was recorded, with the supplier's tolerances,
    as :func:`reliabilities` (the tenders' figure) reads them. The performance page applies
    the rule again with today's tolerances: after a change of tolerance the two differ on the
    deliveries recorded before it."""
    rows = Delivery.objects.filter(delivered_date__gte=since, delivered_date__lte=until)
    if company_id is not None:
        rows = rows.filter(supplier__company_id=company_id)
    if country:
        rows = rows.filter(supplier__company__country=country)
    return (
        rows.values("supplier_id", "supplier__company_id", "supplier__company__name")
        .annotate(
            deliveries=Count("pk"),
            on_time_count=Count("pk", filter=Q(on_time=True)),
            in_full_count=Count("pk", filter=Q(in_full=True)),
            otif_count=Count("pk", filter=Q(on_time=True, in_full=True)),
        )
        .order_by("supplier__company__name", "supplier_id")
    )
