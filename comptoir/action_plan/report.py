"""The action plan as a document: the facts gathered once, in the active language, for
:mod:`comptoir.documents.action_plan` to render."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from comptoir.documents import action_plan as document
from comptoir.sales.models import SellerProfile

from . import selectors
from .models import Plan


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} %"


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
    )


def plan_pdf(plan: Plan, chart: Callable[..., str]) -> bytes:
    return document.render(plan_document(plan, chart))
