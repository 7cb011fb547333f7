"""The action plan as a document: the facts gathered once, in the active language, for
:mod:`comptoir.documents.action_plan` to render."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from comptoir.common.dates import current_language, today
from comptoir.documents import action_plan as document
from comptoir.documents.charts import ChartSeries, bar_chart, month_names
from comptoir.sales.models import SellerProfile

from . import selectors
from .models import Plan


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} %"


def shown_months(year: int) -> int:
    """How many months of ``year`` have figures: all of a past year, none of a future one."""
    now = today()
    return 12 if year < now.year else (now.month if year == now.year else 0)


def progress_chart(
    monthly: Sequence[Decimal],
    cumulative: Sequence[Decimal],
    target: Sequence[Decimal],
    year: int,
    title: str,
) -> SafeString:
    """The year's bars of the month, its running total and the target spread over the year
    (drawn only when there is one), in the reader's language."""
    shown = shown_months(year)
    language = current_language()
    figures = [m for m in monthly[:shown]] + [c for c in cumulative[:shown]]
    has_target = any(target)
    if not any(figures) and not has_target:
        bars: list[ChartSeries] = []
        lines: list[ChartSeries] = []
    else:
        bars = [ChartSeries(_("Invoiced in the month"), _months(monthly, shown))]
        lines = [ChartSeries(_("Invoiced since 1 January"), _months(cumulative, shown))]
        if has_target:
            lines.append(ChartSeries(_("Target"), _months(target, 12)))
    return bar_chart(
        title=title,
        categories=month_names(language),
        series=bars,
        lines=lines,
        language=language,
        empty=_("No revenue and no target for this year yet."),
        kind="money",
        currency="EUR",
        desc=_(
            "Bars: revenue invoiced in each month; solid line: invoiced since 1 January; "
            "dashed line: the target spread over the year."
        ),
    )


def _months(values: Sequence[Decimal], shown: int) -> tuple[Decimal | None, ...]:
    return tuple(values[i] if i < shown and i < len(values) else None for i in range(12))


def progress_months(
    monthly: Sequence[Decimal],
    cumulative: Sequence[Decimal],
    target: Sequence[Decimal],
    year: int,
) -> list[dict[str, Any]]:
    """The chart's exact figures for the table beside it: per month, the revenue of the
    month and since 1 January (None for the months to come) and the target to date."""
    shown = shown_months(year)
    names = month_names(current_language())
    has_target = any(target)
    return [
        {
            "month": names[i],
            "monthly": monthly[i] if i < shown and i < len(monthly) else None,
            "cumulative": cumulative[i] if i < shown and i < len(cumulative) else None,
            "target": target[i] if has_target and i < len(target) else None,
        }
        for i in range(12)
    ]


def plan_document(plan: Plan, chart: Callable[..., str]) -> document.PlanDocument:
    progress = selectors.plan_progress(plan)
    objectives = [
        {
            "label": row.label,
            "scope": {
                "company": _("Company"),
                "zone": _("Zone"),
                "country": _("Country"),
                "person": _("Person"),
            }[row.scope],
            "revenue_target": row.revenue.target,
            "revenue_actual": row.revenue.actual,
            "revenue_pct": _pct(row.revenue.pct),
            "clients_target": int(row.new_clients.target),
            "clients_actual": int(row.new_clients.actual),
            "offers_target": int(row.offers.target),
            "offers_actual": int(row.offers.actual),
            "margin_target": _pct(row.objective.margin_pct),
            "margin_actual": _pct(row.margin_pct),
            "status": row.revenue.status,
            "budget": row.budget_eur,
            "spent": row.spent_eur,
        }
        for row in progress.rows
    ]
    actions = [
        {
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "title": a.title,
            "channel": str(a.get_channel_display()),
            "reference": a.event.name
            if a.event
            else (a.campaign.name if a.campaign else a.reference),
            "where": a.country or (a.zone.name if a.zone else ""),
            "owner": a.owner.get_full_name() or a.owner.username,
            "budget": a.budget_eur,
            "spent": a.spent_eur,
            "status": str(a.get_status_display()),
            "expected": a.expected_result,
            "objective": a.objective.scope_label if a.objective else "",
        }
        for a in selectors.actions(plan)
    ]
    channels = [
        {"label": c.label, "actions": c.actions, "budget": c.budget_eur, "spent": c.spent_eur}
        for c in progress.channels
    ]
    profile = SellerProfile.current()
    seller = (profile.trade_name or profile.legal_name) if profile else ""
    return document.PlanDocument(
        year=plan.year,
        title=plan.title,
        strategy=plan.strategy,
        until=progress.until,
        company=seller,
        objectives=objectives,
        actions=actions,
        channels=channels,
        totals={
            "budget": progress.budget_eur,
            "spent": progress.spent_eur,
            "revenue": progress.company.revenue,
            "target": progress.company_target,
            "done": progress.actions_done,
            "total": progress.actions_total,
        },
        chart=str(
            chart(
                progress.company.monthly,
                progress.company_cumulative,
                progress.company_target_line,
                plan.year,
                _("Company revenue against the plan's target"),
            )
        ),
        months=progress_months(
            progress.company.monthly,
            progress.company_cumulative,
            progress.company_target_line,
            plan.year,
        ),
    )


def plan_pdf(plan: Plan, chart: Callable[..., str]) -> bytes:
    return document.render(plan_document(plan, chart))
