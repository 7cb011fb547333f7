"""The event report (bilan du salon) as PDF, in French or English: objectives vs results,
leads by temperature and country, follow-up, budget vs actual, cost per lead and per
meeting, the offers and orders that came from the fair.

The figures come from :func:`.selectors.report` (the same as the page); the document is
rendered by ``comptoir.documents.pdf`` from plain values.
"""

from __future__ import annotations

from typing import Any

from django.utils import formats, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from comptoir.common import countries
from comptoir.common.dates import today
from comptoir.documents.pdf import render_pdf

from . import selectors
from .models import Event


def _money(value: Any) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


def report_context(event: Event, language: str) -> dict[str, Any]:
    with translation.override(language):
        r = selectors.report(event, today(), language)
        budget = r["budget"]
        biggest = max((row["count"] for row in r["by_temperature"]), default=0) or 1
        return {
            "language": language,
            "title": _("Event report: %(name)s") % {"name": event.name},
            "event": {
                "name": event.name,
                "kind": event.get_kind_display(),
                "dates": _("%(start)s to %(end)s")
                % {
                    "start": formats.date_format(event.starts_on, "DATE_FORMAT"),
                    "end": formats.date_format(event.ends_on, "DATE_FORMAT"),
                },
                "place": ", ".join(
                    p
                    for p in (
                        event.venue,
                        event.city,
                        countries.country_name(event.country, language) if event.country else "",
                    )
                    if p
                ),
                "stand": event.stand,
                "area": event.stand_area_m2,
                "stand_type": event.get_stand_type_display(),
                "team": ", ".join(u.get_full_name() or u.get_username() for u in event.team.all()),
                "objectives": event.objectives,
            },
            "objectives": [
                (_("Leads"), r["lead_target"], r["leads"], r["lead_pct"]),
                (_("Meetings"), r["meeting_target"], r["meetings"], r["meeting_pct"]),
            ],
            "new_prospects": r["new_prospects"],
            "known_companies": r["known_companies"],
            "with_consent": r["with_consent"],
            "temperatures": [
                {**row, "width": int(100 * row["count"] / biggest)} for row in r["by_temperature"]
            ],
            "countries": r["by_country"],
            "follow_up": [
                (_("done"), r["follow_up"]["done"]),
                (_("open"), r["follow_up"]["open"]),
                (_("late"), r["follow_up"]["late"]),
            ],
            "budget_rows": [
                {
                    "label": row["label"],
                    "planned": _money(row["planned"]),
                    "actual": _money(row["actual"]),
                    "variance": _money(row["variance"]),
                    "pct": row["variance_pct"],
                }
                for row in budget.rows
            ],
            "budget_total": {
                "planned": _money(budget.total.planned),
                "actual": _money(budget.total.actual),
                "variance": _money(budget.total.variance),
                "pct": budget.total.variance_pct,
            },
            "cost_per_lead": _money(r["cost_per_lead"]),
            "cost_per_meeting": _money(r["cost_per_meeting"]),
            "deals": [
                {
                    "kind": _("Offer") if d.kind == "offer" else _("Order"),
                    "reference": d.reference,
                    "company": d.company,
                    "day": formats.date_format(d.day, "SHORT_DATE_FORMAT"),
                    "amount": f"{_money(d.amount)} {d.currency}",
                }
                for d in r["deals"]
            ],
            "offers_eur": _money(r["offers_eur"]),
            "orders_eur": _money(r["orders_eur"]),
            "invitations": r["invitations"],
            "printed_on": formats.date_format(r["today"], "DATE_FORMAT"),
        }


def report_pdf(event: Event, language: str) -> bytes:
    context = report_context(event, language)
    with translation.override(language):
        return render_pdf("events/pdf/report.html", context)


def report_filename(event: Event, language: str) -> str:
    return f"{slugify(event.name) or 'event'}-{event.starts_on:%Y}-report-{language}.pdf"
