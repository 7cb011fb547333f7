"""The exposure as the page, the spreadsheet, the chart and the API show it: one computation
(:func:`selectors.exposure`), laid out here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from comptoir.common.dates import current_language
from comptoir.documents.charts import ChartSeries, month_label, stacked_bar_chart
from comptoir.trade import fx_exposure as core

from .selectors import Exposure


def month_labels(currency: core.CurrencyExposure) -> list[tuple[str, core.MonthRow]]:
    """Each month of the currency with its name in the reader's language (``mars 2026``),
    for the chart and the table beside it."""
    language = current_language()
    out = []
    for m in currency.months:
        year, month = (int(part) for part in m.month.split("-"))
        out.append((month_label(dt.date(year, month, 1), language), m))
    return out


def chart(currency: core.CurrencyExposure) -> SafeString:
    """Per month: the hedged and the uncovered positions piled up to the net position (its
    line), receipts and payments (below zero) as lines; the figures in the table beside."""
    months = month_labels(currency)
    return stacked_bar_chart(
        title=_("%(currency)s: receipts, payments, hedges and net position per month")
        % {"currency": currency.currency},
        categories=[label for label, _m in months],
        series=[
            ChartSeries(_("Hedged"), tuple(m.hedged for _l, m in months)),
            ChartSeries(_("Uncovered"), tuple(m.uncovered for _l, m in months)),
        ],
        total=_("Net position"),
        lines=[
            ChartSeries(_("Receipts"), tuple(m.receipts for _l, m in months)),
            ChartSeries(_("Payments"), tuple(-m.payments for _l, m in months)),
        ],
        language=current_language(),
        empty=_("Nothing expected in this currency."),
        kind="money",
        currency=currency.currency,
        desc=_(
            "Bars: the hedged position (solid) and the uncovered position (hatched) of each "
            "month, piled up to the net position (solid line); receipts (dashed line) and "
            "payments below zero (dotted line)."
        ),
    )


def header() -> list[str]:
    return [
        _("Currency"),
        _("Month"),
        _("Receipts"),
        _("Payments"),
        _("Net position"),
        _("Hedged"),
        _("Uncovered"),
        _("Hedge ratio (%)"),
        _("Uncovered at the ECB rate (EUR)"),
        _("Uncovered at the budget rate (EUR)"),
        _("Difference vs budget (EUR)"),
    ]


def _eur(value: Decimal, rate: Decimal | None) -> Decimal | str:
    if rate is None:
        return ""
    return (value * rate).quantize(Decimal("0.01"))


def rows(exposure: Exposure) -> list[list[object]]:
    """The table: per currency, one row per month then its total (typed values)."""
    out: list[list[object]] = []
    for cur in exposure.currencies:
        for m in cur.months:
            spot = _eur(m.uncovered, cur.spot)
            budget = _eur(m.uncovered, cur.budget)
            out.append(
                [
                    cur.currency,
                    m.month,
                    m.receipts,
                    m.payments,
                    m.net,
                    m.hedged,
                    m.uncovered,
                    m.hedge_ratio if m.hedge_ratio is not None else "",
                    spot,
                    budget,
                    spot - budget
                    if isinstance(spot, Decimal) and isinstance(budget, Decimal)
                    else "",
                ]
            )
        out.append(
            [
                cur.currency,
                pgettext("table total", "Total"),
                cur.receipts,
                cur.payments,
                cur.net,
                cur.hedged,
                cur.uncovered,
                cur.hedge_ratio if cur.hedge_ratio is not None else "",
                cur.uncovered_at_spot if cur.uncovered_at_spot is not None else "",
                cur.uncovered_at_budget if cur.uncovered_at_budget is not None else "",
                cur.gain_vs_budget if cur.gain_vs_budget is not None else "",
            ]
        )
    return out


def as_json(exposure: Exposure) -> dict[str, Any]:
    """The exposure for the API (amounts as strings, as everywhere in the API)."""

    def money(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return {
        "as_of": exposure.as_of.isoformat(),
        "currencies": [
            {
                "currency": cur.currency,
                "spot_eur_per_unit": money(cur.spot),
                "spot_date": exposure.spot[cur.currency].day.isoformat()
                if cur.currency in exposure.spot
                else None,
                "spot_source": exposure.spot[cur.currency].source
                if cur.currency in exposure.spot
                else None,
                "budget_eur_per_unit": money(cur.budget),
                "receipts": money(cur.receipts),
                "payments": money(cur.payments),
                "net": money(cur.net),
                "hedged": money(cur.hedged),
                "uncovered": money(cur.uncovered),
                "hedge_ratio_pct": money(cur.hedge_ratio),
                "uncovered_at_spot_eur": money(cur.uncovered_at_spot),
                "uncovered_at_budget_eur": money(cur.uncovered_at_budget),
                "difference_vs_budget_eur": money(cur.gain_vs_budget),
                "months": [
                    {
                        "month": m.month,
                        "receipts": money(m.receipts),
                        "payments": money(m.payments),
                        "net": money(m.net),
                        "hedged": money(m.hedged),
                        "uncovered": money(m.uncovered),
                        "hedge_ratio_pct": money(m.hedge_ratio),
                    }
                    for m in cur.months
                ],
                "payables": [
                    {
                        "kind": p.kind,
                        "label": p.label,
                        "supplier": p.supplier,
                        "reference": p.flow.reference,
                        "due_on": p.flow.on.isoformat(),
                        "estimated": p.estimated,
                        "amount": money(p.flow.amount),
                        "url": p.url,
                    }
                    for p in exposure.payables_in(cur.currency)
                ],
                "hedges": [
                    {
                        "reference": h.hedge.reference,
                        "kind": h.hedge.kind,
                        "side": h.hedge.side,
                        "amount": money(h.hedge.amount),
                        "rate": money(h.hedge.rate),
                        "maturity": h.hedge.maturity.isoformat(),
                        "eur_at_contract": money(h.eur_at_contract),
                        "value_vs_spot_eur": money(h.value_vs_spot),
                        "result_vs_budget_eur": money(h.result_vs_budget),
                    }
                    for h in cur.hedges
                ],
            }
            for cur in exposure.currencies
        ],
    }
