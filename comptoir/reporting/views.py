"""The reporting screens: the list of dashboards, any dashboard with its filters, its XLSX
export, and the pickers' suggestions. Thin: parse the filters, call the builder, render."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from comptoir.catalog import selectors as catalog
from comptoir.common.dates import current_language, today
from comptoir.documents.exports import XLSX_TYPE
from comptoir.documents.report_xlsx import TooManyRows, write_workbook
from comptoir.parties import selectors as parties

from . import outputs, registry
from .filters import ReportFilters
from .forms import PICKER_ROLES, read_filters
from .render import dashboard_view, period_label


def _spec(key: str) -> registry.DashboardSpec:
    spec = registry.get(key)
    if spec is None:
        raise Http404
    return spec


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/index.html", {"specs": registry.specs()})


@require_GET
def dashboard(request: HttpRequest, key: str) -> HttpResponse:
    spec = _spec(key)
    form, filters = read_filters(request.GET, spec, today())
    context: dict[str, object] = {"spec": spec, "form": form, "specs": registry.specs()}
    if filters is None:
        return render(request, "reporting/dashboard.html", context, status=400)
    built = spec.build(filters, request.user)
    query = urlencode([(k, v) for k, v in request.GET.items() if v])
    context.update(
        {
            "view": dashboard_view(built, current_language()),
            "filters": filters,
            "period": period_label(filters.period.start, filters.period.end),
            "previous": _previous(filters),
            "query": query,
        }
    )
    return render(request, "reporting/dashboard.html", context)


def _previous(filters: ReportFilters) -> str:
    if not filters.compare:
        return ""
    before = filters.previous_year().period
    return period_label(before.start, before.end)


@require_GET
def dashboard_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    spec = _spec(key)
    form, filters = read_filters(request.GET, spec, today())
    if filters is None:
        return render(
            request,
            "reporting/dashboard.html",
            {"spec": spec, "form": form, "specs": registry.specs()},
            status=400,
        )
    built = spec.build(filters, request.user)
    try:
        content = write_workbook(outputs.sheets(built))
    except TooManyRows as exc:
        return HttpResponse(
            _("A table has more than %(max)s rows: choose a shorter period or a filter.")
            % {"max": exc.args[0]},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type=XLSX_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="comptoir-{spec.key}-{filters.period.start.isoformat()}-'
        f'{filters.period.end.isoformat()}-{stamp}.xlsx"'
    )
    return response


@require_GET
def suggest(request: HttpRequest, kind: str) -> HttpResponse:
    """Companies of a role or products matching what is typed (htmx fragment of a picker)."""
    if kind not in {*PICKER_ROLES, "product"}:
        raise Http404
    q = request.GET.get("q") or next(
        (request.GET.get(k, "") for k in request.GET if k.endswith("_search")), ""
    )
    q = q.strip()[:80]
    field = request.GET.get("field", f"id_{kind}")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,60}", field):
        field = f"id_{kind}"
    choices: list[tuple[int, str, str]] = []
    if len(q) >= 2:
        if kind == "product":
            language = current_language()
            choices = [
                (p.pk, f"{p.reference} — {p.name(language)}", p.hs_code)
                for p in catalog.product_suggestions(q)
            ]
        else:
            choices = [
                (c.pk, c.name, f"{c.city} · {c.country}")
                for c in parties.company_suggestions(q, PICKER_ROLES[kind])
            ]
    return render(request, "reporting/_suggestions.html", {"choices": choices, "field": field})
