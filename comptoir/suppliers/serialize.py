"""The performance figures as plain JSON values (for the API and the page's JSON link)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from comptoir.calculators.texts import translate

from .selectors import Performance


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def performance_data(figures: Performance) -> dict[str, Any]:
    otif, lead = figures.otif, figures.lead
    return {
        "since": figures.since.isoformat(),
        "until": figures.until.isoformat(),
        "deliveries": otif.count,
        "on_time": otif.on_time,
        "in_full": otif.in_full,
        "otif": otif.otif,
        "on_time_pct": _s(otif.on_time_pct),
        "in_full_pct": _s(otif.in_full_pct),
        "otif_pct": _s(otif.otif_pct),
        "otif_steps": [translate(s) for s in otif.steps],
        "lead_time": {
            "reliable_pct": _s(lead.reliable_pct),
            "mean_lateness_days": _s(lead.mean_lateness_days),
            "stdev_lateness_days": _s(lead.stdev_lateness_days),
            "max_lateness_days": lead.max_lateness_days,
            "mean_lead_time_days": _s(
                lead.mean_lead_time_days.quantize(Decimal("0.1"))
                if lead.mean_lead_time_days is not None
                else None
            ),
        },
        "incidents": len(figures.incidents),
        "quality_incidents": figures.quality_incidents,
        "incident_rate_per_100": _s(figures.incident_rate),
        "open_incidents": figures.open_incidents,
        "outcomes": figures.outcomes,
        "incident_list": [
            {
                "id": i.pk,
                "kind": i.kind,
                "date": i.date.isoformat(),
                "reference": i.reference,
                "description": i.description,
                "outcome": i.outcome,
                "outcome_note": i.outcome_note,
            }
            for i in figures.incidents
        ],
        "price_trends": [
            {
                "product": t.product.reference,
                "currency": t.currency,
                "incoterm": t.incoterm,
                "first": str(t.trend.first),
                "last": str(t.trend.last),
                "lowest": str(t.trend.lowest),
                "highest": str(t.trend.highest),
                "change_pct": _s(t.trend.change_pct),
                "slope_pct_per_year": _s(t.trend.slope_pct_per_year),
                "points": [
                    {"date": p.day.isoformat(), "price": str(p.price)} for p in t.trend.points
                ],
            }
            for t in figures.trends
        ],
    }
